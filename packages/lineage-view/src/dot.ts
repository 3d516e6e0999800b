import { toGraph } from './build-graph.js';
import type { LineageGraph } from './model.js';
import { DATASET_COLOURS, STATE_COLOURS } from './palette.js';
import { jobLabel, structureOf } from './structure.js';

/** A DOT quoted string; doubling backslashes keeps `\n`, `\N` and friends in names literal. */
function q(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/**
 * A Graphviz digraph (rankdir=LR) of the lineage. Node ids are the graph's own ids
 * (`job:<namespace>/<name>`, `dataset:<namespace>/<name>`); parent jobs are clusters around
 * their children. Accepts events or a graph from `buildLineageGraph`.
 */
export function toDot(input: LineageGraph | Iterable<unknown>): string {
  const graph = toGraph(input);
  const s = structureOf(graph);
  const datasets = new Map(graph.datasets.map((d) => [d.id, d]));
  const lines = [
    'digraph lineage {',
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.6];',
    '  node [fontname="Helvetica", fontsize=10, style="rounded,filled", shape=box];',
    '  edge [color="#64748b", arrowsize=0.7];',
  ];

  const jobNode = (id: string, pad: string): void => {
    const job = s.jobs.get(id)!;
    const c = STATE_COLOURS[job.state];
    lines.push(`${pad}${q(id)} [label=${q(jobLabel(job))}, fillcolor=${q(c.fill)}, color=${q(c.stroke)}, fontcolor=${q(c.text)}];`);
  };
  const emit = (id: string, depth: number): void => {
    const pad = '  '.repeat(depth);
    const job = s.jobs.get(id);
    if (job === undefined) {
      const d = datasets.get(id)!;
      const c = DATASET_COLOURS;
      lines.push(`${pad}${q(id)} [shape=cylinder, style=filled, label=${q(`${d.namespace}/${d.name}`)}, fillcolor=${q(c.fill)}, color=${q(c.stroke)}];`);
      return;
    }
    const inside = s.members.get(id);
    if (inside === undefined) {
      jobNode(id, pad);
      return;
    }
    const c = STATE_COLOURS[job.state];
    lines.push(`${pad}subgraph ${q(`cluster_${id}`)} {`);
    lines.push(`${pad}  label=${q(jobLabel(job))}; style="rounded,filled"; fillcolor=${q(c.fill)}; color=${q(c.stroke)}; fontcolor=${q(c.text)};`);
    // Edges cannot end on a cluster: the group's own job gets a node inside it.
    if (s.groupsWithEdges.has(id)) jobNode(id, `${pad}  `);
    for (const child of inside) emit(child, depth + 1);
    lines.push(`${pad}}`);
  };
  for (const id of s.top) emit(id, 1);
  for (const e of graph.edges) lines.push(`  ${q(e.from)} -> ${q(e.to)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

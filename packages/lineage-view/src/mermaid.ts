import { toGraph } from './build-graph.js';
import { RUN_STATES, type LineageGraph } from './model.js';
import { DATASET_COLOURS, STATE_COLOURS } from './palette.js';
import { jobLabel, structureOf } from './structure.js';

/** Mermaid reads `#…;` as an entity code and `"` ends a label: both, and HTML, are written as entity codes. */
function label(text: string): string {
  return `"${text.replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`)}"`;
}

export interface MermaidOptions {
  /** Colour classes (`classDef`, `:::state`); false gives the bare structure, for text-only readers (default true). */
  styles?: boolean;
}

/**
 * A Mermaid flowchart (left to right) of the lineage: jobs as rounded boxes coloured by the state of
 * their latest run, datasets as cylinders, parent jobs as subgraphs around their children.
 * Accepts events or a graph from `buildLineageGraph`.
 */
export function toMermaid(input: LineageGraph | Iterable<unknown>, options: MermaidOptions = {}): string {
  const styles = options.styles ?? true;
  const graph = toGraph(input);
  const s = structureOf(graph);
  const ids = new Map<string, string>();
  graph.jobs.forEach((j, i) => ids.set(j.id, `j${i}`));
  graph.datasets.forEach((d, i) => ids.set(d.id, `d${i}`));
  const datasets = new Map(graph.datasets.map((d) => [d.id, d]));
  const lines = ['flowchart LR'];
  const used = new Set<string>();

  const emit = (id: string, depth: number): void => {
    const pad = '  '.repeat(depth);
    const job = s.jobs.get(id);
    const mid = ids.get(id)!;
    if (job === undefined) {
      const d = datasets.get(id)!;
      lines.push(`${pad}${mid}[(${label(`${d.namespace}/${d.name}`)})]${styles ? ':::dataset' : ''}`);
      return;
    }
    const cls = job.state.toLowerCase();
    used.add(cls);
    const inside = s.members.get(id);
    if (inside === undefined) {
      lines.push(`${pad}${mid}([${label(jobLabel(job))}])${styles ? `:::${cls}` : ''}`);
      return;
    }
    lines.push(`${pad}subgraph ${mid} [${label(jobLabel(job))}]`);
    for (const child of inside) emit(child, depth + 1);
    lines.push(`${pad}end`);
    if (styles) lines.push(`${pad}class ${mid} ${cls}`);
  };
  for (const id of s.top) emit(id, 1);
  for (const e of graph.edges) lines.push(`  ${ids.get(e.from)!} --> ${ids.get(e.to)!}`);
  if (!styles) return `${lines.join('\n')}\n`;
  for (const state of RUN_STATES) {
    const cls = state.toLowerCase();
    if (!used.has(cls)) continue;
    const c = STATE_COLOURS[state];
    lines.push(`  classDef ${cls} fill:${c.fill},stroke:${c.stroke},color:${c.text}`);
  }
  if (graph.datasets.length > 0) lines.push(`  classDef dataset fill:${DATASET_COLOURS.fill},stroke:${DATASET_COLOURS.stroke},color:${DATASET_COLOURS.text}`);
  return `${lines.join('\n')}\n`;
}

import type { JobNode, LineageGraph } from './model.js';

/**
 * How a graph nests: jobs with children are drawn as groups (clusters, subgraphs) around them.
 * A group whose own job also reads or writes datasets gets a node of its own inside the group,
 * because edges cannot end on a cluster in Graphviz or dagre.
 */
export interface Structure {
  /** Node ids at the top level (not inside any group), in graph order. */
  top: string[];
  /** Group id → ids of the nodes directly inside it. */
  members: Map<string, string[]>;
  /** Groups whose job has edges of its own. */
  groupsWithEdges: Set<string>;
  jobs: Map<string, JobNode>;
}

export function structureOf(graph: LineageGraph): Structure {
  const jobs = new Map(graph.jobs.map((j) => [j.id, j]));
  const members = new Map<string, string[]>();
  for (const j of graph.jobs) if (j.children.length > 0) members.set(j.id, [...j.children]);
  const top = [...graph.jobs.filter((j) => j.parent === undefined).map((j) => j.id), ...graph.datasets.map((d) => d.id)];
  const groupsWithEdges = new Set<string>();
  for (const e of graph.edges) {
    if (members.has(e.from)) groupsWithEdges.add(e.from);
    if (members.has(e.to)) groupsWithEdges.add(e.to);
  }
  return { top, members, groupsWithEdges, jobs };
}

/** `namespace/name (STATE)` for a job with runs, `namespace/name` otherwise: the text label of Mermaid and DOT. */
export function jobLabel(job: JobNode): string {
  return job.runs.length > 0 ? `${job.namespace}/${job.name} (${job.state})` : `${job.namespace}/${job.name}`;
}

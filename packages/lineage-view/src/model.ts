/**
 * The lineage graph of a set of OpenLineage events: what every renderer (HTML page, Mermaid, DOT)
 * draws. Plain JSON data, so the HTML page can embed it as is.
 */

/** The type of a run's last event; `OTHER` also stands for a job with no run at all. */
export type RunState = 'START' | 'RUNNING' | 'COMPLETE' | 'FAIL' | 'ABORT' | 'OTHER';

export const RUN_STATES: readonly RunState[] = ['START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT', 'OTHER'];

export type Facets = Record<string, unknown>;

export interface RunInfo {
  runId: string;
  /** The type of this run's last event. */
  state: RunState;
  /** eventTime of its first event (RFC 3339, as sent). */
  startTime?: string;
  /** eventTime of its last event, when that event is COMPLETE, FAIL or ABORT. */
  endTime?: string;
  durationMs?: number;
  /** From the errorMessage run facet. */
  errorMessage?: string;
  stackTrace?: string;
  /** Event types in order, with their times. */
  events: { eventType: RunState; eventTime?: string }[];
  /** Run facets of all its events, merged (a later event's facet replaces an earlier one of the same key). */
  facets: Facets;
  /** The parent run facet's run id, when there is one. */
  parentRunId?: string;
}

export interface JobNode {
  /** `job:<namespace>/<name>`. */
  id: string;
  kind: 'job';
  namespace: string;
  name: string;
  /** The type of the last event of the latest run (the run whose first event is latest); `OTHER` without runs. */
  state: RunState;
  /** Id of the parent job (from the latest parent run facet), when there is one. */
  parent?: string;
  /** Ids of jobs whose latest parent is this job. */
  children: string[];
  /** Newest first (by first event). */
  runs: RunInfo[];
  /** Job facets of all its events, merged. */
  facets: Facets;
  /** True when the job is only known from its children's parent run facets. */
  referencedOnly: boolean;
}

export interface Transformation {
  type: string;
  subtype?: string;
  description?: string;
  masking?: boolean;
}

export interface InputFieldRef {
  /** `dataset:<namespace>/<name>` of the input dataset. */
  dataset: string;
  namespace: string;
  name: string;
  field: string;
  transformations: Transformation[];
}

export interface ColumnLineage {
  /** The output column. */
  field: string;
  inputs: InputFieldRef[];
  /** Deprecated field-level members, shown when a producer still sends them. */
  transformationType?: string;
  transformationDescription?: string;
}

export interface SchemaField {
  name: string;
  type?: string;
  description?: string;
  fields?: SchemaField[];
}

export interface DatasetNode {
  /** `dataset:<namespace>/<name>`. */
  id: string;
  kind: 'dataset';
  namespace: string;
  name: string;
  /** Dataset facets of every mention, merged in event-time order. */
  facets: Facets;
  schema?: SchemaField[];
  /** Column lineage into this dataset (from its columnLineage facet). */
  columnLineage: ColumnLineage[];
  /** Inputs that affect the whole dataset (filters, joins, grouping): the facet's `dataset` member. */
  datasetLineage: InputFieldRef[];
}

export interface LineageEdge {
  /** `<from>-><to>`. */
  id: string;
  from: string;
  to: string;
  /** Input or output facets of the latest event that named this edge. */
  facets?: Facets;
}

export interface LineageGraph {
  /** Events taken into the graph. */
  events: number;
  /** Values that were not events (not objects with a job or a dataset) and were left out. */
  ignored: number;
  jobs: JobNode[];
  datasets: DatasetNode[];
  edges: LineageEdge[];
}

export const jobId = (namespace: string, name: string): string => `job:${namespace}/${name}`;
export const datasetId = (namespace: string, name: string): string => `dataset:${namespace}/${name}`;
export const edgeId = (from: string, to: string): string => `${from}->${to}`;

/** Jobs that have children are drawn as groups around them. */
export function groupIds(graph: LineageGraph): Set<string> {
  return new Set(graph.jobs.filter((j) => j.children.length > 0).map((j) => j.id));
}

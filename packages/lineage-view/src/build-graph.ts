import {
  datasetId,
  edgeId,
  jobId,
  RUN_STATES,
  type ColumnLineage,
  type DatasetNode,
  type Facets,
  type InputFieldRef,
  type JobNode,
  type LineageEdge,
  type LineageGraph,
  type RunInfo,
  type RunState,
  type SchemaField,
  type Transformation,
} from './model.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const facetsOf = (v: unknown): Facets => (isObj(v) ? v : {});

interface Named {
  namespace: string;
  name: string;
}

function named(v: unknown): Named | undefined {
  if (!isObj(v)) return undefined;
  const namespace = str(v.namespace);
  const name = str(v.name);
  return namespace !== undefined && name !== undefined ? { namespace, name } : undefined;
}

interface Entry {
  event: Obj;
  time: number;
  seq: number;
}

interface RunBuilder {
  info: RunInfo;
  job: string;
  /** Position (in time order) of the run's first event: the latest run is the one whose first event is latest. */
  first: number;
  parentJob?: string;
}

interface JobBuilder {
  node: JobNode;
  runs: Map<string, RunBuilder>;
  /** Parent job named by the most recent event carrying a parent run facet. */
  parent?: string;
}

const TERMINAL = new Set<RunState>(['COMPLETE', 'FAIL', 'ABORT']);

function runState(v: unknown): RunState {
  return typeof v === 'string' && (RUN_STATES as readonly string[]).includes(v) ? (v as RunState) : 'OTHER';
}

/**
 * Builds the lineage graph of `events` (parsed JSON; anything that is not an event is counted in
 * `ignored`). Events are taken in eventTime order (input order among equal times; an event without
 * a valid eventTime counts as the oldest), so "latest" means latest by eventTime wherever the
 * events came from.
 */
export function buildLineageGraph(events: Iterable<unknown>): LineageGraph {
  const entries: Entry[] = [];
  let ignored = 0;
  let seq = 0;
  for (const event of events) {
    if (!isObj(event) || (named(event.job) === undefined && named(event.dataset) === undefined)) {
      ignored += 1;
      continue;
    }
    const time = typeof event.eventTime === 'string' ? Date.parse(event.eventTime) : NaN;
    entries.push({ event, time: Number.isNaN(time) ? -Infinity : time, seq: seq++ });
  }
  entries.sort((a, b) => (a.time === b.time ? a.seq - b.seq : a.time - b.time));

  const jobs = new Map<string, JobBuilder>();
  const datasets = new Map<string, DatasetNode>();
  const edges = new Map<string, LineageEdge>();

  const job = (n: Named, referencedOnly: boolean): JobBuilder => {
    const id = jobId(n.namespace, n.name);
    let b = jobs.get(id);
    if (!b) {
      b = {
        node: { id, kind: 'job', namespace: n.namespace, name: n.name, state: 'OTHER', children: [], runs: [], facets: {}, referencedOnly },
        runs: new Map(),
      };
      jobs.set(id, b);
    } else if (!referencedOnly) {
      b.node.referencedOnly = false;
    }
    return b;
  };
  const dataset = (n: Named, facets: unknown): DatasetNode => {
    const id = datasetId(n.namespace, n.name);
    let d = datasets.get(id);
    if (!d) {
      d = { id, kind: 'dataset', namespace: n.namespace, name: n.name, facets: {}, columnLineage: [], datasetLineage: [] };
      datasets.set(id, d);
    }
    Object.assign(d.facets, facetsOf(facets));
    return d;
  };
  const edge = (from: string, to: string, facets: unknown): void => {
    const id = edgeId(from, to);
    const e: LineageEdge = { id, from, to };
    if (isObj(facets) && Object.keys(facets).length > 0) e.facets = facets;
    else {
      const old = edges.get(id);
      if (old?.facets) e.facets = old.facets;
    }
    edges.set(id, e);
  };

  entries.forEach(({ event }, position) => {
    const ds = named(event.dataset);
    if (ds && named(event.job) === undefined) {
      dataset(ds, (event.dataset as Obj).facets);
      return;
    }
    const jobName = named(event.job)!;
    const j = job(jobName, false);
    Object.assign(j.node.facets, facetsOf((event.job as Obj).facets));
    for (const input of Array.isArray(event.inputs) ? event.inputs : []) {
      const n = named(input);
      if (n) edge(dataset(n, (input as Obj).facets).id, j.node.id, (input as Obj).inputFacets);
    }
    for (const output of Array.isArray(event.outputs) ? event.outputs : []) {
      const n = named(output);
      if (n) edge(j.node.id, dataset(n, (output as Obj).facets).id, (output as Obj).outputFacets);
    }
    const run = isObj(event.run) ? event.run : undefined;
    const runId = str(run?.runId);
    if (run === undefined || runId === undefined) return;
    let r = j.runs.get(runId);
    if (!r) {
      r = { info: { runId, state: 'OTHER', events: [], facets: {} }, job: j.node.id, first: position };
      j.runs.set(runId, r);
    }
    const type = runState(event.eventType);
    const time = str(event.eventTime);
    r.info.events.push(time === undefined ? { eventType: type } : { eventType: type, eventTime: time });
    r.info.state = type;
    Object.assign(r.info.facets, facetsOf(run.facets));
    const parent = isObj(r.info.facets.parent) ? r.info.facets.parent : undefined;
    const parentJob = named(parent?.job);
    if (parentJob) {
      const p = job(parentJob, true);
      if (p.node.id !== j.node.id) {
        j.parent = p.node.id;
        const parentRunId = isObj(parent!.run) ? str(parent!.run.runId) : undefined;
        if (parentRunId !== undefined) r.info.parentRunId = parentRunId;
      }
    }
  });

  for (const b of jobs.values()) finishJob(b);
  assignParents(jobs);
  for (const d of datasets.values()) finishDataset(d);

  return {
    events: entries.length,
    ignored,
    jobs: [...jobs.values()].map((b) => b.node),
    datasets: [...datasets.values()],
    edges: [...edges.values()],
  };
}

function finishJob(b: JobBuilder): void {
  const runs = [...b.runs.values()].sort((x, y) => y.first - x.first);
  for (const { info } of runs) {
    const first = info.events[0]?.eventTime;
    const last = info.events.at(-1);
    if (first !== undefined) info.startTime = first;
    if (last?.eventTime !== undefined && TERMINAL.has(last.eventType)) {
      info.endTime = last.eventTime;
      const ms = Date.parse(last.eventTime) - Date.parse(first ?? '');
      if (Number.isFinite(ms)) info.durationMs = ms;
    }
    const error = info.facets.errorMessage;
    if (isObj(error)) {
      const message = str(error.message);
      const stack = str(error.stackTrace);
      if (message !== undefined) info.errorMessage = message;
      if (stack !== undefined) info.stackTrace = stack;
    }
  }
  b.node.runs = runs.map((r) => r.info);
  b.node.state = runs[0]?.info.state ?? 'OTHER';
}

/** Parent links from the latest parent facets, without cycles (a bad producer can name a job its own ancestor). */
function assignParents(jobs: Map<string, JobBuilder>): void {
  for (const b of jobs.values()) {
    if (b.parent === undefined) continue;
    let cursor: string | undefined = b.parent;
    let cycle = false;
    for (let steps = 0; cursor !== undefined && steps <= jobs.size; steps++) {
      if (cursor === b.node.id) {
        cycle = true;
        break;
      }
      cursor = jobs.get(cursor)?.node.parent;
    }
    if (cycle) continue;
    b.node.parent = b.parent;
    jobs.get(b.parent)!.node.children.push(b.node.id);
  }
}

function finishDataset(d: DatasetNode): void {
  const schema = d.facets.schema;
  if (isObj(schema) && Array.isArray(schema.fields)) d.schema = schemaFields(schema.fields);
  const lineage = d.facets.columnLineage;
  if (!isObj(lineage)) return;
  if (isObj(lineage.fields)) {
    for (const [field, value] of Object.entries(lineage.fields)) {
      if (!isObj(value)) continue;
      const entry: ColumnLineage = { field, inputs: inputFields(value.inputFields) };
      const type = str(value.transformationType);
      const description = str(value.transformationDescription);
      if (type !== undefined) entry.transformationType = type;
      if (description !== undefined) entry.transformationDescription = description;
      d.columnLineage.push(entry);
    }
  }
  d.datasetLineage = inputFields(lineage.dataset);
}

function schemaFields(fields: unknown[]): SchemaField[] {
  const out: SchemaField[] = [];
  for (const f of fields) {
    if (!isObj(f) || typeof f.name !== 'string') continue;
    const field: SchemaField = { name: f.name };
    if (typeof f.type === 'string') field.type = f.type;
    if (typeof f.description === 'string') field.description = f.description;
    if (Array.isArray(f.fields)) field.fields = schemaFields(f.fields);
    out.push(field);
  }
  return out;
}

function inputFields(v: unknown): InputFieldRef[] {
  if (!Array.isArray(v)) return [];
  const out: InputFieldRef[] = [];
  for (const f of v) {
    const n = named(f);
    if (!n || typeof (f as Obj).field !== 'string') continue;
    const raw = (f as Obj).transformations;
    const transformations: Transformation[] = [];
    for (const t of Array.isArray(raw) ? raw : []) {
      if (!isObj(t) || typeof t.type !== 'string') continue;
      const tr: Transformation = { type: t.type };
      if (typeof t.subtype === 'string') tr.subtype = t.subtype;
      if (typeof t.description === 'string') tr.description = t.description;
      if (typeof t.masking === 'boolean') tr.masking = t.masking;
      transformations.push(tr);
    }
    out.push({ dataset: datasetId(n.namespace, n.name), ...n, field: (f as Obj).field as string, transformations });
  }
  return out;
}

/** A graph passes through; anything iterable is taken as events. */
export function toGraph(input: LineageGraph | Iterable<unknown>): LineageGraph {
  return Symbol.iterator in input ? buildLineageGraph(input) : input;
}

import type { Dataset, InputDataset, OpenLineageEvent, OutputDataset } from '../model/event.js';
import type { NamespaceResolvers } from './namespace-resolvers.js';
import { reduceInputDatasets, reduceOutputDatasets } from './reduce.js';
import type { DatasetNameTrimmer } from './trimmers.js';

export interface DatasetStageOptions {
  resolvers?: NamespaceResolvers;
  /** Empty: no trimming. */
  trimmers: readonly DatasetNameTrimmer[];
  producer: string;
}

/** What the client does to an event's datasets: resolve namespaces, then trim and merge partitions. */
export type DatasetStage = (event: OpenLineageEvent) => OpenLineageEvent;

/**
 * Builds the stage, or nothing when neither resolvers nor trimmers are configured. Only objects on a
 * changed path are copied: the caller's event, and anything it shares with other events, stays as it was.
 */
export function createDatasetStage(options: DatasetStageOptions): DatasetStage | undefined {
  const { resolvers, trimmers, producer } = options;
  const hasResolvers = resolvers !== undefined && resolvers.resolvers.length > 0;
  if (!hasResolvers && trimmers.length === 0) return undefined;
  const resolve = hasResolvers ? (ns: string) => resolvers.resolve(ns) : undefined;
  const reduceOptions = { trimmers, producer };
  return (event) => {
    const e = event as OpenLineageEvent & { inputs?: InputDataset[]; outputs?: OutputDataset[]; dataset?: Dataset };
    let inputs = e.inputs;
    let outputs = e.outputs;
    let dataset = e.dataset;
    if (resolve !== undefined) {
      if (Array.isArray(inputs)) inputs = mapChanged(inputs, (d) => resolveDataset(d, resolve));
      if (Array.isArray(outputs)) outputs = mapChanged(outputs, (d) => resolveDataset(d, resolve));
      if (isObject(dataset)) dataset = resolveDataset(dataset, resolve);
    }
    if (trimmers.length > 0) {
      if (Array.isArray(inputs) && inputs.length > 0) inputs = reduceInputDatasets(inputs, reduceOptions);
      if (Array.isArray(outputs) && outputs.length > 0) outputs = reduceOutputDatasets(outputs, reduceOptions);
    }
    if (inputs === e.inputs && outputs === e.outputs && dataset === e.dataset) return event;
    const out = { ...e };
    if (inputs !== e.inputs) out.inputs = inputs!;
    if (outputs !== e.outputs) out.outputs = outputs!;
    if (dataset !== e.dataset) out.dataset = dataset!;
    return out;
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `fn` over the array; the array itself when no element changed. */
function mapChanged<T>(items: readonly T[], fn: (item: T) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const next = fn(items[i]!);
    if (next !== items[i]) {
      out ??= items.slice();
      out[i] = next;
    }
  }
  return out ?? (items as T[]);
}

function resolveRef<T extends { namespace?: unknown }>(ref: T, resolve: (ns: string) => string): T {
  if (!isObject(ref) || typeof ref.namespace !== 'string') return ref;
  const ns = resolve(ref.namespace);
  return ns === ref.namespace ? ref : { ...ref, namespace: ns };
}

/** The dataset's namespace, its symlink identifiers and the input fields of its column lineage. */
export function resolveDataset<D extends Dataset>(dataset: D, resolve: (ns: string) => string): D {
  if (!isObject(dataset)) return dataset;
  let out = resolveRef(dataset, resolve);
  const facets = dataset.facets;
  if (!isObject(facets)) return out;
  let newFacets: Record<string, unknown> | undefined;

  const symlinks = facets.symlinks as { identifiers?: unknown } | undefined;
  if (isObject(symlinks) && Array.isArray(symlinks.identifiers)) {
    const ids = mapChanged(symlinks.identifiers as { namespace?: unknown }[], (id) => resolveRef(id, resolve));
    if (ids !== symlinks.identifiers) (newFacets ??= { ...facets }).symlinks = { ...symlinks, identifiers: ids };
  }

  const lineage = facets.columnLineage as { fields?: unknown; dataset?: unknown } | undefined;
  if (isObject(lineage)) {
    const resolveFields = (list: unknown): unknown =>
      Array.isArray(list) ? mapChanged(list as { namespace?: unknown }[], (f) => resolveRef(f, resolve)) : list;
    let newLineage: Record<string, unknown> | undefined;
    if (isObject(lineage.fields)) {
      let fields: Record<string, unknown> | undefined;
      for (const [column, spec] of Object.entries(lineage.fields)) {
        if (!isObject(spec)) continue;
        const inputFields = resolveFields(spec.inputFields);
        if (inputFields !== spec.inputFields) (fields ??= { ...lineage.fields })[column] = { ...spec, inputFields };
      }
      if (fields !== undefined) (newLineage ??= { ...lineage }).fields = fields;
    }
    const datasetLevel = resolveFields(lineage.dataset);
    if (datasetLevel !== lineage.dataset) (newLineage ??= { ...lineage }).dataset = datasetLevel;
    if (newLineage !== undefined) (newFacets ??= { ...facets }).columnLineage = newLineage;
  }

  if (newFacets === undefined) return out;
  if (out === dataset) out = { ...dataset };
  return { ...out, facets: newFacets as D['facets'] };
}

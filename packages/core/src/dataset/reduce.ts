import { facets as standardFacets } from '../facets/standard.js';
import type { InputDataset, OutputDataset } from '../model/event.js';
import { DEFAULT_TRIMMERS, hasMultipleDirectories, trimDatasetName, type DatasetNameTrimmer } from './trimmers.js';

export interface ReduceOptions {
  /** Default: the four built-in trimmers. */
  trimmers?: readonly DatasetNameTrimmer[];
  /** `_producer` of the subset facets added (default: this client). */
  producer?: string;
}

interface Reduced<D> {
  dataset: D;
  trimmedName: string;
  /** Full names of every dataset merged into this one whose name was trimmed. */
  locations: string[];
}

/**
 * Trims input dataset names and merges inputs that trim to the same name within one namespace and carry
 * identical facets. The full names go into `inputFacets.subset` as a location condition. Returns the
 * array itself when no name was trimmed, so events without partitioned paths pass through untouched.
 */
export function reduceInputDatasets(datasets: readonly InputDataset[], options: ReduceOptions = {}): InputDataset[] {
  return reduce(datasets, options, 'inputFacets', (locations, producer) =>
    standardFacets.inputSubsetInputDataset({ inputCondition: { type: 'location', locations } }, { producer }),
  );
}

/** As `reduceInputDatasets`, with the full names in `outputFacets.subset.outputCondition`. */
export function reduceOutputDatasets(datasets: readonly OutputDataset[], options: ReduceOptions = {}): OutputDataset[] {
  return reduce(datasets, options, 'outputFacets', (locations, producer) =>
    standardFacets.outputSubsetOutputDataset({ outputCondition: { type: 'location', locations } }, { producer }),
  );
}

type AnyDataset = InputDataset & OutputDataset;

function reduce(
  datasets: readonly AnyDataset[],
  options: ReduceOptions,
  ioFacets: 'inputFacets' | 'outputFacets',
  subset: (locations: string[], producer: string | undefined) => object,
): AnyDataset[] {
  const trimmers = options.trimmers ?? DEFAULT_TRIMMERS;
  let names: string[] | undefined;
  for (let i = 0; i < datasets.length; i++) {
    const name = datasets[i]!.name;
    if (typeof name !== 'string' || !hasMultipleDirectories(name)) continue;
    const trimmed = trimDatasetName(name, trimmers);
    if (trimmed === name) continue;
    names ??= datasets.map((d) => d.name);
    names[i] = trimmed;
  }
  if (names === undefined) return datasets as AnyDataset[];

  // Grouped by namespace and trimmed name, in order of first appearance; Java does not look at namespaces.
  const groups = new Map<string, Reduced<AnyDataset>[]>();
  datasets.forEach((dataset, i) => {
    const trimmedName = names[i]!;
    const key = `${dataset.namespace}\u0000${trimmedName}`;
    const entry: Reduced<AnyDataset> = { dataset, trimmedName, locations: trimmedName !== dataset.name ? [dataset.name] : [] };
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [entry]);
      return;
    }
    const same = group.find((g) => deepEqual(g.dataset.facets, dataset.facets) && deepEqual(g.dataset[ioFacets], dataset[ioFacets]));
    if (same !== undefined) same.locations.push(...entry.locations);
    else group.push(entry);
  });

  const out: AnyDataset[] = [];
  for (const group of groups.values()) {
    for (const r of group) {
      if (r.locations.length === 0 && r.trimmedName === r.dataset.name) {
        out.push(r.dataset);
        continue;
      }
      const copy: AnyDataset = { ...r.dataset, name: r.trimmedName };
      if (r.locations.length > 0) copy[ioFacets] = { ...r.dataset[ioFacets], subset: subset(r.locations, options.producer) as never };
      out.push(copy);
    }
  }
  return out;
}

/** Structural equality of JSON-like values; absent and empty facet maps count as equal. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmptyMap(a) && isEmptyMap(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function isEmptyMap(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).every((k) => (v as Record<string, unknown>)[k] === undefined))
  );
}

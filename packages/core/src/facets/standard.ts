import { DEFAULT_PRODUCER } from '../version.js';
import { STANDARD_FACETS, createStandardFacetBuilders, type FacetLocation, type StandardFacetInfo } from '../generated/catalog.js';

export { STANDARD_FACETS, createStandardFacetBuilders };
export type { FacetBase, FacetLocation, FacetOptions, StandardFacetBuilders, StandardFacetInfo } from '../generated/catalog.js';
export type * from '../generated/facet-types.js';

/**
 * A builder for every standard facet definition, named after the definition in lowerCamel
 * without `Facet` (`SchemaDatasetFacet` → `facets.schemaDataset`). Each fills `_producer`
 * (default: this client, override with `{ producer }`) and the definition's `_schemaURL`.
 * For another default producer, use `createStandardFacetBuilders(producer)`.
 */
export const facets = createStandardFacetBuilders(DEFAULT_PRODUCER);

function index(): Record<FacetLocation, Readonly<Record<string, StandardFacetInfo>>> {
  const out: Record<FacetLocation, Record<string, StandardFacetInfo>> = { run: {}, job: {}, dataset: {}, inputDataset: {}, outputDataset: {} };
  for (const f of STANDARD_FACETS) out[f.location][f.key] = f;
  return out;
}

/**
 * Standard facets by where they are attached and the key used there, e.g.
 * `STANDARD_FACET_KEYS.dataset.schema` → SchemaDatasetFacet. Locations: `run` (run.facets),
 * `job` (job.facets), `dataset` (facets of any dataset), `inputDataset` (inputFacets),
 * `outputDataset` (outputFacets).
 */
export const STANDARD_FACET_KEYS: Readonly<Record<FacetLocation, Readonly<Record<string, StandardFacetInfo>>>> = index();

/** The standard facet attached under `key` at `location`, if there is one. */
export function standardFacet(location: FacetLocation, key: string): StandardFacetInfo | undefined {
  return Object.hasOwn(STANDARD_FACET_KEYS[location], key) ? STANDARD_FACET_KEYS[location][key] : undefined;
}

/** True when `key` is a standard facet key anywhere (e.g. `schema`, `parent`, `processing_engine`). */
export function isStandardFacetKey(key: string): boolean {
  return STANDARD_FACETS.some((f) => f.key === key);
}

import type { BaseFacet } from '../model/event.js';
import { isUri } from '../validation/formats.js';
import { DEFAULT_PRODUCER } from '../version.js';
import type { FacetLocation, FacetOptions } from '../generated/catalog.js';
import { isStandardFacetKey } from './standard.js';

/** The entity a facet is attached to; decides the `{Entity}` part of its name. */
export type FacetEntity = FacetLocation;

const ENTITY_NAMES: Record<FacetEntity, string> = {
  run: 'Run',
  job: 'Job',
  dataset: 'Dataset',
  inputDataset: 'InputDataset',
  outputDataset: 'OutputDataset',
};

/** `{prefix}_{name}`, both camelCase (the spec's example: `bigQuery_statistics`). */
const CUSTOM_KEY = /^[a-z][a-zA-Z0-9]*_[a-z][a-zA-Z0-9]*$/;
/** Branch names make a schema URL mutable; the spec wants a tag or commit. */
const MUTABLE_REF = /\/(?:main|master|HEAD|develop|trunk)\//;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `bigQuery_statistics` on a job → `BigQueryStatisticsJobFacet`. */
export function customFacetName(key: string, entity: FacetEntity): string {
  const [prefix = '', name = ''] = key.split('_');
  return `${upperFirst(prefix)}${upperFirst(name)}${ENTITY_NAMES[entity]}Facet`;
}

export interface CustomFacetSpec {
  /** Key the facet is attached under: `{prefix}_{name}`, both camelCase, e.g. `bigQuery_statistics`. */
  key: string;
  /** Entity it is attached to. */
  entity: FacetEntity;
  /** Immutable URL of the facet's schema definition (a tag or commit, not a branch). */
  schemaURL: string;
  /** Definition name; must be `{Prefix}{Name}{Entity}Facet` (derived from the key when omitted). */
  definition?: string;
  /** Default `_producer`; this client's when omitted. */
  producer?: string;
}

/**
 * Problems with a custom facet's naming under the spec's rule for custom facets: the key is
 * `{prefix}_{name}` (camelCase parts, the prefix naming the project that defines it) and must
 * not be a standard facet key; the definition is named `{Prefix}{Name}{Entity}Facet`; the
 * schema URL is an absolute, immutable URL. Empty when all is well.
 */
export function customFacetProblems(spec: Partial<CustomFacetSpec>): string[] {
  const problems: string[] = [];
  const { key, entity, definition: name, schemaURL } = spec;
  if (typeof key !== 'string' || !CUSTOM_KEY.test(key)) {
    problems.push(`key ${JSON.stringify(key)} must be {prefix}_{name} with both parts camelCase, e.g. "bigQuery_statistics"`);
  } else if (isStandardFacetKey(key)) {
    problems.push(`key "${key}" is a standard facet key; custom facets need a prefix naming their project`);
  }
  if (entity === undefined || !Object.hasOwn(ENTITY_NAMES, entity)) {
    problems.push(`entity ${JSON.stringify(entity)} must be one of ${Object.keys(ENTITY_NAMES).join(', ')}`);
  } else if (name !== undefined && typeof key === 'string' && CUSTOM_KEY.test(key)) {
    const expected = customFacetName(key, entity);
    if (name !== expected) problems.push(`definition "${name}" must be {Prefix}{Name}{Entity}Facet, i.e. "${expected}" for key "${key}" on a ${entity}`);
  }
  if (typeof schemaURL !== 'string' || !isUri(schemaURL)) {
    problems.push(`schemaURL ${JSON.stringify(schemaURL)} must be an absolute URI`);
  } else if (MUTABLE_REF.test(schemaURL)) {
    problems.push(`schemaURL "${schemaURL}" points at a branch; use an immutable URL (a tag or commit)`);
  }
  return problems;
}

export interface CustomFacetBuilder<Body extends object> {
  (body: Body, options?: FacetOptions): Body & BaseFacet;
  readonly key: string;
  /** Definition name, e.g. `BigQueryStatisticsJobFacet`. */
  readonly definition: string;
  readonly entity: FacetEntity;
  readonly schemaURL: string;
}

/**
 * Declares a custom facet and returns its builder, after checking its naming against the
 * spec's rule (throws a TypeError listing every violation).
 *
 *   const stats = defineFacet<{ bytesBilled: number }>({ key: 'bigQuery_statistics', entity: 'job',
 *     schemaURL: 'https://example.com/schemas/1-0-0/BigQueryStatisticsJobFacet.json#/$defs/BigQueryStatisticsJobFacet' });
 *   job.facets[stats.key] = stats({ bytesBilled: 10 });
 */
export function defineFacet<Body extends object = Record<string, unknown>>(spec: CustomFacetSpec): CustomFacetBuilder<Body> {
  const problems = customFacetProblems(spec);
  if (problems.length > 0) throw new TypeError(`defineFacet: ${problems.join('; ')}`);
  const { key, entity, schemaURL } = spec;
  const definition = spec.definition ?? customFacetName(key, entity);
  const producer = spec.producer ?? DEFAULT_PRODUCER;
  const build = (body: Body, options?: FacetOptions): Body & BaseFacet => ({
    _producer: options?.producer ?? producer,
    _schemaURL: schemaURL,
    ...body,
  });
  return Object.assign(build, { key, definition, entity, schemaURL });
}

import { createRequire } from 'node:module';
import { ValidationError, type ValidationProblem } from '../errors.js';
import { SPEC_URL } from '../model/event.js';
import { toJSON } from '../model/serialize.js';
import { STANDARD_FACETS, type FacetLocation } from '../generated/catalog.js';
import { formats } from './formats.js';

interface CompiledError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}
interface CompiledValidator {
  (data: unknown): boolean;
  errors?: CompiledError[] | null;
}

let compiled: CompiledValidator | undefined;

/**
 * The generated validator is ~370 KB of code, so it is loaded on the first validation rather
 * than when @ol/core is imported; CommonJS lets that happen synchronously.
 */
function validator(): CompiledValidator {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const create = require('../generated/validators.cjs') as (f: typeof formats) => { validateEvent: CompiledValidator };
    compiled = create(formats).validateEvent;
  }
  return compiled;
}

const STANDARD_BY_LOCATION = new Map<string, string>();
for (const f of STANDARD_FACETS) STANDARD_BY_LOCATION.set(`${f.location}/${f.key}`, f.schemaURL);

const BASE_OF: Record<FacetLocation, string> = {
  run: 'RunFacet',
  job: 'JobFacet',
  dataset: 'DatasetFacet',
  inputDataset: 'InputDatasetFacet',
  outputDataset: 'OutputDatasetFacet',
};

const FACET_POINTER = /^(?:\/(run|job)\/facets|\/dataset\/facets|\/(?:inputs|outputs)\/\d+\/(facets|inputFacets|outputFacets))\/([^/]+)/;

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function get(root: unknown, pointer: string): unknown {
  let node = root;
  for (const seg of pointer.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[unescapePointer(seg)];
  }
  return node;
}

/** The schema a problem was found against: the facet's own `_schemaURL`, else the event definition. */
function schemaOf(pointer: string, event: unknown): string {
  const m = FACET_POINTER.exec(pointer);
  if (m) {
    const facet = get(event, m[0]);
    const declared = typeof facet === 'object' && facet !== null ? (facet as Record<string, unknown>)._schemaURL : undefined;
    if (typeof declared === 'string') return declared;
    const [, entity, map] = m;
    const location: FacetLocation =
      entity === 'run' ? 'run' : entity === 'job' ? 'job' : map === 'inputFacets' ? 'inputDataset' : map === 'outputFacets' ? 'outputDataset' : 'dataset';
    return STANDARD_BY_LOCATION.get(`${location}/${unescapePointer(m[3]!)}`) ?? `${SPEC_URL}#/$defs/${BASE_OF[location]}`;
  }
  const e = typeof event === 'object' && event !== null ? (event as Record<string, unknown>) : {};
  const kind =
    e.run !== undefined && (e.job !== undefined || e.dataset === undefined)
      ? 'RunEvent'
      : e.dataset !== undefined || e.job === undefined
        ? 'DatasetEvent'
        : 'JobEvent';
  return `${SPEC_URL}#/$defs/${kind}`;
}

const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : JSON.stringify(v));

function describe(e: CompiledError): { pointer: string; message: string } | undefined {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { pointer: `${e.instancePath}/${String(p.missingProperty)}`, message: 'is required' };
    case 'dependentRequired':
      return { pointer: `${e.instancePath}/${String(p.missingProperty)}`, message: `is required when '${String(p.property)}' is present` };
    case 'type':
      return {
        pointer: e.instancePath,
        message: `must be ${p.type === 'integer' ? 'an integer' : `${/^[aeiou]/.test(String(p.type)) ? 'an' : 'a'} ${String(p.type)}`}`,
      };
    case 'format':
      return {
        pointer: e.instancePath,
        message: `must be a valid ${String(p.format)}${p.format === 'date-time' ? ' (RFC 3339 with a time zone)' : p.format === 'uri' ? ' (absolute URI)' : ''}`,
      };
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${list(p.allowedValues)}` };
    case 'const':
      return { pointer: e.instancePath, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${String(p.additionalProperty)}`, message: 'is not allowed here' };
    case 'minimum':
      return { pointer: e.instancePath, message: `must be >= ${String(p.limit)}` };
    case 'oneOf':
      return {
        pointer: e.instancePath,
        message: Array.isArray(p.passingSchemas) ? 'matches more than one of the allowed shapes' : 'does not match any of the allowed shapes',
      };
    case 'anyOf':
      return { pointer: e.instancePath, message: 'does not match any of the allowed shapes' };
    case 'not':
      return {
        pointer: e.instancePath,
        message: /DatasetEvent/.test(e.schemaPath) ? "a DatasetEvent must not have both 'job' and 'run'" : "a JobEvent must not have 'run'",
      };
    case 'if':
      return undefined; // the branch taken reports its own problems
    default:
      return { pointer: e.instancePath, message: `fails '${e.keyword}'` };
  }
}

function problems(errors: readonly CompiledError[], event: unknown): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const seen = new Set<string>();
  const root = typeof event === 'object' && event !== null && !Array.isArray(event) ? (event as Record<string, unknown>) : undefined;
  const shapeless = root !== undefined && root.run === undefined && root.job === undefined && root.dataset === undefined;
  for (const e of errors) {
    // With none of run, job or dataset the event matches no event type; say that rather than
    // "dataset is required".
    const d =
      shapeless && e.instancePath === '' && e.keyword === 'required' && e.params.missingProperty === 'dataset'
        ? { pointer: '', message: "must be a RunEvent ('run' and 'job'), a JobEvent ('job') or a DatasetEvent ('dataset')" }
        : describe(e);
    if (!d) continue;
    const id = `${d.pointer}\u0000${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ pointer: d.pointer, message: d.message, schema: schemaOf(d.pointer, event) });
  }
  return out;
}

/**
 * Checks an event against the OpenLineage 2-0-2 model and each standard facet it carries
 * (by key and place) against that facet's schema; other facets must be valid base facets.
 * Returns the problems found, each with a JSON pointer into the event; empty when valid.
 * The event is judged as it will be sent: `undefined`/`null` members and Dates are fine.
 */
export function validateEvent(event: unknown): ValidationProblem[] {
  const validate = validator();
  if (validate(event)) return [];
  // Members that serialization drops or converts (undefined, null, Date) are not errors:
  // judge the JSON form before reporting anything.
  let json: unknown;
  try {
    json = JSON.parse(toJSON(event as object));
  } catch {
    return problems(validate.errors ?? [], event);
  }
  if (validate(json)) return [];
  return problems(validate.errors ?? [], json);
}

/** Throws a `ValidationError` listing every problem unless the event is valid. */
export function assertValidEvent(event: unknown): void {
  const found = validateEvent(event);
  if (found.length > 0) throw new ValidationError(found);
}

/** True when `validateEvent` finds no problem. */
export function isValidEvent(event: unknown): boolean {
  return validateEvent(event).length === 0;
}

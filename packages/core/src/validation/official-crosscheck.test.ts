// Cross-check: the official spec schemas, compiled here with ajv + ajv-formats (dev dependencies,
// test time only), must reach the same verdict as our generated validator on a corpus of
// valid and invalid events, and our facet catalog must match what the official files say.
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STANDARD_FACETS } from '../generated/catalog.js';
import { isDateTime, isUri, isUuidFormat } from './formats.js';
import { validateEvent } from './validate.js';
import { SPEC_DIR, eventWithFacet, facetFixtures, minimalRunEvent, placeOf, readJson } from './test-fixtures.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const { fullFormats } = require('ajv-formats/dist/formats');

const MODEL_ID = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';
const LOCATIONS: Record<string, string> = {
  RunFacet: 'run',
  JobFacet: 'job',
  DatasetFacet: 'dataset',
  InputDatasetFacet: 'inputDataset',
  OutputDatasetFacet: 'outputDataset',
};

const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const model = readJson(join(SPEC_DIR, 'OpenLineage.json')) as any;
ajv.addSchema(model);

/** location → key → official `$id#/$defs/<Def>`, derived from the official files only. */
const official: Record<string, Record<string, string>> = {};
const facetDefs: { file: string; def: string; url: string }[] = [];
for (const file of readdirSync(join(SPEC_DIR, 'facets')).filter((f) => f.endsWith('.json'))) {
  const schema = readJson(join(SPEC_DIR, 'facets', file)) as any;
  ajv.addSchema(schema);
  const refsOf = (s: any): string[] => {
    if (s.$ref?.startsWith('#/$defs/')) {
      const name = s.$ref.slice('#/$defs/'.length);
      const target = schema.$defs[name];
      return target.allOf ? [name] : refsOf(target);
    }
    return [...(s.oneOf ?? []), ...(s.anyOf ?? [])].flatMap(refsOf);
  };
  for (const [key, prop] of Object.entries<any>(schema.properties ?? {})) {
    for (const def of refsOf(prop)) {
      const base = schema.$defs[def].allOf[0].$ref.split('#/$defs/')[1];
      const url = `${schema.$id}#/$defs/${def}`;
      (official[LOCATIONS[base]!] ??= {})[key] = url;
      facetDefs.push({ file, def, url });
    }
  }
}

function officialFacetsValid(location: string, facets: unknown): boolean {
  if (typeof facets !== 'object' || facets === null) return true; // the model check reports it
  for (const [key, facet] of Object.entries(facets)) {
    const url = official[location]?.[key];
    if (!url) continue;
    const deleted = (location === 'job' || location === 'dataset') && facet?._deleted === true;
    if (!ajv.getSchema(deleted ? `${MODEL_ID}#/$defs/${location === 'job' ? 'JobFacet' : 'DatasetFacet'}` : url)(facet)) return false;
  }
  return true;
}

/** The official verdict: the 2-0-2 model, plus each standard facet against its own file. */
function officialValid(event: any): boolean {
  if (!ajv.getSchema(MODEL_ID)(event)) return false;
  const ok = (loc: string, f: unknown) => officialFacetsValid(loc, f);
  // A DatasetEvent ignores `run` and `job` members it may carry; check what applies to the matched type.
  const isRun = event.run !== undefined && event.job !== undefined;
  const isDataset = !isRun && event.dataset !== undefined && !(event.job !== undefined && ajv.getSchema(`${MODEL_ID}#/$defs/JobEvent`)(event));
  if (isRun && !ok('run', event.run?.facets)) return false;
  if (!isDataset && event.job && !ok('job', event.job.facets)) return false;
  const datasets = isDataset ? [event.dataset] : [...(event.inputs ?? []), ...(event.outputs ?? [])];
  for (const d of datasets) if (!ok('dataset', d?.facets)) return false;
  if (!isDataset) {
    for (const d of event.inputs ?? []) if (!ok('inputDataset', d?.inputFacets)) return false;
    for (const d of event.outputs ?? []) if (!ok('outputDataset', d?.outputFacets)) return false;
  }
  return true;
}

function mutations(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; op: 'delete' | 'retype' }[] {
  const out: { path: (string | number)[]; op: 'delete' | 'retype' }[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push({ path: [...path, i], op: 'retype' }, ...mutations(v, [...path, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value))
      out.push({ path: [...path, k], op: 'delete' }, { path: [...path, k], op: 'retype' }, ...mutations(v, [...path, k]));
  }
  return out;
}

function apply(event: any, m: { path: (string | number)[]; op: 'delete' | 'retype' }): any {
  const copy = structuredClone(event);
  let parent = copy;
  for (const seg of m.path.slice(0, -1)) parent = parent[seg];
  const last = m.path.at(-1)!;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    const v = parent[last];
    parent[last] =
      typeof v === 'string' ? 42 : typeof v === 'number' ? 'x' : typeof v === 'boolean' ? 'true' : Array.isArray(v) ? { 0: v[0] } : v === null ? 1 : [v];
  }
  return copy;
}

const baseEvents: [string, any][] = [
  ['minimal RunEvent', minimalRunEvent()],
  ['example_full_event.json', readJson(join(SPEC_DIR, 'tests', 'example_full_event.json'))],
  ...facetFixtures().map((f) => [f.name, eventWithFacet(placeOf(f), f.key, f.facet)] as [string, any]),
];

describe('official schema cross-check', () => {
  it('our catalog has exactly the official facet definitions, keys and locations', () => {
    expect(facetDefs).toHaveLength(40);
    expect(new Set(facetDefs.map((f) => f.file)).size).toBe(38);
    const ours = Object.fromEntries(STANDARD_FACETS.map((f) => [`${f.location}/${f.key}`, f.schemaURL]));
    const theirs = Object.fromEntries(Object.entries(official).flatMap(([loc, keys]) => Object.entries(keys).map(([k, url]) => [`${loc}/${k}`, url])));
    expect(ours).toEqual(theirs);
  });

  it.each(baseEvents)('agrees on %s and on every single-member deletion and type change of it', (_name, event) => {
    const disagreements: string[] = [];
    const check = (label: string, e: unknown) => {
      const theirs = officialValid(e);
      const ours = validateEvent(e).length === 0;
      if (theirs !== ours) disagreements.push(`${label}: official ${theirs ? 'accepts' : 'rejects'}, ours ${ours ? 'accepts' : 'rejects'}`);
    };
    check('as is', event);
    expect(officialValid(event)).toBe(true);
    let rejected = 0;
    for (const m of mutations(event)) {
      const mutated = apply(event, m);
      if (!officialValid(mutated)) rejected++;
      check(`${m.op} /${m.path.join('/')}`, mutated);
    }
    expect(disagreements).toEqual([]);
    expect(rejected).toBeGreaterThan(0);
  });

  it('agrees on which members make which event type', () => {
    const base = minimalRunEvent();
    const dataset = { namespace: 'n', name: 'd' };
    const badDataset = { namespace: 'n' };
    const badJob = { namespace: 'n' };
    const badRun = { runId: 'nope' };
    const parts = {
      run: [undefined, base.run, badRun],
      job: [undefined, base.job, badJob],
      dataset: [undefined, dataset, badDataset],
    };
    let count = 0;
    for (const run of parts.run) {
      for (const job of parts.job) {
        for (const ds of parts.dataset) {
          const e: any = { eventTime: base.eventTime, producer: base.producer, schemaURL: base.schemaURL };
          if (run) e.run = run;
          if (job) e.job = job;
          if (ds) e.dataset = ds;
          expect({ e, ours: validateEvent(e).length === 0 }).toEqual({ e, ours: officialValid(e) });
          count++;
        }
      }
    }
    expect(count).toBe(27);
  });
});

describe('format checks agree with ajv-formats (full mode)', () => {
  const dateTimes = [
    '2025-05-20T10:52:33.881Z',
    '2025-05-20t10:52:33z',
    '2025-05-20 10:52:33+02:00',
    '2025-05-20T10:52:33+0200',
    '2025-05-20T10:52:33+02',
    '2025-05-20T10:52:33',
    '2025-05-20',
    '2025-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2000-02-29T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T23:60:00Z',
    '2016-12-31T23:59:60Z',
    '2016-12-31T23:59:60.5Z',
    '2016-12-31T22:59:60-01:00',
    '2016-12-31T12:00:60Z',
    '2025-01-01T00:00:00+24:00',
    '2025-01-01T00:00:00+01:60',
    '2025-01-01T00:00:00.123456789Z',
    '2025-01-01T00:00:00.Z',
    '25-01-01T00:00:00Z',
    ' 2025-01-01T00:00:00Z',
    '2025-01-01T00:00:00Zx',
    '',
    // The Date#toISOString shape isDateTime decides without the regular expression, at and around its edges.
    '2025-05-20T10:52:33Z',
    '2025-05-20T10:52:33.8Z',
    '2025-05-20T10:52:33.88aZ',
    '2025-05-20T10:52:3aZ',
    '2025-0a-20T10:52:33Z',
    '2025-05-20X10:52:33Z',
    '2025-05-20T10-52:33Z',
    '2025-00-10T00:00:00.000Z',
    '2025-05-00T00:00:00.000Z',
    '2025-12-31T23:59:59.999Z',
    '2025-06-31T00:00:00.000Z',
    '2025-01-01T00:00:60.000Z',
    '2016-12-31T23:59:60.000Z',
    '+02025-01-01T00:00:00.000Z',
    '2025-01-01T00:00:00.000z',
    '2025-1-01T00:00:00.000Z',
  ];
  const uris = [
    'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    'http://123',
    'https://github.com/OpenLineage/OpenLineage/tree/1.0/client',
    'urn:isbn:0451450523',
    'mailto:a@b.c',
    'file:///data/x',
    'file:/data/x',
    's3://bucket/key with space',
    's3://bucket/key%20ok',
    'postgres://user:pw@host:5432/db?x=1',
    'http://[::1]:80/',
    'http://[fe80::1%25eth0]/',
    'http://[zz::1]/',
    'http://[v1.fe]/',
    'relative/path',
    '/abs/path',
    'http://exa mple.com',
    'http://example.com/%zz',
    'ht tp://x',
    '1http://x',
    'urn:',
    'x:',
    'http:',
    'http://',
    'a:b#frag#frag',
    'http://host:port/',
    'http://host:8080/p?q=1&r[]=2',
    'https://e.com/ü',
    'git+ssh://git@github.com/a/b.git',
    'my producer',
    '',
  ];
  const uuids = [
    '0196ed52-e0d9-7e85-a57e-82b5687c883c',
    '0196ED52-E0D9-7E85-A57E-82B5687C883C',
    'urn:uuid:0196ed52-e0d9-7e85-a57e-82b5687c883c',
    '{0196ed52-e0d9-7e85-a57e-82b5687c883c}',
    '0196ed52e0d97e85a57e82b5687c883c',
    'g196ed52-e0d9-7e85-a57e-82b5687c883c',
    '',
  ];

  it.each(dateTimes)('date-time %j', (s) => expect(isDateTime(s)).toBe(fullFormats['date-time'].validate(s)));
  it.each(uris)('uri %j', (s) => expect(isUri(s)).toBe(fullFormats.uri(s)));
  it.each(uuids)('uuid %j', (s) => expect(isUuidFormat(s)).toBe(fullFormats.uuid.test(s)));
});

import { describe, expect, it } from 'vitest';
import { generateFromSchemas, SchemaInputError } from './generate.js';
import { checkFacetNaming, checkSchemaId } from './naming.js';

const BASE = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/';

function facetSchema(name: string, key: string, base: string, fields: Record<string, unknown> = {}, required: string[] = []) {
  return {
    $id: `https://example.com/spec/facets/1-0-0/${name}.json`,
    $defs: {
      [name]: { allOf: [{ $ref: `${BASE}${base}` }, { type: 'object', properties: fields, required }] },
    },
    properties: { [key]: { $ref: `#/$defs/${name}` } },
  };
}

describe('generateFromSchemas', () => {
  it('emits fields, facet type, schema URL, key and a builder that sets _producer and _schemaURL', () => {
    const schema = facetSchema('AcmeTimingRunFacet', 'acme_timing', 'RunFacet', { seconds: { type: 'number' } }, ['seconds']);
    const result = generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema }], { producer: 'https://example.com/p' });
    expect(result.violations).toEqual([]);
    const module = result.files.find((f) => f.path === 'a.ts')!.content;
    expect(module).toContain("import type { RunFacet } from '@ol/core';");
    expect(module).toContain('export interface AcmeTimingRunFacetFields {\n  seconds: number;\n}');
    expect(module).toContain('export type AcmeTimingRunFacet = RunFacet & AcmeTimingRunFacetFields;');
    expect(module).toContain(
      "export const ACME_TIMING_RUN_FACET_SCHEMA_URL = 'https://example.com/spec/facets/1-0-0/AcmeTimingRunFacet.json#/$defs/AcmeTimingRunFacet';",
    );
    expect(module).toContain("export const ACME_TIMING_RUN_FACET_KEY = 'acme_timing';");
    expect(module).toContain("const DEFAULT_PRODUCER = 'https://example.com/p';");
    expect(module).toContain('  fields: AcmeTimingRunFacetFields,\n');
    expect(result.facets).toEqual([
      {
        file: 'a.json',
        name: 'AcmeTimingRunFacet',
        key: 'acme_timing',
        base: 'RunFacet',
        schemaURL: 'https://example.com/spec/facets/1-0-0/AcmeTimingRunFacet.json#/$defs/AcmeTimingRunFacet',
        builder: 'acmeTimingRunFacet',
      },
    ]);
    expect(result.files.map((f) => f.path)).toEqual(['a.ts', 'index.ts']);
  });

  it('makes the fields argument optional when no field is required', () => {
    const schema = facetSchema('AcmeTimingRunFacet', 'acme_timing', 'RunFacet', { seconds: { type: 'number' } });
    const module = generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema }], { producer: 'https://p' }).files[0]!.content;
    expect(module).toContain('  fields: AcmeTimingRunFacetFields = {},\n');
    expect(module).toContain('  seconds?: number;');
  });

  it('maps schema constructs to TypeScript types', () => {
    const schema = facetSchema('AcmeMixJobFacet', 'acme_mix', 'JobFacet', {
      e: { enum: ['a', "it's", 3, null] },
      c: { const: true },
      n: { type: ['string', 'null'] },
      arr: { type: 'array', items: { type: ['string', 'integer'] } },
      any: {},
      map: { type: 'object', additionalProperties: { type: 'integer' } },
      open: { type: 'object' },
      closed: { type: 'object', additionalProperties: false },
      one: { oneOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] }] },
      both: { allOf: [{ $ref: '#/$defs/Extra' }, { $ref: `${BASE}Run` }] },
      'odd key': { type: 'boolean' },
      tuple: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
    });
    (schema.$defs as Record<string, unknown>).Extra = { type: 'object', properties: { y: { type: 'integer' } } };
    const result = generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema }], { producer: 'https://p' });
    const module = result.files[0]!.content;
    expect(module).toContain("  e?: 'a' | 'it\\'s' | 3 | null;");
    expect(module).toContain('  c?: true;');
    expect(module).toContain('  n?: string | null;');
    expect(module).toContain('  arr?: (string | number)[];');
    expect(module).toContain('  any?: unknown;');
    expect(module).toContain('  map?: Record<string, number>;');
    expect(module).toContain('  open?: Record<string, unknown>;');
    expect(module).toContain('  closed?: Record<string, never>;');
    expect(module).toContain('  one?: string | {\n    x: string;\n  };');
    expect(module).toContain('  both?: Extra & Run;');
    expect(module).toContain("  'odd key'?: boolean;");
    expect(module).toContain('  tuple?: [string, number];');
    expect(module).toContain('export interface Extra {\n  y?: number;\n}');
    expect(module).toContain("import type { JobFacet, Run } from '@ol/core';");
    expect(result.warnings).toEqual([]);
  });

  it('warns about references it cannot type, and keeps going', () => {
    const schema = facetSchema('AcmeRefRunFacet', 'acme_ref', 'RunFacet', {
      missing: { $ref: '#/$defs/Nope' },
      remote: { $ref: 'https://example.com/other.json#/x' },
    });
    const result = generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema }], { producer: 'https://p' });
    expect(result.warnings.map((w) => w.pointer)).toEqual([
      '/$defs/AcmeRefRunFacet/allOf/1/properties/missing',
      '/$defs/AcmeRefRunFacet/allOf/1/properties/remote',
    ]);
    expect(result.files[0]!.content).toContain('  missing?: unknown;');
  });

  it('warns when a facet extends a base facet of another spec version', () => {
    const schema = facetSchema('AcmeOldRunFacet', 'acme_old', 'RunFacet');
    const def = (schema.$defs as Record<string, { allOf: { $ref?: string }[] }>).AcmeOldRunFacet!;
    def.allOf[0]!.$ref = 'https://openlineage.io/spec/1-0-5/OpenLineage.json#/definitions/RunFacet';
    const result = generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema }], { producer: 'https://p' });
    expect(result.warnings[0]!.message).toContain('spec 1-0-5');
    expect(result.facets[0]!.base).toBe('RunFacet');
  });

  it('reports naming violations but still generates the code', () => {
    const schema = facetSchema('StatsFacet', 'stats', 'RunFacet');
    const result = generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema }], { producer: 'https://p' });
    expect(result.violations.map((v) => [v.pointer, v.rule])).toEqual([
      ['/$defs/StatsFacet', 'facet-name'],
      ['/properties/stats', 'facet-key'],
    ]);
    expect(result.files[0]!.content).toContain('export function statsFacet(');
  });

  it('rejects files that are not facet schemas', () => {
    expect(() => generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema: [] }], { producer: 'https://p' })).toThrow(SchemaInputError);
    expect(() => generateFromSchemas([{ file: 'a.json', outPath: 'a.ts', schema: { type: 'object' } }], { producer: 'https://p' })).toThrow(/no \$defs/);
  });

  it('exports each name once from index.ts when two schemas define the same helper', () => {
    const a = facetSchema('AcmeARunFacet', 'acme_a', 'RunFacet');
    const b = facetSchema('AcmeBRunFacet', 'acme_b', 'RunFacet');
    (a.$defs as Record<string, unknown>).Shared = { type: 'string' };
    (b.$defs as Record<string, unknown>).Shared = { type: 'string' };
    const result = generateFromSchemas(
      [
        { file: 'a.json', outPath: 'a.ts', schema: a },
        { file: 'b.json', outPath: 'b.ts', schema: b },
      ],
      { producer: 'https://p' },
    );
    const index = result.files.find((f) => f.path === 'index.ts')!.content;
    expect(index.match(/Shared/g)).toHaveLength(1);
    expect(result.warnings[0]!.message).toContain("'Shared' is also defined in a.json");
  });
});

describe('custom facet naming rules', () => {
  const at = { file: 'f.json', pointer: '/$defs/X' };

  it('accepts the spec example and the GCP registry facet', () => {
    expect(checkFacetNaming({ ...at, name: 'BigQueryStatisticsJobFacet', key: 'bigQuery_statistics', base: 'JobFacet' })).toEqual([]);
    expect(checkFacetNaming({ ...at, name: 'GcpDataprocRunFacet', key: 'gcp_dataproc', base: 'RunFacet' })).toEqual([]);
    expect(checkFacetNaming({ ...at, name: 'AcmeSizeOutputDatasetFacet', key: 'acme_size', base: 'OutputDatasetFacet' })).toEqual([]);
  });

  it('requires PascalCase {Prefix}{Name}{Entity}Facet matching the base entity', () => {
    expect(checkFacetNaming({ ...at, name: 'acmeStatsRunFacet', base: 'RunFacet' })[0]!.rule).toBe('facet-name');
    expect(checkFacetNaming({ ...at, name: 'AcmeStatsJobFacet', base: 'RunFacet' })[0]!.message).toContain("must end with 'RunFacet'");
    expect(checkFacetNaming({ ...at, name: 'RunFacet', base: 'RunFacet' })[0]!.message).toContain('no prefix');
  });

  it('requires the key {prefix}_{name} in camelCase, agreeing with the name', () => {
    expect(checkFacetNaming({ ...at, name: 'AcmeStatsRunFacet', key: 'acmeStats', base: 'RunFacet' })[0]!.rule).toBe('facet-key');
    expect(checkFacetNaming({ ...at, name: 'AcmeStatsRunFacet', key: 'Acme_stats', base: 'RunFacet' })[0]!.rule).toBe('facet-key');
    const mismatch = checkFacetNaming({ ...at, name: 'AcmeStatsRunFacet', key: 'acme_statistics', base: 'RunFacet' });
    expect(mismatch[0]!.rule).toBe('key-matches-name');
    expect(mismatch[0]!.message).toContain('AcmeStatisticsRunFacet');
  });

  it("rejects a standard facet's key and a facet without a base", () => {
    expect(checkFacetNaming({ ...at, name: 'AcmeParentRunFacet', key: 'processing_engine', base: 'RunFacet' })[0]!.rule).toBe('standard-facet');
    expect(checkFacetNaming({ ...at, name: 'AcmeStatsRunFacet', key: 'acme_stats' })[0]!.rule).toBe('base-facet');
  });

  it('requires an absolute, immutable $id', () => {
    expect(checkSchemaId('f.json', 'https://example.com/facets/1-0-0/A.json')).toEqual([]);
    expect(checkSchemaId('f.json', undefined)[0]!.message).toContain('no $id');
    expect(checkSchemaId('f.json', 'facets/A.json')[0]!.message).toContain('not an absolute URL');
    expect(checkSchemaId('f.json', 'https://raw.githubusercontent.com/a/b/main/A.json')[0]!.message).toContain('branch');
    expect(checkSchemaId('f.json', 'https://example.com/A.json#/x')[0]!.message).toContain('fragment');
  });
});

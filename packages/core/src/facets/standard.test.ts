import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRODUCER } from '../version.js';
import { validateEvent } from '../validation/validate.js';
import { SPEC_DIR, eventWithFacet, facetFixtures, placeOf, readJson } from '../validation/test-fixtures.js';
import type { ColumnLineageDatasetFacet, SQLJobFacet, SchemaDatasetFacet } from './standard.js';
import { STANDARD_FACETS, STANDARD_FACET_KEYS, createStandardFacetBuilders, facets, isStandardFacetKey, standardFacet } from './standard.js';

/** Every `$defs` entry of the official facet files that extends a base facet, by `$id#/$defs/<name>`. */
function officialFacetDefinitions(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of readdirSync(join(SPEC_DIR, 'facets')).filter((f) => f.endsWith('.json'))) {
    const schema = readJson(join(SPEC_DIR, 'facets', file)) as { $id: string; $defs: Record<string, { allOf?: { $ref?: string }[] }> };
    for (const [name, def] of Object.entries(schema.$defs)) {
      if (def.allOf?.[0]?.$ref?.startsWith('https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/')) out.set(`${schema.$id}#/$defs/${name}`, name);
    }
  }
  return out;
}

const official = officialFacetDefinitions();
const builders = facets as unknown as Record<string, (body?: object, options?: { producer?: string }) => Record<string, unknown>>;

describe('standard facet builders', () => {
  it('cover every facet definition of the official files (40 in 38 files)', () => {
    expect(official.size).toBe(40);
    expect(Object.keys(facets)).toHaveLength(40);
    expect(new Set(STANDARD_FACETS.map((f) => f.schemaURL))).toEqual(new Set(official.keys()));
  });

  it.each(STANDARD_FACETS.map((f) => [f.builder, f] as const))(
    'facets.%s sets _producer and a _schemaURL that resolves in the official files',
    (builder, info) => {
      const make = builders[builder]!;
      expect(make).toBeTypeOf('function');
      const facet = make({});
      expect(facet._schemaURL).toBe(info.schemaURL);
      expect(official.get(info.schemaURL)).toBe(info.definition);
      expect(facet._producer).toBe(DEFAULT_PRODUCER);
      expect(make({}, { producer: 'https://example.com/me' })._producer).toBe('https://example.com/me');
      // Name rule: definition in lowerCamel without the trailing `Facet`.
      const stem = info.definition.replace(/Facet$/, '');
      expect(builder.toLowerCase()).toBe(stem.toLowerCase());
      expect(builder[0]).toBe(builder[0]!.toLowerCase());
    },
  );

  it('uses the names from the design (schemaDataset, sqlJob, processingEngineRun)', () => {
    expect(facets.schemaDataset({ fields: [] })._schemaURL).toBe('https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet');
    expect(facets.sqlJob({ query: 'select 1' })._schemaURL).toBe('https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet');
    expect(facets.processingEngineRun({ version: '1' }).version).toBe('1');
  });

  it('rebuild each spec fixture into a facet that validates', () => {
    for (const fixture of facetFixtures()) {
      const place = placeOf(fixture);
      const info = STANDARD_FACETS.find((f) => f.key === fixture.key && f.location === place)!;
      expect(info, fixture.name).toBeDefined();
      const body = Object.fromEntries(Object.entries(fixture.facet).filter(([k]) => k !== '_producer' && k !== '_schemaURL'));
      const built = builders[info.builder]!(body);
      expect(validateEvent(eventWithFacet(place, fixture.key, built)), fixture.name).toEqual([]);
    }
  });

  it('produce typed facets from the project schema', () => {
    const schema: SchemaDatasetFacet = facets.schemaDataset({ fields: [{ name: 'id', type: 'int', fields: [{ name: 'nested' }] }] });
    const sql: SQLJobFacet = facets.sqlJob({ query: 'select 1', dialect: 'postgres' });
    const lineage: ColumnLineageDatasetFacet = facets.columnLineageDataset({
      fields: { id: { inputFields: [{ namespace: 'n', name: 't', field: 'id', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] }] } },
    });
    // @ts-expect-error query is required by the SQLJobFacet schema
    facets.sqlJob({});
    // @ts-expect-error type must be a string
    facets.schemaDataset({ fields: [{ name: 'a', type: 5 }] });
    expect([schema.fields?.[0]?.name, sql.query, Object.keys(lineage.fields)]).toEqual(['id', 'select 1', ['id']]);
  });

  it('createStandardFacetBuilders takes another default producer', () => {
    const mine = createStandardFacetBuilders('https://example.com/pipeline');
    expect(mine.nominalTimeRun({ nominalStartTime: '2025-01-01T00:00:00Z' })._producer).toBe('https://example.com/pipeline');
  });

  it('do not share or modify the body', () => {
    const body = { query: 'q' };
    const a = facets.sqlJob(body);
    expect(body).toEqual({ query: 'q' });
    expect(a).not.toBe(body);
  });
});

describe('facet key map', () => {
  it('maps the keys used in events to definitions, per place', () => {
    expect(STANDARD_FACET_KEYS.dataset.schema?.definition).toBe('SchemaDatasetFacet');
    expect(STANDARD_FACET_KEYS.dataset.columnLineage?.definition).toBe('ColumnLineageDatasetFacet');
    expect(STANDARD_FACET_KEYS.run.parent?.definition).toBe('ParentRunFacet');
    expect(STANDARD_FACET_KEYS.run.errorMessage?.definition).toBe('ErrorMessageRunFacet');
    expect(STANDARD_FACET_KEYS.run.processing_engine?.definition).toBe('ProcessingEngineRunFacet');
    expect(STANDARD_FACET_KEYS.job.sql?.definition).toBe('SQLJobFacet');
    expect(STANDARD_FACET_KEYS.job.jobType?.definition).toBe('JobTypeJobFacet');
    expect(STANDARD_FACET_KEYS.dataset.dataQualityMetrics?.definition).toBe('DataQualityMetricsDatasetFacet');
    expect(STANDARD_FACET_KEYS.inputDataset.dataQualityMetrics?.definition).toBe('DataQualityMetricsInputDatasetFacet');
    expect(STANDARD_FACET_KEYS.job.lineage?.definition).toBe('LineageJobFacet');
    expect(STANDARD_FACET_KEYS.dataset.lineage?.definition).toBe('LineageDatasetFacet');
    expect(STANDARD_FACET_KEYS.inputDataset.subset?.definition).toBe('InputSubsetInputDatasetFacet');
    expect(STANDARD_FACET_KEYS.outputDataset.subset?.definition).toBe('OutputSubsetOutputDatasetFacet');
  });

  it('knows every key the spec fixtures use', () => {
    for (const f of facetFixtures()) expect(standardFacet(placeOf(f), f.key), f.name).toBeDefined();
    expect(standardFacet('run', 'schema')).toBeUndefined();
    expect(standardFacet('run', 'toString')).toBeUndefined();
    expect(isStandardFacetKey('processing_engine')).toBe(true);
    expect(isStandardFacetKey('acme_stats')).toBe(false);
  });
});

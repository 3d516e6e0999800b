import { describe, expect, it } from 'vitest';
import { validateEvent } from '../validation/validate.js';
import { minimalRunEvent } from '../validation/test-fixtures.js';
import { customFacetName, customFacetProblems, defineFacet } from './custom.js';

const URL_OK = 'https://example.com/schemas/1-0-0/BigQueryStatisticsJobFacet.json#/$defs/BigQueryStatisticsJobFacet';

describe('defineFacet', () => {
  it('builds custom facets with _producer and _schemaURL', () => {
    const stats = defineFacet<{ bytesBilled: number }>({ key: 'bigQuery_statistics', entity: 'job', schemaURL: URL_OK, producer: 'https://example.com/etl' });
    expect(stats.definition).toBe('BigQueryStatisticsJobFacet');
    expect(stats.key).toBe('bigQuery_statistics');
    const facet = stats({ bytesBilled: 10 });
    expect(facet).toEqual({ _producer: 'https://example.com/etl', _schemaURL: URL_OK, bytesBilled: 10 });
    expect(stats({ bytesBilled: 1 }, { producer: 'https://example.com/other' })._producer).toBe('https://example.com/other');
    const e = minimalRunEvent();
    e.job.facets = { [stats.key]: facet };
    expect(validateEvent(e)).toEqual([]);
  });

  it('derives {Prefix}{Name}{Entity}Facet from the key', () => {
    expect(customFacetName('bigQuery_statistics', 'job')).toBe('BigQueryStatisticsJobFacet');
    expect(customFacetName('acme_rowCounts', 'outputDataset')).toBe('AcmeRowCountsOutputDatasetFacet');
    expect(customFacetName('spark_plan', 'run')).toBe('SparkPlanRunFacet');
  });

  it('accepts a matching explicit name', () => {
    expect(() => defineFacet({ key: 'acme_owner', entity: 'dataset', definition: 'AcmeOwnerDatasetFacet', schemaURL: URL_OK })).not.toThrow();
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a key without prefix', { key: 'statistics' }, /\{prefix\}_\{name\}/],
    ['a snake_case name part', { key: 'bigQuery_bytes_billed' }, /\{prefix\}_\{name\}/],
    ['a PascalCase key', { key: 'BigQuery_statistics' }, /\{prefix\}_\{name\}/],
    ['an empty name part', { key: 'bigQuery_' }, /\{prefix\}_\{name\}/],
    ['a standard key', { key: 'processing_engine', entity: 'run' }, /standard facet key/],
    ['a definition name that does not follow the key', { definition: 'StatsJobFacet' }, /BigQueryStatisticsJobFacet/],
    ['a definition name with the wrong entity', { definition: 'BigQueryStatisticsRunFacet' }, /BigQueryStatisticsJobFacet/],
    ['an unknown entity', { entity: 'table' }, /entity "table"/],
    ['a relative schema URL', { schemaURL: 'schemas/facet.json' }, /absolute URI/],
    ['a schema URL on a branch', { schemaURL: 'https://raw.githubusercontent.com/acme/facets/main/StatsJobFacet.json' }, /immutable/],
  ];

  it.each(bad)('rejects %s', (_name, override, message) => {
    const spec = { key: 'bigQuery_statistics', entity: 'job', schemaURL: URL_OK, ...override } as never;
    expect(() => defineFacet(spec)).toThrow(TypeError);
    expect(() => defineFacet(spec)).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(customFacetProblems({ key: 'x', entity: 'table' as never, schemaURL: 'nope' })).toHaveLength(3);
    expect(customFacetProblems({ key: 'acme_x', entity: 'run', schemaURL: URL_OK })).toEqual([]);
  });
});

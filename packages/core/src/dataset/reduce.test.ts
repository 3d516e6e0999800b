/** Cases ported (rewritten) from the Java client's DatasetReducerTest and ReducedDatasetTest. */
import { beforeEach, describe, expect, it } from 'vitest';
import { facets } from '../facets/standard.js';
import type { InputDataset, OutputDataset } from '../model/event.js';
import { validateEvent } from '../validation/validate.js';
import { reduceInputDatasets, reduceOutputDatasets } from './reduce.js';
import { trimDatasetName } from './trimmers.js';

const schema = () => facets.schemaDataset({ fields: [] });
const input = (name: string, extra: Partial<InputDataset> = {}): InputDataset => ({
  namespace: 'namespace',
  name,
  facets: { schema: schema() },
  inputFacets: {},
  ...extra,
});
const output = (name: string): OutputDataset => ({ namespace: 'namespace', name, facets: { schema: schema() }, outputFacets: {} });
const locationsOf = (d: InputDataset | undefined) =>
  (d?.inputFacets?.subset as { inputCondition?: { type: string; locations: string[] } } | undefined)?.inputCondition;

describe('dataset reducer (DatasetReducerTest)', () => {
  let inputs: InputDataset[];
  let outputs: OutputDataset[];
  beforeEach(() => {
    inputs = ['/tmp/some/path1', '/tmp/some/path2', '/tmp/some/path3'].map((n) => input(n));
    outputs = ['/tmp/some/path1', '/tmp/some/path2', '/tmp/some/path3'].map(output);
  });

  it('keeps datasets with nothing to trim (the "config is null" case: no error, names kept)', () => {
    expect(reduceInputDatasets(inputs).map((d) => d.name)).toEqual(['/tmp/some/path1', '/tmp/some/path2', '/tmp/some/path3']);
    expect(reduceOutputDatasets(outputs).map((d) => d.name)).toEqual(['/tmp/some/path1', '/tmp/some/path2', '/tmp/some/path3']);
    expect(reduceInputDatasets(inputs, { trimmers: [] })).toBe(inputs);
  });

  it('merges loosely dated paths and lists them as locations', () => {
    inputs.push(input('/tmp/some/tested-path/20250721/20250722T901Z/key=value'), input('/tmp/some/tested-path/20250720/20250721T901Z/key=value'));
    const reduced = reduceInputDatasets(inputs);
    expect(reduced).toHaveLength(4);
    const merged = reduced.find((d) => d.name.endsWith('tested-path'));
    expect(merged?.name).toBe('/tmp/some/tested-path');
    expect(locationsOf(merged)).toEqual({
      type: 'location',
      locations: ['/tmp/some/tested-path/20250721/20250722T901Z/key=value', '/tmp/some/tested-path/20250720/20250721T901Z/key=value'],
    });
  });

  it('trims at key=value directories', () => {
    inputs = [
      input('/tmp/some/tested-path/date=20250721/20250722T901Z'),
      input('/tmp/some/tested-path/date=20250720/20250721T901Z'),
      input('/tmp/some/tested-path/date=20250722/20250721T901Z'),
      input('/tmp/some/path4'),
    ];
    const reduced = reduceInputDatasets(inputs);
    expect(reduced).toHaveLength(2);
    expect(reduced[0]?.name).toBe('/tmp/some/tested-path');
    expect(locationsOf(reduced[0])?.locations).toEqual([
      '/tmp/some/tested-path/date=20250721/20250722T901Z',
      '/tmp/some/tested-path/date=20250720/20250721T901Z',
      '/tmp/some/tested-path/date=20250722/20250721T901Z',
    ]);
  });

  it('does not merge datasets whose dataset facets differ', () => {
    const documented = input('/tmp/some/tested-path/20250722/20250722T901Z', {
      facets: { documentation: facets.documentationDataset({ description: 'description' }), schema: schema() },
    });
    expect(reduceInputDatasets([input('/tmp/some/tested-path/20250721/20250722T901Z'), documented])).toHaveLength(2);
  });

  it('does not merge datasets whose input facets differ', () => {
    const withStats = input('/tmp/some/tested-path/20250723/20250722T901Z', {
      inputFacets: { inputStatistics: facets.inputStatisticsInputDataset({ rowCount: 1 }) },
    });
    expect(reduceInputDatasets([input('/tmp/some/tested-path/20250721/20250722T901Z'), withStats])).toHaveLength(2);
  });

  it('merges those that match when only some facets differ', () => {
    const documented = input('/tmp/some/tested-path/20250722/20250722T901Z', {
      facets: { documentation: facets.documentationDataset({ description: 'description' }), schema: schema() },
    });
    const reduced = reduceInputDatasets([
      input('/tmp/some/tested-path/20250721/20250722T901Z'),
      documented,
      input('/tmp/some/tested-path/20250723/20250722T901Z'),
    ]);
    expect(reduced).toHaveLength(2);
    expect(locationsOf(reduced[0])?.locations).toHaveLength(2);
  });

  it('adds the subset facet only to datasets whose names were trimmed', () => {
    inputs.push(input('/tmp/some/tested-path'), input('/tmp/x/2025-01-01'));
    const reduced = reduceInputDatasets(inputs);
    expect(reduced.find((d) => d.name === '/tmp/some/tested-path')?.inputFacets?.subset).toBeUndefined();
    const out = reduceOutputDatasets([...outputs, output('/tmp/some/tested-path')]);
    expect(out[out.length - 1]?.name).toBe('/tmp/some/tested-path');
    expect(out[out.length - 1]?.outputFacets).not.toHaveProperty('subset');
  });

  it('trims a single dataset, input and output, and the outputs carry outputCondition', () => {
    const name = '/tmp/some/tested-path/20250721/20250722T901Z/key=value';
    const [i] = reduceInputDatasets([input(name)]);
    expect(i?.name).toBe('/tmp/some/tested-path');
    expect(i?.inputFacets?.subset).toBeDefined();
    const [o] = reduceOutputDatasets([output(name)]);
    expect(o?.name).toBe('/tmp/some/tested-path');
    expect(o?.outputFacets?.subset).toMatchObject({ outputCondition: { type: 'location', locations: [name] } });
    expect(o?.outputFacets?.subset?._schemaURL).toBe(
      'https://openlineage.io/spec/facets/1-0-0/BaseSubsetDatasetFacet.json#/$defs/OutputSubsetOutputDatasetFacet',
    );
  });

  it.each(['some_table_20250923', '20250722T0901Z', '202504'])('leaves %s alone (a single segment)', (name) => {
    expect(reduceInputDatasets([input(name)]).map((d) => d.name)).toEqual([name]);
  });

  it('trims names with a slash at the end', () => {
    inputs.push(input('/tmp/some/tested-path/20250721/20250722T901Z/key=value/'));
    expect(reduceInputDatasets(inputs).find((d) => d.name.endsWith('tested-path'))?.name).toBe('/tmp/some/tested-path');
  });

  // Where this client differs from Java: datasets are only merged within one namespace.
  it('never merges across namespaces', () => {
    const a = input('/data/2025-01-01');
    const b = { ...input('/data/2025-01-02'), namespace: 'other' };
    const reduced = reduceInputDatasets([a, b]);
    expect(reduced.map((d) => [d.namespace, d.name])).toEqual([
      ['namespace', '/data'],
      ['other', '/data'],
    ]);
  });

  it('produces events that validate against the spec, without touching the datasets given', () => {
    const given = [input('/data/2025-01-01'), input('/data/2025-01-02')];
    const before = JSON.stringify(given);
    const reduced = reduceInputDatasets(given);
    expect(JSON.stringify(given)).toBe(before);
    const errors = validateEvent({
      eventType: 'COMPLETE',
      eventTime: '2025-01-01T00:00:00Z',
      producer: 'https://example.com',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: '01890000-0000-7000-8000-000000000000' },
      job: { namespace: 'n', name: 'j' },
      inputs: reduced,
      outputs: reduceOutputDatasets([output('/data/2025-01-01')]),
    });
    expect(errors).toEqual([]);
  });
});

describe('reduced dataset (ReducedDatasetTest)', () => {
  it.each([
    ['/a/b', '/a/b/2025-01-01/c=1'],
    ['/a/b', '/a/b/2025-01-01/c=1/d=1'],
    ['/a/b', '/a/b/2025-01-01/c=1/d=1/20250101T34:34:34.123Z'],
    ['/a/b', '/a/b/2025-01-01/2025-01-01'],
    ['/a/b/c', '/a/b/c'],
    ['/a/b/2025-01-01/2025-01-01/c', '/a/b/2025-01-01/2025-01-01/c'],
    ['/a/b/2025T01T01', '/a/b/2025T01T01'],
  ])('trims to %s from %s', (expected, name) => {
    expect(trimDatasetName(name)).toBe(expected);
  });

  it('merges datasets without facets', () => {
    const reduced = reduceInputDatasets([
      { namespace: 'n', name: '/a/b/2025-01-01' },
      { namespace: 'n', name: '/a/b/2025-01-02' },
    ]);
    expect(reduced.map((d) => d.name)).toEqual(['/a/b']);
    expect(locationsOf(reduced[0])?.locations).toEqual(['/a/b/2025-01-01', '/a/b/2025-01-02']);
  });

  it('does not merge a dataset without facets with one that has facets, either way round', () => {
    const bare: InputDataset = { namespace: 'n', name: '/a/b/2025-01-01' };
    const withFacets: InputDataset = { namespace: 'n', name: '/a/b/2025-01-02', facets: { schema: schema() } };
    expect(reduceInputDatasets([bare, withFacets])).toHaveLength(2);
    expect(reduceInputDatasets([withFacets, bare])).toHaveLength(2);
  });
});

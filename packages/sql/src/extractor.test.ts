import { describe, expect, it } from 'vitest';
import { LineageRegistry } from '@ol/integration';
import { defineSqlExtractor } from './index.js';

class SqlTask {
  constructor(
    readonly name: string,
    readonly sql: string | string[],
    readonly extra: Record<string, string> = {},
  ) {
    Object.assign(this, extra);
  }
}

describe('defineSqlExtractor with @ol/integration', () => {
  const registry = new LineageRegistry().registerExtractor(
    defineSqlExtractor({ taskTypes: ['SqlTask'], namespace: 'postgres://db:5432', dialect: 'postgres', defaultDatabase: 'shop', defaultSchema: 'public' }),
  );

  it('gives a task with a sql property its lineage, with no code on the task', async () => {
    const task = new SqlTask('load', 'INSERT INTO daily SELECT id FROM orders');
    const { lineage, source } = await registry.resolveLineage(task, 'complete');
    expect(source).toBe('extractor');
    expect(lineage.inputs).toEqual([{ namespace: 'postgres://db:5432', name: 'shop.public.orders' }]);
    expect(lineage.outputs?.[0]?.name).toBe('shop.public.daily');
    expect((lineage.outputs?.[0]?.facets?.columnLineage as { fields: Record<string, unknown> } | undefined)?.fields.id).toEqual({
      inputFields: [{ namespace: 'postgres://db:5432', name: 'shop.public.orders', field: 'id' }],
    });
    expect(lineage.jobFacets?.sql).toMatchObject({ query: 'INSERT INTO daily SELECT id FROM orders', dialect: 'postgres' });
    expect(lineage.runFacets).toEqual({});
  });

  it('lets the task override namespace and schema', async () => {
    const task = new SqlTask('load', 'SELECT * FROM t', { namespace: 'postgres://other:5432', defaultSchema: 'stage' });
    const { lineage } = await registry.resolveLineage(task, 'start');
    expect(lineage.inputs).toEqual([{ namespace: 'postgres://other:5432', name: 'shop.stage.t' }]);
  });

  it('reports SQL that does not parse in an extractionError run facet and keeps the rest', async () => {
    const task = new SqlTask('load', ['SELECT * FROM a', 'SELEC oops']);
    const { lineage } = await registry.resolveLineage(task, 'complete');
    expect(lineage.inputs?.map((d) => d.name)).toEqual(['shop.public.a']);
    expect(lineage.runFacets?.extractionError).toMatchObject({ totalTasks: 2, failedTasks: 1, errors: [{ taskNumber: 1, task: 'SELEC oops' }] });
  });

  it('turns an empty SQL element into an extractionError facet instead of failing the task', async () => {
    const { lineage } = await registry.resolveLineage(new SqlTask('load', ''), 'complete');
    expect(lineage.inputs).toEqual([]);
    expect(lineage.runFacets?.extractionError).toMatchObject({ failedTasks: 1 });
  });

  it('checks its options', () => {
    expect(() => defineSqlExtractor({ taskTypes: [], namespace: 'x' })).toThrow('taskTypes');
    expect(() => defineSqlExtractor({ taskTypes: ['T'], namespace: '' })).toThrow('namespace');
  });
});

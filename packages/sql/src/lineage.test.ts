import { describe, expect, it } from 'vitest';
import { createJob, createRun, runEvent, validateEvent } from '@ol/core';
import { parseSql, sqlLineage } from './index.js';

describe('sqlLineage', () => {
  it('names datasets with the namespace and defaults, puts column lineage on outputs and the query in a sql facet', async () => {
    const sql = 'INSERT INTO analytics.daily SELECT o.day, sum(o.amount) AS total FROM orders o GROUP BY o.day';
    const meta = await parseSql(sql, { dialect: 'postgres' });
    const lineage = sqlLineage(meta, {
      namespace: 'postgres://db.example:5432',
      defaultDatabase: 'shop',
      defaultSchema: 'public',
      query: sql,
      dialect: 'postgres',
    });
    expect(lineage.inputs).toEqual([{ namespace: 'postgres://db.example:5432', name: 'shop.public.orders' }]);
    expect(lineage.outputs).toHaveLength(1);
    const output = lineage.outputs[0]!;
    expect(output.name).toBe('shop.analytics.daily');
    expect(output.facets?.columnLineage?.fields).toEqual({
      day: { inputFields: [{ namespace: 'postgres://db.example:5432', name: 'shop.public.orders', field: 'day' }] },
      total: { inputFields: [{ namespace: 'postgres://db.example:5432', name: 'shop.public.orders', field: 'amount' }] },
    });
    expect(output.facets?.columnLineage?._schemaURL).toContain('ColumnLineageDatasetFacet');
    expect(lineage.jobFacets.sql).toMatchObject({ query: sql, dialect: 'postgres' });

    const event = runEvent({
      eventType: 'COMPLETE',
      run: createRun(),
      job: createJob('jobs', 'daily', lineage.jobFacets),
      inputs: lineage.inputs,
      outputs: lineage.outputs,
    });
    expect(validateEvent(event)).toEqual([]);
  });

  it('normalises a URI namespace (default port) and names URL locations by their own namespace', async () => {
    const meta = await parseSql("COPY INTO t FROM 's3://bucket/path/file.csv'", { dialect: 'snowflake' });
    const lineage = sqlLineage(meta, { namespace: 'postgres://host' });
    expect(lineage.inputs).toEqual([{ namespace: 's3://bucket', name: 'path/file.csv' }]);
    expect(lineage.outputs.map((o) => [o.namespace, o.name])).toEqual([['postgres://host:5432', 't']]);
    expect(lineage.jobFacets).toEqual({});
  });

  it('rejects a missing namespace with a clear error', () => {
    expect(() => sqlLineage({ inTables: [], outTables: [], columnLineage: [], errors: [] }, { namespace: '' })).toThrow('option namespace');
  });
});

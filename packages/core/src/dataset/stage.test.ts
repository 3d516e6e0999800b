import { describe, expect, it } from 'vitest';
import { OpenLineageClient } from '../client/client.js';
import { MemoryTransport } from '../client/test-transport.js';
import { facets } from '../facets/standard.js';
import type { DatasetEvent, RunEvent } from '../model/event.js';
import { hostListResolver, NamespaceResolvers } from './namespace-resolvers.js';
import { createDatasetStage, resolveDataset } from './stage.js';

function event(): RunEvent {
  return {
    eventType: 'COMPLETE',
    eventTime: '2025-01-01T00:00:00Z',
    producer: 'https://example.com/producer',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '01890000-0000-7000-8000-000000000001' },
    job: { namespace: 'jobs', name: 'load' },
    inputs: [
      {
        namespace: 'postgres://host1:5432',
        name: 'db.public.orders',
        facets: { symlinks: facets.symlinksDataset({ identifiers: [{ namespace: 'postgres://HOST2:5432', name: 'orders', type: 'TABLE' }] }) },
      },
      { namespace: 's3://lake', name: 'raw/orders/2025-01-01' },
      { namespace: 's3://lake', name: 'raw/orders/2025-01-02' },
    ],
    outputs: [
      {
        namespace: 'postgres://host2:5432',
        name: 'db.public.summary',
        facets: {
          columnLineage: facets.columnLineageDataset({
            fields: { total: { inputFields: [{ namespace: 'postgres://host1:5432', name: 'db.public.orders', field: 'amount' }] } },
            dataset: [{ namespace: 'postgres://host2:5432', name: 'db.public.orders', field: 'status' }],
          }),
        },
      },
    ],
  };
}

describe('the client applies namespace resolvers and trimmers to every event', () => {
  it('rewrites inputs, outputs, symlink identifiers and column-lineage input fields without touching the caller', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({
      transport,
      config: { dataset: { namespaceResolvers: { cluster: { type: 'hostList', hosts: ['host1', 'host2'] } } } },
    });
    const given = event();
    const before = JSON.stringify(given);
    await client.emit(given);
    expect(JSON.stringify(given)).toBe(before);
    const sent = transport.events[0] as RunEvent;
    expect(sent.inputs?.[0]?.namespace).toBe('postgres://cluster:5432');
    expect((sent.inputs?.[0]?.facets?.symlinks as unknown as { identifiers: { namespace: string }[] }).identifiers[0]?.namespace).toBe(
      'postgres://cluster:5432',
    );
    expect(sent.outputs?.[0]?.namespace).toBe('postgres://cluster:5432');
    const lineage = sent.outputs?.[0]?.facets?.columnLineage as unknown as {
      fields: Record<string, { inputFields: { namespace: string }[] }>;
      dataset: { namespace: string }[];
    };
    expect(lineage.fields.total?.inputFields[0]?.namespace).toBe('postgres://cluster:5432');
    expect(lineage.dataset[0]?.namespace).toBe('postgres://cluster:5432');
    // Trimmers are on by default: the two dated S3 paths became one dataset with a subset facet.
    expect(sent.inputs?.map((d) => d.name)).toEqual(['db.public.orders', 'raw/orders']);
    expect(sent.inputs?.[1]?.inputFacets?.subset).toMatchObject({
      inputCondition: { type: 'location', locations: ['raw/orders/2025-01-01', 'raw/orders/2025-01-02'] },
    });
  });

  it('resolves the dataset of a DatasetEvent', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({ transport, config: { dataset: { namespaceResolvers: { c: { type: 'pattern', regex: 'kafka-\\d+' } } } } });
    const dsEvent: DatasetEvent = {
      eventTime: '2025-01-01T00:00:00Z',
      producer: 'https://example.com/producer',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: { namespace: 'kafka://kafka-7:9092', name: 'topic' },
    };
    await client.emit(dsEvent);
    expect((transport.events[0] as DatasetEvent).dataset.namespace).toBe('kafka://c:9092');
  });

  it('passes events through untouched when all trimmers are disabled and no resolver applies', async () => {
    const stage = createDatasetStage({ trimmers: [], producer: 'p', resolvers: new NamespaceResolvers([hostListResolver('c', { hosts: ['nothere'] })]) })!;
    const e = event();
    expect(stage(e)).toBe(e);
    expect(createDatasetStage({ trimmers: [], producer: 'p' })).toBeUndefined();
  });

  it('sends partition paths as they are with dataset.disabledTrimmers naming all four', async () => {
    const transport = new MemoryTransport();
    const client = new OpenLineageClient({
      transport,
      config: { dataset: { disabledTrimmers: 'DateTrimmer;KeyValueTrimmer;MultiDirDateTrimmer;YearMonthTrimmer' } },
    });
    await client.emit(event());
    expect((transport.events[0] as RunEvent).inputs?.map((d) => d.name)).toEqual(['db.public.orders', 'raw/orders/2025-01-01', 'raw/orders/2025-01-02']);
  });

  it('resolves symlinks as DatasetNamespaceCombinedResolverTest.testResolveSymlinks does', () => {
    const resolvers = new NamespaceResolvers([hostListResolver('cluster', { hosts: ['host1', 'host2'] })]);
    const d = resolveDataset(
      {
        namespace: 'host1',
        name: 'name',
        facets: { symlinks: facets.symlinksDataset({ identifiers: [{ namespace: 'host2', name: 'name', type: 'TABLE' }] }) },
      },
      (ns) => resolvers.resolve(ns),
    );
    expect(d.namespace).toBe('cluster');
    expect((d.facets?.symlinks as unknown as { identifiers: { namespace: string }[] }).identifiers[0]?.namespace).toBe('cluster');
  });
});

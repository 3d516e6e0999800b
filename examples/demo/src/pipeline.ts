import { facets, type InputDataset, naming, type OpenLineageClient, type OutputDataset, type RunHandle } from '@ol/core';

/**
 * A small nightly pipeline: one parent run ("the DAG") and three child jobs. The first two
 * succeed; the third fails on purpose so the demo also shows a FAIL event with its error facet.
 */
export const NAMESPACE = 'demo-shop';
export const PARENT_JOB = 'nightly_orders';
export const CHILD_JOBS = ['nightly_orders.extract_orders', 'nightly_orders.build_order_totals', 'nightly_orders.publish_dashboard'] as const;

const orders = naming.postgres({ host: 'orders-db', port: 5432, database: 'shop', schema: 'public', table: 'orders' });
const rawOrders = naming.s3({ bucket: 'acme-lake', key: 'raw/orders' });
const orderTotals = naming.snowflake({ organization: 'acme', account: 'analytics', database: 'ANALYTICS', schema: 'PUBLIC', table: 'ORDER_TOTALS' });

const orderFields = [
  { name: 'order_id', type: 'BIGINT', description: 'primary key' },
  { name: 'customer_id', type: 'BIGINT' },
  { name: 'amount', type: 'DECIMAL(12,2)', description: 'order total in EUR' },
  { name: 'created_at', type: 'TIMESTAMP' },
];

function schema(fields: { name: string; type: string; description?: string }[]) {
  return facets.schemaDataset({ fields });
}

function input(name: { namespace: string; name: string }, fields: typeof orderFields, rowCount: number): InputDataset {
  return {
    ...name,
    facets: { schema: schema(fields) },
    inputFacets: { inputStatistics: facets.inputStatisticsInputDataset({ rowCount }) },
  };
}

/** Raises when the fake dashboard API "is down": the failure the demo reports as FAIL. */
class DashboardUnavailable extends Error {
  override name = 'DashboardUnavailable';
}

export interface PipelineResult {
  parent: RunHandle;
  failed: string[];
}

export async function runPipeline(client: OpenLineageClient): Promise<PipelineResult> {
  const parent = await client.startRun({
    job: { namespace: NAMESPACE, name: PARENT_JOB, facets: { jobType: facets.jobTypeJob({ processingType: 'BATCH', integration: 'DEMO', jobType: 'DAG' }) } },
    facets: { nominalTime: facets.nominalTimeRun({ nominalStartTime: '2024-06-01T02:00:00Z' }) },
  });
  const failed: string[] = [];

  const step = async (name: string, spec: { inputs: InputDataset[]; outputs: OutputDataset[]; sql?: string }, work: () => void): Promise<void> => {
    const run = await parent.child({
      job: { namespace: NAMESPACE, name, ...(spec.sql !== undefined ? { facets: { sql: facets.sqlJob({ query: spec.sql }) } } : {}) },
      inputs: spec.inputs,
      outputs: spec.outputs,
    });
    try {
      work();
      await run.complete();
    } catch (error) {
      failed.push(name);
      await run.fail(error);
    }
  };

  await step(
    CHILD_JOBS[0],
    {
      inputs: [input(orders, orderFields, 1250)],
      outputs: [
        {
          ...rawOrders,
          facets: { schema: schema(orderFields) },
          outputFacets: { outputStatistics: facets.outputStatisticsOutputDataset({ rowCount: 1250, size: 184_320, fileCount: 1 }) },
        },
      ],
    },
    () => undefined,
  );

  await step(
    CHILD_JOBS[1],
    {
      sql: 'SELECT customer_id, SUM(amount) AS total_amount, COUNT(*) AS order_count FROM raw_orders GROUP BY customer_id',
      inputs: [input(rawOrders, orderFields, 1250)],
      outputs: [
        {
          ...orderTotals,
          facets: {
            schema: schema([
              { name: 'customer_id', type: 'NUMBER' },
              { name: 'total_amount', type: 'NUMBER(14,2)' },
              { name: 'order_count', type: 'NUMBER' },
            ]),
            columnLineage: facets.columnLineageDataset({
              fields: {
                customer_id: { inputFields: [{ ...rawOrders, field: 'customer_id', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }] }] },
                total_amount: {
                  inputFields: [{ ...rawOrders, field: 'amount', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION', description: 'SUM' }] }],
                },
                order_count: {
                  inputFields: [{ ...rawOrders, field: 'order_id', transformations: [{ type: 'DIRECT', subtype: 'AGGREGATION', description: 'COUNT' }] }],
                },
              },
            }),
          },
          outputFacets: { outputStatistics: facets.outputStatisticsOutputDataset({ rowCount: 312 }) },
        },
      ],
    },
    () => undefined,
  );

  await step(CHILD_JOBS[2], { inputs: [{ ...orderTotals }], outputs: [] }, () => {
    throw new DashboardUnavailable('dashboard API answered 503 Service Unavailable');
  });

  if (failed.length > 0) await parent.fail(new Error(`${failed.length} of ${CHILD_JOBS.length} jobs failed: ${failed.join(', ')}`));
  else await parent.complete();
  return { parent, failed };
}

import { afterEach, describe, expect, it } from 'vitest';
import { naming, type DatasetName } from './dataset-naming.js';

const cases: [string, () => DatasetName, DatasetName][] = [
  [
    'athena',
    () => naming.athena({ region: 'us-east-1', catalog: 'awsdatacatalog', database: 'db', table: 't' }),
    { namespace: 'awsathena://athena.us-east-1.amazonaws.com', name: 'awsdatacatalog.db.t' },
  ],
  [
    'awsGlue',
    () => naming.awsGlue({ region: 'eu-west-1', accountId: '123456789012', database: 'db', table: 't' }),
    { namespace: 'arn:aws:glue:eu-west-1:123456789012', name: 'table/db/t' },
  ],
  [
    'azureCosmosDb',
    () => naming.azureCosmosDb({ host: 'acct.documents.azure.com', database: 'db', table: 'c' }),
    { namespace: 'azurecosmos://acct.documents.azure.com/dbs/db', name: 'colls/c' },
  ],
  [
    'azureDataExplorer',
    () => naming.azureDataExplorer({ host: 'cluster.westeurope', database: 'db', table: 't' }),
    { namespace: 'azurekusto://cluster.westeurope.kusto.windows.net', name: 'db/t' },
  ],
  [
    'azureSynapse',
    () => naming.azureSynapse({ host: 'ws.sql.azuresynapse.net', port: 1433, schema: 'dbo', table: 't' }),
    { namespace: 'sqlserver://ws.sql.azuresynapse.net:1433', name: 'dbo.t' },
  ],
  ['bigquery', () => naming.bigquery({ project: 'proj', dataset: 'ds', table: 't' }), { namespace: 'bigquery', name: 'proj.ds.t' }],
  ['cassandra', () => naming.cassandra({ host: 'c1', port: 9042, keyspace: 'ks', table: 't' }), { namespace: 'cassandra://c1:9042', name: 'ks.t' }],
  ['mysql', () => naming.mysql({ host: 'db', port: '3306', database: 'shop', table: 'orders' }), { namespace: 'mysql://db:3306', name: 'shop.orders' }],
  [
    'crateDb',
    () => naming.crateDb({ host: 'crate', port: 5432, database: 'doc', schema: 's', table: 't' }),
    { namespace: 'crate://crate:5432', name: 'doc.s.t' },
  ],
  ['db2', () => naming.db2({ host: 'db2', port: 50000, database: 'd', schema: 's', table: 't' }), { namespace: 'db2://db2:50000', name: 'd.s.t' }],
  ['oceanBase', () => naming.oceanBase({ host: 'ob', port: 2881, database: 'd', table: 't' }), { namespace: 'oceanbase://ob:2881', name: 'd.t' }],
  [
    'oracle',
    () => naming.oracle({ host: 'ora', port: 1521, serviceName: 'ORCL', schema: 'HR', table: 'EMP' }),
    { namespace: 'oracle://ora:1521', name: 'ORCL.HR.EMP' },
  ],
  [
    'postgres',
    () => naming.postgres({ host: 'pg', port: 5432, database: 'db', schema: 'public', table: 'orders' }),
    { namespace: 'postgres://pg:5432', name: 'db.public.orders' },
  ],
  ['teradata', () => naming.teradata({ host: 'td', port: 1025, database: 'd', table: 't' }), { namespace: 'teradata://td:1025', name: 'd.t' }],
  [
    'redshift',
    () => naming.redshift({ cluster: 'c1', region: 'us-west-2', port: 5439, database: 'dev', schema: 'public', table: 't' }),
    { namespace: 'redshift://c1.us-west-2:5439', name: 'dev.public.t' },
  ],
  [
    'snowflake',
    () => naming.snowflake({ organization: 'myorg', account: 'acct1', database: 'DB', schema: 'S', table: 'T' }),
    { namespace: 'snowflake://myorg-acct1', name: 'DB.S.T' },
  ],
  ['trino', () => naming.trino({ host: 'trino', port: 8080, catalog: 'hive', schema: 's', table: 't' }), { namespace: 'trino://trino:8080', name: 'hive.s.t' }],
  ['hive', () => naming.hive({ host: 'hms', port: 9083, database: 'd', table: 't' }), { namespace: 'hive://hms:9083', name: 'd.t' }],
  [
    'abfss',
    () => naming.abfss({ container: 'c', service: 'acct', path: 'dir/file.parquet' }),
    { namespace: 'abfss://c@acct.dfs.core.windows.net', name: 'dir/file.parquet' },
  ],
  ['wasbs', () => naming.wasbs({ container: 'c', service: 'acct', key: 'dir/blob' }), { namespace: 'wasbs://c@acct.dfs.core.windows.net', name: 'dir/blob' }],
  ['dbfs', () => naming.dbfs({ workspace: 'ws', path: '/mnt/data' }), { namespace: 'dbfs://ws', name: '/mnt/data' }],
  ['gcs', () => naming.gcs({ bucket: 'b', key: 'path/obj.csv' }), { namespace: 'gs://b', name: 'path/obj.csv' }],
  ['hdfs', () => naming.hdfs({ host: 'nn', port: 8020, path: '/user/x' }), { namespace: 'hdfs://nn:8020', name: '/user/x' }],
  ['s3', () => naming.s3({ bucket: 'b', key: 'path/obj.csv' }), { namespace: 's3://b', name: 'path/obj.csv' }],
  ['kafka', () => naming.kafka({ host: 'broker', port: 9092, topic: 'events' }), { namespace: 'kafka://broker:9092', name: 'events' }],
  ['localFile', () => naming.localFile({ path: '/data/x.csv' }), { namespace: 'file', name: '/data/x.csv' }],
  ['remoteFile', () => naming.remoteFile({ host: 'nas', path: '/share/x.csv' }), { namespace: 'file://nas', name: '/share/x.csv' }],
  ['pubsub topic', () => naming.pubsub({ type: 'topic', project: 'p', id: 't' }), { namespace: 'pubsub', name: 'topic:p:t' }],
  ['pubsub subscription', () => naming.pubsub({ type: 'subscription', project: 'p', id: 's' }), { namespace: 'pubsub', name: 'subscription:p:s' }],
];

describe('naming helpers', () => {
  afterEach(() => {
    delete process.env.OPENLINEAGE__NAME__ESCAPING;
  });

  it.each(cases)('%s', (_name, make, expected) => expect(make()).toEqual(expected));

  it('has one helper per system of the naming table, plus fromUri', () => {
    expect(Object.keys(naming)).toHaveLength(29); // 28 rows in the naming table + fromUri
  });

  it.each([
    [
      'empty',
      () => naming.postgres({ host: '', port: 5432, database: 'd', schema: 's', table: 't' }),
      /naming\.postgres: "host" must be a non-empty string, got ""/,
    ],
    ['blank', () => naming.bigquery({ project: 'p', dataset: '  ', table: 't' }), /naming\.bigquery: "dataset" must be a non-empty string/],
    ['missing', () => naming.s3({ bucket: 'b' } as never), /naming\.s3: "key" must be a non-empty string, got nothing/],
    ['not a string', () => naming.kafka({ host: 'h', port: 9092, topic: 5 as never }), /naming\.kafka: "topic"/],
    ['bad port number', () => naming.mysql({ host: 'h', port: 70000, database: 'd', table: 't' }), /naming\.mysql: "port" must be a port number/],
    ['pubsub type', () => naming.pubsub({ type: 'queue' as never, project: 'p', id: 'i' }), /"type" must be "topic" or "subscription"/],
    ['not an object', () => naming.gcs(undefined as never), /naming\.gcs: expected an object/],
  ])('rejects a %s argument with a TypeError naming it', (_n, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('escapes dots inside segments when asked (option or OPENLINEAGE__NAME__ESCAPING)', () => {
    const args = { host: 'ora', port: 1521, serviceName: 'db.example.com', schema: 'HR', table: 'EMP' };
    expect(naming.oracle(args).name).toBe('db.example.com.HR.EMP');
    expect(naming.oracle(args, { escapeDots: true }).name).toBe('db\\.example\\.com.HR.EMP');
    process.env.OPENLINEAGE__NAME__ESCAPING = 'TRUE';
    expect(naming.oracle(args).name).toBe('db\\.example\\.com.HR.EMP');
    expect(naming.oracle(args, { escapeDots: false }).name).toBe('db.example.com.HR.EMP');
  });
});

describe('naming.fromUri', () => {
  it.each([
    ['postgres://host:5432/db', { namespace: 'postgres://host:5432', name: 'db' }],
    ['postgresql://user:secret@host/db/public/orders?sslmode=require', { namespace: 'postgres://host:5432', name: 'db.public.orders' }],
    ['mysql://h:3307/shop', { namespace: 'mysql://h:3307', name: 'shop' }],
    ['s3://bucket/path/to/key.parquet', { namespace: 's3://bucket', name: 'path/to/key.parquet' }],
    ['s3a://bucket/key', { namespace: 's3://bucket', name: 'key' }],
    ['gs://bucket/dir/obj', { namespace: 'gs://bucket', name: 'dir/obj' }],
    ['file:///var/data/x.csv', { namespace: 'file', name: '/var/data/x.csv' }],
    ['file://nas/share/x.csv', { namespace: 'file://nas', name: '/share/x.csv' }],
    ['hdfs://nn:8020/user/x', { namespace: 'hdfs://nn:8020', name: '/user/x' }],
    ['kafka://broker:9092/events', { namespace: 'kafka://broker:9092', name: 'events' }],
    ['abfss://c@acct.dfs.core.windows.net/dir/f', { namespace: 'abfss://c@acct.dfs.core.windows.net', name: '/dir/f' }],
  ])('%s', (uri, expected) => expect(naming.fromUri(uri)).toEqual(expected));

  it.each([
    ['', /non-empty/],
    ['not a uri', /absolute URI/],
    ['s3://bucket', /no object key/],
    ['s3://bucket/', /no object key/],
    ['postgres://host:5432', /no database/],
    ['file:///', /no path/],
    ['kafka://broker:9092', /no topic/],
  ])('rejects %j', (uri, message) => expect(() => naming.fromUri(uri)).toThrow(message));
});

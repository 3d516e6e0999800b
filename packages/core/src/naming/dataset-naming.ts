/**
 * Dataset names per the OpenLineage naming conventions, so lineage from different producers
 * joins up. Each helper checks its arguments and returns `{ namespace, name }`; the formats
 * match the Python client's `openlineage.client.naming.dataset`.
 */

export interface DatasetName {
  namespace: string;
  name: string;
}

export interface NamingOptions {
  /**
   * Escape literal dots inside dotted name segments as `\.` (the naming spec's escaping rule).
   * Off by default, as in the Python client; `OPENLINEAGE__NAME__ESCAPING=true` turns it on.
   */
  escapeDots?: boolean;
}

type Port = string | number;

function text(system: string, args: Record<string, unknown>, key: string): string {
  const value = args[key];
  if (typeof value === 'number' && key.toLowerCase().endsWith('port')) {
    if (Number.isInteger(value) && value > 0 && value < 65536) return String(value);
    throw new TypeError(`naming.${system}: "${key}" must be a port number (1-65535), got ${String(value)}`);
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`naming.${system}: "${key}" must be a non-empty string, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  }
  return value;
}

/** Reads and checks every named argument, in order. */
function read<K extends string>(system: string, args: unknown, keys: readonly K[]): Record<K, string> {
  if (typeof args !== 'object' || args === null) throw new TypeError(`naming.${system}: expected an object with ${keys.join(', ')}`);
  const out = {} as Record<K, string>;
  for (const k of keys) out[k] = text(system, args as Record<string, unknown>, k);
  return out;
}

function escaping(options: NamingOptions | undefined): boolean {
  if (options?.escapeDots !== undefined) return options.escapeDots;
  const env = typeof process === 'undefined' ? undefined : process.env.OPENLINEAGE__NAME__ESCAPING;
  return env?.trim().toLowerCase() === 'true';
}

function dotted(options: NamingOptions | undefined, ...segments: string[]): string {
  return (escaping(options) ? segments.map((s) => s.replace(/\./g, '\\.')) : segments).join('.');
}

export const naming = {
  athena(a: { region: string; catalog: string; database: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('athena', a, ['region', 'catalog', 'database', 'table']);
    return { namespace: `awsathena://athena.${v.region}.amazonaws.com`, name: dotted(o, v.catalog, v.database, v.table) };
  },
  awsGlue(a: { region: string; accountId: string; database: string; table: string }): DatasetName {
    const v = read('awsGlue', a, ['region', 'accountId', 'database', 'table']);
    return { namespace: `arn:aws:glue:${v.region}:${v.accountId}`, name: `table/${v.database}/${v.table}` };
  },
  azureCosmosDb(a: { host: string; database: string; table: string }): DatasetName {
    const v = read('azureCosmosDb', a, ['host', 'database', 'table']);
    return { namespace: `azurecosmos://${v.host}/dbs/${v.database}`, name: `colls/${v.table}` };
  },
  azureDataExplorer(a: { host: string; database: string; table: string }): DatasetName {
    const v = read('azureDataExplorer', a, ['host', 'database', 'table']);
    return { namespace: `azurekusto://${v.host}.kusto.windows.net`, name: `${v.database}/${v.table}` };
  },
  azureSynapse(a: { host: string; port: Port; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('azureSynapse', a, ['host', 'port', 'schema', 'table']);
    return { namespace: `sqlserver://${v.host}:${v.port}`, name: dotted(o, v.schema, v.table) };
  },
  bigquery(a: { project: string; dataset: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('bigquery', a, ['project', 'dataset', 'table']);
    return { namespace: 'bigquery', name: dotted(o, v.project, v.dataset, v.table) };
  },
  cassandra(a: { host: string; port: Port; keyspace: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('cassandra', a, ['host', 'port', 'keyspace', 'table']);
    return { namespace: `cassandra://${v.host}:${v.port}`, name: dotted(o, v.keyspace, v.table) };
  },
  mysql(a: { host: string; port: Port; database: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('mysql', a, ['host', 'port', 'database', 'table']);
    return { namespace: `mysql://${v.host}:${v.port}`, name: dotted(o, v.database, v.table) };
  },
  crateDb(a: { host: string; port: Port; database: string; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('crateDb', a, ['host', 'port', 'database', 'schema', 'table']);
    return { namespace: `crate://${v.host}:${v.port}`, name: dotted(o, v.database, v.schema, v.table) };
  },
  db2(a: { host: string; port: Port; database: string; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('db2', a, ['host', 'port', 'database', 'schema', 'table']);
    return { namespace: `db2://${v.host}:${v.port}`, name: dotted(o, v.database, v.schema, v.table) };
  },
  oceanBase(a: { host: string; port: Port; database: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('oceanBase', a, ['host', 'port', 'database', 'table']);
    return { namespace: `oceanbase://${v.host}:${v.port}`, name: dotted(o, v.database, v.table) };
  },
  oracle(a: { host: string; port: Port; serviceName: string; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('oracle', a, ['host', 'port', 'serviceName', 'schema', 'table']);
    return { namespace: `oracle://${v.host}:${v.port}`, name: dotted(o, v.serviceName, v.schema, v.table) };
  },
  postgres(a: { host: string; port: Port; database: string; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('postgres', a, ['host', 'port', 'database', 'schema', 'table']);
    return { namespace: `postgres://${v.host}:${v.port}`, name: dotted(o, v.database, v.schema, v.table) };
  },
  teradata(a: { host: string; port: Port; database: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('teradata', a, ['host', 'port', 'database', 'table']);
    return { namespace: `teradata://${v.host}:${v.port}`, name: dotted(o, v.database, v.table) };
  },
  redshift(a: { cluster: string; region: string; port: Port; database: string; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('redshift', a, ['cluster', 'region', 'port', 'database', 'schema', 'table']);
    return { namespace: `redshift://${v.cluster}.${v.region}:${v.port}`, name: dotted(o, v.database, v.schema, v.table) };
  },
  snowflake(a: { organization: string; account: string; database: string; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('snowflake', a, ['organization', 'account', 'database', 'schema', 'table']);
    return { namespace: `snowflake://${v.organization}-${v.account}`, name: dotted(o, v.database, v.schema, v.table) };
  },
  trino(a: { host: string; port: Port; catalog: string; schema: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('trino', a, ['host', 'port', 'catalog', 'schema', 'table']);
    return { namespace: `trino://${v.host}:${v.port}`, name: dotted(o, v.catalog, v.schema, v.table) };
  },
  hive(a: { host: string; port: Port; database: string; table: string }, o?: NamingOptions): DatasetName {
    const v = read('hive', a, ['host', 'port', 'database', 'table']);
    return { namespace: `hive://${v.host}:${v.port}`, name: dotted(o, v.database, v.table) };
  },
  abfss(a: { container: string; service: string; path: string }): DatasetName {
    const v = read('abfss', a, ['container', 'service', 'path']);
    return { namespace: `abfss://${v.container}@${v.service}.dfs.core.windows.net`, name: v.path };
  },
  wasbs(a: { container: string; service: string; key: string }): DatasetName {
    const v = read('wasbs', a, ['container', 'service', 'key']);
    return { namespace: `wasbs://${v.container}@${v.service}.dfs.core.windows.net`, name: v.key };
  },
  dbfs(a: { workspace: string; path: string }): DatasetName {
    const v = read('dbfs', a, ['workspace', 'path']);
    return { namespace: `dbfs://${v.workspace}`, name: v.path };
  },
  gcs(a: { bucket: string; key: string }): DatasetName {
    const v = read('gcs', a, ['bucket', 'key']);
    return { namespace: `gs://${v.bucket}`, name: v.key };
  },
  hdfs(a: { host: string; port: Port; path: string }): DatasetName {
    const v = read('hdfs', a, ['host', 'port', 'path']);
    return { namespace: `hdfs://${v.host}:${v.port}`, name: v.path };
  },
  s3(a: { bucket: string; key: string }): DatasetName {
    const v = read('s3', a, ['bucket', 'key']);
    return { namespace: `s3://${v.bucket}`, name: v.key };
  },
  kafka(a: { host: string; port: Port; topic: string }): DatasetName {
    const v = read('kafka', a, ['host', 'port', 'topic']);
    return { namespace: `kafka://${v.host}:${v.port}`, name: v.topic };
  },
  localFile(a: { path: string }): DatasetName {
    const v = read('localFile', a, ['path']);
    return { namespace: 'file', name: v.path };
  },
  remoteFile(a: { host: string; path: string }): DatasetName {
    const v = read('remoteFile', a, ['host', 'path']);
    return { namespace: `file://${v.host}`, name: v.path };
  },
  pubsub(a: { type: 'topic' | 'subscription'; project: string; id: string }): DatasetName {
    const v = read('pubsub', a, ['type', 'project', 'id']);
    if (v.type !== 'topic' && v.type !== 'subscription') {
      throw new TypeError(`naming.pubsub: "type" must be "topic" or "subscription", got ${JSON.stringify(v.type)}`);
    }
    return { namespace: 'pubsub', name: `${v.type}:${v.project}:${v.id}` };
  },
  fromUri,
};

/** Default ports, filled in when a database URI leaves the port out (the names require one). */
const DEFAULT_PORTS: Record<string, number> = {
  postgres: 5432,
  mysql: 3306,
  redshift: 5439,
  oracle: 1521,
  db2: 50000,
  teradata: 1025,
  trino: 8080,
  hive: 10000,
  cassandra: 9042,
  crate: 5432,
  oceanbase: 2881,
  sqlserver: 1433,
  kafka: 9092,
};
const SCHEME_ALIASES: Record<string, string> = { postgresql: 'postgres', s3a: 's3', s3n: 's3', mariadb: 'mysql', gcs: 'gs' };
/** Object stores: namespace = bucket, name = key without the leading slash. */
const BUCKET_SCHEMES = new Set(['s3', 'gs']);

/**
 * `{ namespace, name }` from a URI in the common forms:
 * `postgres://host:5432/db[/schema/table]` → `postgres://host:5432` + `db.schema.table`
 * (credentials and query dropped, default port filled in), `s3://bucket/key` / `gs://bucket/key`
 * → bucket + key, `file:///path` → `file` + `/path`, `file://host/path`, `hdfs://host:port/path`,
 * `kafka://host:port/topic`, and for any other `scheme://authority/path` the authority as
 * namespace and the path as name.
 */
export function fromUri(uri: string): DatasetName {
  if (typeof uri !== 'string' || uri.trim() === '') throw new TypeError(`naming.fromUri: "uri" must be a non-empty string, got ${JSON.stringify(uri)}`);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new TypeError(`naming.fromUri: "uri" must be an absolute URI such as postgres://host:5432/db or s3://bucket/key, got ${JSON.stringify(uri)}`);
  }
  const rawScheme = url.protocol.slice(0, -1).toLowerCase();
  const scheme = SCHEME_ALIASES[rawScheme] ?? rawScheme;
  const path = decodeURIComponent(url.pathname);
  const host = url.hostname;

  if (scheme === 'file') {
    if (path === '' || path === '/') throw new TypeError(`naming.fromUri: "uri" has no path: ${JSON.stringify(uri)}`);
    return host === '' || host === 'localhost' ? { namespace: 'file', name: path } : { namespace: `file://${host}`, name: path };
  }
  if (host === '') throw new TypeError(`naming.fromUri: "uri" has no host or bucket: ${JSON.stringify(uri)}`);
  if (BUCKET_SCHEMES.has(scheme)) {
    const key = path.replace(/^\/+/, '');
    if (key === '') throw new TypeError(`naming.fromUri: "uri" has no object key: ${JSON.stringify(uri)}`);
    return { namespace: `${scheme}://${host}`, name: key };
  }
  const defaultPort = DEFAULT_PORTS[scheme];
  const port = url.port || (defaultPort === undefined ? '' : String(defaultPort));
  const authority = `${url.username ? `${decodeURIComponent(url.username)}@` : ''}${host}`;
  if (defaultPort !== undefined && scheme !== 'kafka') {
    // Databases: path segments are database[/schema[/table]], joined with dots.
    const segments = path.split('/').filter((s) => s !== '');
    if (segments.length === 0) throw new TypeError(`naming.fromUri: "uri" names no database: ${JSON.stringify(uri)}`);
    return { namespace: `${scheme}://${host}:${port}`, name: segments.join('.') };
  }
  if (scheme === 'kafka') {
    const topic = path.replace(/^\/+/, '');
    if (topic === '') throw new TypeError(`naming.fromUri: "uri" names no topic: ${JSON.stringify(uri)}`);
    return { namespace: `kafka://${host}:${port}`, name: topic };
  }
  // Storage systems (hdfs, abfss, wasbs, dbfs, …): the authority is the namespace, the path the name.
  // Only abfss/wasbs keep user info (container@account); other credentials are dropped.
  const keepUser = scheme === 'abfss' || scheme === 'wasbs';
  const ns = `${scheme}://${keepUser ? authority : host}${url.port ? `:${url.port}` : ''}`;
  if (path === '' || path === '/') throw new TypeError(`naming.fromUri: "uri" has no path: ${JSON.stringify(uri)}`);
  return { namespace: ns, name: path };
}

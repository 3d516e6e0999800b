/** Built-in type names → the package that provides them, imported on first use. */
export const WELL_KNOWN_PACKAGES: Readonly<Record<string, string>> = {
  http: '@ol/transport-http',
  async_http: '@ol/transport-async-http',
  'async-http': '@ol/transport-async-http',
  asynchttp: '@ol/transport-async-http',
  kafka: '@ol/transport-kafka',
  file: '@ol/transport-file',
  composite: '@ol/transport-composite',
  transform: '@ol/transport-transform',
  amazon_datazone_api: '@ol/transport-datazone',
  datazone: '@ol/transport-datazone',
  datadog: '@ol/transport-datadog',
  gcplineage: '@ol/transport-gcplineage',
  'msk-iam': '@ol/transport-msk-iam',
  msk_iam: '@ol/transport-msk-iam',
  s3: '@ol/transport-s3',
  gcs: '@ol/transport-gcs',
  kinesis: '@ol/transport-kinesis',
};

/** The Python class paths its docs use as `type`, so one openlineage.yml serves both clients. */
export const PYTHON_CLASS_PATHS: Readonly<Record<string, string>> = {
  'openlineage.client.transport.http.HttpTransport': 'http',
  'openlineage.client.transport.HttpTransport': 'http',
  'openlineage.client.transport.async_http.AsyncHttpTransport': 'async_http',
  'openlineage.client.transport.kafka.KafkaTransport': 'kafka',
  'openlineage.client.transport.file.FileTransport': 'file',
  'openlineage.client.transport.composite.CompositeTransport': 'composite',
  'openlineage.client.transport.transform.TransformTransport': 'transform',
  'openlineage.client.transport.transform.transform.TransformTransport': 'transform',
  'openlineage.client.transport.console.ConsoleTransport': 'console',
  'openlineage.client.transport.ConsoleTransport': 'console',
  'openlineage.client.transport.noop.NoopTransport': 'noop',
  'openlineage.client.transport.amazon_datazone.AmazonDataZoneTransport': 'amazon_datazone_api',
  'openlineage.client.transport.datadog.DatadogTransport': 'datadog',
  'openlineage.client.transport.gcplineage.GCPLineageTransport': 'gcplineage',
  'openlineage.client.transport.msk_iam.MSKIAMTransport': 'msk-iam',
};

/** The Java client's transport class names, for configs shared with JVM services (Spark, Flink). */
export const JAVA_CLASS_NAMES: Readonly<Record<string, string>> = {
  'io.openlineage.client.transports.s3.S3Transport': 's3',
  'io.openlineage.client.transports.gcs.GcsTransport': 'gcs',
  'io.openlineage.client.transports.kinesis.KinesisTransport': 'kinesis',
};


/** Maps a Python class path or Java class name to its built-in type; anything else is returned unchanged. */
export function canonicalTypeName(type: string): string {
  const t = type.trim();
  return PYTHON_CLASS_PATHS[t] ?? JAVA_CLASS_NAMES[t] ?? t;
}

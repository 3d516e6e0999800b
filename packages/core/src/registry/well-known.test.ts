import { describe, expect, it } from 'vitest';
import { canonicalTypeName, wellKnownPackage } from './well-known.js';

describe('well-known packages', () => {
  // The names the Python client's docs use as `type`: each must lead to the package whose descriptor lists it.
  it.each([
    ['http', 'http', '@ol/transport-http'],
    ['openlineage.client.transport.http.HttpTransport', 'http', '@ol/transport-http'],
    ['openlineage.client.transport.HttpTransport', 'http', '@ol/transport-http'],
    ['async_http', 'async_http', '@ol/transport-async-http'],
    ['Async-HTTP', 'async_http', '@ol/transport-async-http'],
    ['openlineage.client.transport.async_http.AsyncHttpTransport', 'async_http', '@ol/transport-async-http'],
    ['openlineage.client.transport.kafka.KafkaTransport', 'kafka', '@ol/transport-kafka'],
    ['openlineage.client.transport.KafkaTransport', 'kafka', '@ol/transport-kafka'],
    ['openlineage.client.transport.file.FileTransport', 'file', '@ol/transport-file'],
    ['openlineage.client.transport.composite.CompositeTransport', 'composite', '@ol/transport-composite'],
    ['openlineage.client.transport.transform.TransformTransport', 'transform', '@ol/transport-transform'],
    ['openlineage.client.transport.transform.transform.TransformTransport', 'transform', '@ol/transport-transform'],
    ['amazon_datazone_api', 'amazon_datazone_api', '@ol/transport-datazone'],
    ['datazone', 'amazon_datazone_api', '@ol/transport-datazone'],
    ['openlineage.client.transport.amazon_datazone.AmazonDataZoneTransport', 'amazon_datazone_api', '@ol/transport-datazone'],
    ['datadog', 'datadog', '@ol/transport-datadog'],
    ['openlineage.client.transport.datadog.DatadogTransport', 'datadog', '@ol/transport-datadog'],
    ['gcplineage', 'gcplineage', '@ol/transport-gcplineage'],
    ['openlineage.client.transport.gcplineage.GCPLineageTransport', 'gcplineage', '@ol/transport-gcplineage'],
    ['msk-iam', 'msk-iam', '@ol/transport-msk-iam'],
    ['msk_iam', 'msk-iam', '@ol/transport-msk-iam'],
    ['openlineage.client.transport.msk_iam.MSKIAMTransport', 'msk-iam', '@ol/transport-msk-iam'],
    // The Java client's class names, for configs shared with JVM services.
    ['s3', 's3', '@ol/transport-s3'],
    ['io.openlineage.client.transports.s3.S3Transport', 's3', '@ol/transport-s3'],
    ['io.openlineage.client.transports.gcs.GcsTransport', 'gcs', '@ol/transport-gcs'],
    ['io.openlineage.client.transports.kinesis.KinesisTransport', 'kinesis', '@ol/transport-kinesis'],
  ])('%s → %s in %s', (name, type, pkg) => {
    expect(wellKnownPackage(name)).toBe(pkg);
    expect(canonicalTypeName(name)).toBe(type);
  });

  it('console and noop are known by their descriptors (Python class paths included); other names stay as given', () => {
    expect(canonicalTypeName('openlineage.client.transport.console.ConsoleTransport')).toBe('console');
    expect(canonicalTypeName('openlineage.client.transport.noop.NoopTransport')).toBe('noop');
    expect(wellKnownPackage('console')).toBeUndefined();
    expect(canonicalTypeName(' my-webhook-transport ')).toBe('my-webhook-transport');
    expect(wellKnownPackage('openlineage.client.transport.no_such.NoSuchTransport')).toBeUndefined();
    expect(wellKnownPackage('io.openlineage.client.transports.no_such.NoSuchTransport')).toBeUndefined();
  });
});

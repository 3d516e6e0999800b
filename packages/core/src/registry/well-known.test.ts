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
  ])('%s → %s in %s', (name, type, pkg) => {
    expect(wellKnownPackage(name)).toBe(pkg);
    expect(canonicalTypeName(name)).toBe(type);
  });

  it('console and noop are known by their descriptors (Python class paths included); other names stay as given', () => {
    expect(canonicalTypeName('openlineage.client.transport.console.ConsoleTransport')).toBe('console');
    expect(canonicalTypeName('openlineage.client.transport.noop.NoopTransport')).toBe('noop');
    expect(wellKnownPackage('console')).toBeUndefined();
    expect(canonicalTypeName(' my-webhook-transport ')).toBe('my-webhook-transport');
    expect(wellKnownPackage('openlineage.client.transport.msk_iam.MSKIAMTransport')).toBeUndefined();
  });
});

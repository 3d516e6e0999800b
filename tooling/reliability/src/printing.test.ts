/**
 * Printing a transport (console.log, util.inspect, JSON.stringify) never shows a secret: every
 * transport shows its type and config with api keys, passwords and auth headers as ***.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createTransport, silentLogger, type Transport } from '@ol/core';

const API_KEY = 'sk-print-0123456789';
const PASSWORD = 'kafka-pa55word-xyz';
const HEADER = 'Bearer header-token-987';
const cwd = new URL('..', import.meta.url).pathname;
const built: Transport[] = [];
// gcplineage checks that its credentials file is readable; it is only parsed when the first event is sent.
const keyFile = join(mkdtempSync(join(tmpdir(), 'ol-print-')), 'sa.json');
writeFileSync(keyFile, '{}');

afterAll(async () => {
  for (const t of built) await t.close(1000);
});

const http = { type: 'http', url: 'http://127.0.0.1:9', auth: { type: 'api_key', apiKey: API_KEY }, custom_headers: { Authorization: HEADER } };
const configs: Record<string, unknown> = {
  http,
  async_http: { ...http, type: 'async_http' },
  kafka: {
    type: 'kafka',
    topic: 't',
    config: {
      'bootstrap.servers': '127.0.0.1:9',
      'security.protocol': 'SASL_PLAINTEXT',
      'sasl.mechanism': 'PLAIN',
      'sasl.username': 'u',
      'sasl.password': PASSWORD,
    },
  },
  composite: { type: 'composite', transports: { first: http, second: { type: 'console' } } },
  transform: { type: 'transform', transformer_class: 'JobNamespaceReplaceTransformer', transformer_properties: { new_job_namespace: 'x' }, transport: http },
  file: { type: 'file', log_file_path: join(tmpdir(), 'ol-print-test.jsonl') },
  datazone: { type: 'amazon_datazone_api', domainId: 'dzd_abc123', region: 'us-east-1' },
  datadog: { type: 'datadog', apiKey: API_KEY, site: 'http://127.0.0.1:9' },
  gcplineage: { type: 'gcplineage', project_id: 'my-project', credentials_path: keyFile },
  'msk-iam': { type: 'msk-iam', topic: 't', region: 'eu-west-1', config: { 'bootstrap.servers': '127.0.0.1:9' } },
  s3: { type: 's3', bucketName: 'lineage', endpoint: 'http://127.0.0.1:9' },
  // The key file's path counts as a secret-bearing value (credential*): shown as ***.
  gcs: { type: 'gcs', bucketName: 'lineage', credentialsFile: new URL(import.meta.url).pathname, apiEndpoint: 'http://127.0.0.1:9' },
  kinesis: { type: 'kinesis', streamName: 'lineage', region: 'us-east-1', endpoint: 'http://127.0.0.1:9' },
};
const withoutSecrets = new Set(['file', 'datazone', 'msk-iam', 's3', 'kinesis']);

describe('printing a transport', () => {
  for (const [name, config] of Object.entries(configs)) {
    it(`${name}: inspect and JSON show the type and config, secrets as ***`, async () => {
      const t = await createTransport(config, { logger: silentLogger, env: {}, cwd, origin: () => 'code', path: ['transport'], baseDir: cwd });
      built.push(t);
      for (const text of [inspect(t, { depth: 10 }), JSON.stringify(t)]) {
        expect(text).toContain(t.type);
        expect(text).not.toContain(API_KEY);
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain('header-token-987');
        expect(text).not.toContain(keyFile);
      }
      if (!withoutSecrets.has(name)) expect(JSON.stringify(t)).toContain('***');
    });
  }
});

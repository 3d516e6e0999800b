/**
 * Lineage must never crash the user's process. With every transport pointed at a dead peer, a
 * script that emits (without awaiting) and simply ends exits with code 0, within the configured
 * timeouts and retries, and its failures show up in stats().
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '@ol/test-kit';

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stats?: { emitted: number; success: number; failed: number; dropped: number; pending: number };
  ms: number;
}

function runScript(transport: unknown, env: Record<string, string> = {}): Promise<Outcome> {
  const script = `
import { OpenLineageClient } from '@ol/core';
const client = await OpenLineageClient.create({ config: { transport: ${JSON.stringify(transport)} }, cwd: process.cwd(), env: { ...process.env } });
process.on('exit', () => process.stdout.write('STATS' + JSON.stringify(client.stats()) + '\\n'));
for (let i = 0; i < 3; i++) {
  // Not awaited on purpose: the caller forgets the promise, as real code does.
  void client.emit({
    eventTime: new Date().toISOString(), producer: 'https://example.com/dead-peer', eventType: i === 0 ? 'START' : 'COMPLETE',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: '0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d7' + i }, job: { namespace: 'reliability', name: 'dead-peer' },
  });
}
`;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env: { ...process.env, OPENLINEAGE_CLIENT_LOGGING: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith('STATS'));
      resolve({ code, signal, stderr, ms: Date.now() - started, ...(line ? { stats: JSON.parse(line.slice(5)) as Outcome['stats'] } : {}) });
    });
  });
}

describe('a dead peer never crashes the process', () => {
  it('every transport, at once: exit code 0, failures counted, within timeouts', async () => {
    const port = await freePort();
    const dead = `http://127.0.0.1:${port}`;
    const blocked = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ol-dead-')), 'file');
    fs.writeFileSync(blocked, 'not a directory');
    // A service-account key made here: the Google library signs its own token with it, so nothing but the dead endpoint is contacted.
    const serviceAccount = path.join(path.dirname(blocked), 'sa.json');
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    fs.writeFileSync(
      serviceAccount,
      JSON.stringify({
        type: 'service_account',
        project_id: 'my-project',
        private_key_id: 'k1',
        private_key: privateKey,
        client_email: 'ol@my-project.iam.gserviceaccount.com',
        token_uri: dead,
      }),
    );
    const http = { type: 'http', url: dead, timeout: 1 };
    const cases: Record<string, [unknown, Record<string, string>?]> = {
      http: [http],
      async_http: [{ ...http, type: 'async_http' }],
      kafka: [{ type: 'kafka', topic: 'lineage', config: { 'bootstrap.servers': `127.0.0.1:${port}`, 'message.timeout.ms': '3000' } }],
      datazone: [
        { type: 'amazon_datazone_api', domainId: 'dzd_abc123', region: 'us-east-1', endpointOverride: dead, maxAttempts: 2 },
        { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      ],
      datadog: [{ type: 'datadog', site: dead, timeout: 1 }, { DD_API_KEY: 'wJalrXUtnFEMI-datadog-key' }],
      // Everything through the async side: failures are counted in the background.
      'datadog (async)': [
        { type: 'datadog', site: dead, timeout: 1, async_transport_rules: { '*': { '*': true } } },
        { DD_API_KEY: 'wJalrXUtnFEMI-datadog-key' },
      ],
      gcplineage: [{ type: 'gcplineage', project_id: 'my-project', credentials_path: serviceAccount, api_endpoint: dead, timeout: 2 }],
      'gcplineage (async)': [
        {
          type: 'gcplineage',
          project_id: 'my-project',
          credentials_path: serviceAccount,
          api_endpoint: dead,
          timeout: 2,
          async_transport_rules: { '*': { '*': true } },
        },
      ],
      'msk-iam': [
        { type: 'msk-iam', topic: 'lineage', region: 'eu-west-1', config: { 'bootstrap.servers': `127.0.0.1:${port}`, 'message.timeout.ms': '3000' } },
        { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      ],
      s3: [
        { type: 's3', bucketName: 'lineage', endpoint: dead, maxAttempts: 2 },
        { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      ],
      gcs: [{ type: 'gcs', bucketName: 'lineage', apiEndpoint: dead, maxRetries: 2 }],
      kinesis: [
        { type: 'kinesis', streamName: 'lineage', region: 'us-east-1', endpoint: dead, maxAttempts: 2 },
        { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      ],
      file: [{ type: 'file', log_file_path: path.join(blocked, 'events.jsonl'), append: true }],
      composite: [{ type: 'composite', transports: [http, { type: 'file', log_file_path: path.join(blocked, 'x.jsonl'), append: true }] }],
      transform: [
        { type: 'transform', transformer_class: 'JobNamespaceReplaceTransformer', transformer_properties: { new_job_namespace: 'x' }, transport: http },
      ],
    };
    const results = await Promise.all(Object.entries(cases).map(async ([name, [config, env]]) => [name, await runScript(config, env)] as const));
    for (const [name, r] of results) {
      expect.soft(r.signal, `${name}: signal`).toBeNull();
      expect.soft(r.code, `${name}: exit code (stderr: ${r.stderr.slice(0, 500)})`).toBe(0);
      expect.soft(r.stats, `${name}: stats printed`).toBeDefined();
      expect.soft((r.stats?.failed ?? 0) + (r.stats?.dropped ?? 0), `${name}: failures counted`).toBeGreaterThanOrEqual(3);
      expect.soft(r.stats?.success, `${name}: nothing delivered`).toBe(0);
      // Default retries are 5 with a 0.3 s backoff factor (about 9 s); nothing may hang beyond that.
      expect.soft(r.ms, `${name}: finished within its timeouts`).toBeLessThan(60_000);
      expect.soft(r.stderr, `${name}: no unhandled rejection`).not.toMatch(/Unhandled|UnhandledPromiseRejection|triggerUncaughtException/);
      expect.soft(r.stderr, `${name}: no secret in the logs`).not.toContain('wJalrXUtnFEMI');
    }
  });
});

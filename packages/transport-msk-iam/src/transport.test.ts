import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { type Logger, OpenLineageClient, type RunEvent, TransportError } from '@ol/core';
import { KafkaTestBroker, freePort, mskIamVerifier, selfSignedCertificate } from '@ol/test-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMskIamTransport, type CreateMskIamTransportOptions, type MskIamTransport } from './index.js';

/** Test credentials: the broker knows the secret, as IAM would. They only ever travel over loopback. */
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDMSKIAMTEST', AWS_SECRET_ACCESS_KEY: 'msk-iam-test-secret-0123456789abcdef' };
const CREDS = { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: KEYS.AWS_SECRET_ACCESS_KEY };
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const brokers: KafkaTestBroker[] = [];
const opened: { close(t?: number): Promise<boolean> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close(2000)));
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function mskBroker(region = 'eu-west-1'): Promise<KafkaTestBroker> {
  const b = await KafkaTestBroker.start({ tls: selfSignedCertificate(), sasl: { oauthBearer: mskIamVerifier({ region, credentials: CREDS }) } });
  brokers.push(b);
  return b;
}

function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (m: string) => lines.push(`${level} ${m}`);
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

function properties(b: KafkaTestBroker): Record<string, string> {
  return { 'bootstrap.servers': b.address, 'ssl.ca.pem': selfSignedCertificate().cert, 'message.timeout.ms': '4000', retries: '1' };
}

function transport(b: KafkaTestBroker, options: Partial<CreateMskIamTransportOptions> = {}): MskIamTransport {
  const t = createMskIamTransport({ topic: 'lineage', config: properties(b), region: 'eu-west-1', env: { ...KEYS }, logger: captureLogger(), ...options });
  opened.push(t);
  return t;
}

function event(n = 0): RunEvent {
  return {
    eventType: 'START',
    eventTime: '2026-01-01T00:00:00.000Z',
    producer: 'https://example.com/test',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: `0190f5a2-7c3e-7d4a-9b1e-2f3a4b5c6d${String(n).padStart(2, '0')}` },
    job: { namespace: 'ns', name: 'job' },
  };
}

describe('msk-iam transport against a broker that checks tokens as MSK does', () => {
  it('connects over TLS, authenticates with a signed kafka-cluster:Connect token for the region, and delivers', async () => {
    const b = await mskBroker();
    const t = transport(b);
    expect(t.type).toBe('msk-iam');
    await t.emit(event());
    expect(b.values('lineage').map((v) => JSON.parse(v) as unknown)).toEqual([event()]);
    expect(b.records('lineage')[0]!.key?.toString()).toBe('run:ns/job');
    expect(b.authenticated).toEqual(['AKIDMSKIAMTEST']);
    const url = new URL(Buffer.from(b.oauthAttempts[0]!.token, 'base64url').toString());
    expect(url.host).toBe('kafka.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('kafka-cluster:Connect');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDMSKIAMTEST\/\d{8}\/eu-west-1\/kafka-cluster\/aws4_request$/);
    expect(t.stats()).toMatchObject({ success: 1, failed: 0 });
    expect(t.tokensIssued).toBe(1);
  });

  it('a token for the wrong region is refused: TransportError, no secret in the error or the logs', async () => {
    const b = await mskBroker('us-east-1');
    const logger = captureLogger();
    const t = transport(b, { logger });
    const error = await t.emit(event()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/SASL OAUTHBEARER authentication failed.*us-east-1/);
    expect(b.count('Produce')).toBe(0);
    const token = b.oauthAttempts[0]!.token;
    for (const text of [(error as Error).message, JSON.stringify(error), logger.lines.join('\n')]) {
      expect(text).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
      expect(text).not.toContain(token);
    }
  });

  it('wrong credentials are refused (the broker recomputes the signature)', async () => {
    const b = await mskBroker();
    const t = transport(b, { env: { ...KEYS, AWS_SECRET_ACCESS_KEY: 'not-the-secret-key-0000' } });
    await expect(t.emit(event())).rejects.toThrow(/signature does not match/);
  });

  it('no credentials at all: the emit fails with a TransportError naming the signing problem, within message.timeout.ms', async () => {
    const b = await mskBroker();
    const t = transport(b, { credentials: () => Promise.reject(new Error('Could not load credentials from any providers')) });
    const started = Date.now();
    const error = await t.emit(event()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(
      /MSK IAM: could not sign an auth token for region eu-west-1 \(credentials given in code\): Could not load credentials/,
    );
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('tokens are refreshed before they expire: reused within their lifetime, re-signed for the re-authentication MSK demands', async () => {
    const b = await mskBroker();
    // Credentials that expire 3 s after they are handed out make 3 s tokens, and MSK sessions as long.
    const t = transport(b, { credentials: () => Promise.resolve({ ...CREDS, expiration: new Date(Date.now() + 3000) }) });
    await t.emit(event(1));
    await t.emit(event(2));
    // One token serves every connection made within 80% of its lifetime (a slow machine may need a second).
    const before = t.tokensIssued;
    expect(before).toBeGreaterThanOrEqual(1);
    expect(b.oauthAttempts.length).toBeGreaterThanOrEqual(before);
    // Past the first token's expiry: the connection must re-authenticate, with a freshly signed token.
    await new Promise((r) => setTimeout(r, 3200));
    await t.emit(event(3));
    expect(b.values('lineage')).toHaveLength(3);
    expect(t.tokensIssued).toBeGreaterThan(before);
    const tokens = b.oauthAttempts.map((a) => a.token);
    expect(new Set(tokens).size).toBeGreaterThanOrEqual(2);
    expect(b.oauthAttempts.every((a) => a.verdict.ok)).toBe(true);
    // The first token is dead by now: without the refresh the last emit could not have authenticated.
    expect(mskIamVerifier({ region: 'eu-west-1', credentials: CREDS })(tokens[0]!)).toMatchObject({ ok: false, reason: 'token expired' });
  });

  it('aws_profile signs with that profile of the shared credentials file (read by the AWS SDK from the process environment)', async () => {
    const b = await mskBroker();
    const dir = await mkdtemp(join(tmpdir(), 'ol-msk-profile-'));
    dirs.push(dir);
    const file = join(dir, 'credentials');
    await writeFile(
      file,
      `[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = other\n\n[lineage]\naws_access_key_id = ${CREDS.accessKeyId}\naws_secret_access_key = ${CREDS.secretAccessKey}\n`,
    );
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', file);
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
    try {
      const t = transport(b, { aws_profile: 'lineage', env: {} });
      await t.emit(event());
      expect(b.authenticated).toEqual([CREDS.accessKeyId]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('a dead broker fails the emit within message.timeout.ms; close returns', async () => {
    const port = await freePort();
    const t = createMskIamTransport({
      topic: 'lineage',
      config: { 'bootstrap.servers': `127.0.0.1:${port}`, 'message.timeout.ms': '1500' },
      region: 'eu-west-1',
      env: { ...KEYS },
      logger: captureLogger(),
    });
    opened.push(t);
    const started = Date.now();
    await expect(t.emit(event())).rejects.toBeInstanceOf(TransportError);
    expect(Date.now() - started).toBeLessThan(4000);
    // Transport contract: close reports the failed emit since the last flush ("true" means delivered), and returns in time.
    const closing = Date.now();
    expect(await t.close(1000)).toBe(false);
    expect(Date.now() - closing).toBeLessThan(2000);
  });

  it('printing shows type and config, no credentials', async () => {
    const b = await mskBroker();
    const t = transport(b, { credentials: CREDS });
    await t.emit(event());
    for (const text of [inspect(t, { depth: 6 }), JSON.stringify(t)]) {
      expect(text).toContain('msk-iam');
      expect(text).toContain('eu-west-1');
      expect(text).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
    }
  });
});

describe('configured like the Python client', () => {
  it('openlineage.yml with the Python class path; region and access keys from the client env', async () => {
    const b = await mskBroker();
    const dir = await mkdtemp(join(tmpdir(), 'ol-msk-'));
    dirs.push(dir);
    await writeFile(join(dir, 'ca.pem'), selfSignedCertificate().cert);
    await writeFile(
      join(dir, 'openlineage.yml'),
      [
        'transport:',
        '  type: openlineage.client.transport.msk_iam.MSKIAMTransport',
        '  topic: lineage',
        '  config:',
        `    bootstrap.servers: ${b.address}`,
        '    ssl.ca.location: ca.pem',
        '    message.timeout.ms: 4000',
        '',
      ].join('\n'),
    );
    const logger = captureLogger();
    const c = await OpenLineageClient.create({
      cwd: packageDir,
      homeDir: dir,
      env: { OPENLINEAGE_CONFIG: join(dir, 'openlineage.yml'), AWS_DEFAULT_REGION: 'eu-west-1', ...KEYS },
      logger,
      failOnError: true,
    });
    opened.push(c);
    expect(c.transport.type).toBe('msk-iam');
    expect(c.transport.config).toMatchObject({ topic: 'lineage', region: 'eu-west-1', regionFrom: 'AWS_DEFAULT_REGION', flush: true });
    await c.emit(event());
    expect(b.values('lineage')).toHaveLength(1);
    expect(logger.lines.join('\n')).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
  });

  it('OPENLINEAGE__TRANSPORT__* variables; a missing region is a ConfigError at create', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ol-msk-'));
    dirs.push(dir);
    const env = {
      OPENLINEAGE__TRANSPORT__TYPE: 'msk-iam',
      OPENLINEAGE__TRANSPORT__TOPIC: 'lineage',
      OPENLINEAGE__TRANSPORT__CONFIG: '{"bootstrap.servers": "b-1.example.com:9098"}',
    };
    await expect(OpenLineageClient.create({ cwd: packageDir, homeDir: dir, env, logger: captureLogger() })).rejects.toThrow(/transport\.region.*AWS_REGION/);
    const c = await OpenLineageClient.create({
      cwd: packageDir,
      homeDir: dir,
      env: { ...env, OPENLINEAGE__TRANSPORT__REGION: 'eu-north-1', OPENLINEAGE__TRANSPORT__AWS_PROFILE: 'lineage' },
      logger: captureLogger(),
    });
    opened.push(c);
    expect(c.transport.config).toMatchObject({ region: 'eu-north-1', regionFrom: 'config', awsProfile: 'lineage' });
  });
});

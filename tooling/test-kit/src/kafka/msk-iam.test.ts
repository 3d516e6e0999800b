import { generateAuthTokenFromCredentialsProvider } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../sink/self-signed.js';
import { KafkaTestBroker } from './broker.js';
import { mskIamVerifier, type AwsTestCredentials } from './msk-iam.js';

const CREDS: AwsTestCredentials = { accessKeyId: 'AKIDMSKTEST', secretAccessKey: 'msk-test-secret-0123456789' };

/** A token as the official JS signer makes it (the thing MSK's check was written against). */
async function token(region = 'eu-west-1', creds: AwsTestCredentials & { expiration?: Date } = CREDS): Promise<string> {
  return (await generateAuthTokenFromCredentialsProvider({ region, awsCredentialsProvider: () => Promise.resolve(creds) })).token;
}

function tamper(t: string, edit: (url: URL) => void): string {
  const url = new URL(Buffer.from(t, 'base64url').toString('utf8'));
  edit(url);
  return Buffer.from(url.toString()).toString('base64url');
}

describe('mskIamVerifier: checks tokens as MSK does', () => {
  const verify = mskIamVerifier({ region: 'eu-west-1', credentials: CREDS });

  it('accepts a token from aws-msk-iam-sasl-signer-js, with the access key as principal and the remaining lifetime', async () => {
    const verdict = verify(await token());
    expect(verdict).toMatchObject({ ok: true, principal: 'AKIDMSKTEST' });
    expect(verdict.ok && verdict.lifetimeMs).toBeGreaterThan(890_000);
    expect(verdict.ok && verdict.lifetimeMs).toBeLessThanOrEqual(900_000);
  });

  it('checks the session token of temporary credentials', async () => {
    const temp = { ...CREDS, sessionToken: 'FQoGZXIvYXdzE+/session==' };
    const v = mskIamVerifier({ region: 'eu-west-1', credentials: temp });
    expect(v(await token('eu-west-1', temp)).ok).toBe(true);
    expect(v(await token())).toMatchObject({ ok: false, reason: expect.stringContaining('session token') });
  });

  it('refuses another region, an unknown key, a wrong secret, a tampered or malformed token', async () => {
    expect(verify(await token('us-east-1'))).toMatchObject({ ok: false, reason: expect.stringContaining('region') });
    expect(verify(await token('eu-west-1', { ...CREDS, accessKeyId: 'AKIDOTHER' }))).toMatchObject({ ok: false, reason: 'unknown access key' });
    expect(verify(await token('eu-west-1', { ...CREDS, secretAccessKey: 'wrong' }))).toMatchObject({ ok: false, reason: 'signature does not match' });
    const good = await token();
    expect(verify(tamper(good, (u) => u.searchParams.set('X-Amz-Expires', '899')))).toMatchObject({ ok: false, reason: 'signature does not match' });
    expect(verify(tamper(good, (u) => u.searchParams.set('Action', 'kafka-cluster:WriteData')))).toMatchObject({ ok: false });
    expect(verify(tamper(good, (u) => u.searchParams.delete('X-Amz-Signature')))).toMatchObject({ ok: false });
    // The user agent is added after signing: changing it does not break the signature.
    expect(verify(tamper(good, (u) => u.searchParams.set('User-Agent', 'other/1.0'))).ok).toBe(true);
    expect(verify('not a token!')).toMatchObject({ ok: false });
    expect(verify(Buffer.from('https://kafka.eu-west-1.amazonaws.com/').toString('base64url'))).toMatchObject({ ok: false });
  });

  it('refuses an expired token and one dated too far ahead', async () => {
    const t = await token();
    expect(mskIamVerifier({ region: 'eu-west-1', credentials: CREDS, now: () => Date.now() + 901_000 })(t)).toMatchObject({
      ok: false,
      reason: 'token expired',
    });
    expect(mskIamVerifier({ region: 'eu-west-1', credentials: CREDS, now: () => Date.now() - 10 * 60_000 })(t)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('future'),
    });
    // Short-lived credentials give a token that ends with them.
    const short = await token('eu-west-1', { ...CREDS, expiration: new Date(Date.now() + 5000) });
    expect(verify(short).ok).toBe(true);
    expect(mskIamVerifier({ region: 'eu-west-1', credentials: CREDS, now: () => Date.now() + 7000 })(short)).toMatchObject({
      ok: false,
      reason: 'token expired',
    });
  });
});

describe('KafkaTestBroker with SASL/OAUTHBEARER over TLS', () => {
  const brokers: KafkaTestBroker[] = [];
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((b) => b.stop()));
  });

  async function start(): Promise<KafkaTestBroker> {
    const b = await KafkaTestBroker.start({ tls: selfSignedCertificate(), sasl: { oauthBearer: mskIamVerifier({ region: 'eu-west-1', credentials: CREDS }) } });
    brokers.push(b);
    return b;
  }

  function producer(b: KafkaTestBroker, provider: () => Promise<{ value: string }>) {
    return new Kafka({
      brokers: [b.address],
      ssl: { ca: [selfSignedCertificate().cert] },
      sasl: { mechanism: 'oauthbearer', oauthBearerProvider: provider },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 2000,
    }).producer();
  }

  it('kafkajs authenticates with a signed token and produces', async () => {
    const b = await start();
    const p = producer(b, async () => ({ value: await token() }));
    await p.connect();
    await p.send({ topic: 'lineage', messages: [{ value: 'v' }] });
    await p.disconnect();
    expect(b.values('lineage')).toEqual(['v']);
    expect(b.authenticated[0]).toBe('AKIDMSKTEST');
    expect(b.oauthAttempts.every((a) => a.verdict.ok)).toBe(true);
  });

  it('a refused token fails the connection with the reason', async () => {
    const b = await start();
    const p = producer(b, async () => ({ value: await token('us-east-1') }));
    await expect(p.connect()).rejects.toThrow(/SASL OAUTHBEARER authentication failed.*kafka\.us-east-1\.amazonaws\.com/);
    expect(b.count('Produce')).toBe(0);
  });

  it('the session lasts as long as the token: kafkajs re-authenticates before sending after it', async () => {
    const b = await start();
    let calls = 0;
    // Credentials that expire in 3 s give tokens (and sessions) of 3 s.
    const p = producer(b, async () => {
      calls++;
      return { value: await token('eu-west-1', { ...CREDS, expiration: new Date(Date.now() + 3000) }) };
    });
    await p.connect();
    await p.send({ topic: 'lineage', messages: [{ value: 'a' }] });
    const before = calls;
    await new Promise((r) => setTimeout(r, 1200));
    await p.send({ topic: 'lineage', messages: [{ value: 'b' }] });
    await p.disconnect();
    expect(calls).toBeGreaterThan(before);
    expect(b.values('lineage')).toEqual(['a', 'b']);
  });
});

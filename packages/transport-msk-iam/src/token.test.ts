import { mskIamVerifier } from '@ol/test-kit';
import { silentLogger } from '@ol/core';
import { describe, expect, it } from 'vitest';
import { MskTokenProvider } from './token.js';

const CREDS = { accessKeyId: 'AKIDTOKENTEST', secretAccessKey: 'token-test-secret-0123456789' };

describe('MskTokenProvider', () => {
  it('signs with the real signer, reuses the token until 80% of its lifetime, then signs anew; concurrent calls share one signing', async () => {
    let clock = Date.now();
    let signings = 0;
    const p = new MskTokenProvider({
      region: 'eu-west-1',
      awsDebugCreds: false,
      credentials: () => {
        signings++;
        return Promise.resolve(CREDS);
      },
      env: {},
      logger: silentLogger,
      now: () => clock,
    });
    const [a, a2] = await Promise.all([p.token(), p.token()]);
    expect(a2.value).toBe(a.value);
    expect(signings).toBe(1);
    expect(mskIamVerifier({ region: 'eu-west-1', credentials: CREDS })(a.value)).toMatchObject({ ok: true });
    clock += 700_000; // 78% of 900 s
    expect((await p.token()).value).toBe(a.value);
    clock += 30_000; // 81%
    const b = await p.token();
    expect(signings).toBe(2);
    expect(p.issued).toBe(2);
    expect(mskIamVerifier({ region: 'eu-west-1', credentials: CREDS })(b.value).ok).toBe(true);
  });

  it('takes access keys from the given env, not process.env; a failure names region and source, without secrets', async () => {
    const fromEnv = new MskTokenProvider({
      region: 'us-east-1',
      awsDebugCreds: false,
      env: { AWS_ACCESS_KEY_ID: CREDS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey },
      logger: silentLogger,
    });
    const t = await fromEnv.token();
    expect(mskIamVerifier({ region: 'us-east-1', credentials: CREDS })(t.value)).toMatchObject({ ok: true, principal: CREDS.accessKeyId });

    const failing = new MskTokenProvider({
      region: 'us-east-1',
      awsDebugCreds: false,
      // A provider whose error echoes a secret it read: the known secrets are scrubbed.
      credentials: () => Promise.reject(new Error(`refused for ${CREDS.secretAccessKey}`)),
      env: { AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey },
      logger: silentLogger,
    });
    await expect(failing.token()).rejects.toThrow(
      /MSK IAM: could not sign an auth token for region us-east-1 \(credentials given in code\): refused for \*\*\*/,
    );
  });
});

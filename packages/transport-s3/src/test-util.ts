import { transportErrorOf } from '@ol/test-kit';
import { Agent } from 'node:http';
import { S3TransportError } from './errors.js';
import type { LookupFunction } from 'node:net';

/** Obviously fake static credentials: the peer checks that requests are signed, never the signature. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDOLTESTEXAMPLE', secretAccessKey: 'olTestSecret/doNotLeak+1234567890abcdef' };

/**
 * Resolves every `*.localhost` name to 127.0.0.1, as systemd-resolved does and glibc here does
 * not, so virtual-hosted addressing (`bucket.localhost:PORT`) reaches the loopback peer.
 */
const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

export function loopbackAgent(): Agent {
  return new Agent({ keepAlive: true, lookup: loopbackLookup });
}

/** The S3TransportError `p` rejects with; fails the test on anything else. */
export async function s3ErrorOf(p: Promise<unknown>): Promise<S3TransportError> {
  const e = await transportErrorOf(p);
  if (!(e instanceof S3TransportError)) throw new Error(`expected an S3TransportError, got ${e.name}: ${e.message}`);
  return e;
}

import { inspect } from 'node:util';
import { ConfigError, TransportError } from '@ol/core';

/**
 * The TransportError `p` rejects with, for a test to assert on its fields. Throws — failing the
 * test — when `p` fulfils or rejects with anything else.
 */
export async function transportErrorOf(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (err) {
    if (TransportError.isInstance(err)) return err;
    throw new Error(`expected a TransportError, got ${inspect(err)}`, { cause: err });
  }
  throw new Error('expected a rejection');
}

/**
 * The ConfigError `fn` throws, for a test to assert on its source, path and expectation. Throws —
 * failing the test — when `fn` returns or throws anything else.
 */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (ConfigError.isInstance(err)) return err;
    throw new Error(`expected a ConfigError, got ${inspect(err)}`, { cause: err });
  }
  throw new Error('expected a ConfigError');
}

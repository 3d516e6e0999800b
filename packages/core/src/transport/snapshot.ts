import { redact } from '../redact.js';
import type { Transport } from './types.js';

/** Node's hook for `console.log` / `util.inspect` output. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export interface TransportSnapshot {
  type: string;
  name?: string;
  config: unknown;
}

/**
 * What `JSON.stringify(transport)` and `console.log(transport)` should show: the type, the name
 * and the normalized config with every secret as `***`. Transports return it from `toJSON()` and
 * their `[INSPECT]()` method, so printing one never leaks an api key or a password.
 */
export function transportSnapshot(transport: Pick<Transport, 'type' | 'name' | 'config'>): TransportSnapshot {
  return { type: transport.type, ...(transport.name !== undefined ? { name: transport.name } : {}), config: redact(transport.config) };
}

/**
 * Installs `toJSON` and the inspect hook returning `transportSnapshot(this)` on a transport class
 * (call it from a `static {}` block), so every transport prints the same way.
 */
export function redactWhenPrinted(transportClass: { prototype: object }): void {
  function snapshot(this: Transport): TransportSnapshot {
    return transportSnapshot(this);
  }
  for (const key of ['toJSON', INSPECT]) {
    if (!Object.prototype.hasOwnProperty.call(transportClass.prototype, key)) {
      Object.defineProperty(transportClass.prototype, key, { value: snapshot, writable: true, configurable: true });
    }
  }
}

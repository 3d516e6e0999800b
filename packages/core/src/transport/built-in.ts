import { normalizeTypeName } from '../registry/registry.js';
import type { TransportDescriptor } from './types.js';
import { consoleDescriptor } from './console.js';
import { noopDescriptor } from './noop.js';

/**
 * Found without registration (and so without import side effects, which `sideEffects: false`
 * would let bundlers drop), by type or alias; `registerTransport` can still override them.
 */
const BY_NAME: ReadonlyMap<string, TransportDescriptor> = new Map(
  [consoleDescriptor, noopDescriptor].flatMap((d): [string, TransportDescriptor][] =>
    [d.type, ...(d.aliases ?? [])].map((name) => [normalizeTypeName(name), d as TransportDescriptor]),
  ),
);

export function builtInTransport(name: string): TransportDescriptor | undefined {
  return BY_NAME.get(normalizeTypeName(name));
}

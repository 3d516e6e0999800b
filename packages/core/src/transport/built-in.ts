import type { TransportDescriptor } from './types.js';
import { consoleDescriptor } from './console.js';
import { noopDescriptor } from './noop.js';

/**
 * Found without registration (and so without import side effects, which `sideEffects: false`
 * would let bundlers drop); `registerTransport` can still override them.
 */
export const BUILT_IN_TRANSPORTS: ReadonlyMap<string, TransportDescriptor> = new Map<string, TransportDescriptor>([
  ['console', consoleDescriptor],
  ['noop', noopDescriptor],
]);

import type { TransportDescriptor } from '../transport/types.js';

/**
 * The registry lives on globalThis under a Symbol.for key, so two copies of @ol/core in one
 * process (a bundled one and an installed one) register into, and find, the same descriptors.
 */
const REGISTRY_KEY = Symbol.for('@ol/core.transport-registry');

interface RegistryState {
  /** Lower-cased type names and aliases → descriptor. */
  byName: Map<string, TransportDescriptor>;
  /** In-flight lazy loads, so concurrent creates import a package once. */
  loading: Map<string, Promise<TransportDescriptor>>;
}

export function registryState(): RegistryState {
  const g = globalThis as unknown as Record<symbol, RegistryState | undefined>;
  let state = g[REGISTRY_KEY];
  if (state === undefined) {
    state = { byName: new Map(), loading: new Map() };
    Object.defineProperty(globalThis, REGISTRY_KEY, { value: state, enumerable: false, configurable: true, writable: false });
  }
  return state;
}

/** Type names match case-insensitively (the Java client does; no two transports differ only in case). */
export function normalizeTypeName(type: string): string {
  return type.trim().toLowerCase();
}

export function isTransportDescriptor(value: unknown): value is TransportDescriptor {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  return typeof d.type === 'string' && d.type !== '' && typeof d.parse === 'function' && typeof d.create === 'function';
}

/** True when `name` is the descriptor's type or one of its aliases (case-insensitively). */
export function descriptorAccepts(descriptor: TransportDescriptor, name: string): boolean {
  const n = normalizeTypeName(name);
  return [descriptor.type, ...(descriptor.aliases ?? [])].some((a) => normalizeTypeName(a) === n);
}

/** Registers a descriptor under its type and aliases; a later registration of the same name replaces the earlier one. */
export function registerTransport(descriptor: TransportDescriptor): void {
  if (!isTransportDescriptor(descriptor))
    throw new TypeError('registerTransport expects a descriptor { type: string, parse(options, context), create(config, context) }');
  const { byName } = registryState();
  for (const name of [descriptor.type, ...(descriptor.aliases ?? [])]) byName.set(normalizeTypeName(name), descriptor);
}

/** Removes a type name (and, when it names the descriptor's canonical type, its aliases). Mostly for tests. */
export function unregisterTransport(type: string): boolean {
  const { byName } = registryState();
  const descriptor = byName.get(normalizeTypeName(type));
  if (descriptor === undefined) return false;
  if (normalizeTypeName(descriptor.type) === normalizeTypeName(type)) {
    for (const [name, d] of byName) if (d === descriptor) byName.delete(name);
  } else {
    byName.delete(normalizeTypeName(type));
  }
  return true;
}

export function getRegisteredTransport(type: string): TransportDescriptor | undefined {
  return registryState().byName.get(normalizeTypeName(type));
}

/** Canonical types of everything registered so far (lazy packages appear once loaded). */
export function registeredTransportTypes(): string[] {
  return [...new Set([...registryState().byName.values()].map((d) => d.type))].sort();
}

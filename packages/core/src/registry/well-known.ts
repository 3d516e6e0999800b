import { builtInTransport } from '../transport/built-in.js';
import { getRegisteredTransport, normalizeTypeName } from './registry.js';

/**
 * Transport type → the package that provides it, imported the first time a config names it.
 * Only types: the other names a transport answers to (spellings, Python class paths) are listed
 * on its descriptor, and nowhere else.
 */
export const WELL_KNOWN_PACKAGES: Readonly<Record<string, string>> = {
  http: '@ol/transport-http',
  async_http: '@ol/transport-async-http',
  kafka: '@ol/transport-kafka',
  file: '@ol/transport-file',
  composite: '@ol/transport-composite',
  transform: '@ol/transport-transform',
  amazon_datazone_api: '@ol/transport-datazone',
};

/**
 * Before a package is loaded its descriptor's aliases are unknown, so a name that is not a type
 * picks the package by its shape: `async-http` is `async_http` spelled with a dash; a Python class
 * path names its module (`openlineage.client.transport.<module>.<Class>`) or only its class
 * (`openlineage.client.transport.<Name>Transport`). Where the Python module is not the type, this
 * table says which type it is. The loaded descriptor must then accept the name itself, so a
 * guess here never makes a name valid that the descriptor does not list.
 */
const MODULE_TYPES: Readonly<Record<string, string>> = { amazon_datazone: 'amazon_datazone_api', datazone: 'amazon_datazone_api' };
const PYTHON_PREFIX = 'openlineage.client.transport.';

function candidateType(name: string): string {
  let n = normalizeTypeName(name);
  if (n.startsWith(PYTHON_PREFIX)) {
    const parts = n.slice(PYTHON_PREFIX.length).split('.');
    n = parts.length > 1 ? parts[0]! : parts[0]!.replace(/transport$/, '');
  }
  n = n.replace(/-/g, '_');
  return MODULE_TYPES[n] ?? n;
}

/** The package that provides the transport `name` (a type, alias or Python class path), if it is one of ours. */
export function wellKnownPackage(name: string): string | undefined {
  return WELL_KNOWN_PACKAGES[candidateType(name)];
}

/** The type `name` stands for: from its descriptor when one is known, else the well-known type it points at, else `name`. */
export function canonicalTypeName(name: string): string {
  const known = getRegisteredTransport(name) ?? builtInTransport(name);
  if (known !== undefined) return known.type;
  const type = candidateType(name);
  return WELL_KNOWN_PACKAGES[type] !== undefined ? type : name.trim();
}

/** Python transports this client does not implement: a clear error beats "cannot find package msk-iam". */
export const PYTHON_ONLY_TYPES: ReadonlySet<string> = new Set(['msk-iam', 'datadog', 'gcplineage']);

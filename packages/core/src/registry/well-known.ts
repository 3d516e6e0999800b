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
  datadog: '@ol/transport-datadog',
  gcplineage: '@ol/transport-gcplineage',
  'msk-iam': '@ol/transport-msk-iam',
  s3: '@ol/transport-s3',
  gcs: '@ol/transport-gcs',
  kinesis: '@ol/transport-kinesis',
};

/**
 * Before a package is loaded its descriptor's aliases are unknown, so a name that is not a type
 * picks the package by its shape: `async-http` is `async_http` spelled with a dash; a Python class
 * path names its module (`openlineage.client.transport.<module>.<Class>`) or only its class
 * (`openlineage.client.transport.<Name>Transport`), and a Java class name its package
 * (`io.openlineage.client.transports.<package>.<Class>`). Where that module is not the type, this
 * table says which type it is. The loaded descriptor must then accept the name itself, so a
 * guess here never makes a name valid that the descriptor does not list.
 */
const MODULE_TYPES: Readonly<Record<string, string>> = { amazon_datazone: 'amazon_datazone_api', datazone: 'amazon_datazone_api', msk_iam: 'msk-iam' };
const CLASS_PREFIXES = ['openlineage.client.transport.', 'io.openlineage.client.transports.'];

function candidateType(name: string): string {
  let n = normalizeTypeName(name);
  const prefix = CLASS_PREFIXES.find((p) => n.startsWith(p));
  if (prefix !== undefined) {
    const parts = n.slice(prefix.length).split('.');
    n = parts.length > 1 ? parts[0]! : parts[0]!.replace(/transport$/, '');
  }
  n = n.replace(/-/g, '_');
  return MODULE_TYPES[n] ?? n;
}

/** The package that provides the transport `name` (a type, alias or class path), if it is one of ours. */
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

import { ConfigError } from '../errors.js';
import { isSecretKey, scrub } from '../redact.js';
import { Provenance } from './provenance.js';
import { assertSafeTree, displayValue, forbiddenKeyError, isForbiddenKey } from './safe-keys.js';
import { isPlainObject } from './options.js';

export const ENV_PREFIX = 'OPENLINEAGE__';
const ALIAS_PREFIX = 'OPENLINEAGE__TRANSPORT__TRANSPORTS__DEFAULT_HTTP';

export interface EnvLayer {
  value: Record<string, unknown>;
  provenance: Provenance;
  /** Names of the variables that contributed. */
  variables: string[];
  /** True when OPENLINEAGE_URL was aliased into `transport.transports.default_http`. */
  aliased: boolean;
}

interface Entry {
  name: string;
  value: string;
  /** The variable the user actually set (differs for aliases of OPENLINEAGE_URL and friends). */
  label: string;
}

/**
 * The Python client's `OPENLINEAGE__` rules: `__` nests, key segments are lower-cased, values stay
 * as written unless they parse as JSON. Variables are applied in reverse-sorted order, so a
 * variable naming a parent key is applied after its children and replaces them.
 */
export function readEnvConfig(env: Record<string, string | undefined>, warnings: string[]): EnvLayer {
  const entries: Entry[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(ENV_PREFIX) && value !== undefined) entries.push({ name, value, label: name });
  }
  const aliased = addLegacyAliases(env, entries);
  entries.sort((a, b) => (a.name === b.name ? compare(a.value, b.value) : compare(a.name, b.name)));
  entries.reverse();

  const value: Record<string, unknown> = {};
  const provenance = new Provenance();
  for (const entry of entries) {
    const segments = entry.name
      .slice(ENV_PREFIX.length)
      .split('__')
      .map((s) => s.toLowerCase());
    if (segments.some((s) => s === '')) {
      warnings.push(`Ignoring ${entry.name}: empty key segment (a key path is separated by exactly two underscores).`);
      continue;
    }
    const forbidden = segments.findIndex(isForbiddenKey);
    if (forbidden >= 0) throw forbiddenKeyError(entry.label, segments.slice(0, forbidden + 1), entry.value);
    const parsed = parseEnvValue(entry, segments, warnings);
    insert(value, segments, parsed, provenance, entry.label);
  }
  return { value, provenance, variables: entries.map((e) => e.label).filter(unique), aliased };
}

function parseEnvValue(entry: Entry, path: readonly string[], warnings: string[]): unknown {
  const text = entry.value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      throw new ConfigError({
        source: entry.label,
        path: path.join('.'),
        // JSON.parse quotes the input in its message: scrub it so a secret cannot leak through.
        expected: `valid JSON (${scrub(cause instanceof Error ? cause.message : String(cause), path.some(isSecretKey) ? [text, trimmed] : [])})`,
        actual: displayValue(path, text),
      });
    }
    if (/[{}[\]]/.test(text)) warnings.push(`${entry.label} contains brackets but is not valid JSON; it is used as a plain string.`);
    return text;
  }
  assertSafeTree(parsed, path, entry.label);
  return parsed;
}

function insert(root: Record<string, unknown>, path: readonly string[], leaf: unknown, provenance: Provenance, label: string): void {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === undefined) {
      const created: Record<string, unknown> = {};
      node[segment] = created;
      node = created;
    } else if (isPlainObject(next)) {
      node = next;
    } else {
      // A variable naming a parent key already set a non-object value there: the parent wins.
      return;
    }
  }
  node[path[path.length - 1]!] = leaf;
  provenance.replace(path, { label });
}

/**
 * OPENLINEAGE_URL / _API_KEY / _ENDPOINT become a composite child named `default_http`, unless
 * any variable already configures that child (setting it to `{}` is the documented opt-out).
 * The Python client writes these into os.environ; here they only exist inside the resolver.
 */
function addLegacyAliases(env: Record<string, string | undefined>, entries: Entry[]): boolean {
  const url = env.OPENLINEAGE_URL;
  if (!url) return false;
  if (entries.some((e) => e.name.startsWith(ALIAS_PREFIX))) return false;
  const apiKey = env.OPENLINEAGE_API_KEY;
  const endpoint = env.OPENLINEAGE_ENDPOINT;
  const auth = apiKey ? JSON.stringify({ type: 'api_key', apiKey }) : undefined;
  entries.push({ name: `${ALIAS_PREFIX}__TYPE`, value: 'http', label: 'OPENLINEAGE_URL' });
  entries.push({ name: `${ALIAS_PREFIX}__URL`, value: url, label: 'OPENLINEAGE_URL' });
  if (auth !== undefined) entries.push({ name: `${ALIAS_PREFIX}__AUTH`, value: auth, label: 'OPENLINEAGE_API_KEY' });
  if (endpoint) entries.push({ name: `${ALIAS_PREFIX}__ENDPOINT`, value: endpoint, label: 'OPENLINEAGE_ENDPOINT' });
  if (env.OPENLINEAGE__TRANSPORT__TYPE === 'async_http') {
    const has = (n: string) => entries.some((e) => e.name === n);
    if (!has('OPENLINEAGE__TRANSPORT__URL')) entries.push({ name: 'OPENLINEAGE__TRANSPORT__URL', value: url, label: 'OPENLINEAGE_URL' });
    if (auth !== undefined && !has('OPENLINEAGE__TRANSPORT__AUTH'))
      entries.push({ name: 'OPENLINEAGE__TRANSPORT__AUTH', value: auth, label: 'OPENLINEAGE_API_KEY' });
    if (endpoint && !has('OPENLINEAGE__TRANSPORT__ENDPOINT'))
      entries.push({ name: 'OPENLINEAGE__TRANSPORT__ENDPOINT', value: endpoint, label: 'OPENLINEAGE_ENDPOINT' });
  }
  return true;
}

/** The plain HTTP transport the legacy variables describe, used when nothing else names a transport type. */
export function legacyHttpTransport(env: Record<string, string | undefined>): { value: Record<string, unknown>; provenance: Provenance } | undefined {
  const url = env.OPENLINEAGE_URL;
  if (!url) return undefined;
  const provenance = new Provenance();
  const value: Record<string, unknown> = { type: 'http', url };
  provenance.set(['transport'], { label: 'OPENLINEAGE_URL' });
  const endpoint = env.OPENLINEAGE_ENDPOINT;
  if (endpoint) {
    value.endpoint = endpoint;
    provenance.set(['transport', 'endpoint'], { label: 'OPENLINEAGE_ENDPOINT' });
  }
  const apiKey = env.OPENLINEAGE_API_KEY;
  if (apiKey) {
    value.auth = { type: 'api_key', apiKey };
    provenance.set(['transport', 'auth'], { label: 'OPENLINEAGE_API_KEY' });
  }
  return { value, provenance };
}

// Code-unit order, as Python sorts strings.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique(value: string, index: number, all: string[]): boolean {
  return all.indexOf(value) === index;
}

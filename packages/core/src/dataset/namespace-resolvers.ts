import { ConfigError } from '../errors.js';
import { camelCase, OptionReader } from '../config/options.js';
import { compileJavaRegex } from './java-regex.js';

/** Rewrites one dataset namespace; returns it unchanged when the resolver does not apply. */
export interface NamespaceResolver {
  /** The key under `dataset.namespaceResolvers` (the resolved name for hostList and pattern). */
  readonly name: string;
  readonly type: 'hostList' | 'pattern' | 'patternGroup';
  /** The options it was built with, for display (`openlineage config`). */
  readonly options?: Record<string, unknown>;
  resolve(namespace: string): string;
}

export interface HostListResolverOptions {
  hosts: readonly string[];
  schema?: string;
}

export interface PatternResolverOptions {
  regex: string | RegExp;
  schema?: string;
}

export interface PatternGroupResolverOptions extends PatternResolverOptions {
  matchingGroup: string;
}

function schemaMatches(schema: string | undefined, namespace: string): boolean {
  return schema === undefined || schema === '' || namespace.startsWith(`${schema}://`);
}

/**
 * Replaces the host part of a namespace (`scheme://[user@]HOST[:port]/…`, or `HOST[:port]/…` without a
 * scheme) when it equals a listed host, ignoring case. Unlike the Java client, which replaces the listed
 * text anywhere in the namespace, the scheme, port, user and path are never touched.
 */
export function hostListResolver(name: string, options: HostListResolverOptions): NamespaceResolver {
  const hosts = new Set(options.hosts.map((h) => h.toLowerCase()));
  const schema = options.schema;
  return {
    name,
    type: 'hostList',
    options: { hosts: [...options.hosts], ...(schema !== undefined ? { schema } : {}) },
    resolve(namespace) {
      if (hosts.size === 0 || !schemaMatches(schema, namespace)) return namespace;
      const scheme = namespace.indexOf('://');
      let start = scheme === -1 ? 0 : scheme + 3;
      let end = namespace.length;
      for (let i = start; i < namespace.length; i++) {
        const c = namespace.charCodeAt(i);
        if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) {
          end = i;
          break;
        }
      }
      const at = namespace.lastIndexOf('@', end - 1);
      if (at >= start) start = at + 1;
      let hostEnd = end;
      if (namespace.charCodeAt(start) === 91 /* [ */) {
        // An IPv6 literal: the port, if any, follows the closing bracket.
        const close = namespace.indexOf(']', start);
        if (close !== -1 && close < end) hostEnd = close + 1;
      } else {
        const colon = namespace.lastIndexOf(':', end - 1);
        if (colon >= start) hostEnd = colon;
      }
      const host = namespace.slice(start, hostEnd);
      if (!hosts.has(host.toLowerCase())) return namespace;
      return namespace.slice(0, start) + name + namespace.slice(hostEnd);
    },
  };
}

function asRegExp(regex: string | RegExp, flags: string): RegExp {
  if (typeof regex === 'string') return compileJavaRegex(regex, flags, { source: 'code', path: 'regex' });
  return new RegExp(regex.source, [...new Set(regex.flags.replace(/[gy]/g, '') + flags)].join(''));
}

/** Every match of the regex (case-sensitive, anywhere in the namespace) is replaced by the resolver's name. */
export function patternResolver(name: string, options: PatternResolverOptions): NamespaceResolver {
  const re = asRegExp(options.regex, 'g');
  const schema = options.schema;
  return {
    name,
    type: 'pattern',
    options: { regex: re.source, ...(schema !== undefined ? { schema } : {}) },
    resolve(namespace) {
      if (!schemaMatches(schema, namespace)) return namespace;
      re.lastIndex = 0;
      // A function replacement keeps `$` in the resolved name literal.
      return namespace.replace(re, () => name);
    },
  };
}

/**
 * The named group of the first match becomes the resolved name; every match is replaced by it, as
 * in Java (so a regex that consumes the port removes it).
 */
export function patternGroupResolver(name: string, options: PatternGroupResolverOptions): NamespaceResolver {
  const re = asRegExp(options.regex, 'g');
  const group = options.matchingGroup;
  if (!hasNamedGroup(re, group)) {
    throw new TypeError(`patternGroup resolver ${name}: the regex ${re.source} has no group named ${group}`);
  }
  const schema = options.schema;
  return {
    name,
    type: 'patternGroup',
    options: { regex: re.source, matchingGroup: group, ...(schema !== undefined ? { schema } : {}) },
    resolve(namespace) {
      if (!schemaMatches(schema, namespace)) return namespace;
      re.lastIndex = 0;
      const first = re.exec(namespace);
      const value = first?.groups?.[group];
      if (first === null || value === undefined) return namespace;
      re.lastIndex = 0;
      return namespace.replace(re, () => value);
    },
  };
}

function hasNamedGroup(re: RegExp, group: string): boolean {
  // An empty alternative always matches, and `groups` then lists every named group (unset).
  const probe = new RegExp(`(?:${re.source})|`, re.flags.replace(/[gy]/g, ''));
  const groups = probe.exec('')?.groups;
  return groups !== undefined && Object.hasOwn(groups, group);
}

/**
 * Tries each resolver in config order; the first that changes the namespace wins (no chaining).
 * Results are memoised: the same few namespaces recur in every event.
 */
export class NamespaceResolvers {
  readonly resolvers: readonly NamespaceResolver[];
  private readonly cache = new Map<string, string>();

  constructor(resolvers: readonly NamespaceResolver[]) {
    this.resolvers = resolvers;
  }

  resolve(namespace: string): string {
    const hit = this.cache.get(namespace);
    if (hit !== undefined) return hit;
    let out = namespace;
    for (const r of this.resolvers) {
      const resolved = r.resolve(namespace);
      if (resolved !== namespace) {
        out = resolved;
        break;
      }
    }
    if (this.cache.size >= 1024) this.cache.clear();
    this.cache.set(namespace, out);
    return out;
  }
}

const TYPES = ['hostList', 'pattern', 'patternGroup'] as const;

/**
 * Reads `dataset.namespaceResolvers`: a mapping of resolved name → `{ type, … }`. From environment
 * variables a name arrives lower-cased (`OPENLINEAGE__DATASET__NAMESPACE_RESOLVERS__RESOLVED_NAME__TYPE`);
 * it is camelCased (`resolvedName`) as the Java client's variable parser does.
 */
export function readNamespaceResolvers(dataset: OptionReader): NamespaceResolver[] {
  const map = dataset.object('namespaceResolvers');
  if (map === undefined) return [];
  const out: NamespaceResolver[] = [];
  for (const key of Object.keys(map.raw)) {
    if (map.raw[key] === undefined || map.raw[key] === null) continue;
    const keyPath = [...map.scope.path, key];
    const r = new OptionReader(map.raw[key], { path: keyPath, origin: map.scope.origin });
    const name = map.scope.origin(keyPath).startsWith('OPENLINEAGE__') ? camelCase(key) : key;
    const type = r.oneOf('type', TYPES, { required: true, caseInsensitive: true })!;
    const known =
      type === 'hostList' ? ['type', 'hosts', 'schema'] : type === 'pattern' ? ['type', 'regex', 'schema'] : ['type', 'regex', 'matchingGroup', 'schema'];
    const unknown = r.unknownKeys(known);
    if (unknown.length > 0) throw r.error(unknown[0]!, `only ${known.join(', ')} in a ${type} resolver`, r.raw[unknown[0]!]);
    const schema = r.string('schema');
    const withSchema = schema !== undefined ? { schema } : {};
    if (type === 'hostList') {
      const hosts = r.list('hosts', { required: true, splitStrings: true })!;
      hosts.forEach((h, i) => {
        if (typeof h !== 'string' || h.trim() === '') {
          const path = [...r.pathOf('hosts'), String(i)];
          throw new ConfigError({ source: r.scope.origin(path), path: path.join('.'), expected: 'a host name', actual: h });
        }
      });
      out.push(hostListResolver(name, { hosts: (hosts as string[]).map((h) => h.trim()), ...withSchema }));
      continue;
    }
    const source = r.string('regex', { required: true, trim: false });
    const where = { source: r.scope.origin(r.pathOf('regex')), path: r.pathOf('regex').join('.') };
    const re = compileJavaRegex(source, 'g', where);
    if (type === 'pattern') {
      out.push(patternResolver(name, { regex: re, ...withSchema }));
      continue;
    }
    const matchingGroup = r.string('matchingGroup', { required: true });
    if (!hasNamedGroup(re, matchingGroup)) {
      throw r.error('matchingGroup', `the name of a group in the regex (?<${matchingGroup}>…)`, matchingGroup);
    }
    out.push(patternGroupResolver(name, { regex: re, matchingGroup, ...withSchema }));
  }
  return out;
}

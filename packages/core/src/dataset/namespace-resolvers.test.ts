/**
 * Cases ported (rewritten) from the Java client's HostListNamespaceResolverTest, PatternNamespaceResolverTest,
 * PatternMatchingGroupNamespaceResolverTest and DatasetNamespaceCombinedResolverTest, plus the Java docs'
 * YAML examples read through resolveConfig as config test cases.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { OptionReader } from '../config/options.js';
import { resolveConfig } from '../config/resolve.js';
import { scratch } from '../config/test-helpers.js';
import { hostListResolver, NamespaceResolvers, patternGroupResolver, patternResolver, type NamespaceResolver } from './namespace-resolvers.js';
import { readDatasetSettings } from './settings.js';

const GROUP_REGEX = String.raw`(?<cluster>[a-zA-Z-]+)-(\d)+\.company\.com:[\d]*`;

describe('hostList (HostListNamespaceResolverTest)', () => {
  const resolver = hostListResolver('cluster', { hosts: ['host1', 'host2'] });

  it('leaves a host that is not listed', () => {
    expect(resolver.resolve('postgres://host3:5432')).toBe('postgres://host3:5432');
  });
  it('replaces a listed host and keeps the port', () => {
    expect(resolver.resolve('postgres://host2:5432')).toBe('postgres://cluster:5432');
  });
  it('does not apply when the schema differs', () => {
    const r = hostListResolver('cluster', { hosts: ['host1', 'host2'], schema: 'kafka' });
    expect(r.resolve('postgres://host2:5432')).toBe('postgres://host2:5432');
  });
  it('applies when the schema is the same', () => {
    const r = hostListResolver('cluster', { hosts: ['host1', 'host2'], schema: 'postgres' });
    expect(r.resolve('postgres://host2:5432')).toBe('postgres://cluster:5432');
  });
  it('matches hosts ignoring case', () => {
    expect(resolver.resolve('postgres://HOST1:5432')).toBe('postgres://cluster:5432');
  });
  it('does nothing with an empty host list', () => {
    expect(hostListResolver('cluster', { hosts: [] }).resolve('postgres://host3:5432')).toBe('postgres://host3:5432');
  });

  // Where this client deliberately differs from Java's whole-string replacement.
  it('replaces the host part only, never text in the scheme, user or path', () => {
    const r = hostListResolver('cluster', { hosts: ['kafka', 'db'] });
    expect(r.resolve('kafka://kafka:9092')).toBe('kafka://cluster:9092');
    expect(r.resolve('postgres://db:5432/db/kafka')).toBe('postgres://cluster:5432/db/kafka');
    expect(r.resolve('postgres://db@other:5432')).toBe('postgres://db@other:5432');
    expect(r.resolve('kafka://kafka-prod13:9092')).toBe('kafka://kafka-prod13:9092');
  });
  it('handles namespaces without a scheme, with user info and IPv6 literals', () => {
    const r = hostListResolver('cluster', { hosts: ['host1', '[::1]'] });
    expect(r.resolve('host1')).toBe('cluster');
    expect(r.resolve('host1:5432/x')).toBe('cluster:5432/x');
    expect(r.resolve('jdbc://user@HOST1:1/db')).toBe('jdbc://user@cluster:1/db');
    expect(r.resolve('postgres://[::1]:5432')).toBe('postgres://cluster:5432');
  });
});

describe('pattern (PatternNamespaceResolverTest)', () => {
  const regex = String.raw`cassandra-prod(\d)+\.company\.com`;
  const resolver = patternResolver('cassandra-cluster-prod', { regex });

  it('leaves a namespace the regex does not match', () => {
    expect(resolver.resolve('kafka://kafka-prod893472.company.com:9091')).toBe('kafka://kafka-prod893472.company.com:9091');
  });
  it('replaces the match', () => {
    expect(resolver.resolve('cassandra://cassandra-prod893472.company.com')).toBe('cassandra://cassandra-cluster-prod');
  });
  it('does not apply when the schema differs', () => {
    const r = patternResolver('cassandra-cluster-prod', { regex, schema: 'kafka' });
    expect(r.resolve('cassandra://cassandra-prod893472.company.com')).toBe('cassandra://cassandra-prod893472.company.com');
  });
  it('applies when the schema is the same', () => {
    const r = patternResolver('cassandra-cluster-prod', { regex, schema: 'cassandra' });
    expect(r.resolve('cassandra://cassandra-prod893472.company.com')).toBe('cassandra://cassandra-cluster-prod');
  });

  it('replaces every match, case-sensitively, with the name taken literally', () => {
    const r = patternResolver('$1-x', { regex: 'h(\\d)' });
    expect(r.resolve('s://h1,h2,H3')).toBe('s://$1-x,$1-x,H3');
    expect(r.resolve('s://h1,h2,H3')).toBe('s://$1-x,$1-x,H3');
  });
});

describe('patternGroup (PatternMatchingGroupNamespaceResolverTest)', () => {
  const resolver = patternGroupResolver('test-pattern', { regex: GROUP_REGEX, matchingGroup: 'cluster' });

  it('leaves a namespace the regex does not match', () => {
    const ns = 'cassandra://cassandra-prod-893472.other-domain.com:8080/whatever';
    expect(resolver.resolve(ns)).toBe(ns);
  });
  it('replaces the whole match by the group (the port the regex consumes goes too)', () => {
    expect(resolver.resolve('cassandra://cassandra-prod-893472.company.com:8080/whatever')).toBe('cassandra://cassandra-prod/whatever');
  });
  it('does not apply when the schema differs', () => {
    const r = patternGroupResolver('x', { regex: GROUP_REGEX, matchingGroup: 'cluster', schema: 'kafka' });
    const ns = 'cassandra://cassandra-prod-893472.company.com:8080/whatever';
    expect(r.resolve(ns)).toBe(ns);
  });
  it('applies when the schema is the same', () => {
    const r = patternGroupResolver('x', { regex: GROUP_REGEX, matchingGroup: 'cluster', schema: 'cassandra' });
    expect(r.resolve('cassandra://cassandra-prod-893472.company.com:8080/whatever')).toBe('cassandra://cassandra-prod/whatever');
  });
  it('refuses a group name the regex does not define', () => {
    expect(() => patternGroupResolver('x', { regex: GROUP_REGEX, matchingGroup: 'nope' })).toThrow(/no group named nope/);
  });
});

function fixed(name: string, map: Record<string, string>): NamespaceResolver {
  return { name, type: 'pattern', resolve: (ns) => map[ns] ?? ns };
}

describe('combined resolvers (DatasetNamespaceCombinedResolverTest)', () => {
  it('without resolvers, or when none applies, returns the namespace', () => {
    expect(new NamespaceResolvers([]).resolve('some-namespace')).toBe('some-namespace');
    expect(new NamespaceResolvers([hostListResolver('cluster', { hosts: ['host1', 'host2'] })]).resolve('some-namespace')).toBe('some-namespace');
  });
  it('resolves nothing when no resolvers are defined', () => {
    expect(new NamespaceResolvers([]).resolve('host5')).toBe('host5');
  });
  it('uses a single resolver', () => {
    const r = new NamespaceResolvers([fixed('a', { host1: 'cluster' })]);
    expect(r.resolve('host1')).toBe('cluster');
    expect(r.resolve('host5')).toBe('host5');
  });
  it('takes the first resolver that changes the namespace, without chaining', () => {
    const r = new NamespaceResolvers([fixed('a', { host1: 'cluster1', host2: 'cluster2' }), fixed('b', { host1: 'other', cluster1: 'chained' })]);
    expect(r.resolve('host1')).toBe('cluster1');
    expect(r.resolve('host2')).toBe('cluster2');
    expect(r.resolve('host5')).toBe('host5');
  });
  it('resolves only the host of a URI', () => {
    const r = new NamespaceResolvers([hostListResolver('kafka-prod', { hosts: ['kafka'] })]);
    expect(r.resolve('kafka://kafka:9091')).toBe('kafka://kafka-prod:9091');
    expect(r.resolve('kafka://other-host:9091')).toBe('kafka://other-host:9091');
  });
  // testResolveSymlinks is covered where the client applies resolvers (dataset/stage.test.ts).
});

function readResolvers(config: Record<string, unknown>, origin: (p: readonly string[]) => string = () => 'code') {
  return readDatasetSettings(new OptionReader(config, { path: [], origin })).namespaceResolvers;
}

describe('dataset.namespaceResolvers config', () => {
  it('reads the Java test fixture datasetNamespaceResolver.yaml and resolves like the Java docs say', () => {
    const s = scratch();
    s.write(
      'openlineage.yml',
      [
        'transport:',
        '  type: console',
        'dataset:',
        '  namespaceResolvers:',
        '      kafka-prod:',
        '        type: hostList',
        "        hosts: ['kafka-prod13.company.com', 'kafka-prod15.company.com']",
        '        schema: kafka',
        '      cassandra-prod:',
        '        type: pattern',
        "        regex: 'cassandra-prod(\\d)+\\.company\\.com'",
        '        schema: cassandra',
        '      test-pattern:',
        '        type: patternGroup',
        "        regex: '(?<cluster>[a-zA-Z-]+)-(\\d)+\\.company\\.com:[\\d]*'",
        '        matchingGroup: "cluster"',
        '        schema: cassandra',
        '',
      ].join('\n'),
    );
    const resolved = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    const resolvers = readResolvers(resolved.config, resolved.origin);
    expect(resolvers.map((r) => [r.name, r.type])).toEqual([
      ['kafka-prod', 'hostList'],
      ['cassandra-prod', 'pattern'],
      ['test-pattern', 'patternGroup'],
    ]);
    const all = new NamespaceResolvers(resolvers);
    expect(all.resolve('kafka://kafka-prod13.company.com:9092')).toBe('kafka://kafka-prod:9092');
    expect(all.resolve('cassandra://cassandra-prod7.company.com')).toBe('cassandra://cassandra-prod');
    expect(all.resolve('cassandra://cassandra-test-7.company.com:9042/ks')).toBe('cassandra://cassandra-test/ks');
    expect(all.resolve('kafka://kafka-test-7.company.com:9092')).toBe('kafka://kafka-test-7.company.com:9092');
  });

  it('reads the Java docs environment-variable example (names camelCased as Java does)', () => {
    const s = scratch();
    const resolved = resolveConfig({
      env: {
        OPENLINEAGE__DATASET__NAMESPACE_RESOLVERS__RESOLVED_NAME__TYPE: 'hostList',
        OPENLINEAGE__DATASET__NAMESPACE_RESOLVERS__RESOLVED_NAME__HOSTS: '["kafka-prod13.company.com", "kafka-prod15.company.com"]',
        OPENLINEAGE__DATASET__NAMESPACE_RESOLVERS__RESOLVED_NAME__SCHEMA: 'kafka',
      },
      cwd: s.dir,
      homeDir: s.home,
    });
    const [r] = readResolvers(resolved.config, resolved.origin);
    expect(r?.name).toBe('resolvedName');
    expect(r?.resolve('kafka://kafka-prod15.company.com:9092')).toBe('kafka://resolvedName:9092');
  });

  it('accepts snake_case keys, case-insensitive types and comma-separated hosts', () => {
    const [a, b] = readResolvers({
      dataset: { namespace_resolvers: { c1: { type: 'HOSTLIST', hosts: 'h1, h2' }, c2: { type: 'patterngroup', regex: '(?<g>x)x', matching_group: 'g' } } },
    });
    expect(a?.resolve('s://H2:1')).toBe('s://c1:1');
    expect(b?.resolve('s://axxb')).toBe('s://axb');
  });

  it('translates a leading Java inline flag such as (?i)', () => {
    const [r] = readResolvers({ dataset: { namespaceResolvers: { db: { type: 'pattern', regex: '(?i)PROD-\\d+' } } } });
    expect(r?.resolve('pg://prod-12:5432')).toBe('pg://db:5432');
  });

  it('reports a regex that does not compile as a ConfigError naming file and key', () => {
    const s = scratch();
    s.write('openlineage.yml', "dataset:\n  namespaceResolvers:\n    broken:\n      type: pattern\n      regex: 'host(\\d+'\n");
    const resolved = resolveConfig({ env: {}, cwd: s.dir, homeDir: s.home });
    const error = (() => {
      try {
        readResolvers(resolved.config, resolved.origin);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    const ce = error as ConfigError;
    expect(ce.path).toBe('dataset.namespaceResolvers.broken.regex');
    expect(ce.source).toMatch(/openlineage\.yml:5$/);
    expect(ce.message).toMatch(/valid regular expression/);
  });

  it('rejects Java-only regex syntax with an explanation', () => {
    expect(() => readResolvers({ dataset: { namespaceResolvers: { x: { type: 'pattern', regex: 'a++b' } } } })).toThrow(/possessive/);
    expect(() => readResolvers({ dataset: { namespaceResolvers: { x: { type: 'pattern', regex: '(?>ab)' } } } })).toThrow(/atomic/);
  });

  it('rejects an unknown type, a missing key, a matchingGroup the regex lacks and unknown keys', () => {
    expect(() => readResolvers({ dataset: { namespaceResolvers: { x: { type: 'regex', regex: 'a' } } } })).toThrow(
      /namespaceResolvers\.x\.type.*one of "hostList", "pattern", "patternGroup"/,
    );
    expect(() => readResolvers({ dataset: { namespaceResolvers: { x: { type: 'hostList' } } } })).toThrow(/namespaceResolvers\.x\.hosts/);
    expect(() => readResolvers({ dataset: { namespaceResolvers: { x: { type: 'patternGroup', regex: '(?<a>b)', matchingGroup: 'c' } } } })).toThrow(
      /matchingGroup/,
    );
    expect(() => readResolvers({ dataset: { namespaceResolvers: { x: { type: 'pattern', regex: 'a', hosts: ['b'] } } } })).toThrow(/x\.hosts/);
    expect(() => readResolvers({ dataset: { namespaceResolvers: { x: { type: 'hostList', hosts: ['a', 3] } } } })).toThrow(/hosts\.1/);
  });
});

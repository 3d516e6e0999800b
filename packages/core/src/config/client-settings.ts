import { ConfigError } from '../errors.js';
import { isPlainObject, OptionReader, type OptionScope } from './options.js';
import type { OpenLineageConfig } from './types.js';

/** A job-name filter: any matching filter drops a RunEvent before it is sent. */
export interface JobNameFilter {
  type: 'exact' | 'regex';
  /** The `match` string or the `regex` source, for display. */
  pattern: string;
  matches(jobName: string): boolean;
}

export interface SourceCodeLocationSettings {
  enabled: boolean;
  repoUrl?: string;
  version?: string;
  tag?: string;
  branch?: string;
  pullRequestNumber?: string;
}

/** The client-level part of the config: everything besides `transport`. */
export interface ClientSettings {
  filters: JobNameFilter[];
  /** User tags, keys lower-cased, values as strings, in config order. */
  tags: { job: [string, string][]; run: [string, string][] };
  /** Names of the variables the environment-variables run facet collects. */
  environmentVariables: string[];
  sourceCodeLocation: SourceCodeLocationSettings;
}

export const EMPTY_CLIENT_SETTINGS: ClientSettings = {
  filters: [],
  tags: { job: [], run: [] },
  environmentVariables: [],
  sourceCodeLocation: { enabled: false },
};

/** Reads `filters`, `tags` and `facets` with the same spellings and errors as transport options. */
export function readClientSettings(config: OpenLineageConfig, origin: OptionScope['origin'] = () => 'code'): ClientSettings {
  const root = new OptionReader(config, { path: [], origin });
  return {
    filters: readFilters(root),
    tags: readTags(root),
    environmentVariables: readEnvironmentVariables(root),
    sourceCodeLocation: readSourceCodeLocation(root),
  };
}

function readFilters(root: OptionReader): JobNameFilter[] {
  const list = root.list('filters') ?? [];
  const base = root.pathOf('filters');
  return list.map((raw, i) => {
    const f = new OptionReader(raw, { path: [...base, String(i)], origin: root.scope.origin });
    const unknown = f.unknownKeys(['type', 'match', 'regex']);
    if (unknown.length > 0) throw f.error(unknown[0]!, 'only type, match or regex in a filter', f.raw[unknown[0]!]);
    const type = f.oneOf('type', ['exact', 'regex'] as const, { required: true, caseInsensitive: true })!;
    if (type === 'exact') {
      const match = f.string('match', { required: true, trim: false });
      return { type, pattern: match, matches: (name: string) => name === match };
    }
    const source = f.string('regex', { required: true, trim: false });
    let re: RegExp;
    try {
      // Python's re.match anchors at the start only.
      re = new RegExp(`^(?:${source})`);
    } catch (cause) {
      throw new ConfigError({
        source: f.scope.origin(f.pathOf('regex')),
        path: f.pathOf('regex').join('.'),
        expected: 'a valid regular expression',
        actual: source,
        cause,
      });
    }
    return { type, pattern: source, matches: (name: string) => re.test(name) };
  });
}

function readTags(root: OptionReader): ClientSettings['tags'] {
  const tags = root.object('tags');
  const read = (name: 'job' | 'run'): [string, string][] => {
    const map = tags?.map(name);
    if (map === undefined) return [];
    const out: [string, string][] = [];
    for (const [k, v] of Object.entries(map)) {
      if (v === undefined || v === null) continue;
      if (isPlainObject(v) || Array.isArray(v)) {
        const path = [...tags!.pathOf(name), k];
        throw new ConfigError({ source: root.scope.origin(path), path: path.join('.'), expected: 'a tag value (string, number or boolean)', actual: v });
      }
      out.push([k.toLowerCase(), String(v)]);
    }
    return out;
  };
  return { job: read('job'), run: read('run') };
}

function readEnvironmentVariables(root: OptionReader): string[] {
  const facets = root.object('facets');
  const list = facets?.list('environment_variables', { splitStrings: true }) ?? [];
  return list.map((name, i) => {
    if (typeof name !== 'string' || name === '') {
      const path = [...facets!.pathOf('environment_variables'), String(i)];
      throw new ConfigError({ source: root.scope.origin(path), path: path.join('.'), expected: 'an environment variable name', actual: name });
    }
    return name;
  });
}

function readSourceCodeLocation(root: OptionReader): SourceCodeLocationSettings {
  const s = root.object('facets')?.object('source_code_location');
  if (s === undefined) return { enabled: false };
  const known = ['disabled', 'enabled', 'repo_url', 'version', 'tag', 'branch', 'pull_request_number'];
  const unknown = s.unknownKeys(known);
  if (unknown.length > 0) throw s.error(unknown[0]!, `one of ${known.join(', ')}`, s.raw[unknown[0]!]);
  const disabled = s.boolean('disabled');
  const enabled = s.boolean('enabled');
  const out: SourceCodeLocationSettings = { enabled: enabled ?? (disabled === undefined ? false : !disabled) };
  const optional = (key: string, name: keyof Omit<SourceCodeLocationSettings, 'enabled'>) => {
    const v = s.string(key);
    if (v !== undefined) out[name] = v;
  };
  optional('repo_url', 'repoUrl');
  optional('version', 'version');
  optional('tag', 'tag');
  optional('branch', 'branch');
  optional('pull_request_number', 'pullRequestNumber');
  return out;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as YAML from 'yaml';
import { ConfigError } from '../errors.js';
import { isSecretKey, REDACTED } from '../redact.js';
import { Provenance } from './provenance.js';
import { forbiddenKeyError, isForbiddenKey } from './safe-keys.js';

type YamlModule = typeof YAML;
let yamlModule: YamlModule | undefined;

/**
 * `yaml` is core's only runtime dependency and most processes never read a file, so it is
 * loaded on first use. `require` keeps `resolveConfig` synchronous (yaml ships a CommonJS build).
 */
function loadYaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule;
  return yamlModule;
}

export interface YamlConfig {
  value: Record<string, unknown>;
  provenance: Provenance;
  /** True when the file held no document at all. */
  empty: boolean;
}

/** Reads and parses one config file, recording `<file>:<line>` for every key. */
export function readYamlConfig(file: string): YamlConfig {
  const text = readFileSync(file, 'utf8');
  return parseYamlConfig(text, file);
}

export function parseYamlConfig(text: string, file: string): YamlConfig {
  const yaml = loadYaml();
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, merge: true, prettyErrors: false });
  const lines = text.split(/\r?\n/);
  const firstError = doc.errors[0];
  if (firstError) {
    const line = lineCounter.linePos(firstError.pos[0]).line;
    const lineText = (lines[line - 1] ?? '').trim();
    throw new ConfigError({
      source: `${file}:${line}`,
      path: '',
      expected: `valid YAML (${firstError.message.split('\n')[0] ?? firstError.code})`,
      actual: isSecretKey(lineText.split(':')[0] ?? '') ? `${lineText.split(':')[0] ?? ''}: ${REDACTED}` : lineText,
    });
  }
  const provenance = new Provenance();
  const at = (offset: number | undefined) => `${file}:${offset === undefined ? 1 : lineCounter.linePos(offset).line}`;
  provenance.set([], { label: file, file });
  if (doc.contents === null) return { value: {}, provenance, empty: true };
  if (!yaml.isMap(doc.contents)) {
    throw new ConfigError({
      source: at(doc.contents.range?.[0]),
      path: '',
      expected: 'a YAML mapping at the top level (transport:, facets:, …)',
      actual: doc.toJS(),
    });
  }
  walk(yaml, doc.contents, [], provenance, file, at);
  const value = doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  return { value, provenance, empty: false };
}

function walk(yaml: YamlModule, node: unknown, path: string[], provenance: Provenance, file: string, at: (offset: number | undefined) => string): void {
  if (yaml.isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key;
      const key = yaml.isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyOffset = yaml.isNode(keyNode) ? keyNode.range?.[0] : undefined;
      if (key === '<<') continue; // a merge key: its members are walked where the anchor is defined
      const childPath = [...path, key];
      if (isForbiddenKey(key)) throw forbiddenKeyError(at(keyOffset), childPath, yaml.isNode(pair.value) ? pair.value.toJSON() : pair.value);
      provenance.set(childPath, { label: at(keyOffset), file });
      walk(yaml, pair.value, childPath, provenance, file, at);
    }
  } else if (yaml.isSeq(node)) {
    node.items.forEach((item, i) => {
      const childPath = [...path, String(i)];
      provenance.set(childPath, { label: at(yaml.isNode(item) ? item.range?.[0] : undefined), file });
      walk(yaml, item, childPath, provenance, file, at);
    });
  }
}

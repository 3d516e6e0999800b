import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseLogLevel } from '../logger.js';
import { isPlainObject } from './options.js';
import { legacyHttpTransport, readEnvConfig } from './env.js';
import { copyPlain, mergeLayers, type Layer } from './merge.js';
import { Provenance } from './provenance.js';
import { assertSafeTree } from './safe-keys.js';
import type { ConfigSource, OpenLineageConfig, ResolveConfigOptions, ResolvedConfig } from './types.js';
import { readYamlConfig } from './yaml-file.js';

export const CONFIG_FILE_NAME = 'openlineage.yml';

export const NO_TRANSPORT_WARNING =
  'No OpenLineage transport configured (no openlineage.yml, OPENLINEAGE__TRANSPORT__* or OPENLINEAGE_URL); events are printed to the console.';

/** The files looked at, in order; the first that exists is used and the others are ignored (no merging). */
export function configFileCandidates(options: { env: Record<string, string | undefined>; cwd: string; homeDir: string }): string[] {
  const out: string[] = [];
  const fromEnv = options.env.OPENLINEAGE_CONFIG;
  if (fromEnv) out.push(isAbsolute(fromEnv) ? fromEnv : resolve(options.cwd, fromEnv));
  out.push(join(options.cwd, CONFIG_FILE_NAME));
  out.push(join(options.homeDir, '.openlineage', CONFIG_FILE_NAME));
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Merges, highest first: the `config` given in code, the first YAML file found, `OPENLINEAGE__*`
 * variables, then the legacy OPENLINEAGE_URL / _ENDPOINT / _API_KEY. Pure apart from reading the
 * file: the environment is passed in (default `process.env`) and nothing is written back to it.
 */
export function resolveConfig(options: ResolveConfigOptions = {}): ResolvedConfig {
  const env = options.env ?? process.env;
  const cwd = resolve(options.cwd ?? process.cwd());
  const homeDir = options.homeDir ?? homedir();
  const warnings: string[] = [];
  const sources: ConfigSource[] = [];

  const envLayer = readEnvConfig(env, warnings);
  let merged: Layer = { value: envLayer.value, provenance: envLayer.provenance };

  const candidates = configFileCandidates({ env, cwd, homeDir });
  if (env.OPENLINEAGE_CONFIG && !isFile(candidates[0]!)) {
    warnings.push(`OPENLINEAGE_CONFIG points to ${candidates[0]!}, which is not a readable file; looking for ${CONFIG_FILE_NAME} elsewhere.`);
  }
  const file = candidates.find(isFile);
  if (file !== undefined) {
    const yaml = readYamlConfig(file);
    if (yaml.empty) warnings.push(`${file} is empty.`);
    merged = mergeLayers(merged, yaml);
  }

  if (options.config !== undefined) {
    assertSafeTree(options.config, [], 'code');
    const provenance = new Provenance();
    provenance.set([], { label: 'code' });
    merged = mergeLayers(merged, { value: copyPlain(options.config) as Record<string, unknown>, provenance });
    sources.push({ kind: 'code', detail: 'code' });
  }
  if (file !== undefined) sources.push({ kind: 'file', detail: file });
  if (envLayer.variables.length > 0) sources.push({ kind: 'env', detail: envLayer.variables.join(', ') });

  const config = merged.value as OpenLineageConfig;
  const provenance = merged.provenance;
  const transport = config.transport as unknown;
  const hasType = isPlainObject(transport) && Boolean(transport.type);
  let defaulted = false;
  if (!hasType) {
    const legacy = legacyHttpTransport(env);
    if (legacy !== undefined) {
      config.transport = legacy.value;
      provenance.clearSubtree(['transport']);
      provenance.copySubtree(legacy.provenance, ['transport']);
      sources.push({ kind: 'legacy-env', detail: ['OPENLINEAGE_URL', 'OPENLINEAGE_ENDPOINT', 'OPENLINEAGE_API_KEY'].filter((n) => env[n]).join(', ') });
    } else if (transport === undefined || transport === null || (isPlainObject(transport) && Object.keys(transport).length === 0)) {
      config.transport = { type: 'console' };
      provenance.replace(['transport'], { label: 'default (no transport configured)' });
      sources.push({ kind: 'default', detail: 'console transport' });
      defaulted = true;
      warnings.push(NO_TRANSPORT_WARNING);
    }
  } else if (envLayer.aliased) {
    pruneUnusedAlias(config.transport!);
  }

  const logging = env.OPENLINEAGE_CLIENT_LOGGING;
  const logLevel = parseLogLevel(logging);
  if (logging && logLevel === undefined) warnings.push(`OPENLINEAGE_CLIENT_LOGGING=${logging} is not a log level (debug, info, warn, error); using warn.`);

  const baseDir = file !== undefined ? dirname(file) : cwd;
  return {
    config,
    disabled: isDisabled(env),
    sources,
    origin: (path) => provenance.lookup(path)?.label ?? 'code',
    baseDir,
    baseDirOf: (path) => {
      const from = provenance.lookup(path)?.file;
      return from !== undefined ? dirname(from) : cwd;
    },
    env,
    cwd,
    ...(file !== undefined ? { file } : {}),
    warnings,
    defaulted,
    ...(logLevel !== undefined ? { logLevel } : {}),
  };
}

/** OPENLINEAGE_DISABLED=true in any case (surrounding spaces ignored) turns the client into a no-op. */
export function isDisabled(env: Record<string, string | undefined>): boolean {
  return (env.OPENLINEAGE_DISABLED ?? '').trim().toLowerCase() === 'true';
}

/**
 * OPENLINEAGE_URL is aliased into `transports.default_http` for composite transports; when the
 * final transport is not a composite that entry is meaningless and would only confuse `openlineage config`.
 */
function pruneUnusedAlias(transport: Record<string, unknown>): void {
  if (String(transport.type).toLowerCase() === 'composite') return;
  const children = transport.transports;
  if (isPlainObject(children) && Object.keys(children).length === 1 && 'default_http' in children) delete transport.transports;
}

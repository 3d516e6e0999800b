import fs from 'node:fs';
import path from 'node:path';
import { createTransport, resolveConfig, type ResolvedConfig, silentLogger, type Transport } from '@ol/core';

/**
 * Builds the transport `resolved` names through the registry with the options
 * `OpenLineageClient.create` passes (per-key base directories included), so a test exercises the
 * path an application takes. Logs nowhere.
 */
export function createResolvedTransport(resolved: ResolvedConfig, cwd: string): Promise<Transport> {
  return createTransport(resolved.config.transport, {
    logger: silentLogger,
    env: resolved.env,
    cwd,
    origin: resolved.origin,
    path: ['transport'],
    ...(resolved.baseDirOf !== undefined ? { baseDirOf: resolved.baseDirOf } : { baseDir: resolved.baseDir }),
  });
}

export interface AppConfig {
  /** The application's environment (OPENLINEAGE__… variables). */
  env?: Record<string, string>;
  /** Text of the openlineage.yml in the application's working directory. */
  yaml?: string;
}

/**
 * Resolves an application's config with core's `resolveConfig` and builds the transport it names:
 * `yaml` becomes ./openlineage.yml of a fresh directory under `parent`, which is also the home
 * directory, so no real ~/.openlineage/openlineage.yml leaks into a test.
 */
export function transportFromConfig(parent: string, app: AppConfig): Promise<Transport> {
  const cwd = fs.mkdtempSync(path.join(parent, 'app-'));
  if (app.yaml !== undefined) fs.writeFileSync(path.join(cwd, 'openlineage.yml'), app.yaml);
  return createResolvedTransport(resolveConfig({ env: app.env ?? {}, cwd, homeDir: cwd }), cwd);
}

/** Shapes shared by the config resolver, the registry, the client and the CLI. */
import type { LogLevel } from '../logger.js';

export type ConfigSourceKind = 'code' | 'file' | 'env' | 'legacy-env' | 'default';

export interface ConfigSource {
  kind: ConfigSourceKind;
  /** File path, variable names, or `code`. */
  detail: string;
}

/** The merged configuration, in the Python client's model (keys as written in their source). */
export interface OpenLineageConfig {
  transport?: Record<string, unknown>;
  facets?: Record<string, unknown>;
  filters?: unknown[];
  tags?: Record<string, unknown>;
  integration?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ResolvedConfig {
  config: OpenLineageConfig;
  /** OPENLINEAGE_DISABLED=true (any case): every emit is a no-op. */
  disabled: boolean;
  /** The sources that contributed, highest precedence first. */
  sources: ConfigSource[];
  /** Where the value at a key path came from: `/abs/openlineage.yml:7`, `OPENLINEAGE__TRANSPORT__URL`, `code`. */
  origin(path: readonly string[]): string;
  /** Directory relative module specifiers resolve against (the YAML file's directory, else `cwd`). */
  baseDir: string;
  /** The environment it was resolved from. */
  env: Record<string, string | undefined>;
  /** Directory relative module specifiers at this key path resolve against (its YAML file's directory, else `cwd`). */
  baseDirOf?(path: readonly string[]): string;
  /** The working directory the config was resolved in. */
  cwd?: string;
  /** The YAML file that was read, if any. */
  file?: string;
  /** Things worth one log line each (empty file, unknown log level, console fallback…). The client logs them once. */
  warnings?: string[];
  /** True when nothing configured a transport and the console transport was chosen. */
  defaulted?: boolean;
  /** From OPENLINEAGE_CLIENT_LOGGING. */
  logLevel?: LogLevel;
}

export interface ResolveConfigOptions {
  config?: OpenLineageConfig;
  env?: Record<string, string | undefined>;
  cwd?: string;
  homeDir?: string;
}

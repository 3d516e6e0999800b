import { ConfigError } from '../errors.js';
import { defaultLogger, type Logger } from '../logger.js';
import { BUILT_IN_TRANSPORTS } from '../transports/built-in.js';
import { isPlainObject, OptionReader } from '../config/options.js';
import type { Transport, TransportContext, TransportDescriptor } from '../transport/types.js';
import { importModule, isRelativeSpecifier, ModuleNotFound, resolveModule, splitSpecifier } from './load-module.js';
import { getRegisteredTransport, isTransportDescriptor, normalizeTypeName, registerTransport, registryState } from './registry.js';
import { canonicalTypeName, PYTHON_ONLY_TYPES, WELL_KNOWN_PACKAGES } from './well-known.js';

export interface CreateTransportOptions {
  logger?: Logger;
  env?: Record<string, string | undefined>;
  /** Where packages named in config are resolved from first (default `process.cwd()`). */
  cwd?: string;
  /** Where the value at a key path came from, for errors (default: `code`). */
  origin?(path: readonly string[]): string;
  /** Key path of this transport's config (default `['transport']`). */
  path?: readonly string[];
  /** Directory relative module specifiers resolve against (default: `baseDirOf(path)`, else `cwd`). */
  baseDir?: string;
  /** Per key path base directory, as `ResolvedConfig.baseDirOf` gives it. */
  baseDirOf?(path: readonly string[]): string;
}

interface TypeLookup {
  cwd: string;
  baseDir: string;
  source: string;
  path: string;
}

/**
 * Finds the descriptor for a `type` value: registered names first, then the well-known
 * package for a built-in type, then the type itself as a module specifier (`pkg`, `./file.js`, `pkg#export`).
 */
export async function resolveTransportDescriptor(type: string, lookup: TypeLookup): Promise<TransportDescriptor> {
  const canonical = canonicalTypeName(type);
  const registered = getRegisteredTransport(canonical) ?? BUILT_IN_TRANSPORTS.get(normalizeTypeName(canonical));
  if (registered !== undefined) return registered;
  if (PYTHON_ONLY_TYPES.has(normalizeTypeName(canonical))) {
    throw new ConfigError({ source: lookup.source, path: lookup.path, expected: 'a transport this client implements (http, async_http, kafka, file, composite, transform, amazon_datazone_api, s3, gcs, kinesis, console, noop, or a module specifier)', actual: type });
  }
  const wellKnown = WELL_KNOWN_PACKAGES[normalizeTypeName(canonical)];
  const specifier = wellKnown ?? canonical;
  const key = isRelativeSpecifier(splitSpecifier(specifier).module) ? `${lookup.baseDir}\u0000${specifier}` : specifier;
  const { loading } = registryState();
  let pending = loading.get(key);
  if (pending === undefined) {
    pending = loadDescriptor(specifier, type, wellKnown !== undefined, lookup);
    loading.set(key, pending);
    // A failed load is not cached: the user may install the package and retry.
    pending.catch(() => loading.delete(key));
  }
  return pending;
}

async function loadDescriptor(specifier: string, type: string, builtIn: boolean, lookup: TypeLookup): Promise<TransportDescriptor> {
  let mod: Record<string, unknown>;
  let exportName: string | undefined;
  try {
    const resolved = resolveModule(specifier, { cwd: lookup.cwd, baseDir: lookup.baseDir });
    exportName = resolved.exportName;
    mod = await importModule(resolved);
  } catch (error) {
    if (error instanceof ModuleNotFound) {
      const module = error.specifier;
      const expected = builtIn
        ? `the package ${module} to be installed for transport type "${type}" (npm install ${module}; looked from ${error.lookedIn.join(', ')})`
        : isRelativeSpecifier(module)
          ? `a transport module file (relative paths resolve against ${error.lookedIn.join(', ')})`
          : `a registered transport type or an installed package exporting a transport descriptor (npm install ${module}; looked from ${error.lookedIn.join(', ')})`;
      throw new ConfigError({ source: lookup.source, path: lookup.path, expected, actual: type, cause: error });
    }
    throw new ConfigError({ source: lookup.source, path: lookup.path, expected: `a transport module that loads without errors (${error instanceof Error ? error.message : String(error)})`, actual: type, cause: error });
  }
  const candidate = exportName !== undefined ? mod[exportName] : (mod.default ?? mod.descriptor);
  if (!isTransportDescriptor(candidate)) {
    const what = exportName !== undefined ? `an export named ${exportName}` : 'a default export or an export named descriptor';
    throw new ConfigError({ source: lookup.source, path: lookup.path, expected: `${what} that is a transport descriptor { type, create(config, context) }`, actual: type });
  }
  if (getRegisteredTransport(candidate.type) === undefined) registerTransport(candidate);
  return candidate;
}

/**
 * Builds any transport from its config, through the registry. Composite and transform build
 * their children with `context.createChild`, which comes back here with the child's key path.
 */
export async function createTransport(config: unknown, options: CreateTransportOptions = {}): Promise<Transport> {
  const path = options.path ?? ['transport'];
  const origin = options.origin ?? (() => 'code');
  const cwd = options.cwd ?? process.cwd();
  const baseDir = options.baseDir ?? options.baseDirOf?.(path) ?? cwd;
  if (!isPlainObject(config)) {
    throw new ConfigError({ source: origin(path), path: path.join('.'), expected: 'a transport config: a mapping with a type', actual: config });
  }
  let descriptor: TransportDescriptor;
  if (isTransportDescriptor(config.type)) {
    // In code a descriptor object may stand in for the type name.
    descriptor = config.type;
  } else {
    const reader = new OptionReader(config, { path, origin });
    const type = reader.string('type', { required: true });
    descriptor = await resolveTransportDescriptor(type, { cwd, baseDir, source: origin(reader.pathOf('type')), path: reader.pathOf('type').join('.') });
  }
  return descriptor.create(config, transportContext(options, path, baseDir));
}

/** The normalized config a descriptor would use, without building the transport (for `openlineage config`). */
export async function normalizeTransportConfig(config: unknown, options: CreateTransportOptions = {}): Promise<unknown> {
  const path = options.path ?? ['transport'];
  const origin = options.origin ?? (() => 'code');
  const cwd = options.cwd ?? process.cwd();
  const baseDir = options.baseDir ?? options.baseDirOf?.(path) ?? cwd;
  const reader = new OptionReader(config, { path, origin });
  const type = reader.string('type', { required: true });
  const descriptor = await resolveTransportDescriptor(type, { cwd, baseDir, source: origin(reader.pathOf('type')), path: reader.pathOf('type').join('.') });
  return descriptor.normalize ? descriptor.normalize(reader.raw, transportContext(options, path, baseDir)) : reader.raw;
}

function transportContext(options: CreateTransportOptions, path: readonly string[], baseDir: string): TransportContext {
  return {
    logger: options.logger ?? defaultLogger(options.env ?? process.env),
    path,
    origin: options.origin ?? (() => 'code'),
    baseDir,
    env: options.env ?? process.env,
    // A child's base directory follows its own key path when provenance is known (its part of the config may come from another source).
    createChild: (childConfig, childPath) =>
      createTransport(childConfig, { ...options, path: childPath, baseDir: options.baseDirOf?.(childPath) ?? baseDir }),
  };
}

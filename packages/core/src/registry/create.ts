import { ConfigError } from '../errors.js';
import { defaultLogger, type Logger } from '../logger.js';
import { builtInTransport } from '../transport/built-in.js';
import { isPlainObject, OptionReader } from '../config/options.js';
import type { Transport, TransportContext, TransportDescriptor } from '../transport/types.js';
import { importModule, isRelativeSpecifier, ModuleNotFound, resolveModule, splitSpecifier } from './load-module.js';
import { descriptorAccepts, getRegisteredTransport, isTransportDescriptor, registerTransport, registryState } from './registry.js';
import { wellKnownPackage } from './well-known.js';

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
 * Finds the descriptor for a `type` value: registered names and aliases first, then console and
 * noop, then the well-known package the name points at, then the name itself as a module
 * specifier (`pkg`, `./file.js`, `pkg#export`).
 */
export async function resolveTransportDescriptor(type: string, lookup: TypeLookup): Promise<TransportDescriptor> {
  const name = type.trim();
  const registered = getRegisteredTransport(name) ?? builtInTransport(name);
  if (registered !== undefined) return registered;
  const wellKnown = wellKnownPackage(name);
  const specifier = wellKnown ?? name;
  const key = isRelativeSpecifier(splitSpecifier(specifier).module) ? `${lookup.baseDir}\u0000${specifier}` : specifier;
  const { loading } = registryState();
  let pending = loading.get(key);
  if (pending === undefined) {
    pending = loadDescriptor(specifier, name, wellKnown !== undefined, lookup);
    loading.set(key, pending);
    // A failed load is not cached: the user may install the package and retry.
    pending.catch(() => loading.delete(key));
  }
  const descriptor = await pending;
  // The package was picked by the name's shape; only its descriptor's own type and aliases make the name valid.
  if (wellKnown !== undefined && !descriptorAccepts(descriptor, name)) {
    const names = [descriptor.type, ...(descriptor.aliases ?? [])].join(', ');
    throw new ConfigError({ source: lookup.source, path: lookup.path, expected: `a transport name ${wellKnown} provides (${names})`, actual: type });
  }
  return descriptor;
}

async function loadDescriptor(specifier: string, type: string, builtIn: boolean, lookup: TypeLookup): Promise<TransportDescriptor> {
  let mod: Record<string, unknown>;
  let exportName: string | undefined;
  try {
    const resolved = resolveModule(specifier, { cwd: lookup.cwd, baseDir: lookup.baseDir });
    exportName = resolved.exportName;
    mod = await importModule(resolved);
  } catch (error) {
    if (ModuleNotFound.isInstance(error)) {
      const module = error.specifier;
      const expected = builtIn
        ? `the package ${module} to be installed for transport type "${type}" (npm install ${module}; looked from ${error.lookedIn.join(', ')})`
        : isRelativeSpecifier(module)
          ? `a transport module file (relative paths resolve against ${error.lookedIn.join(', ')})`
          : `a registered transport type or an installed package exporting a transport descriptor (npm install ${module}; looked from ${error.lookedIn.join(', ')})`;
      throw new ConfigError({ source: lookup.source, path: lookup.path, expected, actual: type, cause: error });
    }
    throw new ConfigError({
      source: lookup.source,
      path: lookup.path,
      expected: `a transport module that loads without errors (${error instanceof Error ? error.message : String(error)})`,
      actual: type,
      cause: error,
    });
  }
  const candidate = exportName !== undefined ? mod[exportName] : (mod.default ?? mod.descriptor);
  if (!isTransportDescriptor(candidate)) {
    const what = exportName !== undefined ? `an export named ${exportName}` : 'a default export or an export named descriptor';
    throw new ConfigError({
      source: lookup.source,
      path: lookup.path,
      expected: `${what} that is a transport descriptor { type, parse(options, context), create(config, context) }`,
      actual: type,
    });
  }
  if (getRegisteredTransport(candidate.type) === undefined) registerTransport(candidate);
  return candidate;
}

/**
 * Builds any transport from its config, through the registry. Composite and transform build
 * their children with `context.createChild`, which comes back here with the child's key path.
 */
export async function createTransport(config: unknown, options: CreateTransportOptions = {}): Promise<Transport> {
  const { descriptor, config: parsed, context } = await parseTransportConfig(config, options);
  return descriptor.create(parsed, context);
}

/** What the registry made of a transport's config: its descriptor, the typed config `parse` returned, the context. */
export interface ParsedTransportConfig {
  descriptor: TransportDescriptor;
  config: unknown;
  context: TransportContext;
}

/**
 * Finds the descriptor and reads the config once, through its `parse`, without building the
 * transport: `createTransport` goes on to `create`, `openlineage config` shows the result.
 */
export async function parseTransportConfig(config: unknown, options: CreateTransportOptions = {}): Promise<ParsedTransportConfig> {
  const path = options.path ?? ['transport'];
  const origin = options.origin ?? (() => 'code');
  const cwd = options.cwd ?? process.cwd();
  const baseDir = options.baseDir ?? options.baseDirOf?.(path) ?? cwd;
  if (!isPlainObject(config)) {
    throw new ConfigError({ source: origin(path), path: path.join('.'), expected: 'a transport config: a mapping with a type', actual: config });
  }
  const context = transportContext(options, path, origin, baseDir);
  const reader = new OptionReader(config, context);
  let descriptor: TransportDescriptor;
  if (isTransportDescriptor(config.type)) {
    // In code a descriptor object may stand in for the type name.
    descriptor = config.type;
  } else {
    const type = reader.string('type', { required: true });
    descriptor = await resolveTransportDescriptor(type, { cwd, baseDir, source: origin(reader.pathOf('type')), path: reader.pathOf('type').join('.') });
  }
  return { descriptor, config: descriptor.parse(reader, context), context: { ...context, options: reader } };
}

/** `descriptor.parse` over a raw mapping, read with the context's provenance: what the registry does, for code and tests that hold a descriptor. */
export function parseWith<C>(descriptor: TransportDescriptor<C>, raw: unknown, context: TransportContext): C {
  return descriptor.parse(new OptionReader(raw, context), context);
}

/** `parseWith`, then `create`: builds a transport from a raw mapping without the registry's lookup. */
export function createWith<C>(descriptor: TransportDescriptor<C>, raw: unknown, context: TransportContext): Transport | Promise<Transport> {
  const options = new OptionReader(raw, context);
  return descriptor.create(descriptor.parse(options, context), { ...context, options });
}

function transportContext(options: CreateTransportOptions, path: readonly string[], origin: TransportContext['origin'], baseDir: string): TransportContext {
  return {
    logger: options.logger ?? defaultLogger(options.env ?? process.env),
    path,
    origin,
    baseDir,
    env: options.env ?? process.env,
    // A child's base directory follows its own key path when provenance is known (its part of the config may come from another source).
    createChild: (childConfig, childPath) => createTransport(childConfig, { ...options, path: childPath, baseDir: options.baseDirOf?.(childPath) ?? baseDir }),
  };
}

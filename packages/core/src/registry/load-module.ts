import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OpenLineageError } from '../errors.js';

/**
 * Finds modules named in config from the application's point of view. Under pnpm's strict layout
 * core cannot see packages it does not depend on, so we look from the `cwd` option's directory,
 * then the main script's directory, then core's own location.
 */
export interface ModuleLookup {
  /** Directory relative specifiers resolve against (the YAML file's directory, or cwd). */
  baseDir: string;
  cwd: string;
}

export interface ResolvedModule {
  file: string;
  exportName?: string;
}

export class ModuleNotFound extends OpenLineageError {
  static override readonly brand: symbol = Symbol.for('@ol/core.error.ModuleNotFound');
  override name = 'ModuleNotFound';
  constructor(
    readonly specifier: string,
    readonly lookedIn: readonly string[],
    options: { cause?: unknown } = {},
  ) {
    super(`Cannot find module ${specifier} (looked in ${lookedIn.join(', ')})`, options);
  }
}

/** `pkg#exportName` / `./file.js#exportName`: the part after the last `#` names an export. */
export function splitSpecifier(specifier: string): { module: string; exportName?: string } {
  const hash = specifier.lastIndexOf('#');
  // A leading `#` is a package.json "imports" specifier, not an export name.
  if (hash <= 0) return { module: specifier };
  return { module: specifier.slice(0, hash), exportName: specifier.slice(hash + 1) };
}

export function isRelativeSpecifier(module: string): boolean {
  return module.startsWith('./') || module.startsWith('../') || module === '.' || module === '..' || isAbsolute(module) || module.startsWith('file:');
}

export function lookupDirectories(lookup: ModuleLookup): string[] {
  const dirs = [lookup.cwd];
  const main = process.argv[1];
  if (main) dirs.push(dirname(resolvePath(main)));
  dirs.push(dirname(fileURLToPath(import.meta.url)));
  return [...new Set(dirs)];
}

export function resolveModule(specifier: string, lookup: ModuleLookup): ResolvedModule {
  const { module, exportName } = splitSpecifier(specifier);
  const withExport = (file: string): ResolvedModule => (exportName !== undefined ? { file, exportName } : { file });
  if (isRelativeSpecifier(module)) {
    const file = module.startsWith('file:') ? fileURLToPath(module) : resolvePath(lookup.baseDir, module);
    if (!existsSync(file)) throw new ModuleNotFound(module, [lookup.baseDir]);
    return withExport(file);
  }
  const dirs = lookupDirectories(lookup);
  let lastError: unknown;
  for (const dir of dirs) {
    const require = createRequire(join(dir, 'package.json'));
    try {
      return withExport(require.resolve(module));
    } catch (error) {
      lastError = error;
      // ESM-only packages (exports with only an "import" condition) are invisible to require.resolve.
      const esm = resolveEsmOnly(require, module);
      if (esm !== undefined) return withExport(esm);
    }
  }
  throw new ModuleNotFound(module, dirs, { cause: lastError });
}

export async function importModule(resolved: ResolvedModule): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(resolved.file).href)) as Record<string, unknown>;
}

function resolveEsmOnly(require: NodeJS.Require, module: string): string | undefined {
  const parts = module.split('/');
  const nameLength = module.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.length > nameLength ? `./${parts.slice(nameLength).join('/')}` : '.';
  for (const dir of require.resolve.paths(name) ?? []) {
    const pkgDir = join(dir, name);
    const pkgFile = join(pkgDir, 'package.json');
    if (!existsSync(pkgFile)) continue;
    try {
      const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports?: unknown; main?: string };
      const target = pickExport(pkg.exports, subpath) ?? (subpath === '.' ? (pkg.main ?? 'index.js') : subpath);
      const file = join(pkgDir, target);
      if (existsSync(file)) return file;
    } catch {
      continue;
    }
  }
  return undefined;
}

function pickExport(exports: unknown, subpath: string): string | undefined {
  if (exports === undefined || exports === null) return undefined;
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (typeof exports !== 'object' || Array.isArray(exports)) return undefined;
  const map = exports as Record<string, unknown>;
  const isSubpathMap = Object.keys(map).some((k) => k.startsWith('.'));
  const entry = isSubpathMap ? map[subpath] : subpath === '.' ? map : undefined;
  return pickCondition(entry);
}

function pickCondition(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const map = entry as Record<string, unknown>;
  for (const condition of ['node', 'import', 'default']) {
    const found = pickCondition(map[condition]);
    if (found !== undefined) return found;
  }
  return undefined;
}

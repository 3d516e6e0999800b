import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports `specifier#export` the way the registry loads custom transports: paths resolve
 * against `baseDir` (the YAML file's directory, or the cwd option), package names from
 * `baseDir`'s node_modules first. Loading runs the module's code: config is trusted input.
 */
export async function importExport(specifier: string, baseDir: string): Promise<{ value: unknown; module: string; exportName: string; url: string }> {
  const hash = specifier.lastIndexOf('#');
  const module = hash > 0 ? specifier.slice(0, hash) : specifier;
  const exportName = hash > 0 ? specifier.slice(hash + 1) || 'default' : 'default';
  const url = resolveModule(module, baseDir);
  const mod = (await import(url)) as Record<string, unknown>;
  if (!(exportName in mod)) throw new Error(`${module} has no export named "${exportName}" (it exports ${Object.keys(mod).join(', ') || 'nothing'})`);
  return { value: mod[exportName], module, exportName, url };
}

function resolveModule(module: string, baseDir: string): string {
  if (module.startsWith('file:')) return module;
  if (module.startsWith('.') || path.isAbsolute(module)) return pathToFileURL(path.resolve(baseDir, module)).href;
  const esm = resolvePackageImport(module, baseDir);
  if (esm) return pathToFileURL(esm).href;
  try {
    return pathToFileURL(createRequire(path.join(baseDir, 'package.json')).resolve(module)).href;
  } catch {
    // Last resort: Node's resolution from this package (finds hoisted packages).
    return module;
  }
}

const CONDITIONS = ['import', 'node', 'default'];

/**
 * ESM resolution of `pkg` or `pkg/sub` from `baseDir` with the `import` condition, which
 * `createRequire().resolve` cannot do (it only knows `require`). Covers the common shapes of
 * `exports` (string, subpath map, nested conditions); anything else falls back to `main`.
 */
function resolvePackageImport(module: string, baseDir: string): string | undefined {
  const m = /^((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(module);
  if (!m) return undefined;
  const name = m[1]!;
  const subpath = m[2] === undefined ? '.' : `.${m[2]}`;
  for (let dir = path.resolve(baseDir); ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', name);
    const pkgJson = path.join(pkgDir, 'package.json');
    if (fs.existsSync(pkgJson)) {
      const pkg = JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { exports?: unknown; main?: string };
      const target = pkg.exports === undefined ? (subpath === '.' ? (pkg.main ?? 'index.js') : subpath) : pickExport(pkg.exports, subpath);
      return target === undefined ? undefined : path.join(pkgDir, target);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function pickExport(exports: unknown, subpath: string): string | undefined {
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (typeof exports !== 'object' || exports === null) return undefined;
  const map = exports as Record<string, unknown>;
  const keys = Object.keys(map);
  if (keys.length > 0 && keys.every((k) => k.startsWith('.'))) return pickCondition(map[subpath]);
  return subpath === '.' ? pickCondition(map) : undefined;
}

function pickCondition(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(pickCondition).find((v) => v !== undefined);
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [cond, target] of Object.entries(value)) {
    if (CONDITIONS.includes(cond)) {
      const found = pickCondition(target);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports `specifier` (a package name or a path, with an optional `#export`) from the
 * application's point of view: relative paths against `baseDir`, packages resolved from
 * `baseDir` as node would. Config is trusted input: loading a module runs its code.
 */
export async function importExport(specifierWithExport: string, baseDir: string): Promise<unknown> {
  const hash = specifierWithExport.lastIndexOf('#');
  const specifier = hash > 0 ? specifierWithExport.slice(0, hash) : specifierWithExport;
  const exportName = hash > 0 ? specifierWithExport.slice(hash + 1) : undefined;
  const isPath = specifier.startsWith('.') || path.isAbsolute(specifier) || specifier.startsWith('file:');
  const url = specifier.startsWith('file:')
    ? specifier
    : isPath
      ? pathToFileURL(path.resolve(baseDir, specifier)).href
      : pathToFileURL(createRequire(path.join(baseDir, 'package.json')).resolve(specifier)).href;
  const mod = (await import(url)) as Record<string, unknown>;
  if (exportName !== undefined) {
    if (!(exportName in mod)) throw new Error(`module ${specifier} has no export named "${exportName}"`);
    return mod[exportName];
  }
  return mod.default ?? mod;
}

/** Splits the `;`-separated lists the seed uses (whitespace and newlines allowed around entries). */
export function splitSpecifiers(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(splitSpecifiers);
  if (typeof value !== 'string') return [];
  return value.split(';').map((s) => s.trim()).filter(Boolean);
}

import { importModule, resolveModule } from '@ol/core/internal';

/**
 * Imports `specifier` (package or path, optional `#export`) the way core's registry finds
 * custom transports: relative paths against `baseDir`, packages from the application.
 * Config is trusted input: loading a module runs its code.
 */
export async function importExport(specifier: string, baseDir: string, cwd: string = baseDir): Promise<unknown> {
  const resolved = resolveModule(specifier, { baseDir, cwd });
  const mod = await importModule(resolved);
  if (resolved.exportName !== undefined) {
    if (!(resolved.exportName in mod)) throw new Error(`module ${resolved.file} has no export named "${resolved.exportName}"`);
    return mod[resolved.exportName];
  }
  return mod.default ?? mod;
}

/** Splits the `;`-separated lists the seed uses (whitespace and newlines allowed around entries). */
export function splitSpecifiers(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(splitSpecifiers);
  if (typeof value !== 'string') return [];
  return value
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

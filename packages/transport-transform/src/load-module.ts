import { importModule, resolveModule } from '@ol/core/internal';

/**
 * Imports `specifier#export` with core's module resolution, the one the registry uses for
 * custom transports: paths resolve against `baseDir` (the YAML file's directory, or the cwd
 * option), package names from there. Loading runs the module's code: config is trusted input.
 */
export async function importExport(specifier: string, baseDir: string): Promise<{ value: unknown; module: string; exportName: string }> {
  const resolved = resolveModule(specifier, { baseDir, cwd: baseDir });
  const exportName = resolved.exportName || 'default';
  const mod = await importModule(resolved);
  const module = specifier.slice(0, specifier.length - (resolved.exportName === undefined ? 0 : resolved.exportName.length + 1));
  if (!(exportName in mod)) throw new Error(`${module} has no export named "${exportName}" (it exports ${Object.keys(mod).join(', ') || 'nothing'})`);
  return { value: mod[exportName], module, exportName };
}

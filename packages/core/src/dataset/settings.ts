import { ConfigError } from '../errors.js';
import type { OptionReader } from '../config/options.js';
import { importModule, ModuleNotFound, resolveModule } from '../registry/load-module.js';
import { readNamespaceResolvers, type NamespaceResolver } from './namespace-resolvers.js';
import { DEFAULT_TRIMMERS, isDatasetNameTrimmer, type DatasetNameTrimmer } from './trimmers.js';

export interface DatasetSettings {
  namespaceResolvers: NamespaceResolver[];
  /** Built-in trimmers left on (all four unless disabled). */
  trimmers: DatasetNameTrimmer[];
  /** Names from `disabledTrimmers`, as written. */
  disabledTrimmers: string[];
  /** `extraTrimmers` entries still to be imported (module specifiers), with their key path. */
  pendingTrimmers: { specifier: string; path: string[] }[];
  /** Things worth a warning (Java class names this client cannot load). */
  warnings: string[];
}

/** `org.company.CustomTrimmer`: lower-case package segments and a capitalised class, as Java names classes. */
function looksLikeJavaClass(name: string): boolean {
  return /^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*$/.test(name);
}

function split(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string')
    return value
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  return [value];
}

/**
 * Reads the `dataset` section: `namespaceResolvers`, `disabledTrimmers` and `extraTrimmers`
 * (semicolon-separated strings as in Java, or lists). Extra trimmers given as objects in code are used as
 * they are; strings are module specifiers loaded by `loadExtraTrimmers`.
 */
export function readDatasetSettings(root: OptionReader): DatasetSettings {
  const dataset = root.object('dataset');
  const settings: DatasetSettings = { namespaceResolvers: [], trimmers: [...DEFAULT_TRIMMERS], disabledTrimmers: [], pendingTrimmers: [], warnings: [] };
  if (dataset === undefined) return settings;
  const known = ['namespaceResolvers', 'disabledTrimmers', 'extraTrimmers'];
  const unknown = dataset.unknownKeys(known);
  if (unknown.length > 0) throw dataset.error(unknown[0]!, `only ${known.join(', ')} in the dataset section`, dataset.raw[unknown[0]!]);
  settings.namespaceResolvers = readNamespaceResolvers(dataset);

  const extras: DatasetNameTrimmer[] = [];
  const extraPath = dataset.pathOf('extraTrimmers');
  split(dataset.get('extraTrimmers') ?? []).forEach((entry, i) => {
    const path = [...extraPath, String(i)];
    if (isDatasetNameTrimmer(entry)) extras.push(entry);
    else if (typeof entry === 'string' && entry.trim() !== '') settings.pendingTrimmers.push({ specifier: entry.trim(), path });
    else
      throw new ConfigError({
        source: root.scope.origin(extraPath),
        path: path.join('.'),
        expected: 'a module specifier or a trimmer object { name, canTrim(name), trim?(name) }',
        actual: entry,
      });
  });

  const disabledPath = dataset.pathOf('disabledTrimmers');
  const candidates = [...DEFAULT_TRIMMERS, ...extras];
  const disabled = new Set<DatasetNameTrimmer>();
  for (const entry of split(dataset.get('disabledTrimmers') ?? [])) {
    if (typeof entry !== 'string')
      throw new ConfigError({ source: root.scope.origin(disabledPath), path: disabledPath.join('.'), expected: 'trimmer names separated by ;', actual: entry });
    settings.disabledTrimmers.push(entry);
    const found = candidates.find((t) => [t.name, ...(t.aliases ?? [])].some((n) => n.toLowerCase() === entry.toLowerCase()));
    if (found !== undefined) disabled.add(found);
    else if (looksLikeJavaClass(entry)) settings.warnings.push(`dataset.disabledTrimmers: ${entry} is not a trimmer of this client; ignored.`);
    else if (!settings.pendingTrimmers.some((p) => p.specifier === entry)) {
      throw new ConfigError({
        source: root.scope.origin(disabledPath),
        path: disabledPath.join('.'),
        expected: `names of trimmers (${candidates.map((t) => t.name).join(', ')}, MultiDirTrimmer, or Java class names)`,
        actual: entry,
      });
    }
  }
  settings.trimmers = candidates.filter((t) => !disabled.has(t));
  return settings;
}

/**
 * Imports `extraTrimmers` module specifiers (resolved like custom transports: relative to the YAML file,
 * else from the application). A Java class name that no module answers to is skipped with a warning, so
 * one openlineage.yml can serve Java and Node services; anything else that cannot be loaded is a ConfigError.
 */
export async function loadExtraTrimmers(
  settings: DatasetSettings,
  lookup: { cwd: string; baseDirOf(path: readonly string[]): string; origin(path: readonly string[]): string; warn(message: string): void },
): Promise<DatasetNameTrimmer[]> {
  const out = [...settings.trimmers];
  const disabled = new Set(settings.disabledTrimmers.map((d) => d.toLowerCase()));
  for (const { specifier, path } of settings.pendingTrimmers) {
    const where = { source: lookup.origin(path), path: path.join('.') };
    let mod: Record<string, unknown>;
    let exportName: string | undefined;
    try {
      const resolved = resolveModule(specifier, { cwd: lookup.cwd, baseDir: lookup.baseDirOf(path) });
      exportName = resolved.exportName;
      mod = await importModule(resolved);
    } catch (error) {
      if (error instanceof ModuleNotFound && looksLikeJavaClass(specifier)) {
        lookup.warn(`dataset.extraTrimmers: ${specifier} looks like a Java class and no module of that name is installed; skipped.`);
        continue;
      }
      const expected =
        error instanceof ModuleNotFound
          ? `a module exporting a dataset name trimmer (looked from ${error.lookedIn.join(', ')})`
          : `a trimmer module that loads without errors (${error instanceof Error ? error.message : String(error)})`;
      throw new ConfigError({ ...where, expected, actual: specifier, cause: error });
    }
    const candidate = exportName !== undefined ? mod[exportName] : (mod.default ?? mod.trimmer);
    if (!isDatasetNameTrimmer(candidate)) {
      throw new ConfigError({
        ...where,
        expected: `${exportName !== undefined ? `an export named ${exportName}` : 'a default export or an export named trimmer'} that is a trimmer { name, canTrim(name), trim?(name) }`,
        actual: specifier,
      });
    }
    if (disabled.has(candidate.name.toLowerCase()) || disabled.has(specifier.toLowerCase())) continue;
    out.push(candidate);
  }
  return out;
}

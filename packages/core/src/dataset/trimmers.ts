/**
 * Dataset name trimmers, after the Java client's: each looks at a `/`-separated name and may drop
 * trailing partition directories (`…/2025-07-21`, `…/dt=2025-07-21`, `…/2025/07/21`, `…/202507`).
 */
export interface DatasetNameTrimmer {
  /** Short name used by `dataset.disabledTrimmers` (e.g. `DateTrimmer`). */
  readonly name: string;
  /** Other names that disable it (the Java class name). */
  readonly aliases?: readonly string[];
  canTrim(name: string): boolean;
  /** Default: drops everything from the last `/`. */
  trim?(name: string): string;
}

const JAVA_PACKAGE = 'io.openlineage.client.dataset.partition.trimmer.';

/** Java's String.split drops trailing empty strings; the trimmers' segment counts depend on it. */
export function splitSegments(name: string): string[] {
  const parts = name.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * More than one `/`-separated segment, ignoring one leading `/` (`/a` has one, `/a/b` two) and
 * trailing slashes, as Java's split counts them. Runs for every dataset of every event: no allocation.
 */
export function hasMultipleDirectories(name: string): boolean {
  const start = name.charCodeAt(0) === 47 ? 1 : 0;
  let end = name.length;
  while (end > start && name.charCodeAt(end - 1) === 47) end--;
  const slash = name.indexOf('/', start);
  return slash !== -1 && slash < end;
}

/** The last segment, ignoring trailing slashes. */
export function lastSegment(name: string): string {
  if (!name.includes('/')) return name;
  let end = name.length;
  while (end > 0 && name.charCodeAt(end - 1) === 47) end--;
  return name.slice(name.lastIndexOf('/', end - 1) + 1, end);
}

export function removeLastSegment(name: string): string {
  return name.slice(0, name.lastIndexOf('/'));
}

// Java parses with DateTimeFormatter.ofPattern (SMART resolution): 4-digit year, month 01-12, day 01-31.
function validMonth(mm: string): boolean {
  const m = Number(mm);
  return m >= 1 && m <= 12;
}

function validDay(dd: string): boolean {
  const d = Number(dd);
  return d >= 1 && d <= 31;
}

function isYearMonth(text: string): boolean {
  const m = /^\d{4}-?(\d{2})$/.exec(text);
  return m !== null && (text.length === 6 || text.length === 7) && validMonth(m[1]!);
}

function isCompactYearMonth(text: string): boolean {
  return /^\d{6}$/.test(text) && validMonth(text.slice(4));
}

function isCompactDate(text: string): boolean {
  return /^\d{8}$/.test(text) && validMonth(text.slice(4, 6)) && validDay(text.slice(6));
}

const DATE_PATTERNS: readonly { find: RegExp; valid(candidate: string): boolean }[] = [
  { find: /\d{4}-\d{2}-\d{2}/g, valid: (c) => validMonth(c.slice(5, 7)) && validDay(c.slice(8)) },
  { find: /\d{2}\.\d{2}\.\d{4}/g, valid: (c) => validDay(c.slice(0, 2)) && validMonth(c.slice(3, 5)) },
  { find: /\d{8}/g, valid: isCompactDate },
];

/**
 * The last segment holds a valid date and, once that date is removed, nothing but digits and
 * time punctuation: one `T`, one `Z`, `:`, `.`, `-`, spaces (`20250722T0901Z`, `2025-07-22`).
 */
export const dateTrimmer: DatasetNameTrimmer = {
  name: 'DateTrimmer',
  aliases: [`${JAVA_PACKAGE}DateTrimmer`],
  canTrim(name) {
    if (!hasMultipleDirectories(name)) return false;
    const last = lastSegment(name);
    // Every date format needs eight digits.
    if (last.length < 8) return false;
    for (const p of DATE_PATTERNS) {
      p.find.lastIndex = 0;
      for (let m = p.find.exec(last); m !== null; m = p.find.exec(last)) {
        if (!p.valid(m[0])) continue;
        // The first valid date decides, as in Java.
        const rest = last.replace(m[0], '').replace('T', '').replace('Z', '');
        return /^[\s:.\-\d]*$/.test(rest);
      }
    }
    return false;
  },
};

/** The last segment is `key=value` with exactly one `=`. */
export const keyValueTrimmer: DatasetNameTrimmer = {
  name: 'KeyValueTrimmer',
  aliases: [`${JAVA_PACKAGE}KeyValueTrimmer`],
  canTrim(name) {
    if (!hasMultipleDirectories(name)) return false;
    const last = lastSegment(name);
    const eq = last.indexOf('=');
    return eq !== -1 && eq === last.lastIndexOf('=');
  },
};

function multiDirDepth(dirs: readonly string[]): 0 | 2 | 3 {
  if (dirs.length >= 3 && isCompactYearMonth(dirs[dirs.length - 2]! + dirs[dirs.length - 1]!)) return 2;
  if (dirs.length >= 4 && isCompactDate(dirs[dirs.length - 3]! + dirs[dirs.length - 2]! + dirs[dirs.length - 1]!)) return 3;
  return 0;
}

/** The last two segments form a year-month (`2025/07`) or the last three a date (`2025/07/21`): all are dropped. */
export const multiDirDateTrimmer: DatasetNameTrimmer = {
  name: 'MultiDirDateTrimmer',
  // The Java docs list it as MultiDirTrimmer.
  aliases: ['MultiDirTrimmer', `${JAVA_PACKAGE}MultiDirDateTrimmer`, `${JAVA_PACKAGE}MultiDirTrimmer`],
  canTrim(name) {
    // The joined segments must be all digits, so the last one must be.
    if (!/^\d+$/.test(lastSegment(name))) return false;
    return multiDirDepth(splitSegments(name.startsWith('/') ? name.slice(1) : name)) !== 0;
  },
  trim(name) {
    const dirs = splitSegments(name);
    const depth = multiDirDepth(dirs);
    return depth === 0 ? name : dirs.slice(0, dirs.length - depth).join('/');
  },
};

/** The last segment is a year-month: `202507` or `2025-07`. */
export const yearMonthTrimmer: DatasetNameTrimmer = {
  name: 'YearMonthTrimmer',
  aliases: [`${JAVA_PACKAGE}YearMonthTrimmer`],
  canTrim(name) {
    return hasMultipleDirectories(name) && isYearMonth(lastSegment(name));
  },
};

/** The trimmers on by default, in the Java client's order. */
export const DEFAULT_TRIMMERS: readonly DatasetNameTrimmer[] = [dateTrimmer, keyValueTrimmer, multiDirDateTrimmer, yearMonthTrimmer];

export function applyTrimmer(trimmer: DatasetNameTrimmer, name: string): string {
  if (!trimmer.canTrim(name)) return name;
  return trimmer.trim !== undefined ? trimmer.trim(name) : removeLastSegment(name);
}

/**
 * Runs every trimmer over the name, again and again until none changes it. Only names with more than
 * one `/`-separated segment are looked at, so table names and single paths stay as they are.
 */
export function trimDatasetName(name: string, trimmers: readonly DatasetNameTrimmer[] = DEFAULT_TRIMMERS): string {
  if (!hasMultipleDirectories(name)) return name;
  // The same partition paths recur (START and COMPLETE of a run, many runs of a job): remember answers per trimmer set.
  let cache = CACHES.get(trimmers);
  if (cache === undefined) CACHES.set(trimmers, (cache = new Map<string, string>()));
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const trimmed = trimUncached(name, trimmers);
  if (cache.size >= 2048) cache.clear();
  cache.set(name, trimmed);
  return trimmed;
}

const CACHES = new WeakMap<readonly DatasetNameTrimmer[], Map<string, string>>();

function trimUncached(name: string, trimmers: readonly DatasetNameTrimmer[]): string {
  let current = name;
  // A trimmer that claims it can trim but returns the same name would loop forever in Java; stop instead.
  for (let changed = true; changed && hasMultipleDirectories(current);) {
    changed = false;
    for (const t of trimmers) {
      if (!hasMultipleDirectories(current)) break;
      const next = applyTrimmer(t, current);
      if (next !== current) {
        current = next;
        changed = true;
      }
    }
  }
  return current;
}

export function isDatasetNameTrimmer(value: unknown): value is DatasetNameTrimmer {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<DatasetNameTrimmer>;
  return typeof t.name === 'string' && t.name !== '' && typeof t.canTrim === 'function' && (t.trim === undefined || typeof t.trim === 'function');
}

/**
 * Remembers where every value of the merged config came from, so an error about
 * `transport.retry.total` can say `/etc/app/openlineage.yml:9` or `OPENLINEAGE__TRANSPORT__RETRY__TOTAL`.
 * Lookups take the longest recorded prefix: a JSON value given in one variable covers its whole subtree.
 */
export interface OriginInfo {
  /** What users read: `<abs file>:<line>`, a variable name, or `code`. */
  label: string;
  /** Set when the value came from a YAML file: relative module specifiers resolve against its directory. */
  file?: string;
}

const SEP = '\u0000';

export function pathKey(path: readonly string[]): string {
  return path.join(SEP);
}

export class Provenance {
  private readonly entries = new Map<string, OriginInfo>();

  set(path: readonly string[], info: OriginInfo): void {
    this.entries.set(pathKey(path), info);
  }

  /**
   * The origin of the deepest recorded prefix of `path`. For a key that is absent (a missing
   * required option), the nearest ancestor whose members were recorded stands in: its file, or
   * its variables as `OPENLINEAGE__TRANSPORT__*`.
   */
  lookup(path: readonly string[]): OriginInfo | undefined {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.entries.get(pathKey(path.slice(0, n)));
      if (hit !== undefined) return hit;
    }
    for (let n = path.length - 1; n >= 1; n--) {
      const prefix = pathKey(path.slice(0, n)) + SEP;
      for (const [k, info] of this.entries) {
        if (!k.startsWith(prefix)) continue;
        if (info.file !== undefined) return { label: info.file, file: info.file };
        if (info.label.startsWith('OPENLINEAGE__'))
          return {
            label: `OPENLINEAGE__${path
              .slice(0, n)
              .map((p) => p.toUpperCase())
              .join('__')}__*`,
          };
        return info;
      }
    }
    return undefined;
  }

  /** Copies every entry at or below `path` from `other` (after a merge picked `other`'s value there). */
  copySubtree(other: Provenance, path: readonly string[]): void {
    const prefix = pathKey(path);
    for (const [k, v] of other.entries) {
      if (path.length === 0 || k === prefix || k.startsWith(prefix + SEP)) this.entries.set(k, v);
    }
    if (!other.entries.has(prefix)) {
      const inherited = other.lookup(path);
      if (inherited !== undefined) this.entries.set(prefix, inherited);
    }
  }

  /** Records `info` for `path` and drops anything recorded below it (the value there was replaced). */
  replace(path: readonly string[], info: OriginInfo): void {
    this.clearSubtree(path);
    this.set(path, info);
  }

  clearSubtree(path: readonly string[]): void {
    const prefix = pathKey(path);
    for (const k of [...this.entries.keys()]) {
      if (path.length === 0 || k === prefix || k.startsWith(prefix + SEP)) this.entries.delete(k);
    }
  }
}

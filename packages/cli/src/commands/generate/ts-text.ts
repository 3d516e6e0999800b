/** Small helpers that keep the emitted TypeScript deterministic and consistently formatted. */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function quote(s: string): string {
  return `'${s
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')}'`;
}

export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/** `my-facet_v2` → `MyFacetV2`; keeps existing inner capitals (`bigQuery` → `BigQuery`). */
export function pascalCase(s: string): string {
  const parts = s.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined || '_';
}

export function camelCase(s: string): string {
  const p = pascalCase(s);
  return p.charAt(0).toLowerCase() + p.slice(1);
}

/** `GcpDataprocRunFacet` → `GCP_DATAPROC_RUN_FACET`. */
export function constantCase(pascal: string): string {
  return pascal
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

/** A JSDoc block at `indent`, wrapped at roughly 100 columns. */
export function docComment(text: string | undefined, indent: string): string[] {
  if (text === undefined || text.trim() === '') return [];
  const clean = text.replace(/\*\//g, '*\\/').trim();
  const width = Math.max(40, 100 - indent.length - 3);
  const lines: string[] = [];
  for (const paragraph of clean.split(/\n/)) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (current !== '' && current.length + 1 + word.length > width) {
        lines.push(current);
        current = word;
      } else {
        current = current === '' ? word : `${current} ${word}`;
      }
    }
    lines.push(current);
  }
  if (lines.length === 1 && lines[0]!.length + indent.length + 7 <= 100) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`];
}

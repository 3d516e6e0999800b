/** YAML-like lines for a plain value tree (what `openlineage config` prints). */
export function renderTree(value: Record<string, unknown>, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (isObject(v) && Object.keys(v).length > 0) {
      lines.push(`${indent}${key}:`);
      lines.push(...renderTree(v, `${indent}  `));
    } else if (Array.isArray(v) && v.length > 0 && v.some((x) => typeof x === 'object' && x !== null)) {
      lines.push(`${indent}${key}:`);
      for (const item of v) {
        if (isObject(item)) {
          const [first, ...rest] = renderTree(item, `${indent}    `);
          lines.push(`${indent}  - ${(first ?? '').trimStart()}`, ...rest);
        } else {
          lines.push(`${indent}  - ${scalar(item)}`);
        }
      }
    } else {
      lines.push(`${indent}${key}: ${scalar(v)}`);
    }
  }
  return lines;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return /^[\w./:@*+-][\w ./:@*+=,?&%-]*$/.test(v) && !/^(true|false|null|\d)/.test(v) ? v : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(scalar).join(', ')}]`;
  if (isObject(v)) return '{}';
  return JSON.stringify(v) ?? String(v);
}

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment */
/**
 * The parser hands the AST over as serde JSON: an enum value is `"Variant"` or `{ Variant: payload }`.
 * Its shapes follow datafusion-sqlparser-rs 0.62, wider than the package's own TypeScript types, so
 * the walk reads nodes loosely through these helpers and checks what it relies on.
 */
import type { Ident } from './model.js';

export type Node = any;

/** `[variant, payload]` of an enum value. */
export function variant(node: Node): [string, Node] {
  if (typeof node === 'string') return [node, undefined];
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const keys = Object.keys(node);
    if (keys.length === 1) return [keys[0]!, node[keys[0]!]];
  }
  return ['', undefined];
}

export function list(node: Node): Node[] {
  return Array.isArray(node) ? node : [];
}

/** The identifiers of an ObjectName; a function part (Snowflake `IDENTIFIER(…)`) gives its name. */
export function idents(objectName: Node): Ident[] {
  return list(objectName).map((part: Node) => {
    const [kind, payload] = variant(part);
    if (kind === 'Identifier') return payload as Ident;
    if (kind === 'Function') return payload.name as Ident;
    return part as Ident;
  });
}

/** The name as written, quotes included, the way the parser prints it. */
export function objectNameText(objectName: Node): string {
  return idents(objectName)
    .map((i) => quoteIdent(i))
    .join('.');
}

export function quoteIdent(i: Ident): string {
  const q = i.quote_style;
  if (!q) return i.value;
  const close = q === '[' ? ']' : q;
  return `${q}${i.value}${close}`;
}

import { docComment, propertyKey, quote } from './ts-text.js';

export type JsonSchema = boolean | SchemaObject;

export interface SchemaObject {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  allOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
  [key: string]: unknown;
}

/** Definitions of the spec 2-0-2 base model that `@ol/core` exports as types of the same name. */
export const CORE_TYPES = new Set([
  'BaseFacet',
  'RunFacet',
  'JobFacet',
  'DatasetFacet',
  'InputDatasetFacet',
  'OutputDatasetFacet',
  'Run',
  'Job',
  'Dataset',
  'InputDataset',
  'OutputDataset',
  'StaticDataset',
  'RunEvent',
  'JobEvent',
  'DatasetEvent',
  'BaseEvent',
]);

const SPEC_REF = /^https:\/\/openlineage\.io\/spec\/(\d+-\d+-\d+)\/OpenLineage\.json#\/(?:\$defs|definitions)\/([A-Za-z]+)$/;

export interface SpecRef {
  version: string;
  name: string;
}

export function parseSpecRef(ref: string): SpecRef | undefined {
  const m = SPEC_REF.exec(ref);
  return m ? { version: m[1]!, name: m[2]! } : undefined;
}

export function localRefName(ref: string): string | undefined {
  const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref);
  return m ? decodeURIComponent(m[1]!).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

export interface TypeContext {
  /** Local definition name → TypeScript type name. */
  localNames: ReadonlyMap<string, string>;
  /** Core types used so far (filled while emitting). */
  coreImports: Set<string>;
  /** Problems that do not stop generation, with a JSON pointer into the schema file. */
  warn(pointer: string, message: string): void;
}

/** The TypeScript type for `schema`, formatted for a position indented by `indent`. */
export function typeOf(schema: JsonSchema | undefined, ctx: TypeContext, indent: string, pointer: string): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  if (schema.$ref !== undefined) return refType(schema.$ref, ctx, pointer);
  if ('const' in schema) return literal(schema.const);
  if (Array.isArray(schema.enum)) return union(schema.enum.map(literal));
  if (schema.allOf && schema.allOf.length > 0) {
    return schema.allOf.map((s, i) => wrap(typeOf(s, ctx, indent, `${pointer}/allOf/${i}`), '&')).join(' & ');
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) {
    const key = schema.anyOf ? 'anyOf' : 'oneOf';
    return union(alternatives.map((s, i) => typeOf(s, ctx, indent, `${pointer}/${key}/${i}`)));
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) return schema.properties ? objectType(schema, ctx, indent, pointer) : 'unknown';
  return union(types.map((t) => primitive(t, schema, ctx, indent, pointer)));
}

function primitive(type: string, schema: SchemaObject, ctx: TypeContext, indent: string, pointer: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (schema.prefixItems) {
        return `[${schema.prefixItems.map((s, i) => typeOf(s, ctx, indent, `${pointer}/prefixItems/${i}`)).join(', ')}]`;
      }
      return `${wrap(typeOf(schema.items, ctx, indent, `${pointer}/items`), '[]')}[]`;
    case 'object':
      return objectType(schema, ctx, indent, pointer);
    default:
      ctx.warn(pointer, `unknown type '${type}', typed as unknown`);
      return 'unknown';
  }
}

/** Object members, one per line, for an interface body or an inline object type. */
export function objectMembers(schema: SchemaObject, ctx: TypeContext, indent: string, pointer: string): string[] {
  const required = new Set(schema.required ?? []);
  const lines: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const description = typeof prop === 'object' ? prop.description : undefined;
    lines.push(...docComment(description, indent));
    const type = typeOf(prop, ctx, indent, `${pointer}/properties/${escapePointer(name)}`);
    lines.push(`${indent}${propertyKey(name)}${required.has(name) ? '' : '?'}: ${type};`);
  }
  for (const name of required) {
    if (!(name in (schema.properties ?? {}))) ctx.warn(`${pointer}/required`, `'${name}' is required but has no property schema`);
  }
  // An explicit additionalProperties opens the type; the members stay checked because every type fits unknown.
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    lines.push(`${indent}[key: string]: unknown;`);
  }
  return lines;
}

function objectType(schema: SchemaObject, ctx: TypeContext, indent: string, pointer: string): string {
  const hasProps = schema.properties !== undefined && Object.keys(schema.properties).length > 0;
  if (!hasProps) {
    if (schema.additionalProperties === false) return 'Record<string, never>';
    if (schema.additionalProperties === undefined || schema.additionalProperties === true) return 'Record<string, unknown>';
    return `Record<string, ${typeOf(schema.additionalProperties, ctx, indent, `${pointer}/additionalProperties`)}>`;
  }
  const inner = `${indent}  `;
  return `{\n${objectMembers(schema, ctx, inner, pointer).join('\n')}\n${indent}}`;
}

function refType(ref: string, ctx: TypeContext, pointer: string): string {
  const local = localRefName(ref);
  if (local !== undefined) {
    const name = ctx.localNames.get(local);
    if (name !== undefined) return name;
    ctx.warn(pointer, `$ref '${ref}' points to no definition in this file, typed as unknown`);
    return 'unknown';
  }
  const spec = parseSpecRef(ref);
  if (spec && CORE_TYPES.has(spec.name)) {
    ctx.coreImports.add(spec.name);
    return spec.name;
  }
  ctx.warn(pointer, `$ref '${ref}' is outside this file and the base spec, typed as unknown`);
  return 'unknown';
}

function literal(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  return 'unknown';
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  if (unique.includes('unknown')) return 'unknown';
  return unique.length === 0 ? 'never' : unique.join(' | ');
}

/** Parenthesize compound types where precedence would change their meaning. */
function wrap(type: string, context: '&' | '[]'): string {
  return topLevelOperator(type, context === '[]' ? '|&' : '|') ? `(${type})` : type;
}

/** True when one of `operators` appears outside brackets and string literals. */
function topLevelOperator(type: string, operators: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < type.length; i++) {
    const c = type[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
    } else if (c === "'") inString = true;
    else if ('{[(<'.includes(c)) depth++;
    else if ('}])>'.includes(c)) depth--;
    else if (depth === 0 && operators.includes(c)) return true;
  }
  return false;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

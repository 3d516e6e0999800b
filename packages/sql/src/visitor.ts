/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return */
// The AST is the parser's untyped serde JSON (see ast.ts); the walk checks the shapes it relies on.
/**
 * The lineage walk over the parser's AST. Its shape and its answers follow openlineage-sql's
 * visitor (the reference behaviour); where that one is demonstrably wrong we do better, and each
 * such place says so (the README lists them all).
 */
import { type Node, idents, list, objectNameText, variant } from './ast.js';
import type { Context, Frame } from './context.js';
import { type Col, type Ident, type Table, colKey, makeTable, sameTable, tableKey } from './model.js';

/** Output column names of a query, in order; `null` where a `*` makes them unknown. */
type Columns = string[] | null;

export function visitStatement(stmt: Node, ctx: Context): void {
  ctx.pushFrame();
  const [kind, s] = variant(stmt);
  switch (kind) {
    case 'Query':
      visitQuery(s, ctx);
      break;
    case 'Insert':
      visitInsert(s, ctx);
      break;
    case 'Merge':
      visitMerge(s, ctx);
      break;
    case 'CreateTable':
      if (s.query) visitQuery(s.query, ctx);
      if (s.like) {
        const [, like] = variant(s.like);
        if (like?.name) ctx.addInput(idents(like.name));
      }
      if (s.clone) ctx.addInput(idents(s.clone));
      ctx.addOutput(idents(s.name));
      break;
    case 'CreateView':
      visitQuery(s.query, ctx);
      ctx.addOutput(idents(s.name));
      break;
    case 'CreateStage':
      if (s.stage_params?.url != null) ctx.addNonTableInput([{ value: String(s.stage_params.url) }], true);
      ctx.addNonTableOutput(idents(s.name), false);
      break;
    case 'Update':
      visitUpdate(s, ctx);
      break;
    case 'AlterTable':
      visitAlterTable(s, ctx);
      break;
    case 'RenameTable':
      // MySQL `RENAME TABLE a TO b` (openlineage-sql ignores it): as ALTER TABLE a RENAME TO b.
      for (const r of list(s)) {
        ctx.addInput(idents(r.old_name));
        ctx.addOutput(idents(r.new_name));
      }
      break;
    case 'Delete':
      visitDelete(s, ctx);
      break;
    case 'Truncate':
      for (const t of list(s.table_names)) ctx.addOutput(idents(t.name));
      break;
    case 'Drop':
      for (const name of list(s.names)) ctx.addOutput(idents(name));
      break;
    case 'CopyIntoSnowflake':
      visitCopyIntoSnowflake(s, ctx);
      break;
    case 'Copy':
      visitCopy(s, ctx);
      break;
    case 'Use':
      visitUse(s, ctx);
      break;
    default:
      break;
  }
  const frame = ctx.popFrame();
  ctx.collectInputs(frame.cteDependencies, frame.dependencies);
  ctx.collect(frame);
}

function visitInsert(s: Node, ctx: Context): void {
  if (s.source) visitQuery(s.source, ctx);
  const [kind, target] = variant(s.table);
  if (kind === 'TableName') ctx.addOutput(idents(target));
  else if (kind === 'TableFunction') visitFunction(target, ctx);
}

function visitMerge(s: Node, ctx: Context): void {
  const target = tableNameOfFactor(s.table, ctx);
  if (target) ctx.addOutput(target);
  visitTableFactor(s.source, ctx);
  visitExpr(s.on, ctx);
}

/**
 * openlineage-sql takes the UPDATE target as written and ignores the target's joins, so MySQL
 * `UPDATE a JOIN b …` loses `b`, and T-SQL `UPDATE x … FROM t AS x JOIN …` writes to a table
 * named `x`. We walk the FROM list and the joins first, then resolve the target through the
 * aliases they define.
 */
function visitUpdate(s: Node, ctx: Context): void {
  const before = new Set(ctx.inputs.keys());
  const [, from] = s.from ? variant(s.from) : ['', undefined];
  for (const twj of list(from)) visitTableWithJoins(twj, ctx);
  for (const join of list(s.table?.joins)) visitJoin(join, ctx);
  const target = tableNameOfFactor(s.table?.relation, ctx);
  if (target) {
    const written = ctx.table(target);
    const resolved = ctx.resolveTable(written);
    if (!sameTable(written, resolved) && resolved.name !== '') {
      if (!before.has(tableKey(resolved))) ctx.inputs.delete(tableKey(resolved));
      ctx.addOutputTable(resolved);
    } else {
      ctx.addOutput(target);
    }
  }
  for (const a of list(s.assignments)) visitExpr(a.value, ctx);
  if (s.selection) visitExpr(s.selection, ctx);
}

function visitAlterTable(s: Node, ctx: Context): void {
  for (const op of list(s.operations)) {
    const [kind, payload] = variant(op);
    if (kind === 'SwapWith') {
      ctx.addInput(idents(payload.table_name));
      ctx.addInput(idents(s.name));
      ctx.addOutput(idents(payload.table_name));
      ctx.addOutput(idents(s.name));
    } else if (kind === 'RenameTable') {
      ctx.addInput(idents(s.name));
      const [, newName] = variant(payload.table_name);
      ctx.addOutput(idents(newName));
    } else {
      ctx.addOutput(idents(s.name));
    }
  }
}

function visitDelete(s: Node, ctx: Context): void {
  const [, tables] = variant(s.from);
  if (list(s.tables).length === 0) {
    for (const twj of list(tables)) {
      const out = tableNameOfFactor(twj.relation, ctx);
      if (out) ctx.addOutput(out);
      for (const join of list(twj.joins)) {
        const joined = tableNameOfFactor(join.relation, ctx);
        if (joined) ctx.addOutput(joined);
      }
    }
  } else {
    const existing = new Map(ctx.inputs);
    for (const twj of list(tables)) visitTableWithJoins(twj, ctx);
    for (const t of list(s.tables)) ctx.moveInputToOutput(idents(t));
    for (const [k, t] of existing) ctx.inputs.set(k, t);
  }
  for (const twj of list(s.using)) visitTableWithJoins(twj, ctx);
  if (s.selection) visitExpr(s.selection, ctx);
}

function visitCopyIntoSnowflake(s: Node, ctx: Context): void {
  if (s.kind === 'Table') {
    ctx.addOutput(idents(s.into));
    if (s.from_obj) ctx.addNonTableInput(copyLocation(s.from_obj), true);
    else if (s.from_query) visitQuery(s.from_query, ctx);
  } else {
    ctx.addNonTableOutput(copyLocation(s.into), true);
    if (s.from_obj) ctx.addInput(idents(s.from_obj));
    if (s.from_query) visitQuery(s.from_query, ctx);
  }
}

/** Cloud URLs keep their whole text (quotes dropped) as one name; stages keep their parts. */
function copyLocation(objectName: Node): Ident[] {
  const text = objectNameText(objectName);
  if (text.includes('gcs://') || text.includes('s3://') || text.includes('azure://')) return [{ value: text.replace(/["']/g, '') }];
  return idents(objectName);
}

/** PostgreSQL/Redshift `COPY` (openlineage-sql ignores it): FROM writes the table, TO reads it. */
function visitCopy(s: Node, ctx: Context): void {
  const [kind, source] = variant(s.source);
  if (kind === 'Table') {
    if (s.to) ctx.addInput(idents(source.table_name));
    else ctx.addOutput(idents(source.table_name));
  } else if (kind === 'Query') {
    visitQuery(source, ctx);
  }
}

function visitUse(s: Node, ctx: Context): void {
  const [kind, name] = variant(s);
  if (!['Catalog', 'Schema', 'Database', 'Object'].includes(kind)) return;
  const parts = idents(name);
  const first = parts[0]?.value;
  const second = parts[1]?.value;
  if (first === undefined) return;
  if (second !== undefined) {
    ctx.setDefaultDatabase(first);
    ctx.setDefaultSchema(second);
    return;
  }
  const databricks = ctx.dialect.name === 'databricks';
  if (kind === 'Catalog') ctx.setDefaultDatabase(first);
  else if (kind === 'Schema') ctx.setDefaultSchema(first);
  // Databricks reads USE DATABASE x and USE x as a schema; elsewhere x is a database.
  else if (databricks) ctx.setDefaultSchema(first);
  else ctx.setDefaultDatabase(first);
}

// --- queries ---

export function visitQuery(q: Node, ctx: Context): Columns {
  const hasWith = Boolean(q.with);
  ctx.pushFrame();
  if (hasWith) ctx.top.isMainBody = false;
  if (hasWith) visitWith(q.with, ctx);
  const withFrame = ctx.popFrame();
  ctx.collectAliases(withFrame);

  ctx.pushFrame();
  if (hasWith) ctx.top.isMainBody = true;
  const columns = visitSetExpr(q.body, ctx);
  if (hasWith) ctx.top.isMainBody = false;
  const frame = ctx.popFrame();
  ctx.collect(frame);
  ctx.coalesce(withFrame);
  return columns;
}

function visitWith(w: Node, ctx: Context): void {
  const ctes = list(w.cte_tables);
  const recursive = Boolean(w.recursive);
  ctes.forEach((cte, i) => {
    const aliasIdent: Ident = cte.alias.name;
    ctx.addTableAlias(makeTable([{ value: '' }], ctx.dialect, null, null), [aliasIdent]);
    ctx.pushFrame();
    const columns = visitQuery(cte.query, ctx);
    const frame = ctx.popFrame();
    renameColumns(frame, columns, list(cte.alias.columns));
    const names = outputNames(columns, list(cte.alias.columns));
    if (names) ctx.cteColumns.set(aliasIdent.value, names);
    else ctx.cteColumns.delete(aliasIdent.value);
    ctx.collectWithTable(frame, ctx.table([aliasIdent]));
    if (i === 0) ctx.collectLowerNestedDependencies(aliasIdent.value);
    ctx.adjustCteDependencies(aliasIdent.value, recursive);
  });
}

function visitSetExpr(body: Node, ctx: Context): Columns {
  const [kind, b] = variant(body);
  switch (kind) {
    case 'Select':
      return visitSelect(b, ctx);
    case 'Values':
      for (const row of list(b.rows)) for (const e of list(Array.isArray(row) ? row : row?.content)) visitExpr(e, ctx);
      return null;
    case 'Insert':
    case 'Update':
    case 'Delete':
    case 'Merge':
      // The payload is itself a Statement.
      visitStatement(b, ctx);
      return null;
    case 'Query':
      return visitQuery(b, ctx);
    case 'SetOperation':
      return visitSetOperation(b, ctx);
    case 'Table':
      if (b?.table_name) ctx.addInput(b.schema_name ? [{ value: b.schema_name }, { value: b.table_name }] : [{ value: b.table_name }]);
      return null;
    default:
      return null;
  }
}

/**
 * openlineage-sql walks both branches of UNION/INTERSECT/EXCEPT into the same columns by name,
 * so the second branch's names became extra output columns. The result has the first branch's
 * names; the other branch's columns feed them by position (when both lists are known).
 */
function visitSetOperation(b: Node, ctx: Context): Columns {
  const left = visitSetExpr(b.left, ctx);
  ctx.pushFrame();
  const right = visitSetExpr(b.right, ctx);
  const frame = ctx.popFrame();
  if (left && right && left.length === right.length)
    renameColumns(
      frame,
      right,
      left.map((name) => ({ name: { value: name } })),
    );
  // Merge rather than replace: both branches feed the same output columns.
  for (const [key, entry] of frame.ancestry) {
    const existing = ctx.top.ancestry.get(key);
    if (!existing) continue;
    for (const [k, a] of entry.ancestors) existing.ancestors.set(k, a);
    frame.ancestry.delete(key);
  }
  ctx.collect(frame);
  return left;
}

/** The names a query's columns go by outside it: a column list's, else its own. */
function outputNames(columns: Columns, aliases: Node[]): string[] | null {
  if (aliases.length > 0) return aliases.map((a) => String(a.name?.value));
  return columns;
}

/** Renames a query's output columns (origin null) by position, e.g. to `AS x (a, b)`. */
function renameColumns(frame: Frame, columns: Columns, aliases: Node[]): void {
  if (!columns || aliases.length === 0 || aliases.length !== columns.length) return;
  const renamed = new Map(frame.ancestry);
  const moved = new Map<string, { col: Col; ancestors: Map<string, Col> }>();
  columns.forEach((name, i) => {
    const key = colKey({ name, origin: null });
    const entry = frame.ancestry.get(key);
    if (!entry) return;
    renamed.delete(key);
    const col = { name: String(aliases[i].name?.value ?? name), origin: null };
    const target = moved.get(colKey(col)) ?? { col, ancestors: new Map<string, Col>() };
    for (const [k, a] of entry.ancestors) target.ancestors.set(k, a);
    moved.set(colKey(col), target);
  });
  for (const [k, v] of moved) {
    const existing = renamed.get(k);
    if (existing) for (const [ak, a] of v.ancestors) existing.ancestors.set(ak, a);
    else renamed.set(k, v);
  }
  frame.ancestry = renamed;
}

function visitSelect(s: Node, ctx: Context): Columns {
  const from = list(s.from);
  if (from.length === 1) {
    const [kind, t] = variant(from[0].relation);
    if (kind === 'Table') {
      const table = ctx.table(idents(t.name));
      if (t.alias) ctx.addTableAlias(table, [t.alias.name]);
      ctx.setTableContext(table);
    }
  }

  ctx.pushFrame();
  for (const twj of from) {
    ctx.pushFrame();
    visitTableFactor(twj.relation, ctx);
    let frame = ctx.popFrame();
    ctx.collectAliases(frame);
    ctx.collect(frame);
    for (const join of list(twj.joins)) {
      ctx.pushFrame();
      visitJoin(join, ctx);
      frame = ctx.popFrame();
      ctx.collectAliases(frame);
      ctx.collect(frame);
    }
  }
  const tablesFrame = ctx.popFrame();
  ctx.collectAliases(tablesFrame);

  let columns: Columns = [];
  for (const item of list(s.projection)) {
    const [kind, p] = variant(item);
    if (kind === 'UnnamedExpr') {
      const [ek, e] = variant(p);
      let name: string;
      if (ek === 'Identifier') name = e.value;
      else if (ek === 'CompoundIdentifier') name = list(e).at(-1).value;
      else name = '';
      if (name === '') name = ctx.setUnnamedColumnContext();
      else ctx.setColumnContext({ name, origin: null });
      visitExpr(p, ctx);
      columns?.push(name);
    } else if (kind === 'ExprWithAlias') {
      ctx.setColumnContext({ name: p.alias.value, origin: null });
      visitExpr(p.expr, ctx);
      columns?.push(p.alias.value);
    } else if (kind === 'Wildcard' || kind === 'QualifiedWildcard') {
      const expanded = expandWildcard(kind === 'Wildcard' ? undefined : qualifier(p), from, ctx);
      if (expanded && columns) columns.push(...expanded);
      else columns = null;
    } else {
      columns = null;
    }
  }
  ctx.setColumnContext(null);

  for (const clause of [s.selection, s.having]) {
    if (!clause) continue;
    ctx.pushFrame();
    visitExpr(clause, ctx);
    ctx.collectAliases(ctx.popFrame());
  }
  if (s.into?.name) ctx.addOutput(idents(s.into.name));
  ctx.setTableContext(null);
  ctx.coalesce(tablesFrame);
  return columns;
}

function qualifier(payload: Node): string | undefined {
  const [kind, name] = variant(list(payload)[0]);
  if (kind !== 'ObjectName') return undefined;
  const parts = idents(name);
  return parts.at(-1)?.value;
}

/**
 * `*` (or `x.*`) over CTEs and aliased subqueries whose columns are known: each such column is
 * an output column fed by that column. openlineage-sql gives `*` no lineage at all; base tables'
 * columns stay unknown without a catalog. Returns the names, or null when some are unknown.
 */
function expandWildcard(only: string | undefined, from: Node[], ctx: Context): string[] | null {
  const relations = from.flatMap((twj: Node) => [twj.relation, ...list(twj.joins).map((j: Node) => j.relation)]);
  const names: string[] = [];
  let complete = true;
  for (const relation of relations) {
    const [kind, t] = variant(relation);
    const alias: Ident | undefined = t?.alias?.name;
    let origin: Table | undefined;
    let columns: string[] | undefined;
    if (kind === 'Table') {
      const name = idents(t.name);
      const written = name.length === 1 ? name[0]!.value : undefined;
      if (only !== undefined && only !== (alias?.value ?? name.at(-1)?.value)) continue;
      if (written !== undefined && ctx.hasCte(written)) {
        columns = ctx.cteColumns.get(written);
        origin = ctx.table(alias ? [alias] : name);
      }
    } else if (kind === 'Derived' && alias) {
      if (only !== undefined && only !== alias.value) continue;
      origin = ctx.table([alias]);
      columns = ctx.derivedColumns.get(tableKey(origin));
    } else if (only !== undefined) {
      continue;
    }
    if (!columns || !origin) {
      complete = false;
      continue;
    }
    for (const name of columns) {
      ctx.setColumnContext({ name, origin: null });
      ctx.addColumnAncestors({ name, origin: null }, [{ name, origin }]);
      names.push(name);
    }
  }
  return complete ? names : null;
}

function visitTableWithJoins(twj: Node, ctx: Context): void {
  visitTableFactor(twj.relation, ctx);
  for (const join of list(twj.joins)) visitJoin(join, ctx);
}

function visitJoin(join: Node, ctx: Context): void {
  visitTableFactor(join.relation, ctx);
  const [kind, op] = variant(join.join_operator);
  let constraint: Node = op;
  if (kind === 'AsOf') {
    visitExpr(op.match_condition, ctx);
    constraint = op.constraint;
  }
  const [ck, on] = variant(constraint);
  if (ck === 'On') visitExpr(on, ctx);
}

function visitTableFactor(factor: Node, ctx: Context): void {
  const [kind, t] = variant(factor);
  switch (kind) {
    case 'Table': {
      const name = effectiveTableName(t.name, t.args, ctx);
      if (!name) return;
      if (t.args && !isIdentifierCall(t.name)) {
        // A table-valued function such as generate_series(…) or UNNEST(…): not a table.
        // openlineage-sql reports such a call as an input table named after the function.
        for (const arg of list(t.args.args)) visitFunctionArg(arg, ctx);
        return;
      }
      const table = ctx.table(name);
      if (t.alias) ctx.addTableAlias(table, [t.alias.name]);
      if (!ctx.isMain()) {
        ctx.addTableDependency(name);
        return;
      }
      const written = name.length === 1 ? name[0]!.value : undefined;
      if (written !== undefined && ctx.hasCte(written)) ctx.markCteUsed(written);
      else ctx.addInput(name);
      return;
    }
    case 'Pivot':
    case 'Unpivot': {
      visitTableFactor(t.table, ctx);
      const inner = tableNameOfFactor(t.table, ctx);
      if (inner && t.alias) ctx.addTableAlias(ctx.table(inner), [t.alias.name]);
      return;
    }
    case 'MatchRecognize':
      visitTableFactor(t.table, ctx);
      return;
    case 'Derived': {
      ctx.pushFrame();
      const columns = visitQuery(t.subquery, ctx);
      const frame = ctx.popFrame();
      if (t.alias) {
        // openlineage-sql keeps the subquery's own names, so `AS x (a, b)` pointed at phantom columns.
        renameColumns(frame, columns, list(t.alias.columns));
        const names = outputNames(columns, list(t.alias.columns));
        const aliasTable = ctx.table([t.alias.name]);
        if (names) ctx.derivedColumns.set(tableKey(aliasTable), names);
        else ctx.derivedColumns.delete(tableKey(aliasTable));
        ctx.collectWithTable(frame, aliasTable);
      } else {
        ctx.collect(frame);
      }
      return;
    }
    case 'NestedJoin':
      visitTableWithJoins(t.table_with_joins, ctx);
      return;
    case 'TableFunction':
      visitExpr(t.expr, ctx);
      return;
    case 'Function':
      for (const arg of list(t.args)) visitFunctionArg(arg, ctx);
      return;
    case 'UNNEST':
      // openlineage-sql fails the whole call on UNNEST; its arrays are expressions, not tables.
      for (const e of list(t.array_exprs)) visitExpr(e, ctx);
      return;
    case 'JsonTable':
    case 'OpenJsonTable':
      visitExpr(t.json_expr, ctx);
      return;
    default:
      // openlineage-sql fails the whole call here; we report it and keep the rest.
      ctx.warnings.push(`FROM item of kind ${kind || 'unknown'} is not analysed; tables it reads are missing from the lineage`);
  }
}

function isIdentifierCall(name: Node): boolean {
  const [kind, part] = variant(list(name)[0]);
  return kind === 'Identifier' && String(part.value).toLowerCase() === 'identifier';
}

/** The name of a plain table factor, resolving `IDENTIFIER(…)` where the dialect has it. */
function tableNameOfFactor(factor: Node, ctx: Context): Ident[] | undefined {
  const [kind, t] = variant(factor);
  if (kind !== 'Table') return undefined;
  return effectiveTableName(t.name, t.args, ctx);
}

/**
 * `IDENTIFIER('db.t')` names a table in Snowflake, Databricks and T-SQL; a bind variable
 * (`$x`, `:x`, `?`) or an expression there names none we can know, so the result is undefined.
 */
function effectiveTableName(name: Node, args: Node, ctx: Context): Ident[] | undefined {
  const d = ctx.dialect.name;
  const parts = list(name);
  if (d === 'databricks' || d === 'mssql' || d === 'sqlserver') {
    if (!isIdentifierCall(name)) return idents(name);
    const fnArgs = list(args?.args);
    if (fnArgs.length !== 1) return undefined;
    return identifierArg(fnArgs);
  }
  if (d === 'snowflake') {
    const [kind, part] = variant(parts[0]);
    if (kind === 'Function') {
      if (String(part.name.value).toLowerCase() === 'identifier') return identifierArg(functionArgs(part.args));
      return idents(name);
    }
    return kind === 'Identifier' ? idents(name) : undefined;
  }
  return idents(name);
}

function functionArgs(args: Node): Node[] {
  if (Array.isArray(args)) return args;
  const [kind, payload] = variant(args);
  return kind === 'List' ? list(payload.args) : [];
}

function identifierArg(args: Node[]): Ident[] | undefined {
  const [kind, arg] = variant(args[0]);
  if (kind !== 'Unnamed') return undefined;
  const [ak, expr] = variant(arg);
  if (ak !== 'Expr') return undefined;
  const [ek, e] = variant(expr);
  if (ek === 'Identifier') return [e];
  if (ek === 'Value') {
    const [vk, v] = variant(e.value);
    if (vk === 'SingleQuotedString') return [{ value: String(v) }];
  }
  return undefined;
}

// --- expressions ---

function visitFunction(f: Node, ctx: Context): void {
  const [kind, args] = variant(f.args);
  if (kind === 'Subquery') visitQuery(args, ctx);
  else if (kind === 'List') for (const a of list(args.args)) visitFunctionArg(a, ctx);
  if (f.filter) visitExpr(f.filter, ctx);
  if (f.over) {
    const [wk, spec] = variant(f.over);
    if (wk === 'WindowSpec') {
      for (const e of list(spec.partition_by)) visitExpr(e, ctx);
      for (const o of list(spec.order_by)) visitExpr(o.expr, ctx);
    }
  }
}

function visitFunctionArg(arg: Node, ctx: Context): void {
  const [kind, a] = variant(arg);
  const argExpr = kind === 'Unnamed' ? a : a?.arg;
  const [ak, e] = variant(argExpr);
  if (ak === 'Expr') visitExpr(e, ctx);
}

/** Expression kinds the generic fallback recognises when it meets them inside unknown kinds. */
const EXPR_KINDS = new Set([
  'Identifier',
  'CompoundIdentifier',
  'Subquery',
  'InSubquery',
  'BinaryOp',
  'UnaryOp',
  'Case',
  'Function',
  'IsFalse',
  'IsNotFalse',
  'IsTrue',
  'IsNotTrue',
  'IsNull',
  'IsNotNull',
  'IsUnknown',
  'IsNotUnknown',
  'AnyOp',
  'AllOp',
  'InList',
  'Between',
  'Like',
  'ILike',
  'SimilarTo',
  'RLike',
  'Cast',
  'AtTimeZone',
  'Extract',
  'Position',
  'Substring',
  'Trim',
  'Overlay',
  'Collate',
  'Nested',
  'CompoundFieldAccess',
  'Exists',
  'GroupingSets',
  'Cube',
  'Rollup',
  'Tuple',
  'Array',
  'JsonAccess',
  'IsDistinctFrom',
  'IsNotDistinctFrom',
  'InUnnest',
  'Ceil',
  'Floor',
  'Interval',
  'Convert',
  'Named',
  'Prefixed',
  'Struct',
  'Map',
  'Lambda',
  'MemberOf',
]);
/** Members of unknown expression kinds that hold names or types, never column references. */
const NOT_EXPR_MEMBERS = new Set(['data_type', 'fields', 'name', 'field', 'leading_field', 'last_field', 'format', 'charset', 'span']);

export function visitExpr(expr: Node, ctx: Context): void {
  const [kind, e] = variant(expr);
  switch (kind) {
    case 'Identifier': {
      const column = ctx.top.column;
      if (column) ctx.addColumnAncestors({ name: column.name, origin: null }, [{ name: e.value, origin: ctx.top.table }]);
      return;
    }
    case 'CompoundIdentifier': {
      const column = ctx.top.column;
      const parts = list(e);
      if (column && parts.length > 0) {
        const table: Table = ctx.table(parts.slice(0, -1));
        ctx.addColumnAncestors({ name: column.name, origin: null }, [{ name: parts.at(-1).value, origin: table }]);
      }
      return;
    }
    case 'Subquery':
      visitQuery(e, ctx);
      return;
    case 'InSubquery':
      visitQuery(e.subquery, ctx);
      return;
    case 'BinaryOp':
    case 'AnyOp':
    case 'AllOp':
      visitExpr(e.left, ctx);
      visitExpr(e.right, ctx);
      return;
    case 'UnaryOp':
    case 'Cast':
    case 'Collate':
    case 'Extract':
      visitExpr(e.expr, ctx);
      return;
    case 'Case':
      if (e.operand) visitExpr(e.operand, ctx);
      for (const c of list(e.conditions)) {
        visitExpr(c.condition, ctx);
        visitExpr(c.result, ctx);
      }
      if (e.else_result) visitExpr(e.else_result, ctx);
      return;
    case 'Function':
      visitFunction(e, ctx);
      return;
    case 'IsFalse':
    case 'IsNotFalse':
    case 'IsTrue':
    case 'IsNotTrue':
    case 'IsNull':
    case 'IsNotNull':
    case 'IsUnknown':
    case 'IsNotUnknown':
    case 'Nested':
      visitExpr(e, ctx);
      return;
    case 'InList':
      visitExpr(e.expr, ctx);
      for (const x of list(e.list)) visitExpr(x, ctx);
      return;
    case 'Between':
      visitExpr(e.expr, ctx);
      visitExpr(e.low, ctx);
      visitExpr(e.high, ctx);
      return;
    case 'Like':
    case 'ILike':
    case 'SimilarTo':
    case 'RLike':
      visitExpr(e.expr, ctx);
      visitExpr(e.pattern, ctx);
      return;
    case 'AtTimeZone':
      visitExpr(e.timestamp, ctx);
      return;
    case 'Position':
      visitExpr(e.expr, ctx);
      visitExpr(e.in, ctx);
      return;
    case 'Substring':
      visitExpr(e.expr, ctx);
      if (e.substring_from) visitExpr(e.substring_from, ctx);
      if (e.substring_for) visitExpr(e.substring_for, ctx);
      return;
    case 'Trim':
      visitExpr(e.expr, ctx);
      if (e.trim_what) visitExpr(e.trim_what, ctx);
      return;
    case 'Overlay':
      for (const x of [e.expr, e.overlay_what, e.overlay_from, e.overlay_for]) if (x) visitExpr(x, ctx);
      return;
    case 'CompoundFieldAccess':
      visitExpr(e.root, ctx);
      for (const access of list(e.access_chain)) {
        const [ak, a] = variant(access);
        if (ak === 'Dot') visitExpr(a, ctx);
        else if (ak === 'Subscript') {
          const [sk, sub] = variant(a);
          if (sk === 'Index') visitExpr(sub.index, ctx);
          else for (const x of [sub?.lower_bound, sub?.upper_bound, sub?.stride]) if (x) visitExpr(x, ctx);
        }
      }
      return;
    case 'Exists':
      visitQuery(e.subquery, ctx);
      return;
    case 'GroupingSets':
    case 'Cube':
    case 'Rollup':
      for (const set of list(e)) for (const x of list(set)) visitExpr(x, ctx);
      return;
    case 'Tuple':
      for (const x of list(e)) visitExpr(x, ctx);
      return;
    case 'Array':
      for (const x of list(e.elem)) visitExpr(x, ctx);
      return;
    case 'JsonAccess':
      visitExpr(e.value, ctx);
      return;
    case 'IsDistinctFrom':
    case 'IsNotDistinctFrom':
      for (const x of list(e)) visitExpr(x, ctx);
      return;
    case 'InUnnest':
      visitExpr(e.expr, ctx);
      visitExpr(e.array_expr, ctx);
      return;
    case 'Value':
    case 'TypedString':
    case 'Wildcard':
    case 'QualifiedWildcard':
    case '':
      return;
    default:
      // Kinds openlineage-sql skips (CEIL, INTERVAL, STRUCT, …) can still hold column references
      // and subqueries: look for expressions inside them.
      visitNested(e, ctx);
  }
}

function visitNested(node: Node, ctx: Context): void {
  if (Array.isArray(node)) {
    for (const x of node) visitNested(x, ctx);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const [kind] = variant(node);
  if (EXPR_KINDS.has(kind)) {
    visitExpr(node, ctx);
    return;
  }
  if (kind === 'Query' || (node.body && 'with' in node)) return;
  for (const [key, value] of Object.entries(node)) if (!NOT_EXPR_MEMBERS.has(key)) visitNested(value, ctx);
}

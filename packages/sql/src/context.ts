import type { DialectInfo } from './dialects.js';
import { type Col, type Ident, type Table, colKey, makeLocation, makeTable, qualifiedName, sameTable, tableKey } from './model.js';

export type Ancestry = Map<string, { col: Col; ancestors: Map<string, Col> }>;

export interface CteDependency {
  isUsed: boolean;
  deps: Map<string, Table>;
}

/** Maps alias tables to what they stand for; followed transitively. */
class AliasTable {
  readonly entries = new Map<string, { alias: Table; table: Table }>();

  add(table: Table, alias: Table): void {
    this.entries.set(tableKey(alias), { alias, table });
  }

  private lookup(name: string): Table | undefined {
    for (const { alias, table } of this.entries.values()) if (qualifiedName(alias) === name) return table;
    return undefined;
  }

  resolve(table: Table): Table {
    // Bounded like openlineage-sql: an alias cycle must not loop forever.
    let current = table;
    for (let i = 0; i < 20; i++) {
      const next = this.lookup(qualifiedName(current));
      if (!next) break;
      current = next;
    }
    return current;
  }

  isAlias(table: Table): boolean {
    return !sameTable(this.resolve(table), table);
  }
}

export class Frame {
  table: Table | null = null;
  column: Col | null = null;
  readonly aliases = new AliasTable();
  ancestry: Ancestry = new Map();
  dependencies = new Map<string, Table>();
  cteDependencies = new Map<string, CteDependency>();
  isMainBody = true;
  /** Output column names of the last SELECT list walked in this frame, in order (`null` after `*`). */
  projection: string[] | null | undefined;
}

function addAncestors(ancestry: Ancestry, col: Col, ancestors: Iterable<Col>): void {
  const key = colKey(col);
  let entry = ancestry.get(key);
  if (!entry) {
    entry = { col, ancestors: new Map() };
    ancestry.set(key, entry);
  }
  for (const a of ancestors) entry.ancestors.set(colKey(a), a);
}

/**
 * What the walk knows so far: the inputs and outputs of every statement of the call, and a stack
 * of frames scoping aliases, CTEs and column ancestry (the model of openlineage-sql's context).
 */
export class Context {
  readonly inputs = new Map<string, Table>();
  readonly outputs = new Map<string, Table>();
  frames: Frame[] = [new Frame()];
  private columnId = 0;
  /** Output column names of CTEs (by name) and aliased subqueries (by alias table), for `*`. */
  readonly cteColumns = new Map<string, string[]>();
  readonly derivedColumns = new Map<string, string[]>();
  /** Problems met during the walk that did not stop it (FROM items that are not analysed). */
  readonly warnings: string[] = [];

  constructor(
    readonly dialect: DialectInfo,
    public defaultSchema: string | null,
    public defaultDatabase: string | null,
  ) {}

  table(idents: readonly Ident[]): Table {
    return makeTable(idents, this.dialect, this.defaultSchema, this.defaultDatabase);
  }

  get top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  // --- table lineage ---

  addInput(idents: readonly Ident[]): void {
    const t = this.table(idents);
    if (!this.isTableAlias(t)) this.inputs.set(tableKey(t), t);
  }

  addNonTableInput(idents: readonly Ident[], providedNamespace: boolean): void {
    const t = makeLocation(idents, providedNamespace);
    if (!this.isTableAlias(t)) this.inputs.set(tableKey(t), t);
  }

  addOutput(idents: readonly Ident[]): void {
    const t = this.table(idents);
    if (!this.isTableAlias(t)) this.outputs.set(tableKey(t), t);
  }

  addOutputTable(t: Table): void {
    this.outputs.set(tableKey(t), t);
  }

  addNonTableOutput(idents: readonly Ident[], providedNamespace: boolean): void {
    const t = makeLocation(idents, providedNamespace);
    if (!this.isTableAlias(t)) this.outputs.set(tableKey(t), t);
  }

  moveInputToOutput(idents: readonly Ident[]): void {
    const out = this.resolveTable(this.table(idents));
    this.inputs.delete(tableKey(out));
    this.outputs.set(tableKey(out), out);
  }

  // --- column lineage ---

  addColumnAncestors(column: Col, ancestors: Col[]): void {
    const frame = this.top;
    const resolved = ancestors.map((a) => (a.origin ? { ...a, origin: frame.aliases.resolve(a.origin) } : a));
    addAncestors(frame.ancestry, column, resolved);
  }

  // --- frames ---

  pushFrame(): void {
    const frame = new Frame();
    const recent = this.top;
    frame.table = recent.table;
    frame.column = recent.column;
    frame.isMainBody = recent.isMainBody;
    this.frames.push(frame);
  }

  popFrame(): Frame {
    const frame = this.frames.pop();
    if (!frame || this.frames.length === 0) throw new Error('internal: frame stack underflow');
    return frame;
  }

  isMain(): boolean {
    return this.top.isMainBody;
  }

  addTableAlias(table: Table, alias: readonly Ident[]): void {
    this.top.aliases.add(table, this.table(alias));
  }

  addTableDependency(idents: readonly Ident[]): void {
    const t = this.table(idents);
    this.top.dependencies.set(tableKey(t), t);
  }

  /** Whether `name` (as written) is a CTE in scope. */
  hasCte(name: string): boolean {
    return this.frames.some((f) => f.cteDependencies.has(name));
  }

  /**
   * Marks the CTE `name` as read by the main query. openlineage-sql looks the CTE up by the
   * name with the default schema applied, which misses every CTE once a default schema is set;
   * we look it up by the name as written, the way it was registered.
   */
  markCteUsed(name: string): void {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const cte = this.frames[i]!.cteDependencies.get(name);
      if (cte) {
        cte.isUsed = true;
        return;
      }
    }
  }

  setTableContext(table: Table | null): void {
    this.top.table = table;
  }

  setColumnContext(column: Col | null): void {
    this.top.column = column;
  }

  setUnnamedColumnContext(): string {
    const name = `_${this.columnId++}`;
    this.top.column = { name, origin: null };
    return name;
  }

  setDefaultDatabase(db: string | undefined): void {
    if (db !== undefined) this.defaultDatabase = db;
  }

  setDefaultSchema(schema: string | undefined): void {
    if (schema !== undefined) this.defaultSchema = schema;
  }

  resolveTable(table: Table): Table {
    let current = table;
    for (let i = this.frames.length - 1; i >= 0; i--) current = this.frames[i]!.aliases.resolve(current);
    return current;
  }

  isTableAlias(table: Table): boolean {
    return !sameTable(this.resolveTable(table), table);
  }

  // --- synthesizing from inner frames ---

  /** Replaces the ancestors of this frame's columns by what they derive from in `old`. */
  coalesce(old: Frame): void {
    const frame = this.top;
    const result: Ancestry = new Map();
    for (const [key, { col, ancestors }] of frame.ancestry) {
      const expanded = new Map<string, Col>();
      for (const a of ancestors.values()) for (const c of expandAncestors(a, old)) expanded.set(colKey(c), c);
      result.set(key, { col, ancestors: expanded });
    }
    frame.ancestry = result;
    for (const [k, t] of old.dependencies) frame.dependencies.set(k, t);
    frame.isMainBody = old.isMainBody;
  }

  collect(old: Frame): void {
    const frame = this.top;
    for (const [k, v] of old.ancestry) frame.ancestry.set(k, v);
    for (const [k, t] of old.dependencies) frame.dependencies.set(k, t);
    frame.isMainBody = old.isMainBody;
  }

  collectInputs(cteDeps: Map<string, CteDependency>, deps: Map<string, Table>): void {
    if (cteDeps.size === 0) {
      for (const [k, t] of deps) this.inputs.set(k, t);
      return;
    }
    for (const cte of cteDeps.values()) {
      if (!cte.isUsed) continue;
      for (const [k, t] of cte.deps) this.inputs.set(k, t);
    }
  }

  /** Takes the columns of `old` as columns of `fromTable` (a subquery alias or a CTE). */
  collectWithTable(old: Frame, fromTable: Table): void {
    const frame = this.top;
    const oldAncestry: Ancestry = new Map();
    for (const { col, ancestors } of old.ancestry.values()) {
      const c = { name: col.name, origin: col.origin ?? fromTable };
      oldAncestry.set(colKey(c), { col: c, ancestors });
    }
    let anyLeft = false;
    for (const { ancestors } of oldAncestry.values()) {
      for (const a of ancestors.values()) {
        if (!(a.origin && frame.aliases.isAlias(a.origin) && sameTable(a.origin, fromTable))) anyLeft = true;
      }
    }
    if (anyLeft) for (const [k, v] of oldAncestry) frame.ancestry.set(k, v);
    for (const [k, t] of old.dependencies) frame.dependencies.set(k, t);
    for (const [k, v] of old.cteDependencies) frame.cteDependencies.set(k, v);
    frame.isMainBody = old.isMainBody;
  }

  collectLowerNestedDependencies(cteName: string): void {
    const frame = this.top;
    if (frame.cteDependencies.size === 0) return;
    const resolved = new Map<string, Table>();
    for (const dep of frame.cteDependencies.values()) {
      if (!dep.isUsed) continue;
      for (const [k, t] of dep.deps) resolved.set(k, t);
    }
    frame.cteDependencies = new Map([[cteName, { isUsed: false, deps: resolved }]]);
    frame.dependencies = new Map();
  }

  /**
   * Records what the CTE `cteName` reads, through the CTEs before it. openlineage-sql drops a
   * dependency named like the CTE itself, so `WITH t AS (SELECT * FROM t)` lost table `t`; only a
   * recursive CTE can read itself, so we drop the self-reference only then.
   */
  adjustCteDependencies(cteName: string, recursive: boolean): void {
    const frame = this.top;
    const resolved = new Map<string, Table>();
    for (const [k, dep] of frame.dependencies) {
      if (recursive && dep.name === cteName && dep.database === null && dep.schema === this.defaultSchema) continue;
      const earlier = dep.database === null && dep.schema === this.defaultSchema ? frame.cteDependencies.get(dep.name) : undefined;
      if (earlier && !(dep.name === cteName)) {
        for (const [k2, t] of earlier.deps) resolved.set(k2, t);
        continue;
      }
      resolved.set(k, dep);
    }
    frame.cteDependencies.set(cteName, { isUsed: false, deps: resolved });
    frame.dependencies = new Map();
  }

  collectAliases(old: Frame): void {
    const frame = this.top;
    frame.isMainBody = old.isMainBody;
    for (const [k, t] of old.dependencies) frame.dependencies.set(k, t);
    for (const [k, v] of old.cteDependencies) frame.cteDependencies.set(k, v);
    for (const { alias, table } of old.aliases.entries.values()) frame.aliases.add(table, alias);
  }

  /** Takes the column lineage gathered for one statement. */
  drainColumns(): Ancestry {
    const ancestry = this.top.ancestry;
    this.top.ancestry = new Map();
    return ancestry;
  }
}

function expandAncestors(ancestor: Col, old: Frame): Col[] {
  const result: Col[] = [];
  const stack = [ancestor];
  // Bounded like openlineage-sql, against cycles in self-referencing queries.
  let budget = 40;
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (--budget <= 0) break;
    let found = old.ancestry.get(colKey(current))?.ancestors;
    if (!found && current.origin === null) {
      for (const { col, ancestors } of old.ancestry.values()) {
        if (col.name === current.name) {
          found = ancestors;
          break;
        }
      }
    }
    if (!found) {
      result.push(current);
      continue;
    }
    for (const a of found.values()) if (colKey(a) !== colKey(current)) stack.push(a);
  }
  return result;
}

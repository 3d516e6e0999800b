import { describe, expect, it } from 'vitest';
import { OpenLineageError } from '@ol/core';
import { DIALECTS, SqlParseError, parseSql, type SqlMeta } from './index.js';
import { resetDialectWarning, resolveDialect } from './dialects.js';

const names = (m: SqlMeta) => ({ in: m.inTables.map((t) => t.qualifiedName), out: m.outTables.map((t) => t.qualifiedName) });
const lineage = (m: SqlMeta) =>
  m.columnLineage.map((l) => `${l.descendant.name} <- ${l.lineage.map((c) => `${c.origin?.qualifiedName ?? '?'}.${c.name}`).join(', ')}`);

describe('parseSql: API shape', () => {
  it('returns TableMeta with qualifiedName of the present parts and column lineage with null output origins', async () => {
    const meta = await parseSql('INSERT INTO db.s.out SELECT a, b AS c FROM s.src', { dialect: 'postgres' });
    expect(meta.outTables).toEqual([{ database: 'db', schema: 's', name: 'out', qualifiedName: 'db.s.out' }]);
    expect(meta.inTables).toEqual([{ database: null, schema: 's', name: 'src', qualifiedName: 's.src' }]);
    expect(meta.columnLineage[0]!.descendant).toEqual({ origin: null, name: 'a' });
    expect(lineage(meta)).toEqual(['a <- s.src.a', 'c <- s.src.b']);
    expect(meta.errors).toEqual([]);
  });

  it('applies defaultSchema and defaultDatabase to unqualified names, column origins included', async () => {
    const meta = await parseSql('INSERT INTO o SELECT x FROM t', { dialect: 'postgres', defaultSchema: 'public', defaultDatabase: 'db' });
    expect(names(meta)).toEqual({ in: ['db.public.t'], out: ['db.public.o'] });
    expect(lineage(meta)).toEqual(['x <- db.public.t.x']);
  });

  it('keeps the case of names, strips quotes of every dialect', async () => {
    expect(names(await parseSql('SELECT * FROM MySchema."MyTable"', { dialect: 'postgres' })).in).toEqual(['MySchema.MyTable']);
    expect(names(await parseSql('SELECT * FROM `p`.`d`.`T`', { dialect: 'bigquery' })).in).toEqual(['p.d.T']);
    expect(names(await parseSql('SELECT * FROM [dbo].[T]', { dialect: 'mssql' })).in).toEqual(['dbo.T']);
  });

  it('numbers unnamed expressions _0, _1, … across the call', async () => {
    const meta = await parseSql(['SELECT a + b FROM t', 'SELECT c * 2 FROM u'], { dialect: 'postgres' });
    expect(lineage(meta)).toEqual(['_0 <- t.a, t.b', '_1 <- u.c']);
  });
});

describe('parseSql: dialects', () => {
  it('accepts every name in the table, and the parser parses with each', async () => {
    for (const dialect of DIALECTS) {
      expect(names(await parseSql('SELECT a FROM s.t', { dialect })).in, dialect).toEqual(['s.t']);
    }
  });

  it('treats an unknown dialect as generic and warns once, naming the accepted ones', () => {
    resetDialectWarning();
    const warnings: string[] = [];
    expect(resolveDialect('postgress', (m) => warnings.push(m)).name).toBe('generic');
    expect(resolveDialect('nope', (m) => warnings.push(m)).name).toBe('generic');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"postgress"');
    expect(warnings[0]).toContain('snowflake');
    resetDialectWarning();
  });

  it('defaults to generic', () => {
    expect(resolveDialect(undefined).name).toBe('generic');
  });
});

describe('parseSql: USE', () => {
  it('accumulates over the following statements of the call', async () => {
    const meta = await parseSql(['USE db2.schema2', 'USE db3', 'SELECT * FROM t'], { dialect: 'generic' });
    expect(names(meta).in).toEqual(['db3.schema2.t']);
  });

  it('reads USE x as a schema in databricks and as a database elsewhere; hive ignores USE DEFAULT', async () => {
    expect(names(await parseSql(['USE x', 'SELECT * FROM t'], { dialect: 'databricks' })).in).toEqual(['x.t']);
    const mysql = await parseSql(['USE x', 'SELECT * FROM t'], { dialect: 'mysql' });
    expect(mysql.inTables[0]).toMatchObject({ database: 'x', schema: null });
    expect(names(await parseSql(['USE DEFAULT', 'SELECT * FROM t'], { dialect: 'hive' })).in).toEqual(['t']);
  });
});

describe('parseSql: statement kinds', () => {
  const cases: [string, string, { in: string[]; out: string[] }][] = [
    ['postgres', 'SELECT * FROM a JOIN b ON a.x = b.x WHERE a.y IN (SELECT y FROM c)', { in: ['a', 'b', 'c'], out: [] }],
    ['postgres', 'SELECT * FROM a, LATERAL (SELECT * FROM b WHERE b.x = a.x) l', { in: ['a', 'b'], out: [] }],
    ['postgres', 'CREATE TABLE n AS SELECT * FROM o', { in: ['o'], out: ['n'] }],
    ['postgres', 'CREATE VIEW v AS SELECT a FROM t', { in: ['t'], out: ['v'] }],
    ['postgres', 'MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN UPDATE SET x = s.y', { in: ['s'], out: ['t'] }],
    ['postgres', 'UPDATE t SET a = s.b FROM s WHERE t.id = s.id', { in: ['s'], out: ['t'] }],
    ['postgres', 'DELETE FROM t USING s WHERE t.a = s.a', { in: ['s'], out: ['t'] }],
    ['postgres', 'ALTER TABLE a RENAME TO b', { in: ['a'], out: ['b'] }],
    ['postgres', 'DROP TABLE a, b', { in: [], out: ['a', 'b'] }],
    ['postgres', 'TRUNCATE TABLE a', { in: [], out: ['a'] }],
    ['postgres', "COPY t FROM '/tmp/x.csv'", { in: [], out: ['t'] }],
    ['postgres', 'COPY (SELECT * FROM v) TO STDOUT', { in: ['v'], out: [] }],
    ['postgres', 'COPY u TO STDOUT', { in: ['u'], out: [] }],
    ['mysql', 'RENAME TABLE a TO b', { in: ['a'], out: ['b'] }],
    ['postgres', 'WITH RECURSIVE r AS (SELECT 1 AS n FROM s UNION ALL SELECT n + 1 FROM r) INSERT INTO o SELECT n FROM r', { in: ['s'], out: ['o'] }],
    ['snowflake', "SELECT * FROM IDENTIFIER('db.s.t')", { in: ['db.s.t'], out: [] }],
    ['snowflake', 'SELECT * FROM IDENTIFIER($x)', { in: [], out: [] }],
    ['postgres', 'SELECT * FROM generate_series(1, 3) g JOIN t ON true', { in: ['t'], out: [] }],
  ];
  for (const [dialect, sql, expected] of cases) {
    it(`${dialect}: ${sql}`, async () => {
      expect(names(await parseSql(sql, { dialect }))).toEqual(expected);
    });
  }

  it('gives Snowflake stages and URLs as whole-location names with providedNamespace', async () => {
    const meta = await parseSql("COPY INTO t FROM 's3://bucket/path/'", { dialect: 'snowflake' });
    expect(meta.inTables).toEqual([{ database: null, schema: null, name: 's3://bucket/path/', qualifiedName: 's3://bucket/path/', providedNamespace: true }]);
  });
});

describe('parseSql: where openlineage-sql is wrong and we do better', () => {
  it('keeps the input of a CTE named like the table it reads', async () => {
    expect(names(await parseSql('WITH t AS (SELECT * FROM t) INSERT INTO o SELECT a FROM t', { dialect: 'postgres' }))).toEqual({ in: ['t'], out: ['o'] });
  });

  it('keeps tables read only through a CTE when a default schema is set', async () => {
    const meta = await parseSql('WITH c AS (SELECT a FROM s) INSERT INTO o SELECT a FROM c', { dialect: 'postgres', defaultSchema: 'public' });
    expect(names(meta)).toEqual({ in: ['public.s'], out: ['public.o'] });
    expect(lineage(meta)).toEqual(['a <- public.s.a']);
  });

  it('MySQL UPDATE … JOIN reads the joined table', async () => {
    expect(names(await parseSql('UPDATE a JOIN b ON a.id = b.id SET a.x = b.y', { dialect: 'mysql' }))).toEqual({ in: ['b'], out: ['a'] });
  });

  it('T-SQL UPDATE alias … FROM t AS alias writes t', async () => {
    const meta = await parseSql('UPDATE x SET x.v = s.v FROM target AS x JOIN src s ON x.k = s.k', { dialect: 'mssql' });
    expect(names(meta)).toEqual({ in: ['src'], out: ['target'] });
  });

  it('UNION ALL: the second branch feeds the first branch’s columns by position', async () => {
    const meta = await parseSql('INSERT INTO o SELECT a, b FROM t1 UNION ALL SELECT c, d FROM t2', { dialect: 'postgres' });
    expect(lineage(meta)).toEqual(['a <- t1.a, t2.c', 'b <- t1.b, t2.d']);
  });

  it('derived-table column aliases rename the subquery’s columns', async () => {
    const meta = await parseSql('INSERT INTO o SELECT x.p, x.q FROM (SELECT a, b FROM t) AS x (p, q)', { dialect: 'postgres' });
    expect(lineage(meta)).toEqual(['p <- t.a', 'q <- t.b']);
  });

  it('expands * over CTEs and aliased subqueries whose columns are known (upstream gives * no lineage)', async () => {
    const cte = await parseSql('WITH c AS (SELECT a, b AS bb FROM s) INSERT INTO o SELECT * FROM c', { dialect: 'postgres' });
    expect(lineage(cte)).toEqual(['a <- s.a', 'bb <- s.b']);
    const derived = await parseSql('SELECT x.*, y.z FROM (SELECT a FROM t) x JOIN u y ON true', { dialect: 'postgres' });
    expect(lineage(derived)).toEqual(['a <- t.a', 'z <- u.z']);
    const renamed = await parseSql('WITH c (p, q) AS (SELECT a, b FROM s) SELECT * FROM c k', { dialect: 'postgres' });
    expect(lineage(renamed)).toEqual(['p <- s.a', 'q <- s.b']);
    expect(lineage(await parseSql('SELECT * FROM t', { dialect: 'postgres' }))).toEqual([]);
  });

  it('BigQuery UNNEST does not fail the call', async () => {
    const meta = await parseSql('INSERT INTO o SELECT x FROM t, UNNEST(t.arr) AS x', { dialect: 'bigquery' });
    expect(names(meta)).toEqual({ in: ['t'], out: ['o'] });
    expect(meta.errors).toEqual([]);
  });

  it('reports a FROM item it cannot analyse in errors and keeps the rest', async () => {
    const sql = "INSERT INTO o SELECT * FROM t JOIN xmltable('/r' PASSING d COLUMNS a int PATH 'a') x ON true";
    const meta = await parseSql(sql, { dialect: 'postgres' });
    expect(names(meta)).toEqual({ in: ['t'], out: ['o'] });
    expect(meta.errors).toEqual([{ index: 0, message: expect.stringContaining('XmlTable') as string, originStatement: sql }]);
  });
});

describe('parseSql: bad input', () => {
  it('rejects an empty element with SqlParseError, as upstream fails the whole call', async () => {
    await expect(parseSql('')).rejects.toBeInstanceOf(SqlParseError);
    await expect(parseSql(['SELECT 1', '-- only a comment'])).rejects.toMatchObject({ name: 'SqlParseError', index: 1 });
    const error = await parseSql('   ').catch((e: unknown) => e);
    expect(OpenLineageError.isInstance(error)).toBe(true);
  });

  it('rejects what is not SQL text with a clear message', async () => {
    await expect(parseSql(42 as unknown as string)).rejects.toThrow('expected a string of SQL or an array of them, got number 42');
    await expect(parseSql(['SELECT 1', null] as unknown as string[])).rejects.toThrow('element 1 must be a string of SQL, got null');
    await expect(parseSql('SELECT 1', { maxLength: -1 })).rejects.toThrow('maxLength');
  });

  it('reports a parse error with line and column and analyses the other elements', async () => {
    const meta = await parseSql(['SELECT * FROM a', 'SELECT * FROM', 'SELECT * FROM b'], { dialect: 'postgres' });
    expect(names(meta).in).toEqual(['a', 'b']);
    expect(meta.errors).toEqual([{ index: 1, message: 'Expected: identifier, found: EOF', originStatement: 'SELECT * FROM' }]);
    const tokenizer = await parseSql("SELECT 'abc");
    expect(tokenizer.errors[0]!.message).toMatch(/Unterminated string literal at Line: 1, Column: \d+/);
  });

  it('turns a 5 MB query into a clear error without parsing it', async () => {
    const sql = `SELECT ${Array.from({ length: 700_000 }, (_, i) => `c${i}`).join(', ')} FROM t`;
    expect(sql.length).toBeGreaterThan(5_000_000);
    const started = Date.now();
    const meta = await parseSql(sql);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(meta.errors[0]!.message).toContain('over the maxLength option (1000000)');
  });

  it('reports 10,000 nested parentheses as the parser’s recursion limit', async () => {
    const meta = await parseSql(`SELECT ${'('.repeat(10_000)}1${')'.repeat(10_000)} FROM t`);
    expect(meta.errors[0]!.message).toBe('Recursion limit exceeded when parsing SQL');
  });

  it('survives a WASM trap on a very long operator chain, and the next call works', async () => {
    const meta = await parseSql(`SELECT a FROM t WHERE ${'a = 1 OR '.repeat(5000)}a = 2`);
    expect(meta.errors[0]!.message).toContain('too deeply nested');
    expect(names(await parseSql('SELECT * FROM after_trap')).in).toEqual(['after_trap']);
  });
});

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, withTempDir } from '../test-cli.js';

describe('openlineage sql', () => {
  it('prints tables in and out and column lineage for SQL given as an argument', async () => {
    const r = await runCli(['sql', 'INSERT INTO daily SELECT o.id, o.a + o.b AS total FROM shop.orders o', '--dialect', 'postgres']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      ['inputs:', '  shop.orders', 'outputs:', '  daily', 'column lineage:', '  id <- shop.orders.id', '  total <- shop.orders.a, shop.orders.b', ''].join(
        '\n',
      ),
    );
  });

  it('reads a file and stdin, applies USE across them, and prints JSON with --json', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'use.sql'), 'USE dwh.mart');
      const r = await runCli(['sql', 'use.sql', '-', '--json', '--dialect', 'snowflake'], { cwd: dir, input: 'SELECT * FROM facts' });
      expect(r.code).toBe(0);
      const meta = JSON.parse(r.stdout);
      expect(meta.inTables).toEqual([{ database: 'dwh', schema: 'mart', name: 'facts', qualifiedName: 'dwh.mart.facts' }]);
      expect(meta.errors).toEqual([]);
    });
  });

  it('reports a statement that does not parse with exit code 1 and still prints the rest', async () => {
    const r = await runCli(['sql', 'SELECT * FROM a', 'SELEC b']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('inputs:\n  a\n');
    expect(r.stdout).toContain('errors:\n  [SELEC b] Expected: an SQL statement, found: SELEC at Line: 1, Column: 1');
  });

  it('is a usage error (2) without SQL, with an unknown dialect, or with only a comment', async () => {
    const none = await runCli(['sql']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('give the SQL to analyse');
    const dialect = await runCli(['sql', 'SELECT 1', '--dialect', 'postgress']);
    expect(dialect.code).toBe(2);
    expect(dialect.stderr).toContain('--dialect postgress: not one of ansi');
    const empty = await runCli(['sql', '/* nothing here */']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('holds no statement');
  });

  it('is listed in the top-level help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/\n {2}sql <SQL\|FILE\|->\.\.\. \[--dialect D\] \[--json\] +tables read and written/);
  });
});

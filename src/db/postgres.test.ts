import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshDatabase } from '../testing/databases.js';
import type { Database, Queryable } from './database.js';
import { openPostgres } from './postgres.js';

/** The prepared statements kept on the connection `q` runs on (run it in a transaction to stay on one connection). */
const kept = async (q: Queryable) =>
  (await q.query<{ name: string; generic_plans: number; custom_plans: number; statement: string }>(
    'SELECT name, generic_plans, custom_plans, statement FROM pg_prepared_statements ORDER BY name',
  )).filter((s) => s.name.startsWith('tl_'));

/** The connection string of a test database (to open more connections to it). */
const urlOf = async (db: Database) => {
  const [row] = await db.query<{ name: string }>('SELECT current_database() AS name');
  return inject('postgresUrlPrefix') + row!.name;
};

describe('prepared statements on a PostgreSQL server', () => {
  const open: Database[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });
  const fresh = async () => {
    const db = await freshDatabase('postgres');
    open.push(db);
    return db;
  };

  it('reuses one statement (and its plan) per connection for the same SQL; errors and values as before', async () => {
    const db = await fresh();
    await db.exec('CREATE TABLE t (id text PRIMARY KEY, d date, n bigint, at timestamptz, tags text[])');
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5)', ['a', '2026-01-02', 7, new Date('2026-03-04T05:06:07Z'), ['x', 'y']]);
    expect(await db.query('SELECT id, d, n, at, tags FROM t WHERE id = ANY($1::text[])', [['a', 'b']]))
      .toEqual([{ id: 'a', d: '2026-01-02', n: 7, at: new Date('2026-03-04T05:06:07Z'), tags: ['x', 'y'] }]);
    const sql = 'SELECT id, n FROM t WHERE id = $1';
    await db.transaction(async (tx) => {
      for (let i = 0; i < 8; i++) expect(await tx.query(sql, ['a'])).toEqual([{ id: 'a', n: 7 }]);
      const statements = (await kept(tx)).filter((s) => s.statement === sql);
      expect(statements).toHaveLength(1);
      expect(statements[0]!.custom_plans + statements[0]!.generic_plans).toBe(8);
    });
    expect(await db.query('SELECT $1::int AS v', [null])).toEqual([{ v: null }]);
    await expect(db.query('SELECT * FROM missing_table')).rejects.toMatchObject({ code: '42P01' });
    await expect(db.query("INSERT INTO t (id) VALUES ('a')")).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT count(*)::int AS c FROM t')).toEqual([{ c: 1 }]);
    // Several statements at once still run (exec is not prepared).
    await db.exec("INSERT INTO t (id) VALUES ('b'); SELECT 1; INSERT INTO t (id) VALUES ('c')");
    expect(await db.query('SELECT count(*)::int AS c FROM t')).toEqual([{ c: 3 }]);
  });

  it('keeps no more statements per connection than its limit, the least recently used closed', async () => {
    const base = await fresh();
    const db = await openPostgres(await urlOf(base), { statementLimit: 3 });
    open.push(db);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.query(`SELECT ${i} AS v`);
      await tx.query('SELECT 0 AS v'); // used again: now the most recent
      await tx.query('SELECT 3 AS v'); // SELECT 1 closed
      // Listing them is a statement too: SELECT 2 is closed for it.
      expect((await kept(tx)).map((s) => s.statement)).toEqual([
        'SELECT 0 AS v', 'SELECT 3 AS v', expect.stringContaining('pg_prepared_statements'),
      ]);
      // A closed statement is prepared afresh when it comes back.
      expect(await tx.query('SELECT 1 AS v')).toEqual([{ v: 1 }]);
    });
  });

  it('answers with the new columns after a schema change, by its own statements or by another connection', async () => {
    const db = await fresh();
    await db.exec('CREATE TABLE s (a int); INSERT INTO s VALUES (1)');
    // Prepare the statement on every pooled connection.
    const all = () => Promise.all(Array.from({ length: 6 }, () => db.query('SELECT * FROM s')));
    for (const rows of await all()) expect(rows).toEqual([{ a: 1 }]);
    await db.exec('ALTER TABLE s ADD COLUMN b int');
    for (const rows of await all()) expect(rows).toEqual([{ a: 1, b: null }]);
    const other = new pg.Client({ connectionString: await urlOf(db) });
    await other.connect();
    try {
      await other.query('ALTER TABLE s ADD COLUMN c int');
    } finally {
      await other.end();
    }
    for (const rows of await all()) expect(rows).toEqual([{ a: 1, b: null, c: null }]);
  });
});

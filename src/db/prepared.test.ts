import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { openPglite, pgliteInstanceOf, statementCacheOf } from './pglite.js';
import { StatementCache, isCacheable, isStaleStatementError } from './prepared.js';

describe('StatementCache', () => {
  it('keeps at most its limit, closing the least recently used', () => {
    const cache = new StatementCache(2);
    const add = (sql: string) => {
      const closing = cache.makeRoom();
      cache.add(sql, { name: cache.nextName(), paramTypes: [] });
      return closing;
    };
    expect(add('a')).toEqual([]);
    expect(add('b')).toEqual([]);
    expect(cache.get('a')?.name).toBe('tl_1'); // a is now the most recent
    expect(add('c')).toEqual(['tl_2']); // b goes
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.names().sort()).toEqual(['tl_1', 'tl_3']);
    expect(cache.drop('a')).toBe('tl_1');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(() => new StatementCache(0)).toThrow();
  });

  it('keeps only plain reads and writes, and knows the errors of a statement gone stale', () => {
    expect(isCacheable('  select 1')).toBe(true);
    expect(isCacheable('WITH x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(isCacheable('INSERT INTO t VALUES (1)')).toBe(true);
    expect(isCacheable('ALTER TABLE t ADD COLUMN b int')).toBe(false);
    expect(isCacheable('SET LOCAL TIME ZONE UTC')).toBe(false);
    expect(isCacheable('DEALLOCATE ALL')).toBe(false);
    expect(isStaleStatementError({ code: '0A000', message: 'cached plan must not change result type' })).toBe(true);
    expect(isStaleStatementError({ code: '26000', message: 'prepared statement "tl_1" does not exist' })).toBe(true);
    expect(isStaleStatementError({ code: '0A000', message: 'something else not supported' })).toBe(false);
    expect(isStaleStatementError(new Error('x'))).toBe(false);
  });
});

describe('prepared statements on PGlite', () => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });
  const kept = async (d: Database) =>
    (await d.query<{ name: string; generic_plans: number; custom_plans: number; statement: string }>(
      'SELECT name, generic_plans, custom_plans, statement FROM pg_prepared_statements ORDER BY name')).filter((s) => s.name.startsWith('tl_'));

  it('reuses one statement (and its plan) for the same SQL, with values of each type as before', async () => {
    db = await openPglite();
    await db.exec(`CREATE TABLE t (id text PRIMARY KEY, d date, n bigint, at timestamptz, tags text[])`);
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5)', ['a', '2026-01-02', 7, new Date('2026-03-04T05:06:07Z'), ['x', 'y']]);
    expect(await db.query('SELECT id, d, n, at, tags FROM t WHERE id = ANY($1::text[])', [['a', 'b']]))
      .toEqual([{ id: 'a', d: '2026-01-02', n: 7, at: new Date('2026-03-04T05:06:07Z'), tags: ['x', 'y'] }]);
    const sql = 'SELECT id, n FROM t WHERE id = $1';
    for (let i = 0; i < 8; i++) expect(await db.query(sql, ['a'])).toEqual([{ id: 'a', n: 7 }]);
    const statements = (await kept(db)).filter((s) => s.statement === sql);
    expect(statements).toHaveLength(1);
    // Planned five times for the values given, then the kept generic plan is used.
    expect(statements[0]!.custom_plans + statements[0]!.generic_plans).toBe(8);
    expect(statements[0]!.generic_plans).toBeGreaterThan(0);
    expect(await db.query('SELECT $1::int AS v', [null])).toEqual([{ v: null }]);
    // Errors are PostgreSQL's, and the connection goes on.
    await expect(db.query('SELECT * FROM missing_table')).rejects.toMatchObject({ code: '42P01' });
    await expect(db.query("INSERT INTO t (id) VALUES ('a')")).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT count(*)::int AS c FROM t')).toEqual([{ c: 1 }]);
  });

  it('keeps statements prepared in a transaction that rolls back, and waits for a transaction in progress', async () => {
    db = await openPglite();
    await db.exec('CREATE TABLE u (a int)');
    const d = db;
    await expect(d.transaction(async (tx) => {
      await tx.query('INSERT INTO u VALUES ($1)', [1]);
      expect(await tx.query('SELECT count(*)::int AS c FROM u')).toEqual([{ c: 1 }]);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    // The statements prepared inside are still there (preparing is not undone by a rollback), and still right.
    expect(await d.query('SELECT count(*)::int AS c FROM u')).toEqual([{ c: 0 }]);
    await d.query('INSERT INTO u VALUES ($1)', [2]);
    // A statement outside a transaction waits for it to end rather than running inside it.
    let release = () => {};
    const held = d.transaction(async (tx) => {
      await tx.query('INSERT INTO u VALUES ($1)', [3]);
      await new Promise<void>((r) => { release = r; });
      throw new Error('undo');
    });
    await new Promise((r) => setTimeout(r, 20));
    const outside = d.query('SELECT count(*)::int AS c FROM u');
    release();
    await expect(held).rejects.toThrow('undo');
    expect(await outside).toEqual([{ c: 1 }]);
  });

  it('keeps no more statements than its limit, the least recently used closed', async () => {
    db = await openPglite(undefined, undefined, { statementLimit: 3 });
    for (let i = 0; i < 3; i++) await db.query(`SELECT ${i} AS v`);
    await db.query('SELECT 0 AS v'); // used again: now the most recent
    await db.query('SELECT 3 AS v'); // SELECT 1 closed
    const names = await kept(db); // SELECT 2 closed: the listing's own statement is one of the three
    expect(names.map((s) => s.statement)).toEqual(['SELECT 0 AS v', 'SELECT 3 AS v', expect.stringContaining('pg_prepared_statements')]);
    expect(statementCacheOf(db)!.size).toBe(3);
  });

  it('answers with the new columns after a schema change, by its own statements or behind its back', async () => {
    db = await openPglite();
    await db.exec('CREATE TABLE s (a int); INSERT INTO s VALUES (1)');
    expect(await db.query('SELECT * FROM s')).toEqual([{ a: 1 }]);
    await db.exec('ALTER TABLE s ADD COLUMN b int');
    expect(await db.query('SELECT * FROM s')).toEqual([{ a: 1, b: null }]);
    await db.query('ALTER TABLE s ADD COLUMN c int');
    expect(await db.query('SELECT * FROM s')).toEqual([{ a: 1, b: null, c: null }]);
    await db.transaction(async (tx) => {
      await tx.exec('ALTER TABLE s ADD COLUMN d int');
      expect(await tx.query('SELECT * FROM s')).toEqual([{ a: 1, b: null, c: null, d: null }]);
    });
    // A change the cache is not told of (as another connection would make): the statement is prepared afresh.
    const raw = pgliteInstanceOf(db)!;
    await raw.exec('ALTER TABLE s ADD COLUMN e int');
    await expect(raw.query('EXECUTE ' + (await kept(db)).find((s) => s.statement === 'SELECT * FROM s')!.name)).rejects.toThrow(/cached plan must not change result type/);
    expect(await db.query('SELECT * FROM s')).toEqual([{ a: 1, b: null, c: null, d: null, e: null }]);
    await raw.exec('DEALLOCATE ALL');
    expect(await db.query('SELECT * FROM s')).toEqual([{ a: 1, b: null, c: null, d: null, e: null }]);
  });
});

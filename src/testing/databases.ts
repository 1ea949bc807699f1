/**
 * Test databases on both engines. `forEachEngine` runs a suite once on PGlite and once on PostgreSQL,
 * each test with a fresh, migrated, empty database.
 */
import pg from 'pg';
import { afterEach, describe, inject } from 'vitest';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { dumpPglite, openPglite } from '../db/pglite.js';

export type Engine = 'pglite' | 'postgres';
export const engines: Engine[] = ['pglite', 'postgres'];

let pgliteTemplate: Promise<Blob> | undefined;
let counter = 0;

export async function freshDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    pgliteTemplate ??= (async () => {
      const db = await openDatabase({ dataDir: 'memory' });
      const blob = await dumpPglite(db);
      await db.close();
      return blob;
    })();
    return openPglite(undefined, await pgliteTemplate);
  }
  const name = `t_${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE threadline_template`);
  } finally {
    await admin.end();
  }
  return openDatabase({ url: inject('postgresUrlPrefix') + name });
}

/** Runs the suite on each engine; `use()` gives a fresh database, closed after the test. */
export function forEachEngine(name: string, suite: (use: () => Promise<Database>, engine: Engine) => void) {
  for (const engine of engines) {
    describe(`${name} [${engine}]`, () => {
      const open: Database[] = [];
      afterEach(async () => {
        while (open.length) await open.pop()!.close();
      });
      suite(async () => {
        const db = await freshDatabase(engine);
        open.push(db);
        return db;
      }, engine);
    });
  }
}

/**
 * Schema migrations: numbered SQL files in src/db/migrations, applied in order, each once, each in its own
 * transaction, recorded in schema_migration. The same files run on PGlite and on a PostgreSQL server.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import type { Database } from './database.js';

export const migrationsDir = join(projectRoot, 'src', 'db', 'migrations');

export async function migrate(db: Database): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
  const applied = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migration')).map((r) => r.name));
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = await readFile(join(migrationsDir, file), 'utf8');
    await db.transaction(async (tx) => {
      // Two processes starting on one server at once: the second waits, then finds the migration applied.
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(7462001)');
      const again = await tx.query('SELECT 1 FROM schema_migration WHERE name = $1', [file]);
      if (again.length) return;
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migration (name) VALUES ($1)', [file]);
      done.push(file);
    });
  }
  return done;
}

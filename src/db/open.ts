/**
 * Opens the configured database and brings its schema up to date.
 *   DATABASE_URL=postgres://...      a PostgreSQL server
 *   otherwise                        embedded PGlite in THREADLINE_DATA_DIR (default: ./data/pglite)
 */
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface DatabaseConfig {
  /** A postgres:// connection string; when absent, embedded PGlite is used. */
  url?: string;
  /** PGlite's data directory; 'memory' for a throw-away in-memory database. */
  dataDir?: string;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dataDir: env.THREADLINE_DATA_DIR || join(projectRoot, 'data', 'pglite') };
}

export async function openDatabase(config: DatabaseConfig = databaseConfigFromEnv()): Promise<Database> {
  const db = config.url
    ? await openPostgres(config.url)
    : await openPglite(config.dataDir === 'memory' ? undefined : config.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** What the commands share: opening the configured database for one command. */
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';

export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * A small demonstration authority for web and browser tests: the synthetic generator (scale 0.03, 2 years
 * ending today, so deadlines are live) loaded through the importer, with the demonstration users. Made once
 * per test process; each call gets its own copy in memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/database.js';
import { dumpPglite, openPglite } from '../db/pglite.js';
import { openDatabase } from '../db/open.js';
import { londonDate } from '../domain/time/london.js';
import { ExtractWriter } from '../io/extract-writer.js';
import { importExtract } from '../io/importer.js';
import { ensureDemoUsers } from '../repositories/demo-users.js';
import { generateAuthority } from '../synth/generate.js';

let template: Promise<Blob> | undefined;

async function build(): Promise<Blob> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-demo-'));
  try {
    const writer = await ExtractWriter.create(dir);
    await generateAuthority({ seed: 3, years: 2, scale: 0.03, endDate: londonDate(new Date()) }, writer);
    await writer.close();
    const db = await openDatabase({ dataDir: 'memory' });
    try {
      await importExtract(db, dir);
      await ensureDemoUsers(db);
      return await dumpPglite(db);
    } finally {
      await db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fresh in-memory copy of the small demonstration authority (PGlite). */
export async function demoDatabase(): Promise<Database> {
  template ??= build();
  return openPglite(undefined, await template);
}

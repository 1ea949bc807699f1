import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { ExtractWriter } from '../io/extract-writer.js';
import { importExtract } from '../io/importer.js';
import { generateAuthority } from './generate.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('synthetic authority: the importer loads it', () => {
  it('imports a small authority without a single rejected row (PGlite)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-import-'));
    dirs.push(dir);
    const writer = await ExtractWriter.create(dir);
    const summary = await generateAuthority({ seed: 7, endDate: '2024-10-27', years: 1, scale: 0.02 }, writer);
    await writer.close();
    const db = await openDatabase({ dataDir: 'memory' });
    try {
      const result = await importExtract(db, dir);
      for (const [entity, n] of Object.entries(summary.counts)) {
        expect(result.changes[entity]?.inserted, entity).toBe(n);
      }
      const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM current_person`);
      expect(row!.n).toBe(summary.persons);
    } finally {
      await db.close();
    }
  });
});

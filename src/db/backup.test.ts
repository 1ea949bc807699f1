import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, expect, it } from 'vitest';
import { entities } from '../domain/model/entities.js';
import { importExtract } from '../io/importer.js';
import { createUser } from '../repositories/users.js';
import { engines, forEachEngine, freshDatabase } from '../testing/databases.js';
import { writeFixtureExtract } from '../testing/fixture-extract.js';
import { backup, contentChecksums, restore } from './backup.js';
import { updateRecord } from './record-store.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir() {
  const d = await mkdtemp(join(tmpdir(), 'threadline-backup-'));
  dirs.push(d);
  return d;
}

forEachEngine('backup and restore', (use, engine) => {
  it('restores every table exactly, on both engines, and sequences carry on', async () => {
    const dir = await tempDir();
    await writeFixtureExtract(join(dir, 'extract'));
    const db = await use();
    await importExtract(db, join(dir, 'extract'));
    const person = entities.find((e) => e.name === 'person')!;
    const [first] = await db.query<{ id: string }>('SELECT id FROM current_person ORDER BY id LIMIT 1');
    await db.transaction((tx) => updateRecord(tx, person, first!.id, { surname: 'Changed' }, { actor: 'tester', reason: 'a correction' }));
    await createUser(db, { username: 'bea', displayName: 'Bea', role: 'social-worker', password: 'pw-bea-123' }, 'test');
    const before = await contentChecksums(db);
    expect(Number(before.person!.split(':')[0])).toBeGreaterThan(3); // history versions are in the table too

    const file = join(dir, 'backup.jsonl.gz');
    const made = await backup(db, file);
    expect(made.tables).toBe(Object.keys(before).length + 1); // and schema_migration

    for (const target of engines) {
      const copy = await freshDatabase(target);
      try {
        await restore(copy, file);
        expect(await contentChecksums(copy), `${engine} backup restored on ${target}`).toEqual(before);
        // The access log's id sequence carries on after the restored rows.
        await copy.query(`INSERT INTO access_log (actor, action, outcome) VALUES ('x', 'test', 'allowed')`);
        const [ids] = await copy.query<{ max: number; n: number }>('SELECT max(id)::int AS max, count(*)::int AS n FROM access_log');
        expect(ids!.max).toBe(Math.max(...(await db.query<{ id: number }>('SELECT id::int FROM access_log')).map((r) => r.id)) + 1);
      } finally {
        await copy.close();
      }
    }
  });

  it('refuses a damaged or incomplete backup, and a database that is not empty, leaving the data as it was', async () => {
    const dir = await tempDir();
    const db = await use();
    await createUser(db, { username: 'cal', displayName: 'Cal', role: 'auditor', password: 'pw-cal-123' }, 'test');
    const file = join(dir, 'b.gz');
    await backup(db, file);

    const target = await use();
    await expect(restore(db, file)).rejects.toThrow(/not empty/);

    const text = gunzipSync(await readFile(file)).toString('utf8');
    const truncated = join(dir, 'truncated.gz');
    await writeFile(truncated, gzipSync(text.split('\n').slice(0, -2).join('\n') + '\n'));
    await expect(restore(target, truncated)).rejects.toThrow(/incomplete/);
    const miscounted = join(dir, 'miscounted.gz');
    await writeFile(miscounted, gzipSync(text.replace('{"table":"app_user","rows":1}', '{"table":"app_user","rows":2}')));
    await expect(restore(target, miscounted)).rejects.toThrow(/app_user should have 2 rows but has 1/);
    const garbage = join(dir, 'garbage.gz');
    await writeFile(garbage, 'not gzip at all');
    await expect(restore(target, garbage)).rejects.toThrow(/damaged or not a backup/);
    const [{ n } = { n: -1 }] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    expect(n).toBe(0);

    await restore(target, file);
    expect(await contentChecksums(target)).toEqual(await contentChecksums(db));
  });
});

/**
 * Fuzzing the importer: thousands of malformed cells, rows and files pushed through it. Every import either
 * loads (when a mutation happens to be valid) or is rejected with its problems listed (ImportRejected); it
 * never fails any other way, and a rejected import leaves the database exactly as it was.
 * FUZZ_IMPORTS sets the number of imports (default 100, each with 100 mutations: 10,000 malformed inputs).
 */
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { contentChecksums } from '../db/backup.js';
import { freshDatabase } from '../testing/databases.js';
import { writeFixtureExtract } from '../testing/fixture-extract.js';
import { importExtract, ImportRejected } from './importer.js';

const IMPORTS = Number(process.env.FUZZ_IMPORTS ?? 100);
const MUTATIONS = 100;
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A small deterministic random generator, so a failure can be replayed from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '', ' ', '2019-02-30', '2019-13-01', '31/12/2019', '2019-06-01T25:00:00', '9999999999999999999999', '-1', '1e309', 'NaN',
  'ZZZ', 'null', 'NULL', '"', '""', '"unterminated', 'a,b', '\u0000', '\uFFFD', '\u202Eevil', '=HYPERLINK("x")', 'x'.repeat(100_000),
  '{"json":', '[1,2', 'true', 'Y ', '<script>alert(1)</script>', "'; DROP TABLE person; --", '0x1F', '١٢٣', '2019-06-01 12:00:00+99',
];

function mutate(text: string, next: () => number, mutations: number): { text: string; count: number } {
  const lines = text.split('\n');
  let count = 0;
  const pick = (n: number) => Math.floor(next() * n);
  for (let i = 0; i < mutations; i++) {
    const kind = pick(10);
    const row = 1 + pick(Math.max(1, lines.length - 2));
    if (kind === 0) lines[0] = lines[0] + ',unexpected_column'; // an unknown column
    else if (kind === 1) lines[0] = (lines[0] ?? '').split(',').slice(1).join(','); // a missing column
    else if (kind === 2) lines.splice(row, 0, lines[row] ?? ''); // a duplicated row (duplicate key)
    else if (kind === 3) lines[row] = (lines[row] ?? '') + ',extra'; // a row with too many cells
    else if (kind === 4) lines[row] = (lines[row] ?? '').split(',').slice(0, 1).join(','); // too few cells
    else {
      const cells = (lines[row] ?? '').split(',');
      cells[pick(cells.length)] = NASTY[pick(NASTY.length)]!;
      lines[row] = cells.join(',');
    }
    count++;
  }
  return { text: lines.join('\n'), count };
}

it(`rejects ${IMPORTS * MUTATIONS} malformed inputs cleanly, leaving the database unchanged`, async () => {
  const base = await mkdtemp(join(tmpdir(), 'threadline-fuzz-'));
  dirs.push(base);
  const good = join(base, 'good');
  await writeFixtureExtract(good);
  const files = (await readdir(good)).filter((f) => f.endsWith('.csv'));
  const db = await freshDatabase('pglite');
  try {
    await importExtract(db, good);
    // The database's contents, except the log of import attempts (a rejected import is recorded there).
    const contents = async () => {
      const { import_run: _attempts, ...rest } = await contentChecksums(db);
      return rest;
    };
    let before = await contents();
    let malformed = 0;
    let rejected = 0;
    let loaded = 0;
    for (let n = 0; n < IMPORTS; n++) {
      const next = rng(n + 1);
      const dir = join(base, `m${n}`);
      await cp(good, dir, { recursive: true });
      // Spread the mutations over a few files.
      for (let f = 0; f < 4; f++) {
        const file = join(dir, files[Math.floor(next() * files.length)]!);
        const { text, count } = mutate(await readFile(file, 'utf8'), next, MUTATIONS / 4);
        await writeFile(file, text);
        malformed += count;
      }
      try {
        await importExtract(db, dir);
        loaded++;
        before = await contents();
      } catch (err) {
        if (!(err instanceof ImportRejected)) throw new Error(`import ${n} failed with ${(err as Error).stack} ${String((err as { query?: string }).query).slice(0, 300)}`);
        expect(err.problems.length, `import ${n}`).toBeGreaterThan(0);
        expect(err.problems.every((p) => p.file && p.message), `import ${n}`).toBe(true);
        rejected++;
        expect(await contents(), `import ${n} left the database changed`).toEqual(before);
      }
      await rm(dir, { recursive: true, force: true });
    }
    console.log(`importer fuzz: ${IMPORTS} imports, ${malformed} malformed inputs; ${rejected} rejected, ${loaded} loaded`);
    expect(rejected).toBeGreaterThan(IMPORTS * 0.9);
  } finally {
    await db.close();
  }
});

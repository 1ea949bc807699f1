/**
 * Kills a writing process with SIGKILL, again and again, during bursts of writes and during imports, then
 * checks that every write it had acknowledged is there and that no import is half-applied. On an embedded
 * PGlite data directory and on a PostgreSQL server. CRASH_ROUNDS sets the rounds per engine (default 8:
 * half writes, half imports).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../project-root.js';
import { ExtractWriter } from '../io/extract-writer.js';
import { generateAuthority } from '../synth/generate.js';
import type { Database } from './database.js';
import { openDatabase } from './open.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 8);
const worker = join(projectRoot, 'dist', 'src', 'scripts', 'crash-worker.js');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Outcome {
  acked: string[];
  done: boolean;
}

/** Runs the worker and kills it (SIGKILL) `afterMs` after it is ready; collects what it acknowledged. */
function runAndKill(args: string[], env: NodeJS.ProcessEnv, afterMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], { env: { ...process.env, ...env, TZ: 'Europe/London' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Outcome = { acked: [], done: false };
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'READY') setTimeout(() => child.kill('SIGKILL'), afterMs);
        else if (line.startsWith('ACK ')) out.acked.push(line.slice(4));
        else if (line === 'DONE') out.done = true;
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve(out);
      else reject(new Error(`worker failed (${code}): ${stderr}`));
    });
  });
}

async function check(db: Database, acked: readonly string[]) {
  const present = await db.query<{ id: string }>(`SELECT id FROM current_person WHERE id = ANY($1::text[])`, [acked]);
  // Every import either finished with all its records, or left nothing behind.
  const imports = await db.query<{ id: number; rows: number; finished: boolean }>(
    `SELECT r.id, (SELECT count(*)::int FROM person p WHERE p.import_id = r.id) AS rows, r.finished_at IS NOT NULL AS finished FROM import_run r`,
  );
  return { present: present.length, halfApplied: imports.filter((r) => !r.finished && r.rows > 0).length, imports };
}

describe('crash safety: SIGKILL during writes and imports', () => {
  let extract: string;
  it.each(['pglite', 'postgres'] as const)('loses no acknowledged write and applies no import by halves [%s]', async (engine) => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-crash-'));
    dirs.push(dir);
    if (!extract) {
      extract = join(dir, 'extract');
      const writer = await ExtractWriter.create(extract);
      await generateAuthority({ seed: 5, years: 1, scale: 0.02, endDate: '2025-06-30' }, writer);
      await writer.close();
    }
    let env: NodeJS.ProcessEnv;
    let open: () => Promise<Database>;
    if (engine === 'pglite') {
      env = { THREADLINE_DATA_DIR: join(dir, 'pglite'), DATABASE_URL: '' };
      open = () => openDatabase({ dataDir: join(dir, 'pglite') });
    } else {
      const name = `crash_${process.pid}`;
      const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE threadline_template`);
      await admin.end();
      env = { DATABASE_URL: inject('postgresUrlPrefix') + name };
      open = () => openDatabase({ url: inject('postgresUrlPrefix') + name });
    }
    const acked: string[] = [];
    let importsKilled = 0;
    let importsDone = 0;
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) {
        const afterMs = 150 + Math.floor(Math.random() * 900);
        const out = await runAndKill(['writes', `${engine}-r${round}`], env, afterMs);
        acked.push(...out.acked);
      } else {
        // Anywhere from checking the files to committing (or after it finished).
        const out = await runAndKill(['import', extract], env, Math.floor(Math.random() * 4000));
        if (out.done) importsDone++;
        else importsKilled++;
      }
    }
    const db = await open();
    try {
      const result = await check(db, acked);
      console.log(`crash test [${engine}]: ${ROUNDS} rounds; ${acked.length} acknowledged writes, ${result.present} present; ` +
        `imports killed ${importsKilled}, finished ${importsDone}, half-applied ${result.halfApplied}`);
      expect(acked.length).toBeGreaterThan(0);
      expect(result.present).toBe(acked.length);
      expect(result.halfApplied).toBe(0);
      // The database still works: a further write and read.
      await db.query(`INSERT INTO access_log (actor, action, outcome) VALUES ('crash-test', 'check', 'allowed')`);
    } finally {
      await db.close();
    }
  });
});

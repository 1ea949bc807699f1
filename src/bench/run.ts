/**
 * `npm run bench`: generates the default synthetic authority (scale 1, 10 years, seed 1) and loads it into
 * a fresh PGlite database and a fresh throw-away PostgreSQL cluster, printing for each step the wall time
 * and the peak memory (resident set) of the process doing it, the row counts per table and the database
 * size, then the measures benchmark (measures.ts), the page timings (pages.ts) and the latency with 20 users
 * at once (latency.ts) on each engine. Each step
 * runs in its own child process so that its peak memory is its own.
 *
 *   BENCH_YEARS, BENCH_SCALE, BENCH_SEED   change the authority (defaults 10, 1, 1)
 *   BENCH_ENGINES=pglite,postgres          which engines to load into
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from '../db/throwaway-cluster.js';
import { entities } from '../domain/model/entities.js';
import { addMonthsToMonth } from '../domain/measures/index.js';
import { latencyStep } from './latency.js';
import { reportTimingsLine, type ReportTimings } from './report.js';

const years = Number(process.env.BENCH_YEARS ?? 10);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const seed = Number(process.env.BENCH_SEED ?? 1);
const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const endDate = process.env.BENCH_END_DATE ?? '2026-03-31';
const bin = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'bin', 'threadline.js');

interface Step {
  seconds: number;
  peakMiB: number;
  output: string;
}

/** Runs the threadline command in a child process, which reports its own peak memory. */
function step(args: string[], env: NodeJS.ProcessEnv): Step {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env, TZ: 'Europe/London', THREADLINE_REPORT_PEAK: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (Date.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`threadline ${args.join(' ')} failed:\n${r.stderr}`);
  const peak = Number(/PEAK_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { seconds, peakMiB: Math.round(peak / 1024), output: r.stderr };
}

/** The latency benchmark's mean pause between pages, as people reading a record or a dashboard pause (see latency.ts). */
const THINK_MS = 3000;
/**
 * Users pausing between pages load a dashboard about 1.6 times a second: 60 s gives some 95 dashboards, so that
 * the 95th percentile is about the fifth slowest rather than, over 20 s, the second slowest of 31.
 */
const PAUSING = { BENCH_LATENCY_THINK_MS: String(THINK_MS), BENCH_LATENCY_SECONDS: '60' };

const measuresScript = join(fileURLToPath(new URL('.', import.meta.url)), 'measures.js');
// The last whole month of the generated history.
const benchMonth = addMonthsToMonth(endDate.slice(0, 7), -1);

/** Times the dataset, a full drill-down and a table scan in a fresh process on the given database. */
function measureStep(label: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [measuresScript, benchMonth], { env: { ...process.env, ...env, TZ: 'Europe/London' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`measures benchmark failed:\n${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  console.log(`${label}: dataset (${m.measures} measures x ${m.months} months to ${m.month}) first in a fresh process ${m.datasetColdMs} ms ` +
    `(CPU of this process ${m.datasetColdCpuMs} ms); then ${m.warmRuns.length} more: median ${m.datasetMs} ms (CPU ${m.datasetCpuMs} ms), ` +
    `slowest ${m.datasetMaxMs} ms (${m.warmRuns.join(', ')}); ` +
    `drill-down ${m.drillMeasure} (${m.drillRows} records) ${m.drillMs} ms (CPU ${m.drillCpuMs} ms); ` +
    `yardstick: one scan of ${m.scanTable} (${m.scanRows} rows) ${m.scanMs} ms; peak ${m.peakMiB} MiB`);
}

const pagesScript = join(fileURLToPath(new URL('.', import.meta.url)), 'pages.js');

/** Times the main web pages for signed-in demonstration users, in a fresh process on the given database. */
function pagesStep(label: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [pagesScript], { env: { ...process.env, ...env, TZ: 'Europe/London' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pages benchmark failed:\n${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { pages: { label: string; status: number; medianMs: number; maxMs: number; kb: number }[]; peakMiB: number };
  console.log(`${label} (median of 5 after a warm-up, slowest; peak ${m.peakMiB} MiB):`);
  for (const p of m.pages) {
    console.log(`    ${p.label.padEnd(52)} ${String(p.medianMs).padStart(6)} ms  ${String(p.maxMs).padStart(6)} ms  ${String(p.kb).padStart(5)} KiB${p.status === 200 ? '' : `  HTTP ${p.status}`}`);
  }
}

const reportScript = join(fileURLToPath(new URL('.', import.meta.url)), 'report.js');

/** Times a month's monitoring report (HTML, PDF and a publication's snapshot) in a fresh process. */
function reportStep(label: string, env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [reportScript, benchMonth], { env: { ...process.env, ...env, TZ: 'Europe/London' }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`report benchmark failed:\n${r.stderr}`);
  console.log(reportTimingsLine(label, JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ReportTimings));
}

function line(label: string, s: Step) {
  console.log(`${label.padEnd(44)} ${s.seconds.toFixed(1).padStart(8)} s   peak ${String(s.peakMiB).padStart(6)} MiB`);
}

function duMiB(dir: string): number {
  return Math.round(Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) / 1024);
}

const work = mkdtempSync(join(tmpdir(), 'threadline-bench-'));
try {
  console.log(`Threadline load benchmark: synthetic authority, scale ${scale}, ${years} years to ${endDate}, seed ${seed}`);
  const extract = join(work, 'extract');
  const gen = step(['synth', '--seed', String(seed), '--years', String(years), '--scale', String(scale), '--end-date', endDate, '--out', extract, '--no-load'], {});
  line('generate extract (CSV)', gen);
  console.log(`  extract size ${duMiB(extract)} MiB`);

  if (engines.includes('pglite')) {
    const dataDir = join(work, 'pglite');
    const env = { THREADLINE_DATA_DIR: dataDir, DATABASE_URL: '' };
    const s = step(['import', extract], env);
    line('import into PGlite (embedded)', s);
    console.log(`  PGlite data directory ${duMiB(dataDir)} MiB`);
    measureStep('  measures on PGlite', env);
    pagesStep('  pages on PGlite', env);
    latencyStep('  20 users on PGlite, pausing about 3 s between pages', { ...env, ...PAUSING });
    latencyStep('  20 users on PGlite, no pause (the server at saturation)', { ...env, BENCH_LATENCY_THINK_MS: '0' });
    reportStep('  PGlite', env);
    console.log(s.output.split('\n').filter((l) => l.startsWith('Import:')).slice(-1)[0] ?? '');
  }
  if (engines.includes('postgres')) {
    const cluster = startCluster(55432);
    try {
      const url = cluster.url('postgres');
      const s = step(['import', extract], { DATABASE_URL: url });
      line('import into PostgreSQL server', s);
      const size = execFileSync('psql', [url, '-Atc', 'SELECT pg_size_pretty(pg_database_size(current_database()))'], { encoding: 'utf8' }).trim();
      console.log(`  PostgreSQL database size ${size}`);
      const countSql = entities.map((e) => `SELECT '${e.name}' AS t, count(*) AS n FROM current_${e.name}`).join(' UNION ALL ');
      const counts = execFileSync('psql', [url, '-Atc', `SELECT string_agg(t || '=' || n, ', ') FROM (${countSql}) c`], { encoding: 'utf8' }).trim();
      console.log(`  current records per table: ${counts}`);
      measureStep('  measures on PostgreSQL', { DATABASE_URL: url });
      pagesStep('  pages on PostgreSQL', { DATABASE_URL: url });
      latencyStep('  20 users on PostgreSQL, pausing about 3 s between pages', { DATABASE_URL: url, ...PAUSING });
      latencyStep('  20 users on PostgreSQL, no pause (the server at saturation)', { DATABASE_URL: url, BENCH_LATENCY_THINK_MS: '0' });
      reportStep('  PostgreSQL', { DATABASE_URL: url });
    } finally {
      cluster.stop();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * One benchmark step, run by `npm run bench` in its own process against the configured database: the whole
 * performance dataset (every measure × 13 months, records loaded as known now), one full drill-down (every
 * record behind the largest figure, with its explanation), and a plain sequential scan of the largest table
 * as a yardstick for the machine and engine. Prints one JSON line.
 *
 * The dataset is computed once in a fresh process and then 7 more times, as a running server would; the median and
 * the slowest of those 7 are reported beside the first.
 *
 * Each time is given with the CPU time this process spent in it: on a machine shared with other work the wall
 * time grows with the load, the CPU time much less (on PGlite it includes the database engine; on PostgreSQL
 * the server's share is not in it). Nothing is cached between the runs: each loads the records afresh.
 *
 * To time the measures alone on a database already loaded (for example by an earlier `threadline import`):
 *   npm run build && node dist/src/bench/measures.js 2026-02     (with DATABASE_URL or THREADLINE_DATA_DIR set)
 */
import { openDatabase } from '../db/open.js';
import { entities } from '../domain/model/entities.js';
import { measures } from '../domain/measures/index.js';
import { allRows, buildDataset } from '../services/dataset.js';

const month = process.argv[2] ?? '2026-02';
/** Runs after the first, whose median is reported. */
const WARM_RUNS = 7;
const db = await openDatabase();
try {
  // The largest table, and one scan of it.
  const sizes = await db.query<{ t: string; n: number }>(
    entities.map((e) => `SELECT '${e.name}' AS t, count(*)::int AS n FROM ${e.name}`).join(' UNION ALL ') + ' ORDER BY n DESC LIMIT 1',
  );
  const largest = sizes[0]!;
  let t = performance.now();
  await db.query(`SELECT count(*), max(recorded_from) FROM ${largest.t}`);
  const scanMs = performance.now() - t;

  // The first run in a fresh process includes the JavaScript engine compiling the measures; then WARM_RUNS more,
  // as a running server computes it (each loads every record afresh: nothing is kept between runs).
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(since);
    return Math.round((used.user + used.system) / 1000);
  };
  t = performance.now();
  let cpu = process.cpuUsage();
  let ds = await buildDataset(db, { month });
  const datasetColdMs = performance.now() - t;
  const datasetColdCpuMs = cpuMs(cpu);
  const warm: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    t = performance.now();
    cpu = process.cpuUsage();
    ds = await buildDataset(db, { month });
    warm.push({ ms: Math.round(performance.now() - t), cpuMs: cpuMs(cpu) });
  }
  const byTime = [...warm].sort((a, b) => a.ms - b.ms);
  const median = byTime[Math.floor(byTime.length / 2)]!;

  // The drill-down with the most records in that month.
  const biggest = [...ds.rows].sort((a, b) => (b.latest.denominator ?? 0) - (a.latest.denominator ?? 0))
    .find((r) => r.unit !== 'rate per 10,000')!;
  t = performance.now();
  cpu = process.cpuUsage();
  let rows = 0;
  let chars = 0;
  for await (const r of allRows(db, measures.find((m) => m.id === biggest.id)!, month)) {
    rows++;
    chars += r.explanation.length;
  }
  const drillMs = performance.now() - t;
  const drillCpuMs = cpuMs(cpu);

  console.log(JSON.stringify({
    engine: db.kind, month, measures: ds.rows.length, months: ds.rows[0]?.months.length,
    datasetColdMs: Math.round(datasetColdMs), datasetColdCpuMs, warmRuns: warm.map((w) => w.ms), datasetMs: median.ms, datasetCpuMs: median.cpuMs,
    datasetMaxMs: byTime.at(-1)!.ms,
    drillMeasure: biggest.id, drillRows: rows, drillChars: chars, drillMs: Math.round(drillMs), drillCpuMs,
    scanTable: largest.t, scanRows: largest.n, scanMs: Math.round(scanMs),
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} finally {
  await db.close();
}

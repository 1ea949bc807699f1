/**
 * One benchmark step, run by `npm run bench` in its own process against the configured database: the whole
 * performance dataset (every measure × 13 months, records loaded as known now), one full drill-down (every
 * record behind the largest figure, with its explanation), and a plain sequential scan of the largest table
 * as a yardstick for the machine and engine. Prints one JSON line.
 */
import { openDatabase } from '../db/open.js';
import { entities } from '../domain/model/entities.js';
import { measures } from '../domain/measures/index.js';
import { allRows, buildDataset } from '../services/dataset.js';

const month = process.argv[2] ?? '2026-02';
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

  // Twice: the first run includes the JavaScript engine compiling the measures (a fresh process); the
  // second is what a running server sees.
  t = performance.now();
  await buildDataset(db, { month });
  const datasetColdMs = performance.now() - t;
  t = performance.now();
  const ds = await buildDataset(db, { month });
  const datasetMs = performance.now() - t;

  // The drill-down with the most records in that month.
  const biggest = [...ds.rows].sort((a, b) => (b.latest.denominator ?? 0) - (a.latest.denominator ?? 0))
    .find((r) => r.unit !== 'rate per 10,000')!;
  t = performance.now();
  let rows = 0;
  let chars = 0;
  for await (const r of allRows(db, measures.find((m) => m.id === biggest.id)!, month)) {
    rows++;
    chars += r.explanation.length;
  }
  const drillMs = performance.now() - t;

  console.log(JSON.stringify({
    engine: db.kind, month, measures: ds.rows.length, months: ds.rows[0]?.months.length,
    datasetColdMs: Math.round(datasetColdMs), datasetMs: Math.round(datasetMs),
    drillMeasure: biggest.id, drillRows: rows, drillChars: chars, drillMs: Math.round(drillMs),
    scanTable: largest.t, scanRows: largest.n, scanMs: Math.round(scanMs),
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }));
} finally {
  await db.close();
}

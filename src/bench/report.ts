/**
 * The monthly monitoring report's timings on a given database: the report page's HTML and its PDF, each
 * served over HTTP to a signed-in performance analyst (the server in this process), once cold and then a few
 * times warm; and the snapshot a publication would store (the report's content and every figure's
 * drill-down rows), built and measured without writing it. Reads only, apart from the access log (and the
 * demonstration users, made if the database has no users yet).
 *
 * `benchReport(db, month)` is for src/bench/run.ts; run alone (`node dist/src/bench/report.js YYYY-MM`) it
 * uses the configured database and prints one JSON line.
 */
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { addMonthsToMonth, isMonth } from '../domain/measures/index.js';
import { londonDate } from '../domain/time/london.js';
import { ensureDemoUsers } from '../repositories/demo-users.js';
import { createUser, findUserByUsername } from '../repositories/users.js';
import { figureRows, liveReport } from '../services/report.js';
import type { Viewer } from '../repositories/viewer.js';
import { createApp } from '../web/app.js';

export interface ReportTimings {
  month: string;
  /** The report page: first request, then the median and slowest of `runs` more. */
  html: { firstMs: number; medianMs: number; maxMs: number; kib: number };
  /** The PDF of the same report. */
  pdf: { firstMs: number; medianMs: number; maxMs: number; kib: number; pages: number };
  /** Building what a publication stores (not written): the content and the drill-down rows of every figure. */
  snapshot: { ms: number; contentKiB: number; drillRows: number; drillKiB: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const BENCH_USER = 'bench.analyst';
const BENCH_PASSWORD = 'bench-report-password-1';

/** Times the month's report (HTML and PDF) and its snapshot on `db`. */
export async function benchReport(db: Database, month: string, runs = 3): Promise<ReportTimings> {
  await ensureDemoUsers(db);
  const viewer: Viewer = (await findUserByUsername(db, BENCH_USER))?.viewer ?? await createUser(db, {
    username: BENCH_USER, displayName: 'Benchmark analyst', role: 'performance-analyst', password: BENCH_PASSWORD, workerId: null, teamId: null,
  }, 'benchmark');
  const server = createApp(db).listen(0, '127.0.0.1');
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const signIn = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: BENCH_USER, password: BENCH_PASSWORD }) });
    if (signIn.status !== 303) throw new Error(`cannot sign in as ${BENCH_USER} (${signIn.status})`);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    async function time(path: string) {
      const started = performance.now();
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      return { ms: Math.round(performance.now() - started), body };
    }
    async function series(path: string) {
      const first = await time(path);
      const again: number[] = [];
      let body = first.body;
      for (let i = 0; i < runs; i++) {
        const r = await time(path);
        again.push(r.ms);
        body = r.body;
      }
      return { firstMs: first.ms, medianMs: median(again), maxMs: Math.max(...again), body };
    }

    const html = await series(`/reports/${month}`);
    const pdf = await series(`/reports/${month}.pdf`);
    const pages = (pdf.body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

    const at = new Date();
    const started = performance.now();
    const [live, figures] = await Promise.all([liveReport(db, viewer, month, at), figureRows(db, month, at)]);
    const contentJson = JSON.stringify(live.content);
    const drillJson = JSON.stringify(figures);
    const snapshotMs = Math.round(performance.now() - started);
    return {
      month,
      html: { firstMs: html.firstMs, medianMs: html.medianMs, maxMs: html.maxMs, kib: Math.round(html.body.length / 1024) },
      pdf: { firstMs: pdf.firstMs, medianMs: pdf.medianMs, maxMs: pdf.maxMs, kib: Math.round(pdf.body.length / 1024), pages },
      snapshot: {
        ms: snapshotMs, contentKiB: Math.round(contentJson.length / 1024),
        drillRows: figures.reduce((n, f) => n + f.rows.length, 0), drillKiB: Math.round(drillJson.length / 1024),
      },
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** One line for the benchmark's output. */
export function reportTimingsLine(label: string, t: ReportTimings): string {
  return `${label}: monthly report ${t.month}: HTML first ${t.html.firstMs} ms, then median ${t.html.medianMs} ms (slowest ${t.html.maxMs}), ${t.html.kib} KiB; ` +
    `PDF first ${t.pdf.firstMs} ms, then median ${t.pdf.medianMs} ms (slowest ${t.pdf.maxMs}), ${t.pdf.kib} KiB, ${t.pdf.pages} pages; ` +
    `snapshot built in ${t.snapshot.ms} ms (content ${t.snapshot.contentKiB} KiB, ${t.snapshot.drillRows} drill-down rows, ${t.snapshot.drillKiB} KiB)`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const month = isMonth(process.argv[2]) ? process.argv[2] : addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);
  const db = await openDatabase();
  try {
    const t = await benchReport(db, month);
    console.error(reportTimingsLine('report', t));
    console.log(JSON.stringify(t));
  } finally {
    await db.close();
  }
}

/**
 * Latency under load: 20 simulated users (by default), each signed in with their own session cookie, load
 * pages over loopback at the same time, and the time each page takes is measured from the client's side
 * (request sent to the last byte of the page). Half are social workers opening children's records; half are
 * team managers alternating between their team dashboard (/team) and a child's record. Children are drawn at
 * random from the team's allocated children, with the authority's busiest child (the longest record) among
 * them. Prints p50, p95, p99 and the slowest per page, and requests per second.
 *
 * The server runs in this process (as `threadline start` would); the users run in a worker thread, so that
 * the client's own work does not sit on the server's event loop. Users click again as soon as a page has
 * arrived (no think time) unless BENCH_LATENCY_THINK_MS is set, when each pause is drawn evenly from half to one
 * and a half times it. With no think time this measures the server at saturation, the hardest reading of "20 users
 * at once"; `npm run bench` prints both that and 20 users pausing about 3 s between pages (1.5 to 4.5 s), as people
 * reading a record or a dashboard do.
 *
 * The child's record page is /children/:id. If this build has no such page yet (it answers 404), the
 * referral page of the child's latest referral (/front-door/referrals/:id) is loaded instead, and the output
 * says so.
 *
 *   node dist/src/bench/latency.js                 against the configured database (DATABASE_URL or THREADLINE_DATA_DIR)
 *   node dist/src/bench/latency.js --scale 0.05    a small synthetic authority generated in memory, for a quick check
 *   --json                                         one JSON line only (for npm run bench)
 *   BENCH_LATENCY_USERS (20), BENCH_LATENCY_SECONDS (20), BENCH_LATENCY_WARMUP_SECONDS (3), BENCH_LATENCY_THINK_MS (0),
 *   BENCH_LATENCY_MIN_SAMPLES (20: the users go on after the measuring time until each page has been timed this
 *   often, for at most BENCH_LATENCY_MAX_SECONDS, 240; a slow page under load would otherwise have too few
 *   timings for its percentiles to mean anything)
 *
 * `npm run bench` calls latencyStep() for each engine, which runs this file in a fresh process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Database } from '../db/database.js';

const THIS_FILE = fileURLToPath(import.meta.url);

// --- What the report holds ------------------------------------------------------------------------

export interface PageLatency {
  label: string;
  /** One user alone, one page after another: the median and the slowest of 10 after 2 to warm up. */
  aloneMedianMs: number;
  aloneMaxMs: number;
  requests: number;
  errors: number;
  /** The answers that were not HTTP 200, by status (0: no answer). */
  errorStatuses: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
}

export interface LatencyReport {
  engine: string;
  users: number;
  /** How long the measuring lasted (at least the seconds asked for). */
  seconds: number;
  thinkMs: number;
  childPage: 'child record' | 'referral page';
  children: number;
  pages: PageLatency[];
  totalPerSecond: number;
  peakMiB: number;
  /** The machine's load average over the last minute, at the start and the end (other work on it slows pages). */
  loadAverage: [number, number];
  cores: number;
}

export interface LatencyOptions {
  users?: number;
  seconds?: number;
  minSamples?: number;
  maxSeconds?: number;
  /** Run the users on the server's own thread instead of a worker (for tests run from TypeScript sources). */
  sameThread?: boolean;
  warmupSeconds?: number;
  thinkMs?: number;
}

/** The nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

// --- The simulated users (in a worker thread) ------------------------------------------------------

interface UserPlan {
  cookie: string;
  /** Each entry: the page's label and the paths to choose from (one at random per visit), in turn. */
  steps: { label: string; paths: string[] }[];
}

interface ClientPlan {
  kind: 'threadline-latency-clients';
  base: string;
  users: UserPlan[];
  warmupMs: number;
  measureMs: number;
  /** Go on after measureMs until each page has this many timings, up to maxMs of measuring. */
  minSamples: number;
  maxMs: number;
  thinkMs: number;
}

interface Sample {
  label: string;
  ms: number;
  /** The HTTP status, or what went wrong when there was no answer. */
  status: string;
}

async function runClients(plan: ClientPlan): Promise<{ samples: Sample[]; measuredMs: number }> {
  const samples: Sample[] = [];
  const started = performance.now();
  const measureFrom = started + plan.warmupMs;
  const stopAt = measureFrom + plan.measureMs;
  const hardStop = measureFrom + Math.max(plan.maxMs, plan.measureMs);
  const labels = [...new Set(plan.users.flatMap((u) => u.steps.map((s) => s.label)))];
  const counts = new Map(labels.map((l) => [l, 0]));
  let lastEnd = measureFrom;
  const goOn = () => {
    const now = performance.now();
    if (now < stopAt) return true;
    if (now >= hardStop) return false;
    return labels.some((l) => counts.get(l)! < plan.minSamples);
  };
  let seed = 20261206;
  const random = () => {
    // A small fixed-seed generator (mulberry32), so runs choose the same children.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  await Promise.all(plan.users.map(async (user) => {
    // Every request started in the measuring window is counted, to its end.
    for (let i = 0; goOn(); i++) {
      const step = user.steps[i % user.steps.length]!;
      const path = step.paths[Math.floor(random() * step.paths.length)]!;
      const t = performance.now();
      let status: string;
      try {
        const res = await fetch(`${plan.base}${path}`, { headers: { cookie: user.cookie }, redirect: 'manual' });
        await res.arrayBuffer();
        status = String(res.status);
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        status = `no answer (${cause?.code ?? cause?.message ?? String(err)})`;
      }
      const end = performance.now();
      if (t >= measureFrom) {
        samples.push({ label: step.label, ms: end - t, status });
        counts.set(step.label, counts.get(step.label)! + 1);
        lastEnd = Math.max(lastEnd, end);
      }
      // A pause drawn evenly from half to one and a half times the think time, so that users do not click in step.
      if (plan.thinkMs > 0) await new Promise((r) => setTimeout(r, plan.thinkMs * (0.5 + random())));
    }
  }));
  return { samples, measuredMs: lastEnd - measureFrom };
}

if (!isMainThread && (workerData as ClientPlan | undefined)?.kind === 'threadline-latency-clients') {
  runClients(workerData as ClientPlan).then((samples) => parentPort!.postMessage(samples));
}

// --- The server and the measurement ----------------------------------------------------------------

/**
 * Serves the application from `db` on loopback and measures page latency with simulated users signed in as
 * the demonstration social worker and team manager (made if missing).
 */
export async function measureLatency(db: Database, opts: LatencyOptions = {}): Promise<LatencyReport> {
  const users = opts.users ?? 20;
  const seconds = opts.seconds ?? 20;
  const warmupSeconds = opts.warmupSeconds ?? 3;
  const thinkMs = opts.thinkMs ?? 0;
  const minSamples = opts.minSamples ?? 20;
  const maxSeconds = opts.maxSeconds ?? 240;
  const { createApp } = await import('../web/app.js');
  const { ensureDemoUsers, DEMO_PASSWORD } = await import('../repositories/demo-users.js');
  await ensureDemoUsers(db);
  const server = createApp(db).listen(0, '127.0.0.1');
  try {
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const signIn = async (username: string): Promise<string> => {
      const res = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username, password: DEMO_PASSWORD }) });
      if (res.status !== 303) throw new Error(`cannot sign in as ${username} (${res.status}): is this the demonstration authority?`);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };

    // The children: those allocated in the team manager's team, and the busiest child in the authority.
    const [tm] = await db.query<{ team_id: string | null }>(`SELECT team_id FROM app_user WHERE username = 'team.manager'`);
    const teamChildren = await db.query<{ person_id: string }>(
      `SELECT DISTINCT a.person_id FROM current_allocation a JOIN current_worker w ON w.id = a.worker_id
        WHERE a.end_date IS NULL AND w.team_id = $1 AND a.person_id IS NOT NULL ORDER BY a.person_id LIMIT 500`, [tm?.team_id ?? null]);
    const [busiest] = await db.query<{ person_id: string }>(
      `SELECT person_id FROM (
         SELECT person_id FROM current_contact UNION ALL SELECT person_id FROM current_cp_visit
         UNION ALL SELECT person_id FROM current_cin_visit UNION ALL SELECT person_id FROM current_cla_visit) e
        WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC LIMIT 1`);
    const childIds = [...new Set([...(busiest ? [busiest.person_id] : []), ...teamChildren.map((c) => c.person_id)])];
    if (childIds.length === 0) throw new Error('no children allocated in the team manager’s team');

    const swCookie = await signIn('social.worker');
    const probe = await fetch(`${base}/children/${encodeURIComponent(childIds[0]!)}`, { headers: { cookie: swCookie }, redirect: 'manual' });
    await probe.arrayBuffer();
    let childPage: LatencyReport['childPage'] = 'child record';
    let childPaths = childIds.map((id) => `/children/${encodeURIComponent(id)}`);
    if (probe.status === 404) {
      childPage = 'referral page';
      const refs = await db.query<{ id: string }>(
        `SELECT DISTINCT ON (person_id) id FROM current_referral WHERE person_id = ANY($1::text[]) ORDER BY person_id, referral_date DESC, id DESC`, [childIds]);
      childPaths = refs.map((r) => `/front-door/referrals/${encodeURIComponent(r.id)}`);
    } else if (probe.status !== 200) {
      throw new Error(`the child's record answered HTTP ${probe.status}`);
    }
    const childLabel = childPage === 'child record' ? 'child record (/children/:id)' : 'referral page (/front-door/referrals/:id)';
    const teamLabel = 'team dashboard (/team)';

    // First one user alone, to compare with: each page 10 times in turn after 2 to warm up.
    const alone = new Map<string, { median: number; max: number }>();
    const tmCookie = await signIn('team.manager');
    for (const [label, cookie, paths] of [[childLabel, swCookie, childPaths], [teamLabel, tmCookie, ['/team']]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 12; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${paths[i % paths.length]}`, { headers: { cookie }, redirect: 'manual' });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${paths[i % paths.length]} answered HTTP ${res.status}`);
        if (i >= 2) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      alone.set(label, { median: Math.round(percentile(times, 50) * 10) / 10, max: Math.round(times.at(-1)! * 10) / 10 });
    }

    // Each user signs in for themselves: their own session.
    const plans: UserPlan[] = [];
    for (let i = 0; i < users; i++) {
      if (i % 2 === 0) plans.push({ cookie: i === 0 ? swCookie : await signIn('social.worker'), steps: [{ label: childLabel, paths: childPaths }] });
      else plans.push({ cookie: await signIn('team.manager'), steps: [{ label: teamLabel, paths: ['/team'] }, { label: childLabel, paths: childPaths }] });
    }

    const plan: ClientPlan = { kind: 'threadline-latency-clients', base, users: plans, warmupMs: warmupSeconds * 1000, measureMs: seconds * 1000,
      minSamples, maxMs: maxSeconds * 1000, thinkMs };
    const loadBefore = loadavg()[0]!;
    let result: { samples: Sample[]; measuredMs: number };
    if (opts.sameThread) {
      result = await runClients(plan);
    } else {
      const worker = new Worker(THIS_FILE, { workerData: plan });
      result = await new Promise<{ samples: Sample[]; measuredMs: number }>((res, rej) => {
        worker.once('message', res);
        worker.once('error', rej);
        worker.once('exit', (code) => { if (code !== 0) rej(new Error(`the simulated users stopped (exit ${code})`)); });
      });
      await worker.terminate();
    }
    const { samples, measuredMs } = result;

    const measuredSeconds = Math.max(measuredMs, 1) / 1000;
    const pages: PageLatency[] = [childLabel, teamLabel].map((label) => {
      const mine = samples.filter((s) => s.label === label);
      const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
      const r = (x: number) => Math.round(x * 10) / 10;
      return {
        label, aloneMedianMs: alone.get(label)!.median, aloneMaxMs: alone.get(label)!.max, requests: mine.length,
        errors: mine.filter((s) => s.status !== '200').length,
        errorStatuses: Object.fromEntries([...new Set(mine.filter((s) => s.status !== '200').map((s) => s.status))].map((st) => [st, mine.filter((s) => s.status === st).length])),
        p50Ms: r(percentile(ms, 50)), p95Ms: r(percentile(ms, 95)), p99Ms: r(percentile(ms, 99)), maxMs: r(ms.at(-1) ?? NaN),
        perSecond: r(mine.length / measuredSeconds),
      };
    });
    return {
      engine: db.kind, users, seconds: Math.round(measuredSeconds), thinkMs, childPage, children: childPaths.length, pages,
      totalPerSecond: Math.round((samples.length / measuredSeconds) * 10) / 10, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      loadAverage: [Math.round(loadBefore * 10) / 10, Math.round(loadavg()[0]! * 10) / 10], cores: cpus().length,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/** The report as lines of text. */
export function latencyLines(r: LatencyReport): string[] {
  const lines = [
    `${r.users} users at once on loopback for ${r.seconds} s (${r.thinkMs ? `pausing ${r.thinkMs / 2}–${(r.thinkMs * 3) / 2} ms between pages` : 'no pause between pages'}), ` +
      `${r.children} children; ${r.engine}; ${r.totalPerSecond} requests a second; peak ${r.peakMiB} MiB; ` +
      `machine load ${r.loadAverage[0]} then ${r.loadAverage[1]} on ${r.cores} cores`,
    `    ${'page'.padEnd(44)}${' '}${'alone'.padStart(10)} | ${'requests'.padStart(8)} ${'per s'.padStart(7)}${' '}${'p50'.padStart(10)} ${'p95'.padStart(10)} ${'p99'.padStart(10)} ${'slowest'.padStart(10)}`,
  ];
  const ms = (x: number | null) => ` ${(x === null || Number.isNaN(x) ? '–' : `${x} ms`).padStart(10)}`;
  for (const p of r.pages) {
    const errors = p.errors ? `  not HTTP 200: ${Object.entries(p.errorStatuses).map(([s, n]) => `${n} × ${s}`).join(', ')}` : '';
    const target = typeof p.p95Ms === 'number' && p.p95Ms < 150 ? '' : '  (p95 not under the 150 ms target)';
    lines.push(`    ${p.label.padEnd(44)}${ms(p.aloneMedianMs)} | ${String(p.requests).padStart(8)} ${String(p.perSecond).padStart(7)}` +
      `${ms(p.p50Ms)}${ms(p.p95Ms)}${ms(p.p99Ms)}${ms(p.maxMs)}${errors}${target}`);
  }
  if (r.childPage === 'referral page') lines.push('    (this build has no /children/:id page yet: the referral page was loaded instead)');
  return lines;
}

/** One step of `npm run bench`: this file in a fresh process on the database the environment names. */
export function latencyStep(label: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [THIS_FILE, '--json'], { env: { ...process.env, ...env, TZ: 'Europe/London' }, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`latency benchmark failed:\n${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as LatencyReport;
  console.log(`${label}:`);
  for (const line of latencyLines(report)) console.log(`  ${line}`);
}

// --- Run alone ---------------------------------------------------------------------------------------

async function main(args: string[]): Promise<void> {
  const json = args.includes('--json');
  const scaleAt = args.indexOf('--scale');
  const opts: LatencyOptions = {
    users: Number(process.env.BENCH_LATENCY_USERS ?? 20),
    seconds: Number(process.env.BENCH_LATENCY_SECONDS ?? 20),
    warmupSeconds: Number(process.env.BENCH_LATENCY_WARMUP_SECONDS ?? 3),
    thinkMs: Number(process.env.BENCH_LATENCY_THINK_MS ?? 0),
    minSamples: Number(process.env.BENCH_LATENCY_MIN_SAMPLES ?? 20),
    maxSeconds: Number(process.env.BENCH_LATENCY_MAX_SECONDS ?? 240),
  };
  let db: Database;
  let cleanup = async () => {};
  if (scaleAt >= 0) {
    const scale = Number(args[scaleAt + 1] ?? 0.05);
    const { openDatabase } = await import('../db/open.js');
    const { londonDate } = await import('../domain/time/london.js');
    const { ExtractWriter } = await import('../io/extract-writer.js');
    const { importExtract } = await import('../io/importer.js');
    const { generateAuthority } = await import('../synth/generate.js');
    const dir = await mkdtemp(join(tmpdir(), 'threadline-latency-'));
    if (!json) console.log(`Generating a synthetic authority (scale ${scale}, 10 years to today, seed 1) in memory ...`);
    const writer = await ExtractWriter.create(dir);
    await generateAuthority({ seed: 1, years: 10, scale, endDate: londonDate(new Date()) }, writer);
    await writer.close();
    db = await openDatabase({ dataDir: 'memory' });
    await importExtract(db, dir);
    await rm(dir, { recursive: true, force: true });
    cleanup = () => db.close();
  } else {
    const { openDatabase } = await import('../db/open.js');
    db = await openDatabase();
    cleanup = () => db.close();
  }
  try {
    const report = await measureLatency(db, opts);
    if (json) console.log(JSON.stringify(report));
    else for (const line of latencyLines(report)) console.log(line);
  } finally {
    await cleanup();
  }
}

if (isMainThread && process.argv[1] && resolve(process.argv[1]) === THIS_FILE) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}

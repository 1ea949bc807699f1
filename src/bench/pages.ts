/**
 * One benchmark step, run by `npm run bench` in its own process against the configured database: the time
 * to serve the main pages over HTTP to a signed-in demonstration user (the server in this process, the
 * client a plain fetch), each page 5 times after one warm-up, printing the median and the slowest. The child
 * with the most records is used for the record and chronology pages. Prints one JSON line.
 */
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db/open.js';
import { ensureDemoUsers, DEMO_PASSWORD } from '../repositories/demo-users.js';
import { createApp } from '../web/app.js';

const RUNS = 5;
const db = await openDatabase();
const server = createApp(db).listen(0, '127.0.0.1');
try {
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ensureDemoUsers(db);

  async function signIn(username: string): Promise<string> {
    const res = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username, password: DEMO_PASSWORD }) });
    if (res.status !== 303) throw new Error(`cannot sign in as ${username} (${res.status}): is this the demonstration authority?`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  // The child with the most recorded events (a long chronology), and a surname to search for.
  const [busiest] = await db.query<{ person_id: string; n: number }>(
    `SELECT person_id, count(*)::int AS n FROM (
       SELECT person_id FROM current_contact UNION ALL SELECT person_id FROM current_cp_visit
       UNION ALL SELECT person_id FROM current_cin_visit UNION ALL SELECT person_id FROM current_cla_visit) e
      WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY n DESC LIMIT 1`,
  );
  const [person] = await db.query<{ surname: string | null }>(`SELECT surname FROM current_person WHERE id = $1`, [busiest?.person_id]);

  const pages: { user: string; path: string; label: string }[] = [
    { user: 'social.worker', path: '/', label: 'start page' },
    { user: 'social.worker', path: `/children?name=${encodeURIComponent(person?.surname ?? 'smith')}`, label: 'find a child by surname' },
    { user: 'social.worker', path: `/children/${busiest?.person_id}`, label: `child's record (${busiest?.n} visits and contacts)` },
    { user: 'social.worker', path: `/children/${busiest?.person_id}/chronology`, label: 'chronology of that child' },
    { user: 'social.worker', path: '/my-work', label: 'my work (social worker)' },
    { user: 'front.door', path: '/front-door', label: 'front door (contacts awaiting decision)' },
    { user: 'team.manager', path: '/team', label: "team manager's dashboard" },
    { user: 'analyst', path: '/performance', label: 'performance dataset (20 measures x 13 months)' },
  ];
  const cookies = new Map<string, string>();
  const results: { label: string; path: string; status: number; medianMs: number; maxMs: number; kb: number }[] = [];
  for (const p of pages) {
    if (!cookies.has(p.user)) cookies.set(p.user, await signIn(p.user));
    const headers = { cookie: cookies.get(p.user)! };
    const times: number[] = [];
    let status = 0;
    let kb = 0;
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await fetch(`${base}${p.path}`, { headers, redirect: 'manual' });
      const body = await res.arrayBuffer();
      if (i > 0) times.push(performance.now() - t);
      status = res.status;
      kb = Math.round(body.byteLength / 1024);
    }
    times.sort((a, b) => a - b);
    results.push({ label: p.label, path: p.path, status, medianMs: Math.round(times[Math.floor(RUNS / 2)]!), maxMs: Math.round(times.at(-1)!), kb });
  }
  console.log(JSON.stringify({ engine: db.kind, pages: results, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
} finally {
  server.close();
  await db.close();
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createRecord, history, updateRecord } from '../../db/record-store.js';
import { getEntity } from '../../domain/model/entities.js';
import { addDays, londonDate, startOfLondonDay } from '../../domain/time/london.js';
import { demoDatabase } from '../../testing/demo-authority.js';
import { signIn, startTestServer, type SignedIn, type TestServer } from '../../testing/web.js';

let picked = 0;

/** A child with no allocation and no referral, given a new referral to the team (so they are waiting for a worker). */
async function unallocatedChild(db: Database, teamId: string, forename: string): Promise<string> {
  const [p] = await db.query<{ id: string }>(
    `SELECT p.id FROM current_person p
      WHERE p.dob > $1 AND NOT EXISTS (SELECT 1 FROM current_allocation a WHERE a.person_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM current_referral r WHERE r.person_id = p.id)
      ORDER BY p.id LIMIT 1 OFFSET $2`,
    [addDays(londonDate(new Date()), -365 * 15), picked++],
  );
  const id = p!.id;
  await db.transaction(async (tx) => {
    await updateRecord(tx, getEntity('person'), id, { forename, surname: 'Testchild' }, { actor: 'test', reason: 'a name the test can find' });
    await createRecord(tx, getEntity('referral'), {
      id: `REF-test-${id}`, person_id: id, referral_date: startOfLondonDay(addDays(londonDate(new Date()), -10)), referral_date_has_time: false,
      team_id: teamId, primary_need: 'N1',
    }, { actor: 'test', reason: '' });
  });
  return id;
}

describe('the team manager’s dashboard over HTTP', () => {
  let db: Database;
  let server: TestServer;
  let manager: SignedIn;
  let social: SignedIn;
  let teamId: string;
  let managerWorkerId: string;
  let workers: { id: string; name: string }[];

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    const [demo] = await db.query<{ worker_id: string; team_id: string }>(`SELECT worker_id, team_id FROM app_user WHERE username = 'team.manager'`);
    teamId = demo!.team_id;
    managerWorkerId = demo!.worker_id;
    workers = await db.query<{ id: string; name: string }>(
      `SELECT id, name FROM current_worker WHERE team_id = $1 AND end_date IS NULL ORDER BY id`, [teamId]);
    manager = await signIn(db, server, 'team-manager', { username: 'tess.manager', workerId: managerWorkerId, teamId });
    const [sw] = await db.query<{ worker_id: string; team_id: string }>(`SELECT worker_id, team_id FROM app_user WHERE username = 'social.worker'`);
    social = await signIn(db, server, 'social-worker', { username: 'sam.social', workerId: sw!.worker_id, teamId: sw!.team_id });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('shows each worker with their caseload, overdue and due-soon work, each item linking to the child, and logs the views', async () => {
    const res = await manager.get('/team');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Your team’s work');
    for (const w of workers) expect(html).toContain(w.name);
    // Work items link to the child's record.
    expect(html).toMatch(/href="\/children\/[^"]+"/);
    expect(html).toMatch(/govuk-tag--red">Overdue</);
    const logged = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM access_log WHERE actor = 'tess.manager' AND action = 'view' AND detail = $1 AND person_id IS NOT NULL`, [`team dashboard ${teamId}`]);
    expect(logged[0]!.n).toBeGreaterThan(0);
  });

  it('lists each worker’s most urgent work (5 at most), with all of a worker’s work one link away; logs only the children listed', async () => {
    const rowsOf = (html: string, workerId: string) => {
      const at = html.indexOf(`id="worker-${workerId}"`, html.indexOf('id="work"'));
      const table = html.slice(at, html.indexOf('</table>', at));
      return (table.match(/<tr class="govuk-table__row">/g) ?? []).length - 1; // less the header row
    };
    const html = await (await manager.get('/team')).text();
    const links = [...html.matchAll(/href="\/team\?worker=([^"#]+)#worker-[^"]+">Show all (\d+) pieces of work for ([^<]+)</g)];
    expect(links.length).toBeGreaterThan(0);
    for (const [, id, total] of links) {
      expect(rowsOf(html, decodeURIComponent(id!))).toBe(5);
      expect(Number(total)).toBeGreaterThan(5);
    }
    const [, id, total, name] = links[0]!;
    const since = new Date();
    const all = await (await manager.get(`/team?worker=${id}`)).text();
    expect(all).toContain(`All ${total} pieces of work overdue or due soon for ${name}`);
    expect(rowsOf(all, decodeURIComponent(id!))).toBe(Number(total));
    for (const [, other] of links.slice(1)) expect(rowsOf(all, decodeURIComponent(other!))).toBe(5);
    // The children logged as viewed are the ones on the page.
    const logged = await db.query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM access_log WHERE actor = 'tess.manager' AND action = 'view' AND detail = $1 AND at >= $2 AND person_id IS NOT NULL`,
      [`team dashboard ${teamId}`, since]);
    const linked = new Set([...all.matchAll(/href="\/children\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!)));
    expect(new Set(logged.map((l) => l.person_id))).toEqual(linked);
  });

  it('lists an unallocated child with their wait, and allocates them from the page (allocation with history and access log)', async () => {
    const child = await unallocatedChild(db, teamId, 'Wilmaunalloc');
    const before = await (await manager.get('/team')).text();
    expect(before).toContain('Wilmaunalloc Testchild');
    // Referral 10 days ago: at least 6 working days, so past the 5-working-day standard.
    expect(before).toMatch(/Wilmaunalloc Testchild[\s\S]*?govuk-tag--red">\d+ working days/);

    const worker = workers.find((w) => w.id !== managerWorkerId) ?? workers[0]!;
    const res = await manager.post('/team/allocate', { person: child, worker: worker.id });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/team\?allocated=ALL-/);

    const [allocation] = await db.query<{ id: string; worker_id: string; team_id: string; role: string; start_date: string; end_date: string | null }>(
      'SELECT id, worker_id, team_id, role, start_date, end_date FROM current_allocation WHERE person_id = $1', [child]);
    expect(allocation).toMatchObject({ worker_id: worker.id, team_id: teamId, role: 'CH', start_date: londonDate(new Date()), end_date: null });
    const versions = await history(db, getEntity('allocation'), allocation!.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ recorded_by: 'tess.manager', change_reason: 'Allocated from the team dashboard' });
    const log = await db.query<{ action: string; outcome: string }>(
      `SELECT action, outcome FROM access_log WHERE actor = 'tess.manager' AND person_id = $1 AND entity = 'allocation'`, [child]);
    expect(log).toEqual([{ action: 'create', outcome: 'done' }]);

    const after = await (await manager.get(location)).text();
    expect(after).toContain(`Wilmaunalloc Testchild is allocated to ${worker.name}`);
    // Gone from the list of children waiting (the name is only in the banner now).
    const list = after.slice(after.indexOf('id="unallocated"'), after.indexOf('id="steps"'));
    expect(list).not.toContain('Wilmaunalloc');
  });

  it('says what is wrong when no worker, or a worker outside the team, is chosen', async () => {
    const child = await unallocatedChild(db, teamId, 'Xavierunalloc');
    const none = await manager.post('/team/allocate', { person: child, worker: '' });
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(html).toContain('<title>Error: Your team’s work – Threadline</title>');
    expect(html).toContain(`href="#worker-${child}">Choose a worker to allocate the child to</a>`);
    expect(html).toMatch(new RegExp(`id="worker-${child}"[^>]*aria-describedby="worker-${child}-error"`));

    const [outsider] = await db.query<{ id: string }>('SELECT id FROM current_worker WHERE team_id <> $1 AND end_date IS NULL LIMIT 1', [teamId]);
    const elsewhere = await manager.post('/team/allocate', { person: child, worker: outsider!.id });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('Choose a worker in your team');
    expect(await db.query('SELECT 1 FROM current_allocation WHERE person_id = $1', [child])).toEqual([]);
  });

  it('refuses to allocate a child who already has a worker', async () => {
    const child = await unallocatedChild(db, teamId, 'Yolandaunalloc');
    expect((await manager.post('/team/allocate', { person: child, worker: workers[0]!.id })).status).toBe(303);
    const again = await manager.post('/team/allocate', { person: child, worker: workers[1]?.id ?? workers[0]!.id });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(`Yolandaunalloc Testchild is already allocated to ${workers[0]!.name}`);
    expect(await db.query('SELECT 1 FROM current_allocation WHERE person_id = $1', [child])).toHaveLength(1);
  });

  it('a social worker cannot allocate (403, refusal logged) or open the team dashboard', async () => {
    const child = await unallocatedChild(db, teamId, 'Zebunalloc');
    const res = await social.post('/team/allocate', { person: child, worker: workers[0]!.id });
    expect(res.status).toBe(403);
    expect(await db.query('SELECT 1 FROM current_allocation WHERE person_id = $1', [child])).toEqual([]);
    const refused = await db.query<{ outcome: string }>(
      `SELECT outcome FROM access_log WHERE actor = 'sam.social' AND outcome = 'denied' AND (person_id = $1 OR detail LIKE '%allocate%')`, [child]);
    expect(refused.length).toBeGreaterThan(0);
    expect((await social.get('/team')).status).toBe(403);
  });

  it('a POST without the CSRF token is refused', async () => {
    const child = await unallocatedChild(db, teamId, 'Csrfunalloc');
    const res = await fetch(`${server.base}/team/allocate`, {
      method: 'POST', headers: { cookie: manager.cookie }, body: new URLSearchParams({ person: child, worker: workers[0]!.id }), redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(await db.query('SELECT 1 FROM current_allocation WHERE person_id = $1', [child])).toEqual([]);
  });

  it('My work: the signed-in worker’s own overdue and due-soon work; people without a worker record are told why it is empty', async () => {
    const res = await social.get('/my-work');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/You hold \d+ cases?/);
    expect(html).toContain('Overdue');
    const unlinked = await signIn(db, server, 'iro', { username: 'ivy.iro' });
    expect(await (await unlinked.get('/my-work')).text()).toContain('not linked to a worker record');
    const analyst = await signIn(db, server, 'performance-analyst', { username: 'andy.analyst' });
    expect((await analyst.get('/my-work')).status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createRecord, history } from '../../db/record-store.js';
import { cpSupervisionClock } from '../../domain/clocks/registry.js';
import { getEntity } from '../../domain/model/entities.js';
import { addDays, londonDate, startOfLondonDay } from '../../domain/time/london.js';
import { demoDatabase } from '../../testing/demo-authority.js';
import { dayDate } from './team.js';
import { signIn, startTestServer, type SignedIn, type TestServer } from '../../testing/web.js';

const today = londonDate(new Date());
const parts = (date: string) => ({ day: String(Number(date.slice(8))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) });

describe('plans, actions and supervision over HTTP', () => {
  let db: Database;
  let server: TestServer;
  let manager: SignedIn;
  let social: SignedIn;
  let managerWorkerId: string;
  let cp: { id: string; person_id: string };

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    const [demo] = await db.query<{ worker_id: string; team_id: string }>(`SELECT worker_id, team_id FROM app_user WHERE username = 'team.manager'`);
    managerWorkerId = demo!.worker_id;
    manager = await signIn(db, server, 'team-manager', { username: 'tom.manager', workerId: demo!.worker_id, teamId: demo!.team_id });
    const [sw] = await db.query<{ worker_id: string; team_id: string }>(`SELECT worker_id, team_id FROM app_user WHERE username = 'social.worker'`);
    social = await signIn(db, server, 'social-worker', { username: 'sue.social', workerId: sw!.worker_id, teamId: sw!.team_id });
    // An open CP plan of a child allocated in the manager's team.
    [cp] = await db.query<{ id: string; person_id: string }>(
      `SELECT p.id, p.person_id FROM current_cp_plan p JOIN current_allocation a ON a.person_id = p.person_id AND a.end_date IS NULL
         JOIN current_worker w ON w.id = a.worker_id AND w.team_id = $1
        WHERE p.end_date IS NULL ORDER BY p.id LIMIT 1`, [demo!.team_id]) as [{ id: string; person_id: string }];
    expect(cp).toBeDefined();
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('shows a plan with its actions in plain language, overdue ones marked, and logs the view', async () => {
    await db.transaction((tx) => createRecord(tx, getEntity('plan_action'), {
      id: 'ACT-test-overdue', person_id: cp.person_id, plan_type: 'CP', plan_id: cp.id, action: 'Book the dentist', responsible: 'Mother',
      responsible_worker_id: null, due_date: addDays(today, -3), status: 'OPEN', set_date: addDays(today, -20), completed_date: null,
    }, { actor: 'test', reason: '' }));
    const res = await manager.get(`/plans/cp/${cp.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Child protection plan');
    expect(html).toContain('Category of abuse');
    expect(html).toMatch(/Book the dentist[\s\S]*?Mother[\s\S]*?govuk-tag--red">Overdue<\/strong> Not started: 3 days overdue/);
    const log = await db.query(`SELECT 1 FROM access_log WHERE actor = 'tom.manager' AND entity = 'cp_plan' AND record_id = $1 AND action = 'view'`, [cp.id]);
    expect(log.length).toBeGreaterThan(0);
    expect((await manager.get('/plans/cp/no-such-plan')).status).toBe(404);
    expect((await manager.get(`/plans/xyz/${cp.id}`)).status).toBe(404);
  });

  it('adds an action: what, who and by when are required, the date today or later', async () => {
    const empty = await manager.post(`/plans/cp/${cp.id}/actions`, { action: '', responsible: '', 'due-day': '', 'due-month': '', 'due-year': '' });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('href="#action">Enter what needs to be done</a>');
    expect(html).toContain('href="#responsible">Enter who will do it</a>');
    expect(html).toContain('href="#due-day">Enter the date it must be done by</a>');
    const past = parts(addDays(today, -1));
    const early = await manager.post(`/plans/cp/${cp.id}/actions`, { action: 'Visit the school', responsible: 'Social worker', 'due-day': past.day, 'due-month': past.month, 'due-year': past.year });
    expect(await early.text()).toContain('The date it must be done by must be today or in the future');
    const half = await manager.post(`/plans/cp/${cp.id}/actions`, { action: 'Visit the school', responsible: 'Social worker', 'due-day': '31', 'due-month': '', 'due-year': '2027' });
    expect(await half.text()).toContain('The date it must be done by must include a month');
    const bad = await manager.post(`/plans/cp/${cp.id}/actions`, { action: 'Visit the school', responsible: 'Social worker', 'due-day': '31', 'due-month': '2', 'due-year': '2027' });
    expect(await bad.text()).toContain('The date it must be done by must be a real date');

    const due = parts(addDays(today, 14));
    const ok = await manager.post(`/plans/cp/${cp.id}/actions`, {
      action: 'Visit the school with the family', responsible: 'Social worker', 'responsible-worker': managerWorkerId,
      'due-day': due.day, 'due-month': due.month, 'due-year': due.year,
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/plans/cp/${cp.id}?added=1#actions`);
    const [row] = await db.query<{ id: string; status: string; set_date: string; due_date: string; responsible_worker_id: string; plan_type: string }>(
      `SELECT id, status, set_date, due_date, responsible_worker_id, plan_type FROM current_plan_action WHERE plan_id = $1 AND action = 'Visit the school with the family'`, [cp.id]);
    expect(row).toMatchObject({ status: 'OPEN', set_date: today, due_date: addDays(today, 14), responsible_worker_id: managerWorkerId, plan_type: 'CP' });
    expect(row!.id).toMatch(/^ACT-[0-9a-f-]{36}$/);
    expect(await (await manager.get(`/plans/cp/${cp.id}?added=1`)).text()).toContain('Action added');
  });

  it('changes an action’s status only with a reason, keeping every version; a stale form is refused', async () => {
    const [action] = await db.query<{ id: string; version: number }>(`SELECT id, version FROM current_plan_action WHERE id = 'ACT-test-overdue'`);
    const noReason = await manager.post(`/plans/cp/${cp.id}/actions/${action!.id}`, { status: 'DONE', reason: '', version: String(action!.version) });
    expect(noReason.status).toBe(400);
    const html = await noReason.text();
    expect(html).toContain(`href="#reason-${action!.id}">Say why the status has changed</a>`);
    expect(html).toMatch(/<details class="govuk-details app-action-change" open>/);

    const done = await manager.post(`/plans/cp/${cp.id}/actions/${action!.id}`, { status: 'DONE', reason: 'Mother took her on Monday', version: String(action!.version) });
    expect(done.status).toBe(303);
    const versions = await history(db, getEntity('plan_action'), action!.id);
    expect(versions.map((v) => [v.version, v.status, v.change_reason, v.recorded_by])).toEqual([
      [1, 'OPEN', null, 'test'],
      [2, 'DONE', 'Mother took her on Monday', 'tom.manager'],
    ]);
    expect(versions[1]!.completed_date).toBe(today);
    expect(versions[0]!.recorded_to).not.toBeNull();

    const stale = await manager.post(`/plans/cp/${cp.id}/actions/${action!.id}`, { status: 'PROG', reason: 'Not finished after all', version: '1' });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('tom.manager changed this action after you opened the page');
    expect(await history(db, getEntity('plan_action'), action!.id)).toHaveLength(2);
    const page = await (await manager.get(`/plans/cp/${cp.id}`)).text();
    expect(page).toContain('because: Mother took her on Monday');
  });

  it('starts a child in need plan under the child’s open referral', async () => {
    const [child] = await db.query<{ person_id: string; id: string; referral_date: Date }>(
      `SELECT r.person_id, r.id, r.referral_date FROM current_referral r
        WHERE r.close_date IS NULL AND NOT EXISTS (SELECT 1 FROM current_cin_plan c WHERE c.person_id = r.person_id AND c.end_date IS NULL)
          AND EXISTS (SELECT 1 FROM current_allocation a JOIN current_worker w ON w.id = a.worker_id
                       WHERE a.person_id = r.person_id AND a.end_date IS NULL AND w.team_id = (SELECT team_id FROM app_user WHERE username = 'team.manager'))
        ORDER BY r.id LIMIT 1`);
    expect(child).toBeDefined();
    const form = await manager.get(`/plans/cin/new?person=${child!.person_id}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('Start a child in need plan');
    const future = parts(addDays(today, 2));
    const late = await manager.post(`/plans/cin/new?person=${child!.person_id}`, { 'start-day': future.day, 'start-month': future.month, 'start-year': future.year });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('The date the plan started must be today or in the past');
    const start = parts(today);
    const ok = await manager.post(`/plans/cin/new?person=${child!.person_id}`, { 'start-day': start.day, 'start-month': start.month, 'start-year': start.year });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toMatch(/^\/plans\/cin\/CIN-/);
    const [plan] = await db.query<{ referral_id: string; start_date: string }>('SELECT referral_id, start_date FROM current_cin_plan WHERE person_id = $1 AND end_date IS NULL', [child!.person_id]);
    expect(plan).toEqual({ referral_id: child!.id, start_date: today });
    expect(await (await manager.get(location)).text()).toContain('Plan started');
    // A second plan is not started while one is open.
    const again = await manager.post(`/plans/cin/new?person=${child!.person_id}`, { 'start-day': start.day, 'start-month': start.month, 'start-year': start.year });
    expect(await again.text()).toContain('already has a child in need plan');
  });

  it('records case supervision with a required rationale, and says when the next is due from the clock', async () => {
    const form = await manager.get(`/supervision/new?person=${cp.person_id}`);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('On a child protection plan: case supervision at least every 28 days');

    const d = parts(today);
    const missing = await manager.post(`/supervision/new?person=${cp.person_id}`, { 'date-day': d.day, 'date-month': d.month, 'date-year': d.year, type: 'CS', decision: 'Continue the plan', rationale: '' });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain('href="#rationale">Enter the rationale: why this decision was made</a>');
    expect(html).toContain('Continue the plan'); // what was typed is kept
    const nothing = await manager.post(`/supervision/new?person=${cp.person_id}`, {});
    expect(await nothing.text()).toMatch(/Enter the date[\s\S]*Choose case supervision or management oversight[\s\S]*Enter the decision[\s\S]*Enter the rationale/);
    expect(await db.query(`SELECT 1 FROM current_supervision WHERE recorded_by = 'tom.manager'`)).toEqual([]);

    const ok = await manager.post(`/supervision/new?person=${cp.person_id}`, {
      'date-day': d.day, 'date-month': d.month, 'date-year': d.year, type: 'CS',
      decision: 'Continue the plan; core group to review school attendance', rationale: 'Attendance has improved and mother is engaging with the parenting course.',
    });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    const id = /\/supervision\/(SUP-[0-9a-f-]{36})\?recorded=1$/.exec(location)?.[1];
    expect(id).toBeDefined();
    const [rec] = await db.query<{ supervisor_id: string; supervision_type: string; rationale: string; held_at: Date }>(
      'SELECT supervisor_id, supervision_type, rationale, held_at FROM current_supervision WHERE id = $1', [id]);
    expect(rec).toMatchObject({ supervisor_id: managerWorkerId, supervision_type: 'CS', rationale: 'Attendance has improved and mother is engaging with the parenting course.' });
    expect(rec!.held_at.getTime()).toBe(startOfLondonDay(today).getTime());
    const shown = await (await manager.get(location)).text();
    expect(shown).toContain('Case supervision recorded');
    const nextDue = cpSupervisionClock.due(today);
    expect(shown).toContain(`The next case supervision is due by <strong>${dayDate(nextDue)}</strong>`);
  });

  it('only team managers record supervision', async () => {
    expect((await social.get(`/supervision/new?person=${cp.person_id}`)).status).toBe(403);
    const d = parts(today);
    const res = await social.post(`/supervision/new?person=${cp.person_id}`, { 'date-day': d.day, 'date-month': d.month, 'date-year': d.year, type: 'CS', decision: 'x', rationale: 'y' });
    expect(res.status).toBe(403);
    expect((await manager.get('/supervision/new?person=no-such-child')).status).toBe(404);
  });
});

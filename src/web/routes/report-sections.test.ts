import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { addMonthsToMonth } from '../../domain/measures/index.js';
import { londonDate } from '../../domain/time/london.js';
import { DEFAULT_DATASET_CONFIG } from '../../domain/dataset/config.js';
import { rag } from '../../domain/dataset/trend.js';
import { buildDataset } from '../../services/dataset.js';
import { reportSections } from '../../repositories/report-sections.js';
import type { Viewer } from '../../repositories/viewer.js';
import { demoDatabase } from '../../testing/demo-authority.js';
import { signIn, startTestServer, type SignedIn, type TestServer } from '../../testing/web.js';

const month = addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);

describe('the report sections, plans, surveys and inspections over HTTP', () => {
  let db: Database;
  let server: TestServer;
  let analyst: SignedIn;
  let director: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    analyst = await signIn(db, server, 'performance-analyst', { username: 'ana.lyst' });
    director = await signIn(db, server, 'director', { username: 'dee.rector' });
    admin = await signIn(db, server, 'system-administrator', { username: 'ad.min' });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('shows the sections for a month with every figure linking to its records, and the records behind a figure', async () => {
    const res = await director.get(`/report-sections/${month}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const h of ['Performance failures', 'Action plans', 'Rectification plans', 'Case-file audits', 'Complaints and compliments', 'Surveys', 'Inspection outcomes']) {
      expect(html).toContain(`>${h}</h2>`);
    }
    // The audits completed in the month, counted from the records, link to the list of those audits.
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM current_case_audit WHERE to_char(audit_date, 'YYYY-MM') = $1`, [month]) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    expect(html).toContain(`href="/report-records/audits?from=${month}&amp;to=${month}">${n}<`);
    const list = await director.get(`/report-records/audits?from=${month}&to=${month}`);
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain(`${n} audits.`);
    expect((listHtml.match(/href="\/children\//g) ?? []).length).toBeGreaterThan(0);
    const logged = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE actor = 'dee.rector' AND person_id IS NOT NULL AND detail LIKE 'audit records%'`);
    expect(logged[0]!.n).toBeGreaterThan(0);

    // Complaints in the month link to their list, with the same count.
    const [{ c }] = await db.query<{ c: number }>(
      `SELECT count(*)::int AS c FROM current_feedback WHERE feedback_type = 'COMP' AND to_char(received_date, 'YYYY-MM') = $1`, [month]) as [{ c: number }];
    const complaints = await (await director.get(`/report-records/feedback?from=${month}&to=${month}&type=complaint`)).text();
    expect(complaints).toContain(`${c} ${c === 1 ? 'record' : 'records'}.`);
  });

  it('prints how long the sections and the board take on the small demonstration authority (measured, not asserted)', async () => {
    const time = async (path: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const res = await director.get(path);
        await res.text();
        expect(res.status).toBe(200);
        runs.push(performance.now() - t);
      }
      return Math.round(runs.sort((a, b) => a - b)[1]!);
    };
    console.log(`report sections ${month}: ${await time(`/report-sections/${month}`)} ms; board: ${await time(`/board?month=${month}`)} ms (median of 3)`);
  });

  it('refuses the sections to a role that may not read children’s records', async () => {
    expect((await admin.get(`/report-sections/${month}`)).status).toBe(403);
    expect((await admin.get('/report-plans')).status).toBe(403);
  });

  it('records an action plan with an action, shows its status in the report, and keeps every change with who and why', async () => {
    // Error state first: nothing filled in.
    const bad = await analyst.post('/report-plans/new', { kind: 'action', title: '', owner: '', aim: '', measure: '', 'start-day': '', 'start-month': '', 'start-year': '' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('govuk-error-summary');
    expect(badHtml).toContain('href="#title">Enter the plan’s title');
    expect(badHtml).toContain('href="#start-day">Enter the date the plan started');

    const [y, m] = month.split('-');
    const created = await analyst.post('/report-plans/new', {
      kind: 'action', title: 'CIN visits recovery', owner: 'Head of Service, Care Management', aim: 'Every child in need seen within 20 working days',
      measure: 'm10-cin-visits-20wd', 'start-day': '3', 'start-month': String(Number(m)), 'start-year': y!,
    });
    expect(created.status).toBe(303);
    const url = created.headers.get('location')!.replace(/\?.*/, '');
    const id = url.split('/').pop()!;
    // A due date in the past: the action is overdue.
    const added = await analyst.post(`${url}/actions`, { action: 'Weekly performance board for CIN teams', owner: 'Operations manager', 'due-day': '1', 'due-month': '1', 'due-year': '2020' });
    expect(added.status).toBe(303);
    const plan = await (await analyst.get(url)).text();
    expect(plan).toContain('1 action overdue');

    const sections = await (await director.get(`/report-sections/${month}`)).text();
    expect(sections).toContain(`href="/report-plans/${id}">CIN visits recovery</a>`);
    expect(sections).toContain('1 action overdue');

    // A change without a reason is refused; with one it is kept in the history.
    const [action] = await db.query<{ action_id: string }>('SELECT action_id FROM report_plan_action_version WHERE plan_id = $1', [id]);
    const noReason = await analyst.post(`${url}/actions/${action!.action_id}`, { status: 'DONE', progress: 'Board meets every Monday', reason: '', version: '1' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain(`href="#reason-${action!.action_id}">Say why you are changing the action`);
    const done = await analyst.post(`${url}/actions/${action!.action_id}`, { status: 'DONE', progress: 'Board meets every Monday', reason: 'First board held', version: '1' });
    expect(done.status).toBe(303);
    // The same stale version again is refused.
    const stale = await analyst.post(`${url}/actions/${action!.action_id}`, { status: 'PROG', progress: 'x', reason: 'y', version: '1' });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('changed this action while you were editing it');
    const versions = await db.query<{ version: number; status: string; recorded_by: string; reason: string }>(
      'SELECT version, status, recorded_by, reason FROM report_plan_action_version WHERE action_id = $1 ORDER BY version', [action!.action_id]);
    expect(versions).toEqual([
      { version: 1, status: 'OPEN', recorded_by: 'ana.lyst', reason: 'Action added' },
      { version: 2, status: 'DONE', recorded_by: 'ana.lyst', reason: 'First board held' },
    ]);
    expect(await (await analyst.get(url)).text()).toContain('All actions done');
  });

  it('lets only analysts and auditors record: a director is refused and the refusal logged', async () => {
    const res = await director.post('/report-entries/new', { kind: 'survey', title: 'x' });
    expect(res.status).toBe(403);
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE actor = 'dee.rector' AND outcome = 'denied'`);
    expect(row!.n).toBeGreaterThan(0);
  });

  it('records a survey and an inspection outcome for the month, with the error summary when incomplete', async () => {
    const bad = await analyst.post('/report-entries/new', { kind: 'inspection', title: 'Ofsted monitoring visit', 'date-day': '31', 'date-month': '2', 'date-year': '2026', who: '', outcome: '', details: '' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('href="#date-day">The date of the inspection must be a real date');
    expect(html).toContain('href="#who">Enter the inspectorate');
    const [y, m] = month.split('-');
    const ok = await analyst.post('/report-entries/new', {
      kind: 'inspection', title: 'Ofsted monitoring visit: the front door', 'date-day': '10', 'date-month': String(Number(m)), 'date-year': y!,
      who: 'Ofsted', outcome: '', details: 'Management oversight has improved.',
    });
    expect(ok.status).toBe(303);
    const sections = await (await director.get(`/report-sections/${month}`)).text();
    expect(sections).toContain('Ofsted monitoring visit: the front door');
    expect(sections).toContain('Not yet published.');
  });

  it('changes a recorded inspection only with a reason, keeping the first version, and escapes what people typed', async () => {
    const [y, m] = month.split('-');
    const fields = { kind: 'inspection', title: 'Adoption inspection <script>alert(1)</script>', 'date-day': '12', 'date-month': String(Number(m)), 'date-year': y!, who: 'Ofsted', outcome: '', details: 'Fieldwork done.' };
    const created = await analyst.post('/report-entries/new', fields);
    const url = created.headers.get('location')!.replace(/\?.*/, '');
    const page = await (await director.get(url)).text();
    expect(page).toContain('Adoption inspection &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
    const noReason = await analyst.post(url, { ...fields, outcome: 'Requires improvement', version: '1', reason: '' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('href="#reason">Say why you are changing this record');
    expect((await analyst.post(url, { ...fields, outcome: 'Requires improvement', version: '1', reason: 'Report published' })).status).toBe(303);
    const versions = await db.query<{ version: number; outcome: string; reason: string }>(
      'SELECT version, outcome, reason FROM report_entry_version WHERE entry_id = $1 ORDER BY version', [url.split('/').pop()]);
    expect(versions).toEqual([
      { version: 1, outcome: '', reason: 'Inspection outcome recorded' },
      { version: 2, outcome: 'Requires improvement', reason: 'Report published' },
    ]);
  });

  it('lists a measure red for the threshold’s months as a performance failure, and fewer when the threshold is longer', async () => {
    const dataset = await buildDataset(db, { month });
    const redInMonth = dataset.rows.filter((r) => r.rag === 'red');
    expect(redInMonth.length).toBeGreaterThan(0);
    const one = await analyst.post('/report-failures', { default: '1', reason: 'Any red month is a failure, for the test' });
    expect(one.status).toBe(303);
    const failuresPart = (html: string) => html.split('id="action-plans"')[0]!;
    const rows = (s: string) => (s.match(/<tr class="govuk-table__row">\s*<th scope="row"/g) ?? []).length;
    const withOne = failuresPart(await (await director.get(`/report-sections/${month}`)).text());
    expect(withOne).toContain('red in the month');
    expect(rows(withOne)).toBe(redInMonth.length);
    for (const r of redInMonth) expect(withOne).toContain(`href="/performance/${r.id}/${month}"`);

    const bad = await analyst.post('/report-failures', { default: '13', reason: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#default">Enter a number of months from 1 to 12');

    // Two months: only measures red in this month and the one before.
    await analyst.post('/report-failures', { default: '2', reason: 'Two months of red' });
    const previous = addMonthsToMonth(month, -1);
    const redTwice = redInMonth.filter((r) => {
      const p = r.months.find((x) => x.month === previous)!;
      return rag(p.value, r.better, DEFAULT_DATASET_CONFIG.targets[r.id]) === 'red';
    });
    const withTwo = failuresPart(await (await director.get(`/report-sections/${month}`)).text());
    expect(withTwo).toContain('red for 2 consecutive months');
    expect(rows(withTwo)).toBe(redTwice.length);

    // The report page passes the dataset it has built: the same failures as computing the figures again.
    const viewer: Viewer = { userId: 'x', username: 'dee.rector', displayName: 'Dee', role: 'director', workerId: null, teamId: null };
    const given = await reportSections(db, viewer, month, { dataset });
    const computed = await reportSections(db, viewer, month);
    expect(given.failures).toEqual(computed.failures);
    expect(given.failures.items.map((f) => f.measureId)).toEqual(redTwice.map((r) => r.id));
  });
});

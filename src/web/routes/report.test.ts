import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { addMonthsToMonth, measures } from '../../domain/measures/index.js';
import { londonDate } from '../../domain/time/london.js';
import { demoDatabase } from '../../testing/demo-authority.js';
import { signIn, startTestServer, type SignedIn, type TestServer } from '../../testing/web.js';

const MONTH = addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);
const sections = (html: string) => html.match(/class="app-report-measure"/g)?.length ?? 0;

describe('the monthly monitoring report over HTTP', () => {
  let db: Database;
  let server: TestServer;
  let analyst: SignedIn;
  let analyst2: SignedIn;
  let director: SignedIn;
  let social: SignedIn;

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    analyst = await signIn(db, server, 'performance-analyst', { username: 'ann.analyst' });
    analyst2 = await signIn(db, server, 'performance-analyst', { username: 'bob.analyst' });
    director = await signIn(db, server, 'director', { username: 'dee.director' });
    social = await signIn(db, server, 'social-worker', { username: 'sid.social' });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('lists the months, and shows a month’s report with every measure, its chart, and a drill-down link from every figure', async () => {
    const list = await (await analyst.get('/reports')).text();
    expect(list).toContain(`href="/reports/${MONTH}"`);
    const res = await analyst.get(`/reports/${MONTH}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(sections(html)).toBe(measures.length);
    expect(html.match(/<svg class="app-trend-chart"/g)?.length).toBe(measures.length);
    for (const m of measures) expect(html).toContain(`href="/performance/${m.id}/${MONTH}"`);
    // Each measure's 13 months link to their drill-down, in the table alternative and in the appendix.
    expect(html).toContain(`href="/performance/${measures[0]!.id}/${addMonthsToMonth(MONTH, -12)}"`);
    expect(html).toContain('id="appendix-1"');
    expect(html.match(/action="\/reports\/[\d-]+\/commentary\//g)?.length).toBe(measures.length);
    // A director reads the same report, without the analyst's forms.
    const dir = await (await director.get(`/reports/${MONTH}`)).text();
    expect(sections(dir)).toBe(measures.length);
    expect(dir).not.toContain('/commentary/');
    const [logged] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE actor = 'dee.director' AND detail = $1`, [`monthly report ${MONTH}`]);
    expect(logged!.n).toBe(1);
  });

  it('keeps the report’s text to the analyst, with errors for an empty or stale form', async () => {
    expect((await social.post(`/reports/${MONTH}/summary`, { summary: 'Not mine to write', was: '' })).status).toBe(403);
    expect((await director.post(`/reports/${MONTH}/summary`, { summary: 'Not mine to write', was: '' })).status).toBe(403);
    const empty = await analyst.post(`/reports/${MONTH}/summary`, { summary: '  ', was: '' });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('There is a problem');
    expect(emptyHtml).toContain('href="#summary">Enter the summary analysis');

    const saved = await analyst.post(`/reports/${MONTH}/summary`, { summary: 'Visits improved; re-referrals need watching.', was: '' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/reports/${MONTH}?saved=summary#summary-analysis`);
    // A second form opened before that save is refused rather than overwriting it.
    const stale = await analyst2.post(`/reports/${MONTH}/summary`, { summary: 'Something else', was: '' });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('ann.analyst changed the summary analysis after you opened this page');

    const m = measures[1]!;
    expect((await analyst.post(`/reports/${MONTH}/commentary/${m.id}`, { commentary: 'First words.', was: '' })).status).toBe(303);
    const [first] = await db.query<{ id: number }>(`SELECT max(id)::int AS id FROM measure_commentary WHERE measure_id = $1 AND month = $2`, [m.id, MONTH]);
    expect((await analyst.post(`/reports/${MONTH}/commentary/${m.id}`, { commentary: 'Better words.', was: String(first!.id) })).status).toBe(303);
    const history = await (await director.get(`/reports/${MONTH}/history`)).text();
    expect(history).toContain('First words.');
    expect(history).toContain('Better words.');
    const page = await (await director.get(`/reports/${MONTH}`)).text();
    expect(page).toContain('Better words.');
    expect(page).not.toContain('First words.');
  });

  it('is reviewed by someone who did not write it, published by a director, and frozen as version 1', async () => {
    const own = await analyst.post(`/reports/${MONTH}/status`, { step: 'review' });
    expect(own.status).toBe(400);
    expect(await own.text()).toContain('You wrote part of this report: someone else must review it');
    const early = await director.post(`/reports/${MONTH}/status`, { step: 'publish' });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain('The report must be reviewed before it is published');

    expect((await analyst2.post(`/reports/${MONTH}/status`, { step: 'review' })).status).toBe(303);
    const locked = await analyst.post(`/reports/${MONTH}/summary`, { summary: 'Late change', was: '' });
    expect(locked.status).toBe(400);
    expect(await locked.text()).toContain('The report has been reviewed');
    expect((await analyst2.post(`/reports/${MONTH}/status`, { step: 'publish' })).status).toBe(403);

    const published = await director.post(`/reports/${MONTH}/status`, { step: 'publish' });
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toBe(`/reports/${MONTH}/versions/1?published=1`);
    const v1 = await (await director.get(`/reports/${MONTH}/versions/1`)).text();
    expect(v1).toContain('Visits improved; re-referrals need watching.');
    expect(v1).toContain('This is the first published version.');
    expect(v1).toContain('Published version 1');
    for (const m of measures) expect(v1).toContain(`href="/reports/${MONTH}/versions/1/figures/${m.id}"`);

    // The stored drill-down rows of the figure with the most children, a page at a time.
    const [biggest] = await db.query<{ measure_id: string; total: number }>(
      `SELECT measure_id, total FROM report_version_figure WHERE month = $1 AND version = 1 ORDER BY total DESC LIMIT 1`, [MONTH]);
    expect(biggest!.total).toBeGreaterThan(0);
    const figure = await (await analyst.get(`/reports/${MONTH}/versions/1/figures/${biggest!.measure_id}`)).text();
    expect(figure).toContain(`of ${biggest!.total.toLocaleString('en-GB')}</caption>`);
    expect(figure.match(/<tbody[\s\S]*<\/tbody>/)![0].match(/<tr /g)?.length).toBe(Math.min(50, biggest!.total));

    // The other sections are in the snapshot, and stay as they were when their text changes later.
    expect(v1).toContain('id="case-file-audits"');
    const [stored] = await db.query<{ has: boolean }>(`SELECT snapshot->'sections' ? 'audit' AS has FROM report_version WHERE month = $1 AND version = 1`, [MONTH]);
    expect(stored!.has).toBe(true);
    await db.query(`INSERT INTO report_summary (month, section, text, written_by) VALUES ($1, 'audit-findings', 'Findings written after publication.', 'qa')`, [MONTH]);
    expect(await (await director.get(`/reports/${MONTH}`)).text()).toContain('Findings written after publication.');
    expect(await (await director.get(`/reports/${MONTH}/versions/1`)).text()).not.toContain('Findings written after publication.');

    // The database refuses to change a published version.
    await expect(db.query(`UPDATE report_version SET published_by = 'someone' WHERE month = $1`, [MONTH])).rejects.toThrow(/never changed/);
    await expect(db.query(`DELETE FROM report_version_figure WHERE month = $1`, [MONTH])).rejects.toThrow(/never changed/);
  });

  it('exports the live report and a published version as PDF, and the dataset as a workbook', async () => {
    for (const path of [`/reports/${MONTH}.pdf`, `/reports/${MONTH}/versions/1.pdf`]) {
      const res = await analyst.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(20_000);
    }
    for (const path of [`/reports/${MONTH}.xlsx`, `/reports/${MONTH}/versions/1.xlsx`]) {
      const res = await analyst.get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    }
    expect((await analyst.get(`/reports/${MONTH}/versions/9`)).status).toBe(404);
    expect((await analyst.get(`/reports/2999-01`)).status).toBe(404);
  });

  it('reopens for a new version, and shows what changed from version 1', async () => {
    expect((await director.post(`/reports/${MONTH}/status`, { step: 'reopen' })).status).toBe(303);
    const m = measures[1]!;
    const [current] = await db.query<{ id: number }>(`SELECT max(id)::int AS id FROM measure_commentary WHERE measure_id = $1 AND month = $2`, [m.id, MONTH]);
    expect((await analyst.post(`/reports/${MONTH}/commentary/${m.id}`, { commentary: 'Corrected after the data cleanse.', was: String(current!.id) })).status).toBe(303);
    expect((await director.post(`/reports/${MONTH}/status`, { step: 'review' })).status).toBe(303);
    expect((await director.post(`/reports/${MONTH}/status`, { step: 'publish' })).headers.get('location')).toBe(`/reports/${MONTH}/versions/2?published=1`);
    const v2 = await (await analyst.get(`/reports/${MONTH}/versions/2`)).text();
    expect(v2).toContain('Changes from version 1');
    const changes = v2.match(/<tbody[\s\S]*?<\/tbody>/)![0];
    expect(changes).toContain(m.title);
    expect(changes).toContain('Better words.');
    expect(changes).toContain('Corrected after the data cleanse.');
    // Version 1 still reads as it did.
    const v1 = await (await analyst.get(`/reports/${MONTH}/versions/1`)).text();
    expect(v1).toContain('Better words.');
    expect(v1).not.toContain('Corrected after the data cleanse.');
    const list = await (await director.get('/reports')).text();
    expect(list).toContain(`href="/reports/${MONTH}/versions/2"`);
  });

  it('publishes once when two publications of the same review race', async () => {
    expect((await director.post(`/reports/${MONTH}/status`, { step: 'reopen' })).status).toBe(303);
    expect((await director.post(`/reports/${MONTH}/status`, { step: 'review' })).status).toBe(303);
    const director2 = await signIn(db, server, 'director', { username: 'dan.director' });
    const results = await Promise.all([director.post(`/reports/${MONTH}/status`, { step: 'publish' }), director2.post(`/reports/${MONTH}/status`, { step: 'publish' })]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 400]);
    const [versions] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_version WHERE month = $1`, [MONTH]);
    expect(versions!.n).toBe(3);
    const [steps] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_step WHERE month = $1 AND step = 'published'`, [MONTH]);
    expect(steps!.n).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { updateRecord } from '../../db/record-store.js';
import { getEntity } from '../../domain/model/entities.js';
import { addDays, londonDate } from '../../domain/time/london.js';
import { restrictRecord } from '../../repositories/access.js';
import { demoDatabase } from '../../testing/demo-authority.js';
import { signIn, startTestServer, type SignedIn, type TestServer } from '../../testing/web.js';
import { pdfText } from '../pdf/pdf-text.js';

const today = () => londonDate(new Date());
const parts = (date: string) => ({ day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) });

describe('children’s pages over HTTP', () => {
  let db: Database;
  let server: TestServer;
  let worker: SignedIn;
  let analyst: SignedIn;
  let child: { id: string; worker: string; team: string };
  let restricted: string;

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    // A child on a plan with an allocated worker, renamed so the test can find them by a name nobody else has.
    const [row] = await db.query<{ person_id: string; worker_id: string; team_id: string; worker_name: string; team_name: string }>(
      `SELECT a.person_id, a.worker_id, w.team_id, w.name AS worker_name, t.name AS team_name
         FROM current_allocation a JOIN current_worker w ON w.id = a.worker_id JOIN current_team t ON t.id = w.team_id
         JOIN current_cp_plan p ON p.person_id = a.person_id AND p.end_date IS NULL
        WHERE a.end_date IS NULL AND a.role = 'CH' AND w.end_date IS NULL ORDER BY a.person_id LIMIT 1`);
    child = { id: row!.person_id, worker: row!.worker_name, team: row!.team_name };
    await db.transaction((tx) => updateRecord(tx, getEntity('person'), child.id, { forename: 'Jonathan', surname: 'Pemberton', dob: '2015-06-14' }, { actor: 'test', reason: 'a name to find' }));
    worker = await signIn(db, server, 'social-worker', { username: 'http.social', workerId: row!.worker_id, teamId: row!.team_id });
    analyst = await signIn(db, server, 'performance-analyst', { username: 'http.analyst' });
    const [other] = await db.query<{ id: string }>(`SELECT id FROM current_person WHERE id <> $1 AND dob IS NOT NULL ORDER BY id LIMIT 1`, [child.id]);
    restricted = other!.id;
    await db.transaction((tx) => updateRecord(tx, getEntity('person'), restricted, { forename: 'Jonathan', surname: 'Pembertonne' }, { actor: 'test', reason: 'a name to find' }));
    await restrictRecord(db, restricted, ['someone.else'], 'dpo', 'Child of a member of staff');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('finds a child by a misspelt name, with status, age, worker and team; restricted records hidden; the search logged', async () => {
    const res = await worker.get('/children?name=Jonathon+Pembertn&dob-day=&dob-month=&dob-year=&identifier=');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<a class="govuk-link" href="/children/${child.id}">Jonathan Pemberton</a>`);
    expect(html).toContain('14 June 2015');
    expect(html).toMatch(/govuk-tag--red">\s*Child protection plan/);
    expect(html).toContain(child.worker);
    expect(html).toContain(child.team);
    // The restricted record is in the results without its name.
    expect(html).not.toContain('Pembertonne');
    expect(html).toContain(`Restricted record<span class="govuk-visually-hidden"> ${restricted}</span>`);
    const log = await db.query<{ detail: string }>(`SELECT detail FROM access_log WHERE actor = 'http.social' AND action = 'search' AND outcome = 'allowed'`);
    expect(log.map((l) => l.detail)).toContain('name "Jonathon Pembertn": 2 found');
  });

  it('finds by date of birth and by identifier, and says when nothing is found', async () => {
    const byDob = await (await worker.get('/children?name=&dob-day=14&dob-month=6&dob-year=2015&identifier=')).text();
    expect(byDob).toContain('Jonathan Pemberton');
    const byId = await (await worker.get(`/children?name=&identifier=${encodeURIComponent(child.id)}`)).text();
    expect(byId).toContain('Jonathan Pemberton');
    const none = await worker.get('/children?name=Zzyzxqqq');
    expect(none.status).toBe(200);
    expect(await none.text()).toContain('No children found for “Zzyzxqqq”');
  });

  it('answers bad search input with an error summary, never a server error', async () => {
    const cases: [string, number, string | null][] = [
      ['/children?name=&dob-day=&dob-month=&dob-year=&identifier=', 400, 'Enter a name, a date of birth or an identifier'],
      ['/children?name=&dob-day=31&dob-month=2&dob-year=2015', 400, 'Date of birth must be a real date'],
      ['/children?dob-day=3&dob-month=&dob-year=2015', 400, 'Date of birth must include a month'],
      ['/children?dob-day=a&dob-month=b&dob-year=c', 400, 'Date of birth must be a real date'],
      [`/children?name=${'x'.repeat(101)}`, 400, 'Name must be 100 characters or fewer'],
      [`/children?identifier=${'9'.repeat(51)}`, 400, 'Identifier must be 50 characters or fewer'],
      ['/children?name=%25%5F%5C', 200, null],
      ['/children?name=a&name=b', 200, null],
      ['/children?name[x]=1', 200, null],
      ['/children?name=%00%01', 400, 'Enter a name, a date of birth or an identifier'],
      ['/children?name=Jo%00n', 200, null],
      ['/children?identifier=%27%3B--', 200, null],
      ['/children?name=%F0%9F%98%80', 200, null],
    ];
    for (const [path, status, message] of cases) {
      const res = await worker.get(path);
      expect(res.status, path).toBe(status);
      const html = await res.text();
      if (message) {
        expect(html, path).toContain('govuk-error-summary');
        expect(html, path).toContain(message);
        expect(html, path).toContain('<title>Error: Find a child – Threadline</title>');
      }
    }
  });

  it('shows the record: status, allocated worker and team, deadlines with date and time overdue first, key people; logged', async () => {
    const res = await worker.get(`/children/${child.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1 class="govuk-heading-l">Jonathan Pemberton</h1>');
    expect(html).toContain('Child protection plan');
    expect(html).toContain(child.worker);
    expect(html).toContain('Deadlines');
    // Due dates carry a time: "23:59 on Friday 4 December 2026".
    const due = [...html.matchAll(/app-clock-due">([^<]+)</g)].map((m) => m[1]!);
    for (const d of due) expect(d).toMatch(/^\d{2}:\d{2} on \w+day \d{1,2} \w+ \d{4}$/);
    // Overdue ones first.
    const states = [...html.matchAll(/govuk-tag--(red|orange|grey)">\s*[^<]*(overdue|left|Due|due)/g)].map((m) => m[1]);
    expect(states.join(',')).toMatch(/^(red,)*(orange,?)*(grey,?)*$/);
    expect(html).toContain('Key people');
    const log = await db.query(`SELECT 1 FROM access_log WHERE actor = 'http.social' AND action = 'view' AND person_id = $1 AND detail = 'record summary'`, [child.id]);
    expect(log).toHaveLength(1);
  });

  it('answers an unknown child with 404 and a restricted one with the emergency access page', async () => {
    expect((await worker.get('/children/NO-SUCH-CHILD')).status).toBe(404);
    expect((await worker.get('/children/NO-SUCH-CHILD/chronology')).status).toBe(404);
    expect((await worker.get('/children/NO-SUCH-CHILD/chronology.pdf')).status).toBe(404);
    expect((await worker.get('/children/%E0%A4%A')).status).toBeLessThan(500);
    const res = await worker.get(`/children/${restricted}`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('This record is restricted');
    expect(html).not.toContain('Pembertonne');
    expect((await worker.get(`/children/${restricted}/chronology`)).status).toBe(403);
    expect((await worker.get(`/children/${restricted}/chronology.pdf`)).status).toBe(403);
    // The refused export is logged as refused.
    expect(await db.query(`SELECT 1 FROM access_log WHERE actor = 'http.social' AND person_id = $1 AND action = 'export' AND outcome = 'denied'`, [restricted])).toHaveLength(1);
    const glass = await worker.post('/emergency-access', { person: restricted, reason: 'Police at the door asking about the child now', next: `/children/${restricted}` });
    expect(glass.status).toBe(303);
    const after = await worker.get(`/children/${restricted}`);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Jonathan Pembertonne');
  });

  it('shows one chronology, filtered by type and period, with errors for bad dates', async () => {
    const all = await worker.get(`/children/${child.id}/chronology`);
    expect(all.status).toBe(200);
    const html = await all.text();
    expect(html).toContain('class="moj-timeline"');
    const total = Number(/(\d+) of (\d+) entries/.exec(html)![2]);
    expect(total).toBeGreaterThan(3);
    const plans = await (await worker.get(`/children/${child.id}/chronology?type=plan`)).text();
    const kinds = [...plans.matchAll(/app-entry-kind govuk-body-s">([^<]+)</g)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Plans and plan actions']));
    expect(plans).toContain('Showing: Plans and plan actions, at any time');
    // A period with nothing in it.
    const empty = await (await worker.get(`/children/${child.id}/chronology?from-day=1&from-month=1&from-year=1950&to-day=2&to-month=1&to-year=1950`)).text();
    expect(empty).toContain('Nothing matches this filter.');
    const bad: [string, string][] = [
      ['from-day=31&from-month=2&from-year=2025', 'The date from must be a real date'],
      ['to-day=1&to-month=&to-year=2025', 'The date to must include a month'],
      ['from-day=2&from-month=1&from-year=2026&to-day=1&to-month=1&to-year=2026', 'The date to must be the same as or after the date from'],
    ];
    for (const [qs, message] of bad) {
      const res = await worker.get(`/children/${child.id}/chronology?${qs}`);
      expect(res.status, qs).toBe(400);
      const page = await res.text();
      expect(page).toContain(message);
      expect(page).toMatch(/href="#(from|to)-day"/);
    }
    // Unknown types and odd parameters are ignored, not errors.
    for (const qs of ['type=nonsense', 'type=visit&type=visit', 'type[a]=1', 'from-day[x]=1', 'type=%00']) {
      expect((await worker.get(`/children/${child.id}/chronology?${qs}`)).status, qs).toBe(200);
    }
    const log = await db.query<{ detail: string }>(`SELECT detail FROM access_log WHERE actor = 'http.social' AND entity = 'chronology' AND action = 'view' ORDER BY id`);
    expect(log.map((l) => l.detail)).toContain(`Everything, at any time: ${total} of ${total} entries`);
  });

  it('adds a significant event by hand, with an error summary for each problem, shown as recorded later', async () => {
    const form = await worker.get(`/children/${child.id}/significant-events/new`);
    expect(form.status).toBe(200);
    expect(await db.query(`SELECT 1 FROM access_log WHERE actor = 'http.social' AND person_id = $1 AND detail = 'name, on the significant event form'`, [child.id])).toHaveLength(1);
    const empty = await worker.post(`/children/${child.id}/significant-events/new`, {});
    expect(empty.status).toBe(400);
    const errors = [...(await empty.text()).matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(errors).toEqual([
      ['date-day', 'Enter the date it happened'], ['title', 'Enter a title'], ['description', 'Enter what happened'],
      ['source', 'Enter the source: who told us, or where it is recorded'],
    ]);
    const tomorrow = parts(addDays(today(), 1));
    const future = await worker.post(`/children/${child.id}/significant-events/new`, {
      'date-day': tomorrow.day, 'date-month': tomorrow.month, 'date-year': tomorrow.year, time: '25:00', title: 'x', description: 'y', source: 'z',
    });
    expect(future.status).toBe(400);
    const futureHtml = await future.text();
    expect(futureHtml).toContain('The date must be today or in the past');
    expect(futureHtml).toContain('Enter the time like 14:30 or 2:30pm, or leave it empty');
    const long = await worker.post(`/children/${child.id}/significant-events/new`, {
      'date-day': '1', 'date-month': '1', 'date-year': '2026', title: 't'.repeat(151), description: 'y', source: 'z',
    });
    expect(await long.text()).toContain('Title must be 150 characters or fewer');
    // Control characters are dropped, not stored (nor a server error).
    const nul = await worker.post(`/children/${child.id}/significant-events/new`, {
      'date-day': '1', 'date-month': '1', 'date-year': '2026', title: '\u0000', description: 'y\u0000', source: 'z',
    });
    expect(nul.status).toBe(400);
    expect(await nul.text()).toContain('Enter a title');

    const when = parts(addDays(today(), -3));
    const ok = await worker.post(`/children/${child.id}/significant-events/new`, {
      'date-day': when.day, 'date-month': when.month, 'date-year': when.year, time: '9:15pm',
      title: 'Police called to the home', description: 'Neighbours reported shouting; officers spoke to Jonathan.', source: 'Police notification',
    });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/children/${child.id}/chronology\\?added=SIG-`));
    const page = await (await worker.get(location)).text();
    expect(page).toContain('Significant event added: Police called to the home');
    expect(page).toContain('Recorded ');
    expect(page).toContain('3 days after it happened');
    expect(page).toContain('9:15pm');
    const [row] = await db.query<{ recorded_by: string; change_reason: string; source: string }>(
      `SELECT recorded_by, change_reason, source FROM current_significant_event WHERE person_id = $1 AND title = 'Police called to the home'`, [child.id]);
    expect(row).toEqual({ recorded_by: 'http.social', change_reason: 'Significant event added by hand', source: 'Police notification' });
  });

  it('exports the chronology as a PDF with its filter, and logs the export', async () => {
    const res = await worker.get(`/children/${child.id}/chronology.pdf?type=significant`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="chronology-${child.id}-\\d{4}-\\d{2}-\\d{2}\\.pdf"$`));
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Jonathan Pemberton');
    expect(text).toContain('Police called to the home');
    expect(text).toContain('Significant events, at any time');
    expect(text).toContain('Page 1 of');
    const log = await db.query<{ detail: string }>(`SELECT detail FROM access_log WHERE actor = 'http.social' AND entity = 'chronology' AND action = 'export' AND outcome = 'allowed'`);
    expect(log).toHaveLength(1);
    expect(log[0]!.detail).toMatch(/^Significant events, at any time: \d+ of \d+ entries \(PDF\)$/);
    // A bad date goes back to the page, where the problem is shown.
    const bad = await worker.get(`/children/${child.id}/chronology.pdf?from-day=40&from-month=1&from-year=2026`);
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toBe(`/children/${child.id}/chronology?from-day=40&from-month=1&from-year=2026`);
  });

  it('adds a person only after possible duplicates have been shown and confirmed', async () => {
    const empty = await worker.post('/children/new', {});
    expect(empty.status).toBe(400);
    const problems = [...(await empty.text()).matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(problems).toEqual(['born', 'forename', 'surname', 'sex', 'ethnicity']);
    const badDate = await worker.post('/children/new', { forename: 'A', surname: 'B', born: 'yes', 'dob-day': '30', 'dob-month': '2', 'dob-year': '2020', sex: 'F', ethnicity: 'WBRI' });
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain('href="#dob-day">Date of birth must be a real date');

    // Jon Pembertan, born 14 June 2015: the same child as Jonathan Pemberton? Shown first.
    const person = { forename: 'Jon', surname: 'Pembertan', born: 'yes', 'dob-day': '14', 'dob-month': '6', 'dob-year': '2015', sex: 'M', gender: '', ethnicity: 'WBRI' };
    const check = await worker.post('/children/new', person);
    expect(check.status).toBe(200);
    const checkHtml = await check.text();
    expect(checkHtml).toContain('Check this is not a child already on Threadline');
    expect(checkHtml).toContain(`href="/children/${child.id}">Jonathan Pemberton</a>`);
    const seen = [...checkHtml.matchAll(/name="seen" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(seen).toContain(child.id);
    // Not confirmed: asked again.
    const unconfirmed = await worker.post('/children/new', { ...person, seen });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Confirm that none of these is the same person');
    // Confirmed without having seen everyone: shown again.
    const notAllSeen = await worker.post('/children/new', { ...person, confirm: 'none' });
    expect(notAllSeen.status).toBe(200);
    expect(await notAllSeen.text()).toContain('Check this is not a child already on Threadline');
    const added = await worker.post('/children/new', { ...person, seen, confirm: 'none' });
    expect(added.status).toBe(303);
    const location = added.headers.get('location')!;
    expect(location).toMatch(/^\/children\/PER-[0-9a-f-]+\?added=1$/);
    expect(await (await worker.get(location)).text()).toContain('Jon Pembertan has been added');

    // Nobody like them: added straight away. An unborn baby needs no first name.
    const unborn = parts(addDays(today(), 60));
    const baby = await worker.post('/children/new', { forename: '', surname: 'Qwertyuiop', born: 'no', 'dob-day': unborn.day, 'dob-month': unborn.month, 'dob-year': unborn.year, sex: 'U', ethnicity: 'NOBT' });
    expect(baby.status).toBe(303);
  });

  it('lets roles that only read children’s records search, but not add people or events', async () => {
    expect((await analyst.get('/children?name=Pemberton')).status).toBe(200);
    expect((await analyst.get(`/children/${child.id}/chronology`)).status).toBe(200);
    expect((await analyst.get('/children/new')).status).toBe(403);
    expect((await analyst.post('/children/new', { surname: 'X' })).status).toBe(403);
    expect((await analyst.get(`/children/${child.id}/significant-events/new`)).status).toBe(403);
    expect((await analyst.post(`/children/${child.id}/significant-events/new`, {})).status).toBe(403);
  });
});

/**
 * The front door over HTTP, on the small demonstration authority: every write makes records with history
 * and an access-log entry; a form with mistakes changes nothing and says what to fix; rationale is required;
 * only managers challenge decisions and authorise assessments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createRecord, history } from '../../db/record-store.js';
import { icpcClock } from '../../domain/clocks/index.js';
import { dueTimeInWords } from '../../domain/front-door/when.js';
import { getEntity } from '../../domain/model/entities.js';
import { addMonths, londonDate, longDate, toLondon } from '../../domain/time/london.js';
import { demoDatabase } from '../../testing/demo-authority.js';
import { signIn, startTestServer, type SignedIn, type TestServer } from '../../testing/web.js';

/** Date and time fields for an instant `minutesAgo` before now, London time. */
function when(name: string, minutesAgo: number): Record<string, string> {
  const l = toLondon(Date.now() - minutesAgo * 60_000);
  return {
    [`${name}-day`]: String(l.day), [`${name}-month`]: String(l.month), [`${name}-year`]: String(l.year),
    [`${name}-time`]: `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`,
  };
}
function day(name: string, date: string): Record<string, string> {
  return { [`${name}-day`]: String(Number(date.slice(8))), [`${name}-month`]: String(Number(date.slice(5, 7))), [`${name}-year`]: date.slice(0, 4) };
}
const errorsOf = (html: string) => [...html.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]!.replace(/&#39;|&rsquo;/g, '’')]);
const idFrom = (location: string | null, re: RegExp) => re.exec(location ?? '')?.[1] ?? '';

describe('the front door over HTTP', () => {
  let db: Database;
  let server: TestServer;
  let frontDoor: SignedIn;
  let manager: SignedIn;
  let auditor: SignedIn;
  let managerTeam: string;
  let newChild: string;
  const today = londonDate(new Date());

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    const [fd] = await db.query<{ worker_id: string; team_id: string }>(`SELECT worker_id, team_id FROM app_user WHERE username = 'front.door'`);
    const [tm] = await db.query<{ worker_id: string; team_id: string }>(`SELECT worker_id, team_id FROM app_user WHERE username = 'team.manager'`);
    managerTeam = tm!.team_id;
    frontDoor = await signIn(db, server, 'front-door-worker', { username: 'fd.worker', workerId: fd!.worker_id, teamId: fd!.team_id });
    manager = await signIn(db, server, 'team-manager', { username: 'tm.manager', workerId: tm!.worker_id, teamId: tm!.team_id });
    auditor = await signIn(db, server, 'auditor', { username: 'an.auditor' });
    // A child new to children's services (added as the "add a person" page would).
    newChild = 'P-FRONT-DOOR-TEST';
    await db.transaction((tx) => createRecord(tx, getEntity('person'), {
      id: newChild, forename: 'Jayden', surname: 'Okafor', dob: addMonths(today, -8 * 12), sex: 'M',
    }, { actor: 'test', reason: '' }));
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const count = async (table: string, where = 'TRUE', params: unknown[] = []) =>
    Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM current_${table} WHERE ${where}`, params))[0]!.n);

  let contactId = '';
  it('records a contact: mistakes change nothing and say what to fix; then it is recorded with history and logged', async () => {
    const before = await count('contact');
    const empty = await frontDoor.post(`/front-door/contacts/new?person=${newChild}`, { person: newChild });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('<title>Error: Record a contact');
    expect(errorsOf(html)).toEqual([
      ['received-day', 'Enter the date the contact was received'],
      ['received-time', 'Enter the time the contact was received'],
      ['source', 'Select who made the contact'],
      ['concern', 'Enter what the concern is'],
      ['consent', 'Select yes if consent was obtained to share information'],
    ]);
    const future = await frontDoor.post(`/front-door/contacts/new?person=${newChild}`, {
      person: newChild, ...when('received', -90), source: '2A', concern: 'Bruise on the face, child says dad hit him.', consent: 'N',
    });
    expect(future.status).toBe(400);
    expect(errorsOf(await future.text())).toEqual([
      ['received-time', 'The time the contact was received must be now or in the past'],
      ['consent-note', 'Say why consent was not obtained or was not needed'],
    ]);
    expect(await count('contact')).toBe(before);
    expect((await auditor.post(`/front-door/contacts/new?person=${newChild}`, { person: newChild })).status).toBe(403);

    const ok = await frontDoor.post(`/front-door/contacts/new?person=${newChild}`, {
      person: newChild, ...when('received', 30), source: '2A', 'source-desc': 'Ms Patel, class teacher', concern: 'Bruise on the face; child says dad hit him.',
      consent: 'N', 'consent-note': 'Consent would place the child at risk.',
    });
    expect(ok.status).toBe(303);
    contactId = idFrom(ok.headers.get('location'), /\/front-door\/contacts\/([^/]+)\/decision$/);
    expect(contactId).toMatch(/^CON-[0-9a-f-]{36}$/);
    const versions = await history(db, getEntity('contact'), contactId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ person_id: newChild, source: '2A', consent: 'N', recorded_by: 'fd.worker', received_at_has_time: true });
    expect(JSON.parse(String(versions[0]!.outcome_json))).toEqual({ concern: 'Bruise on the face; child says dad hit him.' });
    expect(await db.query(`SELECT 1 FROM access_log WHERE actor = 'fd.worker' AND action = 'create' AND record_id = $1 AND person_id = $2`, [contactId, newChild])).toHaveLength(1);
  });

  it('shows contacts waiting (with the one just recorded) with the deadline as a time, most urgent first, and logs every child it lists', async () => {
    const res = await frontDoor.get('/front-door');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Contacts waiting for a decision');
    const due = [...html.matchAll(/<td class="govuk-table__cell fd-due">([^<]+)<\/td>/g)].map((m) => m[1]!);
    expect(due.length).toBeGreaterThan(0);
    expect(due[0]).toMatch(/^\d\d:\d\d on (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]+ \d{4}$/);
    const [first] = await db.query<{ received_at: Date }>('SELECT received_at FROM current_contact WHERE decision_at IS NULL ORDER BY received_at LIMIT 1');
    expect(due[0]).toBe(dueTimeInWords(new Date(first!.received_at.getTime() + 24 * 3_600_000)));
    const waiting = await count('contact', 'decision_at IS NULL');
    const logged = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE actor = 'fd.worker' AND detail = 'front door lists' AND entity = 'contact'`);
    expect(logged[0]!.n).toBeGreaterThanOrEqual(waiting);
    expect((await auditor.get('/front-door')).status).toBe(200); // auditors read
  });

  let referralId = '';
  it('the decision: shows the live deadline; a rationale and a team are required; then a referral is created from the contact', async () => {
    const page = await frontDoor.get(`/front-door/contacts/${contactId}/decision`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const [c] = await db.query<{ received_at: Date }>('SELECT received_at FROM current_contact WHERE id = $1', [contactId]);
    expect(html).toContain(dueTimeInWords(new Date(c!.received_at.getTime() + 24 * 3_600_000)));
    expect(html).toMatch(/23 hours (\d+ minutes? )?left/);
    expect(html).toContain('No earlier contacts, referrals, early help or plans are recorded');
    expect(await db.query(`SELECT 1 FROM access_log WHERE actor = 'fd.worker' AND action = 'view' AND record_id = $1`, [contactId])).not.toHaveLength(0);

    const referrals = await count('referral');
    const bad = await frontDoor.post(`/front-door/contacts/${contactId}/decision`, { outcome: 'REF', rationale: 'Agreed.' });
    expect(bad.status).toBe(400);
    expect(errorsOf(await bad.text())).toEqual([
      ['rationale', 'Write the rationale in full (at least 20 characters): what is known, the risk, and why'],
      ['ref-team', 'Select the team the referral goes to'],
    ]);
    expect(await count('referral')).toBe(referrals);
    expect(await history(db, getEntity('contact'), contactId)).toHaveLength(1);

    const rationale = 'Injury with a disclosure of physical abuse by a parent: threshold for section 47 is met.';
    const ok = await frontDoor.post(`/front-door/contacts/${contactId}/decision`, { outcome: 'REF', rationale, 'ref-team': managerTeam, 'primary-need': 'N1' });
    expect(ok.status).toBe(303);
    referralId = idFrom(ok.headers.get('location'), /\/front-door\/referrals\/([^/?]+)/);
    expect(referralId).toMatch(/^REF-/);
    const [r] = await db.query<{ person_id: string; team_id: string; primary_need: string; source: string; recorded_by: string }>(
      'SELECT person_id, team_id, primary_need, source, recorded_by FROM current_referral WHERE id = $1', [referralId]);
    expect(r).toEqual({ person_id: newChild, team_id: managerTeam, primary_need: 'N1', source: '2A', recorded_by: 'fd.worker' });
    const versions = await history(db, getEntity('contact'), contactId);
    expect(versions.map((v) => [v.version, v.decision, v.change_reason])).toEqual([
      [1, null, null], [2, 'REF', 'Decision: Accept as a referral to children’s social care'],
    ]);
    expect(versions[1]).toMatchObject({ decision_rationale: rationale, referral_id: referralId, recorded_by: 'fd.worker' });
    expect(versions[0]!.recorded_to).toEqual(versions[1]!.recorded_from);

    // Decided once: the page goes to the contact, and a second decision is refused.
    expect((await frontDoor.get(`/front-door/contacts/${contactId}/decision`)).headers.get('location')).toBe(`/front-door/contacts/${contactId}`);
    const again = await frontDoor.post(`/front-door/contacts/${contactId}/decision`, { outcome: 'NFA', rationale });
    expect(again.status).toBe(400);
    expect(errorsOf(await again.text())).toEqual([['outcome', 'This contact already has a decision. If you disagree with it, record a challenge']]);
  });

  it('a challenge: only managers; a reason is required; the disagreement and its resolution are both on the contact', async () => {
    const refused = await frontDoor.post(`/front-door/contacts/${contactId}/challenge`, { reason: 'I think this should have been early help instead.' });
    expect(refused.status).toBe(403);
    const empty = await manager.post(`/front-door/contacts/${contactId}/challenge`, { reason: '' });
    expect(empty.status).toBe(400);
    expect(errorsOf(await empty.text())).toEqual([['reason', 'Say why you disagree with the decision']]);
    expect(await count('decision_challenge', 'contact_id = $1', [contactId])).toBe(0);

    expect((await manager.post(`/front-door/contacts/${contactId}/challenge`, { reason: 'The primary need should be reviewed: the family also needs housing support.' })).status).toBe(303);
    const open = await (await manager.get(`/front-door/contacts/${contactId}`)).text();
    expect(open).toContain('The primary need should be reviewed');
    expect(open).toContain('Waiting for a resolution');
    expect((await manager.post(`/front-door/contacts/${contactId}/challenge`, { resolution: '' })).status).toBe(400);
    expect((await manager.post(`/front-door/contacts/${contactId}/challenge`, { resolution: 'Agreed: primary need stays N1; housing referral made separately.' })).status).toBe(303);
    const [ch] = await db.query<{ id: string; resolution: string; raised_by_id: string; resolved_at: Date }>(
      'SELECT id, resolution, raised_by_id, resolved_at FROM current_decision_challenge WHERE contact_id = $1', [contactId]);
    expect(ch!.resolution).toBe('Agreed: primary need stays N1; housing referral made separately.');
    expect((await history(db, getEntity('decision_challenge'), ch!.id)).map((v) => v.change_reason)).toEqual([null, 'Challenge resolved']);
    const resolved = await (await frontDoor.get(`/front-door/contacts/${contactId}`)).text();
    expect(resolved).toContain('Challenge resolved');
    expect(resolved).toContain('The primary need should be reviewed');
  });

  let strategyId = '';
  it('a strategy discussion: the right agencies, a medical examination decision with its reason; agencies recorded', async () => {
    const hub = await (await frontDoor.get(`/front-door/referrals/${referralId}`)).text();
    expect(hub).toContain('Hold a strategy discussion if significant harm is suspected');
    const [fd] = await db.query<{ worker_id: string }>(`SELECT worker_id FROM app_user WHERE username = 'fd.worker'`);
    const bad = await frontDoor.post(`/front-door/referrals/${referralId}/strategy/new`, {
      ...when('held', 0), chair: fd!.worker_id, invited: ['CSC'], outcome: 'S47', decisions: 'Joint visit', 'medical-exam': 'Y',
    });
    expect(bad.status).toBe(400);
    expect(errorsOf(await bad.text())).toEqual([
      ['invited', 'Invite the police and health: Working Together says every strategy discussion needs the police, health and children’s social care'],
      ['medical-rationale', 'Say why a medical examination is needed, and who will arrange it'],
    ]);
    expect(await count('strategy_discussion', 'referral_id = $1', [referralId])).toBe(0);
    const ok = await frontDoor.post(`/front-door/referrals/${referralId}/strategy/new`, {
      ...when('held', 0), chair: fd!.worker_id, invited: ['POL', 'HEA', 'CSC', 'SCH'], attended: ['POL', 'HEA', 'CSC'], outcome: 'S47',
      decisions: 'Joint visit by police and social worker today; school to share attendance.', 'medical-exam': 'Y',
      'medical-rationale': 'Bruising to the face: paediatric examination today, arranged by health.',
    });
    expect(ok.status).toBe(303);
    [{ id: strategyId }] = (await db.query<{ id: string }>('SELECT id FROM current_strategy_discussion WHERE referral_id = $1', [referralId])) as [{ id: string }];
    const agencies = await db.query<{ agency: string; invited: boolean; attended: boolean }>(
      'SELECT agency, invited, attended FROM current_strategy_agency WHERE strategy_id = $1 ORDER BY agency', [strategyId]);
    expect(agencies).toEqual([
      { agency: 'CSC', invited: true, attended: true }, { agency: 'HEA', invited: true, attended: true },
      { agency: 'POL', invited: true, attended: true }, { agency: 'SCH', invited: true, attended: false },
    ]);
    const after = await (await frontDoor.get(`/front-door/referrals/${referralId}`)).text();
    expect(after).toContain('Start the section 47 enquiry');
    expect(after).toContain('Record when the strategy discussion minutes were written');
    // Minutes recorded later: a new version, with the reason.
    expect((await frontDoor.post(`/front-door/strategy/${strategyId}/minutes`, {})).status).toBe(400);
    expect((await frontDoor.post(`/front-door/strategy/${strategyId}/minutes`, when('minutes', 0))).status).toBe(303);
    expect((await history(db, getEntity('strategy_discussion'), strategyId)).map((v) => v.change_reason)).toEqual([null, 'Minutes recorded']);
  });

  let s47Id = '';
  let icpcId = '';
  it('section 47, then the ICPC with its due date 15 working days from the strategy discussion, then the CP plan linked to it', async () => {
    expect((await frontDoor.post(`/front-door/referrals/${referralId}/s47/new`, {})).status).toBe(400);
    expect((await frontDoor.post(`/front-door/referrals/${referralId}/s47/new`, day('start', today))).status).toBe(303);
    [{ id: s47Id }] = (await db.query<{ id: string }>('SELECT id FROM current_s47_enquiry WHERE referral_id = $1', [referralId])) as [{ id: string }];
    expect(await count('s47_enquiry', 'id = $1 AND strategy_id = $2', [s47Id, strategyId])).toBe(1);

    const noOutcome = await frontDoor.post(`/front-door/s47/${s47Id}/outcome`, day('end', today));
    expect(noOutcome.status).toBe(400);
    expect(errorsOf(await noOutcome.text()).map(([f]) => f)).toEqual(['child-seen-day', 'outcome', 'note']);
    expect((await frontDoor.post(`/front-door/s47/${s47Id}/outcome`, {
      ...day('end', today), ...day('child-seen', today), outcome: 'ICPC', note: 'Injury consistent with the disclosure; father admits hitting him.',
    })).status).toBe(303);

    const [s] = await db.query<{ held_at: Date }>('SELECT held_at FROM current_strategy_discussion WHERE id = $1', [strategyId]);
    const due = icpcClock.due(londonDate(s!.held_at));
    const form = await (await manager.get(`/front-door/s47/${s47Id}/icpc/new`)).text();
    expect(form).toContain(`Conference due by <span class="fd-due" id="icpc-due">${longDate(due)}</span>`);
    expect((await manager.post(`/front-door/s47/${s47Id}/icpc/new`, day('conference', today))).status).toBe(400);
    const held = await manager.post(`/front-door/s47/${s47Id}/icpc/new`, { ...day('conference', today), outcome: 'Y' });
    expect(held.status).toBe(303);
    icpcId = idFrom(held.headers.get('location'), /\/front-door\/icpc\/([^/]+)\/cp-plan\/new$/);
    const [icpc] = await db.query<{ target_date: string; outcome_cp: boolean }>('SELECT target_date, outcome_cp FROM current_icpc WHERE id = $1', [icpcId]);
    expect(icpc).toEqual({ target_date: due, outcome_cp: true });

    const noCategory = await manager.post(`/front-door/icpc/${icpcId}/cp-plan/new`, day('start', today));
    expect(noCategory.status).toBe(400);
    expect(errorsOf(await noCategory.text())).toEqual([['category', 'Select the category of abuse']]);
    expect((await manager.post(`/front-door/icpc/${icpcId}/cp-plan/new`, { ...day('start', today), category: 'PHY' })).status).toBe(303);
    const [plan] = await db.query<{ id: string; icpc_id: string; initial_category: string; referral_id: string }>(
      'SELECT id, icpc_id, initial_category, referral_id FROM current_cp_plan WHERE icpc_id = $1', [icpcId]);
    expect(plan).toMatchObject({ icpc_id: icpcId, initial_category: 'PHY', referral_id: referralId });
    const versions = await history(db, getEntity('icpc'), icpcId);
    expect(versions.map((v) => [v.cp_plan_id, v.change_reason])).toEqual([[null, null], [plan!.id, 'Child protection plan recorded']]);
    const hub = await (await manager.get(`/front-door/referrals/${referralId}`)).text();
    expect(hub).toContain('Visit the child (child protection visit)');
  });

  it('a single assessment: started with its 45 working-day due date; only a manager authorises it, with a rationale and factors', async () => {
    expect((await frontDoor.post(`/front-door/referrals/${referralId}/assessment/new`, day('start', today))).status).toBe(303);
    const [a] = await db.query<{ id: string }>('SELECT id FROM current_assessment WHERE referral_id = $1', [referralId]);
    const form = await (await manager.get(`/front-door/assessments/${a!.id}/authorise`)).text();
    expect(form).toMatch(/Due to be authorised by <span class="fd-due" id="assessment-due">\d{1,2} [A-Z][a-z]+ \d{4}<\/span> \(45 working days\)/);
    expect((await frontDoor.post(`/front-door/assessments/${a!.id}/authorise`, { 'child-seen': 'N', factors: ['3B'], 'outcome-nfa': 'N', rationale: 'A thorough assessment of the risks.' })).status).toBe(403);
    const noRationale = await manager.post(`/front-door/assessments/${a!.id}/authorise`, { 'child-seen': 'Y', ...day('child-seen-date', today), factors: ['3B', '18B'], 'outcome-nfa': 'N' });
    expect(noRationale.status).toBe(400);
    expect(errorsOf(await noRationale.text())).toEqual([['rationale', 'Enter your rationale for authorising the assessment']]);
    expect(await count('assessment', 'id = $1 AND authorised_date IS NULL', [a!.id])).toBe(1);
    expect((await manager.post(`/front-door/assessments/${a!.id}/authorise`, {
      'child-seen': 'Y', ...day('child-seen-date', today), factors: ['3B', '18B'], 'outcome-nfa': 'N',
      rationale: 'Risks are clear, the child was seen alone, and the plan follows from the findings.',
    })).status).toBe(303);
    const [done] = await db.query<{ authorised_date: string; authorisation_rationale: string; factors: string }>(
      `SELECT a.authorised_date, a.authorisation_rationale, f.factors_json AS factors FROM current_assessment a
         JOIN current_assessment_factors f ON f.assessment_id = a.id WHERE a.id = $1`, [a!.id]);
    expect(done).toEqual({ authorised_date: today, authorisation_rationale: 'Risks are clear, the child was seen alone, and the plan follows from the findings.', factors: '["3B","18B"]' });
  });

  it('a visit: the next visit due from the CP visit clock; seen alone and what the child said when seen; then the clock restarts', async () => {
    const [plan] = await db.query<{ id: string }>('SELECT id FROM current_cp_plan WHERE icpc_id = $1', [icpcId]);
    const url = `/visits/new?person=${newChild}&plan=${plan!.id}`;
    const page = await (await manager.get(url)).text();
    expect(page).toContain('Next visit due by');
    const empty = await manager.post(url, {});
    expect(empty.status).toBe(400);
    expect(errorsOf(await empty.text()).map(([f]) => f)).toEqual(['visit-day', 'visit-time', 'worker', 'seen']);
    const [tm] = await db.query<{ worker_id: string }>(`SELECT worker_id FROM app_user WHERE username = 'tm.manager'`);
    const seen = await manager.post(url, { ...when('visit', 2), worker: tm!.worker_id, seen: 'Y' });
    expect(errorsOf(await seen.text()).map(([f]) => f)).toEqual(['seen-alone', 'child-said']);
    expect(await count('cp_visit', 'cp_plan_id = $1', [plan!.id])).toBe(0);
    const ok = await manager.post(url, { ...when('visit', 2), worker: tm!.worker_id, seen: 'Y', 'seen-alone': 'Y', 'child-said': 'I like my new bedroom.' });
    expect(ok.status).toBe(303);
    const [v] = await db.query<{ seen: boolean; seen_alone: boolean; child_said: string; worker_id: string; recorded_by: string }>(
      'SELECT seen, seen_alone, child_said, worker_id, recorded_by FROM current_cp_visit WHERE cp_plan_id = $1', [plan!.id]);
    expect(v).toEqual({ seen: true, seen_alone: true, child_said: 'I like my new bedroom.', worker_id: tm!.worker_id, recorded_by: 'tm.manager' });
    const after = await (await manager.get(ok.headers.get('location')!)).text();
    expect(after).toContain('Visit recorded');
  });

  it('a re-referral within 12 months needs a fresh threshold decision', async () => {
    const [child] = await db.query<{ person_id: string }>(
      `SELECT r.person_id FROM current_referral r WHERE r.referral_date::date > $1::date AND r.referral_date::date < $2::date
          AND NOT EXISTS (SELECT 1 FROM current_referral o WHERE o.person_id = r.person_id AND o.close_date IS NULL)
        ORDER BY r.person_id LIMIT 1`, [addMonths(today, -11), addMonths(today, -1)]);
    const made = await frontDoor.post(`/front-door/contacts/new?person=${child!.person_id}`, {
      person: child!.person_id, ...when('received', 10), source: '6', concern: 'Police called to a domestic incident at the home.', consent: 'N',
      'consent-note': 'Police notification: consent not needed.',
    });
    const id = idFrom(made.headers.get('location'), /\/front-door\/contacts\/([^/]+)\/decision$/);
    const page = await (await frontDoor.get(`/front-door/contacts/${id}/decision`)).text();
    expect(page).toContain('This would be a re-referral');
    const rationale = 'Repeat domestic abuse with a baby in the home; risk is rising, threshold is met.';
    const refused = await frontDoor.post(`/front-door/contacts/${id}/decision`, { outcome: 'REF', rationale, 'ref-team': managerTeam });
    expect(refused.status).toBe(400);
    expect(errorsOf(await refused.text())[0]![0]).toBe('fresh-threshold');
    expect((await frontDoor.post(`/front-door/contacts/${id}/decision`, { outcome: 'REF', rationale, 'ref-team': managerTeam, 'fresh-threshold': 'yes' })).status).toBe(303);
  });

  it('step down to early help creates the episode; step up from early help creates a contact and marks the episode', async () => {
    const [child] = await db.query<{ id: string }>(
      `SELECT p.id FROM current_person p WHERE NOT EXISTS (SELECT 1 FROM current_contact c WHERE c.person_id = p.id) AND p.id <> $1 ORDER BY p.id DESC LIMIT 1`, [newChild]);
    const made = await frontDoor.post(`/front-door/contacts/new?person=${child!.id}`, {
      person: child!.id, ...when('received', 60), source: '3B', concern: 'Mother struggling with routines after the birth of a sibling.', consent: 'Y',
    });
    const id = idFrom(made.headers.get('location'), /\/front-door\/contacts\/([^/]+)\/decision$/);
    const noPlan = await frontDoor.post(`/front-door/contacts/${id}/decision`, { outcome: 'EH', rationale: 'Needs support with routines; no safeguarding concern.' });
    expect(errorsOf(await noPlan.text())).toEqual([['eh-reason', 'Say what early help should do and why (the plan for the family)']]);
    expect((await frontDoor.post(`/front-door/contacts/${id}/decision`, {
      outcome: 'EH', rationale: 'Needs support with routines; no safeguarding concern.', 'eh-reason': 'Family support worker: routines and sleep.',
    })).status).toBe(303);
    const [c] = await db.query<{ early_help_id: string }>('SELECT early_help_id FROM current_contact WHERE id = $1', [id]);
    expect(await db.query('SELECT reason, step_down_from_contact_id, step_down_requested_date FROM current_early_help_episode WHERE id = $1', [c!.early_help_id])).toEqual([
      { reason: 'Family support worker: routines and sleep.', step_down_from_contact_id: id, step_down_requested_date: today },
    ]);

    const [episode] = await db.query<{ id: string; person_id: string }>(
      `SELECT id, person_id FROM current_early_help_episode WHERE end_date IS NULL AND step_up_contact_id IS NULL AND step_up_requested_date IS NULL
        AND start_date < $1 ORDER BY id LIMIT 1`, [today]);
    const form = await frontDoor.get(`/front-door/step-up?episode=${episode!.id}`);
    expect(form.status).toBe(200);
    expect((await frontDoor.post(`/front-door/step-up?episode=${episode!.id}`, {})).status).toBe(400);
    const up = await frontDoor.post(`/front-door/step-up?episode=${episode!.id}`, {
      ...when('received', 5), concern: 'Disclosure at school of being hit; early help cannot keep the child safe.', consent: 'Y',
    });
    expect(up.status).toBe(303);
    const upId = idFrom(up.headers.get('location'), /\/front-door\/contacts\/([^/]+)\/decision$/);
    const versions = await history(db, getEntity('early_help_episode'), episode!.id);
    expect(versions.at(-1)).toMatchObject({ step_up_contact_id: upId, step_up_requested_date: today, change_reason: 'Stepped up to the front door' });
    expect(await db.query('SELECT person_id, source FROM current_contact WHERE id = $1', [upId])).toEqual([{ person_id: episode!.person_id, source: '5D' }]);
    const queue = await (await frontDoor.get('/front-door')).text();
    expect(queue).toContain(`/front-door/contacts/${upId}/decision`);
    expect(queue).toContain('Step-up from early help');
  });

  it('unknown records are pages not found, not errors', async () => {
    for (const path of ['/front-door/contacts/nope', '/front-door/contacts/nope/decision', '/front-door/referrals/nope', '/front-door/s47/nope/outcome',
      '/front-door/icpc/nope/cp-plan/new', '/front-door/assessments/nope/authorise', '/front-door/step-up?episode=nope', '/visits/new?person=nope']) {
      expect((await frontDoor.get(path)).status, path).toBe(404);
    }
    expect((await frontDoor.post('/front-door/contacts/nope/decision', {})).status).toBe(404);
  });
});

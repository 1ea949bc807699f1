/**
 * The whole front door journey in a real browser, as the people who do it would: a front door worker records
 * a contact and makes the MASH decision against its 24-hour deadline, accepts it as a referral, records the
 * strategy discussion and starts the section 47 enquiry; the team manager records its outcome, the initial
 * child protection conference (due in 15 working days) and the child protection plan, records a visit, and
 * allocates the child from the team dashboard. Also: a step-down to early help with its plan, and a manager's
 * challenge to a decision with its resolution. Every page and every form's error state is checked with axe.
 * THREADLINE_SHOTS=/tmp/shots/journey saves a screenshot of each step.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createRecord } from '../db/record-store.js';
import { icpcClock } from '../domain/clocks/index.js';
import { dueTimeInWords } from '../domain/front-door/when.js';
import { getEntity } from '../domain/model/entities.js';
import { addMonths, londonDate, longDate, toLondon } from '../domain/time/london.js';
import { axeViolations, launchBrowser, signInAs } from '../testing/browser.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { startTestServer, type TestServer } from '../testing/web.js';

const SHOTS = process.env.THREADLINE_SHOTS; // a folder to save screenshots in, when set

/** A London date and time `minutesAgo` before now, as a form's boxes take them. */
function londonParts(minutesAgo: number) {
  const l = toLondon(Date.now() - minutesAgo * 60_000);
  return {
    day: String(l.day), month: String(l.month), year: String(l.year),
    time: `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`,
  };
}

describe('in a browser: the front door journey from contact to child protection plan and visit, and the allocation', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let frontDoorCtx: BrowserContext;
  let managerCtx: BrowserContext;
  let fd: Page; // the front door worker
  let tm: Page; // the team manager
  let teamId: string;
  let teamName: string;
  let fdWorkerName: string;
  const childId = 'P-JOURNEY-1';
  const childName = 'Jayden Okafor';
  const stepDownChildId = 'P-JOURNEY-2';
  const stepDownName = 'Mia Kowalski';
  const today = londonDate(new Date());
  let step = 0;

  /** axe on the page as it is now (no violations), then a screenshot when asked for. */
  async function check(page: Page, name: string) {
    expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
    step += 1;
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${String(step).padStart(2, '0')}-${name}.png`, fullPage: true });
  }
  const errorLinks = (page: Page) => page.locator('.govuk-error-summary a').allTextContents();
  const dateGroup = (page: Page, legend: string) => page.getByRole('group', { name: legend, exact: true });
  async function fillDate(page: Page, legend: string, date: string) {
    const g = dateGroup(page, legend);
    await g.getByLabel('Day').fill(String(Number(date.slice(8))));
    await g.getByLabel('Month').fill(String(Number(date.slice(5, 7))));
    await g.getByLabel('Year').fill(date.slice(0, 4));
  }

  beforeAll(async () => {
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
    db = await demoDatabase();
    const [m] = await db.query<{ team_id: string; name: string }>(
      `SELECT u.team_id, t.name FROM app_user u JOIN current_team t ON t.id = u.team_id WHERE u.username = 'team.manager'`);
    teamId = m!.team_id;
    teamName = m!.name;
    const [f] = await db.query<{ display_name: string }>(`SELECT display_name FROM app_user WHERE username = 'front.door'`);
    fdWorkerName = f!.display_name;
    // Two children new to children's services (added as the "add a child" page would).
    await db.transaction(async (tx) => {
      await createRecord(tx, getEntity('person'), { id: childId, forename: 'Jayden', surname: 'Okafor', dob: addMonths(today, -8 * 12), sex: 'M' }, { actor: 'test', reason: '' });
      await createRecord(tx, getEntity('person'), { id: stepDownChildId, forename: 'Mia', surname: 'Kowalski', dob: addMonths(today, -4 * 12 - 3), sex: 'F' }, { actor: 'test', reason: '' });
    });
    server = await startTestServer(db);
    browser = await launchBrowser();
    frontDoorCtx = await browser.newContext();
    managerCtx = await browser.newContext();
    fd = await frontDoorCtx.newPage();
    tm = await managerCtx.newPage();
    await signInAs(fd, server.base, 'front.door');
    await signInAs(tm, server.base, 'team.manager');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  const received = londonParts(45);
  let contactUrl = '';

  it('the front door worker finds the child and records a contact: source, date and time received, consent', async () => {
    await fd.getByRole('link', { name: 'Front door', exact: true }).click();
    await fd.waitForSelector('h1');
    expect(await fd.locator('h1').textContent()).toBe('Front door');
    await check(fd, 'front-door');

    await fd.getByRole('button', { name: 'Record a contact' }).click();
    await fd.waitForSelector('h1:text("Record a contact")');
    await check(fd, 'find-child');
    await fd.getByLabel('Find the child by name or Threadline ID').fill('Okafor');
    await fd.getByRole('button', { name: 'Find the child' }).click();
    await fd.waitForSelector('table');
    await check(fd, 'find-child-results');
    await fd.getByRole('link', { name: `Record a contact about ${childName}` }).click();
    await fd.waitForSelector('form[method="post"]');
    expect(await fd.locator('.govuk-caption-l').textContent()).toContain(childName);
    await check(fd, 'contact-form');

    // Sent empty (the date and time are filled in with now: clear them): every mistake is listed.
    for (const box of ['Day', 'Month', 'Year']) await dateGroup(fd, 'Date the contact was received').getByLabel(box).fill('');
    await fd.getByLabel('Time the contact was received').fill('');
    await fd.getByRole('button', { name: 'Record the contact' }).click();
    await fd.waitForSelector('.govuk-error-summary');
    expect(await fd.title()).toMatch(/^Error: Record a contact/);
    expect(await errorLinks(fd)).toEqual([
      'Enter the date the contact was received', 'Enter the time the contact was received', 'Select who made the contact',
      'Enter what the concern is', 'Select yes if consent was obtained to share information',
    ]);
    // The error summary's links go to the fields.
    await fd.getByRole('link', { name: 'Enter what the concern is' }).click();
    expect(await fd.evaluate(() => document.activeElement?.id)).toBe('concern');
    await check(fd, 'contact-errors');

    const g = dateGroup(fd, 'Date the contact was received');
    await g.getByLabel('Day').fill(received.day);
    await g.getByLabel('Month').fill(received.month);
    await g.getByLabel('Year').fill(received.year);
    await fd.getByLabel('Time the contact was received').fill(received.time);
    await fd.getByLabel('Who made the contact').selectOption({ label: 'Schools' });
    await fd.getByLabel('Their name, role and organisation (optional)').fill('Ms Patel, class teacher, Hillside Primary');
    await fd.getByLabel('What is the concern?').fill('Jayden came to school with a bruise on his cheek. He told his teacher his dad hit him last night.');
    await fd.getByRole('radio', { name: 'No' }).check();
    await fd.getByLabel('If not, why was consent not obtained, or not needed?').fill('Asking the parents could put Jayden at risk of further harm.');
    await check(fd, 'contact-filled');
    await fd.getByRole('button', { name: 'Record the contact' }).click();
    await fd.waitForURL(/\/front-door\/contacts\/[^/]+\/decision$/);
    contactUrl = fd.url().replace(/\/decision$/, '');
  });

  it('the MASH decision page shows the 24-hour deadline as a time and how long is left', async () => {
    const [c] = await db.query<{ received_at: Date; source: string; consent: string }>(
      'SELECT received_at, source, consent FROM current_contact WHERE person_id = $1', [childId]);
    expect(c).toMatchObject({ source: '2A', consent: 'N' });
    expect(toLondon(c!.received_at)).toMatchObject({ day: Number(received.day), month: Number(received.month), year: Number(received.year) });
    const due = new Date(c!.received_at.getTime() + 24 * 3_600_000);
    expect(await fd.locator('#deadline').textContent()).toBe(dueTimeInWords(due));
    expect(await fd.locator('.govuk-inset-text .govuk-tag').textContent()).toMatch(/^\s*23 hours (\d+ minutes? )?left\s*$/);
    expect(await fd.locator('main').textContent()).toContain(`No earlier contacts, referrals, early help or plans are recorded for ${childName}`);
    await check(fd, 'decision');
  });

  let referralUrl = '';
  it('the threshold decision: sent empty it lists what is missing; then accepted as a referral with its rationale', async () => {
    await fd.getByRole('button', { name: 'Record the decision' }).click();
    await fd.waitForSelector('.govuk-error-summary');
    expect(await fd.title()).toMatch(/^Error: /);
    expect(await errorLinks(fd)).toEqual(['Select the decision', 'Enter the rationale for the decision']);
    expect(await fd.locator('#deadline').textContent()).not.toBe('');
    await check(fd, 'decision-errors');

    await fd.getByRole('radio', { name: 'Accept as a referral to children’s social care' }).check();
    await fd.getByLabel('Which team will the referral go to?').selectOption({ label: teamName });
    await fd.getByLabel('Primary need (optional)').selectOption({ value: 'N1' });
    await fd.getByLabel('Rationale').fill('A young child with an injury to the face and a clear disclosure that his father hit him. '
      + 'Threshold for a section 47 enquiry is met: strategy discussion today.');
    await check(fd, 'decision-filled');
    await fd.getByRole('button', { name: 'Record the decision' }).click();
    await fd.waitForURL(/\/front-door\/referrals\/[^/?]+\?done=decision$/);
    referralUrl = fd.url().replace(/\?.*$/, '');
    expect(await fd.locator('.govuk-notification-banner__heading, .govuk-notification-banner__content').first().textContent()).toContain('accepted as a referral');
    expect(await fd.locator('main').textContent()).toContain('Hold a strategy discussion if significant harm is suspected');
    await check(fd, 'referral');
    const [r] = await db.query<{ team_id: string; recorded_by: string }>('SELECT team_id, recorded_by FROM current_referral WHERE person_id = $1', [childId]);
    expect(r).toEqual({ team_id: teamId, recorded_by: 'front.door' });
  });

  it('the strategy discussion: agencies invited and taking part, decisions with the medical examination and why, minutes', async () => {
    await fd.getByRole('link', { name: 'Hold a strategy discussion if significant harm is suspected' }).click();
    await fd.waitForSelector('h1:text("Record a strategy discussion")');
    await check(fd, 'strategy-form');
    // Invited: only children's social care; a medical examination with no reason.
    const invited = fd.getByRole('group', { name: 'Which agencies were invited?' });
    for (const box of await invited.getByRole('checkbox').all()) await box.uncheck();
    await invited.getByRole('checkbox', { name: /children’s social care/i }).check();
    await fd.getByRole('group', { name: 'Is a medical examination needed?' }).getByRole('radio', { name: 'Yes' }).check();
    await fd.getByRole('button', { name: 'Record the strategy discussion' }).click();
    await fd.waitForSelector('.govuk-error-summary');
    const errors = await errorLinks(fd);
    expect(errors).toContain('Invite the police and health: Working Together says every strategy discussion needs the police, health and children’s social care');
    expect(errors).toContain('Say why a medical examination is needed, and who will arrange it');
    await check(fd, 'strategy-errors');

    const held = londonParts(0); // now: after the referral was accepted
    const heldGroup = dateGroup(fd, 'Date of the strategy discussion');
    await heldGroup.getByLabel('Day').fill(held.day);
    await heldGroup.getByLabel('Month').fill(held.month);
    await heldGroup.getByLabel('Year').fill(held.year);
    await fd.getByLabel('Time it started').fill(held.time);
    // The front door worker chairs it: chosen already.
    expect(await fd.getByLabel('Who chaired it?').locator('option:checked').textContent()).toContain(fdWorkerName);
    for (const name of [/^Police/i, /^Health/i, /^School/i]) await invited.getByRole('checkbox', { name }).check();
    const attended = fd.getByRole('group', { name: 'Which agencies took part?' });
    for (const name of [/^Police/i, /^Health/i, /children’s social care/i]) await attended.getByRole('checkbox', { name }).check();
    await fd.getByRole('radio', { name: /section 47/i }).first().check();
    await fd.getByLabel('Decisions and actions').fill('Joint visit by police and a social worker today. School to share attendance and any earlier concerns by 4pm.');
    await fd.getByLabel('If yes, why is it needed, and who will arrange it?').fill('Bruising to the face of a young child: paediatric examination today, arranged by health.');
    await check(fd, 'strategy-filled');
    await fd.getByRole('button', { name: 'Record the strategy discussion' }).click();
    await fd.waitForURL(/\?done=strategy$/);
    const agencies = await db.query<{ agency: string; invited: boolean; attended: boolean }>(
      `SELECT a.agency, a.invited, a.attended FROM current_strategy_agency a JOIN current_strategy_discussion s ON s.id = a.strategy_id
         JOIN current_referral r ON r.id = s.referral_id WHERE r.person_id = $1 ORDER BY a.agency`, [childId]);
    expect(agencies).toEqual([
      { agency: 'CSC', invited: true, attended: true }, { agency: 'HEA', invited: true, attended: true },
      { agency: 'POL', invited: true, attended: true }, { agency: 'SCH', invited: true, attended: false },
    ]);
    const main = await fd.locator('main').textContent();
    expect(main).toContain('Bruising to the face of a young child');
    await check(fd, 'referral-after-strategy');

    // The minutes, written later: first sent empty.
    await fd.getByRole('link', { name: 'Record when the strategy discussion minutes were written' }).click();
    await fd.waitForSelector('form[method="post"]');
    await check(fd, 'minutes-form');
    for (const box of ['Day', 'Month', 'Year']) await fd.getByLabel(box).fill('');
    await fd.getByRole('textbox', { name: /^Time/ }).fill('');
    await fd.getByRole('button', { name: /Record/ }).click();
    await fd.waitForSelector('.govuk-error-summary');
    await check(fd, 'minutes-errors');
    const minutes = londonParts(0);
    await fd.getByLabel('Day').fill(minutes.day);
    await fd.getByLabel('Month').fill(minutes.month);
    await fd.getByLabel('Year').fill(minutes.year);
    await fd.getByRole('textbox', { name: /^Time/ }).fill(minutes.time);
    await fd.getByRole('button', { name: /Record/ }).click();
    await fd.waitForURL(/\?done=minutes$/);
    expect(await fd.locator('main').textContent()).not.toContain('Record when the strategy discussion minutes were written');
    await check(fd, 'referral-after-minutes');
  });

  it('section 47: started and the child seen by the front door; the outcome recorded by the team manager', async () => {
    await fd.getByRole('link', { name: 'Start the section 47 enquiry' }).click();
    await fd.waitForSelector('h1:text("Start a section 47 enquiry")');
    await check(fd, 's47-form');
    for (const box of ['Day', 'Month', 'Year']) await dateGroup(fd, 'Date the enquiry started').getByLabel(box).fill('');
    await fd.getByRole('button', { name: 'Start the enquiry' }).click();
    await fd.waitForSelector('.govuk-error-summary');
    await check(fd, 's47-errors');
    await fillDate(fd, 'Date the enquiry started', today);
    await fillDate(fd, 'Date the child was seen (if seen yet)', today);
    await fd.getByRole('button', { name: 'Start the enquiry' }).click();
    await fd.waitForURL(/\?done=s47$/);
    await check(fd, 'referral-after-s47');

    await tm.goto(referralUrl);
    await check(tm, 'referral-manager');
    await tm.getByRole('link', { name: /outcome of the section 47/i }).first().click();
    await tm.waitForSelector('h1:text("Outcome of the section 47 enquiry")');
    await check(tm, 's47-outcome-form');
    await tm.getByRole('button', { name: 'Record the outcome' }).click();
    await tm.waitForSelector('.govuk-error-summary');
    expect((await errorLinks(tm)).length).toBeGreaterThan(0);
    await check(tm, 's47-outcome-errors');
    await fillDate(tm, 'Date the enquiry was completed', today);
    await tm.getByRole('radio', { name: /Concerns are substantiated/ }).check();
    await tm.getByLabel('Findings').fill('The injury is consistent with Jayden’s account. Father admits hitting him. Mother is supportive of Jayden but has not kept him safe before.');
    await tm.getByRole('button', { name: 'Record the outcome' }).click();
    await tm.waitForURL(/\?done=s47-outcome$/);
    const [s] = await db.query<{ start_date: string; child_seen_date: string; end_date: string }>(
      `SELECT q.start_date, q.child_seen_date, q.end_date FROM current_s47_enquiry q JOIN current_referral r ON r.id = q.referral_id WHERE r.person_id = $1`, [childId]);
    expect(s).toEqual({ start_date: today, child_seen_date: today, end_date: today });
    await check(tm, 'referral-after-s47-outcome');
  });

  it('the initial child protection conference: its due date shown, 15 working days from the strategy discussion; then the CP plan with its category', async () => {
    const [st] = await db.query<{ held_at: Date }>(
      `SELECT s.held_at FROM current_strategy_discussion s JOIN current_referral r ON r.id = s.referral_id WHERE r.person_id = $1`, [childId]);
    const due = icpcClock.due(londonDate(st!.held_at));
    expect(await tm.locator('main').textContent()).toContain(longDate(due));
    await tm.getByRole('link', { name: /initial child protection conference/i }).first().click();
    await tm.waitForSelector('h1:text("Record the initial child protection conference")');
    expect(await tm.locator('#icpc-due').textContent()).toBe(longDate(due));
    expect(await tm.locator('.govuk-inset-text').textContent()).toContain('15 working days from the strategy discussion');
    await check(tm, 'icpc-form');
    await tm.getByRole('button', { name: 'Record the conference' }).click();
    await tm.waitForSelector('.govuk-error-summary');
    await check(tm, 'icpc-errors');
    await fillDate(tm, 'Date of the conference', today);
    await tm.getByRole('radio', { name: 'Yes' }).check();
    await tm.getByRole('button', { name: 'Record the conference' }).click();
    await tm.waitForURL(/\/cp-plan\/new$/);
    await check(tm, 'cp-plan-form');
    await tm.getByRole('button', { name: 'Record the plan' }).click();
    await tm.waitForSelector('.govuk-error-summary');
    expect(await errorLinks(tm)).toEqual(['Select the category of abuse']);
    await check(tm, 'cp-plan-errors');
    await tm.getByRole('radio', { name: 'Physical abuse' }).check();
    await tm.getByRole('button', { name: 'Record the plan' }).click();
    await tm.waitForURL(/\?done=cp-plan$/);
    const [plan] = await db.query<{ initial_category: string; start_date: string }>('SELECT initial_category, start_date FROM current_cp_plan WHERE person_id = $1', [childId]);
    expect(plan).toEqual({ initial_category: 'PHY', start_date: today });
    expect(await tm.locator('main').textContent()).toContain('Physical abuse');
    await check(tm, 'referral-after-cp-plan');
  });

  it('a child protection visit: seen, seen alone, and what the child said; the next visit due', async () => {
    await tm.getByRole('link', { name: /Visit the child/ }).first().click();
    await tm.waitForSelector('h1:text("Record a visit")');
    expect(await tm.locator('#next-visit-due').textContent()).toMatch(/^\d\d:\d\d on [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}$|^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    await check(tm, 'visit-form');
    await tm.getByRole('group', { name: 'Was the child seen?' }).getByRole('radio', { name: 'Yes' }).check();
    await tm.getByRole('button', { name: 'Record the visit' }).click();
    await tm.waitForSelector('.govuk-error-summary');
    expect(await errorLinks(tm)).toEqual(expect.arrayContaining(['Select yes if the child was seen alone']));
    await check(tm, 'visit-errors');
    const visit = londonParts(0);
    const g = dateGroup(tm, 'Date of the visit');
    await g.getByLabel('Day').fill(visit.day);
    await g.getByLabel('Month').fill(visit.month);
    await g.getByLabel('Year').fill(visit.year);
    await tm.getByLabel('Time of the visit').fill(visit.time);
    await tm.getByLabel('Who visited?').selectOption({ index: 1 });
    await tm.getByRole('group', { name: 'Was the child seen alone?' }).getByRole('radio', { name: 'Yes' }).check();
    await tm.getByLabel('What did the child say?').fill('“I don’t want Dad to be cross any more. I like it when Nan picks me up from school.”');
    await tm.getByRole('button', { name: 'Record the visit' }).click();
    await tm.waitForSelector('.govuk-notification-banner--success');
    expect(await tm.locator('.govuk-notification-banner').textContent()).toContain('The next visit is due by');
    const [v] = await db.query<{ seen: boolean; seen_alone: boolean; child_said: string }>(
      'SELECT seen, seen_alone, child_said FROM current_cp_visit WHERE person_id = $1', [childId]);
    expect(v).toEqual({ seen: true, seen_alone: true, child_said: '“I don’t want Dad to be cross any more. I like it when Nan picks me up from school.”' });
    await check(tm, 'visit-recorded');
  });

  it('the team manager allocates the child from the dashboard, where the child is waiting', async () => {
    await tm.getByRole('link', { name: 'My team' }).click();
    await tm.waitForSelector('h1');
    const row = tm.locator('#unallocated ~ table tbody tr', { hasText: childName });
    expect(await row.count()).toBe(1);
    await check(tm, 'team-dashboard');
    await row.getByRole('button', { name: `Allocate ${childName}` }).click();
    await tm.waitForSelector('.govuk-error-summary');
    expect(await errorLinks(tm)).toEqual(['Choose a worker to allocate the child to']);
    await check(tm, 'team-allocate-errors');
    const again = tm.locator('#unallocated ~ table tbody tr', { hasText: childName });
    const select = again.getByLabel(`Worker for ${childName}`);
    const option = await select.locator('option').nth(1).textContent();
    const workerName = option!.replace(/ \(\d+ child(ren)?\)$/, '');
    await select.selectOption({ index: 1 });
    await again.getByRole('button', { name: `Allocate ${childName}` }).click();
    await tm.waitForSelector('.govuk-notification-banner--success');
    expect(await tm.locator('.govuk-notification-banner__heading').textContent()).toBe(`${childName} is allocated to ${workerName}`);
    expect(await tm.locator('#unallocated ~ table tbody tr', { hasText: childName }).count()).toBe(0);
    await check(tm, 'team-allocated');
    await tm.goto(referralUrl);
    expect(await tm.locator('.govuk-summary-list').first().textContent()).toContain(workerName);
  });

  let stepDownContact = '';
  it('a step-down to early help needs the plan for the family', async () => {
    await fd.goto(`${server.base}/front-door/contacts/new?person=${stepDownChildId}`);
    await fd.getByLabel('Who made the contact').selectOption({ value: '3B' });
    await fd.getByLabel('What is the concern?').fill('Mother is struggling with routines and sleep since the birth of a new baby; Mia is often late to nursery.');
    await fd.getByRole('radio', { name: 'Yes' }).check();
    await fd.getByRole('button', { name: 'Record the contact' }).click();
    await fd.waitForURL(/\/decision$/);
    expect(await fd.locator('.govuk-caption-l').textContent()).toContain(stepDownName);
    stepDownContact = fd.url().replace(/\/decision$/, '');
    await fd.getByRole('radio', { name: /early help/i }).check();
    await fd.getByLabel('Rationale').fill('No safeguarding concern: the family needs practical support with routines, and mother agrees.');
    await fd.getByRole('button', { name: 'Record the decision' }).click();
    await fd.waitForSelector('.govuk-error-summary');
    expect(await errorLinks(fd)).toEqual(['Say what early help should do and why (the plan for the family)']);
    await check(fd, 'step-down-errors');
    await fd.getByLabel('What should early help do, and why?').fill('Family support worker for 12 weeks: bedtime routine, getting to nursery on time, and help with the baby. Back to the front door if nursery attendance falls below 80%.');
    await fd.getByRole('button', { name: 'Record the decision' }).click();
    await fd.waitForURL(/\?done=decision$/);
    await check(fd, 'step-down-recorded');
    const [e] = await db.query<{ reason: string }>('SELECT reason FROM current_early_help_episode WHERE person_id = $1', [stepDownChildId]);
    expect(e!.reason).toMatch(/^Family support worker for 12 weeks/);
    // On the front door's recent decisions, unchallenged.
    await fd.getByRole('link', { name: 'Front door', exact: true }).click();
    await fd.waitForSelector('#recent');
    const row = fd.locator('#recent ~ div table tbody tr', { hasText: stepDownName });
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^\s*Step down to early help\s*$/);
    await check(fd, 'front-door-recent');
  });

  it('a manager challenges the decision, and the resolution is recorded with it', async () => {
    // Not a child of the team manager's service: no challenge offered (it would be refused).
    await tm.goto(stepDownContact);
    expect(await tm.locator('main').textContent()).toContain('Step down to early help');
    expect(await tm.getByRole('button', { name: 'Challenge this decision' }).count()).toBe(0);
    // The referral to the manager's team: the manager disagrees with part of the MASH decision.
    await tm.goto(contactUrl);
    await check(tm, 'contact-manager');
    await tm.getByRole('button', { name: 'Challenge this decision' }).click();
    await tm.waitForSelector('h1:text("Challenge the decision")');
    await check(tm, 'challenge-form');
    await tm.getByRole('button', { name: 'Record the challenge' }).click();
    await tm.waitForSelector('.govuk-error-summary');
    expect(await errorLinks(tm)).toEqual(['Say why you disagree with the decision']);
    await check(tm, 'challenge-errors');
    await tm.getByLabel('Why do you disagree with the decision?').fill('The primary need should be abuse or neglect (N1) confirmed now, and the referral should have gone to the duty team with a same-day strategy discussion recorded in the contact.');
    await tm.getByRole('button', { name: 'Record the challenge' }).click();
    await tm.waitForURL(/\?done=challenged$/);
    expect(await tm.locator('main').textContent()).toContain('Waiting for a resolution');
    await check(tm, 'challenged');
    await tm.getByRole('button', { name: 'Record the resolution' }).click();
    await tm.waitForSelector('h1:text("Resolve the challenge")');
    await tm.getByRole('button', { name: 'Record the resolution' }).click();
    await tm.waitForSelector('.govuk-error-summary');
    await check(tm, 'resolution-errors');
    await tm.getByLabel('How was the challenge resolved?').fill('Discussed with the MASH manager: the team stays as decided because the child is now allocated there; primary need N1 confirmed.');
    await tm.getByRole('button', { name: 'Record the resolution' }).click();
    await tm.waitForURL(/\?done=resolved$/);
    const main = await tm.locator('main').textContent();
    expect(main).toContain('Challenge resolved');
    expect(main).toContain('The primary need should be abuse or neglect');
    await check(tm, 'resolved');
    await fd.reload();
    expect(await fd.locator('#recent ~ div table tbody tr', { hasText: childName }).locator('td').nth(2).textContent()).toContain('Challenge resolved');
    expect(await fd.locator('#recent ~ div table tbody tr', { hasText: stepDownName }).locator('td').nth(2).textContent()).not.toContain('Challenge');
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createRecord, updateRecord } from '../db/record-store.js';
import { getEntity } from '../domain/model/entities.js';
import { addDays, londonDate, startOfLondonDay } from '../domain/time/london.js';
import { axeViolations, launchBrowser, signInAs } from '../testing/browser.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { startTestServer, type TestServer } from '../testing/web.js';

const SHOTS = process.env.THREADLINE_SHOTS; // a folder to save screenshots in, when set

describe('in a browser: the team manager’s dashboard, allocation, My work, supervision and plan actions', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let teamId: string;
  const waiting: string[] = [];
  let cp: { id: string; person_id: string };

  async function shot(name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/team-${name}.png`, fullPage: true });
  }

  beforeAll(async () => {
    db = await demoDatabase();
    const [demo] = await db.query<{ team_id: string }>(`SELECT team_id FROM app_user WHERE username = 'team.manager'`);
    teamId = demo!.team_id;
    // Two children referred to the team ten days ago with no worker yet.
    const people = await db.query<{ id: string }>(
      `SELECT p.id FROM current_person p
        WHERE p.dob > $1 AND NOT EXISTS (SELECT 1 FROM current_allocation a WHERE a.person_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM current_referral r WHERE r.person_id = p.id)
        ORDER BY p.id LIMIT 2`, [addDays(londonDate(new Date()), -365 * 15)]);
    for (const [i, p] of people.entries()) {
      await db.transaction(async (tx) => {
        await updateRecord(tx, getEntity('person'), p.id, { forename: ['Ada', 'Bo'][i]!, surname: 'Waiting' }, { actor: 'test', reason: 'test names' });
        await createRecord(tx, getEntity('referral'), {
          id: `REF-browser-${p.id}`, person_id: p.id, referral_date: startOfLondonDay(addDays(londonDate(new Date()), -10)), referral_date_has_time: false, team_id: teamId,
        }, { actor: 'test', reason: '' });
      });
      waiting.push(p.id);
    }
    [cp] = await db.query<{ id: string; person_id: string }>(
      `SELECT p.id, p.person_id FROM current_cp_plan p JOIN current_allocation a ON a.person_id = p.person_id AND a.end_date IS NULL
         JOIN current_worker w ON w.id = a.worker_id AND w.team_id = $1
        WHERE p.end_date IS NULL ORDER BY p.id LIMIT 1`, [teamId]) as [{ id: string; person_id: string }];
    server = await startTestServer(db);
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInAs(page, server.base, 'team.manager');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('opens the dashboard: workers with their caseload and work, and the children waiting', async () => {
    await page.getByRole('link', { name: 'My team' }).click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Your team’s work');
    expect(await page.locator('#unallocated ~ table tbody tr', { hasText: 'Ada Waiting' }).count()).toBe(1);
    expect(await page.locator('table.app-work-table').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot('dashboard');
  });

  it('shows the error when allocating without choosing a worker', async () => {
    const row = page.locator('tr', { hasText: 'Bo Waiting' });
    await row.getByRole('button', { name: 'Allocate Bo Waiting' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.title()).toBe('Error: Your team’s work – Threadline');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Choose a worker to allocate the child to']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('allocate-error');
  });

  it('allocates a waiting child from the page: a confirmation, and the child leaves the list', async () => {
    const row = page.locator('tr', { hasText: 'Ada Waiting' });
    const select = row.getByLabel('Worker for Ada Waiting');
    const option = await select.locator('option').nth(1).textContent();
    const workerName = option!.replace(/ \(\d+ child(ren)?\)$/, '');
    await select.selectOption({ index: 1 });
    await row.getByRole('button', { name: 'Allocate Ada Waiting' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('.govuk-notification-banner__heading').textContent()).toBe(`Ada Waiting is allocated to ${workerName}`);
    expect(await page.locator('#unallocated ~ table tbody tr', { hasText: 'Ada Waiting' }).count()).toBe(0);
    const [allocation] = await db.query<{ role: string; recorded_by: string }>('SELECT role, recorded_by FROM current_allocation WHERE person_id = $1', [waiting[0]]);
    expect(allocation).toEqual({ role: 'CH', recorded_by: 'team.manager' });
    expect(await axeViolations(page)).toEqual([]);
    await shot('allocated');
  });

  it('opens My work', async () => {
    await page.getByRole('link', { name: 'My work' }).click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('My work');
    expect(await page.locator('main').textContent()).toMatch(/You hold \d+ cases?|not linked to a worker record/);
    expect(await axeViolations(page)).toEqual([]);
    await shot('my-work');
  });

  it('records case supervision, with the error state when the rationale is missing', async () => {
    await page.goto(`${server.base}/supervision/new?person=${cp.person_id}`);
    expect(await page.locator('h1').textContent()).toBe('Record supervision or management oversight');
    expect(await axeViolations(page)).toEqual([]);
    await shot('supervision-form');
    await page.getByLabel('Case supervision').check();
    await page.getByLabel('Decision').fill('Continue the plan. Core group to review school attendance by 4 December.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the rationale: why this decision was made']);
    expect(await page.getByLabel('Decision').inputValue()).toMatch(/^Continue the plan/);
    expect(await axeViolations(page)).toEqual([]);
    await shot('supervision-error');
    await page.getByLabel('Rationale').fill('Attendance is up and mother is using the parenting course; risk of neglect has reduced but not gone.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.govuk-panel');
    expect(await page.locator('.govuk-panel__title').textContent()).toMatch(/Case supervision recorded/);
    expect(await page.locator('main').textContent()).toMatch(/The next case supervision is due by/);
    expect(await axeViolations(page)).toEqual([]);
    await shot('supervision-recorded');
  });

  it('adds a plan action, with the error state first, and changes its status with a reason', async () => {
    await page.goto(`${server.base}/plans/cp/${cp.id}`);
    expect(await page.locator('h1').textContent()).toBe('Child protection plan');
    expect(await axeViolations(page)).toEqual([]);
    await shot('plan');
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Enter what needs to be done', 'Enter who will do it', 'Enter the date it must be done by',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await shot('plan-error');
    const due = addDays(londonDate(new Date()), 10);
    await page.getByLabel('What needs to be done').fill('Take Jamie to the dentist for a check-up');
    await page.getByLabel('Who will do it').fill('Mother');
    await page.getByLabel('Day').fill(String(Number(due.slice(8))));
    await page.getByLabel('Month').fill(String(Number(due.slice(5, 7))));
    await page.getByLabel('Year').fill(due.slice(0, 4));
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('.govuk-summary-card__title', { hasText: 'Take Jamie to the dentist' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // The status form's error state: no reason given.
    const [action] = await db.query<{ id: string }>(`SELECT id FROM current_plan_action WHERE plan_id = $1 AND action = 'Take Jamie to the dentist for a check-up'`, [cp.id]);
    const details = page.locator('details', { has: page.locator(`#status-${action!.id}`) });
    await details.locator('summary').click();
    await details.getByLabel('In progress').check();
    await details.getByRole('button', { name: 'Save the status' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Say why the status has changed']);
    expect(await axeViolations(page)).toEqual([]);
    const open = page.locator('details[open]', { has: page.locator(`#reason-${action!.id}`) });
    await open.getByLabel('Why has it changed?').fill('Appointment booked for next week');
    await open.getByRole('button', { name: 'Save the status' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('main').textContent()).toContain('because: Appointment booked for next week');
    expect(await axeViolations(page)).toEqual([]);
    await shot('plan-updated');
  });

  it('starts a child in need plan, with its error state', async () => {
    const [child] = await db.query<{ person_id: string }>(
      `SELECT r.person_id FROM current_referral r
        WHERE r.close_date IS NULL AND r.team_id = $1
          AND NOT EXISTS (SELECT 1 FROM current_cin_plan c WHERE c.person_id = r.person_id AND c.end_date IS NULL)
        ORDER BY r.id LIMIT 1`, [teamId]);
    await page.goto(`${server.base}/plans/cin/new?person=${child!.person_id}`);
    expect(await page.locator('h1').textContent()).toBe('Start a child in need plan');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByRole('button', { name: 'Start the plan' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The date the plan started must be a real date']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('cin-plan-error');
  });
});

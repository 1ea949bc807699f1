import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { addMonthsToMonth } from '../domain/measures/index.js';
import { londonDate } from '../domain/time/london.js';
import { axeViolations, launchBrowser, signInAs } from '../testing/browser.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { startTestServer, type TestServer } from '../testing/web.js';

const SHOTS = process.env.THREADLINE_SHOTS; // a folder to save screenshots in, when set
const month = addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);

describe('in a browser: the weekly performance board, and the report’s plans, surveys and inspections', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  async function shot(name: string) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  }

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    browser = await launchBrowser();
  }, 180_000);
  /** A fresh browser context (no session), signed in as the demonstration user. */
  async function as(username: string) {
    await page?.context().close();
    page = await (await browser.newContext()).newPage();
    await signInAs(page, server.base, username);
  }
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('shows the director the whole authority’s board, worst first, down to the children behind a shortfall', async () => {
    await as('director');
    await page.goto(`${server.base}/board?month=${month}`);
    expect(await page.locator('h1').textContent()).toMatch(/^Performance board: /);
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(11);
    // Worst first: no red measure after an amber or green one.
    const rags = (await rows.locator('td:nth-child(4)').allTextContents()).map((t) => t.trim());
    const order = rags.map((r) => ({ Red: 0, Amber: 1, Green: 2 } as Record<string, number>)[r] ?? 3);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(await axeViolations(page)).toEqual([]);
    await shot('board-director');

    // The first measure with a shortfall: its page by service, team and worker, then the children.
    const row = rows.filter({ has: page.locator('td:nth-child(5) a') }).first();
    const children = Number((await row.locator('td:nth-child(5) a').textContent())!.replace(/\D+.*$/s, ''));
    expect(children).toBeGreaterThan(0);
    await row.locator('th a').click();
    await page.waitForSelector('#workers');
    expect(await page.locator('h2').allTextContents()).toEqual(['By service', 'By team', 'By worker holding the case']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('board-measure');
    await page.locator('#teams + div table tbody tr td:nth-child(5) a').first().click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toMatch(/: the children behind the shortfall$/);
    expect(await page.locator('tbody tr a[href^="/children/"]').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot('board-children');
  });

  it('shows a team manager only their own team, and refuses another team’s children', async () => {
    const [tm] = await db.query<{ team_id: string }>(`SELECT team_id FROM app_user WHERE username = 'team.manager'`);
    const [other] = await db.query<{ id: string }>('SELECT id FROM current_team WHERE id <> $1 ORDER BY id LIMIT 1', [tm!.team_id]);
    await as('team.manager');
    await page.goto(`${server.base}/board?month=${month}`);
    const [team] = await db.query<{ name: string }>('SELECT name FROM current_team WHERE id = $1', [tm!.team_id]);
    expect(await page.locator('.govuk-caption-l').textContent()).toBe(team!.name);
    expect(await page.locator('thead th:nth-child(2)').textContent()).toBe('Your team');
    expect(await axeViolations(page)).toEqual([]);
    await shot('board-team-manager');
    await page.locator('tbody tr th a').first().click();
    await page.waitForSelector('#teams');
    const teamNames = await page.locator('#teams + div table tbody th').allTextContents();
    expect(teamNames.map((t) => t.trim())).toEqual([team!.name]);
    const refused = await page.goto(`${server.base}/board/m10-cin-visits-20wd/${month}/children?level=team&key=${other!.id}`);
    expect(refused!.status()).toBe(403);
  });

  it('refuses the board to a social worker', async () => {
    await as('social.worker');
    const res = await page.goto(`${server.base}/board`);
    expect(res!.status()).toBe(403);
  });

  it('records a rectification plan and an action through the forms, with their error states, and shows it in the report’s sections', async () => {
    await as('analyst');
    await page.goto(`${server.base}/report-plans`);
    expect(await page.locator('h1').textContent()).toBe('Plans, surveys and inspections');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record a rectification plan' }).click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Record a rectification plan');
    await page.getByLabel('Day').fill('');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.title()).toBe('Error: Record a rectification plan – Threadline');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Enter the plan’s title', 'Enter who owns the plan', 'Enter what the plan is to achieve', 'The date the plan started must include a day',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await shot('plan-new-error');
    await page.getByLabel('Title').fill('Return interviews within 72 hours');
    await page.getByLabel('Owner').fill('Head of Service, Exploitation and Missing');
    await page.getByLabel('What the plan is to achieve').fill('Every child returning from a missing episode offered an interview within 72 hours.');
    await page.getByLabel('Measure (optional)').selectOption('m09-return-interviews-72h');
    const [y, m] = month.split('-');
    await page.getByLabel('Day').fill('2');
    await page.getByLabel('Month').fill(String(Number(m)));
    await page.getByLabel('Year').fill(y!);
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('h1').textContent()).toBe('Return interviews within 72 hours');
    expect(await axeViolations(page)).toEqual([]);

    // Add an action: the error state, then a good one.
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter what needs to be done', 'Enter who will do it', 'Enter the date it must be done by']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('plan-action-error');
    await page.getByLabel('What needs to be done').fill('Daily list of returns for the missing team');
    await page.getByLabel('Who will do it').fill('Missing team manager');
    const due = page.locator('#due');
    await due.getByLabel('Day').fill('28');
    await due.getByLabel('Month').fill('2');
    await due.getByLabel('Year').fill('2099');
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('.govuk-summary-card__title').allTextContents()).toEqual(['Daily list of returns for the missing team']);

    // Update the action without a reason (error), then with one.
    const card = page.locator('.govuk-summary-card');
    await card.locator('summary').click();
    await card.getByLabel('In progress').check();
    await card.getByLabel('Progress made').fill('List runs every morning');
    await card.getByRole('button', { name: 'Save the action' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Say why you are changing the action']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('plan-action-change-error');
    await page.locator('details[open]').getByLabel('Why are you changing it?').fill('Started on Monday');
    await page.locator('details[open]').getByRole('button', { name: 'Save the action' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('#history ~ table tbody').textContent()).toContain('Started on Monday');
    expect(await axeViolations(page)).toEqual([]);
    await shot('plan');

    await page.goto(`${server.base}/report-sections/${month}`);
    const rect = page.locator('#rectification-plans ~ .govuk-summary-card', { hasText: 'Return interviews within 72 hours' });
    expect(await rect.count()).toBe(1);
    expect(await rect.textContent()).toContain('0 of 1 done');
    expect(await axeViolations(page)).toEqual([]);
    await shot('report-sections');
  });

  it('records a survey with its error state, the audit findings, and the failure thresholds with theirs', async () => {
    await page.goto(`${server.base}/report-entries/new?kind=survey`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Enter the survey’s title', 'Enter when the survey closed', 'Enter who was asked', 'Enter the results', 'Enter the analysis and key messages',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await shot('survey-error');
    const [y, m] = month.split('-');
    await page.getByLabel('Title').fill('Voice of the child 2026');
    await page.getByLabel('Day').fill('15');
    await page.getByLabel('Month').fill(String(Number(m)));
    await page.getByLabel('Year').fill(y!);
    await page.getByLabel('Who was asked').fill('Children looked after aged 11 to 17: 143 asked, 61 answered');
    await page.getByLabel('Results').fill('82% feel listened to by their social worker');
    await page.getByLabel('Analysis, trends, key messages and outcomes').fill('Up from 74% last year. Children want fewer changes of worker.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.base}/report-findings/${month}`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the thematic findings']);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Findings from the month’s audits').fill('Theme: child in need planning. Plans were clearer where supervision was regular.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector('.govuk-notification-banner--success');

    await page.goto(`${server.base}/report-findings/${month}?section=feedback-themes`);
    expect(await page.locator('h1').textContent()).toMatch(/^Themes from complaints and compliments: /);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the themes']);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Themes, learning and examples of compliments').fill('Complaints were mostly about changes of social worker.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForSelector('.govuk-notification-banner--success');

    await page.goto(`${server.base}/report-failures`);
    await page.getByLabel('Red for how many months in a row, for every measure').fill('0');
    await page.getByRole('button', { name: 'Save the thresholds' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter a number of months from 1 to 12', 'Say why you are changing the thresholds']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('failures-error');

    await page.goto(`${server.base}/report-sections/${month}`);
    expect(await page.locator('#surveys ~ .govuk-summary-card').first().textContent()).toContain('82% feel listened to');
    expect(await page.locator('#audit-findings + div').textContent()).toContain('Theme: child in need planning');
    expect(await page.locator('#feedback-themes + div').textContent()).toContain('changes of social worker');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the sections inside the monthly report page, without accessibility problems', async () => {
    await as('director');
    await page.goto(`${server.base}/reports/${month}`);
    expect(await page.locator('#sections h2').allTextContents()).toEqual([
      'Performance failures', 'Action plans', 'Rectification plans', 'Case-file audits', 'Complaints and compliments', 'Surveys', 'Inspection outcomes',
    ]);
    expect(await page.locator('#rectification-plans ~ .govuk-summary-card', { hasText: 'Return interviews within 72 hours' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('report-page');
  });
});

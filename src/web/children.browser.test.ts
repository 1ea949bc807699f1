import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { updateRecord } from '../db/record-store.js';
import { getEntity } from '../domain/model/entities.js';
import { addDays, londonDate } from '../domain/time/london.js';
import { axeViolations, launchBrowser, signInAs } from '../testing/browser.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { startTestServer, type TestServer } from '../testing/web.js';
import { pdfText } from './pdf/pdf-text.js';

const SHOTS = process.env.THREADLINE_SHOTS; // a folder to save screenshots in, when set

describe('in a browser: find a child, their record, the chronology, a significant event and the PDF', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let childId: string;

  async function shot(name: string) {
    if (!SHOTS) return;
    await page.screenshot({ path: `${SHOTS}/children-${name}.png`, fullPage: true });
    await page.screenshot({ path: `${SHOTS}/children-${name}-top.png` });
  }

  beforeAll(async () => {
    db = await demoDatabase();
    // The demonstration social worker's child on a child protection plan, with a name to search for.
    const [row] = await db.query<{ person_id: string }>(
      `SELECT a.person_id FROM current_allocation a JOIN app_user u ON u.worker_id = a.worker_id AND u.username = 'social.worker'
         JOIN current_cp_plan p ON p.person_id = a.person_id AND p.end_date IS NULL
        WHERE a.end_date IS NULL ORDER BY a.person_id LIMIT 1`);
    childId = row!.person_id;
    await db.transaction((tx) => updateRecord(tx, getEntity('person'), childId, { forename: 'Jonathan', surname: 'Pemberton' }, { actor: 'test', reason: 'a name to find' }));
    server = await startTestServer(db);
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await signInAs(page, server.base, 'social.worker');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('searches from the navigation, with the error state for an impossible date of birth', async () => {
    await page.getByRole('link', { name: 'Find a child' }).click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Find a child');
    expect(await axeViolations(page)).toEqual([]);
    await shot('search');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2015');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.title()).toBe('Error: Find a child – Threadline');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Date of birth must be a real date, for example 27 3 2026']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('search-error');
    await page.getByLabel('Day').fill('');
    await page.getByLabel('Month').fill('');
    await page.getByLabel('Year').fill('');
    await page.getByLabel('Name').fill('Jonathon Pembertn');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForSelector('#results');
    expect(await page.locator('table tbody tr', { hasText: 'Jonathan Pemberton' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('results');
  });

  it('opens the record: status, worker, deadlines with their time, key people', async () => {
    await page.getByRole('link', { name: 'Jonathan Pemberton' }).click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Jonathan Pemberton');
    const main = (await page.locator('main').textContent())!;
    expect(main).toContain('Child protection plan');
    expect(main).toContain('Allocated worker');
    expect(main).toContain('Deadlines');
    expect(await axeViolations(page)).toEqual([]);
    await shot('record');
  });

  it('opens the chronology and filters it by type and period, with the error state for a bad period', async () => {
    await page.getByRole('link', { name: 'Chronology' }).click();
    await page.waitForSelector('.moj-timeline');
    expect(await page.locator('h1').textContent()).toBe('Chronology');
    const all = await page.locator('.moj-timeline__item').count();
    expect(all).toBeGreaterThan(3);
    expect(await axeViolations(page)).toEqual([]);
    await shot('chronology');

    await page.getByLabel('Visits').check();
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForSelector('h2#entries');
    const kinds = await page.locator('.app-entry-kind').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['Visits']));
    expect(kinds.length).toBeLessThan(all);

    const from = page.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('2');
    await from.getByLabel('Month').fill('1');
    await from.getByLabel('Year').fill('2026');
    const to = page.getByRole('group', { name: 'To' });
    await to.getByLabel('Day').fill('1');
    await to.getByLabel('Month').fill('1');
    await to.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['The date to must be the same as or after the date from']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('chronology-error');

    // A period: the last year.
    const yearAgo = addDays(londonDate(new Date()), -365);
    await from.getByLabel('Day').fill(String(Number(yearAgo.slice(8, 10))));
    await from.getByLabel('Month').fill(String(Number(yearAgo.slice(5, 7))));
    await from.getByLabel('Year').fill(yearAgo.slice(0, 4));
    for (const box of ['Day', 'Month', 'Year']) await to.getByLabel(box).fill('');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForSelector('h2#entries');
    const dates = await page.locator('.moj-timeline__date time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!.slice(0, 10)));
    for (const d of dates) expect(d >= yearAgo).toBe(true);
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    await shot('chronology-filtered');

    // Printed, the filter and links are left out.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-chronology-filter').isVisible()).toBe(false);
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(await page.locator('.moj-timeline').isVisible()).toBe(true);
    await shot('chronology-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('adds a significant event, with the error state first', async () => {
    await page.getByRole('link', { name: 'Add a significant event' }).first().click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Add a significant event');
    expect(await axeViolations(page)).toEqual([]);
    await shot('event-form');
    await page.getByLabel('Title').fill('Attended A&E with a cut hand');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual([
      'Enter the date it happened', 'Enter what happened', 'Enter the source: who told us, or where it is recorded',
    ]);
    expect(await page.getByLabel('Title').inputValue()).toBe('Attended A&E with a cut hand');
    expect(await axeViolations(page)).toEqual([]);
    await shot('event-error');
    const when = addDays(londonDate(new Date()), -2);
    await page.getByLabel('Day').fill(String(Number(when.slice(8, 10))));
    await page.getByLabel('Month').fill(String(Number(when.slice(5, 7))));
    await page.getByLabel('Year').fill(when.slice(0, 4));
    await page.getByLabel('Time (optional)').fill('19:40');
    await page.getByLabel('What happened').fill('Taken to A&E by his mother with a cut hand; treated and discharged. Explanation consistent with the injury.');
    await page.getByLabel('Source').fill('Hospital liaison nurse');
    await page.getByRole('button', { name: 'Add to the chronology' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('.govuk-notification-banner__heading').textContent()).toBe('Significant event added: Attended A&E with a cut hand');
    const item = page.locator('.moj-timeline__item', { hasText: 'Attended A&E with a cut hand' });
    expect(await item.locator('time').textContent()).toContain('7:40pm');
    expect(await item.textContent()).toContain('2 days after it happened');
    expect(await axeViolations(page)).toEqual([]);
    await shot('event-added');
  });

  it('downloads the chronology as a PDF containing its entries', async () => {
    await page.goto(`${server.base}/children/${childId}/chronology`);
    const titles = (await page.locator('.moj-timeline__title').allTextContents()).slice(0, 5);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download as a PDF/ }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^chronology-${childId}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Jonathan Pemberton');
    expect(text).toContain('Attended A&E with a cut hand');
    for (const t of titles) expect(text).toContain(t.replace(/\s+/g, ' ').trim());
    expect(text).toMatch(/Page 1 of \d+/);
  });

  it('adds a child after being shown a possible duplicate', async () => {
    await page.goto(`${server.base}/children/new`);
    expect(await axeViolations(page)).toEqual([]);
    await shot('new');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await axeViolations(page)).toEqual([]);
    await shot('new-error');
    const [person] = await db.query<{ dob: string }>('SELECT dob FROM current_person WHERE id = $1', [childId]);
    await page.getByLabel('Yes').check();
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByLabel('Day').fill(String(Number(person!.dob.slice(8, 10))));
    await dob.getByLabel('Month').fill(String(Number(person!.dob.slice(5, 7))));
    await dob.getByLabel('Year').fill(person!.dob.slice(0, 4));
    await page.getByLabel('First name').fill('Jon');
    await page.getByLabel('Last name').fill('Pemberton');
    await page.getByLabel('Male', { exact: true }).check();
    await page.getByLabel('Ethnicity').selectOption('WBRI');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Check this is not a child already on Threadline');
    expect(await page.locator('table tbody tr', { hasText: 'Jonathan Pemberton' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('duplicates');
    await page.getByRole('button', { name: 'Add Jon Pemberton' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await axeViolations(page)).toEqual([]);
    await shot('duplicates-error');
    await page.getByLabel(/none of these is the same person/).check();
    await page.getByRole('button', { name: 'Add Jon Pemberton' }).click();
    await page.waitForSelector('.govuk-notification-banner--success');
    expect(await page.locator('h1').textContent()).toBe('Jon Pemberton');
    expect(await axeViolations(page)).toEqual([]);
    await shot('added');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { deleteRecord } from '../db/record-store.js';
import { addMonthsToMonth, monthLabel } from '../domain/measures/index.js';
import { getEntity } from '../domain/model/entities.js';
import { londonDate } from '../domain/time/london.js';
import { axeViolations, launchBrowser, signInAs } from '../testing/browser.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { startTestServer, type TestServer } from '../testing/web.js';

const SHOTS = process.env.THREADLINE_SHOTS; // a folder to save screenshots in, when set
const MONTH = addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);
const LABEL = monthLabel(MONTH);
const MEASURE = 'm06-cp-visits-10wd';
const SUMMARY = 'Child protection visits held up this month; re-referrals are the concern.';
const COMMENTARY = 'Two teams missed visits during the office move; both have caught up.';

/** pdftotext (poppler-utils), layout kept. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

describe('in a browser: writing, publishing and exporting the monthly monitoring report', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let analystContext: BrowserContext;
  let directorContext: BrowserContext;
  let analyst: Page;
  let director: Page;
  let dir: string;
  let publishedActual: string;

  async function shot(page: Page, name: string) {
    if (!SHOTS) return;
    await page.screenshot({ path: `${SHOTS}/report-${name}.png` });
    for (const [part, selector] of [['measure', `#measure-${MEASURE}`], ['appendix', '.app-appendix'], ['changes', '#changes + *']] as const) {
      const el = page.locator(selector).first();
      if (await el.count()) await el.screenshot({ path: `${SHOTS}/report-${name}-${part}.png` });
    }
  }

  /** Follows a download link and returns the saved file's path. */
  async function download(page: Page, linkName: string, as: string): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
    const path = join(dir, as);
    await file.saveAs(path);
    if (SHOTS) await file.saveAs(join(SHOTS, `report-${as}`));
    return path;
  }

  /** The measure's actual as read out without the link's hidden words: "95.2% (20 of 21)". */
  const actualOf = async (page: Page) => page.locator(`#measure-${MEASURE} .govuk-summary-list__row`).first().locator('dd').evaluate((dd) => {
    const copy = dd.cloneNode(true) as Element;
    copy.querySelectorAll('.govuk-visually-hidden').forEach((e) => e.remove());
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadline-report-'));
    db = await demoDatabase();
    server = await startTestServer(db);
    browser = await launchBrowser();
    analystContext = await browser.newContext({ acceptDownloads: true });
    directorContext = await browser.newContext({ acceptDownloads: true });
    analyst = await analystContext.newPage();
    director = await directorContext.newPage();
    await signInAs(analyst, server.base, 'analyst');
    await signInAs(director, server.base, 'director');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lists the months and opens last month’s report: every measure with its chart, table and trend', async () => {
    await analyst.getByRole('link', { name: 'Monthly report' }).click();
    await analyst.waitForSelector('h1');
    expect(await analyst.locator('h1').textContent()).toBe('Monthly monitoring reports');
    expect(await axeViolations(analyst)).toEqual([]);
    await analyst.getByRole('link', { name: LABEL, exact: true }).click();
    await analyst.waitForSelector('#summary-analysis');
    expect(await analyst.locator('h1').textContent()).toBe(`Monthly monitoring report: ${LABEL}`);
    expect(await analyst.locator('section.app-report-measure').count()).toBe(20);
    expect(await analyst.locator('svg[role="img"]').count()).toBe(20);
    // The table alternative opens, and every figure leads to the children behind it.
    const section = analyst.locator(`#measure-${MEASURE}`);
    await section.getByText('The 13 months as a table').click();
    expect(await section.locator('details table tbody tr').count()).toBe(13);
    expect(await section.getByText(/^Trend:/).count()).toBe(1);
    expect(await axeViolations(analyst)).toEqual([]);
    await shot(analyst, 'draft');
  });

  it('shows the error summary for an empty summary, then saves the summary and a measure’s commentary', async () => {
    await analyst.getByRole('button', { name: 'Save summary analysis' }).click();
    await analyst.waitForSelector('.govuk-error-summary');
    expect(await analyst.title()).toBe(`Error: Monthly monitoring report, ${LABEL} – Threadline`);
    expect(await analyst.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter the summary analysis']);
    expect(await axeViolations(analyst)).toEqual([]);
    await shot(analyst, 'summary-error');

    await analyst.getByLabel(`Summary analysis for ${LABEL}`).fill(SUMMARY);
    await analyst.getByRole('button', { name: 'Save summary analysis' }).click();
    await analyst.waitForSelector('.govuk-notification-banner--success');
    expect(await analyst.locator('.govuk-notification-banner--success').innerText()).toContain('The summary analysis is saved');
    expect(await analyst.getByLabel(`Summary analysis for ${LABEL}`).inputValue()).toBe(SUMMARY);

    const section = analyst.locator(`#measure-${MEASURE}`);
    await section.getByRole('textbox').fill(COMMENTARY);
    await section.getByRole('button', { name: /Save commentary/ }).click();
    await analyst.waitForSelector('.govuk-notification-banner--success');
    expect(await analyst.locator(`#measure-${MEASURE}`).getByRole('textbox').inputValue()).toBe(COMMENTARY);
    expect(await analyst.locator(`#measure-${MEASURE}`).innerText()).toContain('Last written by analyst');
    expect(await axeViolations(analyst)).toEqual([]);
  });

  it('is reviewed and published by the director, as version 1', async () => {
    await director.goto(`${server.base}/reports/${MONTH}`);
    expect(await director.locator('textarea').count()).toBe(0);
    expect(await director.getByText(SUMMARY).count()).toBe(1);
    await director.getByRole('button', { name: 'Mark as reviewed' }).click();
    await director.waitForSelector('.govuk-notification-banner--success');
    expect(await director.locator('.govuk-tag', { hasText: 'Reviewed' }).count()).toBe(1);
    expect(await axeViolations(director)).toEqual([]);
    publishedActual = await actualOf(director);

    await director.getByRole('button', { name: 'Publish version 1' }).click();
    await director.waitForURL(`**/reports/${MONTH}/versions/1?published=1`);
    expect(await director.locator('.govuk-notification-banner--success').innerText()).toContain(`Version 1 of the ${LABEL} report is published`);
    expect(await director.getByText('This is the first published version.').count()).toBe(1);
    expect(await director.locator(`#measure-${MEASURE}`).innerText()).toContain(COMMENTARY);
    expect(await axeViolations(director)).toEqual([]);
    await shot(director, 'published');
  });

  it('keeps the published version as it was when a record changes, while the live report moves', async () => {
    // A child protection plan counted in the published figure is deleted from the records.
    const [stored] = await db.query<{ record_id: string; total: number }>(
      `SELECT e.row->>'recordId' AS record_id, f.total FROM report_version_figure f, jsonb_array_elements(f.rows) e(row)
        WHERE f.month = $1 AND f.version = 1 AND f.measure_id = $2 AND (e.row->>'inDenominator')::boolean LIMIT 1`, [MONTH, MEASURE]);
    expect(stored).toBeDefined();
    await db.transaction((tx) => deleteRecord(tx, getEntity('cp_plan'), stored!.record_id, { actor: 'test', reason: 'recorded in error' }));

    await analyst.goto(`${server.base}/reports/${MONTH}`);
    const live = await actualOf(analyst);
    expect(live).not.toBe(publishedActual);

    await analyst.goto(`${server.base}/reports/${MONTH}/versions/1`);
    expect(await actualOf(analyst)).toBe(publishedActual);
    // The children behind the published figure are as they were, the deleted plan among them.
    await analyst.locator(`#measure-${MEASURE}`).getByRole('link', { name: /the records behind/ }).first().click();
    await analyst.waitForSelector('caption');
    expect(await analyst.locator('caption').innerText()).toContain(`of ${stored!.total}`);
    expect(await analyst.locator('.govuk-inset-text').innerText()).toContain('later changes to the records do not change this list');
    expect(await axeViolations(analyst)).toEqual([]);
    const pages = Math.ceil(stored!.total / 50);
    let found = false;
    for (let p = 1; p <= pages && !found; p++) {
      if (p > 1) await analyst.goto(`${server.base}/reports/${MONTH}/versions/1/figures/${MEASURE}?page=${p}`);
      found = (await analyst.getByText(stored!.record_id).count()) > 0;
    }
    expect(found).toBe(true);
    // Live, the same figure has one record fewer.
    await analyst.goto(`${server.base}/performance/${MEASURE}/${MONTH}`);
    expect(await analyst.locator('caption').innerText()).toContain(`of ${stored!.total - 1}`);
  });

  it('exports the published version and the live report as PDF, readable, paginated, with the figures as they were', async () => {
    await analyst.goto(`${server.base}/reports/${MONTH}/versions/1`);
    const published = pdfText(await download(analyst, 'Download as PDF', 'v1.pdf'));
    expect(published).toContain(`Monthly monitoring report: ${LABEL}`);
    expect(published).toContain('Published version 1');
    expect(published).toContain(SUMMARY);
    expect(published.replace(/\s+/g, ' ')).toContain(COMMENTARY);
    expect(published).toMatch(/Page 1 of \d+/);
    const pageCount = Number(/Page 1 of (\d+)/.exec(published)![1]);
    expect(pageCount).toBeGreaterThan(5);
    expect(published).toContain(`Page ${pageCount} of ${pageCount}`);
    expect(published).toContain('Appendix 1: dataset');
    // The published figure, with its numerator and denominator, is in the PDF.
    const flat = (t: string) => t.replace(/\s+/g, ' ');
    expect(flat(published)).toContain(flat(publishedActual));
    // The charts are drawn: each chart's value axis title is text in the PDF.
    expect(published.match(/Per cent|Rate per 10,000 children|Cases per worker|Number/g)!.length).toBeGreaterThanOrEqual(20);

    await analyst.goto(`${server.base}/reports/${MONTH}`);
    const live = pdfText(await download(analyst, 'Download as PDF', 'live.pdf'));
    expect(flat(live)).toContain('Not a published version (version 1 is): figures as the records are now');
    expect(flat(live)).not.toContain(flat(publishedActual));
  });

  it('exports the dataset as a workbook laid out like Appendix 1, the published one as it was', async () => {
    await analyst.goto(`${server.base}/reports/${MONTH}/versions/1`);
    const path = await download(analyst, 'Download the dataset (XLSX)', 'v1.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(`Dataset ${MONTH}`)!;
    expect(sheet).toBeDefined();
    const header = sheet.getRow(4).values as unknown[];
    expect(header).toContain('Measure');
    expect(header).toContain(LABEL);
    const measureCol = header.indexOf('Measure');
    const commentaryCol = header.indexOf('Commentary');
    const numeratorCol = header.indexOf('Numerator');
    const denominatorCol = header.indexOf('Denominator');
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (String(r.getCell(measureCol).value).startsWith('Children on CP plans visited')) row = r;
    });
    expect(row).toBeDefined();
    expect(row!.getCell(commentaryCol).value).toBe(COMMENTARY);
    const published = `${row!.getCell(numeratorCol).value} of ${row!.getCell(denominatorCol).value}`;
    expect(publishedActual).toContain(published);

    await analyst.goto(`${server.base}/reports/${MONTH}`);
    const live = new ExcelJS.Workbook();
    await live.xlsx.load((await readFile(await download(analyst, 'Download the dataset (XLSX)', 'live.xlsx'))) as unknown as ArrayBuffer);
    let liveRow: ExcelJS.Row | undefined;
    live.getWorksheet(`Dataset ${MONTH}`)!.eachRow((r) => {
      if (String(r.getCell(measureCol).value).startsWith('Children on CP plans visited')) liveRow = r;
    });
    expect(`${liveRow!.getCell(numeratorCol).value} of ${liveRow!.getCell(denominatorCol).value}`).not.toBe(published);
  });
  it('keeps the history of the text, and shows what changed when the report is published again', async () => {
    await analyst.goto(`${server.base}/reports/${MONTH}/history`);
    expect(await analyst.locator('h1').textContent()).toBe(`History of the ${LABEL} report`);
    expect(await analyst.getByText(COMMENTARY).count()).toBe(1);
    expect(await analyst.getByText('Published version 1 by director').count()).toBe(1);
    expect(await axeViolations(analyst)).toEqual([]);

    await director.goto(`${server.base}/reports/${MONTH}`);
    await director.getByRole('button', { name: 'Reopen for a new version' }).click();
    await director.waitForSelector('.govuk-notification-banner--success');
    await analyst.goto(`${server.base}/reports/${MONTH}`);
    const section = analyst.locator(`#measure-${MEASURE}`);
    await section.getByRole('textbox').fill(`${COMMENTARY} One plan was recorded in error and has been removed.`);
    await section.getByRole('button', { name: /Save commentary/ }).click();
    await analyst.waitForSelector('.govuk-notification-banner--success');
    await director.goto(`${server.base}/reports/${MONTH}`);
    await director.getByRole('button', { name: 'Mark as reviewed' }).click();
    await director.waitForSelector('.govuk-notification-banner--success');
    await director.getByRole('button', { name: 'Publish version 2' }).click();
    await director.waitForURL(`**/reports/${MONTH}/versions/2?published=1`);
    const changes = director.locator('#changes + table tbody tr');
    const rows = await changes.allInnerTexts();
    // The figure that moved when the plan was deleted, and the new commentary, are listed as changes.
    expect(rows.some((r) => r.includes('Children on CP plans visited within 10 working days') && r.includes('commentary'))).toBe(true);
    expect(rows.some((r) => r.includes('Children on CP plans visited within 10 working days') && r.includes('numerator and denominator'))).toBe(true);
    expect(await axeViolations(director)).toEqual([]);
    await shot(director, 'version-2');
  });
});

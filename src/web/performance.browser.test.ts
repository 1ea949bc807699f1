import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { axeViolations, launchBrowser, signInAs } from '../testing/browser.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { startTestServer, type TestServer } from '../testing/web.js';

describe('in a browser: the performance dataset and a drill-down', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    browser = await launchBrowser();
    page = await browser.newPage();
    await signInAs(page, server.base, 'analyst');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('shows every measure for last month, each figure linking to the records behind it', async () => {
    await page.getByRole('link', { name: 'Performance', exact: true }).click();
    await page.waitForSelector('table.app-dataset');
    expect(await page.locator('table.app-dataset tbody tr').count()).toBe(20);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: /the records behind Re-referrals/i }).first().click();
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toMatch(/Re-referrals/i);
    const caption = await page.locator('caption').textContent();
    const total = Number(/of ([\d,]+)/.exec(caption ?? '')?.[1]?.replace(/,/g, '') ?? 0);
    expect(total).toBeGreaterThan(0);
    expect(await page.locator('tbody tr').count()).toBe(Math.min(50, total));
    expect(await axeViolations(page)).toEqual([]);
    const [views] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE actor = 'analyst' AND detail LIKE 'drill-down %'`);
    expect(views!.n).toBeGreaterThan(0);
  });
});

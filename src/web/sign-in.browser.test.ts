import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { axeViolations, launchBrowser, signInAs } from '../testing/browser.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { startTestServer, type TestServer } from '../testing/web.js';

describe('in a browser: the start page, sign-in and its errors', () => {
  let db: Database;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  it('names the demonstration users on the start page, and passes axe', async () => {
    await page.goto(server.base);
    await expect(page.getByRole('heading', { name: 'Demonstration users' })).toBeTruthy();
    expect(await page.locator('table code').allTextContents()).toContain('social.worker');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the error summary for an empty form, linked to the fields, and passes axe', async () => {
    await page.goto(`${server.base}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.title()).toBe('Error: Sign in – Threadline');
    expect(await page.locator('.govuk-error-summary a').allTextContents()).toEqual(['Enter your user name', 'Enter your password']);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('signs a team manager in and shows their navigation', async () => {
    await signInAs(page, server.base, 'team.manager');
    expect(await page.locator('.govuk-service-navigation__link').evaluateAll((els) => els.map((e) => e.textContent!.trim()))).toEqual(
      expect.arrayContaining(['My team', 'Find a child', 'Sign out']),
    );
    expect(await axeViolations(page)).toEqual([]);
  });
});

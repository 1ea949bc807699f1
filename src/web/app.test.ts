import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importExtract } from '../io/importer.js';
import { freshDatabase } from '../testing/databases.js';
import { writeFixtureExtract } from '../testing/fixture-extract.js';
import { createApp } from './app.js';

it('serves the start page with counts from the records, GOV.UK assets, and a nonce-based CSP', async () => {
  const db = await freshDatabase('pglite');
  const dir = await mkdtemp(join(tmpdir(), 'threadline-web-'));
  try {
    await writeFixtureExtract(dir);
    await importExtract(db, dir);
    const server = createApp(db).listen(0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${base}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/Name, &quot;quoted&quot;, line 1/); // the authority's name, escaped
      expect(html).toMatch(/people on record/);
      const csp = res.headers.get('content-security-policy')!;
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(html).toContain(`nonce="${nonce}"`);
      expect((await fetch(`${base}/assets/govuk-frontend.min.css`)).status).toBe(200);
      expect((await fetch(`${base}/assets/fonts/light-94a07e06a1-v2.woff2`)).status).toBe(200);
      const missing = await fetch(`${base}/no-such-page`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toMatch(/Page not found/);
    } finally {
      server.close();
    }
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importExtract } from '../io/importer.js';
import { freshDatabase } from '../testing/databases.js';
import { writeFixtureExtract } from '../testing/fixture-extract.js';
import { signIn, startTestServer } from '../testing/web.js';

it('serves the start page, GOV.UK assets with a nonce-based CSP, and the measures API, logging every read of child-level rows', async () => {
  const db = await freshDatabase('pglite');
  const dir = await mkdtemp(join(tmpdir(), 'threadline-web-'));
  try {
    await writeFixtureExtract(dir);
    await importExtract(db, dir);
    const server = await startTestServer(db);
    const base = server.base;
    try {
      const res = await fetch(`${base}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(/Name, &quot;quoted&quot;, line 1/); // the authority's name, escaped
      expect(html).toMatch(/people on record/);
      const csp = res.headers.get('content-security-policy')!;
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(html).toContain(`nonce="${nonce}"`);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('strict-transport-security')).toBeNull(); // only over HTTPS
      expect((await fetch(`${base}/assets/govuk-frontend.min.css`)).status).toBe(200);
      expect((await fetch(`${base}/assets/fonts/light-94a07e06a1-v2.woff2`)).status).toBe(200);
      // Signed out, any other page leads to sign-in, remembering where you were going.
      const signedOut = await fetch(`${base}/no-such-page`, { redirect: 'manual' });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toBe('/sign-in?next=%2Fno-such-page');

      // The measures API needs a signed-in person.
      expect((await fetch(`${base}/api/measures?month=2019-06`)).status).toBe(401);
      const analyst = await signIn(db, server, 'performance-analyst', { username: 'ann.analyst' });
      const fetchAs = (url: string) => fetch(url, { headers: { cookie: analyst.cookie } });
      const missing = await fetchAs(`${base}/no-such-page`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toMatch(/Page not found/);

      // The measures API: the dataset, a page of drill-down rows, all of them as CSV, and late recording.
      const ds = (await (await fetchAs(`${base}/api/measures?month=2019-06`)).json()) as { rows: { id: string }[] };
      expect(ds.rows).toHaveLength(20);
      const page = (await (await fetchAs(`${base}/api/measures/cp-plans-2-years/2019-06/rows?limit=1`)).json()) as {
        total: number; rows: { recordId: string; explanation: string }[];
      };
      expect(page.rows.length).toBe(Math.min(1, page.total));
      const csv = await fetchAs(`${base}/api/measures/cp-plans-2-years/2019-06/rows?format=csv`);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      expect((await csv.text()).trim().split('\n')).toHaveLength(page.total + 1);
      expect((await fetchAs(`${base}/api/measures.xlsx?month=2019-06`)).headers.get('content-type')).toMatch(/spreadsheetml/);
      const late = (await (await fetchAs(`${base}/api/measures/m06-cp-visits-10wd/2019-06/late?days=3`)).json()) as { reportedAt: string };
      expect(late.reportedAt).toBe('2019-07-03T22:59:59.999Z');
      const bad = await fetchAs(`${base}/api/measures?month=June`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/YYYY-MM/);
      const reads = await db.query<{ actor: string; detail: string }>(`SELECT actor, detail FROM access_log WHERE action = 'read' ORDER BY id`);
      expect(new Set(reads.map((r) => r.actor))).toEqual(new Set(['ann.analyst']));
      expect(reads.map((r) => r.detail)).toEqual([
        'drill-down cp-plans-2-years 2019-06', 'drill-down cp-plans-2-years 2019-06', 'late recording m06-cp-visits-10wd 2019-06',
      ]);
    } finally {
      await server.close();
    }
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/**
 * The route table against the application: every route the app serves has a rule, every route is tried by every
 * role (allowed or refused exactly as the access rules say), and a restricted child's pages are refused to
 * everyone not named on the restriction.
 */
import express, { type Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { DEFAULT_RULES, type Action } from '../domain/access/rules.js';
import { ROLES, type Role } from '../domain/access/roles.js';
import { restrictRecord } from '../repositories/access.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { signIn, startTestServer, type SignedIn, type TestServer } from '../testing/web.js';
import { createApp } from './app.js';
import { ROUTES, ruleFor } from './route-access.js';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  name?: string;
  handle?: { stack?: Layer[] };
}

/** Every method and path the application routes, routers included (all are mounted at the root). */
function appRoutes(app: Express): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') found.push({ method: method.toUpperCase(), path });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

/** Routes the application serves that the table does not list with exactly that method and path. */
function unlisted(app: Express): string[] {
  return appRoutes(app)
    .filter((r) => !ROUTES.some((t) => t.method === r.method && t.path === r.path) && ruleFor(r.method, r.path)?.path !== '/assets/:file')
    .map((r) => `${r.method} ${r.path}`);
}

const ROLE_IDS = Object.keys(ROLES) as Role[];
const sample = (path: string) =>
  path.replace(':month', '2026-10').replace(':kind', 'cp').replace(':file', 'app.css').replace(/:[a-zA-Z]+/g, 'no-such-record');

describe('the route table', () => {
  let db: Database;
  let server: TestServer;
  const as = {} as Record<Role, SignedIn & { username: string }>;

  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
    for (const role of ROLE_IDS) {
      const username = `route-${role}`;
      as[role] = { ...(await signIn(db, server, role, { username })), username };
    }
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('lists every route the application serves, and no route that is not served', () => {
    const app = createApp(db);
    expect(unlisted(app)).toEqual([]);
    const served = appRoutes(app).map((r) => `${r.method} ${r.path}`);
    const stale = ROUTES.filter((t) => t.path !== '/assets/:file' && !served.includes(`${t.method} ${t.path}`)).map((t) => `${t.method} ${t.path}`);
    expect(stale).toEqual([]);
  });

  it('fails when a route is added without an access rule, and such a route cannot be reached', async () => {
    const app = createApp(db);
    const extra = express.Router();
    extra.get('/new-page-without-a-rule', (_req, res) => { res.send('secret'); });
    const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
    stack.splice(stack.length - 2, 0, ...(extra as unknown as { stack: Layer[] }).stack); // before "not found" and errors
    expect(unlisted(app)).toEqual(['GET /new-page-without-a-rule']);

    // At run time, a path without a rule is not found even though a route would answer it.
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      const { port } = listening.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/new-page-without-a-rule`, { headers: { cookie: as['system-administrator'].cookie } });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('secret');
    } finally {
      listening.closeAllConnections();
      listening.close();
    }
  });

  it('admits or refuses every route for every role exactly as the access rules say', async () => {
    const results: string[] = [];
    for (const rule of ROUTES) {
      if (rule.access === 'public' || rule.access === 'signed-in') continue;
      const path = sample(rule.path);
      for (const role of ROLE_IDS) {
        const [last] = await db.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM access_log');
        const res = rule.method === 'GET' ? await as[role].get(path) : await as[role].post(path, {});
        await res.arrayBuffer();
        const refusals = await db.query<{ detail: string }>(
          `SELECT detail FROM access_log WHERE id > $1 AND actor = $2 AND action = 'route' AND outcome = 'denied'`, [Number(last!.id), as[role].username]);
        const allowed = DEFAULT_RULES[role][rule.access as Action] !== 'none';
        expect(res.status, `${rule.method} ${path} as ${role}`).toBeLessThan(500);
        if (allowed) {
          expect(refusals, `${rule.method} ${path} as ${role} should be admitted`).toEqual([]);
        } else {
          expect(res.status, `${rule.method} ${path} as ${role} should be refused`).toBe(403);
          expect(refusals.map((r) => r.detail), `${rule.method} ${path} as ${role}`).toEqual([`${rule.method} ${path}: ${rule.access} not allowed for ${role}`]);
        }
        results.push(`${rule.method} ${rule.path} ${role} ${allowed ? 'allowed' : 'refused'}`);
      }
    }
    // Every role met every route that needs an action.
    expect(results.length).toBe(ROUTES.filter((r) => r.access !== 'public' && r.access !== 'signed-in').length * ROLE_IDS.length);
  }, 300_000);

  it('sends a signed-out visitor to sign in (or refuses a program) for every route that is not public', async () => {
    for (const rule of ROUTES.filter((r) => r.access !== 'public')) {
      const res = await fetch(`${server.base}${sample(rule.path)}`, { method: rule.method, redirect: 'manual' });
      if (rule.path.startsWith('/api/')) {
        expect(res.status, rule.path).toBe(401); // programs get a status, not a sign-in page
      } else if (rule.method === 'GET') {
        expect(res.status, rule.path).toBe(303);
        expect(res.headers.get('location'), rule.path).toMatch(/^\/sign-in/);
      } else {
        expect([303, 401, 403], `POST ${rule.path}`).toContain(res.status); // a form from nobody signed in is refused
      }
    }
  }, 120_000);

  it('refuses a restricted child’s pages to every role but the people named on the restriction', async () => {
    const [child] = await db.query<{ person_id: string; referral_id: string }>(
      `SELECT person_id, id AS referral_id FROM current_referral ORDER BY referral_date DESC LIMIT 1`);
    const named = { ...(await signIn(db, server, 'social-worker', { username: 'route-named' })), username: 'route-named' };
    await restrictRecord(db, child!.person_id, ['route-named'], 'route-test', 'A child related to a member of staff');
    const childPages = [
      `/front-door/referrals/${child!.referral_id}`,
      `/children/${child!.person_id}`,
      `/children/${child!.person_id}/chronology`,
      `/children/${child!.person_id}/chronology.pdf`,
      `/access-log/children/${child!.person_id}/subject-access.json`,
    ].filter((p) => ruleFor('GET', p));
    expect(childPages.length).toBeGreaterThan(0);
    for (const path of childPages) {
      const rule = ruleFor('GET', path)!;
      for (const role of ROLE_IDS) {
        const res = await as[role].get(path);
        await res.arrayBuffer();
        expect(res.status, `${path} as ${role}`).toBe(403);
      }
      const res = await named.get(path);
      await res.arrayBuffer();
      // The person named may see it if their role has the route's action.
      if (DEFAULT_RULES['social-worker'][rule.access as Action] !== 'none') expect(res.status, `${path} as the named person`).toBe(200);
    }
    const refusals = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM access_log WHERE person_id = $1 AND outcome = 'denied'`, [child!.person_id]);
    expect(refusals[0]!.n).toBeGreaterThan(0);
  }, 120_000);
});

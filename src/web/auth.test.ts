import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { freshDatabase } from '../testing/databases.js';
import { signIn, startTestServer, type TestServer } from '../testing/web.js';
import { createUser, findSession, startSession } from '../repositories/users.js';

describe('sign-in, sessions and CSRF', () => {
  let db: Database;
  let server: TestServer;
  beforeAll(async () => {
    db = await freshDatabase('pglite');
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  const post = (path: string, fields: Record<string, string>, cookie = '') =>
    fetch(`${server.base}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { cookie }, redirect: 'manual' });

  it('shows every missing field in the error summary, and a wrong password without saying which part was wrong', async () => {
    const empty = await post('/sign-in', {});
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('<title>Error: Sign in – Threadline</title>');
    expect(html).toMatch(/There is a problem[\s\S]*href="#username"[\s\S]*Enter your user name[\s\S]*href="#password"[\s\S]*Enter your password/);
    await createUser(db, { username: 'sam', displayName: 'Sam', role: 'social-worker', password: 'right-password' }, 'test');
    const wrong = await post('/sign-in', { username: 'sam', password: 'wrong' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('The user name or password is not right');
    const [log] = await db.query<{ outcome: string }>(`SELECT outcome FROM access_log WHERE action = 'sign-in' AND actor = 'sam'`);
    expect(log?.outcome).toBe('denied');
  });

  it('signs in, goes on to the page asked for (only on this site), and signs out', async () => {
    await createUser(db, { username: 'tess', displayName: 'Tess', role: 'team-manager', password: 'pw-tess-123' }, 'test');
    const ok = await post('/sign-in', { username: 'Tess', password: 'pw-tess-123', next: '/children?q=x' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/children?q=x');
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const offsite = await post('/sign-in', { username: 'tess', password: 'pw-tess-123', next: '//evil.example/' });
    expect(offsite.headers.get('location')).toBe('/');

    const cookie = setCookie.split(';')[0]!;
    const start = await (await fetch(`${server.base}/`, { headers: { cookie } })).text();
    expect(start).toContain('Tess (Team manager)');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(start)![1]!;
    expect((await post('/sign-out', {}, cookie)).status).toBe(403); // no CSRF token
    expect((await post('/sign-out', { _csrf: 'forged' }, cookie)).status).toBe(403);
    const out = await post('/sign-out', { _csrf: csrf }, cookie);
    expect(out.status).toBe(303);
    const after = await fetch(`${server.base}/api/measures?month=2019-01`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('refuses a sixth failed attempt within 15 minutes even with the right password', async () => {
    await createUser(db, { username: 'una', displayName: 'Una', role: 'auditor', password: 'una-password' }, 'test');
    for (let i = 0; i < 5; i++) expect((await post('/sign-in', { username: 'una', password: `guess${i}` })).status).toBe(400);
    const blocked = await post('/sign-in', { username: 'una', password: 'una-password' });
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain('Too many attempts to sign in');
  });

  it('ends a session after 30 idle minutes and after 12 hours in all', async () => {
    const viewer = await createUser(db, { username: 'vic', displayName: 'Vic', role: 'director', password: 'vic-password' }, 'test');
    const token = await startSession(db, viewer);
    const now = Date.now();
    expect(await findSession(db, token, new Date(now + 29 * 60_000))).not.toBeNull();
    expect(await findSession(db, token, new Date(now + 29 * 60_000 + 31 * 60_000))).toBeNull();
    const token2 = await startSession(db, viewer);
    for (let m = 25; m < 12 * 60; m += 25) expect(await findSession(db, token2, new Date(now + m * 60_000))).not.toBeNull();
    expect(await findSession(db, token2, new Date(now + 12 * 60 * 60_000 + 60_000))).toBeNull();
  });

  it('keeps a form sent after the session timed out, and offers it back only to its author after sign-in', async () => {
    const author = await signIn(db, server, 'front-door-worker', { username: 'ada' });
    await db.query(`UPDATE web_session SET last_seen_at = now() - interval '31 minutes'`);
    const fields = { person: 'P1', reason: 'Police called about the child at 2am\nsecond line', next: '/' };
    const sent = await author.post('/emergency-access', fields);
    expect(sent.status).toBe(303);
    const to = new URL(sent.headers.get('location')!, server.base);
    expect(to.pathname).toBe('/sign-in');
    expect(to.searchParams.get('timedOut')).toBe('1');
    const draftPath = to.searchParams.get('next')!;
    expect(draftPath).toMatch(/^\/drafts\//);
    expect(await db.query(`SELECT 1 FROM break_glass`)).toEqual([]); // nothing saved yet

    const signInPage = await (await fetch(to)).text();
    expect(signInPage).toContain('What you entered has been kept');
    const other = await signIn(db, server, 'front-door-worker', { username: 'ben' });
    expect((await other.get(draftPath)).status).toBe(404);

    const back = await fetch(`${server.base}/sign-in`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ username: 'ada', password: 'test-password-1', next: draftPath }) });
    expect(back.headers.get('location')).toBe(draftPath);
    const cookie = back.headers.get('set-cookie')!.split(';')[0]!;
    const offer = await (await fetch(`${server.base}${draftPath}`, { headers: { cookie } })).text();
    expect(offer).toContain('Save what you entered');
    expect(offer).toContain('Police called about the child at 2am');
    expect(offer).toContain('action="/emergency-access"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(offer)![1]!;
    const hidden = [...offer.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].filter((m) => m[1] !== '_csrf');
    const body = new URLSearchParams(hidden.map((m) => [m[1]!, m[2]!.replace(/&#10;/g, '\n')]));
    body.append('_csrf', csrf);
    const saved = await fetch(`${server.base}/emergency-access`, { method: 'POST', headers: { cookie }, body, redirect: 'manual' });
    expect(saved.status).toBe(303);
    const [glass] = await db.query<{ reason: string; username: string }>('SELECT reason, username FROM break_glass');
    expect(glass).toEqual({ reason: fields.reason, username: 'ada' });
  });

  it('gives the signed-in user a navigation for their role', async () => {
    const worker = await signIn(db, server, 'front-door-worker');
    const html = await (await worker.get('/')).text();
    expect(html).toMatch(/href="\/front-door"/);
    expect(html).toMatch(/href="\/children"/);
    expect(html).not.toMatch(/href="\/team"/);
  });
});

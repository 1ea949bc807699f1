import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createUser } from '../repositories/users.js';
import { freshDatabase } from '../testing/databases.js';
import { startTestProvider, type Claims, type TestProvider } from '../testing/oidc-provider.js';
import { startTestServer, type TestServer } from '../testing/web.js';

const OIDC_ENV = [
  'THREADLINE_OIDC_ISSUER', 'THREADLINE_OIDC_CLIENT_ID', 'THREADLINE_OIDC_CLIENT_SECRET', 'THREADLINE_OIDC_REDIRECT_URI',
  'THREADLINE_OIDC_USERNAME_CLAIM', 'THREADLINE_OIDC_TOKEN_AUTH_METHOD',
];

describe('sign-in with an organisation\'s account (OpenID Connect)', () => {
  let db: Database;
  let server: TestServer;
  let idp: TestProvider;

  const configure = (extra: Record<string, string> = {}) => {
    for (const name of OIDC_ENV) delete process.env[name];
    Object.assign(process.env, {
      THREADLINE_OIDC_ISSUER: idp.issuer,
      THREADLINE_OIDC_CLIENT_ID: idp.clientId,
      THREADLINE_OIDC_CLIENT_SECRET: idp.clientSecret,
      THREADLINE_OIDC_REDIRECT_URI: idp.redirectUri,
      ...extra,
    });
  };

  beforeAll(async () => {
    db = await freshDatabase('pglite');
    server = await startTestServer(db);
    idp = await startTestProvider();
    idp.redirectUri = `${server.base}/sign-in/oidc/callback`;
    configure();
    await createUser(db, { username: 'jo.bloggs@council.gov.uk', displayName: 'Jo Bloggs', role: 'team-manager', password: 'unused-password-1' }, 'test');
  });
  afterEach(() => {
    configure();
    idp.user = {};
    idp.alterClaims = null;
    idp.spoil = null;
  });
  afterAll(async () => {
    for (const name of OIDC_ENV) delete process.env[name];
    await server.close();
    await idp.close();
    await db.close();
  });

  const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

  /** Starts a sign-in at Threadline and follows it to the provider: the flow cookie and the callback address. */
  async function startFlow(next = '/') {
    const start = await fetch(`${server.base}/sign-in/oidc?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const flowCookie = cookieOf(start, 'threadline_oidc')!;
    const authorize = new URL(start.headers.get('location')!);
    const atProvider = await fetch(authorize, { redirect: 'manual' });
    expect(atProvider.status).toBe(302);
    return { flowCookie, cookie: flowCookie.split(';')[0]!, authorize, callback: new URL(atProvider.headers.get('location')!) };
  }

  /** A whole sign-in, as a browser: Threadline → provider → Threadline's callback. */
  async function signInAs(user: Claims, next = '/') {
    idp.user = user;
    const { cookie, callback } = await startFlow(next);
    return fetch(callback, { headers: { cookie }, redirect: 'manual' });
  }

  it('offers the organisation\'s sign-in on the sign-in page only when it is configured', async () => {
    for (const name of OIDC_ENV) delete process.env[name];
    expect(await (await fetch(`${server.base}/sign-in`)).text()).not.toContain('/sign-in/oidc');
    expect((await fetch(`${server.base}/sign-in/oidc`, { redirect: 'manual' })).status).toBe(404);
    configure();
    const page = await (await fetch(`${server.base}/sign-in?next=${encodeURIComponent('/children?q=x')}`)).text();
    expect(page).toContain('Sign in with your organisation&#39;s account');
    expect(page).toContain('href="/sign-in/oidc?next=%2Fchildren%3Fq%3Dx"');
    expect(page).toContain('<form method="post" action="/sign-in"');
  });

  it('signs an existing user in through the provider and goes on to the page asked for', async () => {
    idp.user = { preferred_username: 'Jo.Bloggs@Council.gov.uk', name: 'Jo Bloggs' };
    const { flowCookie, authorize, cookie: flow, callback } = await startFlow('/children?q=x');
    expect(flowCookie).toMatch(/HttpOnly/i);
    expect(flowCookie).toMatch(/SameSite=Lax/i);
    expect(flowCookie).toMatch(/Path=\/sign-in\/oidc/i);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('openid profile email');
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The sealed cookie does not show the state (or the nonce, or the PKCE verifier).
    expect(flow).not.toContain(authorize.searchParams.get('state')!);

    const done = await fetch(callback, { headers: { cookie: flow }, redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/children?q=x');
    expect(cookieOf(done, 'threadline_oidc')).toMatch(/Max-Age=0/i);
    const session = cookieOf(done, 'threadline_session')!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const cookie = session.split(';')[0]!;
    expect((await fetch(`${server.base}/api/measures?month=2019-01`, { headers: { cookie } })).status).not.toBe(401);
    expect(await (await fetch(`${server.base}/`, { headers: { cookie } })).text()).toContain('Jo Bloggs (Team manager)');
    expect(idp.tokenRequests.at(-1)).toEqual({ auth: 'client_secret_post', error: null });
    const [log] = await db.query<{ outcome: string; detail: string }>(
      `SELECT outcome, detail FROM access_log WHERE actor = 'jo.bloggs@council.gov.uk' AND action = 'sign-in' ORDER BY id DESC LIMIT 1`,
    );
    expect(log?.outcome).toBe('allowed');
    expect(log?.detail).toMatch(/^OpenID Connect/);

    // The code can not be used twice (the provider refuses it): refused, never a server error.
    const replay = await fetch(callback, { headers: { cookie: flow }, redirect: 'manual' });
    expect(replay.status).toBe(401);
    expect(cookieOf(replay, 'threadline_session')).toBeUndefined();
  });

  it('uses client_secret_basic when told to, and falls back to the email claim', async () => {
    configure({ THREADLINE_OIDC_TOKEN_AUTH_METHOD: 'client_secret_basic' });
    const done = await signInAs({ email: 'JO.BLOGGS@council.gov.uk' });
    expect(done.status).toBe(303);
    expect(idp.tokenRequests.at(-1)).toEqual({ auth: 'client_secret_basic', error: null });
    // An email address the provider says it has not verified is not trusted.
    const unverified = await signInAs({ email: 'jo.bloggs@council.gov.uk', email_verified: false });
    expect(unverified.status).toBe(401);
    expect(await unverified.text()).toContain('not verified');
  });

  it('never sends someone to another site after signing in', async () => {
    const done = await signInAs({ preferred_username: 'jo.bloggs@council.gov.uk' }, '//evil.example/');
    expect(done.headers.get('location')).toBe('/');
  });

  it('refuses, and logs, someone the provider knows but who has no Threadline account, or whose account is switched off', async () => {
    const done = await signInAs({ preferred_username: 'New.Starter@council.gov.uk' });
    expect(done.status).toBe(403);
    expect(cookieOf(done, 'threadline_session')).toBeUndefined();
    const html = await done.text();
    expect(html).toContain('Your account is not set up in Threadline: ask your system administrator');
    expect(html).toContain('new.starter@council.gov.uk');
    const [log] = await db.query<{ outcome: string; detail: string }>(`SELECT outcome, detail FROM access_log WHERE actor = 'new.starter@council.gov.uk'`);
    expect(log?.outcome).toBe('denied');
    expect(log?.detail).toContain('no Threadline account');
    const [users] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE username = 'new.starter@council.gov.uk'`);
    expect(users?.n).toBe(0);

    await createUser(db, { username: 'leaver@council.gov.uk', displayName: 'Leaver', role: 'auditor', password: 'unused-password-2' }, 'test');
    await db.query(`UPDATE app_user SET disabled_at = now() WHERE username = 'leaver@council.gov.uk'`);
    const off = await signInAs({ preferred_username: 'leaver@council.gov.uk' });
    expect(off.status).toBe(403);
    expect(cookieOf(off, 'threadline_session')).toBeUndefined();
    expect(await off.text()).toContain('switched off');
  });

  it('refuses a callback whose state is not the one of this browser\'s sign-in, without redeeming the code', async () => {
    idp.user = { preferred_username: 'jo.bloggs@council.gov.uk' };
    const redeemed = idp.tokenRequests.length;
    const { cookie, callback } = await startFlow();
    const wrongState = new URL(callback);
    wrongState.searchParams.set('state', 'a-state-from-somewhere-else');
    const wrong = await fetch(wrongState, { headers: { cookie }, redirect: 'manual' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('state');
    const noCookie = await fetch(callback, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    expect(cookieOf(noCookie, 'threadline_session')).toBeUndefined();
    const [name, value] = cookie.split('=') as [string, string];
    const tampered = `${name}=${value.slice(0, 20)}${value[20] === 'A' ? 'B' : 'A'}${value.slice(21)}`;
    expect((await fetch(callback, { headers: { cookie: tampered }, redirect: 'manual' })).status).toBe(400);
    expect(idp.tokenRequests.length).toBe(redeemed);
    // The untouched callback still works (nothing above used up the sign-in).
    expect((await fetch(callback, { headers: { cookie }, redirect: 'manual' })).status).toBe(303);
  });

  it('refuses an ID token whose signature was changed, or made with a key the provider does not publish', async () => {
    idp.spoil = 'signature';
    const changed = await signInAs({ preferred_username: 'jo.bloggs@council.gov.uk' });
    expect(changed.status).toBe(401);
    expect(cookieOf(changed, 'threadline_session')).toBeUndefined();
    expect(await changed.text()).toContain('signature is not valid');
    idp.spoil = 'unpublished-key';
    const forged = await signInAs({ preferred_username: 'jo.bloggs@council.gov.uk' });
    expect(forged.status).toBe(401);
    expect(await forged.text()).toContain('signature is not valid');
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, (c: Claims) => Claims, string]>([
    ['another audience', (c) => ({ ...c, aud: 'some-other-app' }), 'meant for another application'],
    ['another issuer', (c) => ({ ...c, iss: 'https://login.example.com/other-tenant/v2.0' }), 'was issued by'],
    ['an expired token', (c) => ({ ...c, iat: now() - 900, exp: now() - 300 }), 'has expired'],
    ['a token issued in the future', (c) => ({ ...c, iat: now() + 600, exp: now() + 900 }), 'issued in the future'],
    ['another sign-in\'s nonce', (c) => ({ ...c, nonce: 'a-nonce-from-another-sign-in' }), 'does not carry the nonce'],
    ['no nonce', ({ nonce: _n, ...c }) => c, 'does not carry the nonce'],
  ])('refuses an ID token with %s', async (_what, alter, message) => {
    idp.alterClaims = alter;
    const res = await signInAs({ preferred_username: 'jo.bloggs@council.gov.uk' });
    expect(res.status).toBe(401);
    expect(cookieOf(res, 'threadline_session')).toBeUndefined();
    const html = await res.text();
    expect(html).toContain('You could not be signed in');
    expect(html).toContain(message);
    const [log] = await db.query<{ outcome: string; detail: string }>(`SELECT outcome, detail FROM access_log WHERE action = 'sign-in' ORDER BY id DESC LIMIT 1`);
    expect(log?.outcome).toBe('denied');
    expect(log?.detail).toContain(message);
  });

  it('sends the PKCE verifier, which the provider checks: a code issued for another sign-in\'s challenge is refused', async () => {
    idp.user = { preferred_username: 'jo.bloggs@council.gov.uk' };
    // An attacker's sign-in (B) is started, and its code is delivered to the victim's browser with A's state.
    const a = await startFlow();
    const start = await fetch(`${server.base}/sign-in/oidc`, { redirect: 'manual' });
    const bAuthorize = new URL(start.headers.get('location')!);
    expect(bAuthorize.searchParams.get('code_challenge')).not.toBe(a.authorize.searchParams.get('code_challenge'));
    bAuthorize.searchParams.set('state', a.authorize.searchParams.get('state')!);
    const bCallback = new URL((await fetch(bAuthorize, { redirect: 'manual' })).headers.get('location')!);
    const res = await fetch(bCallback, { headers: { cookie: a.cookie }, redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(cookieOf(res, 'threadline_session')).toBeUndefined();
    expect(await res.text()).toContain('PKCE verification failed');
    expect(idp.tokenRequests.at(-1)?.error).toBe('invalid_grant');
    expect(idp.tokenRequests.at(-1)?.description).toContain('PKCE');
  });

  it('explains a sign-in the provider refused or cancelled, and a provider it cannot reach, without a server error', async () => {
    const { cookie, callback } = await startFlow();
    const cancelled = new URL(callback);
    cancelled.searchParams.delete('code');
    cancelled.searchParams.set('error', 'access_denied');
    cancelled.searchParams.set('error_description', 'The user cancelled');
    const res = await fetch(cancelled, { headers: { cookie }, redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('access_denied: The user cancelled');

    configure({ THREADLINE_OIDC_ISSUER: 'http://127.0.0.1:9/nowhere' });
    const down = await fetch(`${server.base}/sign-in/oidc`, { redirect: 'manual' });
    expect(down.status).toBe(502);
    expect(await down.text()).toContain('could not reach your organisation');

    configure({ THREADLINE_OIDC_CLIENT_SECRET: '' });
    const partial = await fetch(`${server.base}/sign-in/oidc`, { redirect: 'manual' });
    expect(partial.status).toBe(503);
    expect(await partial.text()).toContain('THREADLINE_OIDC_CLIENT_SECRET');
    expect(await (await fetch(`${server.base}/sign-in`)).text()).not.toContain('/sign-in/oidc');
  });
});

/**
 * A running Threadline web server for tests, with users signed in over HTTP as a browser would: the session
 * cookie and the CSRF token of each signed-in user are kept for later requests.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Database } from '../db/database.js';
import type { Role } from '../domain/access/roles.js';
import { createUser } from '../repositories/users.js';
import { createApp } from '../web/app.js';

export interface TestServer {
  base: string;
  close(): Promise<void>;
}

export async function startTestServer(db: Database): Promise<TestServer> {
  const server: Server = createApp(db).listen(0, '127.0.0.1');
  // fetch keeps connections open between requests; a server closing an idle one just as the next request is
  // sent gives ECONNRESET on a slow, loaded machine. Idle connections stay open for the length of a test.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  /** fetch with the session cookie. */
  get(path: string): Promise<Response>;
  /** POSTs a form (the CSRF token is added). */
  post(path: string, fields: Record<string, string | string[]>): Promise<Response>;
}

/** Creates a user with the role (and worker/team) and signs them in through the sign-in form. */
export async function signIn(
  db: Database, server: TestServer, role: Role, opts: { username?: string; workerId?: string; teamId?: string } = {},
): Promise<SignedIn> {
  const username = opts.username ?? `${role}-${Math.random().toString(36).slice(2, 8)}`;
  await createUser(db, { username, displayName: `Test ${role}`, role, password: 'test-password-1', workerId: opts.workerId ?? null, teamId: opts.teamId ?? null }, 'test');
  const res = await fetch(`${server.base}/sign-in`, {
    method: 'POST', redirect: 'manual',
    body: new URLSearchParams({ username, password: 'test-password-1' }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${server.base}/`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!csrf) throw new Error('no CSRF token on the start page');
  const get = (path: string) => fetch(`${server.base}${path}`, { headers: { cookie }, redirect: 'manual' });
  const post = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    body.append('_csrf', csrf);
    return fetch(`${server.base}${path}`, { method: 'POST', headers: { cookie }, body, redirect: 'manual' });
  };
  return { cookie, csrf, get, post };
}

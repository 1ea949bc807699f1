/** Sign in and sign out, with throttling of repeated failures. */
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { demoUsers, DEMO_PASSWORD } from '../../repositories/demo-users.js';
import { checkCredentials, endSession, startSession } from '../../repositories/users.js';
import { logAccess } from '../../repositories/viewer.js';
import { oidcConfigured } from '../../security/oidc.js';
import { readCookie, SESSION_COOKIE, setSessionCookie } from '../auth.js';
import { errorSummary, safeNext, text, type FormErrors } from '../forms.js';

/**
 * Failed attempts in a 15-minute window: after 5 for one user name, or 50 from one address (an office may
 * share one), further attempts are refused until the window passes.
 */
const WINDOW_MS = 15 * 60_000;
const LIMITS = { u: 5, a: 50 };
const failures = new Map<string, number[]>();

function recentFailures(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(key, list);
  return list;
}

export function signInRoutes(db: Database): Router {
  const router = Router();

  router.get('/sign-in', async (req, res) => {
    res.render('sign-in.njk', {
      next: safeNext(req.query.next), timedOut: req.query.timedOut === '1', signedOut: req.query.signedOut === '1',
      demoUsers: await demoUsers(db), demoPassword: DEMO_PASSWORD, oidc: oidcConfigured(),
    });
  });

  router.post('/sign-in', async (req, res) => {
    const username = text(req, 'username');
    const password = typeof req.body?.password === 'string' ? (req.body.password as string) : '';
    const next = safeNext(req.body?.next);
    const errors: FormErrors = {};
    if (!username) errors.username = 'Enter your user name';
    if (!password) errors.password = 'Enter your password';
    const now = Date.now();
    const keys = [`u:${username.toLowerCase()}`, `a:${req.ip}`];
    if (!Object.keys(errors).length && keys.some((k) => recentFailures(k, now).length >= LIMITS[k[0] as 'u' | 'a'])) {
      errors.username = 'Too many attempts to sign in. Wait 15 minutes and try again, or ask your system administrator';
    }
    const viewer = Object.keys(errors).length ? null : await checkCredentials(db, username, password);
    if (!viewer) {
      if (!Object.keys(errors).length) {
        for (const k of keys) recentFailures(k, now).push(now);
        errors.username = 'The user name or password is not right';
        await db.query(`INSERT INTO access_log (actor, action, outcome, detail) VALUES ($1, 'sign-in', 'denied', $2)`, [username.toLowerCase(), `from ${req.ip}`]);
      }
      res.status(400).render('sign-in.njk', {
        errors, errorList: errorSummary(errors), values: { username }, next, demoUsers: await demoUsers(db), demoPassword: DEMO_PASSWORD, oidc: oidcConfigured(),
      });
      return;
    }
    for (const k of keys) failures.delete(k);
    const old = readCookie(req, SESSION_COOKIE);
    if (old) await endSession(db, old);
    setSessionCookie(req, res, await startSession(db, viewer));
    await logAccess(db, viewer, { action: 'sign-in', detail: `from ${req.ip}` });
    res.redirect(303, next);
  });

  router.post('/sign-out', async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await endSession(db, token);
    setSessionCookie(req, res, null);
    res.redirect(303, '/sign-in?signedOut=1');
  });

  return router;
}

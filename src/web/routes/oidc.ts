/**
 * Sign in with an organisation's account (OpenID Connect, e.g. Microsoft Entra ID): see src/security/oidc.ts
 * for the flow, its checks and how to configure it. The configuration is read from the environment on each
 * request (or given, for tests). A person is signed in only as an existing, active Threadline user whose user
 * name equals the ID token's username claim: users are never created here, because roles are given by the
 * authority.
 */
import { Router, type Request, type Response } from 'express';
import type { Database } from '../../db/database.js';
import { endSession, findUserByUsername, startSession } from '../../repositories/users.js';
import { logAccess } from '../../repositories/viewer.js';
import {
  finishAuthorization, FLOW_MINUTES, oidcConfigFromEnv, OidcError, openPending, sealPending, startAuthorization,
  type OidcConfig, type OidcFailure,
} from '../../security/oidc.js';
import { readCookie, SESSION_COOKIE, setSessionCookie } from '../auth.js';
import { safeNext } from '../forms.js';

/** Carries the state, nonce, PKCE verifier and next page (sealed) from the start of a sign-in to its return. */
export const OIDC_COOKIE = 'threadline_oidc';
const COOKIE_PATH = '/sign-in/oidc';

const STATUS: Record<OidcFailure, number> = { config: 503, provider: 502, callback: 400, refused: 401, token: 401 };
const MESSAGE: Record<OidcFailure, string> = {
  config: 'Signing in with your organisation\'s account is not set up correctly. Sign in with your Threadline user name and password, or ask your system administrator.',
  provider: 'Threadline could not reach your organisation\'s sign-in service. Try again in a few minutes, or ask your system administrator.',
  callback: 'Your sign-in could not be completed: it took longer than 10 minutes, was started in another browser or tab, or the link was changed. Go back to the sign-in page and try again.',
  refused: 'Your organisation\'s sign-in service did not sign you in. Go back to the sign-in page and try again, or ask your system administrator.',
  token: 'Threadline could not confirm who you are from your organisation\'s sign-in service. Go back to the sign-in page and try again, or ask your system administrator.',
};

export interface OidcRouteOptions {
  /** The configuration; by default read from THREADLINE_OIDC_* on each request. */
  config?: () => OidcConfig | null;
}

export function oidcRoutes(db: Database, options: OidcRouteOptions = {}): Router {
  const router = Router();
  const configOf = options.config ?? (() => oidcConfigFromEnv());

  const fail = (res: Response, status: number, message: string, title = 'You could not be signed in') => {
    res.status(status).render('error.njk', { title, message });
  };
  const failWith = async (req: Request, res: Response, e: unknown) => {
    if (!(e instanceof OidcError)) throw e;
    console.warn(`OpenID Connect sign-in failed: ${e.message}`);
    if (e.failure !== 'config') {
      await db.query(`INSERT INTO access_log (actor, action, outcome, detail) VALUES ('unknown', 'sign-in', 'denied', $1)`, [`OpenID Connect from ${req.ip}: ${e.message}`]);
    }
    fail(res, STATUS[e.failure], `${MESSAGE[e.failure]} (Details for your system administrator: ${e.message}.)`);
  };
  /** The configuration, or null after answering that sign-in with an organisation's account is not available. */
  const config = async (req: Request, res: Response): Promise<OidcConfig | null> => {
    let c: OidcConfig | null;
    try {
      c = configOf();
    } catch (e) {
      await failWith(req, res, e);
      return null;
    }
    if (!c) fail(res, 404, 'Signing in with your organisation\'s account is not switched on. Sign in with your Threadline user name and password.', 'Page not found');
    return c;
  };

  router.get('/sign-in/oidc', async (req, res) => {
    const c = await config(req, res);
    if (!c) return;
    try {
      const { url, pending } = await startAuthorization(c);
      res.cookie(OIDC_COOKIE, sealPending(c, pending, safeNext(req.query.next)), {
        httpOnly: true, sameSite: 'lax', secure: req.secure, path: COOKIE_PATH, maxAge: FLOW_MINUTES * 60_000,
      });
      res.redirect(303, url);
    } catch (e) {
      await failWith(req, res, e);
    }
  });

  router.get('/sign-in/oidc/callback', async (req, res) => {
    // One use only: whatever happens, the pending sign-in is forgotten.
    const sealed = readCookie(req, OIDC_COOKIE);
    res.cookie(OIDC_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: req.secure, path: COOKIE_PATH, maxAge: 0 });
    const c = await config(req, res);
    if (!c) return;
    try {
      const pending = openPending(c, sealed);
      if (!pending) throw new OidcError('callback', 'there is no sign-in in progress in this browser (the sign-in cookie is missing, changed or more than 10 minutes old)');
      const query = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : undefined);
      const params = { code: query('code'), state: query('state'), error: query('error'), error_description: query('error_description') };
      const { username } = await finishAuthorization(c, Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)), pending);

      const user = await findUserByUsername(db, username);
      if (!user || user.disabled) {
        await db.query(`INSERT INTO access_log (actor, action, outcome, detail) VALUES ($1, 'sign-in', 'denied', $2)`, [
          username, `OpenID Connect from ${req.ip}: ${user ? 'the Threadline account is switched off' : 'no Threadline account has this user name'}`,
        ]);
        fail(res, 403, user
          ? `Your Threadline account (${username}) has been switched off: ask your system administrator.`
          : `Your account is not set up in Threadline: ask your system administrator. They will need your user name, ${username}.`,
        user ? 'Your account is switched off' : 'Your account is not set up in Threadline');
        return;
      }
      const old = readCookie(req, SESSION_COOKIE);
      if (old) await endSession(db, old);
      setSessionCookie(req, res, await startSession(db, user.viewer));
      await logAccess(db, user.viewer, { action: 'sign-in', detail: `OpenID Connect from ${req.ip}` });
      res.redirect(303, safeNext(pending.next));
    } catch (e) {
      await failWith(req, res, e);
    }
  });

  return router;
}

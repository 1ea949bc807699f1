/**
 * Sessions, sign-in and CSRF for the web pages. The session cookie holds a random token (HttpOnly,
 * SameSite=Lax, Secure when served over TLS); every state-changing request must carry the session's CSRF
 * token in a `_csrf` form field or an `X-CSRF-Token` header.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/database.js';
import { findSession, saveDraft, timedOutSessionUser } from '../repositories/users.js';
import { AccessDenied, type Viewer } from '../repositories/viewer.js';

export const SESSION_COOKIE = 'threadline_session';

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function setSessionCookie(req: Request, res: Response, token: string | null): void {
  res.cookie(SESSION_COOKIE, token ?? '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    ...(token === null ? { maxAge: 0 } : {}),
  });
}

/** Finds the session (if any) and puts the viewer and CSRF token where routes and views can see them. */
export function sessions(db: Database) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await findSession(db, token) : null;
    res.locals.viewer = session?.viewer ?? null;
    res.locals.csrfToken = session?.csrfToken ?? null;
    // A form sent after its author's session timed out: keep what they typed, and offer it back after sign-in.
    if (!session && token && req.method === 'POST' && !['/sign-in', '/sign-out'].includes(req.path)) {
      const userId = await timedOutSessionUser(db, token);
      if (userId) {
        const { _csrf: _ignored, password: _secret, ...fields } = (req.body ?? {}) as Record<string, unknown>;
        const draft = await saveDraft(db, userId, req.originalUrl, fields);
        res.redirect(303, `/sign-in?timedOut=1&next=${encodeURIComponent(`/drafts/${draft}`)}`);
        return;
      }
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && session) {
      const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
      if (sent !== session.csrfToken) {
        res.status(403).render('error.njk', {
          title: 'Your form could not be sent',
          message: 'The page was out of date or did not come from Threadline. Go back, reload the page and try again.',
        });
        return;
      }
    }
    next();
  };
}

/** Sends people who are not signed in to the sign-in page, remembering where they were going. */
export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (res.locals.viewer) return next();
  if (req.method === 'GET' && !req.path.startsWith('/api/')) {
    res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
    return;
  }
  res.status(401).json({ error: 'Sign in first.' });
}

/** The signed-in viewer (routes behind requireSignIn only). */
export function viewerOf(res: Response): Viewer {
  const viewer = res.locals.viewer as Viewer | null;
  if (!viewer) throw new AccessDenied('Sign in first');
  return viewer;
}

/**
 * The web application: Express, server-rendered Nunjucks pages on GOV.UK Frontend and MOJ Frontend.
 * Routes stay thin: they call repositories and render views.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import nunjucks from 'nunjucks';
import type { Database } from '../db/database.js';
import { londonDate, longDate } from '../domain/time/london.js';
import { projectRoot } from '../project-root.js';
import { ROLES, navigationFor } from '../domain/access/roles.js';
import { authoritySummary } from '../repositories/authority-summary.js';
import { demoUsers, DEMO_PASSWORD } from '../repositories/demo-users.js';
import { BREAK_GLASS_MINUTES } from '../repositories/access.js';
import { AccessDenied, type Viewer } from '../repositories/viewer.js';
import { requireSignIn, sessions } from './auth.js';
import { routeAccess } from './route-access.js';
import { cleanFormBody, errorFor } from './forms.js';
import { formatDateTime, formatNumber } from './format.js';
import { accessRoutes } from './routes/access.js';
import { accessLogRoutes } from './routes/access-log.js';
import { draftRoutes } from './routes/drafts.js';
import { adminRoutes } from './routes/admin.js';
import { childrenRoutes } from './routes/children.js';
import { frontDoorRoutes } from './routes/front-door.js';
import { measuresApi } from './routes/measures-api.js';
import { oidcRoutes } from './routes/oidc.js';
import { performanceRoutes } from './routes/performance.js';
import { practiceRoutes } from './routes/practice.js';
import { reportSectionRoutes } from './routes/report-sections.js';
import { boardRoutes } from './routes/board.js';
import { signInRoutes } from './routes/sign-in.js';
import { teamRoutes } from './routes/team.js';
import { reportRoutes } from './routes/report.js';

export function createApp(db: Database): express.Express {
  const app = express();
  const modules = join(projectRoot, 'node_modules');
  const env = nunjucks.configure(
    [join(projectRoot, 'src', 'web', 'views'), join(modules, 'govuk-frontend', 'dist'), join(modules, '@ministryofjustice', 'frontend')],
    // Compiled templates are kept (compiling a page's templates again took 60-70 ms of every request); only
    // NODE_ENV=development reads them afresh on each request, for editing them.
    { autoescape: true, express: app, noCache: process.env.NODE_ENV === 'development' },
  );
  env.addFilter('number', formatNumber);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('date', longDate);
  env.addGlobal('errorFor', errorFor);
  app.set('view engine', 'njk');
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy, THREADLINE_TRUST_PROXY (e.g. "loopback" or "1") lets Express see HTTPS,
  // so session cookies are marked Secure and HSTS is sent.
  if (process.env.THREADLINE_TRUST_PROXY) app.set('trust proxy', process.env.THREADLINE_TRUST_PROXY);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Pages about children must not be kept by shared computers' browsers or proxies.
    if (!req.path.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const assets = { maxAge: '1d', fallthrough: true };
  app.use('/assets', express.static(join(modules, 'govuk-frontend', 'dist', 'govuk', 'assets'), assets));
  app.use('/assets', express.static(join(modules, '@ministryofjustice', 'frontend', 'moj', 'assets'), assets));
  app.get('/assets/govuk-frontend.min.css', (_req, res) => res.sendFile(join(modules, 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.css')));
  app.get('/assets/moj-frontend.min.css', (_req, res) => res.sendFile(join(modules, '@ministryofjustice', 'frontend', 'moj', 'moj-frontend.min.css')));
  app.get('/assets/govuk-frontend.min.js', (_req, res) => res.sendFile(join(modules, 'govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js')));
  app.get('/assets/app.css', (_req, res) => res.sendFile(join(projectRoot, 'src', 'web', 'public', 'app.css')));

  app.get('/health', async (_req, res) => {
    await db.query('SELECT 1');
    res.json({ status: 'ok', database: db.kind });
  });

  app.use(express.urlencoded({ extended: false, limit: '200kb' }));
  app.use(cleanFormBody);
  app.use(sessions(db));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const viewer = res.locals.viewer as Viewer | null;
    res.locals.navigation = viewer
      ? navigationFor(viewer.role).map((item) => ({ ...item, active: req.path === item.href || req.path.startsWith(`${item.href}/`) }))
      : [];
    res.locals.viewerRoleLabel = viewer ? ROLES[viewer.role] : null;
    next();
  });

  app.get('/', async (_req, res) => {
    const summary = await authoritySummary(db, londonDate(new Date()));
    res.render('start.njk', { summary, demo: summary.demo, engine: db.kind, demoUsers: await demoUsers(db), demoPassword: DEMO_PASSWORD });
  });
  app.use(signInRoutes(db));
  app.use(oidcRoutes(db));

  // Everything below needs a signed-in person.
  app.use(requireSignIn);
  app.use(routeAccess(db));
  app.use(accessRoutes(db));
  app.use(accessLogRoutes(db));
  app.use(draftRoutes(db));
  app.use(adminRoutes(db));
  app.use(measuresApi(db));
  app.use(childrenRoutes(db));
  app.use(frontDoorRoutes(db));
  app.use(practiceRoutes(db));
  app.use(reportSectionRoutes(db));
  app.use(boardRoutes(db));
  app.use(teamRoutes(db));
  app.use(performanceRoutes(db));
  app.use(reportRoutes(db));

  app.use((_req, res) => {
    res.status(404).render('error.njk', { title: 'Page not found', message: 'If you typed the web address, check it is correct.' });
  });
  app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AccessDenied && err.breakGlassPersonId && req.method === 'GET') {
      res.status(403).render('access/restricted.njk', { personId: err.breakGlassPersonId, next: req.originalUrl, values: {}, minutes: BREAK_GLASS_MINUTES });
      return;
    }
    if (err instanceof AccessDenied) {
      res.status(403).render('error.njk', { title: 'You do not have access to this page', message: `${err.message}. If you think you should, ask your team manager.` });
      return;
    }
    if ((err as { type?: string }).type === 'entity.too.large' || (err as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).render('error.njk', { title: 'Your form could not be read', message: 'Go back and try again with less text.' });
      return;
    }
    console.error(err);
    res.status(500).render('error.njk', { title: 'Sorry, there is a problem with the service', message: 'Try again later. Nothing you entered has been lost or changed.' });
  });
  return app;
}

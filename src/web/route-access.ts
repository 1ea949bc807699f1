/**
 * The route table: every route of the web application with who may use it. A route's rule is either
 * public (no sign-in), any signed-in person, or an action from the access rules (src/domain/access/rules.ts):
 * the roles allowed are those whose scope for the action is not "none". Which children's data a person then
 * sees is decided in the repository layer (src/repositories/viewer.ts), per child.
 *
 * `routeAccess` refuses a request whose role may not take the route's action, before the route runs; a test
 * (route-access.test.ts) fails if any route of the application is missing from this table, and checks every
 * route against every role.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db/database.js';
import { DEFAULT_RULES, type Action, type RuleSet } from '../domain/access/rules.js';
import { ROLES, type Role } from '../domain/access/roles.js';
import { accessRules } from '../repositories/access.js';
import { logAccess, type Viewer } from '../repositories/viewer.js';

export type RouteAccess = 'public' | 'signed-in' | Action;

export interface RouteRule {
  method: 'GET' | 'POST';
  path: string;
  access: RouteAccess;
  /** What the route is for, in a few words. */
  purpose: string;
}

export const ROUTES: readonly RouteRule[] = [
  { method: 'GET', path: '/', access: 'public', purpose: 'Start page (figures for the authority; demonstration users)' },
  { method: 'GET', path: '/health', access: 'public', purpose: 'Health check' },
  { method: 'GET', path: '/assets/:file', access: 'public', purpose: 'Style sheets, scripts, fonts and images' },
  { method: 'GET', path: '/sign-in', access: 'public', purpose: 'Sign-in page' },
  { method: 'POST', path: '/sign-in', access: 'public', purpose: 'Sign in' },
  { method: 'GET', path: '/sign-in/oidc', access: 'public', purpose: 'Sign in with the organisation’s account (OpenID Connect)' },
  { method: 'GET', path: '/sign-in/oidc/callback', access: 'public', purpose: 'Return from the identity provider' },
  { method: 'POST', path: '/sign-out', access: 'signed-in', purpose: 'Sign out' },
  { method: 'GET', path: '/drafts/:id', access: 'signed-in', purpose: 'A form kept when its author’s session timed out (its author only)' },
  { method: 'POST', path: '/emergency-access', access: 'read', purpose: 'Emergency access to a restricted record, with a reason' },
  { method: 'GET', path: '/access-log', access: 'audit-log', purpose: 'Who looked at a child’s record; what a user looked at' },
  { method: 'GET', path: '/access-log/children/:id/subject-access.json', access: 'audit-log', purpose: 'Subject access export' },
  { method: 'GET', path: '/admin/access', access: 'administer', purpose: 'The access rules and this route table' },
  { method: 'POST', path: '/admin/access', access: 'administer', purpose: 'Change an access rule, with a reason' },
  { method: 'GET', path: '/performance', access: 'read', purpose: 'The monthly performance dataset' },
  { method: 'GET', path: '/performance/:id/:month', access: 'read', purpose: 'The records behind a figure' },
  { method: 'GET', path: '/api/measures', access: 'read', purpose: 'The dataset as JSON' },
  { method: 'GET', path: '/api/measures.csv', access: 'read', purpose: 'The dataset as CSV' },
  { method: 'GET', path: '/api/measures.xlsx', access: 'read', purpose: 'The dataset as a workbook' },
  { method: 'GET', path: '/api/measures/:id/:month/rows', access: 'read', purpose: 'The records behind a figure (JSON or CSV)' },
  { method: 'GET', path: '/api/measures/:id/:month/late', access: 'read', purpose: 'The effect of late recording on a figure' },
  // The monthly monitoring report. Writing and publishing are 'read' here because the access rules are about
  // children's records and analysts and directors may only read those; the report's own steps (write: analyst;
  // review: another analyst or a director; publish: director) are decided in src/domain/report/publication.ts.
  { method: 'GET', path: '/reports', access: 'read', purpose: 'Monthly monitoring reports: months, status and published versions' },
  { method: 'GET', path: '/reports/:month', access: 'read', purpose: 'The monthly report as the records are now (also .pdf, and .xlsx for the dataset)' },
  { method: 'POST', path: '/reports/:month/summary', access: 'read', purpose: 'Write the summary analysis (performance analyst, while a draft)' },
  { method: 'POST', path: '/reports/:month/commentary/:id', access: 'read', purpose: 'Write a measure’s commentary (performance analyst, while a draft)' },
  { method: 'POST', path: '/reports/:month/status', access: 'read', purpose: 'Review, send back, publish (director) or reopen the report' },
  { method: 'GET', path: '/reports/:month/history', access: 'read', purpose: 'Every version of the report’s text and its publication steps' },
  { method: 'GET', path: '/reports/:month/versions/:version', access: 'read', purpose: 'A published version as it was, with changes from the one before (also .pdf, .xlsx)' },
  { method: 'GET', path: '/reports/:month/versions/:version/figures/:id', access: 'read', purpose: 'The records behind a published figure, as they were' },
  // Children: find a child, add a person, the record and its one chronology (/children/new before /children/:id).
  { method: 'GET', path: '/children', access: 'read', purpose: 'Find a child by name, date of birth or identifier' },
  { method: 'GET', path: '/children/new', access: 'change', purpose: 'Add a child or unborn baby (form)' },
  { method: 'POST', path: '/children/new', access: 'change', purpose: 'Add a child, after checking possible duplicates' },
  { method: 'GET', path: '/children/:id', access: 'read', purpose: 'The child’s record: status, worker, deadlines, key people, agencies' },
  { method: 'GET', path: '/children/:id/chronology', access: 'read', purpose: 'The child’s chronology, filtered by type and period' },
  { method: 'GET', path: '/children/:id/chronology.pdf', access: 'read', purpose: 'The chronology as a PDF for court or a conference' },
  { method: 'GET', path: '/children/:id/significant-events/new', access: 'change', purpose: 'Add a significant event (form)' },
  { method: 'POST', path: '/children/:id/significant-events/new', access: 'change', purpose: 'Add a significant event to the chronology' },
  // The front door: contacts, decisions, referrals and what follows them.
  { method: 'GET', path: '/front-door', access: 'read', purpose: 'Contacts waiting for a decision, with their deadlines' },
  { method: 'GET', path: '/front-door/contacts/new', access: 'change', purpose: 'Record a contact (form)' },
  { method: 'POST', path: '/front-door/contacts/new', access: 'change', purpose: 'Record a contact' },
  { method: 'GET', path: '/front-door/contacts/:id', access: 'read', purpose: 'A contact, its deadline and decision' },
  { method: 'GET', path: '/front-door/contacts/:id/decision', access: 'change', purpose: 'The MASH decision (form)' },
  { method: 'POST', path: '/front-door/contacts/:id/decision', access: 'change', purpose: 'Record the MASH decision' },
  { method: 'GET', path: '/front-door/contacts/:id/challenge', access: 'change', purpose: 'A manager’s challenge to a decision (form)' },
  { method: 'POST', path: '/front-door/contacts/:id/challenge', access: 'change', purpose: 'Record a challenge or its resolution' },
  { method: 'GET', path: '/front-door/step-up', access: 'change', purpose: 'Step up from early help (form)' },
  { method: 'POST', path: '/front-door/step-up', access: 'change', purpose: 'Record a step-up from early help' },
  { method: 'GET', path: '/front-door/referrals/:id', access: 'read', purpose: 'A referral and what is due next' },
  { method: 'GET', path: '/front-door/referrals/:id/strategy/new', access: 'change', purpose: 'Strategy discussion (form)' },
  { method: 'POST', path: '/front-door/referrals/:id/strategy/new', access: 'change', purpose: 'Record a strategy discussion' },
  { method: 'GET', path: '/front-door/strategy/:id/minutes', access: 'change', purpose: 'Minutes of a strategy discussion (form)' },
  { method: 'POST', path: '/front-door/strategy/:id/minutes', access: 'change', purpose: 'Record when minutes were recorded' },
  { method: 'GET', path: '/front-door/referrals/:id/s47/new', access: 'change', purpose: 'Start a section 47 enquiry (form)' },
  { method: 'POST', path: '/front-door/referrals/:id/s47/new', access: 'change', purpose: 'Start a section 47 enquiry' },
  { method: 'GET', path: '/front-door/s47/:id/outcome', access: 'change', purpose: 'Section 47 outcome (form)' },
  { method: 'POST', path: '/front-door/s47/:id/outcome', access: 'change', purpose: 'Record a section 47 outcome' },
  { method: 'GET', path: '/front-door/s47/:id/icpc/new', access: 'change', purpose: 'Initial child protection conference (form)' },
  { method: 'POST', path: '/front-door/s47/:id/icpc/new', access: 'change', purpose: 'Record an initial child protection conference' },
  { method: 'GET', path: '/front-door/icpc/:id/cp-plan/new', access: 'change', purpose: 'Child protection plan (form)' },
  { method: 'POST', path: '/front-door/icpc/:id/cp-plan/new', access: 'change', purpose: 'Start a child protection plan' },
  { method: 'GET', path: '/front-door/referrals/:id/assessment/new', access: 'change', purpose: 'Start a single assessment (form)' },
  { method: 'POST', path: '/front-door/referrals/:id/assessment/new', access: 'change', purpose: 'Start a single assessment' },
  { method: 'GET', path: '/front-door/assessments/:id/authorise', access: 'change', purpose: 'Authorise an assessment (form)' },
  { method: 'POST', path: '/front-door/assessments/:id/authorise', access: 'change', purpose: 'Record the manager’s authorisation' },
  { method: 'GET', path: '/visits/new', access: 'change', purpose: 'Record a visit (form)' },
  { method: 'POST', path: '/visits/new', access: 'change', purpose: 'Record a visit' },
  // The monthly report's sections (audits, complaints, failures, plans, surveys, inspections) and the records
  // behind them. Recording is for performance analysts and auditors, checked in src/repositories/report-sections.ts.
  { method: 'GET', path: '/report-sections/:month', access: 'read', purpose: 'The report’s audit, complaints, failures, plans, surveys and inspections sections' },
  { method: 'GET', path: '/report-plans', access: 'read', purpose: 'Action and rectification plans, surveys and inspection outcomes' },
  { method: 'GET', path: '/report-plans/new', access: 'read', purpose: 'Record an action or rectification plan (form; analyst or auditor)' },
  { method: 'POST', path: '/report-plans/new', access: 'read', purpose: 'Record an action or rectification plan (analyst or auditor)' },
  { method: 'GET', path: '/report-plans/:id', access: 'read', purpose: 'A plan, its actions and its history' },
  { method: 'POST', path: '/report-plans/:id', access: 'read', purpose: 'Record a plan’s progress or close it, with a reason (analyst or auditor)' },
  { method: 'POST', path: '/report-plans/:id/actions', access: 'read', purpose: 'Add an action to a plan (analyst or auditor)' },
  { method: 'POST', path: '/report-plans/:id/actions/:actionId', access: 'read', purpose: 'Update an action’s status and progress, with a reason (analyst or auditor)' },
  { method: 'GET', path: '/report-entries/new', access: 'read', purpose: 'Record a survey or an inspection outcome (form; analyst or auditor)' },
  { method: 'POST', path: '/report-entries/new', access: 'read', purpose: 'Record a survey or an inspection outcome (analyst or auditor)' },
  { method: 'GET', path: '/report-entries/:id', access: 'read', purpose: 'A survey or inspection outcome and its history (?edit=1: the form)' },
  { method: 'POST', path: '/report-entries/:id', access: 'read', purpose: 'Change a survey or inspection outcome, with a reason (analyst or auditor)' },
  { method: 'GET', path: '/report-failures', access: 'read', purpose: 'When a measure is a performance failure (thresholds)' },
  { method: 'POST', path: '/report-failures', access: 'read', purpose: 'Change the performance failure thresholds, with a reason (analyst or auditor)' },
  { method: 'GET', path: '/report-findings/:month', access: 'read', purpose: 'The QA team’s thematic audit findings for a month' },
  { method: 'POST', path: '/report-findings/:month', access: 'read', purpose: 'Write the thematic audit findings (analyst or auditor)' },
  { method: 'GET', path: '/report-records/audits', access: 'read', purpose: 'The audits and moderations behind an audit figure' },
  { method: 'GET', path: '/report-records/feedback', access: 'read', purpose: 'The complaints and compliments behind a figure' },
  { method: 'GET', path: '/board', access: 'read', purpose: 'Weekly performance board: measures by service, team and worker, worst first (analyst, director; a team manager their team)' },
  { method: 'GET', path: '/board/:id/:month', access: 'read', purpose: 'A measure on the performance board by service, team and worker' },
  { method: 'GET', path: '/board/:id/:month/children', access: 'read', purpose: 'The children behind a shortfall on the performance board' },
  // Teams, plans and oversight.
  { method: 'GET', path: '/team', access: 'read', purpose: 'Team dashboard: each worker’s work, children waiting' },
  { method: 'POST', path: '/team/allocate', access: 'allocate', purpose: 'Allocate a child to a worker' },
  { method: 'GET', path: '/my-work', access: 'read', purpose: 'The signed-in worker’s overdue and due work' },
  { method: 'GET', path: '/plans/cin/new', access: 'change', purpose: 'Start a child in need plan (form)' },
  { method: 'POST', path: '/plans/cin/new', access: 'change', purpose: 'Start a child in need plan' },
  { method: 'GET', path: '/plans/:kind/:id', access: 'read', purpose: 'A plan and its actions' },
  { method: 'POST', path: '/plans/:kind/:id/actions', access: 'change', purpose: 'Add an action to a plan' },
  { method: 'POST', path: '/plans/:kind/:id/actions/:actionId', access: 'change', purpose: 'Change an action’s status, with a reason' },
  { method: 'GET', path: '/supervision/new', access: 'change', purpose: 'Case supervision or management oversight (form)' },
  { method: 'POST', path: '/supervision/new', access: 'change', purpose: 'Record case supervision or management oversight' },
  { method: 'GET', path: '/supervision/:id', access: 'read', purpose: 'A supervision record' },
];

function pattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-zA-Z]+/g, '[^/]+')}/?$`);
}
const compiled = ROUTES.map((r) => ({ rule: r, re: pattern(r.path) }));

export function ruleFor(method: string, path: string): RouteRule | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return compiled.find((c) => c.rule.method === m && c.re.test(path))?.rule;
}

/** The roles a route admits under a rule set. */
export function rolesFor(rule: RouteRule, rules: RuleSet = DEFAULT_RULES): Role[] | 'everyone' {
  if (rule.access === 'public') return 'everyone';
  const all = Object.keys(ROLES) as Role[];
  if (rule.access === 'signed-in') return all;
  return all.filter((r) => rules[r][rule.access as Action] !== 'none');
}

/**
 * Refuses (403, logged) a signed-in request whose role may not take its route's action at all. A path with no
 * rule in the table is not found (404), whether or not a route handles it: a route is reachable only once its
 * access is stated here (deny by default).
 */
export function routeAccess(db: Database) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const rule = ruleFor(req.method, req.path);
    const viewer = res.locals.viewer as Viewer | null;
    if (!rule) {
      res.status(404).render('error.njk', { title: 'Page not found', message: 'If you typed the web address, check it is correct.' });
      return;
    }
    if (rule.access === 'public' || rule.access === 'signed-in' || !viewer) return next();
    const rules = await accessRules(db);
    if (rules[viewer.role][rule.access] !== 'none') return next();
    await logAccess(db, viewer, { action: 'route', outcome: 'denied', detail: `${req.method} ${req.path}: ${rule.access} not allowed for ${viewer.role}` });
    res.status(403).render('error.njk', { title: 'You do not have access to this page', message: 'Your role does not include this. If you think it should, ask your team manager.' });
  };
}

/**
 * Who may do what to a child's record: rules as data. Each role has, for each action, a scope: none, the
 * worker's own caseload, their team's children, their service's children, or the whole authority.
 * Restricted records (for example a child related to a member of staff) are outside every scope: only the
 * people named on the restriction may see them, or someone who records a reason for emergency
 * ("break-glass") access, which is logged and lasts an hour.
 *
 * The defaults below are what a new authority starts with; an authority changes them as data (the
 * access_rule table, every change kept with who and why). Pure: no I/O.
 */
import type { Role } from './roles.js';

export const SCOPES = ['none', 'own', 'team', 'service', 'authority'] as const;
export type Scope = (typeof SCOPES)[number];
export const ACTIONS = ['read', 'change', 'allocate', 'audit-log', 'administer'] as const;
export type Action = (typeof ACTIONS)[number];

export const SCOPE_LABELS: Record<Scope, string> = {
  none: 'No access',
  own: 'Own caseload',
  team: 'Their team',
  service: 'Their service',
  authority: 'Whole authority',
};

export const ACTION_LABELS: Record<Action, string> = {
  read: "Read children's records",
  change: "Record and change children's records",
  allocate: 'Allocate children to workers',
  'audit-log': 'Read the access log and export a subject access request',
  administer: 'Manage users and settings',
};

export type RuleSet = Record<Role, Record<Action, Scope>>;

const noChildAccess: Record<Action, Scope> = { read: 'none', change: 'none', allocate: 'none', 'audit-log': 'none', administer: 'none' };

export const DEFAULT_RULES: RuleSet = {
  'social-worker': { ...noChildAccess, read: 'authority', change: 'team' },
  'front-door-worker': { ...noChildAccess, read: 'authority', change: 'authority' },
  'team-manager': { ...noChildAccess, read: 'authority', change: 'service', allocate: 'team' },
  'iro': { ...noChildAccess, read: 'authority', change: 'authority' },
  'auditor': { ...noChildAccess, read: 'authority' },
  'performance-analyst': { ...noChildAccess, read: 'authority' },
  'director': { ...noChildAccess, read: 'authority' },
  'data-protection-officer': { ...noChildAccess, read: 'authority', 'audit-log': 'authority' },
  'system-administrator': { ...noChildAccess, administer: 'authority' },
};

/** What is known about a child for deciding access to their record. */
export interface ChildAccessFacts {
  /** Workers currently allocated to the child. */
  workerIds: readonly string[];
  /** Teams currently responsible for the child (allocations, open referrals and episodes). */
  teamIds: readonly string[];
  /** The service areas of those teams. */
  serviceAreas: readonly string[];
  /** Whether the record is restricted, and who is named on the restriction. */
  restricted: boolean;
  namedUsers: readonly string[];
  /** People with emergency access running now. */
  breakGlassUsers: readonly string[];
}

export interface Who {
  username: string;
  role: Role;
  workerId: string | null;
  teamId: string | null;
  serviceArea: string | null;
}

export type Decision = { allowed: true; because: string } | { allowed: false; because: string; breakGlass: boolean };

/** Whether `who` may take `action` on a child's record, and why (for the access log). */
export function decide(rules: RuleSet, who: Who, action: Action, child: ChildAccessFacts | null): Decision {
  const scope = rules[who.role]?.[action] ?? 'none';
  if (scope === 'none') return { allowed: false, because: `${action}: not allowed for this role`, breakGlass: false };
  if (child === null) return { allowed: true, because: `${action}: ${SCOPE_LABELS[scope].toLowerCase()}` };
  if (child.restricted) {
    if (child.namedUsers.includes(who.username)) return { allowed: true, because: 'named on the restricted record' };
    if (child.breakGlassUsers.includes(who.username)) return { allowed: true, because: 'emergency access (reason recorded)' };
    return { allowed: false, because: 'restricted record', breakGlass: true };
  }
  const within =
    scope === 'authority' ||
    (scope === 'service' && who.serviceArea !== null && child.serviceAreas.includes(who.serviceArea)) ||
    ((scope === 'service' || scope === 'team') && who.teamId !== null && child.teamIds.includes(who.teamId)) ||
    (who.workerId !== null && child.workerIds.includes(who.workerId));
  return within
    ? { allowed: true, because: `${action}: ${SCOPE_LABELS[scope].toLowerCase()}` }
    : { allowed: false, because: `${action}: outside ${SCOPE_LABELS[scope].toLowerCase()}`, breakGlass: false };
}

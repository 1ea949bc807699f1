/**
 * Who is asking. Every repository that reads or writes a child's data takes a Viewer, checks it here, and
 * logs what was read or written to access_log (who, what, when, outcome). Routes never query child data
 * directly.
 *
 * What each role may do, and to which children (own caseload, team, service, authority; restricted records
 * only for named people), is decided in access.ts from rules that are data. Pass the child's personId
 * whenever the data is about one child, so the decision can take the child's scope and restriction into
 * account.
 */
import type { ChangeContext } from '../db/record-store.js';
import type { Queryable } from '../db/database.js';
import type { Action } from '../domain/access/rules.js';
import type { Role } from '../domain/access/roles.js';
import { accessDecision } from './access.js';

export interface Viewer {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** The worker record of this person, if they hold cases. */
  workerId: string | null;
  teamId: string | null;
}

export class AccessDenied extends Error {
  /** The child whose restricted record was refused, when emergency access could be asked for. */
  breakGlassPersonId: string | null;
  constructor(message = 'You do not have access to this', breakGlassPersonId: string | null = null) {
    super(message);
    this.breakGlassPersonId = breakGlassPersonId;
  }
}

export interface AccessEvent {
  action: string;
  entity?: string | null;
  recordId?: string | null;
  personId?: string | null;
  outcome?: 'allowed' | 'denied';
  detail?: string | null;
}

export async function logAccess(q: Queryable, viewer: Viewer, e: AccessEvent): Promise<void> {
  await q.query(
    'INSERT INTO access_log (actor, action, entity, record_id, person_id, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [viewer.username, e.action, e.entity ?? null, e.recordId ?? null, e.personId ?? null, e.outcome ?? 'allowed', e.detail ?? null],
  );
}

/** Refuses (and logs the refusal, with the reason) unless the viewer may take the action. */
export async function requireAccess(q: Queryable, viewer: Viewer, action: Action, e: AccessEvent): Promise<void> {
  const decision = await accessDecision(q, viewer, action, e.personId ?? null);
  if (decision.allowed) return;
  await logAccess(q, viewer, { ...e, outcome: 'denied', detail: [e.detail, decision.because].filter(Boolean).join('; ') });
  if (decision.breakGlass && e.personId) throw new AccessDenied('This record is restricted', e.personId);
  throw new AccessDenied(action === 'read' ? 'You do not have access to this record' : 'You can not change this record');
}

/** Refuses (and logs the refusal) unless the viewer may read this child's record (or children's records). */
export function requireRead(q: Queryable, viewer: Viewer, e: AccessEvent): Promise<void> {
  return requireAccess(q, viewer, 'read', e);
}

/** Refuses (and logs the refusal) unless the viewer may change this child's record (or children's records). */
export function requireChange(q: Queryable, viewer: Viewer, e: AccessEvent): Promise<void> {
  return requireAccess(q, viewer, 'change', e);
}

/** The record store's change context for a change made by this viewer. */
export function changeBy(viewer: Viewer, reason = ''): ChangeContext {
  return { actor: viewer.username, reason };
}

/**
 * Who is asking. Every repository that reads or writes a child's data takes a Viewer, checks it here, and
 * logs what was read or written to access_log (who, what, when, outcome). Routes never query child data
 * directly.
 *
 * Today the rule is by role: practice roles may read and change children's records across the authority;
 * reading roles (audit, performance, director, data protection) may read. Narrower scopes (own caseload,
 * team) and restricted records belong to the access issue and will be decided here too.
 */
import type { ChangeContext } from '../db/record-store.js';
import type { Queryable } from '../db/database.js';
import { canChangeChildren, canReadChildren, type Role } from '../domain/access/roles.js';

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
  constructor(message = 'You do not have access to this') {
    super(message);
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

/** Refuses (and logs the refusal) unless the viewer may read children's records. */
export async function requireRead(q: Queryable, viewer: Viewer, e: AccessEvent): Promise<void> {
  if (canReadChildren(viewer.role)) return;
  await logAccess(q, viewer, { ...e, outcome: 'denied' });
  throw new AccessDenied();
}

/** Refuses (and logs the refusal) unless the viewer may change children's records. */
export async function requireChange(q: Queryable, viewer: Viewer, e: AccessEvent): Promise<void> {
  if (canChangeChildren(viewer.role)) return;
  await logAccess(q, viewer, { ...e, outcome: 'denied' });
  throw new AccessDenied('You can read this record but not change it');
}

/** The record store's change context for a change made by this viewer. */
export function changeBy(viewer: Viewer, reason = ''): ChangeContext {
  return { actor: viewer.username, reason };
}

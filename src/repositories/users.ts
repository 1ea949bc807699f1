/**
 * People who sign in, and their sessions. Sessions are kept in the database by the SHA-256 of the cookie
 * token, with an idle and an absolute time limit.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { isRole, type Role } from '../domain/access/roles.js';
import { hashPassword, verifyPassword } from '../security/passwords.js';
import type { Viewer } from './viewer.js';

export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  worker_id: string | null;
  team_id: string | null;
  password_hash: string;
  disabled_at: Date | null;
}

function viewerOf(row: UserRow): Viewer {
  if (!isRole(row.role)) throw new Error(`User ${row.username} has an unknown role ${row.role}`);
  return { userId: row.id, username: row.username, displayName: row.display_name, role: row.role, workerId: row.worker_id, teamId: row.team_id };
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  workerId?: string | null;
  teamId?: string | null;
}

export async function createUser(q: Queryable, user: NewUser, createdBy: string): Promise<Viewer> {
  const row: UserRow = {
    id: randomUUID(),
    username: user.username.trim().toLowerCase(),
    display_name: user.displayName,
    role: user.role,
    worker_id: user.workerId ?? null,
    team_id: user.teamId ?? null,
    password_hash: await hashPassword(user.password),
    disabled_at: null,
  };
  await q.query(
    `INSERT INTO app_user (id, username, display_name, role, worker_id, team_id, password_hash, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [row.id, row.username, row.display_name, row.role, row.worker_id, row.team_id, row.password_hash, createdBy],
  );
  return viewerOf(row);
}

export async function countUsers(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
  return row?.n ?? 0;
}

/** The user with this name and password, or null (the same for an unknown name, a wrong password or a disabled account). */
export async function checkCredentials(q: Queryable, username: string, password: string): Promise<Viewer | null> {
  const [row] = await q.query<UserRow>('SELECT * FROM app_user WHERE username = $1', [username.trim().toLowerCase()]);
  if (!row || row.disabled_at) {
    // Spend the same time as a real check, so timing does not reveal which usernames exist.
    await verifyPassword(password, DUMMY_HASH ??= await hashPassword('not a password'));
    return null;
  }
  return (await verifyPassword(password, row.password_hash)) ? viewerOf(row) : null;
}
let DUMMY_HASH: string | undefined;

/**
 * The user with this name (lower-cased), and whether their account is switched off; null if there is none.
 * For single sign-on, where the identity provider has already checked who they are.
 */
export async function findUserByUsername(q: Queryable, username: string): Promise<{ viewer: Viewer; disabled: boolean } | null> {
  const [row] = await q.query<UserRow>('SELECT * FROM app_user WHERE username = $1', [username.trim().toLowerCase()]);
  return row ? { viewer: viewerOf(row), disabled: row.disabled_at !== null } : null;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Session {
  viewer: Viewer;
  csrfToken: string;
}

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function startSession(q: Queryable, viewer: Viewer): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.query('INSERT INTO web_session (token_hash, user_id, csrf_token) VALUES ($1, $2, $3)', [
    tokenHash(token), viewer.userId, randomBytes(32).toString('base64url'),
  ]);
  return token;
}

/** The live session for a cookie token, touching its idle timer; null if unknown, ended or timed out. */
export async function findSession(q: Queryable, token: string, now = new Date()): Promise<Session | null> {
  const [row] = await q.query<UserRow & { csrf_token: string; token_hash: string }>(
    `UPDATE web_session s SET last_seen_at = $2
       FROM app_user u
      WHERE s.token_hash = $1 AND u.id = s.user_id AND s.ended_at IS NULL AND u.disabled_at IS NULL
        AND s.last_seen_at > $2::timestamptz - make_interval(mins => $3)
        AND s.created_at > $2::timestamptz - make_interval(hours => $4)
      RETURNING u.*, s.csrf_token`,
    [tokenHash(token), now, SESSION_IDLE_MINUTES, SESSION_ABSOLUTE_HOURS],
  );
  return row ? { viewer: viewerOf(row), csrfToken: row.csrf_token } : null;
}

/** The user of a session that has timed out (not one that was ended by signing out), or null. */
export async function timedOutSessionUser(q: Queryable, token: string): Promise<string | null> {
  const [row] = await q.query<{ user_id: string }>(
    'SELECT user_id FROM web_session WHERE token_hash = $1 AND ended_at IS NULL', [tokenHash(token)],
  );
  return row?.user_id ?? null;
}

export const DRAFT_DAYS = 7;

/** Keeps a form that could not be saved because its author's session had timed out. */
export async function saveDraft(q: Queryable, userId: string, action: string, fields: Record<string, unknown>): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await q.query('INSERT INTO form_draft (id, user_id, action, fields) VALUES ($1, $2, $3, $4)', [id, userId, action, JSON.stringify(fields)]);
  return id;
}

/** A kept form, only for the person who wrote it, within DRAFT_DAYS. */
export async function findDraft(q: Queryable, id: string, viewer: Viewer): Promise<{ action: string; fields: Record<string, string | string[]> } | null> {
  await q.query(`DELETE FROM form_draft WHERE saved_at < now() - make_interval(days => $1)`, [DRAFT_DAYS]);
  const [row] = await q.query<{ action: string; fields: Record<string, string | string[]> }>(
    'SELECT action, fields FROM form_draft WHERE id = $1 AND user_id = $2', [id, viewer.userId],
  );
  return row ?? null;
}

export async function endSession(q: Queryable, token: string): Promise<void> {
  await q.query('UPDATE web_session SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL', [tokenHash(token)]);
}

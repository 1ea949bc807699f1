/**
 * Access decisions for children's records, in one place. The rules are data (defaults in
 * src/domain/access/rules.ts, changes in access_rule); the facts about a child (who holds the case, which
 * teams, whether the record is restricted) come from the records. viewer.ts calls this for every read or
 * change of a child's data, and every refusal is logged.
 */
import type { Queryable } from '../db/database.js';
import { ACTIONS, DEFAULT_RULES, decide, SCOPES, type Action, type ChildAccessFacts, type Decision, type RuleSet, type Scope, type Who } from '../domain/access/rules.js';
import { isRole, type Role } from '../domain/access/roles.js';
import type { Viewer } from './viewer.js';

export const BREAK_GLASS_MINUTES = 60;

export async function accessRules(q: Queryable): Promise<RuleSet> {
  const rules = structuredClone(DEFAULT_RULES);
  const rows = await q.query<{ role: string; action: string; scope: string }>(
    `SELECT DISTINCT ON (role, action) role, action, scope FROM access_rule ORDER BY role, action, id DESC`,
  );
  for (const r of rows) {
    if (isRole(r.role) && (ACTIONS as readonly string[]).includes(r.action) && (SCOPES as readonly string[]).includes(r.scope)) {
      rules[r.role][r.action as Action] = r.scope as Scope;
    }
  }
  return rules;
}

export async function setAccessRule(q: Queryable, role: Role, action: Action, scope: Scope, by: string, reason: string): Promise<void> {
  if (!reason.trim()) throw new Error('A reason is needed to change an access rule');
  await q.query('INSERT INTO access_rule (role, action, scope, set_by, reason) VALUES ($1, $2, $3, $4, $5)', [role, action, scope, by, reason]);
}

async function whoIs(q: Queryable, viewer: Viewer): Promise<Who> {
  const [team] = viewer.teamId
    ? await q.query<{ service_area: string | null }>('SELECT service_area FROM current_team WHERE id = $1', [viewer.teamId])
    : [];
  return { username: viewer.username, role: viewer.role, workerId: viewer.workerId, teamId: viewer.teamId, serviceArea: team?.service_area ?? null };
}

export async function childFacts(q: Queryable, personId: string): Promise<ChildAccessFacts> {
  const [row] = await q.query<{ workers: string[]; teams: string[]; services: string[]; restricted: boolean; named: string[]; glass: string[] }>(
    `WITH holders AS (
       SELECT a.worker_id, coalesce(a.team_id, w.team_id) AS team_id
         FROM current_allocation a LEFT JOIN current_worker w ON w.id = a.worker_id
        WHERE a.person_id = $1 AND a.end_date IS NULL
     ), teams AS (
       SELECT team_id FROM holders
       UNION SELECT team_id FROM current_referral WHERE person_id = $1 AND close_date IS NULL
       UNION SELECT team_id FROM current_early_help_episode WHERE person_id = $1 AND end_date IS NULL
     ), restriction AS (
       SELECT id FROM restricted_record WHERE person_id = $1 AND lifted_at IS NULL
     )
     SELECT
       (SELECT coalesce(json_agg(DISTINCT worker_id), '[]') FROM holders WHERE worker_id IS NOT NULL) AS workers,
       (SELECT coalesce(json_agg(DISTINCT team_id), '[]') FROM teams WHERE team_id IS NOT NULL) AS teams,
       (SELECT coalesce(json_agg(DISTINCT t.service_area), '[]') FROM teams JOIN current_team t ON t.id = teams.team_id WHERE t.service_area IS NOT NULL) AS services,
       EXISTS (SELECT 1 FROM restriction) AS restricted,
       (SELECT coalesce(json_agg(u.username), '[]') FROM restricted_user u JOIN restriction r ON r.id = u.restriction_id WHERE u.removed_at IS NULL) AS named,
       (SELECT coalesce(json_agg(username), '[]') FROM break_glass WHERE person_id = $1 AND expires_at > now()) AS glass`,
    [personId],
  );
  return {
    workerIds: row?.workers ?? [], teamIds: row?.teams ?? [], serviceAreas: row?.services ?? [],
    restricted: row?.restricted ?? false, namedUsers: row?.named ?? [], breakGlassUsers: row?.glass ?? [],
  };
}

/** The decision for this viewer, action and child (null: no particular child, e.g. a list of figures). */
export async function accessDecision(q: Queryable, viewer: Viewer, action: Action, personId: string | null): Promise<Decision> {
  const [rules, who, facts] = await Promise.all([accessRules(q), whoIs(q, viewer), personId ? childFacts(q, personId) : null]);
  return decide(rules, who, action, facts);
}

/** Restricts a child's record to the named users (and the person restricting it). */
export async function restrictRecord(q: Queryable, personId: string, usernames: readonly string[], by: string, reason: string): Promise<number> {
  if (!reason.trim()) throw new Error('A reason is needed to restrict a record');
  const [row] = await q.query<{ id: number }>(
    'INSERT INTO restricted_record (person_id, reason, restricted_by) VALUES ($1, $2, $3) RETURNING id', [personId, reason, by],
  );
  for (const u of new Set([...usernames, by])) {
    await q.query('INSERT INTO restricted_user (restriction_id, username, added_by) VALUES ($1, $2, $3)', [row!.id, u, by]);
  }
  return row!.id;
}

/** Emergency access to a restricted record: the reason is required, recorded and logged; lasts an hour. */
export async function breakGlass(q: Queryable, viewer: Viewer, personId: string, reason: string): Promise<void> {
  if (reason.trim().length < 10) throw new Error('Say why you need emergency access (at least 10 characters)');
  await q.query(
    `INSERT INTO break_glass (person_id, username, reason, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [personId, viewer.username, reason, BREAK_GLASS_MINUTES],
  );
  await q.query(
    `INSERT INTO access_log (actor, action, person_id, outcome, detail) VALUES ($1, 'break-glass', $2, 'allowed', $3)`,
    [viewer.username, personId, reason],
  );
}

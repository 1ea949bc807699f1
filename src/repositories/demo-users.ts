/**
 * Demonstration users, one for each role, made only when the made-up demonstration authority is loaded and
 * nobody has an account yet. Practice roles are linked to real (synthetic) workers: the social worker with
 * the most open cases, their team's manager, and a front door worker, so their pages have work on them.
 */
import type { Queryable } from '../db/database.js';
import { ROLES, type Role } from '../domain/access/roles.js';
import { countUsers, createUser } from './users.js';

export const DEMO_PASSWORD = 'threadline-demo';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
}

const USERNAMES: Record<Role, string> = {
  'social-worker': 'social.worker',
  'front-door-worker': 'front.door',
  'team-manager': 'team.manager',
  'iro': 'iro',
  'auditor': 'auditor',
  'performance-analyst': 'analyst',
  'director': 'director',
  'data-protection-officer': 'dpo',
  'system-administrator': 'admin',
};

export async function isDemoAuthority(q: Queryable): Promise<boolean> {
  const rows = await q.query("SELECT 1 FROM current_authority WHERE id = 'DEMO' AND NOT deleted");
  return rows.length > 0;
}

interface WorkerPick {
  id: string;
  name: string;
  team_id: string | null;
}

async function pickWorkers(q: Queryable): Promise<Partial<Record<Role, WorkerPick>>> {
  const [busiest] = await q.query<WorkerPick>(
    `SELECT w.id, w.name, w.team_id FROM current_worker w
       JOIN current_allocation a ON a.worker_id = w.id AND NOT a.deleted AND a.end_date IS NULL
       JOIN current_team t ON t.id = w.team_id AND t.service_area = 'CM'
      WHERE NOT w.deleted AND w.end_date IS NULL AND t.manager_id IS NOT NULL
      GROUP BY w.id, w.name, w.team_id ORDER BY count(*) DESC, w.id LIMIT 1`,
  );
  const picks: Partial<Record<Role, WorkerPick>> = {};
  if (!busiest) return picks;
  picks['social-worker'] = busiest;
  const [manager] = await q.query<WorkerPick>(
    `SELECT w.id, w.name, t.id AS team_id FROM current_team t JOIN current_worker w ON w.id = t.manager_id WHERE t.id = $1`,
    [busiest.team_id],
  );
  if (manager) picks['team-manager'] = manager;
  const [frontDoor] = await q.query<WorkerPick>(
    `SELECT w.id, w.name, w.team_id FROM current_worker w JOIN current_team t ON t.id = w.team_id AND t.service_area = 'FD'
      WHERE NOT w.deleted AND w.end_date IS NULL AND w.id <> coalesce(t.manager_id, '') ORDER BY w.id LIMIT 1`,
  );
  if (frontDoor) picks['front-door-worker'] = frontDoor;
  return picks;
}

/** Makes the demonstration users if this is the demonstration authority and there are no users yet. */
export async function ensureDemoUsers(q: Queryable): Promise<void> {
  if (!(await isDemoAuthority(q)) || (await countUsers(q)) > 0) return;
  const picks = await pickWorkers(q);
  for (const role of Object.keys(ROLES) as Role[]) {
    const worker = picks[role];
    await createUser(q, {
      username: USERNAMES[role],
      displayName: worker ? worker.name : `Demo ${ROLES[role].replace(/ \(.*\)$/, '').toLowerCase()}`,
      role,
      password: DEMO_PASSWORD,
      workerId: worker?.id ?? null,
      teamId: worker?.team_id ?? null,
    }, 'demonstration set-up');
  }
}

/** The demonstration users, for the start and sign-in pages (only in demonstration mode). */
export async function demoUsers(q: Queryable): Promise<DemoUser[]> {
  if (!(await isDemoAuthority(q))) return [];
  const rows = await q.query<{ username: string; display_name: string; role: Role }>(
    `SELECT username, display_name, role FROM app_user WHERE created_by = 'demonstration set-up' AND disabled_at IS NULL`,
  );
  const order = Object.keys(ROLES);
  return rows
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
    .map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, roleLabel: ROLES[r.role] }));
}

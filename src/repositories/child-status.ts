/**
 * The facts behind each child's current status and who holds their case, for one child or a page of search
 * results at once (one query per table, by person id). Callers check access and log the view.
 */
import type { Queryable } from '../db/database.js';
import { taggedRows, taggedSelect } from '../db/tagged-rows.js';
import { childStatuses, primaryStatus, type ChildStatus, type StatusFacts } from '../domain/children/status.js';
import { codeLabel } from '../domain/codes/code-lists.js';
import { londonDate } from '../domain/time/london.js';

export interface Allocation {
  id: string;
  workerId: string;
  workerName: string;
  teamId: string | null;
  teamName: string | null;
  role: string | null;
  roleLabel: string;
  start: string;
}

export interface ChildNow {
  personId: string;
  statuses: ChildStatus[];
  primary: { label: string; tag: string };
  /** The allocated (case-holding) worker, if any. */
  caseHolder: Allocation | null;
  /** Everyone allocated today, case-holder first. */
  allocations: Allocation[];
}

type Row = Record<string, unknown> & { person_id: string };
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? londonDate(v) : String(v));

/** Allocation roles that hold the case, most senior first (codeLists.allocationRole). */
const CASE_HOLDING = ['CH', 'CO'];

/**
 * The tagged SELECTs (src/db/tagged-rows.ts) of the facts behind the children's status and their allocations
 * today: `who` is the condition on person_id ("person_id = ANY($1::text[])"), `today` the parameter holding today.
 */
export function statusSelects(who: string, today: string): string[] {
  const part = taggedSelect;
  return [
    part('status:contacts', 'received_at', `current_contact WHERE ${who} AND decision_at IS NULL`),
    part('status:referrals', 'referral_date, close_date', `current_referral WHERE ${who} AND (close_date IS NULL OR close_date > ${today})`),
    part('status:cin', 'start_date, end_date', `current_cin_plan WHERE ${who} AND (end_date IS NULL OR end_date > ${today})`),
    part('status:cp', 'start_date, end_date, latest_category, initial_category', `current_cp_plan WHERE ${who} AND (end_date IS NULL OR end_date > ${today})`),
    part('status:cla', 'cla_id, start_date, ceased_date', `current_cla_episode WHERE ${who}`),
    part('status:leavers', 'status_date, in_touch', `current_care_leaver WHERE ${who}`),
    part('status:eh', 'start_date, end_date', `current_early_help_episode WHERE ${who} AND (end_date IS NULL OR end_date > ${today})`),
    // Latest first (the case-holder is then chosen by role from this order).
    `SELECT 'status:allocations' AS k, a.person_id, json_build_object('id', a.id, 'worker_id', a.worker_id, 'worker_name', w.name,
            'team_id', coalesce(a.team_id, w.team_id), 'team_name', t.name, 'role', a.role, 'role_desc', a.role_desc, 'start_date', a.start_date) AS r
       FROM current_allocation a
       LEFT JOIN current_worker w ON w.id = a.worker_id
       LEFT JOIN current_team t ON t.id = coalesce(a.team_id, w.team_id)
      WHERE a.${who} AND a.start_date <= ${today} AND (a.end_date IS NULL OR a.end_date > ${today})
        AND (w.end_date IS NULL OR w.end_date > ${today})
      ORDER BY a.start_date DESC, a.id`,
  ];
}

/** The instants among the columns of statusSelects. */
export const STATUS_INSTANTS = ['received_at', 'referral_date'];

/** The current status and allocations of each child, as held today. */
export async function childrenNow(q: Queryable, people: readonly { id: string; dob: string | null; deathDate: string | null }[], today: string): Promise<Map<string, ChildNow>> {
  const ids = [...new Set(people.map((p) => p.id))];
  if (ids.length === 0) return new Map();
  const kind = await taggedRows(q, statusSelects('person_id = ANY($1::text[])', '$2'), [ids, today], STATUS_INSTANTS);
  return statusesFrom(kind, people, today);
}

/** Each child's status and allocations from the rows of statusSelects. */
export function statusesFrom(kind: (k: string) => Row[], people: readonly { id: string; dob: string | null; deathDate: string | null }[], today: string): Map<string, ChildNow> {
  const out = new Map<string, ChildNow>();
  const [contacts, referrals, cin, cp, cla, leavers, eh, allocations] = ['contacts', 'referrals', 'cin', 'cp', 'cla', 'leavers', 'eh', 'allocations']
    .map((k) => kind(`status:${k}`)) as [Row[], Row[], Row[], Row[], Row[], Row[], Row[], Row[]];
  const facts = new Map<string, StatusFacts & { contactsWaiting: string[] }>();
  const f = (id: string) => facts.get(id)!;
  for (const person of people) {
    facts.set(person.id, {
      dob: person.dob, deathDate: person.deathDate, contactsWaiting: [], referrals: [], cinPlans: [], cpPlans: [], claEpisodes: [], careLeaver: [], earlyHelp: [],
    });
  }
  const push = <K extends keyof StatusFacts>(id: string, key: K, value: StatusFacts[K] extends readonly (infer T)[] ? T : never) => {
    (f(id)[key] as unknown as unknown[]).push(value);
  };
  for (const r of contacts) push(r.person_id, 'contactsWaiting', day(r.received_at)!);
  for (const r of referrals) push(r.person_id, 'referrals', { start: day(r.referral_date)!, close: day(r.close_date) });
  for (const r of cin) push(r.person_id, 'cinPlans', { start: day(r.start_date)!, end: day(r.end_date) });
  for (const r of cp) push(r.person_id, 'cpPlans', { start: day(r.start_date)!, end: day(r.end_date), category: s(r.latest_category) ?? s(r.initial_category) });
  for (const r of cla) push(r.person_id, 'claEpisodes', { claId: s(r.cla_id), start: day(r.start_date)!, ceased: day(r.ceased_date) });
  for (const r of leavers) push(r.person_id, 'careLeaver', { statusDate: day(r.status_date)!, inTouch: s(r.in_touch) });
  for (const r of eh) push(r.person_id, 'earlyHelp', { start: day(r.start_date)!, end: day(r.end_date) });

  const allocationsOf = new Map<string, Allocation[]>();
  for (const r of allocations) {
    const role = s(r.role);
    const list = allocationsOf.get(r.person_id) ?? [];
    list.push({
      id: String(r.id), workerId: String(r.worker_id), workerName: s(r.worker_name) ?? `Worker ${String(r.worker_id)}`,
      teamId: s(r.team_id), teamName: s(r.team_name), role,
      roleLabel: role ? codeLabel('allocationRole', role) : s(r.role_desc) ?? 'Allocated worker', start: day(r.start_date)!,
    });
    allocationsOf.set(r.person_id, list);
  }
  const rank = (a: Allocation) => {
    const i = CASE_HOLDING.indexOf(a.role ?? 'CH');
    return i === -1 ? CASE_HOLDING.length : i;
  };
  for (const person of people) {
    const statuses = childStatuses(f(person.id), today);
    const list = (allocationsOf.get(person.id) ?? []).sort((a, b) => rank(a) - rank(b));
    const holder = list.find((a) => CASE_HOLDING.includes(a.role ?? 'CH')) ?? null;
    out.set(person.id, { personId: person.id, statuses, primary: primaryStatus(statuses, person.deathDate, today), caseHolder: holder, allocations: list });
  }
  return out;
}

/**
 * The authority's headline figures for the start page: counts "as at" a date, computed from records.
 * (The measures, with their exact definitions and drill-down, are a separate part of the system.)
 */
import type { Queryable } from '../db/database.js';

export interface AuthoritySummary {
  authorityName: string | null;
  /** The fictional demonstration authority (made by `threadline synth`) is loaded. */
  demo: boolean;
  asAt: string;
  people: number;
  contactsLast28Days: number;
  openReferrals: number;
  cinPlans: number;
  cpPlans: number;
  lookedAfter: number;
  earlyHelp: number;
  workers: number;
  lastImport: { finishedAt: Date; source: string } | null;
}

/** Counts of records open at the end of `asAt` ("YYYY-MM-DD"). */
export async function authoritySummary(db: Queryable, asAt: string): Promise<AuthoritySummary> {
  const open = (table: string, start: string, end: string) =>
    `(SELECT count(DISTINCT person_id) FROM current_${table} WHERE ${start} <= $1::date AND (${end} IS NULL OR ${end} > $1::date))`;
  const [row] = await db.query<Record<string, number | string | boolean | null>>(
    `SELECT
       (SELECT name FROM current_authority ORDER BY id LIMIT 1) AS authority_name,
       EXISTS (SELECT 1 FROM current_authority WHERE id = 'DEMO') AS demo,
       (SELECT count(*) FROM current_person) AS people,
       (SELECT count(*) FROM current_contact WHERE received_at >= ($1::date - 27)::timestamp AT TIME ZONE 'Europe/London'
          AND received_at < ($1::date + 1)::timestamp AT TIME ZONE 'Europe/London') AS contacts,
       ${open('referral', 'referral_date::date', 'close_date')} AS referrals,
       ${open('cin_plan', 'start_date', 'end_date')} AS cin,
       ${open('cp_plan', 'start_date', 'end_date')} AS cp,
       ${open('cla_episode', 'start_date', 'ceased_date')} AS cla,
       ${open('early_help_episode', 'start_date', 'end_date')} AS eh,
       (SELECT count(*) FROM current_worker WHERE (start_date IS NULL OR start_date <= $1::date) AND (end_date IS NULL OR end_date > $1::date)) AS workers`,
    [asAt],
  );
  const [last] = await db.query<{ finished_at: Date; source: string }>(
    `SELECT finished_at, source FROM import_run WHERE status = 'done' ORDER BY id DESC LIMIT 1`,
  );
  return {
    authorityName: (row!.authority_name as string | null) ?? null,
    demo: row!.demo === true,
    asAt,
    people: Number(row!.people),
    contactsLast28Days: Number(row!.contacts),
    openReferrals: Number(row!.referrals),
    cinPlans: Number(row!.cin),
    cpPlans: Number(row!.cp),
    lookedAfter: Number(row!.cla),
    earlyHelp: Number(row!.eh),
    workers: Number(row!.workers),
    lastImport: last ? { finishedAt: last.finished_at, source: last.source } : null,
  };
}

/** True when the database holds no records of children yet. */
export async function isEmpty(db: Queryable): Promise<boolean> {
  return (await db.query('SELECT 1 FROM person LIMIT 1')).length === 0;
}

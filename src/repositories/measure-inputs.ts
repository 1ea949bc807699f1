/**
 * Loads the facts the measures are computed from (src/domain/measures/inputs.ts), as known at an instant:
 * only versions recorded by then, and not deleted by then (settled detail 16). Without `knownAt`, the
 * current records.
 *
 * Large, dated tables (visits, supervision, contacts, missing episodes) are limited to the months asked for
 * plus a look-back long enough for every measure's schedule; everything else is loaded whole.
 */
import type { Queryable } from '../db/database.js';
import type { MeasureInputs } from '../domain/measures/inputs.js';
import { addMonths, startOfLondonDay } from '../domain/time/london.js';

export interface InputWindow {
  /** First month, 'YYYY-MM'. */
  from: string;
  /** Last month, 'YYYY-MM'. */
  to: string;
  /** Records as known at this instant; default: now (the current records). */
  knownAt?: Date;
}

/** Months of history before the first month that scheduled measures look back over. */
const LOOK_BACK_MONTHS = 13;

/** The rows of a table as known at $1 (or current when $1 is null). */
function versionsOf(table: string): string {
  return `(SELECT * FROM ${table}
            WHERE CASE WHEN $1::timestamptz IS NULL THEN recorded_to IS NULL
                       ELSE recorded_from <= $1 AND (recorded_to IS NULL OR recorded_to > $1) END
              AND NOT deleted) AS ${table}`;
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const londonDay = (column: string) => `to_char(${column} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`;

export async function loadMeasureInputs(db: Queryable, window: InputWindow): Promise<MeasureInputs> {
  const knownAt = window.knownAt ?? null;
  const since = addMonths(`${window.from}-01`, -LOOK_BACK_MONTHS);
  const sinceInstant = startOfLondonDay(since);
  // $1 is the known-at instant; queries limited to the look-back also take $2, its start.
  const q = <T>(sql: string) => db.query<T>(sql, sql.includes('$2') ? [knownAt, sinceInstant] : [knownAt]);

  const [
    contacts, referrals, strategies, s47s, icpcs, assessments, cinPlans, cpPlans, cpReviews, visits, supervisions,
    missing, claEpisodes, legalStatuses, placements, claReviews, allocations, workers, posts, postHolders, absences,
    audits, population,
  ] = await Promise.all([
    q<{ id: string; person_id: string; received_at: Date; decision_at: Date | null; decision_at_has_time: boolean | null; decision: string | null }>(
      `SELECT id, person_id, received_at, decision_at, decision_at_has_time, decision FROM ${versionsOf('contact')}
        WHERE decision_at >= $2 OR received_at >= $2`,
    ),
    q<{ id: string; person_id: string; date: string; close_date: string | null; team_id: string | null }>(
      `SELECT id, person_id, ${londonDay('referral_date')} AS date, close_date, team_id FROM ${versionsOf('referral')}`,
    ),
    q<{ id: string; person_id: string; date: string }>(`SELECT id, person_id, ${londonDay('held_at')} AS date FROM ${versionsOf('strategy_discussion')}`),
    q<{ id: string; person_id: string; start_date: string; strategy_id: string | null }>(
      `SELECT id, person_id, start_date, strategy_id FROM ${versionsOf('s47_enquiry')}`,
    ),
    q<{ id: string; person_id: string; conference_date: string; transfer_in: boolean | null; s47_id: string | null }>(
      `SELECT id, person_id, conference_date, transfer_in, s47_id FROM ${versionsOf('icpc')}`,
    ),
    q<{ id: string; person_id: string; start_date: string; authorised_date: string | null; referral_id: string | null }>(
      `SELECT id, person_id, start_date, authorised_date, referral_id FROM ${versionsOf('assessment')}`,
    ),
    q<{ id: string; person_id: string; start_date: string; end_date: string | null; team_id: string | null }>(
      `SELECT id, person_id, start_date, end_date, team_id FROM ${versionsOf('cin_plan')}`,
    ),
    q<{ id: string; person_id: string; start_date: string; end_date: string | null }>(
      `SELECT id, person_id, start_date, end_date FROM ${versionsOf('cp_plan')}`,
    ),
    q<{ of_id: string; person_id: string; date: string }>(
      `SELECT cp_plan_id AS of_id, person_id, review_date AS date FROM ${versionsOf('cp_review')} WHERE review_date IS NOT NULL`,
    ),
    q<{ person_id: string; date: string; seen: boolean | null; kind: 'CIN' | 'CP' | 'CLA' }>(
      ['cin_visit', 'cp_visit', 'cla_visit']
        .map((t) => `SELECT person_id, ${londonDay('visit_date')} AS date, seen, '${t.slice(0, -6).toUpperCase()}' AS kind FROM ${versionsOf(t)} WHERE visit_date >= $2`)
        .join(' UNION ALL '),
    ),
    q<{ person_id: string; date: string; supervision_type: string }>(
      `SELECT person_id, ${londonDay('held_at')} AS date, supervision_type FROM ${versionsOf('supervision')} WHERE held_at >= $2`,
    ),
    q<{ id: string; person_id: string; start_at: Date; end_at: Date | null; rhi_offered: string | null; rhi_accepted: string | null; rhi_completed_at: Date | null }>(
      `SELECT id, person_id, start_at, end_at, rhi_offered, rhi_accepted, rhi_completed_at FROM ${versionsOf('missing_episode')}
        WHERE end_at IS NULL OR end_at >= $2`,
    ),
    q<{ id: string; person_id: string; cla_id: string | null; start_date: string; ceased_date: string | null }>(
      `SELECT id, person_id, cla_id, start_date, ceased_date FROM ${versionsOf('cla_episode')}`,
    ),
    q<{ person_id: string; legal_status: string; start_date: string; end_date: string | null }>(
      `SELECT person_id, legal_status, start_date, end_date FROM ${versionsOf('legal_status')}`,
    ),
    q<{ id: string; person_id: string; cla_id: string; start_date: string; end_date: string | null; long_term: boolean | null }>(
      `SELECT id, person_id, cla_id, start_date, end_date, long_term FROM ${versionsOf('placement')}`,
    ),
    q<{ of_id: string; person_id: string; date: string }>(
      `SELECT cla_id AS of_id, person_id, review_date AS date FROM ${versionsOf('cla_review')}
        WHERE review_date IS NOT NULL AND NOT coalesce(cancelled, false)`,
    ),
    q<{ person_id: string; worker_id: string; role: string | null; start_date: string; end_date: string | null; team_id: string | null }>(
      `SELECT person_id, worker_id, role, start_date, end_date, team_id FROM ${versionsOf('allocation')}`,
    ),
    q<{ id: string; name: string; end_date: string | null }>(`SELECT id, name, end_date FROM ${versionsOf('worker')}`),
    q<{ id: string; team_id: string; fte: string; social_worker: boolean; case_holding: boolean; start_date: string; end_date: string | null }>(
      `SELECT id, team_id, fte, social_worker, case_holding, start_date, end_date FROM ${versionsOf('post')}`,
    ),
    q<{ post_id: string; worker_id: string; fte: string; agency: boolean; start_date: string; end_date: string | null }>(
      `SELECT post_id, worker_id, fte, agency, start_date, end_date FROM ${versionsOf('post_holder')}`,
    ),
    q<{ worker_id: string; start_date: string; end_date: string | null; long_term: boolean }>(
      `SELECT worker_id, start_date, end_date, long_term FROM ${versionsOf('absence')}`,
    ),
    q<{ id: string; person_id: string | null; audit_date: string; grade: string; moderated_grade: string | null }>(
      `SELECT id, person_id, audit_date, grade, moderated_grade FROM ${versionsOf('case_audit')} WHERE audit_date >= ($2::timestamptz AT TIME ZONE 'Europe/London')::date`,
    ),
    q<{ mid_year: number; children: number }>(`SELECT mid_year, children FROM ${versionsOf('population')} ORDER BY mid_year`),
  ]);

  return {
    knownAt: knownAt ? knownAt.getTime() : Date.now(),
    contacts: contacts.map((r) => ({
      id: r.id, personId: r.person_id, receivedAt: r.received_at.getTime(), decisionAt: ms(r.decision_at),
      decisionHasTime: r.decision_at_has_time !== false, decision: r.decision,
    })),
    referrals: referrals.map((r) => ({ id: r.id, personId: r.person_id, date: r.date, closeDate: r.close_date, teamId: r.team_id })),
    strategies: strategies.map((r) => ({ id: r.id, personId: r.person_id, date: r.date })),
    s47s: s47s.map((r) => ({ id: r.id, personId: r.person_id, startDate: r.start_date, strategyId: r.strategy_id })),
    icpcs: icpcs.map((r) => ({ id: r.id, personId: r.person_id, date: r.conference_date, transferIn: r.transfer_in === true, s47Id: r.s47_id })),
    assessments: assessments.map((r) => ({
      id: r.id, personId: r.person_id, startDate: r.start_date, authorisedDate: r.authorised_date, referralId: r.referral_id,
    })),
    cinPlans: cinPlans.map((r) => ({ id: r.id, personId: r.person_id, startDate: r.start_date, endDate: r.end_date, teamId: r.team_id })),
    cpPlans: cpPlans.map((r) => ({ id: r.id, personId: r.person_id, startDate: r.start_date, endDate: r.end_date, teamId: null })),
    cpReviews: cpReviews.map((r) => ({ ofId: r.of_id, personId: r.person_id, date: r.date })),
    visits: visits.map((r) => ({ personId: r.person_id, date: r.date, seen: r.seen === true, kind: r.kind })),
    supervisions: supervisions.map((r) => ({ personId: r.person_id, date: r.date, type: r.supervision_type })),
    missing: missing.map((r) => ({
      id: r.id, personId: r.person_id, startAt: r.start_at.getTime(), endAt: ms(r.end_at), rhiOffered: r.rhi_offered === 'Y',
      rhiAccepted: r.rhi_accepted === 'Y', rhiCompletedAt: ms(r.rhi_completed_at),
    })),
    claEpisodes: claEpisodes.map((r) => ({
      id: r.id, personId: r.person_id, claId: r.cla_id ?? r.id, startDate: r.start_date, ceasedDate: r.ceased_date,
    })),
    legalStatuses: legalStatuses.map((r) => ({ personId: r.person_id, status: r.legal_status, startDate: r.start_date, endDate: r.end_date })),
    placements: placements.map((r) => ({
      id: r.id, personId: r.person_id, claId: r.cla_id, startDate: r.start_date, endDate: r.end_date, longTerm: r.long_term === true,
    })),
    claReviews: claReviews.map((r) => ({ ofId: r.of_id, personId: r.person_id, date: r.date })),
    allocations: allocations.map((r) => ({
      personId: r.person_id, workerId: r.worker_id, role: r.role, startDate: r.start_date, endDate: r.end_date, teamId: r.team_id,
    })),
    workers: workers.map((r) => ({ id: r.id, name: r.name, endDate: r.end_date })),
    posts: posts.map((r) => ({
      id: r.id, teamId: r.team_id, fte: Number(r.fte), socialWorker: r.social_worker, caseHolding: r.case_holding,
      startDate: r.start_date, endDate: r.end_date,
    })),
    postHolders: postHolders.map((r) => ({
      postId: r.post_id, workerId: r.worker_id, fte: Number(r.fte), agency: r.agency, startDate: r.start_date, endDate: r.end_date,
    })),
    absences: absences.map((r) => ({ workerId: r.worker_id, startDate: r.start_date, endDate: r.end_date, longTerm: r.long_term })),
    audits: audits.map((r) => ({ id: r.id, personId: r.person_id, date: r.audit_date, grade: r.grade, moderatedGrade: r.moderated_grade })),
    population: population.map((r) => ({ midYear: r.mid_year, children: r.children })),
  };
}

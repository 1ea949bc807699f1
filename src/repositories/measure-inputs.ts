/**
 * Loads the facts the measures are computed from (src/domain/measures/inputs.ts), as known at an instant:
 * only versions recorded by then, and not deleted by then (settled detail 16). Without `knownAt`, the
 * current records.
 *
 * Each table is limited to what the months asked for need: dated events to the months plus a look-back
 * long enough for every measure's schedule, conferences to the months with their enquiries and strategy
 * discussions, reviews and earlier allocations to the plans, periods of care and children that are open
 * then. Checked on the 10-year synthetic authority: the same 260 figures as loading every row.
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

/** The rows of a table as known at $1 ('infinity' for the current records). */
function versionsOf(table: string): string {
  return `(SELECT * FROM ${table}
            WHERE recorded_from <= $1::timestamptz AND (recorded_to IS NULL OR recorded_to > $1::timestamptz)
              AND NOT deleted) AS ${table}`;
}

const FIELD = '\x1f';

/**
 * Runs `SELECT <columns> FROM <from>` and returns the rows as text cells. The rows travel as one
 * delimited string (string_agg), which is many times faster than row-by-row results for the hundreds of
 * thousands of rows a year of measures needs, on both engines. NULL comes back as ''. Instants are
 * selected as epoch milliseconds (see `epoch`), dates as 'YYYY-MM-DD', booleans as 'true' / 'false'.
 */
async function select(db: Queryable, columns: readonly string[], from: string, params: unknown[]): Promise<string[][]> {
  const cells = columns.map((c) => `coalesce((${c})::text, '')`).join(', chr(31), ');
  // One separator between all cells: a single split, then rows of `columns.length` cells.
  const [row] = await db.query<{ t: string | null }>(`SELECT string_agg(concat(${cells}), chr(31)) AS t FROM ${from}`, params);
  if (!row?.t) return [];
  const flat = row.t.split(FIELD);
  const width = columns.length;
  const rows = new Array<string[]>(flat.length / width);
  for (let r = 0, i = 0; i < flat.length; r++, i += width) rows[r] = flat.slice(i, i + width);
  return rows;
}

/** The London date of $2. */
const FROM_DATE = "($2::timestamptz AT TIME ZONE 'Europe/London')::date";

const epoch = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;
const londonDay = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;
const orNull = (v: string | undefined): string | null => (v ? v : null);
const num = (v: string | undefined): number | null => (v ? Number(v) : null);
const yes = (v: string | undefined): boolean => v === 'true';

/** Section 47 enquiries that led to conferences held from $2. */
const icpcS47s = `SELECT s47_id FROM ${versionsOf('icpc')} WHERE conference_date >= ${FROM_DATE}`;

/** Children with a referral, CIN or CP plan, or period of care open at some point from $2 (measure 5's episodes). */
const openEpisodeChildren = [
  ['referral', 'close_date'],
  ['cin_plan', 'end_date'],
  ['cp_plan', 'end_date'],
  ['cla_episode', 'ceased_date'],
]
  .map(([t, end]) => `SELECT person_id FROM ${versionsOf(t!)} WHERE ${end} IS NULL OR ${end} >= ${FROM_DATE}`)
  .join(' UNION ');

export async function loadMeasureInputs(db: Queryable, window: InputWindow): Promise<MeasureInputs> {
  const knownAt = window.knownAt ?? null;
  const at = knownAt ?? 'infinity';
  const windowStart = startOfLondonDay(`${window.from}-01`);
  const lookBack = startOfLondonDay(addMonths(`${window.from}-01`, -LOOK_BACK_MONTHS));
  const supervisionFrom = startOfLondonDay(addMonths(`${window.from}-01`, -2));
  const yearBefore = startOfLondonDay(addMonths(`${window.from}-01`, -12));
  // $1 is the known-at instant; $2, where used, the earliest instant a query needs.
  const q = (columns: string[], table: string, where = '', since?: Date) =>
    select(db, columns, `${versionsOf(table)} ${where}`, since ? [at, since] : [at]);

  const [
    contacts, referrals, strategies, s47s, icpcs, assessments, cinPlans, cpPlans, cpReviews, visits, supervisions,
    missing, claEpisodes, legalStatuses, placements, claReviews, allocations, workers, posts, postHolders, absences,
    audits, population,
  ] = await Promise.all([
    // Measure 1 counts decisions made in the months asked for.
    q(['id', 'person_id', epoch('received_at'), epoch('decision_at'), 'decision_at_has_time', 'decision'], 'contact', 'WHERE decision_at >= $2', windowStart),
    // Re-referrals look back 12 months from referrals up to 12 months before the first month.
    q(['id', 'person_id', londonDay('referral_date'), 'close_date', 'team_id'], 'referral',
      `WHERE referral_date >= $2::timestamptz - interval '12 months' OR close_date IS NULL OR close_date >= ${FROM_DATE}`, lookBack),
    // Measure 3 times conferences held in the months asked for from their section 47 and its strategy discussion.
    q(['id', 'person_id', londonDay('held_at')], 'strategy_discussion',
      `WHERE id IN (SELECT strategy_id FROM ${versionsOf('s47_enquiry')} WHERE id IN (${icpcS47s}))`, windowStart),
    q(['id', 'person_id', 'start_date', 'strategy_id'], 's47_enquiry', `WHERE id IN (${icpcS47s})`, windowStart),
    q(['id', 'person_id', 'conference_date', 'transfer_in', 's47_id'], 'icpc', `WHERE conference_date >= ${FROM_DATE}`, windowStart),
    q(['id', 'person_id', 'start_date', 'authorised_date', 'referral_id'], 'assessment',
      `WHERE authorised_date IS NULL OR authorised_date >= ${FROM_DATE}`, windowStart),
    q(['id', 'person_id', 'start_date', 'end_date', 'team_id'], 'cin_plan',
      `WHERE end_date IS NULL OR end_date >= ${FROM_DATE}`, windowStart),
    // Every CP plan: "second or subsequent" asks about a child's whole history.
    q(['id', 'person_id', 'start_date', 'end_date'], 'cp_plan'),
    q(['cp_plan_id', 'person_id', 'review_date'], 'cp_review',
      `WHERE review_date IS NOT NULL AND cp_plan_id IN (SELECT id FROM ${versionsOf('cp_plan')} WHERE end_date IS NULL OR end_date >= ${FROM_DATE})`,
      windowStart),
    select(
      db,
      ['person_id', 'date', 'seen', 'kind'],
      `(${['cin_visit', 'cp_visit', 'cla_visit']
        .map((t) => `SELECT person_id, ${londonDay('visit_date')} AS date, seen, '${t.split('_')[0]!.toUpperCase()}' AS kind FROM ${versionsOf(t)} WHERE visit_date >= $2`)
        .join(' UNION ALL ')}) AS visits`,
      [at, lookBack],
    ),
    q(['person_id', londonDay('held_at'), 'supervision_type'], 'supervision', 'WHERE held_at >= $2', supervisionFrom),
    // Measure 9 counts children who returned in the months asked for.
    q(['id', 'person_id', epoch('start_at'), epoch('end_at'), 'rhi_offered', 'rhi_accepted', epoch('rhi_completed_at')], 'missing_episode',
      'WHERE end_at IS NULL OR end_at >= $2', windowStart),
    q(['id', 'person_id', 'cla_id', 'start_date', 'ceased_date'], 'cla_episode'),
    q(['person_id', 'legal_status', 'start_date', 'end_date'], 'legal_status'),
    q(['id', 'person_id', 'cla_id', 'start_date', 'end_date', 'long_term'], 'placement'),
    // Reviews of periods of care open at some point from a year before the first month (measure 12 counts
    // reviews from 1 April, each against the sequence of its period).
    q(['cla_id', 'person_id', 'review_date'], 'cla_review',
      `WHERE review_date IS NOT NULL AND NOT coalesce(cancelled, false)
         AND cla_id IN (SELECT coalesce(cla_id, id) FROM ${versionsOf('cla_episode')} WHERE ceased_date IS NULL OR ceased_date >= ${FROM_DATE})`,
      yearBefore),
    // Allocations open at some point in the months asked for, and for each child and role the latest that
    // ended before them (measure 5 dates an unallocated spell from the end of the last case-holding one).
    select(
      db,
      ['person_id', 'worker_id', 'role', 'start_date', 'end_date', 'team_id'],
      `(SELECT person_id, worker_id, role, start_date, end_date, team_id FROM ${versionsOf('allocation')}
          WHERE end_date IS NULL OR end_date >= ${FROM_DATE}
        UNION ALL
        (SELECT DISTINCT ON (person_id, role) person_id, worker_id, role, start_date, end_date, team_id FROM ${versionsOf('allocation')}
          WHERE end_date < ${FROM_DATE}
            AND person_id IN (${openEpisodeChildren})
          ORDER BY person_id, role, end_date DESC)) AS allocations`,
      [at, windowStart],
    ),
    q(['id', 'name', 'end_date'], 'worker'),
    q(['id', 'team_id', 'fte', 'social_worker', 'case_holding', 'start_date', 'end_date'], 'post'),
    q(['post_id', 'worker_id', 'fte', 'agency', 'start_date', 'end_date'], 'post_holder'),
    q(['worker_id', 'start_date', 'end_date', 'long_term'], 'absence'),
    q(['id', 'person_id', 'audit_date', 'grade', 'moderated_grade'], 'case_audit',
      `WHERE audit_date >= ${FROM_DATE}`, windowStart),
    q(['mid_year', 'children'], 'population'),
  ]);

  return {
    knownAt: knownAt ? knownAt.getTime() : Date.now(),
    contacts: contacts.map(([id, personId, received, decision, hasTime, code]) => ({
      id: id!, personId: personId!, receivedAt: Number(received), decisionAt: num(decision), decisionHasTime: hasTime !== 'false',
      decision: orNull(code),
    })),
    referrals: referrals.map(([id, personId, date, closeDate, teamId]) => ({
      id: id!, personId: personId!, date: date!, closeDate: orNull(closeDate), teamId: orNull(teamId),
    })),
    strategies: strategies.map(([id, personId, date]) => ({ id: id!, personId: personId!, date: date! })),
    s47s: s47s.map(([id, personId, startDate, strategyId]) => ({ id: id!, personId: personId!, startDate: startDate!, strategyId: orNull(strategyId) })),
    icpcs: icpcs.map(([id, personId, date, transferIn, s47Id]) => ({
      id: id!, personId: personId!, date: date!, transferIn: yes(transferIn), s47Id: orNull(s47Id),
    })),
    assessments: assessments.map(([id, personId, startDate, authorised, referralId]) => ({
      id: id!, personId: personId!, startDate: startDate!, authorisedDate: orNull(authorised), referralId: orNull(referralId),
    })),
    cinPlans: cinPlans.map(([id, personId, startDate, endDate, teamId]) => ({
      id: id!, personId: personId!, startDate: startDate!, endDate: orNull(endDate), teamId: orNull(teamId),
    })),
    cpPlans: cpPlans.map(([id, personId, startDate, endDate]) => ({ id: id!, personId: personId!, startDate: startDate!, endDate: orNull(endDate), teamId: null })),
    cpReviews: cpReviews.map(([ofId, personId, date]) => ({ ofId: ofId!, personId: personId!, date: date! })),
    visits: visits.map(([personId, date, seen, kind]) => ({ personId: personId!, date: date!, seen: yes(seen), kind: kind as 'CIN' | 'CP' | 'CLA' })),
    supervisions: supervisions.map(([personId, date, type]) => ({ personId: personId!, date: date!, type: type! })),
    missing: missing.map(([id, personId, start, end, offered, accepted, completed]) => ({
      id: id!, personId: personId!, startAt: Number(start), endAt: num(end), rhiOffered: offered === 'Y', rhiAccepted: accepted === 'Y',
      rhiCompletedAt: num(completed),
    })),
    claEpisodes: claEpisodes.map(([id, personId, claId, startDate, ceasedDate]) => ({
      id: id!, personId: personId!, claId: claId || id!, startDate: startDate!, ceasedDate: orNull(ceasedDate),
    })),
    legalStatuses: legalStatuses.map(([personId, status, startDate, endDate]) => ({
      personId: personId!, status: status!, startDate: startDate!, endDate: orNull(endDate),
    })),
    placements: placements.map(([id, personId, claId, startDate, endDate, longTerm]) => ({
      id: id!, personId: personId!, claId: claId!, startDate: startDate!, endDate: orNull(endDate), longTerm: yes(longTerm),
    })),
    claReviews: claReviews.map(([ofId, personId, date]) => ({ ofId: ofId!, personId: personId!, date: date! })),
    allocations: allocations.map(([personId, workerId, role, startDate, endDate, teamId]) => ({
      personId: personId!, workerId: workerId!, role: orNull(role), startDate: startDate!, endDate: orNull(endDate), teamId: orNull(teamId),
    })),
    workers: workers.map(([id, name, endDate]) => ({ id: id!, name: name!, endDate: orNull(endDate) })),
    posts: posts.map(([id, teamId, fte, socialWorker, caseHolding, startDate, endDate]) => ({
      id: id!, teamId: teamId!, fte: Number(fte), socialWorker: yes(socialWorker), caseHolding: yes(caseHolding), startDate: startDate!,
      endDate: orNull(endDate),
    })),
    postHolders: postHolders.map(([postId, workerId, fte, agency, startDate, endDate]) => ({
      postId: postId!, workerId: workerId!, fte: Number(fte), agency: yes(agency), startDate: startDate!, endDate: orNull(endDate),
    })),
    absences: absences.map(([workerId, startDate, endDate, longTerm]) => ({
      workerId: workerId!, startDate: startDate!, endDate: orNull(endDate), longTerm: yes(longTerm),
    })),
    audits: audits.map(([id, personId, date, grade, moderated]) => ({
      id: id!, personId: orNull(personId), date: date!, grade: grade!, moderatedGrade: orNull(moderated),
    })),
    population: population
      .map(([midYear, children]) => ({ midYear: Number(midYear), children: Number(children) }))
      .sort((a, b) => a.midYear - b.midYear),
  };
}

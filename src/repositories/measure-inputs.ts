/**
 * Loads the facts the measures are computed from (src/domain/measures/inputs.ts), as known at an instant:
 * only versions recorded by then, and not deleted by then (settled detail 16). Without `knownAt`, the
 * current records.
 *
 * Each table is limited to what the months asked for need: dated events to the months plus a look-back
 * long enough for every measure's schedule, conferences to the months with their enquiries and strategy
 * discussions, reviews and earlier allocations to the plans, periods of care and children that are open
 * then. Visits and supervision count only through the latest on or before a month end, so none after the
 * last month is read; before the months, supervision is read as each child's latest of each type, and
 * visits from a short look-back on, with each kind's latest before it for a child not seen since (see below).
 * Checked on the 10-year synthetic authority: the same 260 figures as loading every row.
 */
import type { Queryable } from '../db/database.js';
import type { AllocationInput, MeasureInputs, VisitInput } from '../domain/measures/inputs.js';
import { addMonths, londonOffsetAt, startOfLondonDay } from '../domain/time/london.js';

export interface InputWindow {
  /** First month, 'YYYY-MM'. */
  from: string;
  /** Last month, 'YYYY-MM'. */
  to: string;
  /** Records as known at this instant; default: now (the current records). */
  knownAt?: Date;
}

/**
 * Months before the first month from which visits are read. Visits count only through the latest on or before a
 * month end, and the few children not seen in these months have their latest earlier visits read on their own
 * (on the 10-year authority, 7 children for 3 months; 430 for 1): so a short look-back reads far fewer rows.
 */
const VISIT_LOOK_BACK_MONTHS = 3;

/** The rows of a table as known at $1 ('infinity' for the current records). */
function versionsOf(table: string): string {
  return `(SELECT * FROM ${table}
            WHERE recorded_from <= $1::timestamptz AND (recorded_to IS NULL OR recorded_to > $1::timestamptz)
              AND NOT deleted) AS ${table}`;
}

/** Strings shared by every query of one load: dates by their digits (YYYYMMDD), and repeated texts. */
interface Kept {
  dates: Map<number, string>;
  texts: Map<string, string>;
}

/**
 * The cells of a query's rows, read one after another in column order straight from the text the rows
 * travel in (see `select`), so that no intermediate array of cells or rows is made. Dates are shared: every
 * occurrence of a date is the same string (a year of visits has a few hundred distinct dates), and so is every
 * occurrence of a person, worker, team or code (see `shared`).
 */
class Cells {
  readonly #text: string;
  readonly #dates: Map<number, string>;
  readonly #shared: Map<string, string>;
  /** London dates by day number since 1970, and London's offset from UTC by UTC day (see londonDateOfSeconds). */
  readonly #days = new Map<number, string>();
  readonly #offsets = new Map<number, number>();
  #at = 0;
  /** Cells read so far. */
  count = 0;
  /** End of the current cell (the separator after it, or the end of the text). */
  #end = 0;

  constructor(text: string, kept: Kept) {
    this.#text = text;
    this.#dates = kept.dates;
    this.#shared = kept.texts;
  }

  /** True while cells remain. */
  get more(): boolean {
    return this.#at <= this.#text.length;
  }

  /** Moves to the next cell and returns its start. */
  #next(): number {
    const start = this.#at;
    const end = this.#text.indexOf('\x1f', start);
    this.#end = end === -1 ? this.#text.length : end;
    this.#at = this.#end + 1;
    this.count++;
    return start;
  }

  /** The cell's text ('' for NULL). */
  text(): string {
    const start = this.#next();
    return this.#text.slice(start, this.#end);
  }

  /**
   * The cell's text as the one shared string for that text: for the values that repeat across rows (people,
   * workers, teams, codes), so that each distinct value is kept once rather than once per row.
   */
  shared(): string {
    return this.#keep(this.text());
  }

  /** As shared(), or null when empty (NULL). */
  sharedOrNull(): string | null {
    const text = this.text();
    return text === '' ? null : this.#keep(text);
  }

  #keep(text: string): string {
    const kept = this.#shared.get(text);
    if (kept !== undefined) return kept;
    this.#shared.set(text, text);
    return text;
  }

  /** The cell's text, or null when empty (NULL). */
  textOrNull(): string | null {
    const start = this.#next();
    return start === this.#end ? null : this.#text.slice(start, this.#end);
  }

  /** A 'YYYY-MM-DD' cell, as the one shared string for that date; null when empty. */
  dateOrNull(): string | null {
    const start = this.#next();
    const t = this.#text;
    if (this.#end - start !== 10 || t.charCodeAt(start + 4) !== 45 || t.charCodeAt(start + 7) !== 45) {
      return start === this.#end ? null : t.slice(start, this.#end);
    }
    let key = 0;
    for (let i = start; i < start + 10; i++) {
      const c = t.charCodeAt(i);
      if (c !== 45) key = key * 10 + c - 48;
    }
    let date = this.#dates.get(key);
    if (date === undefined) {
      date = t.slice(start, this.#end);
      this.#dates.set(key, date);
    }
    return date;
  }

  /**
   * The London date of an instant given as whole seconds since 1970 (never NULL): the same date as
   * `(column AT TIME ZONE 'Europe/London')::date`, which costs PGlite more than the rest of the row. Exact for
   * instants from 1996 (see londonOffsetAt), which every query using it is limited to.
   */
  londonDateOfSeconds(): string {
    const start = this.#next();
    const ms = Number(this.#text.slice(start, this.#end)) * 1000;
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = this.#offsets.get(utcDay);
    if (offset === undefined) {
      // The offset for the whole UTC day, or -1 on the days the clocks change (then worked out per instant).
      const first = londonOffsetAt(utcDay * DAY_MS);
      offset = first === londonOffsetAt((utcDay + 1) * DAY_MS - 1) ? first : -1;
      this.#offsets.set(utcDay, offset);
    }
    const londonDay = Math.floor((ms + (offset === -1 ? londonOffsetAt(ms) : offset)) / DAY_MS);
    let date = this.#days.get(londonDay);
    if (date === undefined) {
      const iso = new Date(londonDay * DAY_MS).toISOString().slice(0, 10);
      const key = Number(iso.slice(0, 4)) * 10_000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
      date = this.#dates.get(key);
      if (date === undefined) {
        date = iso;
        this.#dates.set(key, date);
      }
      this.#days.set(londonDay, date);
    }
    return date;
  }

  /** A 'YYYY-MM-DD' cell ('' for NULL). */
  date(): string {
    return this.dateOrNull() ?? '';
  }

  /** True when the cell is exactly `value` ('true' for a boolean). */
  is(value: string): boolean {
    const start = this.#next();
    return this.#end - start === value.length && this.#text.startsWith(value, start);
  }

  /** The cell as a number; null when empty (NULL). */
  numberOrNull(): number | null {
    const start = this.#next();
    return start === this.#end ? null : Number(this.#text.slice(start, this.#end));
  }

  /** The cell as a number (0 for NULL, as Number('')). */
  number(): number {
    const start = this.#next();
    return Number(this.#text.slice(start, this.#end));
  }
}

/**
 * Runs `SELECT <columns> FROM <from>` and makes one item per row with `make`, which reads the row's cells in
 * column order. The rows travel as one delimited string (string_agg), which is many times faster than
 * row-by-row results for the hundreds of thousands of rows a year of measures needs, on both engines. NULL
 * comes back as ''. Instants are selected as epoch milliseconds (see `epoch`), dates as 'YYYY-MM-DD',
 * booleans as 'true' / 'false'.
 */
async function select<T>(
  db: Queryable, columns: readonly string[], from: string, params: unknown[], kept: Kept, make: (row: Cells) => T,
): Promise<T[]> {
  // concat() reads NULL as '': no coalesce needed (text casts keep booleans as 'true' / 'false').
  const cells = columns.map((c) => `(${c})::text`).join(', chr(31), ');
  // One separator between all cells: the rows are read `columns.length` cells at a time.
  const [row] = await db.query<{ t: string | null }>(`SELECT string_agg(concat(${cells}), chr(31)) AS t FROM ${from}`, params);
  const out: T[] = [];
  if (!row?.t) return out;
  const reader = new Cells(row.t, kept);
  while (reader.more) out.push(make(reader));
  if (reader.count !== out.length * columns.length) throw new Error(`Read ${reader.count} cells for ${out.length} rows of ${columns.length} columns`);
  return out;
}

const londonDay = (column: string) => `(${column} AT TIME ZONE 'Europe/London')::date`;
/** The London date of the instant in parameter n. */
const londonDateOf = (n: number) => londonDay(`$${n}::timestamptz`);
/** The London date of $2 (the first day a query needs). */
const FROM_DATE = londonDateOf(2);
/** The London date of $3 (the day after the last month: nothing from then on is needed). */
const END_DATE = londonDateOf(3);

const DAY_MS = 86_400_000;

/** An instant as whole seconds since 1970, read with Cells.londonDateOfSeconds. */
const seconds = (column: string) => `floor(date_part('epoch', ${column}))::bigint`;

const epoch = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;

/** Section 47 enquiries that led to conferences held in the months ($2 to $3). */
const icpcS47s = `SELECT s47_id FROM ${versionsOf('icpc')} WHERE conference_date >= ${FROM_DATE} AND conference_date < ${END_DATE}`;

/** Children with a referral, CIN or CP plan, or period of care open at some point in the months, $2 to $3 (measure 5's episodes). */
const openEpisodeChildren = [
  ['referral', 'referral_date < $3', 'close_date'],
  ['cin_plan', `start_date < ${END_DATE}`, 'end_date'],
  ['cp_plan', `start_date < ${END_DATE}`, 'end_date'],
  ['cla_episode', `start_date < ${END_DATE}`, 'ceased_date'],
]
  .map(([t, started, end]) => `SELECT person_id FROM ${versionsOf(t!)} WHERE ${started} AND (${end} IS NULL OR ${end} >= ${FROM_DATE})`)
  .join(' UNION ');

/** Records with a start and an end date open at some point from the London date of $2 to before that of $3. */
const openBetween = `WHERE start_date < ${END_DATE} AND (end_date IS NULL OR end_date >= ${FROM_DATE})`;

/** Children on a CP plan at some point in the months, $2 to $3. */
const cpPlanChildren = `SELECT DISTINCT person_id FROM ${versionsOf('cp_plan')} ${openBetween}`;

const VISIT_KINDS = ['CIN', 'CP', 'CLA'] as const;

export async function loadMeasureInputs(db: Queryable, window: InputWindow): Promise<MeasureInputs> {
  const knownAt = window.knownAt ?? null;
  const at = knownAt ?? 'infinity';
  const firstDay = `${window.from}-01`;
  /** The start of the first day of the month n months before the first month. */
  const monthsBefore = (n: number) => startOfLondonDay(addMonths(firstDay, -n));
  const windowStart = monthsBefore(0);
  const lookBack = monthsBefore(VISIT_LOOK_BACK_MONTHS);
  const yearBefore = monthsBefore(12);
  // The start of the day after the last month.
  const windowEnd = startOfLondonDay(addMonths(`${window.to}-01`, 1));
  const kept: Kept = { dates: new Map(), texts: new Map() };
  // $1 is the known-at instant; $2, where used, the earliest instant a query needs; $3 the end of the months.
  const from = <T>(columns: string[], source: string, params: unknown[], make: (row: Cells) => T) =>
    select(db, columns, source, params, kept, make);
  const q = <T>(columns: string[], table: string, where: string, params: Date[], make: (row: Cells) => T) =>
    from(columns, `${versionsOf(table)} ${where}`, [at, ...params], make);

  // Allocations open at some point from a year before the months to their end (rolling measures name the team
  // holding the case at dates in the year before the first month), and for each child with an episode open in the
  // months, the latest of each role that ended before then (measure 5 dates an unallocated spell from the end of the
  // last case-holding one). The two slowest statements on a server: asked for first, each on its own, so that they
  // run beside the rest rather than after it.
  const allocationColumns = ['person_id', 'worker_id', 'role', 'start_date', 'end_date', 'team_id'];
  const allocation = (r: Cells): AllocationInput => ({
    personId: r.shared(), workerId: r.shared(), role: r.sharedOrNull(), startDate: r.date(), endDate: r.dateOrNull(), teamId: r.sharedOrNull(),
  });
  const allocationsRead = Promise.all([
    q(allocationColumns, 'allocation', openBetween, [yearBefore, windowEnd], allocation),
    from(
      allocationColumns.map((c) => `a.${c}`),
      `(SELECT DISTINCT ON (a.person_id, a.role) a.* FROM (${openEpisodeChildren}) AS c
          -- Each child's earlier allocations through the person index (OFFSET 0 keeps the planner from joining
          -- the whole allocation history instead, which it estimates wrongly).
          CROSS JOIN LATERAL (SELECT ${allocationColumns.join(', ')} FROM ${versionsOf('allocation')}
                               WHERE allocation.person_id = c.person_id AND end_date < ${londonDateOf(4)} OFFSET 0) AS a
         ORDER BY a.person_id, a.role, a.end_date DESC, a.start_date DESC, a.worker_id) AS a`,
      [at, windowStart, windowEnd, yearBefore], allocation),
  ]).then(([open, earlier]) => open.concat(earlier));

  const [
    contacts, referrals, strategies, s47s, icpcs, assessments, cinPlans, cpPlans, cpReviews, visits, supervisions,
    missing, claEpisodes, legalStatuses, placements, claReviews, allocations, workers, posts, postHolders, absences,
    audits, population,
  ] = await Promise.all([
    // Measure 1 counts contacts accepted as referrals (decision REF, the only contacts any measure reads) decided in
    // the months asked for.
    q(['id', 'person_id', epoch('received_at'), epoch('decision_at'), 'decision_at_has_time', 'decision'], 'contact',
      "WHERE decision_at >= $2 AND decision_at < $3 AND decision = 'REF'", [windowStart, windowEnd],
      (r) => ({
        id: r.text(), personId: r.shared(), receivedAt: r.number(), decisionAt: r.numberOrNull(), decisionHasTime: !r.is('false'),
        decision: r.textOrNull(),
      })),
    // Re-referrals look back 12 months from referrals up to 12 months before the first month (from 25 months before
    // it, with a month to spare), and open ones and those closed in the 13 months before it. None made after the
    // months is read, except one an assessment authorised in them is linked to (measure 4 times it from there).
    from(['id', 'person_id', londonDay('referral_date'), 'close_date', 'team_id'],
      `(SELECT * FROM ${versionsOf('referral')}
         WHERE referral_date < $3 AND (referral_date >= $2 OR close_date IS NULL OR close_date >= ${londonDateOf(5)})
        UNION ALL
        SELECT * FROM ${versionsOf('referral')}
         WHERE referral_date >= $3 AND EXISTS (
           SELECT 1 FROM ${versionsOf('assessment')}
            WHERE assessment.person_id = referral.person_id AND assessment.referral_id = referral.id
              AND authorised_date >= ${londonDateOf(4)} AND authorised_date < ${END_DATE})) AS referral`,
      [at, monthsBefore(25), windowEnd, windowStart, monthsBefore(13)],
      (r) => ({ id: r.text(), personId: r.shared(), date: r.date(), closeDate: r.dateOrNull(), teamId: r.sharedOrNull() })),
    // Measure 3 times conferences held in the months asked for from their section 47 and its strategy discussion.
    q(['id', 'person_id', londonDay('held_at')], 'strategy_discussion',
      `WHERE id IN (SELECT strategy_id FROM ${versionsOf('s47_enquiry')} WHERE id IN (${icpcS47s}))`, [windowStart, windowEnd],
      (r) => ({ id: r.text(), personId: r.shared(), date: r.date() })),
    q(['id', 'person_id', 'start_date', 'strategy_id'], 's47_enquiry', `WHERE id IN (${icpcS47s})`, [windowStart, windowEnd],
      (r) => ({ id: r.text(), personId: r.shared(), startDate: r.date(), strategyId: r.textOrNull() })),
    q(['id', 'person_id', 'conference_date', 'transfer_in', 's47_id'], 'icpc',
      `WHERE conference_date >= ${FROM_DATE} AND conference_date < ${END_DATE}`, [windowStart, windowEnd],
      (r) => ({ id: r.text(), personId: r.shared(), date: r.date(), transferIn: r.is('true'), s47Id: r.textOrNull() })),
    // Measure 4 times assessments authorised in the months.
    q(['id', 'person_id', 'start_date', 'authorised_date', 'referral_id'], 'assessment',
      `WHERE authorised_date >= ${FROM_DATE} AND authorised_date < ${END_DATE}`, [windowStart, windowEnd],
      (r) => ({ id: r.text(), personId: r.shared(), startDate: r.date(), authorisedDate: r.dateOrNull(), referralId: r.textOrNull() })),
    q(['id', 'person_id', 'start_date', 'end_date', 'team_id'], 'cin_plan',
      openBetween, [windowStart, windowEnd],
      (r) => ({ id: r.text(), personId: r.shared(), startDate: r.date(), endDate: r.dateOrNull(), teamId: r.sharedOrNull() })),
    // Every CP plan begun by the end of the months: "second or subsequent" asks about a child's whole history.
    q(['id', 'person_id', 'start_date', 'end_date'], 'cp_plan', `WHERE start_date < ${londonDateOf(2)}`, [windowEnd],
      (r) => ({ id: r.text(), personId: r.shared(), startDate: r.date(), endDate: r.dateOrNull(), teamId: null })),
    q(['cp_plan_id', 'person_id', 'review_date'], 'cp_review',
      `WHERE review_date < ${END_DATE}
         AND cp_plan_id IN (SELECT id FROM ${versionsOf('cp_plan')} WHERE end_date IS NULL OR end_date >= ${FROM_DATE})`,
      [windowStart, windowEnd],
      (r) => ({ ofId: r.shared(), personId: r.shared(), date: r.date() })),
    // Only visits in which the child was seen count for any measure: each kind read on its own, as person and instant.
    // Measures read the latest visit on or before a month end, so none after the last month is read.
    Promise.all(VISIT_KINDS.map((kind) =>
      q(['person_id', seconds('visit_date')], `${kind.toLowerCase()}_visit`, 'WHERE seen AND visit_date >= $2 AND visit_date < $3',
        [lookBack, windowEnd],
        (r): VisitInput => ({ personId: r.shared(), date: r.londonDateOfSeconds(), seen: true, kind })))).then((lists) => lists.flat()),
    // Supervision counts through the latest on or before a date, for children on a CP plan then (measure 8, the only
    // one to read it): for each child on a CP plan at some point in the months, those in the months and before them
    // the latest of each type.
    Promise.all([
      q(['person_id', seconds('held_at'), 'supervision_type'], 'supervision',
        `WHERE held_at >= $2 AND held_at < $3 AND person_id IN (${cpPlanChildren})`, [windowStart, windowEnd],
        (r) => ({ personId: r.shared(), date: r.londonDateOfSeconds(), type: r.shared() })),
      from(['c.person_id', londonDay('s.held_at'), 's.supervision_type'],
        `(${cpPlanChildren}) AS c
         CROSS JOIN LATERAL (SELECT DISTINCT ON (supervision_type) supervision_type, held_at FROM ${versionsOf('supervision')}
                              WHERE person_id = c.person_id AND held_at < $2 ORDER BY supervision_type, held_at DESC) AS s`,
        [at, windowStart, windowEnd],
        (r) => ({ personId: r.shared(), date: r.date(), type: r.shared() })),
    ]).then((lists) => lists.flat()),
    // Measure 9 counts children who returned in the months asked for.
    q(['id', 'person_id', epoch('start_at'), epoch('end_at'), 'rhi_offered', 'rhi_accepted', epoch('rhi_completed_at')], 'missing_episode',
      'WHERE start_at < $3 AND (end_at IS NULL OR end_at >= $2)', [windowStart, windowEnd],
      (r) => ({
        id: r.text(), personId: r.shared(), startAt: r.number(), endAt: r.numberOrNull(), rhiOffered: r.is('Y'), rhiAccepted: r.is('Y'),
        rhiCompletedAt: r.numberOrNull(),
      })),
    // Periods of care, legal statuses and placements open at some point from a year before the months (measure 12
    // checks the legal status at reviews from then; the others read them at month ends), each period whole.
    q(['id', 'person_id', 'cla_id', 'start_date', 'ceased_date'], 'cla_episode',
      `WHERE coalesce(cla_id, id) IN (SELECT coalesce(cla_id, id) FROM ${versionsOf('cla_episode')}
                                       WHERE start_date < ${END_DATE} AND (ceased_date IS NULL OR ceased_date >= ${FROM_DATE}))`,
      [yearBefore, windowEnd], (r) => {
      const id = r.text();
      return { id, personId: r.shared(), claId: r.sharedOrNull() ?? id, startDate: r.date(), ceasedDate: r.dateOrNull() };
    }),
    q(['person_id', 'legal_status', 'start_date', 'end_date'], 'legal_status', openBetween, [yearBefore, windowEnd],
      (r) => ({ personId: r.shared(), status: r.shared(), startDate: r.date(), endDate: r.dateOrNull() })),
    q(['id', 'person_id', 'cla_id', 'start_date', 'end_date', 'long_term'], 'placement', openBetween, [yearBefore, windowEnd],
      (r) => ({ id: r.text(), personId: r.shared(), claId: r.shared(), startDate: r.date(), endDate: r.dateOrNull(), longTerm: r.is('true') })),
    // Reviews of periods of care open at some point from a year before the first month (measure 12 counts
    // reviews from 1 April, each against the sequence of its period).
    q(['cla_id', 'person_id', 'review_date'], 'cla_review',
      `WHERE review_date < ${END_DATE} AND NOT coalesce(cancelled, false)
         AND cla_id IN (SELECT coalesce(cla_id, id) FROM ${versionsOf('cla_episode')} WHERE ceased_date IS NULL OR ceased_date >= ${FROM_DATE})`,
      [yearBefore, windowEnd],
      (r) => ({ ofId: r.shared(), personId: r.shared(), date: r.date() })),
    allocationsRead,
    q(['id', 'name', 'end_date'], 'worker', '', [], (r) => ({ id: r.shared(), name: r.text(), endDate: r.dateOrNull() })),
    q(['id', 'team_id', 'fte', 'social_worker', 'case_holding', 'start_date', 'end_date'], 'post', '', [],
      (r) => ({
        id: r.shared(), teamId: r.shared(), fte: r.number(), socialWorker: r.is('true'), caseHolding: r.is('true'), startDate: r.date(),
        endDate: r.dateOrNull(),
      })),
    q(['post_id', 'worker_id', 'fte', 'agency', 'start_date', 'end_date'], 'post_holder', '', [],
      (r) => ({ postId: r.shared(), workerId: r.shared(), fte: r.number(), agency: r.is('true'), startDate: r.date(), endDate: r.dateOrNull() })),
    // Long-term absence counts at month ends (measures 5, 13 and 14).
    q(['worker_id', 'start_date', 'end_date', 'long_term'], 'absence', openBetween, [windowStart, windowEnd],
      (r) => ({ workerId: r.shared(), startDate: r.date(), endDate: r.dateOrNull(), longTerm: r.is('true') })),
    q(['id', 'person_id', 'audit_date', 'grade', 'moderated_grade'], 'case_audit',
      `WHERE audit_date >= ${FROM_DATE} AND audit_date < ${END_DATE}`, [windowStart, windowEnd],
      (r) => ({ id: r.text(), personId: r.sharedOrNull(), date: r.date(), grade: r.text(), moderatedGrade: r.textOrNull() })),
    q(['mid_year', 'children'], 'population', '', [], (r) => ({ midYear: r.number(), children: r.number() })),
  ]);

  // Visits are read from the look-back on. A child whose plan or placement began before it and who was not seen
  // between then and the first month would look never seen since it began: for those children (a few), their
  // latest visit of each kind before the look-back is read too, however long before.
  const lookBackDay = addMonths(firstDay, -VISIT_LOOK_BACK_MONTHS);
  const seenBefore = new Set<string>();
  for (const v of visits) if (v.date < firstDay) seenBefore.add(v.personId);
  const unseen = new Set<string>();
  for (const episode of [...cpPlans, ...cinPlans, ...placements]) {
    if (episode.startDate < lookBackDay && (episode.endDate === null || episode.endDate >= firstDay) && !seenBefore.has(episode.personId)) {
      unseen.add(episode.personId);
    }
  }
  if (unseen.size > 0) {
    const earlier = VISIT_KINDS.map((kind) => {
      const table = `${kind.toLowerCase()}_visit`;
      return `SELECT c.person_id, ${seconds('v.last')} AS last, '${kind}' AS kind FROM unnest($3::text[]) AS c(person_id)
                CROSS JOIN LATERAL (SELECT max(visit_date) AS last FROM ${versionsOf(table)}
                                     WHERE ${table}.person_id = c.person_id AND seen AND visit_date < $2) AS v
               WHERE v.last IS NOT NULL`;
    }).join(' UNION ALL ');
    visits.push(...await from(['person_id', 'last', 'kind'], `(${earlier}) AS earlier`, [at, lookBack, [...unseen]],
      (r): VisitInput => ({ personId: r.shared(), date: r.londonDateOfSeconds(), seen: true, kind: r.text() as VisitInput['kind'] })));
  }

  return {
    knownAt: knownAt ? knownAt.getTime() : Date.now(),
    contacts, referrals, strategies, s47s, icpcs, assessments, cinPlans, cpPlans, cpReviews, visits, supervisions, missing,
    claEpisodes, legalStatuses, placements, claReviews, allocations, workers, posts, postHolders, absences, audits,
    population: population.sort((a, b) => a.midYear - b.midYear),
  };
}

/**
 * Which clock is running, and from when, for timescales that repeat or change along a sequence.
 *
 * Each function takes the history that has happened (as at the moment of interest: callers leave out
 * events after it) and returns the {@link Deadline} for the next event. Events before the sequence began
 * are ignored. Get the state with `deadline.clock.status(deadline.start, done, now, ctx)`.
 */
import { addMonths, londonDate } from '../time/london.js';
import type { ClockContext, DateInput, DayClock } from './clock.js';
import {
  assessmentClock,
  claReviewFirstClock,
  claReviewLaterClock,
  claReviewSecondClock,
  claVisitClock,
  claVisitFirstClock,
  claVisitLongTermClock,
  cpReviewFirstClock,
  cpReviewLaterClock,
} from './registry.js';
import { DEFAULT_LOCAL_STANDARDS } from './standards.js';

/** A running day clock: which clock, from which date, and its due date. */
export interface Deadline {
  clock: DayClock;
  start: string;
  due: string;
}

const toDate = (input: DateInput): string => (typeof input === 'string' ? input : londonDate(input));

/** The events on or after `since`, as sorted dates. */
function eventsSince(since: string, events: readonly DateInput[]): string[] {
  return events.map(toDate).filter((d) => d >= since).sort();
}

function deadline(clock: DayClock, start: string, ctx?: ClockContext): Deadline {
  return { clock, start, due: clock.due(start, ctx) };
}

/**
 * A repeating clock (visits, supervision): it runs from the latest event on or after `since` (the plan or
 * episode start), or from `since` itself when there is none. Use for CP and CIN visits (events: visits in
 * which the child was seen) and case supervision.
 */
export function nextRecurring(clock: DayClock, since: DateInput, events: readonly DateInput[], ctx?: ClockContext): Deadline {
  const from = toDate(since);
  return deadline(clock, eventsSince(from, events).at(-1) ?? from, ctx);
}

/**
 * The next CP review conference: 3 months from the plan start while no review has been held, then
 * 6 months from the latest review held (settled detail 11). Reviews before the plan start are ignored.
 */
export function nextCpReview(planStart: DateInput, reviewsHeld: readonly DateInput[], ctx?: ClockContext): Deadline {
  const from = toDate(planStart);
  const latest = eventsSince(from, reviewsHeld).at(-1);
  return latest === undefined ? deadline(cpReviewFirstClock, from, ctx) : deadline(cpReviewLaterClock, latest, ctx);
}

/**
 * The next looked-after review of a period of care: the first within 20 working days of the start of care,
 * the second within 3 months of the first, later ones within 6 months of the previous (settled detail 12;
 * each period of care restarts the sequence). For the deadline that applied to review number i (from 0) of
 * a sorted list, pass the reviews before it: `nextClaReview(start, reviews.slice(0, i))`.
 */
export function nextClaReview(startOfCare: DateInput, reviewsHeld: readonly DateInput[], ctx?: ClockContext): Deadline {
  const from = toDate(startOfCare);
  const held = eventsSince(from, reviewsHeld);
  const latest = held.at(-1);
  if (latest === undefined) return deadline(claReviewFirstClock, from, ctx);
  return deadline(held.length === 1 ? claReviewSecondClock : claReviewLaterClock, latest, ctx);
}

export interface PlacementForVisits {
  /** The placement's start date. */
  start: DateInput;
  /** True when the placement is long-term (intended to last until the child is 18). */
  longTerm: boolean;
}

/**
 * The next statutory visit to a looked-after child in a placement (reg 28; settled detail 10): within 7 days
 * of the placement start (a visit on the start day counts, one before it does not); after each visit, within
 * 6 weeks, or within 3 months if that visit fell on or after the first anniversary of a long-term placement.
 * `visitsSeen` are the visits in which the child was seen.
 */
export function nextClaVisit(placement: PlacementForVisits, visitsSeen: readonly DateInput[], ctx?: ClockContext): Deadline {
  const from = toDate(placement.start);
  const latest = eventsSince(from, visitsSeen).at(-1);
  if (latest === undefined) return deadline(claVisitFirstClock, from, ctx);
  const afterFirstYear = latest >= addMonths(from, 12);
  return deadline(placement.longTerm && afterFirstYear ? claVisitLongTermClock : claVisitClock, latest, ctx);
}

/**
 * Where an assessment's 45-working-day clock starts under the authority's `assessmentFrom` standard: the
 * assessment start date, or the referral date. Null when counting from the referral and there is none
 * (settled detail 17: such an assessment is not within timescale and is a data-quality problem).
 */
export function assessmentDeadline(
  assessment: { start: DateInput; referral?: DateInput | null },
  ctx?: ClockContext,
): Deadline | null {
  const from = (ctx?.standards ?? DEFAULT_LOCAL_STANDARDS).assessmentFrom;
  const start = from === 'referral' ? assessment.referral ?? null : assessment.start;
  return start === null ? null : deadline(assessmentClock, toDate(start), ctx);
}

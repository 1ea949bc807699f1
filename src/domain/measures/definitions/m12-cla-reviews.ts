/**
 * Measure 12: looked-after reviews held on or before their due date, cumulative from 1 April (settled detail
 * 12): the first within 20 working days of the start of the period of care, the second within 3 months of the
 * first, later ones within 6 months of the previous. Each period of care restarts the sequence; the second and
 * later due dates run from the actual previous review.
 */
import type { DayClock } from '../../clocks/clock.js';
import { claReviewFirstClock, claReviewLaterClock, claReviewSecondClock } from '../../clocks/registry.js';
import type { ClaReview, MeasureContext } from '../context.js';
import { claReview, inputsOf, lookedAfter } from '../fixtures.js';
import { reportingPeriod } from '../period.js';
import { drillRow, type DrillRow, type MeasureDefinition } from '../types.js';
import { countBetween, dated, latestBetween, legalStatusAt, rowsOfMonths, statusText, teamAt } from './common.js';
import { addDays } from '../../time/london.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** The deadline a review was held against: which clock, from when, and the number of the review. */
function deadlineOf(periodStart: string, held: readonly string[], date: string, sameDayBefore: number) {
  const before = countBetween(held, periodStart, addDays(date, -1)) + sameDayBefore;
  const previous = sameDayBefore > 0 ? date : latestBetween(held, periodStart, addDays(date, -1));
  const clock: DayClock = before === 0 ? claReviewFirstClock : before === 1 ? claReviewSecondClock : claReviewLaterClock;
  const start = before === 0 || previous === null ? periodStart : previous;
  return { clock, start, number: before + 1 };
}

/** A review's row: the same whichever reporting month it is counted in. */
function reviewRow(ctx: MeasureContext, { id, review }: ClaReview): DrillRow {
  const base = { personId: review.personId, recordId: id, teamId: () => teamAt(ctx, review.personId, review.date, null) };
  const care = ctx.periodsOfCare.get(review.ofId);
  if (!care) {
    return drillRow(
      { personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: true, dates: { review: review.date }, problem: `period of care ${review.ofId} not found` },
      () => `review ${dated(review.date)} of an unknown period of care: not in time`,
    );
  }
  const status = legalStatusAt(ctx, review.personId, review.date);
  if (status !== null && ctx.shortBreakStatuses.has(status.status)) {
    return drillRow(
      { personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: false, dates: { periodStart: care.startDate, review: review.date } },
      () => `review ${dated(review.date)} during short breaks (${status.status}): not counted`,
    );
  }
  if (review.date < care.startDate) {
    return drillRow(
      {
        personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: false, dates: { periodStart: care.startDate, review: review.date },
        problem: 'review dated before its period of care began',
      },
      () => `review ${dated(review.date)} is before the period of care began ${dated(care.startDate)}: left out`,
    );
  }
  const sameDayBefore = id.includes('#') ? Number(id.slice(id.lastIndexOf('#') + 1)) - 1 : 0;
  const d = deadlineOf(care.startDate, ctx.claReviewsByPeriod.get(care.id) ?? [], review.date, sameDayBefore);
  const result = d.clock.status(d.start, review.date, review.date, ctx.clock);
  return drillRow(
    {
      personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: result.met === true, inDenominator: true,
      dates: { periodStart: care.startDate, previousReview: d.number > 1 ? d.start : null, due: result.due, review: review.date },
    },
    () =>
      `${ORDINALS[d.number - 1] ?? `${d.number}th`} review ` +
      `(${d.number === 1 ? `care began ${dated(care.startDate)}` : `previous review ${dated(d.start)}`}); ${statusText(result)}`,
  );
}

export const m12ClaReviews: MeasureDefinition = {
  id: 'm12-cla-reviews',
  number: 12,
  title: 'Looked-after reviews within timescales',
  frequency: 'cumulative',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Looked After Children',
  definition: {
    numerator:
      'Of the denominator, reviews held on or before their due date: the first review of a period of care within 20 working days ' +
      'of its start, the second within 3 calendar months of the first, later ones within 6 calendar months of the previous review.',
    denominator: 'Looked-after reviews held from 1 April (start of the financial year) to month end.',
    inclusions:
      'Reviews of every period of care, the sequence restarting with each period; a review held on its due date is in time. A review ' +
      'of an unknown period of care stays in the denominator, not in time (data-quality problem).',
    exclusions:
      'Reviews held while the child\'s legal status was a short-break one (V3/V4), and reviews dated before their period of care ' +
      'began (data-quality problem).',
  },
  settings: ['calendar', 'shortBreakLegalStatuses'],
  rows(ctx, month) {
    const period = reportingPeriod('cumulative', month);
    return rowsOfMonths(ctx, 'cla-reviews', period.months, (m) => (ctx.events.claReviews.get(m) ?? []).map((r) => reviewRow(ctx, r)));
  },
  example: {
    month: '2025-06',
    story:
      'Cumulative from 1 April 2025 to 30 June 2025. C1 became looked after on Tuesday 1 April; with the Easter bank holidays the ' +
      '20th working day is 1 May, and the first review was held that day: in time. C2\'s second review, due 3 months after the first ' +
      '(held 10 January, before this year\'s figures), was held on 10 April, its due date: in time. C3\'s review on 20 May came ' +
      '6 months and 5 days after the previous one (15 November 2024): late.',
    inputs: () =>
      inputsOf(
        lookedAfter('C1', 'L1', '2025-04-01'), claReview('L1', 'C1', '2025-05-01'),
        lookedAfter('C2', 'L2', '2024-12-16'), claReview('L2', 'C2', '2025-01-10'), claReview('L2', 'C2', '2025-04-10'),
        lookedAfter('C3', 'L3', '2023-05-02'), claReview('L3', 'C3', '2024-05-10'), claReview('L3', 'C3', '2024-11-15'),
        claReview('L3', 'C3', '2025-05-20'),
      ),
    expected: '66.7%',
  },
};

/**
 * Measure 7: CP plans whose review conference is not overdue at month end (settled detail 11): due 3 months
 * after the plan start while no review has been held, then 6 months after the latest review held. An earlier
 * late review does not count against a plan that is back on schedule.
 */
import { nextCpReview } from '../../clocks/schedules.js';
import { cpPlan, cpReview, inputsOf } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, latestBetween, statusText, teamAt } from './common.js';

export const m07CpReviews: MeasureDefinition = {
  id: 'm07-cp-reviews',
  number: 7,
  title: 'CP plans reviewed within timescale',
  frequency: 'as at month end',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Child Protection',
  definition: {
    numerator:
      'Of the denominator, plans whose next review conference is due on or after month end: 3 calendar months after the plan ' +
      'start while no review has been held, then 6 calendar months after the latest review held (by month end).',
    denominator: 'CP plans open at month end.',
    inclusions: 'Every open plan, however recently it started. A review held on its due date is in time.',
    exclusions: 'Reviews after month end; reviews before the plan started.',
    notes: 'Months are calendar months: 30 Nov + 3 months = 28 Feb (29 in a leap year). A late review restarts the clock from the date it was held.',
  },
  settings: [],
  *rows(ctx, month) {
    const end = monthEnd(month);
    for (const plan of ctx.open.cpPlans(end)) {
      const latest = latestBetween(ctx.cpReviewsByPlan.get(plan.id) ?? [], plan.startDate, end);
      const deadline = nextCpReview(plan.startDate, latest === null ? [] : [latest], ctx.clock);
      yield drillRow(
        {
          personId: plan.personId, recordId: plan.id, teamId: () => teamAt(ctx, plan.personId, end, plan.teamId),
          inNumerator: deadline.due >= end, inDenominator: true,
          dates: { planStart: plan.startDate, lastReview: latest, due: deadline.due },
        },
        () =>
          `${latest ? `last review ${day(latest, end)}` : `no review since the plan started ${day(plan.startDate, end)}`}; ` +
          statusText(deadline.clock.status(deadline.start, null, end, ctx.clock)),
      );
    }
  },
  example: {
    month: '2025-02',
    story:
      'At the end of February 2025: P1 started on 30 November 2024, so its first review is due on 28 February, the month end ' +
      'itself: not overdue. P2 started on 15 October 2024 with no review: due 15 January, overdue. P3\'s first review was late ' +
      '(due 15 April 2024, held 1 May), but the next was held on 1 November, its due date, so the next is due 1 May 2025: ' +
      'back on schedule and compliant.',
    inputs: () =>
      inputsOf(
        cpPlan('P1', 'C1', '2024-11-30'),
        cpPlan('P2', 'C2', '2024-10-15'),
        cpPlan('P3', 'C3', '2024-01-15'), cpReview('P3', 'C3', '2024-05-01'), cpReview('P3', 'C3', '2024-11-01'),
      ),
    expected: '66.7%',
  },
};

/**
 * Measure 6: children on CP plans visited (child seen) within 10 working days of month end. Any visit kind
 * counts (settled detail 9); the plan start stands in for a visit until the first one.
 */
import { cpVisitClock } from '../../clocks/registry.js';
import { cpPlan, inputsOf, visit } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { cpChildrenAt, day, latestBetween, overlapProblem, statusText, teamOf } from './common.js';

export const m06CpVisits10wd: MeasureDefinition = {
  id: 'm06-cp-visits-10wd',
  number: 6,
  title: 'Children on CP plans visited within 10 working days',
  frequency: 'as at month end',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Child Protection',
  definition: {
    numerator:
      'Of the denominator, children whose most recent visit in which they were seen (on or after the plan start and by month end), ' +
      'or else the plan start, is no more than 10 working days before month end.',
    denominator: 'Children with a CP plan open at month end.',
    inclusions: 'Visits of any kind (CIN, CP or looked-after) in which the child was seen, including one on the plan start day.',
    exclusions: 'Visits in which the child was not seen; visits before the plan started or after month end.',
    notes:
      'Working days from the visit (day 0) to month end. When month end falls on a weekend, a visit whose 10th working day was the ' +
      'Friday is still in time. A child with two open CP plans counts once, under the latest-starting plan.',
  },
  settings: ['cpVisitWorkingDays', 'calendar'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    const limit = ctx.standards.cpVisitWorkingDays;
    for (const child of cpChildrenAt(ctx, end)) {
      const { plan } = child;
      const { records } = child;
      const lastSeen = latestBetween(records.seenVisits, plan.startDate, end);
      const from = lastSeen ?? plan.startDate;
      const within = ctx.calendar.workingDaysBetween(from, end) <= limit;
      const problem = overlapProblem(child, 'CP', end);
      yield drillRow(
        {
          personId: child.personId, recordId: plan.id, teamId: () => teamOf(ctx, records, end, plan.teamId),
          inNumerator: within, inDenominator: true,
          dates: { planStart: plan.startDate, lastSeen, due: cpVisitClock.due(from, ctx.clock) },
          problem,
        },
        () =>
          `${lastSeen ? `last seen ${day(lastSeen, end)}` : `not seen since the plan started ${day(plan.startDate, end)}`}; ` +
          statusText(cpVisitClock.status(from, null, end, ctx.clock)),
      );
    }
  },
  example: {
    month: '2025-05',
    story:
      'Month end is Saturday 31 May 2025. C1 was last seen on Thursday 15 May: with the 26 May bank holiday, the 10th working day ' +
      'after it is Friday 30 May, so at the weekend month end C1 is still in time. C2 was last seen, on a CIN visit, on Wednesday ' +
      '14 May: due Thursday 29 May, overdue. C3\'s plan started ' +
      'on 20 May and C3 has not been seen yet: still in time. C4 was visited on 28 May but not seen; the last visit in which C4 ' +
      'was seen was on 2 May. C5\'s plan ended on 31 May, so C5 is not counted.',
    inputs: () =>
      inputsOf(
        cpPlan('P1', 'C1', '2025-01-06'), visit('C1', '2025-05-15'),
        cpPlan('P2', 'C2', '2025-02-03'), visit('C2', '2025-05-14', true, 'CIN'),
        cpPlan('P3', 'C3', '2025-05-20'),
        cpPlan('P4', 'C4', '2025-03-10'), visit('C4', '2025-05-02'), visit('C4', '2025-05-28', false),
        cpPlan('P5', 'C5', '2025-01-06', '2025-05-31'),
      ),
    expected: '50.0%',
  },
};

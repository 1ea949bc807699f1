/**
 * Measure 10: children in need (on a CIN plan, not on a CP plan, not looked after) visited within 20 working
 * days of month end; as measure 6 otherwise.
 */
import { cinVisitClock } from '../../clocks/registry.js';
import { cinPlan, cpPlan, inputsOf, lookedAfter, visit } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { cinChildrenAt, cpChildrenAt, day, latestBetween, lookedAfterSet, overlapProblem, statusText, teamOf } from './common.js';

export const m10CinVisits20wd: MeasureDefinition = {
  id: 'm10-cin-visits-20wd',
  number: 10,
  title: 'Children in need visited within 20 working days',
  frequency: 'as at month end',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Children in Need',
  definition: {
    numerator:
      'Of the denominator, children whose most recent visit in which they were seen (on or after the CIN plan start and by month ' +
      'end), or else the plan start, is no more than 20 working days before month end.',
    denominator: 'Children with a CIN plan open at month end who are not on a CP plan and not looked after at month end.',
    inclusions: 'Visits of any kind in which the child was seen. Children on short breaks only (V3/V4), who are not counted as looked after.',
    exclusions: 'Children with a CP plan open at month end (measure 6) or looked after at month end (measure 11): listed, not counted.',
  },
  settings: ['cinVisitWorkingDays', 'calendar', 'shortBreakLegalStatuses'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    const limit = ctx.standards.cinVisitWorkingDays;
    const onCp = ctx.memo(`cp-set:${end}`, () => new Set(cpChildrenAt(ctx, end).map((c) => c.personId)));
    const lookedAfter = lookedAfterSet(ctx, end);
    for (const child of cinChildrenAt(ctx, end)) {
      const { plan } = child;
      const { records } = child;
      const base = { personId: child.personId, recordId: plan.id, teamId: () => teamOf(ctx, records, end, plan.teamId) };
      const elsewhere = onCp.has(child.personId) ? 'on a CP plan' : lookedAfter.has(child.personId) ? 'looked after' : null;
      if (elsewhere !== null) {
        yield drillRow(
          { personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: false, dates: { planStart: plan.startDate } },
          () => `${elsewhere} at month end: not counted here`,
        );
        continue;
      }
      const lastSeen = latestBetween(records.seenVisits, plan.startDate, end);
      const from = lastSeen ?? plan.startDate;
      const problem = overlapProblem(child, 'CIN', end);
      yield drillRow(
        {
          personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: ctx.calendar.workingDaysBetween(from, end) <= limit, inDenominator: true,
          dates: { planStart: plan.startDate, lastSeen, due: cinVisitClock.due(from, ctx.clock) },
          problem,
        },
        () =>
          `${lastSeen ? `last seen ${day(lastSeen, end)}` : `not seen since the plan started ${day(plan.startDate, end)}`}; ` +
          statusText(cinVisitClock.status(from, null, end, ctx.clock)),
      );
    }
  },
  example: {
    month: '2025-04',
    story:
      'Month end Wednesday 30 April 2025 (Good Friday and Easter Monday are bank holidays). C1 was seen on 1 April: the 20th working ' +
      'day after is 1 May, so in time. C2 was seen on 31 March: due 30 April, the month end: in time. C3 was last seen on 28 March: ' +
      'overdue. C4 also has a CP plan and C5 is looked after: both are left to their own measures.',
    inputs: () =>
      inputsOf(
        cinPlan('N1', 'C1', '2025-01-06'), visit('C1', '2025-04-01', true, 'CIN'),
        cinPlan('N2', 'C2', '2025-01-06'), visit('C2', '2025-03-31', true, 'CIN'),
        cinPlan('N3', 'C3', '2025-01-06'), visit('C3', '2025-03-28', true, 'CIN'),
        cinPlan('N4', 'C4', '2025-01-06'), cpPlan('P4', 'C4', '2025-04-10'),
        cinPlan('N5', 'C5', '2025-01-06'), lookedAfter('C5', 'L5', '2025-03-01'),
      ),
    expected: '66.7%',
  },
};

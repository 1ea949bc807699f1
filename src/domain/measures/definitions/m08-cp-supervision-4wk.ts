/**
 * Measure 8: children on CP plans with case supervision in the 28 days up to month end, or whose plan started
 * within them (settled detail 5: dated on or after month end − 28 days).
 */
import { cpSupervisionClock } from '../../clocks/registry.js';
import { cpPlan, inputsOf, supervision } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { cpChildrenAt, day, latestBetween, overlapProblem, statusText, teamOf } from './common.js';

export const m08CpSupervision4wk: MeasureDefinition = {
  id: 'm08-cp-supervision-4wk',
  number: 8,
  title: 'CP cases with case supervision in the last 4 weeks',
  frequency: 'as at month end',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Child Protection',
  definition: {
    numerator:
      'Of the denominator, children with a case supervision dated on or after month end − 28 days (and by month end), or whose plan ' +
      'started on or after that date.',
    denominator: 'Children with a CP plan open at month end.',
    inclusions: 'Case supervision records (type CS by default) for the child, whichever worker or plan they were recorded under.',
    exclusions: 'Management oversight records (unless configured as case supervision); supervision after month end.',
  },
  settings: ['cpSupervisionDays', 'caseSupervisionTypes'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    for (const child of cpChildrenAt(ctx, end)) {
      const { plan } = child;
      const { records } = child;
      const last = latestBetween(records.caseSupervisions, null, end);
      const from = last !== null && last > plan.startDate ? last : plan.startDate;
      const due = cpSupervisionClock.due(from, ctx.clock);
      const problem = overlapProblem(child, 'CP', end);
      yield drillRow(
        {
          personId: child.personId, recordId: plan.id, teamId: () => teamOf(ctx, records, end, plan.teamId),
          inNumerator: due >= end, inDenominator: true, dates: { planStart: plan.startDate, lastSupervision: last, due },
          problem,
        },
        () =>
          `${last ? `last case supervision ${day(last, end)}` : 'no case supervision recorded'}` +
          `${from === plan.startDate ? `, plan started ${day(plan.startDate, end)}` : ''}; ` +
          statusText(cpSupervisionClock.status(from, null, end, ctx.clock)),
      );
    }
  },
  example: {
    month: '2025-03',
    story:
      'Month end 31 March 2025, so the window starts on 3 March. C1 was supervised on 3 March: in. C2\'s last case supervision was ' +
      'on 2 March: out, and a management oversight record on 20 March does not count. C3\'s plan started on 10 March with no ' +
      'supervision yet: in.',
    inputs: () =>
      inputsOf(
        cpPlan('P1', 'C1', '2024-12-02'), supervision('C1', '2025-03-03'),
        cpPlan('P2', 'C2', '2024-12-02'), supervision('C2', '2025-03-02'), supervision('C2', '2025-03-20', 'MO'),
        cpPlan('P3', 'C3', '2025-03-10'),
      ),
    expected: '66.7%',
  },
};

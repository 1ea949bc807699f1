/** National: CP plans started in the 12 months to month end for children who had any earlier CP plan. */
import { cpPlan, inputsOf } from '../fixtures.js';
import { reportingPeriod } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { dated, rowsOfMonths, teamAt } from './common.js';

export const cpSecondPlans: MeasureDefinition = {
  id: 'cp-second-plans',
  number: null,
  title: 'Second or subsequent CP plans',
  frequency: 'rolling 12 months',
  better: 'low',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Child Protection',
  definition: {
    numerator: 'Of the denominator, plans for a child who had a CP plan that started before this one, at any time.',
    denominator: 'CP plans that started in the 12 calendar months ending with the month.',
    inclusions: 'Earlier plans however long ago (DfE counts any previous plan).',
    exclusions: 'A plan starting on the same date is not an earlier plan.',
  },
  settings: [],
  rows(ctx, month) {
    const period = reportingPeriod('rolling 12 months', month);
    return rowsOfMonths(ctx, 'cp-second-plans', period.months, (m) =>
      (ctx.events.cpPlanStarts.get(m) ?? []).map((plan) => {
        const first = ctx.person(plan.personId).cpPlans[0];
        const earlier = first !== undefined && first.startDate < plan.startDate ? first : null;
        return drillRow(
          {
            personId: plan.personId, recordId: plan.id, teamId: () => teamAt(ctx, plan.personId, plan.startDate, plan.teamId),
            inNumerator: earlier !== null, inDenominator: true, dates: { planStart: plan.startDate, firstPlanStart: earlier?.startDate ?? null },
          },
          () => `plan started ${dated(plan.startDate)}; ` + (earlier ? `earlier plan ${earlier.id} from ${dated(earlier.startDate)}` : 'first CP plan'),
        );
      }),
    );
  },
  example: {
    month: '2025-03',
    story:
      'Three CP plans started between April 2024 and March 2025. C1 had a plan in 2019: a second plan. C2\'s plan is the first. ' +
      'C3 had a plan that ended in May 2024 and a new one started in January 2025: the new one is subsequent, and the first, ' +
      'started in April 2023, is outside the 12 months.',
    inputs: () =>
      inputsOf(
        cpPlan('P1', 'C1', '2019-02-04', '2019-11-20'), cpPlan('P2', 'C1', '2024-06-03'),
        cpPlan('P3', 'C2', '2024-09-09'),
        cpPlan('P4', 'C3', '2023-04-03', '2024-05-13'), cpPlan('P5', 'C3', '2025-01-13'),
      ),
    expected: '66.7%',
  },
};

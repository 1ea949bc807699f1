/** National: CP plans open at month end that started 2 years or more before it. */
import { cpPlan, inputsOf } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, teamAt } from './common.js';
import { addMonths } from '../../time/london.js';

export const cpPlans2Years: MeasureDefinition = {
  id: 'cp-plans-2-years',
  number: null,
  title: 'CP plans lasting 2 years or more',
  frequency: 'as at month end',
  better: 'low',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Child Protection',
  definition: {
    numerator: 'Of the denominator, plans whose start date + 24 calendar months is on or before the month end.',
    denominator: 'CP plans open at month end.',
    inclusions: 'Every open plan.',
    exclusions: 'Plans ending on or before the month end day.',
    notes: 'A plan started on 31 March 2023 has lasted 2 years at the end of 31 March 2025.',
  },
  settings: [],
  *rows(ctx, month) {
    const end = monthEnd(month);
    for (const plan of ctx.open.cpPlans(end)) {
      const twoYears = addMonths(plan.startDate, 24);
      const long = twoYears <= end;
      yield drillRow(
        {
          personId: plan.personId, recordId: plan.id, teamId: () => teamAt(ctx, plan.personId, end, plan.teamId),
          inNumerator: long, inDenominator: true, dates: { planStart: plan.startDate, twoYears },
        },
        () => `plan started ${day(plan.startDate, end)}: ${long ? `2 years on ${day(twoYears, end)}` : `2 years on ${day(twoYears, end)}, not yet`}`,
      );
    }
  },
  example: {
    month: '2025-03',
    story:
      'At the end of March 2025 three plans are open: one started 31 March 2023 (exactly 2 years), one 1 April 2023 (a day short), ' +
      'and one in 2024.',
    inputs: () => inputsOf(cpPlan('P1', 'C1', '2023-03-31'), cpPlan('P2', 'C2', '2023-04-01'), cpPlan('P3', 'C3', '2024-08-05')),
    expected: '33.3%',
  },
};

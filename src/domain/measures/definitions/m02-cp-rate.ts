/** Measure 2: children on a child protection plan per 10,000 children, as at month end. */
import { cpPlan, inputsOf, population } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { cpChildrenAt, day, overlapProblem, teamOf } from './common.js';

export const m02CpRate: MeasureDefinition = {
  id: 'm02-cp-rate',
  number: 2,
  title: 'Children on a child protection plan per 10,000 children',
  frequency: 'as at month end',
  better: 'low',
  unit: 'rate per 10,000',
  decimals: 1,
  serviceArea: 'Front Door',
  definition: {
    numerator: 'Children with a CP plan open at the end of the month end day.',
    denominator: 'Population aged 0–17: the mid-year estimate for the most recent 30 June on or before the month end (settled detail 3).',
    inclusions: 'A plan is open if it started on or before the month end and has no end date or ends after it (so one starting on the month end counts).',
    exclusions: 'Plans ending on or before the month end day. A child with two open plans counts once.',
    notes: 'If the wanted year\'s estimate is not configured, the latest earlier one is used and the notes say so; with none, no data.',
  },
  settings: ['population'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    for (const child of cpChildrenAt(ctx, end)) {
      const { plan } = child;
      const problem = overlapProblem(child, 'CP', end);
      yield drillRow(
        {
          personId: child.personId, recordId: plan.id, teamId: () => teamOf(ctx, child.records, end, plan.teamId),
          inNumerator: true, inDenominator: false, dates: { planStart: plan.startDate }, problem,
        },
        () => `on a CP plan since ${day(plan.startDate, end)}`,
      );
    }
  },
  example: {
    month: '2025-03',
    story:
      'The authority has 2,000 children (mid-2024 estimate; mid-2023 was 1,900). At the end of 31 March 2025 three children are on ' +
      'CP plans: C1 since January, C2 since 31 March itself. C3\'s plan ended on 31 March, so it is not open; C4\'s plan started in ' +
      'April. C5 has been on a plan since 2024.',
    inputs: () =>
      inputsOf(
        population(2023, 1900),
        population(2024, 2000),
        cpPlan('P1', 'C1', '2025-01-06'),
        cpPlan('P2', 'C2', '2025-03-31'),
        cpPlan('P3', 'C3', '2024-10-01', '2025-03-31'),
        cpPlan('P4', 'C4', '2025-04-01'),
        cpPlan('P5', 'C5', '2024-06-20'),
      ),
    expected: '15.0',
  },
};

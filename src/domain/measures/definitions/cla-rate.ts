/** National: children looked after per 10,000 children, as at month end, excluding short breaks (V3/V4). */
import { inputsOf, lookedAfter, population } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, lookedAfterAt, teamOf } from './common.js';

export const claRate: MeasureDefinition = {
  id: 'cla-rate',
  number: null,
  title: 'Children looked after per 10,000 children',
  frequency: 'as at month end',
  better: 'low',
  unit: 'rate per 10,000',
  decimals: 1,
  serviceArea: 'Looked After Children',
  definition: {
    numerator: 'Children with a period of care open at month end whose legal status then is not a short-break one (V3/V4).',
    denominator: 'Population aged 0–17 (settled detail 3).',
    inclusions: 'Every other legal status, and children with no legal status recorded (a data-quality problem).',
    exclusions: 'Short breaks (V3/V4) at month end, listed but not counted; periods of care ending on or before the month end day.',
  },
  settings: ['population', 'shortBreakLegalStatuses'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    for (const child of lookedAfterAt(ctx, end)) {
      const status = child.legalStatus?.status ?? null;
      yield drillRow(
        {
          personId: child.personId, recordId: child.period.id, teamId: () => teamOf(ctx, child.records, end, null),
          inNumerator: !child.shortBreak, inDenominator: false, dates: { periodStart: child.period.startDate },
          problem: status === null ? 'no legal status recorded at month end' : undefined,
        },
        () =>
          `looked after since ${day(child.period.startDate, end)}` +
          (status === null ? ', no legal status recorded' : `, legal status ${status}`) +
          (child.shortBreak ? ': short breaks, not counted' : ''),
      );
    }
  },
  example: {
    month: '2025-03',
    story:
      'At the end of March 2025 three children are looked after: two on care orders and one accommodated under section 20 ' +
      '(V2) from 31 March itself. A fourth is on short breaks (V3) and is not counted. The population (mid-2024) is 6,000.',
    inputs: () =>
      inputsOf(
        population(2024, 6000),
        lookedAfter('C1', 'L1', '2023-05-02'), lookedAfter('C2', 'L2', '2024-11-18', { status: 'C1' }),
        lookedAfter('C3', 'L3', '2025-03-31', { status: 'V2' }), lookedAfter('C4', 'L4', '2024-09-01', { status: 'V3' }),
      ),
    expected: '5.0',
  },
};

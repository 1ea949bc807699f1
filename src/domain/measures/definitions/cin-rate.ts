/** National: children in need per 10,000 children, as at month end (an open referral, i.e. CIN episode). */
import { cpPlan, inputsOf, population, referral } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, teamAt } from './common.js';

export const cinRate: MeasureDefinition = {
  id: 'cin-rate',
  number: null,
  title: 'Children in need per 10,000 children',
  frequency: 'as at month end',
  better: 'low',
  unit: 'rate per 10,000',
  decimals: 1,
  serviceArea: 'Children in Need',
  definition: {
    numerator: 'Children with a CIN episode (referral) open at month end.',
    denominator: 'Population aged 0–17 (settled detail 3).',
    inclusions: 'Children on CP plans and looked after, as the CIN census counts them, provided their CIN episode is open.',
    exclusions: 'Referrals closed on or before the month end day. A child with two open referrals counts once.',
  },
  settings: ['population'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    let last: string | null = null;
    for (const r of ctx.open.referrals(end)) {
      if (r.personId === last) continue;
      last = r.personId;
      yield drillRow(
        {
          personId: r.personId, recordId: r.id, teamId: () => teamAt(ctx, r.personId, end, r.teamId), inNumerator: true, inDenominator: false,
          dates: { referral: r.date },
        },
        () => `CIN episode open since ${day(r.date, end)}`,
      );
    }
  },
  example: {
    month: '2025-07',
    story:
      'At the end of July 2025 two children have open CIN episodes (one of them also on a CP plan); a third episode closed on ' +
      '31 July. The month end is after 30 June 2025, so the mid-2025 estimate is wanted; only mid-2024 (4,000 children) is ' +
      'configured, so it is used and the notes say so.',
    inputs: () =>
      inputsOf(
        population(2024, 4000),
        referral('R1', 'C1', '2025-05-01'), referral('R2', 'C2', '2025-06-10'), cpPlan('P2', 'C2', '2025-07-01'),
        referral('R3', 'C3', '2025-02-01', '2025-07-31'),
      ),
    expected: '5.0',
  },
};

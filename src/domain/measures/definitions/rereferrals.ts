/**
 * National: re-referrals within 12 months (settled detail 15). A referral dated R is a re-referral if the same
 * child had a referral dated P with P < R ≤ P + 12 calendar months. Two referrals on the same date are not
 * re-referrals of each other.
 */
import { inputsOf, referral } from '../fixtures.js';
import { reportingPeriod } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { countBetween, dated, latestBefore, rowsOfMonths, teamAt } from './common.js';
import { addMonths } from '../../time/london.js';

export const rereferrals: MeasureDefinition = {
  id: 'rereferrals',
  number: null,
  title: 'Re-referrals within 12 months',
  frequency: 'rolling 12 months',
  better: 'low',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Front Door',
  definition: {
    numerator:
      'Of the denominator, referrals for a child who had a previous referral dated P with P < R ≤ P + 12 calendar months, where R is ' +
      'this referral\'s date.',
    denominator: 'Referrals dated in the 12 calendar months ending with the month.',
    inclusions: 'Previous referrals from any time, including before the 12 months (one in the preceding year can make a referral a re-referral).',
    exclusions: 'Another referral on the same date is not a previous referral.',
    notes: 'Calendar months: a referral on 29 February 2024 makes one up to 28 February 2025 a re-referral.',
  },
  settings: [],
  rows(ctx, month) {
    const period = reportingPeriod('rolling 12 months', month);
    return rowsOfMonths(ctx, 'rereferrals', period.months, (m) =>
      (ctx.events.referrals.get(m) ?? []).map((r) => {
        const dates = ctx.person(r.personId).referralDates;
        const previous = latestBefore(dates, r.date);
        const re = previous !== null && r.date <= addMonths(previous, 12);
        return drillRow(
          {
            personId: r.personId, recordId: r.id, teamId: () => teamAt(ctx, r.personId, r.date, r.teamId), inNumerator: re, inDenominator: true,
            dates: { referral: r.date, previousReferral: previous },
          },
          () => {
            const sameDay = countBetween(dates, r.date, r.date) > 1 ? ' (another referral on the same date does not count)' : '';
            if (previous === null) return `referral ${dated(r.date)}: no earlier referral${sameDay}`;
            return `referral ${dated(r.date)}; previous referral ${dated(previous)}: ` +
              `${re ? 'within 12 months, a re-referral' : 'more than 12 months before'}${sameDay}`;
          },
        );
      }),
    );
  },
  example: {
    month: '2025-03',
    story:
      'Referrals in the 12 months April 2024 to March 2025. C1 was referred on 15 March 2024 and again on 15 March 2025, exactly 12 ' +
      'months later: a re-referral. C2 was referred on 2 March 2024 and again on 3 March 2025, 12 months and 1 day later: ' +
      'not a re-referral. C3 was referred twice on 10 June 2024: neither is a re-referral of the other. C4 (29 February 2024, then ' +
      '28 February 2025): a re-referral.',
    inputs: () =>
      inputsOf(
        referral('R1', 'C1', '2024-03-15', '2024-04-01'), referral('R2', 'C1', '2025-03-15'),
        referral('R3', 'C2', '2024-03-02', '2024-05-01'), referral('R4', 'C2', '2025-03-03'),
        referral('R5', 'C3', '2024-06-10'), referral('R6', 'C3', '2024-06-10'),
        referral('R7', 'C4', '2024-02-29', '2024-03-20'), referral('R8', 'C4', '2025-02-28'),
      ),
    expected: '40.0%',
  },
};

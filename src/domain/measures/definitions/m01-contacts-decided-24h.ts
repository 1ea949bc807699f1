/**
 * Measure 1: contacts accepted as a referral within 24 hours.
 *
 * The month is the London date of the decision (settled detail 14). Hours are elapsed real time, so a clock
 * change makes a day 23 or 25 hours long. A decision recorded without a time is left out and listed as a
 * data-quality problem.
 */
import { londonDate } from '../../time/london.js';
import { contact, inputsOf } from '../fixtures.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, hoursText, instantText, when } from './common.js';

const HOUR_MS = 3_600_000;

export const m01ContactsDecided24h: MeasureDefinition = {
  id: 'm01-contacts-decided-24h',
  number: 1,
  title: 'Contacts accepted as a referral within 24 hours',
  frequency: 'monthly',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Front Door',
  definition: {
    numerator: 'Of the denominator, contacts whose decision was made no more than 24 hours (elapsed) after the contact was received.',
    denominator: 'Contacts whose decision to accept as a referral (outcome REF) was made in the month (London date of the decision).',
    inclusions: 'Every contact with outcome REF and a decision time in the month.',
    exclusions:
      'Other outcomes (no further action, advice, early help). Decisions recorded with a date but no time: left out and listed as ' +
      'data-quality problems. Contacts with no decision recorded.',
    notes:
      'Elapsed time between two instants: across the March clock change a calendar day is 23 hours, in October 25. A decision ' +
      'recorded before the contact was received is not within 24 hours and is a data-quality problem.',
  },
  settings: ['contactDecisionHours'],
  *rows(ctx, month) {
    const hours = ctx.standards.contactDecisionHours;
    for (const c of ctx.events.referralDecisions.get(month) ?? []) {
      const decided = c.decisionAt as number;
      if (!c.decisionHasTime) {
        yield drillRow(
          {
            personId: c.personId, recordId: c.id, teamId: null, inNumerator: false, inDenominator: false,
            dates: { received: instantText(c.receivedAt), decided: londonDate(decided) },
            problem: 'decision recorded without a time: left out of the measure',
          },
          () => `received ${when(c.receivedAt)}; decision dated ${day(londonDate(decided), londonDate(decided))} with no time: left out`,
        );
        continue;
      }
      const elapsed = decided - c.receivedAt;
      const within = elapsed >= 0 && elapsed <= hours * HOUR_MS;
      yield drillRow(
        {
          personId: c.personId, recordId: c.id, teamId: null, inNumerator: within, inDenominator: true,
          dates: { received: instantText(c.receivedAt), decided: instantText(decided) },
          problem: elapsed < 0 ? 'decision recorded before the contact was received' : undefined,
        },
        () => {
          const head = `received ${when(c.receivedAt)}, decided ${when(decided)}`;
          if (elapsed < 0) return `${head}: the decision is before the contact`;
          if (within) return `${head}: ${hoursText(elapsed)}, within ${hours} hours`;
          return `${head}: ${hoursText(elapsed)}, ${hoursText(elapsed - hours * HOUR_MS)} over ${hours} hours`;
        },
      );
    }
  },
  example: {
    month: '2025-03',
    story:
      'Four contacts were accepted as referrals in March 2025. K1 was decided exactly 24 hours after it arrived. K2 arrived on ' +
      'Friday afternoon and was decided on Monday morning. K3 arrived at 00:30 on Sunday 30 March, the night the clocks went ' +
      'forward, and was decided at 00:30 on Monday: 23 hours of elapsed time. K4\'s decision was recorded with a date only.',
    inputs: () =>
      inputsOf(
        contact('K1', 'C1', '2025-03-03 09:00', '2025-03-04 09:00'),
        contact('K2', 'C2', '2025-03-28 16:00', '2025-03-31 10:00'),
        contact('K3', 'C3', '2025-03-30 00:30', '2025-03-31 00:30'),
        contact('K4', 'C4', '2025-03-11 10:00', '2025-03-12'),
      ),
    expected: '66.7%',
  },
};

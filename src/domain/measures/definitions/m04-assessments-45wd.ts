/**
 * Measure 4: single assessments authorised within 45 working days, counted from the assessment start (DfE CIN
 * census) or, where the authority chooses, from the referral (Working Together). Settled detail 17: under the
 * referral option, an assessment without its referral stays in the denominator and is not within timescale.
 */
import { assessmentDeadline } from '../../clocks/schedules.js';
import { assessment, inputsOf, referral } from '../fixtures.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, plural, statusText, teamAt } from './common.js';

export const m04Assessments45wd: MeasureDefinition = {
  id: 'm04-assessments-45wd',
  number: 4,
  title: 'Assessments completed within 45 working days',
  frequency: 'monthly',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Single Assessment Service',
  definition: {
    numerator: 'Of the denominator, assessments authorised within 45 working days of the assessment start date (or the referral date, if so configured).',
    denominator: 'Single assessments authorised (completed) in the month.',
    inclusions:
      'Under the "from referral" option, assessments with no linked referral (not within timescale; data-quality problem).',
    exclusions: 'Assessments not yet authorised.',
    notes: 'The start is day 0. An assessment authorised before its start is not within timescale and is a data-quality problem.',
  },
  settings: ['assessmentFrom', 'calendar'],
  *rows(ctx, month) {
    const fromReferral = ctx.standards.assessmentFrom === 'referral';
    for (const a of ctx.events.assessmentsAuthorised.get(month) ?? []) {
      const authorised = a.authorisedDate as string;
      const linked = a.referralId === null ? undefined : ctx.referrals.get(a.referralId);
      const deadline = assessmentDeadline({ start: a.startDate, referral: linked?.date ?? null }, ctx.clock);
      const base = {
        personId: a.personId, recordId: a.id, teamId: () => teamAt(ctx, a.personId, authorised, linked?.teamId ?? null),
        dates: { referral: linked?.date ?? null, start: a.startDate, authorised },
      };
      if (deadline === null) {
        const problem = a.referralId === null ? 'no linked referral' : `linked referral ${a.referralId} not found`;
        yield drillRow(
          { personId: base.personId, recordId: base.recordId, teamId: base.teamId, dates: base.dates, inNumerator: false, inDenominator: true, problem },
          () => `authorised ${day(authorised, authorised)}; counting from the referral, but ${problem}: not within timescale`,
        );
        continue;
      }
      const before = authorised < deadline.start;
      const days = ctx.calendar.workingDaysBetween(deadline.start, authorised);
      const within = !before && days <= 45;
      yield drillRow(
        { personId: base.personId, recordId: base.recordId, teamId: base.teamId, dates: base.dates, inNumerator: within, inDenominator: true, problem: before ? `authorised before the ${fromReferral ? 'referral' : 'assessment start'}` : undefined },
        () => {
          const from = `${fromReferral ? 'referral' : 'started'} ${day(deadline.start, authorised)}`;
          if (before) return `${from}; authorised ${day(authorised, authorised)}, before it`;
          return `${from}; ${statusText(deadline.clock.status(deadline.start, authorised, authorised, ctx.clock))} (${plural(days, 'working day')})`;
        },
      );
    }
  },
  example: {
    month: '2025-01',
    story:
      'Two assessments were authorised in January 2025. A1 started on Monday 18 November 2024; with the Christmas and New Year bank ' +
      'holidays its 45th working day is Thursday 23 January, the day it was authorised: on time. A2 started on 11 November and was ' +
      'authorised on 17 January: 46 working days, one late. (Counting from the referral instead would change nothing here, since both ' +
      'assessments started on the day of their referral.)',
    inputs: () =>
      inputsOf(
        referral('R1', 'C1', '2024-11-18'), assessment('A1', 'C1', '2024-11-18', '2025-01-23', 'R1'),
        referral('R2', 'C2', '2024-11-11'), assessment('A2', 'C2', '2024-11-11', '2025-01-17', 'R2'),
      ),
    expected: '50.0%',
  },
};

/**
 * Measure 3: initial child protection conferences within 15 working days of the strategy discussion that
 * started the section 47 enquiry (DfE CIN census). Settled detail 17: an ICPC without a linked section 47
 * stays in the denominator, is not within timescale, and is a data-quality problem.
 */
import { icpcClock } from '../../clocks/registry.js';
import { icpc, inputsOf, s47, strategy } from '../fixtures.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, plural, statusText, teamAt } from './common.js';

export const m03Icpc15wd: MeasureDefinition = {
  id: 'm03-icpc-15wd',
  number: 3,
  title: 'Initial child protection conferences within 15 working days',
  frequency: 'monthly',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Child Protection',
  definition: {
    numerator:
      'Of the denominator, ICPCs held within 15 working days of the strategy discussion that started the linked section 47 enquiry ' +
      '(the strategy discussion is day 0; a weekend or bank-holiday start still counts from the next working day).',
    denominator: 'Initial child protection conferences held in the month.',
    inclusions: 'ICPCs with no linked section 47 enquiry (not within timescale; data-quality problem).',
    exclusions: 'Transfer-in conferences.',
    notes:
      'Where the section 47 enquiry has no linked strategy discussion, the clock runs from the section 47 start date and the row ' +
      'is a data-quality problem. An ICPC dated before its start is not within timescale.',
  },
  settings: ['calendar'],
  *rows(ctx, month) {
    for (const conf of ctx.events.icpcs.get(month) ?? []) {
      const base = { personId: conf.personId, recordId: conf.id, teamId: () => teamAt(ctx, conf.personId, conf.date, null) };
      if (conf.transferIn) {
        yield drillRow(
          { personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: false, dates: { icpc: conf.date } },
          () => `transfer-in conference on ${day(conf.date, conf.date)}: not timed`,
        );
        continue;
      }
      const enquiry = conf.s47Id === null ? undefined : ctx.s47s.get(conf.s47Id);
      if (!enquiry) {
        const problem = conf.s47Id === null ? 'no linked section 47 enquiry' : `linked section 47 enquiry ${conf.s47Id} not found`;
        yield drillRow(
          { personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: true, dates: { icpc: conf.date, strategy: null }, problem },
          () => `ICPC on ${day(conf.date, conf.date)}: ${problem}, so not within timescale`,
        );
        continue;
      }
      const discussion = enquiry.strategyId === null ? undefined : ctx.strategies.get(enquiry.strategyId);
      const start = discussion?.date ?? enquiry.startDate;
      const before = conf.date < start;
      const days = ctx.calendar.workingDaysBetween(start, conf.date);
      const within = !before && days <= 15;
      const problem = before
        ? 'ICPC dated before the strategy discussion'
        : discussion
          ? undefined
          : 'section 47 enquiry has no linked strategy discussion: timed from the section 47 start';
      yield drillRow(
        {
          personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: within, inDenominator: true,
          dates: { strategy: discussion?.date ?? null, s47Start: enquiry.startDate, icpc: conf.date },
          problem,
        },
        () => {
          const from = discussion ? `strategy discussion ${day(start, conf.date)}` : `section 47 started ${day(start, conf.date)}`;
          if (before) return `${from}; ICPC on ${day(conf.date, conf.date)} is before it`;
          const status = icpcClock.status(start, conf.date, conf.date, ctx.clock);
          return `${from}; ${statusText(status)} (${plural(days, 'working day')})`;
        },
      );
    }
  },
  example: {
    month: '2025-05',
    story:
      'Three ICPCs were held in May 2025. I1\'s strategy discussion was on Saturday 26 April; counting starts on Monday 28 April and ' +
      'the 15th working day is Monday 19 May (the 5 May bank holiday does not count): held that day, on time. I2 was held 16 working ' +
      'days after its strategy discussion. I3 has no linked section 47 enquiry. A transfer-in conference is not timed.',
    inputs: () =>
      inputsOf(
        strategy('S1', 'C1', '2025-04-26'), s47('E1', 'C1', '2025-04-28', 'S1'), icpc('I1', 'C1', '2025-05-19', 'E1'),
        strategy('S2', 'C2', '2025-04-30'), s47('E2', 'C2', '2025-04-30', 'S2'), icpc('I2', 'C2', '2025-05-23', 'E2'),
        icpc('I3', 'C3', '2025-05-12', null),
        icpc('I4', 'C4', '2025-05-14', null, true),
      ),
    expected: '33.3%',
  },
};

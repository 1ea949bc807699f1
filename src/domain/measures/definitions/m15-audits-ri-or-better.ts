/** Measure 15: case-file audits completed in the month whose final grade is Requires Improvement or better. */
import { codeLists } from '../../codes/code-lists.js';
import { audit, inputsOf } from '../fixtures.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, teamAt } from './common.js';

const GRADES: Readonly<Record<string, string>> = codeLists.auditGrade;

export const m15AuditsRiOrBetter: MeasureDefinition = {
  id: 'm15-audits-ri-or-better',
  number: 15,
  title: 'Case-file audits rated Requires Improvement or better',
  frequency: 'monthly',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Quality Assurance',
  definition: {
    numerator:
      'Of the denominator, audits whose final grade (the moderated grade where moderated, otherwise the auditor\'s grade) is ' +
      'Outstanding, Good or Requires Improvement.',
    denominator: 'Case-file audits completed in the month.',
    inclusions: 'Every audit dated in the month, including audits not linked to a child.',
    exclusions: 'None. An unrecognised grade counts in the denominator only and is a data-quality problem.',
  },
  settings: ['auditGradesRiOrBetter'],
  *rows(ctx, month) {
    const pass = new Set(ctx.settings.auditGradesRiOrBetter);
    for (const a of ctx.events.audits.get(month) ?? []) {
      const final = a.moderatedGrade ?? a.grade;
      const known = Object.hasOwn(GRADES, final);
      yield drillRow(
        {
          personId: a.personId, recordId: a.id, teamId: a.personId === null ? null : () => teamAt(ctx, a.personId as string, a.date, null),
          inNumerator: pass.has(final), inDenominator: true, dates: { audit: a.date },
          problem: known ? undefined : `unrecognised audit grade ${final}`,
        },
        () => {
          const label = (g: string) => GRADES[g] ?? g;
          const graded = a.moderatedGrade !== null && a.moderatedGrade !== a.grade
            ? `graded ${label(a.grade)}, moderated to ${label(a.moderatedGrade)}`
            : `graded ${label(final)}`;
          return `audited ${day(a.date, a.date)}, ${graded}: ${pass.has(final) ? 'Requires Improvement or better' : 'below Requires Improvement'}`;
        },
      );
    }
  },
  example: {
    month: '2025-03',
    story:
      'Four audits were completed in March 2025: one Good, one Requires Improvement, one Inadequate, and one graded Good by the ' +
      'auditor but moderated down to Inadequate.',
    inputs: () =>
      inputsOf(
        audit('A1', 'C1', '2025-03-04', 'G'),
        audit('A2', 'C2', '2025-03-11', 'RI'),
        audit('A3', 'C3', '2025-03-18', 'I'),
        audit('A4', 'C4', '2025-03-25', 'G', 'I'),
      ),
    expected: '50.0%',
  },
};

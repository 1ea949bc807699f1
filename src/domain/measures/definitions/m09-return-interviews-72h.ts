/**
 * Measure 9: return home interviews within 72 hours of the child's return, of those accepted, with the offered,
 * accepted and completed counts beside it (the seed report: 58 offered, 33 accepted, 20 within 72 hours = 60.6%).
 */
import { percentText } from '../arithmetic.js';
import { inputsOf, missing, times } from '../fixtures.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { hoursText, instantText, teamAt, when } from './common.js';

const HOUR_MS = 3_600_000;
const pad = (i: number) => String(i).padStart(2, '0');

export const m09ReturnInterviews72h: MeasureDefinition = {
  id: 'm09-return-interviews-72h',
  number: 9,
  title: 'Return home interviews within 72 hours',
  frequency: 'monthly',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Missing Children',
  definition: {
    numerator: 'Of the denominator, episodes whose return home interview was held no more than 72 hours (elapsed) after the return.',
    denominator: 'Missing episodes that ended (the child returned) in the month, London date, for which a return home interview was accepted.',
    inclusions:
      'An interview recorded as held counts as accepted, and an accepted one as offered, even if the offer or acceptance was not ' +
      'recorded (each listed as a data-quality problem).',
    exclusions: 'Episodes where no interview was accepted (they count in "offered" or "not offered" beside the figure); children still missing.',
    notes:
      'Reported beside it: returned (episodes ended in the month), offered, not offered, accepted, held (at any time) and held within ' +
      '72 hours. Hours are elapsed time across clock changes. An interview recorded before the return is not within 72 hours.',
  },
  settings: ['returnInterviewHours'],
  *rows(ctx, month) {
    const hours = ctx.standards.returnInterviewHours;
    for (const m of ctx.events.returns.get(month) ?? []) {
      const returned = m.endAt as number;
      const held = m.rhiCompletedAt;
      const accepted = m.rhiAccepted || held !== null;
      const offered = m.rhiOffered || accepted;
      const elapsed = held === null ? null : held - returned;
      const within = accepted && elapsed !== null && elapsed >= 0 && elapsed <= hours * HOUR_MS;
      const problems: string[] = [];
      if (held !== null && !m.rhiAccepted) problems.push('interview held but not recorded as accepted');
      if (m.rhiAccepted && !m.rhiOffered) problems.push('interview accepted but not recorded as offered');
      if (elapsed !== null && elapsed < 0) problems.push('interview recorded before the return');
      const returnDate = instantText(returned).slice(0, 10);
      yield drillRow(
        {
          personId: m.personId, recordId: m.id, teamId: () => teamAt(ctx, m.personId, returnDate, null),
          inNumerator: within, inDenominator: accepted,
          dates: { returned: instantText(returned), interview: held === null ? null : instantText(held) },
          counts: {
            returned: 1, offered: offered ? 1 : 0, notOffered: offered ? 0 : 1, accepted: accepted ? 1 : 0,
            held: held === null ? 0 : 1, heldWithin: within ? 1 : 0,
          },
          problem: problems.length > 0 ? problems.join('; ') : undefined,
        },
        () => {
          const head = `returned ${when(returned)}`;
          if (!offered) return `${head}; no interview offered`;
          if (!accepted) return `${head}; interview offered, not accepted`;
          if (held === null || elapsed === null) {
            return `${head}; interview accepted, not held (due by ${when(returned + hours * HOUR_MS)})`;
          }
          if (elapsed < 0) return `${head}; interview recorded ${when(held)}, before the return`;
          const after = `interview ${when(held)}, ${hoursText(elapsed)} after`;
          return `${head}; ${after}: ${within ? `within ${hours} hours` : `over ${hours} hours`}`;
        },
      );
    }
  },
  extras: (totals) => {
    const share = percentText((totals.heldWithin ?? 0) * 1000, (totals.accepted ?? 0) * 1000);
    return {
      returned: totals.returned ?? 0,
      offered: totals.offered ?? 0,
      notOffered: totals.notOffered ?? 0,
      accepted: totals.accepted ?? 0,
      held: totals.held ?? 0,
      heldWithin72Hours: totals.heldWithin ?? 0,
      summary: `${totals.offered ?? 0} offered, ${totals.accepted ?? 0} accepted, ${totals.heldWithin ?? 0} within 72 hours = ${share.text}`,
    };
  },
  example: {
    month: '2018-12',
    story:
      'December 2018 as in the seed report: 66 children returned from missing episodes. 8 were not offered an interview and 58 ' +
      'were; 25 declined and 33 accepted. Of the 33, 20 were interviewed within 72 hours, 5 later, and 8 not at all.',
    inputs: () =>
      inputsOf(
        times(20, (i) => missing(`M${pad(i)}`, `C${pad(i)}`, '2018-12-03 18:00', { offered: true, accepted: true, held: '2018-12-05 10:00' })),
        times(5, (i) => missing(`M${pad(20 + i)}`, `C${pad(20 + i)}`, '2018-12-10 18:00', { offered: true, accepted: true, held: '2018-12-14 10:00' })),
        times(8, (i) => missing(`M${pad(25 + i)}`, `C${pad(25 + i)}`, '2018-12-12 09:00', { offered: true, accepted: true })),
        times(25, (i) => missing(`M${pad(33 + i)}`, `C${pad(33 + i)}`, '2018-12-17 21:00', { offered: true })),
        times(8, (i) => missing(`M${pad(58 + i)}`, `C${pad(58 + i)}`, '2018-12-20 23:30')),
      ),
    expected: '60.6%',
  },
};

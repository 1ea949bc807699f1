/**
 * Measure 11: looked-after children whose next statutory visit (reg 28) is not overdue at month end (settled
 * detail 10): within 7 days of the current placement's start, then every 6 weeks, or every 3 months after the
 * first anniversary of a long-term placement.
 */
import { nextClaVisit } from '../../clocks/schedules.js';
import { openAt } from '../context.js';
import { inputsOf, lookedAfter, visit } from '../fixtures.js';
import type { PlacementInput } from '../inputs.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, latestBetween, lookedAfterAt, statusText, teamOf } from './common.js';

export const m11ClaVisits: MeasureDefinition = {
  id: 'm11-cla-visits',
  number: 11,
  title: 'Looked-after children visited within statutory timescales',
  frequency: 'as at month end',
  better: 'high',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Looked After Children',
  definition: {
    numerator:
      'Of the denominator, children whose next visit (child seen) is due on or after month end. The current placement is the ' +
      'latest-starting placement open at month end. First visit within 7 days of its start (a visit on the start day counts; ' +
      'visits before it do not); after each visit, the next within 6 weeks, or within 3 months if that visit was on or after the ' +
      'first anniversary of a long-term placement.',
    denominator: 'Children looked after at month end (a period of care open), excluding short-break legal statuses (V3/V4) at month end.',
    inclusions: 'A looked-after child with no open placement (not compliant). Visits of any kind in which the child was seen.',
    exclusions: 'Children whose legal status at month end is V3 or V4 (listed, not counted).',
    notes:
      'The regulation\'s special cases (for example weekly visits for placements with parents before assessment) are a later ' +
      'refinement. A child with no legal status recorded at month end is counted and listed as a data-quality problem.',
  },
  settings: ['shortBreakLegalStatuses'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    for (const child of lookedAfterAt(ctx, end)) {
      const { period, legalStatus } = child;
      const { records } = child;
      const base = { personId: child.personId, recordId: period.id, teamId: () => teamOf(ctx, records, end, null) };
      if (child.shortBreak) {
        yield drillRow(
          { personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: false, dates: { periodStart: period.startDate } },
          () => `short breaks (${legalStatus?.status}) at month end: not counted`,
        );
        continue;
      }
      const problems: string[] = [];
      if (legalStatus === null) problems.push('no legal status recorded at month end');
      if (child.overlapping.length > 0) problems.push(`more than one period of care open: ${[...child.overlapping.map((p) => p.id), period.id].join(', ')}`);
      const problem = problems.length > 0 ? problems.join('; ') : undefined;
      const placements = records.placements;
      let current: PlacementInput | null = null;
      for (let i = placements.length - 1; i >= 0 && current === null; i--) {
        const p = placements[i] as PlacementInput;
        if (openAt(p.startDate, p.endDate, end)) current = p;
      }
      if (current === null) {
        yield drillRow(
          { personId: base.personId, recordId: base.recordId, teamId: base.teamId, inNumerator: false, inDenominator: true, dates: { periodStart: period.startDate, placementStart: null }, problem },
          () => 'no placement open at month end: not compliant',
        );
        continue;
      }
      const placement = current;
      const lastSeen = latestBetween(records.seenVisits, placement.startDate, end);
      const deadline = nextClaVisit({ start: placement.startDate, longTerm: placement.longTerm }, lastSeen === null ? [] : [lastSeen], ctx.clock);
      yield drillRow(
        {
          personId: base.personId, recordId: placement.id, teamId: base.teamId, inNumerator: deadline.due >= end, inDenominator: true,
          dates: { periodStart: period.startDate, placementStart: placement.startDate, lastSeen, due: deadline.due },
          problem,
        },
        () =>
          `placement${placement.longTerm ? ' (long-term)' : ''} from ${day(placement.startDate, end)}; ` +
          `${lastSeen ? `last seen ${day(lastSeen, end)}` : 'not seen in this placement'}; ` +
          statusText(deadline.clock.status(deadline.start, null, end, ctx.clock)),
      );
    }
  },
  example: {
    month: '2025-03',
    story:
      'At the end of March 2025: C1 moved to a new placement on 26 March and has not been seen there yet: due 2 April, in time. ' +
      'C2\'s placement began on 10 March and C2 was last seen on 5 March, before it: the first visit was due on 17 March, overdue. ' +
      'C3 has been in a long-term placement since January 2023 and was seen on 10 January 2025, after its first anniversary: next ' +
      'due 10 April, in time. C4, in a placement that is not long-term, was seen on the same day: due 21 February, overdue. C5 is ' +
      'on short breaks (V3) and is not counted.',
    inputs: () =>
      inputsOf(
        lookedAfter('C1', 'L1', '2024-06-03', { placement: { start: '2025-03-26' } }),
        lookedAfter('C2', 'L2', '2025-03-10'), visit('C2', '2025-03-05', true, 'CLA'),
        lookedAfter('C3', 'L3', '2023-01-09', { placement: { longTerm: true } }), visit('C3', '2025-01-10', true, 'CLA'),
        lookedAfter('C4', 'L4', '2023-01-09'), visit('C4', '2025-01-10', true, 'CLA'),
        lookedAfter('C5', 'L5', '2024-09-01', { status: 'V3' }),
      ),
    expected: '50.0%',
  },
};

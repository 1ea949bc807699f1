/**
 * Measure 5: children with an open episode and no case-holding worker for more than 5 working days at month
 * end (settled details 6 and 7).
 */
import { allocation, cinPlan, cpPlan, inputsOf, lookedAfter, referral, staffed } from '../fixtures.js';
import type { MeasureContext } from '../context.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, plural, teamAt } from './common.js';
import { allocationStateAt, endedText, workerName } from './workforce.js';

interface OpenEpisode {
  personId: string;
  /** Earliest start among the child's open episodes. */
  start: string;
  /** What that episode is, in words. */
  what: string;
  recordId: string;
  teamId: string | null;
}

/** Each child with an open referral, CIN plan, CP plan or period of care (any legal status) at the end of a day. */
export function openEpisodesAt(ctx: MeasureContext, date: string): OpenEpisode[] {
  return ctx.memo(`open-episodes:${date}`, () => {
    const byPerson = new Map<string, OpenEpisode>();
    const add = (personId: string, start: string, what: string, recordId: string, teamId: string | null) => {
      const known = byPerson.get(personId);
      if (!known) byPerson.set(personId, { personId, start, what, recordId, teamId });
      else {
        if (start < known.start) Object.assign(known, { start, what, recordId });
        known.teamId ??= teamId;
      }
    };
    for (const r of ctx.open.referrals(date)) add(r.personId, r.date, 'referral', r.id, r.teamId);
    for (const p of ctx.open.cinPlans(date)) add(p.personId, p.startDate, 'CIN plan', p.id, p.teamId);
    for (const p of ctx.open.cpPlans(date)) add(p.personId, p.startDate, 'CP plan', p.id, p.teamId);
    for (const p of ctx.open.periods(date)) add(p.personId, p.startDate, 'period of care', p.id, null);
    return [...byPerson.values()].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  });
}

export const m05Unallocated5wd: MeasureDefinition = {
  id: 'm05-unallocated-5wd',
  number: 5,
  title: 'Children unallocated for more than 5 working days',
  frequency: 'as at month end',
  better: 'low',
  unit: 'count',
  decimals: 0,
  serviceArea: 'Children in Need',
  definition: {
    numerator:
      'Children in the denominator with no case-holding allocation at month end whose unallocated spell is more than 5 working days ' +
      'at month end. The spell starts at the later of the earliest start among the child\'s open episodes and the end of the ' +
      'child\'s last case-holding allocation.',
    denominator:
      'Children with an open episode at month end: an open referral (CIN episode), CIN plan, CP plan or period of care (any legal status). ' +
      'The figure is the numerator, a count; the denominator is shown for context.',
    inclusions:
      'A child whose case-holding worker is on long-term absence is allocated. An allocation whose worker has left the authority ' +
      'is not an allocation: the spell starts on the leaving date.',
    exclusions:
      'Co-workers, personal advisers (unless configured) and other non-case-holding roles; allocations to workers whose post is not ' +
      'case-holding.',
    notes:
      'A worker with no post recorded at month end counts by the allocation\'s role alone (a data-quality problem). Reported beside it: ' +
      'all unallocated children, and those unallocated for 5 working days or fewer.',
  },
  settings: ['allocationWorkingDays', 'caseHoldingRoles', 'personalAdvisersCaseHolding', 'calendar'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    const limit = ctx.standards.allocationWorkingDays;
    for (const episode of openEpisodesAt(ctx, end)) {
      const state = allocationStateAt(ctx, episode.personId, end);
      const ignored = state.ignored.length > 0 ? `; ${state.ignored.join('; ')}` : '';
      if (state.allocated) {
        const a = state.allocation;
        yield drillRow(
          {
            personId: episode.personId, recordId: episode.recordId, teamId: a.teamId ?? teamAt(ctx, episode.personId, end, episode.teamId),
            inNumerator: false, inDenominator: true, dates: { episodeStart: episode.start, allocatedFrom: a.startDate },
            ...(state.noPost ? { problem: `${workerName(ctx, a.workerId)} holds no post at month end: counted by role alone` } : {}),
          },
          () =>
            `allocated to ${workerName(ctx, a.workerId)} since ${day(a.startDate, end)}` +
            (state.absence ? ` (on long-term absence since ${day(state.absence.startDate, end)}: still allocated)` : '') + ignored,
        );
        continue;
      }
      const fromAllocation = state.lastEnd !== null && state.lastEnd > episode.start;
      const spellStart = fromAllocation ? (state.lastEnd as string) : episode.start;
      const days = ctx.calendar.workingDaysBetween(spellStart, end);
      yield drillRow(
        {
          personId: episode.personId, recordId: episode.recordId, teamId: episode.teamId,
          inNumerator: days > limit, inDenominator: true,
          dates: { episodeStart: episode.start, lastAllocationEnd: state.lastEnd, spellStart },
          counts: { unallocated: 1, unallocatedWithinStandard: days > limit ? 0 : 1 },
        },
        () => {
          const since = fromAllocation ? endedText(ctx, state, end) : `${episode.what} opened ${day(episode.start, end)}`;
          return `no case-holding worker since ${day(spellStart, end)} (${since}): ${plural(days, 'working day')} at month end` + ignored;
        },
      );
    }
  },
  extras: (totals) => ({
    unallocated: totals.unallocated ?? 0,
    unallocatedWithinStandard: totals.unallocatedWithinStandard ?? 0,
  }),
  example: {
    month: '2025-03',
    story:
      'At the end of 31 March 2025 (a Monday) five children have open episodes. C1\'s worker Ann is allocated. C2\'s allocation to ' +
      'Ben ended on Friday 21 March: 6 working days. C3\'s referral opened on 25 March: 4 working days. C4\'s worker Cat left the ' +
      'authority on 14 March, though the allocation was never ended: 11 working days. C5 has been looked after since February ' +
      'and has only a co-worker.',
    inputs: () =>
      inputsOf(
        staffed('W1', 'Ann', 'T1'), staffed('W2', 'Ben', 'T1'), staffed('W3', 'Cat', 'T2', 1, { leftOn: '2025-03-14' }),
        cpPlan('P1', 'C1', '2025-01-10'), allocation('C1', 'W1', '2025-01-10'),
        cinPlan('N2', 'C2', '2025-02-03'), allocation('C2', 'W2', '2025-02-03', '2025-03-21'),
        referral('R3', 'C3', '2025-03-25'),
        referral('R4', 'C4', '2025-01-06'), allocation('C4', 'W3', '2025-01-07'),
        lookedAfter('C5', 'L5', '2025-02-10'), allocation('C5', 'W1', '2025-02-10', null, 'CO'),
      ),
    expected: '3',
  },
};

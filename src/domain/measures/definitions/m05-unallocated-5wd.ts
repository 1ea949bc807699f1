/**
 * Measure 5: children with an open episode and no case-holding worker for more than 5 working days at month
 * end (settled details 6 and 7).
 */
import { allocation, cinPlan, cpPlan, inputsOf, lookedAfter, referral, staffed } from '../fixtures.js';
import type { MeasureContext, PeriodOfCare, PersonRecords } from '../context.js';
import type { PlanInput, ReferralInput } from '../inputs.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, plural, teamOf } from './common.js';
import { allocationStateAt, endedText, workerStatesAt } from './workforce.js';

interface OpenEpisode {
  personId: string;
  /** Earliest start among the child's open episodes. */
  start: string;
  /** What that episode is, in words. */
  what: string;
  recordId: string;
  teamId: string | null;
  records: PersonRecords;
}

/** Adds one open record of a child to the child's episode (made from it when it is the child's first). */
function withRecord(
  ctx: MeasureContext, episode: OpenEpisode | null, personId: string, start: string, what: string, recordId: string, team: string | null,
): OpenEpisode {
  if (episode === null) return { personId, start, what, recordId, teamId: team, records: ctx.person(personId) };
  if (start < episode.start) {
    episode.start = start;
    episode.what = what;
    episode.recordId = recordId;
  }
  if (episode.teamId === null) episode.teamId = team;
  return episode;
}

/**
 * Each child with an open referral, CIN plan, CP plan or period of care (any legal status) at the end of a day,
 * in person order: a merge of the four open lists, which are already in person order. For each child the
 * referrals are taken first, then CIN plans, CP plans and periods of care, each list in its order.
 */
export function openEpisodesAt(ctx: MeasureContext, date: string): OpenEpisode[] {
  return ctx.memo(`open-episodes:${date}`, () => {
    const referrals: readonly ReferralInput[] = ctx.open.referrals(date);
    const cinPlans: readonly PlanInput[] = ctx.open.cinPlans(date);
    const cpPlans: readonly PlanInput[] = ctx.open.cpPlans(date);
    const periods: readonly PeriodOfCare[] = ctx.open.periods(date);
    let r = 0;
    let n = 0;
    let c = 0;
    let p = 0;
    const out: OpenEpisode[] = [];
    for (;;) {
      let next: string | null = null;
      if (r < referrals.length) next = (referrals[r] as ReferralInput).personId;
      if (n < cinPlans.length && (next === null || (cinPlans[n] as PlanInput).personId < next)) next = (cinPlans[n] as PlanInput).personId;
      if (c < cpPlans.length && (next === null || (cpPlans[c] as PlanInput).personId < next)) next = (cpPlans[c] as PlanInput).personId;
      if (p < periods.length && (next === null || (periods[p] as PeriodOfCare).personId < next)) next = (periods[p] as PeriodOfCare).personId;
      if (next === null) return out;
      let episode: OpenEpisode | null = null;
      for (; r < referrals.length && (referrals[r] as ReferralInput).personId === next; r++) {
        const item = referrals[r] as ReferralInput;
        episode = withRecord(ctx, episode, next, item.date, 'referral', item.id, item.teamId);
      }
      for (; n < cinPlans.length && (cinPlans[n] as PlanInput).personId === next; n++) {
        const item = cinPlans[n] as PlanInput;
        episode = withRecord(ctx, episode, next, item.startDate, 'CIN plan', item.id, item.teamId);
      }
      for (; c < cpPlans.length && (cpPlans[c] as PlanInput).personId === next; c++) {
        const item = cpPlans[c] as PlanInput;
        episode = withRecord(ctx, episode, next, item.startDate, 'CP plan', item.id, item.teamId);
      }
      for (; p < periods.length && (periods[p] as PeriodOfCare).personId === next; p++) {
        const item = periods[p] as PeriodOfCare;
        episode = withRecord(ctx, episode, next, item.startDate, 'period of care', item.id, null);
      }
      out.push(episode as OpenEpisode);
    }
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
      'Children in the denominator whose unallocated spell is more than 5 working days at month end. The spell starts at the later ' +
      'of the earliest start among the child\'s open episodes and the end of the child\'s last case-holding allocation. The figure ' +
      'is this count.',
    denominator:
      'Children with an open episode at month end (an open referral, i.e. CIN episode, CIN plan, CP plan or period of care of any ' +
      'legal status) and no case-holding allocation at month end: all unallocated children, shown beside the count.',
    inclusions:
      'A child whose case-holding worker is on long-term absence is allocated. An allocation whose worker has left the authority ' +
      'is not an allocation: the spell starts on the leaving date.',
    exclusions:
      'Co-workers, personal advisers (unless configured) and other non-case-holding roles; allocations to workers whose post is not ' +
      'case-holding.',
    notes:
      'A worker with no post recorded at month end counts by the allocation\'s role alone (the child is listed as a data-quality ' +
      'problem). Reported beside it: the children with an open episode (no data when there are none), all unallocated children, and ' +
      'those unallocated for 5 working days or fewer. Allocated children are not listed.',
  },
  settings: ['allocationWorkingDays', 'caseHoldingRoles', 'personalAdvisersCaseHolding', 'calendar'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    const limit = ctx.standards.allocationWorkingDays;
    const workers = workerStatesAt(ctx, end);
    for (const episode of openEpisodesAt(ctx, end)) {
      const { records } = episode;
      const state = allocationStateAt(ctx, records, end, workers);
      const ignored = state.ignored.length > 0 ? `; ${state.ignored.join('; ')}` : '';
      if (state.allocated) {
        const { allocation: a, worker } = state;
        if (worker.posts.length > 0) continue; // allocated: not listed
        yield drillRow(
          {
            personId: episode.personId, recordId: episode.recordId, teamId: () => a.teamId ?? teamOf(ctx, records, end, episode.teamId),
            inNumerator: false, inDenominator: false, dates: { episodeStart: episode.start, allocatedFrom: a.startDate },
            problem: `${worker.name} holds no post at month end: counted by role alone`,
          },
          () =>
            `allocated to ${worker.name} since ${day(a.startDate, end)}` +
            (worker.absence ? ` (on long-term absence since ${day(worker.absence.startDate, end)}: still allocated)` : '') + ignored,
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
  scope: (ctx, month) => ({ count: openEpisodesAt(ctx, monthEnd(month)).length, description: 'Children with an open episode at month end' }),
  extras: (totals) => ({
    unallocated: totals.unallocated ?? 0,
    unallocatedWithinStandard: totals.unallocatedWithinStandard ?? 0,
  }),
  example: {
    month: '2025-03',
    story:
      'At the end of 31 March 2025 (a Monday) five children have open episodes. C1\'s worker Ann is allocated, so C1 is not listed. ' +
      'C2\'s allocation to ' +
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

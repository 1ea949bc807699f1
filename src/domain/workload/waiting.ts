/**
 * Children waiting: for a case-holding worker (unallocated), and for a step down to early help or a step up to
 * children's social care. Waits are counted in working days (the date the wait began is day 0), and the
 * allocation wait is timed by the allocation clock (local standard, default 5 working days), as measure 5
 * counts it. Pure: no I/O.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import type { ClockContext, DayClockStatus } from '../clocks/clock.js';
import { allocationClock } from '../clocks/registry.js';

export interface AllocationFacts {
  personId: string;
  /** The child's open episodes: referral (CIN episode), CIN plan, CP plan, period of care. */
  episodes: readonly { what: string; id: string; start: string }[];
  /** The child's case-holding allocations, with the date the worker left the authority (if they have). */
  allocations: readonly { start: string; end: string | null; workerLeft: string | null }[];
}

export interface UnallocatedSpell {
  personId: string;
  /** The day the child needed a case-holding worker: the later of the earliest open episode's start and the end of the last allocation. */
  since: string;
  /** Why: "referral opened" or "allocation ended". */
  because: string;
  /** The episode that needs the worker. */
  episode: { what: string; id: string; start: string };
  /** Working days waited since then (today counts, `since` is day 0). */
  workingDays: number;
  /** The allocation clock as at today: overdue once the standard has passed. */
  clock: DayClockStatus;
}

/**
 * The child's unallocated spell as at today, or null when they have a case-holding worker (an allocation open
 * today to a worker who has not left) or no open episode. An allocation to a worker who has left ends on the
 * leaving date.
 */
export function unallocatedSpell(f: AllocationFacts, today: string, ctx: ClockContext & { calendar: WorkingCalendar }): UnallocatedSpell | null {
  const episodes = f.episodes.filter((e) => e.start <= today);
  if (episodes.length === 0) return null;
  let lastEnd: string | null = null;
  for (const a of f.allocations) {
    if (a.start > today) continue;
    const ends = [a.end, a.workerLeft].filter((d): d is string => d !== null).sort();
    const end = ends[0] ?? null;
    if (end === null || end > today) return null;
    if (lastEnd === null || end > lastEnd) lastEnd = end;
  }
  const first = episodes.reduce((m, e) => (e.start < m.start ? e : m));
  const afterAllocation = lastEnd !== null && lastEnd > first.start;
  const since = afterAllocation ? (lastEnd as string) : first.start;
  return {
    personId: f.personId,
    since,
    because: afterAllocation ? 'the last allocation ended' : `the ${first.what} started`,
    episode: first,
    workingDays: ctx.calendar.workingDaysBetween(since, today),
    clock: allocationClock.status(since, null, today, ctx),
  };
}

export interface EarlyHelpStep {
  id: string;
  personId: string;
  start: string;
  end: string | null;
  stepDownRequested: string | null;
  stepUpRequested: string | null;
  stepUpContactId: string | null;
  /** Whether an early help worker is named on the episode or allocated to the child. */
  hasEarlyHelpWorker: boolean;
}

export interface StepWaiting {
  id: string;
  personId: string;
  direction: 'step-down' | 'step-up';
  requested: string;
  /** Working days since the request (the request date is day 0). */
  workingDays: number;
  /** What is missing, in plain English. */
  waitingFor: string;
}

/**
 * Step-downs and step-ups still waiting as at today, worst first:
 * - a step down to early help is waiting until the episode has started and has an early help worker;
 * - a step up to children's social care is waiting until the contact at the front door is recorded.
 */
export function stepsWaiting(episodes: readonly EarlyHelpStep[], today: string, calendar: WorkingCalendar): StepWaiting[] {
  const out: StepWaiting[] = [];
  for (const e of episodes) {
    if (e.stepDownRequested !== null && e.stepDownRequested <= today && (e.end === null || e.end > today) && (e.start > today || !e.hasEarlyHelpWorker)) {
      out.push({
        id: e.id, personId: e.personId, direction: 'step-down', requested: e.stepDownRequested,
        workingDays: calendar.workingDaysBetween(e.stepDownRequested, today),
        waitingFor: e.start > today ? 'Early help has not started yet' : 'No early help worker yet',
      });
    }
    if (e.stepUpRequested !== null && e.stepUpRequested <= today && e.stepUpContactId === null) {
      out.push({
        id: e.id, personId: e.personId, direction: 'step-up', requested: e.stepUpRequested,
        workingDays: calendar.workingDaysBetween(e.stepUpRequested, today),
        waitingFor: 'No contact recorded at the front door yet',
      });
    }
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  // Ties (the same day asked for) by child and episode, so the order does not depend on how the rows were read.
  return out.sort((a, b) => b.workingDays - a.workingDays || cmp(a.requested, b.requested) || cmp(a.personId, b.personId) || cmp(a.id, b.id)
    || cmp(a.direction, b.direction));
}

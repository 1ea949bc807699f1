/**
 * Which visit clock applies to a child's plan, and when the next visit is due: CP visits every 10 working
 * days and CIN visits every 20 (the authority's local standards), counted from the plan start or the last
 * visit in which the child was seen (`nextRecurring`). A visit where the child was not seen does not stop
 * the clock.
 */
import { cinVisitClock, cpVisitClock, describeStatus, nextRecurring, type ClockContext, type DayClock, type DayClockStatus } from '../clocks/index.js';
import { longDate } from '../time/london.js';

export type PlanKind = 'CP' | 'CIN';

export function visitClockFor(kind: PlanKind): DayClock {
  return kind === 'CP' ? cpVisitClock : cinVisitClock;
}

export interface NextVisit {
  clock: DayClock;
  /** The local standard, e.g. 10 (working days). */
  every: number;
  /** The date the clock runs from: the plan start or the last visit in which the child was seen. */
  from: string;
  /** Whether `from` is a visit (true) or the plan start (false). */
  fromVisit: boolean;
  due: string;
  dueText: string;
  status: DayClockStatus;
  /** "Visit due 4 Dec: 8 working days left" */
  sentence: string;
}

/** The next visit due under a plan that started on `planStart`, given the dates of visits in which the child was seen. */
export function nextVisit(kind: PlanKind, planStart: string, seenDates: readonly string[], today: string, ctx?: ClockContext): NextVisit {
  const clock = visitClockFor(kind);
  const deadline = nextRecurring(clock, planStart, seenDates.filter((d) => d <= today), ctx);
  const status = clock.status(deadline.start, null, today, ctx);
  const sentence = describeStatus(status);
  return {
    clock,
    every: clock.length(ctx?.standards),
    from: deadline.start,
    fromVisit: deadline.start !== planStart || seenDates.includes(planStart),
    due: deadline.due,
    dueText: longDate(deadline.due),
    status,
    sentence: sentence.charAt(0).toUpperCase() + sentence.slice(1),
  };
}

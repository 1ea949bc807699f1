/**
 * What is overdue and what is due soon, in one place. A piece of work is:
 * - overdue: its clock says so (not done and past its due date, counted in the clock's own measure), or, for a
 *   plan action's "by when" date, today is after that date;
 * - due soon: not overdue, and due within the next {@link DUE_SOON_WORKING_DAYS} working days: the working days
 *   from today (day 0) to the due date, by the calendar's counting convention, are at most 5. So "due today" is
 *   due soon, a due date exactly 5 working days ahead is due soon, and so is a weekend or bank holiday that
 *   comes straight after the 5th working day (still 5 working days away); the 6th working day is not;
 * - later: anything else still to do.
 * Pure: no I/O.
 */
import type { WorkingCalendar } from '../calendar/working-days.js';
import type { DayClockStatus } from '../clocks/clock.js';
import { dayOfWeek, daysBetween } from '../time/london.js';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The team manager's horizon for "due soon". */
export const DUE_SOON_WORKING_DAYS = 5;

export type DueState = 'overdue' | 'due-soon' | 'later';

export interface Due {
  state: DueState;
  /** The last date the work is in time ('YYYY-MM-DD'). */
  due: string;
  /** Overdue: how far past the due date, in `measure`; otherwise null. */
  overdueBy: number | null;
  /** The unit of `overdueBy`: working days for working-day clocks, calendar days otherwise. */
  measure: 'working days' | 'days';
  /**
   * Not overdue: working days from today to the due date (0 = due today, or at a weekend straight after a
   * working-day due date, which is still in time); otherwise null.
   */
  workingDaysLeft: number | null;
}

function upcoming(due: string, today: string, calendar: WorkingCalendar, measure: Due['measure']): Due {
  const left = Math.max(0, calendar.workingDaysBetween(today, due));
  return { state: left <= DUE_SOON_WORKING_DAYS ? 'due-soon' : 'later', due, overdueBy: null, measure, workingDaysLeft: left };
}

/**
 * The due state of a running clock, from its status as at today (`clock.status(start, null, today)`).
 * Null when the clock has stopped (met or late): the work has been done.
 */
export function dueFromClock(status: DayClockStatus, calendar: WorkingCalendar): Due | null {
  const measure = status.measure === 'working days' ? 'working days' : 'days';
  if (status.state === 'overdue') {
    return { state: 'overdue', due: status.due, overdueBy: status.overdueBy, measure, workingDaysLeft: null };
  }
  if (status.state === 'pending') return upcoming(status.due, status.now, calendar, measure);
  return null;
}

/** The due state of something with a "by when" date (a plan action): overdue from the day after it. */
export function dueByDate(due: string, today: string, calendar: WorkingCalendar): Due {
  if (today > due) return { state: 'overdue', due, overdueBy: daysBetween(due, today), measure: 'days', workingDaysLeft: null };
  return upcoming(due, today, calendar, 'days');
}

/** Due state in a few plain words, for tags: "3 working days overdue", "Due today", "Due in 2 working days". */
export function dueWords(d: Due, today: string): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (d.state === 'overdue') return `${plural(d.overdueBy ?? 0, d.measure === 'working days' ? 'working day' : 'day')} overdue`;
  const left = d.workingDaysLeft ?? 0;
  if (left === 0) return d.due === today ? 'Due today' : d.due < today ? 'Due now' : `Due by ${DAY_NAMES[dayOfWeek(d.due)]}`;
  return `Due in ${plural(left, 'working day')}`;
}

/**
 * Clock results in plain English, for drill-down lists and practice pages:
 *   "visit due 12 Mar, seen 15 Mar: 3 working days late"
 *   "decision due 14:30 on Tuesday 12 March: 3 hours left"
 * Dates and times are Europe/London.
 */
import { dayOfWeek, MONTH_NAMES, toLondon } from '../time/london.js';
import type { ClockStatus } from './clock.js';
import { clockById } from './registry.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A date as "12 Mar". */
export function formatShortDate(date: string): string {
  const month = MONTH_NAMES[Number(date.slice(5, 7)) - 1] ?? '?';
  return `${Number(date.slice(8, 10))} ${month.slice(0, 3)}`;
}

/** An instant as "14:30 on Tuesday 12 March" (London time). */
export function formatDueTime(instant: Date): string {
  const l = toLondon(instant);
  const date = `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
  const time = `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
  return `${time} on ${DAYS[dayOfWeek(date)]} ${l.day} ${MONTH_NAMES[l.month - 1]}`;
}

/**
 * Elapsed time in its two largest units, rounded down: "45 seconds", "3 hours", "1 hour 30 minutes",
 * "2 days 5 hours" (a day here is 24 hours).
 */
export function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small === 0 ? plural(big, bigUnit) : `${plural(big, bigUnit)} ${plural(small, smallUnit)}`;
  if (hours < 24) return pair(hours, 'hour', minutes % 60, 'minute');
  return pair(Math.floor(hours / 24), 'day', hours % 24, 'hour');
}

/**
 * One short sentence for a clock status:
 * - met:     "visit due 12 Mar, seen 10 Mar: on time"
 * - late:    "visit due 12 Mar, seen 15 Mar: 3 working days late"
 * - overdue: "visit due 12 Mar, not seen: 3 working days overdue"
 * - pending: "visit due 12 Mar: 2 working days left" (or "due today")
 * Day clocks count in their own measure (working days or calendar days); hour clocks show the time.
 */
export function describeStatus(status: ClockStatus): string {
  const { words } = clockById(status.clock);
  let due: string;
  let done: string | null;
  let amount: (n: number) => string;
  let today: boolean;
  if (status.measure === 'milliseconds') {
    due = formatDueTime(status.due);
    done = status.done && formatDueTime(status.done);
    amount = (ms) => formatElapsed(Math.ceil(ms / 1000) * 1000); // part of a second late is shown as 1 second
    today = status.now.getTime() === status.due.getTime();
  } else {
    due = formatShortDate(status.due);
    done = status.done && formatShortDate(status.done);
    const unit = status.measure === 'working days' ? 'working day' : 'day';
    amount = (n) => plural(n, unit);
    today = status.now === status.due;
  }
  const head = `${words.event} due ${due}`;
  switch (status.state) {
    case 'met':
      return `${head}, ${words.done} ${done}: on time`;
    case 'late':
      return `${head}, ${words.done} ${done}: ${amount(status.overdueBy ?? 0)} late`;
    case 'overdue':
      return `${head}, not ${words.done}: ${amount(status.overdueBy ?? 0)} overdue`;
    case 'pending':
      return today ? `${head}: due ${status.measure === 'milliseconds' ? 'now' : 'today'}` : `${head}: ${amount(status.remaining ?? 0)} left`;
  }
}

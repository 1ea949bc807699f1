/**
 * The front door's live deadline: a contact's decision is due a number of elapsed hours after it was
 * received (the contact decision clock; 24 hours unless the authority's local standard says otherwise).
 * Shown as a time ("due 14:32 on Tuesday 24 November 2026") with how long is left or how overdue, because
 * the seed letters criticise dashboards that show the day but not the time of a 24-hour deadline.
 */
import { contactDecisionClock, describeStatus, formatElapsed, type ClockContext, type HourClockStatus } from '../clocks/index.js';
import { dueTimeInWords } from './when.js';

/** How urgent a contact's decision is: overdue; due within the next `soonHours`; later; or decided. */
export type Urgency = 'overdue' | 'due-soon' | 'waiting' | 'made-in-time' | 'made-late';

/** Within this many hours of the deadline a waiting decision is "due soon". */
export const SOON_HOURS = 4;

export interface ContactDeadline {
  due: Date;
  /** "14:32 on Tuesday 24 November 2026". */
  dueText: string;
  /** "3 hours 12 minutes left", "2 hours overdue", "made 1 hour 30 minutes late", "made in time". */
  leftText: string;
  urgency: Urgency;
  /** The clock's own sentence: "decision due 14:32 on Tuesday 24 November: 3 hours left". */
  sentence: string;
  status: HourClockStatus;
}

export function contactDeadline(receivedAt: Date, decidedAt: Date | null, now: Date, ctx?: ClockContext): ContactDeadline {
  const status = contactDecisionClock.status(receivedAt, decidedAt, now, ctx);
  const due = status.due;
  let leftText: string;
  let urgency: Urgency;
  switch (status.state) {
    case 'met':
      leftText = 'decided in time';
      urgency = 'made-in-time';
      break;
    case 'late':
      leftText = `decided ${formatElapsed(Math.ceil((status.overdueBy ?? 0) / 1000) * 1000)} late`;
      urgency = 'made-late';
      break;
    case 'overdue':
      leftText = `${formatElapsed(Math.ceil((status.overdueBy ?? 0) / 1000) * 1000)} overdue`;
      urgency = 'overdue';
      break;
    case 'pending': {
      const remaining = status.remaining ?? 0;
      leftText = remaining === 0 ? 'due now' : `${formatElapsed(remaining)} left`;
      urgency = remaining <= SOON_HOURS * 3_600_000 ? 'due-soon' : 'waiting';
      break;
    }
  }
  return { due, dueText: dueTimeInWords(due), leftText, urgency, sentence: describeStatus(status), status };
}

/** Most urgent first: the earliest deadline first (so the most overdue leads), then by when received. */
export function byUrgency<T extends { receivedAt: Date; deadline: ContactDeadline }>(a: T, b: T): number {
  return a.deadline.due.getTime() - b.deadline.due.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime();
}

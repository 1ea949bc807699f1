/**
 * Dates and times typed into forms (GOV.UK date input: day, month, year; a time as "14:30" or "2:30pm"),
 * read as Europe/London civil time, and shown back in words. Pure: no I/O, no process time zone.
 */
import { formatDueTime } from '../clocks/describe.js';
import { fromLondon, isoDateOf, toLondon } from '../time/london.js';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type DateResult = { ok: true; date: string } | { ok: false; problem: 'missing' | 'incomplete' | 'invalid' };

/** A real calendar date from the three boxes of a GOV.UK date input. */
export function readDate(parts: DateParts): DateResult {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: false, problem: 'missing' };
  if (!day || !month || !year) return { ok: false, problem: 'incomplete' };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { ok: false, problem: 'invalid' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (y < 1900 || m < 1 || m > 12 || d < 1) return { ok: false, problem: 'invalid' };
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > lastDay) return { ok: false, problem: 'invalid' };
  return { ok: true, date: isoDateOf(y, m, d) };
}

/** A time of day: "14:30", "14.30", "1430", "2:30pm", "2pm", "9am", "noon", "midnight" ... or null if not a real time. */
export function readTime(text: string): { hour: number; minute: number } | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '').replace('a.m.', 'am').replace('p.m.', 'pm');
  if (t === 'midday' || t === 'noon' || t === '12noon') return { hour: 12, minute: 0 };
  if (t === 'midnight' || t === '12midnight') return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  if (minute > 59) return null;
  if (m[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (m[3] === 'pm' ? 12 : 0);
  } else if (hour > 23) {
    return null;
  }
  return { hour, minute };
}

/** The instant of a London date and time of day. */
export function londonInstant(date: string, time: { hour: number; minute: number }): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromLondon({ year, month, day, hour: time.hour, minute: time.minute, second: 0 });
}

/** "14:32 on Tuesday 24 November 2026": a deadline shown as a time, with the year. */
export function dueTimeInWords(instant: Date): string {
  return `${formatDueTime(instant)} ${toLondon(instant).year}`;
}

/** A time as the form shows it back: "14:32". */
export function timeOfDay(instant: Date): string {
  const l = toLondon(instant);
  return `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
}

/** The parts of a date for filling a GOV.UK date input ("2026-11-22" → 22, 11, 2026). */
export function partsOf(date: string): DateParts {
  return { day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) };
}

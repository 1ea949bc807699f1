/**
 * Reading and writing the date and date-time text of SSD extracts.
 *
 * Accepted (Europe/London civil time unless an offset is given):
 *   2019-03-12            2019-03-12 14:30          2019-03-12 14:30:05.000     2019-03-12T14:30:05
 *   12/03/2019            12/03/2019 14:30          12/03/2019 14:30:05         2019-10-27 01:30:00+01:00
 * Written: "YYYY-MM-DD" for dates and "YYYY-MM-DD HH:MM:SS" for date-times, with an explicit offset only
 * in the autumn hour that happens twice, so that a round trip is exact.
 */
import { fromLondon, isAmbiguousLondonTime, isoDateOf, toLondon, type LocalDateTime } from './london.js';

export interface ParsedDateTime {
  /** The instant (UTC). For a date without a time: the start of that London day. */
  instant: Date;
  /** False when the text had no time of day. */
  hasTime: boolean;
  /** The London calendar date as written. */
  date: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const UK = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

export function parseSsdDateTime(text: string): ParsedDateTime | { error: string } {
  let y: number, mo: number, d: number, hh: number | undefined, mi: number | undefined, ss: number | undefined;
  let offset: string | undefined;
  let ms = 0;
  let m = ISO.exec(text);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    hh = m[4] === undefined ? undefined : Number(m[4]);
    mi = m[5] === undefined ? undefined : Number(m[5]);
    ss = m[6] === undefined ? 0 : Number(m[6]);
    ms = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
    offset = m[8];
  } else if ((m = UK.exec(text))) {
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    hh = m[4] === undefined ? undefined : Number(m[4]);
    mi = m[5] === undefined ? undefined : Number(m[5]);
    ss = m[6] === undefined ? 0 : Number(m[6]);
  } else {
    return { error: `"${text}" is not a date (expected YYYY-MM-DD or DD/MM/YYYY, optionally with a time HH:MM[:SS])` };
  }
  const lastDay = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > lastDay || y < 1900 || y > 2100) {
    return { error: `"${text}" is not a real calendar date` };
  }
  const date = isoDateOf(y, mo, d);
  if (hh === undefined) {
    return { instant: fromLondon({ year: y, month: mo, day: d, hour: 0, minute: 0, second: 0 }), hasTime: false, date };
  }
  if (hh > 23 || (mi ?? 0) > 59 || (ss ?? 0) > 59) return { error: `"${text}" has an impossible time of day` };
  const local: LocalDateTime = { year: y, month: mo, day: d, hour: hh, minute: mi ?? 0, second: ss ?? 0 };
  if (offset) {
    const sign = offset === 'Z' ? 1 : offset.startsWith('-') ? -1 : 1;
    const digits = offset === 'Z' ? '0000' : offset.slice(1).replace(':', '');
    const offMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    const instant = new Date(Date.UTC(y, mo - 1, d, local.hour, local.minute, local.second, ms) - offMs);
    return { instant, hasTime: true, date: londonDateOfInstant(instant) };
  }
  return { instant: new Date(fromLondon(local).getTime() + ms), hasTime: true, date };
}

function londonDateOfInstant(instant: Date): string {
  const l = toLondon(instant);
  return isoDateOf(l.year, l.month, l.day);
}

/** A date field: the calendar date, accepting a midnight time as extracts from SQL Server often carry. */
export function parseSsdDate(text: string): string | { error: string } {
  const p = parseSsdDateTime(text);
  if ('error' in p) return p;
  if (p.hasTime) {
    const l = toLondon(p.instant);
    if (l.hour !== 0 || l.minute !== 0 || l.second !== 0) {
      return { error: `"${text}" has a time of day, but this field is a date` };
    }
  }
  return p.date;
}

export function formatSsdDateTime(instant: Date, hasTime: boolean): string {
  const l = toLondon(instant);
  const date = isoDateOf(l.year, l.month, l.day);
  if (!hasTime) return date;
  const millis = ((instant.getTime() % 1000) + 1000) % 1000;
  const time =
    [l.hour, l.minute, l.second].map((n) => String(n).padStart(2, '0')).join(':') +
    (millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`);
  if (!isAmbiguousLondonTime(l)) return `${date} ${time}`;
  const bst = fromLondon(l).getTime() === instant.getTime() - millis;
  return `${date} ${time}${bst ? '+01:00' : '+00:00'}`;
}

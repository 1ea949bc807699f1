/**
 * Finding a person: what was typed, read as search terms. Names are matched in the database by how they
 * sound (double metaphone, migration 0004), by the start of a name, and by one slip of a letter; this module
 * reads the query the same way the database reads a name (tl_name_parts), and decides which possible
 * duplicates to show before a new person is added. Pure.
 */
import { addMonths, daysBetween } from '../time/london.js';

/** At most this many name parts are used from a query (a name, not a sentence). */
export const MAX_NAME_TOKENS = 4;

/**
 * The parts of a name as the database splits them (tl_name_parts): lower case, split at spaces, hyphens,
 * apostrophes, full stops and commas. Anything that cannot be part of a name (digits, %, _ ...) is dropped, so
 * a part can go into a LIKE pattern as it is.
 */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[\s'’‘`.,-]+/)
    .map((t) => t.replace(/[^\p{L}]/gu, ''))
    .filter((t) => t !== '')
    .slice(0, MAX_NAME_TOKENS);
}

/** An identifier without spaces or punctuation, in capitals, as the database compares them (tl_identifier_key). */
export function identifierKey(value: string): string {
  return value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/**
 * How close a person's date of birth is to the one given, for the duplicate check: the same day; the day and
 * month swapped (3/4 for 4/3); one digit out in the day or month; or within a month either way (a date
 * written down wrongly). A person with no date of birth recorded may be anyone, so is close too.
 */
export function dobClose(held: string | null, given: string): boolean {
  if (held === null) return true;
  if (held === given) return true;
  const [y, m, d] = given.split('-');
  if (`${y}-${d}-${m}` === held) return true;
  if (held.slice(0, 4) === y && (held.slice(5, 7) === m || held.slice(8, 10) === d)) {
    // Same year and either the same month or the same day: one part written wrongly.
    return true;
  }
  const low = addMonths(given, -1);
  const high = addMonths(given, 1);
  return held >= low && held <= high && Math.abs(daysBetween(held, given)) <= 31;
}

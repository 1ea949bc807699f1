/**
 * A person's age as a social worker would say it: "14", "9 months", "3 weeks", "Unborn (due 3 March 2027)".
 * Pure: dates are London dates 'YYYY-MM-DD'.
 */
import { addMonths, daysBetween, longDate } from '../time/london.js';

/** Whole years from `dob` to `today` (birthdays on 29 February fall on 28 February in other years). */
export function ageInYears(dob: string, today: string): number {
  let years = Number(today.slice(0, 4)) - Number(dob.slice(0, 4));
  if (addMonths(dob, years * 12) > today) years -= 1;
  return years;
}

/** Whole calendar months from `dob` to `today`. */
export function ageInMonths(dob: string, today: string): number {
  let months = (Number(today.slice(0, 4)) - Number(dob.slice(0, 4))) * 12 + (Number(today.slice(5, 7)) - Number(dob.slice(5, 7)));
  if (addMonths(dob, months) > today) months -= 1;
  return months;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * The age in words: years from age 2, months under 2, weeks (or days) under a month; unborn children by their
 * expected date of birth. Empty when nothing is known.
 */
export function ageText(dob: string | null, expectedDob: string | null, today: string, deathDate: string | null = null): string {
  if (dob === null || dob > today) {
    const due = dob ?? expectedDob;
    return due ? `Unborn (due ${longDate(due)})` : '';
  }
  const at = deathDate !== null && deathDate < today ? deathDate : today;
  const years = ageInYears(dob, at);
  let text: string;
  if (years >= 2) text = String(years);
  else {
    const months = ageInMonths(dob, at);
    if (months >= 1) text = plural(months, 'month');
    else {
      const days = daysBetween(dob, at);
      text = days >= 7 ? plural(Math.floor(days / 7), 'week') : plural(days, 'day');
    }
  }
  return at === today ? text : `${text} (died ${longDate(at)})`;
}

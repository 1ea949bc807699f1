import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, isoDateOf } from '../time/london.js';
import { BANK_HOLIDAYS, BANK_HOLIDAY_YEARS, bankHolidayName } from './bank-holidays.js';

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateOf(year, month, day);
}

const isWeekend = (date: string) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;

function mondayOfMonth(year: number, month: number, which: 'first' | 'last'): string {
  let date = which === 'first' ? isoDateOf(year, month, 1) : addDays(isoDateOf(year, month + 1, 1), -1);
  while (dayOfWeek(date) !== 1) date = addDays(date, which === 'first' ? 1 : -1);
  return date;
}

/** The proclaimed one-off and moved days, stated independently of the data. */
const SPECIAL: Record<number, { move?: Record<string, string>; add?: string[] }> = {
  2002: { move: { spring: '2002-06-04' }, add: ['2002-06-03'] },
  2011: { add: ['2011-04-29'] },
  2012: { move: { spring: '2012-06-04' }, add: ['2012-06-05'] },
  2020: { move: { earlyMay: '2020-05-08' } },
  2022: { move: { spring: '2022-06-02' }, add: ['2022-06-03', '2022-09-19'] },
  2023: { add: ['2023-05-08'] },
};

/** The standing rules: fixed and moveable days, then substitutes for those falling at a weekend. */
function expectedYear(year: number): string[] {
  const special = SPECIAL[year] ?? {};
  const easter = easterSunday(year);
  const moveable: Record<string, string> = {
    goodFriday: addDays(easter, -2),
    easterMonday: addDays(easter, 1),
    earlyMay: mondayOfMonth(year, 5, 'first'),
    spring: mondayOfMonth(year, 5, 'last'),
    summer: mondayOfMonth(year, 8, 'last'),
    ...special.move,
  };
  const fixed = [isoDateOf(year, 1, 1), isoDateOf(year, 12, 25), isoDateOf(year, 12, 26)];
  const taken = new Set([...Object.values(moveable), ...(special.add ?? []), ...fixed.filter((d) => !isWeekend(d))]);
  for (const date of fixed.filter(isWeekend)) {
    let substitute = addDays(date, 1);
    while (isWeekend(substitute) || taken.has(substitute)) substitute = addDays(substitute, 1);
    taken.add(substitute);
  }
  return [...taken].sort();
}

describe('England and Wales bank holidays (data)', () => {
  it('is sorted, without duplicates or weekends, and covers every year of its range', () => {
    const dates = BANK_HOLIDAYS.map((h) => h.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(dates.filter(isWeekend)).toEqual([]);
    expect(dates[0]?.startsWith(String(BANK_HOLIDAY_YEARS.first))).toBe(true);
    expect(dates.at(-1)?.startsWith(String(BANK_HOLIDAY_YEARS.last))).toBe(true);
  });

  it('matches computed Easter, the Monday rules, the substitute-day rule and the proclaimed one-off days, 2000-2040', () => {
    for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year++) {
      const actual = BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);
      expect(actual, String(year)).toEqual(expectedYear(year));
    }
  });

  it('names substitute days as such', () => {
    for (const { date, name } of BANK_HOLIDAYS) {
      const fixed = /^(New Year's Day|Christmas Day|Boxing Day)/.test(name);
      if (!fixed) continue;
      const nominal = name.startsWith('New') ? `${date.slice(0, 4)}-01-01` : name.startsWith('Christmas') ? `${date.slice(0, 4)}-12-25` : `${date.slice(0, 4)}-12-26`;
      expect(name.endsWith('(substitute day)'), date).toBe(date !== nominal);
    }
  });

  it.each([
    ['2020-12-28', 'Boxing Day (substitute day)'],
    ['2021-12-27', 'Christmas Day (substitute day)'],
    ['2021-12-28', 'Boxing Day (substitute day)'],
    ['2022-01-03', "New Year's Day (substitute day)"],
    ['2022-12-26', 'Boxing Day'],
    ['2022-12-27', 'Christmas Day (substitute day)'],
    ['2011-04-29', 'Bank holiday for the wedding of Prince William and Catherine Middleton'],
    ['2012-06-04', 'Spring bank holiday'],
    ['2012-06-05', "Queen's Diamond Jubilee"],
    ['2020-05-08', 'Early May bank holiday (VE day)'],
    ['2022-06-02', 'Spring bank holiday'],
    ['2022-06-03', "Queen's Platinum Jubilee"],
    ['2022-09-19', 'Bank holiday for the State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
    ['2024-03-29', 'Good Friday'],
    ['2026-04-03', 'Good Friday'],
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2027-03-29', 'Easter Monday'],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2027-12-28', 'Boxing Day (substitute day)'],
    ['2028-01-03', "New Year's Day (substitute day)"],
    ['2029-08-27', 'Summer bank holiday'],
    ['2030-05-27', 'Spring bank holiday'],
    ['2030-04-19', 'Good Friday'],
  ])('%s is %s', (date, name) => {
    expect(bankHolidayName(date)).toBe(name);
  });

  it.each(['2012-05-28', '2020-05-04', '2022-05-30', '2022-12-25', '2021-12-25', '2026-12-26'])(
    '%s is not a bank holiday (moved, or at a weekend with a substitute)',
    (date) => {
      expect(bankHolidayName(date)).toBeUndefined();
    },
  );
});

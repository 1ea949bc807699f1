import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek } from '../time/london.js';
import { bankHolidayName } from './bank-holidays.js';
import { ENGLAND_AND_WALES as cal, WorkingCalendar } from './working-days.js';

/** A slow, obviously correct count to compare against. */
function naiveCount(calendar: WorkingCalendar, a: string, b: string): number {
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
  return n === 0 ? 0 : sign * n;
}

describe('working days (England and Wales)', () => {
  it('knows weekends and bank holidays', () => {
    expect(cal.isWorkingDay('2024-03-28')).toBe(true); // Thursday
    expect(cal.isWorkingDay('2024-03-29')).toBe(false); // Good Friday
    expect(cal.isWorkingDay('2024-03-30')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2024-04-01')).toBe(false); // Easter Monday
    expect(cal.isWorkingDay('2022-09-19')).toBe(false); // state funeral
    expect(cal.isWorkingDay('2023-05-08')).toBe(false); // coronation
  });

  it('contact on Friday, decision on Monday = 1 working day', () => {
    expect(cal.workingDaysBetween('2024-03-08', '2024-03-11')).toBe(1);
    expect(cal.addWorkingDays('2024-03-08', 1)).toBe('2024-03-11');
    expect(cal.nextWorkingDay('2024-03-08')).toBe('2024-03-11');
  });

  it('day 0: the same date is 0, and adding 0 gives the date back even at a weekend', () => {
    expect(cal.workingDaysBetween('2024-03-12', '2024-03-12')).toBe(0);
    expect(cal.addWorkingDays('2024-03-09', 0)).toBe('2024-03-09');
    expect(cal.workingDaysBetween('2024-03-11', '2024-03-12')).toBe(1);
  });

  it('a start on a Saturday counts from the Monday', () => {
    expect(cal.workingDaysBetween('2024-03-09', '2024-03-10')).toBe(0);
    expect(cal.workingDaysBetween('2024-03-09', '2024-03-11')).toBe(1);
    expect(cal.addWorkingDays('2024-03-09', 1)).toBe('2024-03-11');
    expect(cal.addWorkingDays('2024-03-09', 5)).toBe('2024-03-15');
  });

  it('a start on a bank holiday counts from the next working day', () => {
    expect(cal.addWorkingDays('2024-03-29', 1)).toBe('2024-04-02'); // Good Friday -> Tuesday after Easter
    expect(cal.workingDaysBetween('2024-03-28', '2024-04-02')).toBe(1);
    expect(cal.addWorkingDays('2022-09-19', 1)).toBe('2022-09-20');
    expect(cal.addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
  });

  it('skips Christmas and New Year substitute days', () => {
    expect(cal.addWorkingDays('2020-12-24', 1)).toBe('2020-12-29'); // 25 Fri, 28 Mon substitute
    expect(cal.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29'); // 27 and 28 substitutes
    expect(cal.addWorkingDays('2022-12-23', 1)).toBe('2022-12-28'); // 26 Mon, 27 Tue substitute
    expect(cal.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04'); // 3 Jan substitute
    expect(cal.addWorkingDays('2022-12-25', 1)).toBe('2022-12-28'); // a start on Christmas Day
    expect(cal.workingDaysBetween('2021-12-24', '2022-01-04')).toBe(4); // 29, 30, 31 Dec, 4 Jan
  });

  it('moved spring holidays: 2012 and 2022', () => {
    expect(cal.isWorkingDay('2012-05-28')).toBe(true);
    expect(cal.workingDaysBetween('2012-06-01', '2012-06-06')).toBe(1);
    expect(cal.isWorkingDay('2022-05-30')).toBe(true);
    expect(cal.workingDaysBetween('2022-06-01', '2022-06-06')).toBe(1);
    expect(cal.isWorkingDay('2020-05-04')).toBe(true);
    expect(cal.isWorkingDay('2020-05-08')).toBe(false);
  });

  it('counts backwards as the negative of counting forwards', () => {
    expect(cal.workingDaysBetween('2024-03-11', '2024-03-08')).toBe(-1);
    expect(cal.addWorkingDays('2024-03-11', -1)).toBe('2024-03-08');
    // Sunday - 1: the earliest date from which Sunday is within 1 working day is Thursday (Thu -> Sun = Fri only).
    expect(cal.addWorkingDays('2024-03-10', -1)).toBe('2024-03-07');
    expect(cal.workingDaysBetween('2024-03-07', '2024-03-10')).toBe(1);
    expect(cal.workingDaysBetween('2024-03-06', '2024-03-10')).toBe(2);
    expect(cal.previousWorkingDay('2024-03-10')).toBe('2024-03-08');
    expect(cal.previousWorkingDay('2024-04-02')).toBe('2024-03-28');
  });

  it('agrees with a day-by-day count and is its own inverse, over many random dates', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 2000; t++) {
      const a = addDays('2001-01-01', Math.floor(random() * 13_800));
      const b = addDays(a, Math.floor(random() * 200) - 100);
      expect(cal.workingDaysBetween(a, b)).toBe(naiveCount(cal, a, b));
      const n = Math.floor(random() * 120) - 60;
      const c = cal.addWorkingDays(a, n);
      expect(cal.workingDaysBetween(a, c)).toBe(n);
      if (n !== 0) expect(cal.isWorkingDay(c)).toBe(true);
    }
  });

  it('every weekday that is not a bank holiday is a working day, 2000-2040', () => {
    for (let d = cal.first; d <= cal.last; d = addDays(d, 1)) {
      const expected = dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6 && bankHolidayName(d) === undefined;
      if (cal.isWorkingDay(d) !== expected) expect.fail(d);
    }
  });

  it('closure days configured by the authority shift counts', () => {
    const local = new WorkingCalendar({ closureDays: ['2024-12-31', '2024-12-27', '2024-12-30', '2024-12-28', '2024-12-27'] });
    expect(local.closureDays).toEqual(['2024-12-27', '2024-12-28', '2024-12-30', '2024-12-31']);
    expect(cal.addWorkingDays('2024-12-24', 1)).toBe('2024-12-27');
    expect(local.addWorkingDays('2024-12-24', 1)).toBe('2025-01-02');
    expect(cal.workingDaysBetween('2024-12-20', '2025-01-03')).toBe(7); // 23, 24, 27, 30, 31 Dec, 2, 3 Jan
    expect(local.workingDaysBetween('2024-12-20', '2025-01-03')).toBe(4);
    expect(local.isWorkingDay('2024-12-30')).toBe(false);
    expect(cal.isWorkingDay('2024-12-30')).toBe(true);
  });

  it('throws a clear error outside 2000-2040 and for malformed dates', () => {
    expect(() => cal.isWorkingDay('1999-12-31')).toThrow(/outside the working-day calendar, which covers 2000-01-01 to 2040-12-31/);
    expect(() => cal.workingDaysBetween('2024-01-01', '2041-01-01')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2040-12-31', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2000-01-04', -5)).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2024-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => cal.isWorkingDay('2024-3-01')).toThrow(TypeError);
    expect(() => cal.addWorkingDays('2024-03-01', 1.5)).toThrow(/whole number/);
    expect(() => new WorkingCalendar({ closureDays: ['2050-01-01'] })).toThrow(RangeError);
    expect(cal.isWorkingDay('2024-02-29')).toBe(true);
  });

  it('answers a million counts quickly (each call is O(1))', () => {
    const dates = Array.from({ length: 1000 }, (_, i) => addDays('2015-01-01', i * 3));
    const started = performance.now();
    let total = 0;
    for (let r = 0; r < 1000; r++) for (let i = 0; i < 1000; i++) total += cal.workingDaysBetween(dates[i] as string, dates[(i + r) % 1000] as string);
    expect(Number.isFinite(total)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

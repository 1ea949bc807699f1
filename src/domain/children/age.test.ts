import { describe, expect, it } from 'vitest';
import { ageInMonths, ageInYears, ageText } from './age.js';

describe('age', () => {
  it('turns a year older on the birthday, not the day before', () => {
    expect(ageInYears('2010-03-04', '2020-03-03')).toBe(9);
    expect(ageInYears('2010-03-04', '2020-03-04')).toBe(10);
    expect(ageInYears('2010-12-31', '2011-01-01')).toBe(0);
  });

  it('has a 29 February birthday on 28 February in other years', () => {
    expect(ageInYears('2012-02-29', '2013-02-27')).toBe(0);
    expect(ageInYears('2012-02-29', '2013-02-28')).toBe(1);
    expect(ageInYears('2012-02-29', '2016-02-28')).toBe(3);
    expect(ageInYears('2012-02-29', '2016-02-29')).toBe(4);
  });

  it('counts whole months, the month ending on the same day of the month (or the last day of a shorter one)', () => {
    expect(ageInMonths('2026-01-31', '2026-02-27')).toBe(0);
    expect(ageInMonths('2026-01-31', '2026-02-28')).toBe(1);
    expect(ageInMonths('2026-01-15', '2026-03-14')).toBe(1);
    expect(ageInMonths('2026-01-15', '2026-03-15')).toBe(2);
  });

  it('says an age as a social worker would: days, weeks, months under 2, then years', () => {
    expect(ageText('2026-11-23', null, '2026-11-23')).toBe('0 days');
    expect(ageText('2026-11-22', null, '2026-11-23')).toBe('1 day');
    expect(ageText('2026-11-17', null, '2026-11-23')).toBe('6 days');
    expect(ageText('2026-11-16', null, '2026-11-23')).toBe('1 week');
    expect(ageText('2026-10-23', null, '2026-11-23')).toBe('1 month');
    expect(ageText('2024-11-24', null, '2026-11-23')).toBe('23 months');
    expect(ageText('2024-11-23', null, '2026-11-23')).toBe('2');
    expect(ageText('2008-11-23', null, '2026-11-23')).toBe('18');
  });

  it('gives an unborn baby’s expected date, a death’s date, and nothing when nothing is known', () => {
    expect(ageText(null, '2027-03-03', '2026-11-23')).toBe('Unborn (due 3 March 2027)');
    expect(ageText('2026-12-01', null, '2026-11-23')).toBe('Unborn (due 1 December 2026)');
    expect(ageText('2010-01-01', null, '2026-11-23', '2015-06-01')).toBe('5 (died 1 June 2015)');
    expect(ageText('2010-01-01', null, '2026-11-23', '2026-11-23')).toBe('16');
    expect(ageText(null, null, '2026-11-23')).toBe('');
  });
});

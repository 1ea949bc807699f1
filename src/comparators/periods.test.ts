import { describe, expect, it } from 'vitest';
import { dfePeriod, monthIndex, pickPeriod } from './periods.js';

const cinYears = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const workforceYears = [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

describe('DfE periods in words', () => {
  it('describes each kind of period', () => {
    expect(dfePeriod(2019, 'year-to-31-march')).toEqual({
      timePeriod: 2019, kind: 'year-to-31-march', start: '2018-04-01', end: '2019-03-31', label: 'year to 31 March 2019',
    });
    expect(dfePeriod(2025, 'at-31-march')).toMatchObject({ start: '2025-03-31', end: '2025-03-31', label: '31 March 2025' });
    expect(dfePeriod(2022, 'at-30-september')).toMatchObject({ end: '2022-09-30', label: '30 September 2022' });
    expect(dfePeriod(2022, 'year-to-30-september')).toMatchObject({
      start: '2021-10-01', end: '2022-09-30', label: 'year to 30 September 2022',
    });
  });
});

describe('choosing the period for a reporting month', () => {
  it('latest-ended (default): January 2019 shows CIN figures for the year to 31 March 2018', () => {
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-01')?.label).toBe('year to 31 March 2018');
    expect(pickPeriod(cinYears, 'at-31-march', '2019-01')?.label).toBe('31 March 2018');
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-03')?.timePeriod).toBe(2019);
    expect(pickPeriod(cinYears, 'year-to-31-march', '2030-12')?.timePeriod).toBe(2025);
    expect(pickPeriod(cinYears, 'year-to-31-march', '2013-02')).toBeNull();
  });

  it('latest-ended with a publication lag', () => {
    const opts = { minMonthsAfterEnd: 7 };
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-03', opts)?.timePeriod).toBe(2018);
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-09', opts)?.timePeriod).toBe(2018);
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-10', opts)?.timePeriod).toBe(2019);
    expect(() => pickPeriod(cinYears, 'at-31-march', '2019-10', { minMonthsAfterEnd: -1 })).toThrow();
  });

  it('covering: the reporting year containing the month, when published', () => {
    const opts = { rule: 'covering' } as const;
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-01', opts)?.label).toBe('year to 31 March 2019');
    expect(pickPeriod(cinYears, 'year-to-31-march', '2018-04', opts)?.timePeriod).toBe(2019);
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-03', opts)?.timePeriod).toBe(2019);
    expect(pickPeriod(cinYears, 'year-to-31-march', '2019-04', opts)?.timePeriod).toBe(2020);
    expect(pickPeriod(workforceYears, 'at-30-september', '2023-01', opts)?.label).toBe('30 September 2023');
    expect(pickPeriod(workforceYears, 'at-30-september', '2022-09', opts)?.label).toBe('30 September 2022');
    expect(pickPeriod(cinYears, 'year-to-31-march', '2025-06', opts)).toBeNull(); // 2026 not published
    expect(pickPeriod(cinYears, 'year-to-31-march', '2025-06', { rule: 'covering-or-latest-ended' })?.timePeriod).toBe(2025);
  });

  it('workforce snapshots at 30 September', () => {
    expect(pickPeriod(workforceYears, 'at-30-september', '2023-01')?.label).toBe('30 September 2022');
    expect(pickPeriod(workforceYears, 'at-30-september', '2022-09')?.label).toBe('30 September 2022');
    expect(pickPeriod(workforceYears, 'year-to-30-september', '2022-08')?.label).toBe('year to 30 September 2021');
  });

  it('rejects a malformed month', () => {
    expect(() => monthIndex('2019-13')).toThrow(/YYYY-MM/);
    expect(() => monthIndex('2019-1')).toThrow();
    expect(monthIndex('2019-01')).toBe(2019 * 12);
  });
});

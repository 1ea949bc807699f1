import { describe, expect, it } from 'vitest';
import { formatUnits, percentText, roundedRatio, roundedUnits, toThousandths } from './arithmetic.js';
import { financialYearStart, monthEnd, monthsEnding, reportingPeriod } from './period.js';
import { choosePopulation } from './population.js';

describe('rounding half up on the exact fraction (settled detail 2)', () => {
  it('6.25% → 6.3%, 6.35% → 6.4% and 0.125% → 0.1% where binary floats would go either way', () => {
    expect(roundedRatio(1, 16, 100, 1)?.text).toBe('6.3');
    expect(roundedRatio(127, 2000, 100, 1)?.text).toBe('6.4'); // 6.35: (6.35).toFixed(1) === '6.3'
    expect((6.35).toFixed(1)).toBe('6.3');
    expect(roundedRatio(1, 800, 100, 1)?.text).toBe('0.1');
    expect(roundedRatio(1, 3, 100, 1)?.text).toBe('33.3');
    expect(roundedRatio(2, 3, 100, 1)?.text).toBe('66.7');
  });

  it('a caseload of 1.005 → 1.01 (201 children over 200 FTE; 1.005.toFixed(2) is 1.00)', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(roundedRatio(201_000, 200_000, 1, 2)?.text).toBe('1.01');
    expect(roundedRatio(1_004, 1_000, 1, 2)?.text).toBe('1.00');
  });

  it('FTE in thousandths adds up exactly (0.1 + 0.2)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toThousandths(0.1) + toThousandths(0.2)).toBe(toThousandths(0.3));
    expect(toThousandths(0.6)).toBe(600);
  });

  it('formats units with exactly the decimals asked for, and no data for an empty denominator', () => {
    expect(formatUnits(5n, 1)).toBe('0.5');
    expect(formatUnits(0n, 2)).toBe('0.00');
    expect(formatUnits(1000n, 1)).toBe('100.0');
    expect(formatUnits(17n, 0)).toBe('17');
    expect(roundedRatio(0, 0, 100, 1)).toBeNull();
    expect(percentText(0, 0)).toEqual({ value: null, text: 'no data' });
    expect(roundedRatio(0, 5, 100, 1)?.text).toBe('0.0');
    expect(roundedRatio(5, 5, 100, 1)?.text).toBe('100.0');
  });

  it('refuses fractions and negatives', () => {
    expect(() => roundedUnits(1.5, 2, 100, 1)).toThrow(RangeError);
    expect(() => roundedUnits(-1, 2, 100, 1)).toThrow(RangeError);
  });
});

describe('reporting periods', () => {
  it('month ends, including leap years', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-02')).toBe('2025-02-28');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
    expect(() => monthEnd('2025-13')).toThrow(RangeError);
    expect(() => monthEnd('2025-3')).toThrow(RangeError);
  });

  it('cumulative runs from 1 April of the financial year; rolling 12 months across a year end', () => {
    expect(financialYearStart('2025-03')).toBe('2024-04-01');
    expect(financialYearStart('2025-04')).toBe('2025-04-01');
    expect(reportingPeriod('cumulative', '2025-04').months).toEqual(['2025-04']);
    expect(reportingPeriod('cumulative', '2025-03').months).toHaveLength(12);
    expect(reportingPeriod('rolling 12 months', '2025-02')).toMatchObject({ from: '2024-03-01', end: '2025-02-28' });
    expect(monthsEnding('2025-01', 3)).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(reportingPeriod('as at month end', '2025-03')).toMatchObject({ from: '2025-03-31', end: '2025-03-31', months: ['2025-03'] });
  });
});

describe('population year (settled detail 3)', () => {
  const table = [
    { midYear: 2022, children: 70_000 },
    { midYear: 2024, children: 72_000 },
    { midYear: 2025, children: 73_000 },
  ];

  it('31 March 2025 uses mid-2024; 30 June 2025 uses mid-2025; 31 May 2025 still mid-2024', () => {
    expect(choosePopulation(table, '2025-03-31').used?.midYear).toBe(2024);
    expect(choosePopulation(table, '2025-06-30').used?.midYear).toBe(2025);
    expect(choosePopulation(table, '2025-05-31').used?.midYear).toBe(2024);
  });

  it('falls back to the latest earlier configured year and says so', () => {
    const choice = choosePopulation(table, '2024-03-31');
    expect(choice).toMatchObject({ wanted: 2023, used: { midYear: 2022 } });
    expect(choice.note).toBe('Population: the mid-2023 estimate is not configured; used the mid-2022 estimate of children aged 0–17 (70,000).');
    expect(choosePopulation(table, '2025-03-31').note).toBe('Population: mid-2024 estimate of children aged 0–17 (72,000).');
  });

  it('never uses a later year: with none earlier there is no rate', () => {
    const choice = choosePopulation(table, '2022-05-31');
    expect(choice.used).toBeNull();
    expect(choice.note).toMatch(/No population estimate for mid-2021/);
  });
});

describe('the London month of an instant', () => {
  it('agrees with londonDate across clock changes and year ends', async () => {
    const { londonMonthOf } = await import('./context.js');
    const { londonDate } = await import('../time/london.js');
    for (const iso of ['2025-03-31T23:30:00Z', '2025-03-31T22:59:59Z', '2024-10-31T23:30:00Z', '2024-12-31T23:59:59Z', '2025-01-01T00:00:00Z', '2024-06-30T23:00:00Z']) {
      const ms = Date.parse(iso);
      expect(londonMonthOf(ms), iso).toBe(londonDate(ms).slice(0, 7));
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  clearDfeTableCache, comparatorMeasures, comparators, comparatorsByEdition, comparatorsForMonth,
  loadDfeTable, measureEditions, measurePeriods, measureValue, meanOf, parseDecimal, ratePer10k, roundRatio,
  type ComparatorMeasureId,
} from './index.js';

const table = loadDfeTable();

describe('loading', () => {
  it('loads every file well under a second and caches the table', () => {
    clearDfeTableCache();
    const started = performance.now();
    const fresh = loadDfeTable();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
    expect(loadDfeTable()).toBe(fresh);
    expect(fresh.files['b1-children-in-need'].rows).toHaveLength(2132);
    expect(fresh.files.cla.rows).toHaveLength(2505);
    expect(fresh.files.cla.header[0]).toBe('time_period'); // byte-order mark dropped
    expect(fresh.files['csww-headline'].timePeriods).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
    expect(fresh.authorities.get('333')).toEqual({
      laCode: '333', onsCode: 'E08000028', name: 'Sandwell', regionCode: 'E12000005', regionName: 'West Midlands',
    });
  });

  it('every catalogued measure reads columns that exist', () => {
    expect(new Set(comparatorMeasures.map((m) => m.id)).size).toBe(comparatorMeasures.length);
    for (const m of comparatorMeasures) {
      for (const s of m.sources) {
        const column = s.kind === 'column' ? s.column : s.countColumn;
        expect(table.files[s.file].columnIndex.has(column), `${m.id}: ${column}`).toBe(true);
      }
      expect(measurePeriods(table, m.id).length, m.id).toBeGreaterThan(0);
    }
  });
});

describe('comparator sets', () => {
  it('gives the authority, England, region and neighbour average with period, source and geography', () => {
    const set = comparators(table, 're-referrals', '333', 2019);
    expect(set.period.label).toBe('year to 31 March 2019');
    expect(set.authority.value).toBe(23.9);
    expect(set.england.value).toBe(22.6);
    expect(set.region.value).toBe(23.6);
    expect(set.statisticalNeighbours.value).toBe(23.7);
    expect(set.statisticalNeighbours.grouping).toBe('2025');
    expect(comparators(table, 're-referrals', '333', 2019, { grouping: '2021' }).statisticalNeighbours.value).toBe(22.2);
    for (const v of [set.authority, set.england, set.region, set.statisticalNeighbours]) {
      expect(v.source.edition).toBe('reporting year 2025');
      expect(v.period.timePeriod).toBe(2019);
    }
  });

  it('for a month: January 2019 uses the year to 31 March 2018 by default, 2018-19 when covering', () => {
    const latest = comparatorsForMonth(table, 're-referrals', '333', '2019-01')!;
    expect(latest.period.label).toBe('year to 31 March 2018');
    expect(latest.authority.value).toBe(20.3);
    const covering = comparatorsForMonth(table, 're-referrals', '333', '2019-01', { rule: 'covering' })!;
    expect(covering.authority.value).toBe(23.9);
    expect(comparatorsForMonth(table, 'cla-rate', '333', '2020-06')).toBeNull(); // CLA file starts at 2021
    expect(comparatorsForMonth(table, 'cla-rate', '333', '2025-06')?.authority.value).toBe(92);
  });

  it('keeps two editions of the same year distinguishable (workforce 2025 and 2022 editions)', () => {
    expect(measureEditions(table, 'sw-turnover', 2022)).toEqual(['csww-2025', 'csww-2022']);
    expect(measureEditions(table, 'sw-turnover', 2024)).toEqual(['csww-2025']);
    const both = comparatorsByEdition(table, 'sw-turnover', '333', 2019);
    expect(both.map((s) => [s.source.editionId, s.england.value, s.authority.value])).toEqual([
      ['csww-2025', 15, 22.4],
      ['csww-2022', 15.1, 24.3],
    ]);
    expect(both[1]!.authority.source).toMatchObject({
      publication: "Children's social work workforce", edition: 'reporting year 2022',
      files: ['csww_headline_measures_2017_to_2022.csv'], columns: ['turnover_rate_fte_%'],
    });
    // The default is the preferred (newer) edition; an explicit edition is honoured.
    expect(comparators(table, 'sw-turnover', '333', 2022).england.value).toBe(17.2);
    expect(comparators(table, 'sw-turnover', '333', 2022, { edition: 'csww-2022' }).england.value).toBe(17.1);
    expect(() => comparators(table, 'sw-turnover', '333', 2023, { edition: 'csww-2022' })).toThrow(/no year to 30 September 2023/);
    expect(() => comparators(table, 're-referrals', '333', 2019, { edition: 'csww-2022' })).toThrow(/not published in edition/);
  });

  it('every measure has a full comparator set for Sandwell in its latest period', () => {
    for (const m of comparatorMeasures) {
      const set = comparatorsForMonth(table, m.id, '333', '2025-12')!;
      expect(set, m.id).not.toBeNull();
      expect(set.authority.value, m.id).not.toBeNull();
      expect(set.england.value, m.id).not.toBeNull();
      expect(set.region.geography.name).toBe('West Midlands');
      expect(set.statisticalNeighbours.neighbourCount, m.id).toBeGreaterThanOrEqual(9);
    }
  });

  it('rejects an unknown authority or a period with no data', () => {
    expect(() => comparators(table, 're-referrals', '999', 2019)).toThrow(/Unknown local authority code "999"/);
    expect(() => measureValue(table, 're-referrals', { level: 'National' }, 2012)).toThrow(/no year to 31 March 2012/);
    expect(() => measureValue(table, 'nope' as ComparatorMeasureId, { level: 'National' }, 2019)).toThrow(/Unknown comparator measure/);
  });
});

describe('exact decimals', () => {
  it('rounds half up on the exact fraction', () => {
    expect(roundRatio(625n, 10000n, 3)).toBe(0.063); // 6.25% → 6.3%
    expect(roundRatio(1005n, 1000n, 2)).toBe(1.01);
    expect(roundRatio(-125n, 100n, 1)).toBe(-1.3);
    expect(meanOf(['1.05', '1.1'].map((s) => parseDecimal(s)!), 1)).toBe(1.1); // 1.075 → 1.1
    expect(meanOf(['0.1', '0.2'].map((s) => parseDecimal(s)!), 2)).toBe(0.15);
    expect(ratePer10k(parseDecimal('81770')!, parseDecimal('12183016')!, 0)).toBe(67);
    expect(parseDecimal('c')).toBeNull();
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('1,234')).toBeNull();
  });
});

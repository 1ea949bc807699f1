/**
 * Published DfE figures reproduced from reference/dfe/ (see reference/dfe/README.md).
 */
import { describe, expect, it } from 'vitest';
import { loadDfeTable, measureValue } from './index.js';

const table = loadDfeTable();
const england = { level: 'National' } as const;
const sandwell = { level: 'Local authority', laCode: '333' } as const;

describe('published figures', () => {
  it('England re-referrals within 12 months: 22.6% in 2019 and 22.6% in 2025', () => {
    for (const year of [2019, 2025]) {
      const v = measureValue(table, 're-referrals', england, year);
      expect(v.value).toBe(22.6);
      expect(v.status).toBe('published');
      expect(v.period.label).toBe(`year to 31 March ${year}`);
      expect(v.geography).toEqual({ level: 'National', code: 'E92000001', name: 'England' });
      expect(v.source).toMatchObject({
        editionId: 'cin-2025', publication: 'Children in need', edition: 'reporting year 2025',
        files: ['c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'], columns: ['rereferral_percent'],
      });
    }
  });

  it('Sandwell (333) re-referrals 23.9% in 2018-19 (time_period 2019)', () => {
    const v = measureValue(table, 're-referrals', sandwell, 2019);
    expect(v.value).toBe(23.9);
    expect(v.period).toEqual({
      timePeriod: 2019, kind: 'year-to-31-march', start: '2018-04-01', end: '2019-03-31', label: 'year to 31 March 2019',
    });
    expect(v.geography).toEqual({ level: 'Local authority', code: '333', name: 'Sandwell', onsCode: 'E08000028' });
  });

  it('England children on child protection plans at 31 March 2025: 49,420', () => {
    const v = measureValue(table, 'cp-plans-at-31-march', england, 2025);
    expect(v.value).toBe(49420);
    expect(v.period.label).toBe('31 March 2025');
    expect(v.source.files).toEqual(['d5_cpps_at31march_by_duration_2013_to_2025.csv']);
  });

  it('England children looked after at 31 March 2025: 81,770, rate 67 per 10,000', () => {
    const count = measureValue(table, 'cla-at-31-march', england, 2025);
    const rate = measureValue(table, 'cla-rate', england, 2025);
    expect(count.value).toBe(81770);
    expect(rate.value).toBe(67);
    expect(rate.status).toBe('published');
    expect(rate.source).toMatchObject({
      editionId: 'cla-2025', publication: 'Children looked after in England including adoptions',
      files: ['cla_number_and_rate_per_10k_children.csv'], columns: ['rate_per_10000'],
    });
  });

  it('CP plan rate is computed from CPP_At31 and the mid-2024 population (no rate column): England 40.6', () => {
    const v = measureValue(table, 'cp-plan-rate', england, 2025);
    // 49,420 ÷ 12,183,016 × 10,000 = 40.564… → 40.6
    expect(v.value).toBe(40.6);
    expect(v.status).toBe('computed');
    expect(v.inputs).toEqual({ count: '49420', population: '12183016', populationMidYear: 2024 });
    expect(v.source.files).toEqual(['d5_cpps_at31march_by_duration_2013_to_2025.csv', 'pop.csv']);
    expect(v.source.derivation).toMatch(/previous 30 June/);
  });

  it('the population DfE used for the CLA rate is pop.csv for the previous mid-year, for every geography', () => {
    const cla = table.files.cla;
    const pop = table.files.population;
    const popI = pop.columnIndex.get('population_estimate')!;
    const claPopI = cla.columnIndex.get('population_estimate')!;
    let compared = 0;
    for (const row of cla.rows) {
      if (row.filter !== 'Children looked after on 31 March each year' || row.cells[claPopI] === 'x') continue;
      const code = row.level === 'National' ? 'E92000001' : row.level === 'Regional' ? row.regionCode : row.oldLaCode;
      const p = pop.index.get(`${row.timePeriod - 1}|${row.level}|${code}|`);
      expect(p?.cells[popI], `${row.timePeriod} ${row.laName || row.regionName || 'England'}`).toBe(row.cells[claPopI]);
      compared++;
    }
    expect(compared).toBeGreaterThan(800);
  });

  it('CIN rate: At31_episodes ÷ population × 10,000 (England 31 March 2025: 402,400 ÷ 12,183,016 → 330.3)', () => {
    const v = measureValue(table, 'cin-rate', england, 2025);
    expect(v.value).toBe(330.3);
    expect(v.inputs).toEqual({ count: '402400', population: '12183016', populationMidYear: 2024 });
    expect(measureValue(table, 'cin-rate', sandwell, 2025).value).toBe(313.2); // 2,775 ÷ 88,593
  });

  it('second or subsequent plans, plans lasting 2 years or more, and the workforce measures', () => {
    expect(measureValue(table, 'second-cp-plans', england, 2025).value).toBe(24.5);
    expect(measureValue(table, 'cp-plans-2-years', england, 2025).value).toBe(2.3);
    const sept2022 = (id: Parameters<typeof measureValue>[1]) => measureValue(table, id, england, 2022).value;
    expect(sept2022('sw-vacancy-rate')).toBe(20);
    expect(sept2022('sw-agency-rate')).toBe(17.6);
    expect(sept2022('sw-caseload')).toBe(16.6);
    expect(sept2022('sw-vacancy-agency-cover')).toBe(68.8);
    expect(measureValue(table, 'sw-vacancy-rate', england, 2022).period.label).toBe('30 September 2022');
    expect(measureValue(table, 'sw-turnover', england, 2022).period.label).toBe('year to 30 September 2022');
  });
});

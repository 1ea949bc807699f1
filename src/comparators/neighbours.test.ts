/**
 * Statistical neighbours, their averages (checked by hand from the neighbours' raw values), suppression,
 * joint returns and regions.
 */
import { describe, expect, it } from 'vitest';
import {
  comparators, loadDfeTable, neighbourAverage, regionOf, statisticalNeighbours,
} from './index.js';

const table = loadDfeTable();

/** Mean rounded half up to one decimal, by hand (values in tenths to stay exact). */
function mean1dp(values: number[]): number {
  const tenths = values.map((v) => Math.round(v * 10));
  const sum = tenths.reduce((a, b) => a + b, 0);
  return Math.floor((2 * sum + values.length) / (2 * values.length)) / 10;
}

describe('Sandwell statistical neighbours', () => {
  it('DfE April 2021 grouping', () => {
    const sn = statisticalNeighbours(table, '333', '2021')!;
    expect(sn.neighbours.map((n) => n.laCode)).toEqual(['336', '335', '330', '831', '331', '892', '874', '861', '821', '889']);
    expect(sn.neighbourNames).toEqual([
      'Wolverhampton', 'Walsall', 'Birmingham', 'Derby', 'Coventry', 'Nottingham', 'Peterborough', 'Stoke-on-Trent',
      'Luton', 'Blackburn with Darwen',
    ]);
    expect(sn.neighbours.map((n) => n.closeness)).toEqual(['Very Close', 'Very Close', ...Array(8).fill('Close')]);
    expect(sn.region).toBe('West Midlands');
    expect(sn.legacy).toBe(false);
  });

  it('DfE 2025 model (the default)', () => {
    const sn = statisticalNeighbours(table, '333')!;
    expect(sn.neighbours.map((n) => n.laCode)).toEqual(['336', '810', '861', '335', '354', '380', '806', '331', '353', '821']);
    expect(sn.neighbourNames).toEqual([
      'Wolverhampton', 'Kingston upon Hull, City of', 'Stoke-on-Trent', 'Walsall', 'Rochdale', 'Bradford',
      'Middlesbrough', 'Coventry', 'Oldham', 'Luton',
    ]);
    expect(sn.neighbours[2]).toEqual({ rank: 3, laCode: '861', closeness: 'Close' }); // "Close " trimmed
  });

  it('the groupings hold every authority once; the 2021 "Old SNs" are marked legacy', () => {
    const g21 = [...table.groupings['2021'].entries.values()];
    expect(g21.filter((e) => !e.legacy)).toHaveLength(152);
    expect(g21.filter((e) => e.legacy).map((e) => e.laCode)).toEqual(['835', '836', '837', '928']);
    expect(table.groupings['2025'].entries.size).toBe(153);
    expect(statisticalNeighbours(table, '909', '2025')).toBeNull(); // Cumbria: not in the 2025 model
    expect(statisticalNeighbours(table, '942', '2021')).toBeNull(); // Cumberland: not in the 2021 grouping
  });
});

describe('statistical-neighbour averages', () => {
  it('re-referrals 2018-19, 2021 grouping, equals the mean of the 10 neighbours\' published values', () => {
    // c1 rereferral_percent, time_period 2019: Wolverhampton, Walsall, Birmingham, Derby, Coventry,
    // Nottingham, Peterborough, Stoke-on-Trent, Luton, Blackburn with Darwen.
    const raw = [23.8, 25.2, 23.5, 16.5, 25.2, 19.2, 21.5, 31.2, 18.2, 18.1];
    const avg = neighbourAverage(table, 're-referrals', '333', 2019, { grouping: '2021' });
    expect(avg.value).toBe(mean1dp(raw));
    expect(avg.value).toBe(22.2); // 222.4 ÷ 10
    expect(avg.neighbourCount).toBe(10);
    expect(avg.groupSize).toBe(10);
    expect(avg.grouping).toBe('2021');
    expect(avg.neighbours.map((n) => n.value)).toEqual(raw);
    expect(avg.source.files).toContain('New_Statistical_Neighbour_Groupings_April_2021.csv');
    expect(avg.geography).toMatchObject({ level: 'Statistical neighbours', code: '333' });
    expect(avg.period.label).toBe('year to 31 March 2019');
  });

  it('re-referrals 2018-19, 2025 model', () => {
    // Wolverhampton, Hull, Stoke-on-Trent, Walsall, Rochdale, Bradford, Middlesbrough, Coventry, Oldham, Luton
    const raw = [23.8, 27.9, 31.2, 25.2, 15.9, 21, 23.2, 25.2, 25.7, 18.2];
    const avg = neighbourAverage(table, 're-referrals', '333', 2019);
    expect(avg.grouping).toBe('2025');
    expect(avg.value).toBe(mean1dp(raw));
    expect(avg.value).toBe(23.7); // 237.3 ÷ 10
  });

  it('a computed rate: CP plans per 10,000 at 31 March 2025, each neighbour\'s rate then the mean', () => {
    // d5 CPP_At31 (2025) and pop.csv (2024) for the 2025 neighbours, in order.
    const counts = [213, 498, 316, 227, 304, 468, 353, 398, 441, 189];
    const pops = [68405, 62379, 62520, 71799, 58087, 142483, 35617, 83561, 64069, 62280];
    const rates = counts.map((c, i) => Math.round((c / pops[i]!) * 100_000) / 10);
    const avg = neighbourAverage(table, 'cp-plan-rate', '333', 2025);
    expect(avg.neighbours.map((n) => n.value)).toEqual(rates);
    expect(avg.value).toBe(mean1dp(rates));
    expect(avg.neighbours[0]!.inputs).toEqual({ count: '213', population: '68405', populationMidYear: 2024 });
  });

  it('a suppressed neighbour value is left out, not counted as zero, and its marker is kept', () => {
    // d5 2_years_or_more_percent 2025; Luton is "c". Walsall and Hull are a real 0.
    const avg = neighbourAverage(table, 'cp-plans-2-years', '333', 2025);
    const values = [11.7, 0, 3.5, 0, 5.3, 3.2, 4, 3.5, 1.6];
    expect(avg.neighbourCount).toBe(9);
    expect(avg.groupSize).toBe(10);
    expect(avg.value).toBe(mean1dp(values)); // 32.8 ÷ 9 = 3.64 → 3.6
    expect(avg.value).toBe(3.6);
    const luton = avg.neighbours.find((n) => n.geography.code === '821')!;
    expect(luton).toMatchObject({
      value: null, marker: 'c', status: 'suppressed', included: false,
      markerMeaning: 'suppressed to protect confidentiality',
    });
    expect(avg.note).toBe('left out: Luton ("c")');
    expect(avg.source.derivation).toMatch(/^simple mean of 9 of 10 neighbours/);
  });

  it("the authority's own suppressed value is null with its marker", () => {
    const set = comparators(table, 'cp-plans-2-years', '333', 2019);
    expect(set.authority).toMatchObject({ value: null, marker: 'c', status: 'suppressed' });
    expect(set.england.value).not.toBeNull();
  });

  it('a neighbour with no row for the period (Cumbria after 2023) is left out', () => {
    const avg = neighbourAverage(table, 'cp-plan-rate', '830', 2025, { grouping: '2021' }); // Derbyshire
    const cumbria = avg.neighbours.find((n) => n.geography.code === '909')!;
    expect(cumbria).toMatchObject({ value: null, marker: null, status: 'not-published', included: false });
    expect(avg.neighbourCount).toBe(9);
    expect(avg.note).toMatch(/Cumbria \(no row\)/);
  });

  it('a joint workforce return (Kingston upon Thames / Richmond upon Thames) is counted once', () => {
    const kingston = comparators(table, 'sw-caseload', '314', 2025);
    expect(kingston.authority.value).toBe(kingston.statisticalNeighbours.neighbours.find((n) => n.geography.code === '318')!.value);
    expect(kingston.authority.note).toMatch(/joint return of Kingston upon Thames \/ Richmond upon Thames/);
    expect(kingston.authority.geography.name).toBe('Kingston upon Thames');
    const richmond = kingston.statisticalNeighbours.neighbours.find((n) => n.geography.code === '318')!;
    expect(richmond.included).toBe(false);
    expect(kingston.statisticalNeighbours.neighbourCount).toBe(9);
    // City of London's 2021 neighbours include both: the joint figure counts once.
    const city = neighbourAverage(table, 'sw-caseload', '201', 2025, { grouping: '2021' });
    const both = city.neighbours.filter((n) => n.geography.code === '314' || n.geography.code === '318');
    expect(both.map((n) => n.included)).toEqual([true, false]);
  });

  it('an authority the grouping does not list has no average, with a note', () => {
    const avg = neighbourAverage(table, 're-referrals', '909', 2019); // Cumbria, 2025 model
    expect(avg).toMatchObject({ value: null, status: 'not-published', neighbourCount: 0, groupSize: 0 });
    expect(avg.note).toMatch(/lists no neighbours for Cumbria/);
  });
});

describe('regions', () => {
  it('Sandwell is compared with the West Midlands', () => {
    const set = comparators(table, 're-referrals', '333', 2019);
    expect(set.region.geography).toEqual({ level: 'Regional', code: 'E12000005', name: 'West Midlands' });
    expect(set.region.value).toBe(23.6);
  });

  it('a London borough is compared with London, or with Inner/Outer London on request', () => {
    expect(regionOf(table, '202')).toEqual({ regionCode: 'E12000007', regionName: 'London' }); // Camden
    expect(regionOf(table, '202', { londonSubRegion: true })).toEqual({ regionCode: 'E13000001', regionName: 'Inner London' });
    const set = comparators(table, 're-referrals', '202', 2025, { londonSubRegion: true });
    expect(set.region.geography.name).toBe('Inner London');
  });
});

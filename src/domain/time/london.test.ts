import { describe, expect, it } from 'vitest';
import { addMonths, endOfLondonDay, fromLondon, londonDate, startOfLondonDay, toLondon } from './london.js';
import { formatSsdDateTime, parseSsdDate, parseSsdDateTime } from './ssd-dates.js';

describe('Europe/London time', () => {
  it('changes to BST at 01:00 UTC on the last Sunday of March and back on the last Sunday of October', () => {
    expect(toLondon(new Date('2019-03-31T00:59:59Z')).hour).toBe(0);
    expect(toLondon(new Date('2019-03-31T01:00:00Z')).hour).toBe(2);
    expect(toLondon(new Date('2019-10-27T00:59:59Z')).hour).toBe(1);
    expect(toLondon(new Date('2019-10-27T01:00:00Z')).hour).toBe(1);
    expect(toLondon(new Date('2019-10-27T02:00:00Z')).hour).toBe(2);
  });

  it('days are 23 and 25 hours long on the clock-change days', () => {
    const len = (d: string) => (endOfLondonDay(d).getTime() + 1 - startOfLondonDay(d).getTime()) / 3_600_000;
    expect(len('2019-03-31')).toBe(23);
    expect(len('2019-10-27')).toBe(25);
    expect(len('2019-06-01')).toBe(24);
  });

  it('reads the repeated autumn hour as BST unless told otherwise, and the missing spring hour as GMT', () => {
    const local = { year: 2019, month: 10, day: 27, hour: 1, minute: 30, second: 0 };
    expect(fromLondon(local).toISOString()).toBe('2019-10-27T00:30:00.000Z');
    expect(fromLondon(local, true).toISOString()).toBe('2019-10-27T01:30:00.000Z');
    expect(fromLondon({ year: 2019, month: 3, day: 31, hour: 1, minute: 30, second: 0 }).toISOString()).toBe('2019-03-31T01:30:00.000Z');
  });

  it('adds calendar months, keeping to the last day of a shorter month', () => {
    expect(addMonths('2019-11-30', 3)).toBe('2020-02-29');
    expect(addMonths('2018-11-30', 3)).toBe('2019-02-28');
    expect(addMonths('2020-02-29', -12)).toBe('2019-02-28');
    expect(londonDate(new Date('2019-06-30T23:30:00Z'))).toBe('2019-07-01');
  });
});

describe('SSD date text', () => {
  it('reads dates with or without times, in ISO and UK styles', () => {
    const p = parseSsdDateTime('12/03/2019 14:30');
    expect(p).toMatchObject({ hasTime: true, date: '2019-03-12' });
    expect((p as { instant: Date }).instant.toISOString()).toBe('2019-03-12T14:30:00.000Z');
    expect(parseSsdDateTime('2019-07-01 09:15:00.000')).toMatchObject({ instant: new Date('2019-07-01T08:15:00Z'), hasTime: true });
    expect(parseSsdDateTime('2019-07-01')).toMatchObject({ instant: new Date('2019-06-30T23:00:00Z'), hasTime: false });
    expect(parseSsdDate('2019-07-01 00:00:00')).toBe('2019-07-01');
  });

  it('explains what is wrong with a bad date', () => {
    expect(parseSsdDateTime('2019-02-29')).toEqual({ error: '"2019-02-29" is not a real calendar date' });
    expect(parseSsdDateTime('next Tuesday')).toMatchObject({ error: expect.stringMatching(/is not a date/) });
    expect(parseSsdDate('2019-07-01 10:00')).toEqual({ error: '"2019-07-01 10:00" has a time of day, but this field is a date' });
  });

  it('writes an offset only in the autumn hour that happens twice, so the round trip is exact', () => {
    const first = new Date('2019-10-27T00:30:00Z');
    const second = new Date('2019-10-27T01:30:00Z');
    expect(formatSsdDateTime(first, true)).toBe('2019-10-27 01:30:00+01:00');
    expect(formatSsdDateTime(second, true)).toBe('2019-10-27 01:30:00+00:00');
    expect(formatSsdDateTime(new Date('2019-06-14T08:45:00.250Z'), true)).toBe('2019-06-14 09:45:00.250');
    for (const d of [first, second]) {
      expect((parseSsdDateTime(formatSsdDateTime(d, true)) as { instant: Date }).instant.getTime()).toBe(d.getTime());
    }
  });
});

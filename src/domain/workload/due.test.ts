import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES, WorkingCalendar } from '../calendar/working-days.js';
import { cpSupervisionClock, cpVisitClock } from '../clocks/registry.js';
import { dueByDate, dueFromClock, dueWords } from './due.js';

const cal = ENGLAND_AND_WALES;

describe('due soon: within the next 5 working days', () => {
  it('due today is due soon, with 0 working days left', () => {
    const d = dueByDate('2026-11-23', '2026-11-23', cal);
    expect(d).toMatchObject({ state: 'due-soon', workingDaysLeft: 0, overdueBy: null });
    expect(dueWords(d, '2026-11-23')).toBe('Due today');
  });

  it('exactly 5 working days ahead is due soon; the 6th working day is not', () => {
    // Monday 23 November 2026: Mon 30 November is the 5th working day after it, Tue 1 December the 6th.
    expect(dueByDate('2026-11-30', '2026-11-23', cal)).toMatchObject({ state: 'due-soon', workingDaysLeft: 5 });
    expect(dueWords(dueByDate('2026-11-30', '2026-11-23', cal), '2026-11-23')).toBe('Due in 5 working days');
    expect(dueByDate('2026-12-01', '2026-11-23', cal)).toMatchObject({ state: 'later', workingDaysLeft: 6 });
  });

  it('a weekend straight after the 5th working day is still 5 working days away', () => {
    // Friday 20 November: the 5th working day is Friday 27th; Saturday 28th and Sunday 29th are due soon, Monday 30th is not.
    expect(dueByDate('2026-11-27', '2026-11-20', cal).state).toBe('due-soon');
    expect(dueByDate('2026-11-28', '2026-11-20', cal)).toMatchObject({ state: 'due-soon', workingDaysLeft: 5 });
    expect(dueByDate('2026-11-29', '2026-11-20', cal)).toMatchObject({ state: 'due-soon', workingDaysLeft: 5 });
    expect(dueByDate('2026-11-30', '2026-11-20', cal)).toMatchObject({ state: 'later', workingDaysLeft: 6 });
  });

  it('bank holidays are not working days: from Monday 21 December 2026 the 5th working day is Wednesday 30th', () => {
    // Christmas Day (Fri 25th) and the Boxing Day substitute (Mon 28th) do not count.
    expect(dueByDate('2026-12-29', '2026-12-21', cal)).toMatchObject({ state: 'due-soon', workingDaysLeft: 4 });
    expect(dueByDate('2026-12-30', '2026-12-21', cal)).toMatchObject({ state: 'due-soon', workingDaysLeft: 5 });
    expect(dueByDate('2026-12-31', '2026-12-21', cal)).toMatchObject({ state: 'later', workingDaysLeft: 6 });
  });

  it("the authority's closure days count like bank holidays", () => {
    const closed = new WorkingCalendar({ closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'] });
    // Tue 22, Wed 23, Thu 24 December, then (closed to New Year's Day) Mon 4 and Tue 5 January.
    expect(dueByDate('2027-01-05', '2026-12-21', closed)).toMatchObject({ state: 'due-soon', workingDaysLeft: 5 });
    expect(dueByDate('2027-01-06', '2026-12-21', closed)).toMatchObject({ state: 'later', workingDaysLeft: 6 });
    expect(dueByDate('2027-01-05', '2026-12-21', cal)).toMatchObject({ state: 'later' });
  });
});

describe('overdue', () => {
  it('a "by when" date is overdue from the next day, counted in days', () => {
    expect(dueByDate('2026-11-22', '2026-11-23', cal)).toMatchObject({ state: 'overdue', overdueBy: 1, measure: 'days', workingDaysLeft: null });
    expect(dueWords(dueByDate('2026-11-20', '2026-11-23', cal), '2026-11-23')).toBe('3 days overdue');
  });

  it('a working-day clock due on a Friday is still in time at the weekend and overdue on Monday', () => {
    // Last seen Friday 6 November 2026: the 10th working day after it is Friday 20 November.
    const fri = cpVisitClock.status('2026-11-06', null, '2026-11-20');
    expect(fri.due).toBe('2026-11-20');
    expect(dueFromClock(fri, cal)).toMatchObject({ state: 'due-soon', workingDaysLeft: 0 });
    const sat = dueFromClock(cpVisitClock.status('2026-11-06', null, '2026-11-21'), cal)!;
    expect(sat).toMatchObject({ state: 'due-soon', workingDaysLeft: 0 });
    expect(dueWords(sat, '2026-11-21')).toBe('Due now');
    const mon = dueFromClock(cpVisitClock.status('2026-11-06', null, '2026-11-23'), cal)!;
    expect(mon).toMatchObject({ state: 'overdue', overdueBy: 1, measure: 'working days' });
    expect(dueWords(mon, '2026-11-23')).toBe('1 working day overdue');
  });

  it('a working-day clock over Christmas skips the bank holidays', () => {
    // Seen Friday 18 December 2026: 10 working days later is Wednesday 6 January 2027.
    const status = cpVisitClock.status('2026-12-18', null, '2026-12-30');
    expect(status.due).toBe('2027-01-06');
    expect(dueFromClock(status, cal)).toMatchObject({ state: 'due-soon', workingDaysLeft: 4 });
  });

  it('a calendar-day clock due on a Sunday is due today on the Sunday and a day overdue on Monday', () => {
    // Case supervision on Sunday 25 October 2026 + 28 days = Sunday 22 November.
    const sun = dueFromClock(cpSupervisionClock.status('2026-10-25', null, '2026-11-22'), cal)!;
    expect(sun).toMatchObject({ state: 'due-soon', due: '2026-11-22', workingDaysLeft: 0 });
    expect(dueWords(sun, '2026-11-22')).toBe('Due today');
    const sat = dueFromClock(cpSupervisionClock.status('2026-10-25', null, '2026-11-21'), cal)!;
    expect(dueWords(sat, '2026-11-21')).toBe('Due by Sunday');
    expect(dueFromClock(cpSupervisionClock.status('2026-10-25', null, '2026-11-23'), cal)).toMatchObject({ state: 'overdue', overdueBy: 1, measure: 'days' });
  });

  it('work already done is not due', () => {
    expect(dueFromClock(cpVisitClock.status('2026-11-06', '2026-11-12', '2026-11-23'), cal)).toBeNull();
    expect(dueFromClock(cpVisitClock.status('2026-11-06', '2026-11-24', '2026-11-30'), cal)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-days.js';
import { toLondon } from '../time/london.js';
import {
  allocationClock,
  assessmentClock,
  claVisitFirstClock,
  clockById,
  clocks,
  contactDecisionClock,
  coreGroupClock,
  cpReviewFirstClock,
  cpReviewLaterClock,
  cpSupervisionClock,
  cpVisitClock,
  cinVisitClock,
  icpcClock,
  returnInterviewClock,
} from './registry.js';
import { DEFAULT_LOCAL_STANDARDS, localStandards } from './standards.js';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('hour clocks: elapsed real time', () => {
  it('24 hours from 12:00 on the Saturday before the spring change is 13:00 on Sunday, local time', () => {
    const contact = at('2024-03-30T12:00:00Z'); // 12:00 GMT
    const due = contactDecisionClock.due(contact);
    expect(due.toISOString()).toBe('2024-03-31T12:00:00.000Z');
    expect(toLondon(due)).toMatchObject({ day: 31, hour: 13 });
  });

  it('24 hours from 12:00 on the Saturday before the autumn change is 11:00 on Sunday, local time', () => {
    const contact = at('2024-10-26T11:00:00Z'); // 12:00 BST
    const due = contactDecisionClock.due(contact);
    expect(due.getTime() - contact.getTime()).toBe(24 * HOUR);
    expect(toLondon(due)).toMatchObject({ day: 27, hour: 11 });
  });

  it('a decision exactly 24 hours later is met; 24 hours and 1 second is late by 1 second', () => {
    const contact = at('2024-10-26T11:00:00Z');
    const exactly = contactDecisionClock.status(contact, at('2024-10-27T11:00:00Z'), at('2024-11-01T00:00:00Z'));
    expect(exactly).toMatchObject({ state: 'met', met: true, overdueBy: null });
    const late = contactDecisionClock.status(contact, at('2024-10-27T11:00:01Z'), at('2024-11-01T00:00:00Z'));
    expect(late).toMatchObject({ state: 'late', met: false, overdueBy: 1000, measure: 'milliseconds' });
  });

  it('72 hours across the clock changes for return home interviews', () => {
    const autumn = at('2024-10-25T17:00:00Z'); // Friday 18:00 BST
    const autumnDue = returnInterviewClock.due(autumn);
    expect(autumnDue.toISOString()).toBe('2024-10-28T17:00:00.000Z');
    expect(toLondon(autumnDue)).toMatchObject({ day: 28, hour: 17 }); // Monday 17:00 GMT
    expect(returnInterviewClock.status(autumn, autumnDue, autumnDue).met).toBe(true);
    expect(returnInterviewClock.status(autumn, new Date(autumnDue.getTime() + 1000), autumnDue).met).toBeNull();
    expect(returnInterviewClock.status(autumn, new Date(autumnDue.getTime() + 1000), at('2024-10-29T00:00:00Z')).met).toBe(false);

    const spring = at('2024-03-29T18:00:00Z'); // Friday 18:00 GMT
    expect(toLondon(returnInterviewClock.due(spring))).toMatchObject({ month: 4, day: 1, hour: 19 }); // Monday 19:00 BST
  });

  it('pending and overdue, as at a moment', () => {
    const contact = at('2024-03-11T14:30:00Z');
    const pending = contactDecisionClock.status(contact, null, at('2024-03-12T11:30:00Z'));
    expect(pending).toMatchObject({ state: 'pending', met: null, remaining: 3 * HOUR, overdueBy: null });
    const overdue = contactDecisionClock.status(contact, null, at('2024-03-12T15:30:00Z'));
    expect(overdue).toMatchObject({ state: 'overdue', met: false, overdueBy: HOUR });
  });

  it('ignores a decision after "now" (not yet made as at then) and one before the contact', () => {
    const contact = at('2024-03-11T14:30:00Z');
    const asAt = at('2024-03-11T20:00:00Z');
    expect(contactDecisionClock.status(contact, at('2024-03-12T09:00:00Z'), asAt)).toMatchObject({ state: 'pending', done: null });
    expect(contactDecisionClock.status(contact, at('2024-03-11T14:00:00Z'), at('2024-03-13T00:00:00Z')).state).toBe('overdue');
  });

  it('uses the authority standard for the length', () => {
    const standards = localStandards({ contactDecisionHours: 48 });
    const contact = at('2024-03-11T14:30:00Z');
    expect(contactDecisionClock.due(contact, { standards }).toISOString()).toBe('2024-03-13T14:30:00.000Z');
    expect(contactDecisionClock.length(standards)).toBe(48);
    expect(contactDecisionClock.length()).toBe(24);
  });
});

describe('working-day clocks', () => {
  it('ICPC: 15 working days from the strategy discussion, across Easter; 16 is late', () => {
    const strategy = '2024-03-14';
    expect(icpcClock.due(strategy)).toBe('2024-04-08');
    expect(icpcClock.status(strategy, '2024-04-08', '2024-04-30')).toMatchObject({ state: 'met', met: true });
    expect(icpcClock.status(strategy, '2024-04-09', '2024-04-30')).toMatchObject({ state: 'late', overdueBy: 1, measure: 'working days' });
  });

  it('takes the London date of an instant', () => {
    expect(icpcClock.due(at('2024-03-13T23:30:00Z'))).toBe('2024-04-05'); // 13 Mar, 23:30 GMT (14 Mar would give 8 Apr)
    expect(cpVisitClock.due(at('2024-06-30T23:30:00Z'))).toBe(cpVisitClock.due('2024-07-01')); // 00:30 BST on 1 Jul
  });

  it('assessment: 45 working days across Christmas and New Year, and with closure days', () => {
    expect(assessmentClock.due('2024-11-18')).toBe('2025-01-23');
    const calendar = new WorkingCalendar({ closureDays: ['2024-12-27', '2024-12-30', '2024-12-31'] });
    expect(assessmentClock.due('2024-11-18', { calendar })).toBe('2025-01-28');
    expect(assessmentClock.status('2024-11-18', '2025-01-28', '2025-01-31', { calendar }).met).toBe(true);
    expect(assessmentClock.status('2024-11-18', '2025-01-28', '2025-01-31')).toMatchObject({ met: false, overdueBy: 3 });
  });

  it('an event on the weekend straight after a due Friday is still within N (duration N)', () => {
    expect(cpVisitClock.due('2024-03-01')).toBe('2024-03-15');
    expect(cpVisitClock.status('2024-03-01', '2024-03-16', '2024-03-31').met).toBe(true);
    expect(cpVisitClock.status('2024-03-01', '2024-03-18', '2024-03-31')).toMatchObject({ met: false, overdueBy: 1 });
    expect(cpVisitClock.status('2024-03-01', null, '2024-03-17')).toMatchObject({ state: 'pending', remaining: 0 });
  });

  it('a start on a Saturday counts from the Monday', () => {
    expect(cinVisitClock.due('2024-03-09')).toBe('2024-04-09'); // skips Good Friday and Easter Monday
  });

  it('a start on a bank holiday counts from the next working day', () => {
    expect(allocationClock.due('2024-03-29')).toBe('2024-04-08'); // Good Friday
    expect(allocationClock.due('2022-12-25')).toBe('2023-01-04'); // Christmas Day: 26, 27 Dec and 2 Jan are holidays
    expect(coreGroupClock.due('2022-09-19')).toBe('2022-10-03'); // state funeral
  });

  it('day 0: an event on the start day is in time, and nothing is due on day 0', () => {
    expect(icpcClock.status('2024-03-14', '2024-03-14', '2024-03-14')).toMatchObject({ state: 'met' });
    expect(icpcClock.status('2024-03-14', null, '2024-03-14')).toMatchObject({ state: 'pending', remaining: 15 });
  });

  it('allocation: unallocated from Friday, as at the following Friday = 5 (not more than 5), Monday = 6', () => {
    expect(allocationClock.status('2024-03-08', null, '2024-03-15')).toMatchObject({ state: 'pending', remaining: 0 });
    expect(allocationClock.status('2024-03-08', null, '2024-03-18')).toMatchObject({ state: 'overdue', overdueBy: 1 });
    expect(allocationClock.length(localStandards({ allocationWorkingDays: 10 }))).toBe(10);
  });

  it('throws outside the calendar for working-day clocks', () => {
    expect(() => icpcClock.due('1999-06-01')).toThrow(RangeError);
    expect(() => icpcClock.due('2040-12-20')).toThrow(/outside the working-day calendar/);
  });
});

describe('calendar-day and month clocks', () => {
  it('supervision: 28 days, so "within 28 days up to month end" means on or after month end - 28', () => {
    expect(cpSupervisionClock.due('2024-03-03')).toBe('2024-03-31');
    expect(cpSupervisionClock.status('2024-03-03', null, '2024-03-31')).toMatchObject({ state: 'pending', remaining: 0 });
    expect(cpSupervisionClock.status('2024-03-02', null, '2024-03-31')).toMatchObject({ state: 'overdue', overdueBy: 1, measure: 'calendar days' });
  });

  it('month-end additions take the last day of a shorter month', () => {
    expect(cpReviewFirstClock.due('2022-11-30')).toBe('2023-02-28');
    expect(cpReviewFirstClock.due('2023-11-30')).toBe('2024-02-29');
    expect(cpReviewLaterClock.due('2020-02-29')).toBe('2020-08-29');
    expect(cpReviewLaterClock.due('2019-08-31')).toBe('2020-02-29');
  });

  it('a review held exactly on its due date is met; a day later is not', () => {
    expect(cpReviewFirstClock.due('2024-01-15')).toBe('2024-04-15');
    expect(cpReviewFirstClock.status('2024-01-15', '2024-04-15', '2024-05-01')).toMatchObject({ state: 'met', met: true });
    expect(cpReviewFirstClock.status('2024-01-15', '2024-04-16', '2024-05-01')).toMatchObject({ state: 'late', met: false, overdueBy: 1 });
  });

  it('a visit on the placement start day counts; one before the placement does not', () => {
    expect(claVisitFirstClock.due('2024-03-01')).toBe('2024-03-08');
    expect(claVisitFirstClock.status('2024-03-01', '2024-03-01', '2024-03-31').met).toBe(true);
    expect(claVisitFirstClock.status('2024-03-01', '2024-02-29', '2024-03-31')).toMatchObject({ state: 'overdue', done: null, overdueBy: 23 });
  });
});

describe('registry and standards', () => {
  it('lists every clock once, each documented', () => {
    expect(clocks).toHaveLength(19);
    expect(new Set(clocks.map((c) => c.id)).size).toBe(clocks.length);
    for (const clock of clocks) {
      expect(clockById(clock.id)).toBe(clock);
      expect(clock.name && clock.description && clock.source && clock.words.event && clock.words.done).toBeTruthy();
      expect(clock.length()).toBeGreaterThan(0);
    }
    expect(() => clockById('nope' as never)).toThrow(/Unknown clock/);
  });

  it('has the documented defaults, and the local ones are configurable', () => {
    const lengths = Object.fromEntries(clocks.map((c) => [c.id, `${c.length()} ${c.unit}`]));
    expect(lengths).toEqual({
      'contact-decision': '24 hours',
      allocation: '5 working days',
      assessment: '45 working days',
      icpc: '15 working days',
      'core-group': '10 working days',
      'cp-review-first': '3 months',
      'cp-review-later': '6 months',
      'cp-visit': '10 working days',
      'cin-visit': '20 working days',
      'cp-supervision': '28 calendar days',
      'cin-supervision': '56 calendar days',
      'cla-supervision': '56 calendar days',
      'cla-review-first': '20 working days',
      'cla-review-second': '3 months',
      'cla-review-later': '6 months',
      'cla-visit-first': '7 calendar days',
      'cla-visit': '42 calendar days',
      'cla-visit-long-term': '3 months',
      'return-interview': '72 hours',
    });
    const configurable = clocks.filter((c) => c.setting !== null).map((c) => c.id);
    expect(configurable.sort()).toEqual(
      ['allocation', 'cin-supervision', 'cin-visit', 'cla-supervision', 'contact-decision', 'cp-supervision', 'cp-visit', 'return-interview'],
    );
    const standards = localStandards({ cpVisitWorkingDays: 5, cpSupervisionDays: 30 });
    expect(cpVisitClock.due('2024-03-01', { standards })).toBe('2024-03-08');
    expect(cpSupervisionClock.due('2024-03-01', { standards })).toBe('2024-03-31');
    expect(DEFAULT_LOCAL_STANDARDS.assessmentFrom).toBe('assessment start');
  });

  it('rejects invalid standards', () => {
    expect(() => localStandards({ cpVisitWorkingDays: 0 })).toThrow(/cpVisitWorkingDays/);
    expect(() => localStandards({ contactDecisionHours: 1.5 })).toThrow(/whole number/);
    expect(() => localStandards({ assessmentFrom: 'contact' as never })).toThrow(/assessmentFrom/);
  });
});

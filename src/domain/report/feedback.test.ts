import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES, WorkingCalendar } from '../calendar/working-days.js';
import { complaintsByArea, feedbackMonth, feedbackSection, timeliness, type FeedbackRecord } from './feedback.js';

const complaint = (id: string, receivedDate: string, respondedDate: string | null, serviceArea: string | null = 'CM'): FeedbackRecord =>
  ({ id, type: 'COMP', receivedDate, respondedDate, serviceArea });
const compliment = (id: string, receivedDate: string, serviceArea: string | null = 'CLA'): FeedbackRecord =>
  ({ id, type: 'CPLT', receivedDate, respondedDate: null, serviceArea });

describe('complaint response timescale', () => {
  // Received Monday 5 October 2026: the 20th working day after is Monday 2 November.
  it('is met on the 20th working day after receipt and missed on the 21st', () => {
    expect(timeliness(complaint('C', '2026-10-05', '2026-11-02'), 20, ENGLAND_AND_WALES, '2026-11-22')).toBe('in time');
    expect(timeliness(complaint('C', '2026-10-05', '2026-11-03'), 20, ENGLAND_AND_WALES, '2026-11-22')).toBe('late');
    expect(timeliness(complaint('C', '2026-10-05', '2026-10-05'), 20, ENGLAND_AND_WALES, '2026-11-22')).toBe('in time');
    // Without a response: awaiting until the deadline has passed, then overdue.
    expect(timeliness(complaint('C', '2026-10-05', null), 20, ENGLAND_AND_WALES, '2026-11-02')).toBe('awaiting');
    expect(timeliness(complaint('C', '2026-10-05', null), 20, ENGLAND_AND_WALES, '2026-11-03')).toBe('overdue');
    // A shorter local timescale.
    expect(timeliness(complaint('C', '2026-10-05', '2026-10-20'), 10, ENGLAND_AND_WALES, '2026-11-22')).toBe('late');
    // Dates the calendar cannot count are not guessed.
    expect(timeliness(complaint('C', '1999-10-05', null), 20, ENGLAND_AND_WALES, '2026-11-22')).toBe('unknown');
  });

  it('skips bank holidays and the authority’s closure days', () => {
    // Received Tuesday 1 December 2026: Christmas Day and Boxing Day (substitute) are not working days.
    expect(timeliness(complaint('C', '2026-12-01', '2026-12-31'), 20, ENGLAND_AND_WALES, '2027-02-01')).toBe('in time');
    // Closed on 29 December as well: the 20th working day is Monday 4 January (1 January is a bank holiday).
    const closed = new WorkingCalendar({ closureDays: ['2026-12-29'] });
    expect(timeliness(complaint('C', '2026-12-01', '2027-01-04'), 20, closed, '2027-02-01')).toBe('in time');
    expect(timeliness(complaint('C', '2026-12-01', '2027-01-04'), 20, ENGLAND_AND_WALES, '2027-02-01')).toBe('late');
  });
});

describe('a month of complaints and compliments', () => {
  const records = [
    complaint('C1', '2026-10-05', '2026-10-09'), // in time
    complaint('C2', '2026-10-05', '2026-11-03'), // late
    complaint('C3', '2026-10-01', null), // overdue at 22 November
    complaint('C4', '2026-10-30', null), // due 27 November: awaiting
    complaint('C5', '2026-09-30', '2026-10-01'), // September
    complaint('C6', '2026-11-01', null), // November
    compliment('P1', '2026-10-01'),
    compliment('P2', '2026-10-31'),
  ];

  it('counts what was received in the month, and the per cent of complaints answered in time, leaving out those not yet due', () => {
    expect(feedbackMonth('2026-10', records, 20, ENGLAND_AND_WALES, '2026-11-22')).toEqual({
      month: '2026-10', label: 'October 2026', received: 6, compliments: 2, complaints: 4,
      respondedInTime: 1, respondedLate: 1, overdue: 1, awaiting: 1, unknown: 0, percentInTime: 33.3,
    });
  });

  it('has no percentage in a month with nothing received, or with every complaint still awaiting a response', () => {
    expect(feedbackMonth('2026-08', records, 20, ENGLAND_AND_WALES, '2026-11-22')).toMatchObject({ received: 0, complaints: 0, percentInTime: null });
    expect(feedbackMonth('2026-11', records, 20, ENGLAND_AND_WALES, '2026-11-22')).toMatchObject({ complaints: 1, awaiting: 1, percentInTime: null });
  });

  it('shares complaints by service area, most first, with those not recorded named so', () => {
    const areas = [
      complaint('A', '2026-10-01', null, 'CM'), complaint('B', '2026-10-02', null, 'CM'), complaint('C', '2026-10-03', null, 'LC'),
      complaint('D', '2026-10-04', null, null), complaint('E', '2026-09-04', null, 'FD'), compliment('F', '2026-10-04', 'AS'),
    ];
    expect(complaintsByArea(['2026-10'], areas)).toEqual([
      { code: 'CM', label: 'Care management (CIN and CP)', count: 2, percent: 50 },
      { code: 'LC', label: 'Leaving care', count: 1, percent: 25 },
      { code: null, label: 'Not recorded', count: 1, percent: 25 },
    ]);
    expect(complaintsByArea(['2026-08'], areas)).toEqual([]);
    const section = feedbackSection(['2026-09', '2026-10'], ['2026-09', '2026-10'], areas, 20, ENGLAND_AND_WALES, '2026-11-22');
    expect(section.months.map((m) => m.complaints)).toEqual([1, 4]);
    expect(section.areasInMonth.map((a) => a.count)).toEqual([2, 1, 1]);
    expect(section.areasInPeriod.map((a) => a.code)).toEqual(['CM', 'FD', 'LC', null]);
  });
});

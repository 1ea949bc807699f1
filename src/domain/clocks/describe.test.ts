import { describe, expect, it } from 'vitest';
import { describeStatus, formatElapsed } from './describe.js';
import { contactDecisionClock, cpReviewFirstClock, cpVisitClock } from './registry.js';

describe('plain-English results', () => {
  it('day clocks', () => {
    // 10 working days before Tuesday 12 March 2024 is Tuesday 27 February.
    expect(describeStatus(cpVisitClock.status('2024-02-27', '2024-03-15', '2024-03-31'))).toBe(
      'visit due 12 Mar, seen 15 Mar: 3 working days late',
    );
    expect(describeStatus(cpVisitClock.status('2024-02-27', '2024-03-12', '2024-03-31'))).toBe('visit due 12 Mar, seen 12 Mar: on time');
    expect(describeStatus(cpVisitClock.status('2024-02-27', null, '2024-03-13'))).toBe('visit due 12 Mar, not seen: 1 working day overdue');
    expect(describeStatus(cpVisitClock.status('2024-02-27', null, '2024-03-08'))).toBe('visit due 12 Mar: 2 working days left');
    expect(describeStatus(cpVisitClock.status('2024-02-27', null, '2024-03-12'))).toBe('visit due 12 Mar: due today');
    expect(describeStatus(cpReviewFirstClock.status('2024-01-15', '2024-04-18', '2024-04-30'))).toBe(
      'review conference due 15 Apr, held 18 Apr: 3 days late',
    );
  });

  it('hour clocks show the time', () => {
    const contact = new Date('2024-03-11T14:30:00Z');
    expect(describeStatus(contactDecisionClock.status(contact, null, new Date('2024-03-12T11:30:00Z')))).toBe(
      'decision due 14:30 on Tuesday 12 March: 3 hours left',
    );
    expect(describeStatus(contactDecisionClock.status(contact, new Date('2024-03-12T16:00:00Z'), new Date('2024-03-13T00:00:00Z')))).toBe(
      'decision due 14:30 on Tuesday 12 March, made 16:00 on Tuesday 12 March: 1 hour 30 minutes late',
    );
    expect(describeStatus(contactDecisionClock.status(contact, new Date('2024-03-12T14:30:01Z'), new Date('2024-03-13T00:00:00Z')))).toMatch(
      /: 1 second late$/,
    );
    expect(describeStatus(contactDecisionClock.status(new Date('2024-06-11T13:30:00Z'), null, new Date('2024-06-14T15:00:00Z')))).toBe(
      'decision due 14:30 on Wednesday 12 June, not made: 2 days 1 hour overdue',
    );
  });

  it('formats elapsed time in its two largest units', () => {
    expect(formatElapsed(45_000)).toBe('45 seconds');
    expect(formatElapsed(60_000)).toBe('1 minute');
    expect(formatElapsed(3 * 3_600_000)).toBe('3 hours');
    expect(formatElapsed(3 * 3_600_000 + 5 * 60_000 + 59_000)).toBe('3 hours 5 minutes');
    expect(formatElapsed(49 * 3_600_000)).toBe('2 days 1 hour');
  });
});

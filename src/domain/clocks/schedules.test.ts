import { describe, expect, it } from 'vitest';
import { addMonths } from '../time/london.js';
import {
  claReviewFirstClock,
  claReviewLaterClock,
  claReviewSecondClock,
  claVisitClock,
  claVisitFirstClock,
  claVisitLongTermClock,
  cpReviewFirstClock,
  cpReviewLaterClock,
  cpSupervisionClock,
  cpVisitClock,
} from './registry.js';
import { assessmentDeadline, nextClaReview, nextClaVisit, nextCpReview, nextRecurring } from './schedules.js';
import { localStandards } from './standards.js';

describe('recurring visits and supervision', () => {
  it('run from the latest event on or after the plan start, else from the plan start', () => {
    expect(nextRecurring(cpVisitClock, '2024-03-01', [])).toMatchObject({ clock: cpVisitClock, start: '2024-03-01', due: '2024-03-15' });
    const d = nextRecurring(cpVisitClock, '2024-03-01', ['2024-03-12', '2024-02-20', '2024-03-05']);
    expect(d).toMatchObject({ start: '2024-03-12', due: '2024-03-26' });
    // A supervision before the plan started does not move the clock back.
    expect(nextRecurring(cpSupervisionClock, '2024-03-01', ['2024-02-25']).start).toBe('2024-03-01');
  });

  it('measure 6 shape: compliant at month end when the deadline is not overdue', () => {
    const d = nextRecurring(cpVisitClock, '2024-01-10', ['2024-03-15']);
    expect(d.clock.status(d.start, null, '2024-03-29').met).toBeNull(); // due 2 Apr (Good Friday, Easter Monday skipped)
    expect(d.due).toBe('2024-04-02');
  });
});

describe('CP review conferences', () => {
  it('3 months from plan start until the first is held, then 6 months from the latest held', () => {
    expect(nextCpReview('2023-11-30', [])).toMatchObject({ clock: cpReviewFirstClock, due: '2024-02-29' });
    expect(nextCpReview('2023-11-30', ['2024-03-05'])).toMatchObject({ clock: cpReviewLaterClock, start: '2024-03-05', due: '2024-09-05' });
    expect(nextCpReview('2023-11-30', ['2024-09-01', '2024-03-05'])).toMatchObject({ start: '2024-09-01', due: '2025-03-01' });
  });

  it('a late review puts the plan back on schedule (settled detail 11)', () => {
    const first = nextCpReview('2024-01-15', []);
    expect(first.clock.status(first.start, '2024-05-01', '2024-05-31').met).toBe(false);
    const next = nextCpReview('2024-01-15', ['2024-05-01']);
    expect(next.clock.status(next.start, null, '2024-05-31').state).toBe('pending');
  });

  it('ignores reviews before the plan started', () => {
    expect(nextCpReview('2024-01-15', ['2023-12-01']).clock).toBe(cpReviewFirstClock);
  });
});

describe('looked-after reviews', () => {
  it('20 working days, then 3 months from the first, then 6 months from the previous', () => {
    const start = '2024-01-08';
    const reviews = ['2024-02-01', '2024-05-10', '2024-11-11'];
    const deadlines = reviews.map((_, i) => nextClaReview(start, reviews.slice(0, i)));
    expect(deadlines.map((d) => [d.clock.id, d.start, d.due])).toEqual([
      [claReviewFirstClock.id, '2024-01-08', '2024-02-05'],
      [claReviewSecondClock.id, '2024-02-01', '2024-05-01'],
      [claReviewLaterClock.id, '2024-05-10', '2024-11-10'],
    ]);
    const met = deadlines.map((d, i) => d.clock.status(d.start, reviews[i] ?? null, '2025-03-31').met);
    expect(met).toEqual([true, false, false]);
    expect(nextClaReview(start, reviews)).toMatchObject({ clock: claReviewLaterClock, due: '2025-05-11' });
  });

  it('each period of care restarts the sequence', () => {
    expect(nextClaReview('2024-06-03', ['2024-02-01', '2024-05-10']).clock).toBe(claReviewFirstClock);
  });
});

describe('looked-after visits (reg 28, settled detail 10)', () => {
  it('first visit within 7 days of the placement start; a visit on the start day counts', () => {
    const placement = { start: '2024-03-01', longTerm: false };
    expect(nextClaVisit(placement, [])).toMatchObject({ clock: claVisitFirstClock, due: '2024-03-08' });
    expect(nextClaVisit(placement, ['2024-03-01'])).toMatchObject({ clock: claVisitClock, start: '2024-03-01', due: '2024-04-12' });
  });

  it('a visit before the placement began does not count', () => {
    const placement = { start: '2024-03-01', longTerm: false };
    const d = nextClaVisit(placement, ['2024-02-28']);
    expect(d).toMatchObject({ clock: claVisitFirstClock, start: '2024-03-01' });
    expect(d.clock.status(d.start, null, '2024-03-31')).toMatchObject({ state: 'overdue', overdueBy: 23 });
  });

  it('after the first anniversary of a long-term placement the interval becomes 3 months', () => {
    const longTerm = { start: '2023-01-10', longTerm: true };
    expect(nextClaVisit(longTerm, ['2024-01-09'])).toMatchObject({ clock: claVisitClock, due: '2024-02-20' });
    expect(nextClaVisit(longTerm, ['2024-01-09', '2024-01-10'])).toMatchObject({ clock: claVisitLongTermClock, due: '2024-04-10' });
    expect(nextClaVisit({ ...longTerm, longTerm: false }, ['2024-01-10'])).toMatchObject({ clock: claVisitClock, due: '2024-02-21' });
  });

  it('the anniversary of a 29 February start is 28 February', () => {
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2020-02-29', -12)).toBe('2019-02-28');
    const placement = { start: '2020-02-29', longTerm: true };
    expect(nextClaVisit(placement, ['2021-02-27']).clock).toBe(claVisitClock);
    expect(nextClaVisit(placement, ['2021-02-28']).clock).toBe(claVisitLongTermClock);
  });
});

describe('assessment start option', () => {
  it('counts from the assessment start by default, or from the referral', () => {
    const assessment = { start: '2024-11-18', referral: '2024-11-11' };
    expect(assessmentDeadline(assessment)?.due).toBe('2025-01-23');
    const standards = localStandards({ assessmentFrom: 'referral' });
    expect(assessmentDeadline(assessment, { standards })).toMatchObject({ start: '2024-11-11', due: '2025-01-16' });
    expect(assessmentDeadline({ start: '2024-11-18' }, { standards })).toBeNull();
  });
});

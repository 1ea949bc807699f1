import { describe, expect, it } from 'vitest';
import { auditSection, auditSectionMonths, gradeBreakdown, moderationChange, type AuditActionRecord, type AuditRecord, type AuditTargets } from './audits.js';
import { previousQuarter, quarterOf } from './periods.js';

const audit = (id: string, auditDate: string, grade: string, moderatedGrade: string | null = null, moderationDate: string | null = null): AuditRecord =>
  ({ id, auditDate, grade, moderatedGrade, moderationDate });
const action = (id: string, auditId: string, dueDate: string | null, status: string, completedDate: string | null = null): AuditActionRecord =>
  ({ id, auditId, dueDate, status, completedDate });
const targets = (audits: number | null, moderations: number | null = null): AuditTargets => ({
  auditsInMonth: () => audits,
  moderationsInMonth: () => moderations,
});

describe('financial-year quarters', () => {
  it('puts April to June in quarter 1 and January to March in quarter 4 of the year before', () => {
    expect(quarterOf('2026-04')).toMatchObject({ key: '2026-27 Q1', months: ['2026-04', '2026-05', '2026-06'], label: 'Quarter 1 2026-27 (April to June 2026)' });
    expect(quarterOf('2026-06').key).toBe('2026-27 Q1');
    expect(quarterOf('2026-07').key).toBe('2026-27 Q2');
    expect(quarterOf('2026-12')).toMatchObject({ key: '2026-27 Q3', months: ['2026-10', '2026-11', '2026-12'] });
    expect(quarterOf('2027-01')).toMatchObject({ key: '2026-27 Q4', months: ['2027-01', '2027-02', '2027-03'], label: 'Quarter 4 2026-27 (January to March 2027)' });
    expect(quarterOf('2027-03').key).toBe('2026-27 Q4');
    expect(quarterOf('1999-12').financialYear).toBe('1999-00');
    expect(previousQuarter('2026-04').key).toBe('2025-26 Q4');
    expect(previousQuarter('2027-02').key).toBe('2026-27 Q3');
    expect(auditSectionMonths('2026-11')).toEqual({ from: '2026-07', to: '2026-11' });
    expect(auditSectionMonths('2027-01')).toEqual({ from: '2026-10', to: '2027-01' });
  });
});

describe('grades and moderation', () => {
  it('groups Outstanding with Good, and keeps unrecognised grades in the total', () => {
    expect(gradeBreakdown(['O', 'G', 'RI', 'I', 'X'])).toEqual({
      total: 5, goodOrBetter: { count: 2, percent: 40 }, requiresImprovement: { count: 1, percent: 20 }, inadequate: { count: 1, percent: 20 }, unrecognised: 1,
    });
    expect(gradeBreakdown([])).toEqual({
      total: 0, goodOrBetter: { count: 0, percent: null }, requiresImprovement: { count: 0, percent: null }, inadequate: { count: 0, percent: null }, unrecognised: 0,
    });
    // Percentages to one decimal place, as the seed report shows them (21 of 143 = 14.7%).
    expect(gradeBreakdown([...Array(21).fill('G'), ...Array(122).fill('I')]).goodOrBetter.percent).toBe(14.7);
  });

  it('says whether moderation moved the grade up or down', () => {
    expect(moderationChange('G', 'RI')).toBe('down');
    expect(moderationChange('RI', 'G')).toBe('up');
    expect(moderationChange('G', 'O')).toBe('up');
    expect(moderationChange('I', 'I')).toBe('same');
    expect(moderationChange('G', 'X')).toBeNull();
  });
});

describe('the audit section', () => {
  it('has nothing to count in a quarter without audits, and no percentages', () => {
    const s = auditSection('2026-10', [], [], targets(10, 4), '2026-11-22');
    expect(s.months.map((m) => m.key)).toEqual(['2026-10']);
    expect(s.quarterToDate).toBe(true);
    expect(s.quarterTotal).toMatchObject({ label: 'Quarter 3 2026-27 so far', target: 10, completed: 0, percentOfTarget: 0 });
    expect(s.quarterTotal.grades.goodOrBetter).toEqual({ count: 0, percent: null });
    expect(s.quarterTotal.moderations).toMatchObject({ target: 4, count: 0, percentOfTarget: 0, upgraded: { count: 0, percent: null } });
    expect(s.quarterTotal.actions).toEqual({ raised: 0, done: 0, doneOnTime: 0, overdue: 0, open: 0, dropped: 0 });
    expect(auditSection('2026-10', [], [], targets(null), '2026-11-22').quarterTotal.percentOfTarget).toBeNull();
  });

  it('counts audits on the first and last days of a quarter in that quarter, and targets month by month', () => {
    const audits = [
      audit('A1', '2026-06-30', 'G'), // last day of Q1
      audit('A2', '2026-07-01', 'RI'), // first day of Q2
      audit('A3', '2026-09-30', 'I'), // last day of Q2
      audit('A4', '2026-10-01', 'O'), // first day of Q3
    ];
    const s = auditSection('2026-09', audits, [], targets(2), '2026-11-22');
    expect(s.quarter.key).toBe('2026-27 Q2');
    expect(s.quarterToDate).toBe(false);
    expect(s.months.map((m) => [m.key, m.completed, m.target])).toEqual([['2026-07', 1, 2], ['2026-08', 0, 2], ['2026-09', 1, 2]]);
    expect(s.quarterTotal).toMatchObject({ label: 'Quarter 2 2026-27', target: 6, completed: 2, percentOfTarget: 33.3 });
    expect(s.quarterTotal.grades.requiresImprovement).toEqual({ count: 1, percent: 50 });
    expect(s.quarterTotal.grades.inadequate).toEqual({ count: 1, percent: 50 });
    expect(s.previousQuarter).toMatchObject({ key: '2026-27 Q1', completed: 1, target: 6 });
  });

  it('counts a moderation in the month it was done, even when the audit was in an earlier month or quarter', () => {
    const audits = [
      audit('A1', '2026-09-24', 'G', 'RI', '2026-10-06'), // audited in Q2, moderated (down) in Q3
      audit('A2', '2026-10-12', 'RI', 'G', '2026-11-03'), // audited in October, moderated (up) in November
      audit('A3', '2026-10-20', 'I', 'I', '2026-10-28'), // moderated, unchanged, in October
      audit('A4', '2026-11-02', 'G', 'RI', null), // moderated grade with no date: counts in the audit's month
    ];
    const s = auditSection('2026-11', audits, [], targets(3, 2), '2026-11-22');
    const [oct, nov] = s.months;
    expect(oct).toMatchObject({ completed: 2, moderations: { count: 2, target: 2, percentOfTarget: 100 } });
    expect(oct!.moderations.downgraded).toEqual({ count: 1, percent: 50 });
    expect(oct!.moderations.unchanged).toEqual({ count: 1, percent: 50 });
    expect(oct!.moderations.grades.requiresImprovement.count).toBe(1);
    expect(oct!.moderations.grades.inadequate.count).toBe(1);
    expect(nov).toMatchObject({ completed: 1, moderations: { count: 2 } });
    expect(nov!.moderations.upgraded).toEqual({ count: 1, percent: 50 });
    expect(nov!.moderations.downgraded).toEqual({ count: 1, percent: 50 });
    expect(s.quarterTotal.moderations).toMatchObject({ count: 4, target: 4, percentOfTarget: 100 });
    // The previous quarter has A1's audit but not its moderation.
    expect(s.previousQuarter).toMatchObject({ completed: 1, moderations: { count: 0 } });
    // Final grades of the audits completed: moderated where moderated.
    expect(oct!.grades.goodOrBetter.count).toBe(0);
    expect(oct!.finalGrades.goodOrBetter.count).toBe(1); // A2 moderated up to Good
  });

  it('follows the actions raised by the audits completed in the period', () => {
    const audits = [audit('A1', '2026-10-05', 'RI'), audit('A2', '2026-09-05', 'I')];
    const actions = [
      action('X1', 'A1', '2026-10-20', 'DONE', '2026-10-19'), // done on time
      action('X2', 'A1', '2026-10-20', 'DONE', '2026-10-25'), // done late
      action('X3', 'A1', '2026-11-21', 'OPEN'), // due yesterday: overdue
      action('X4', 'A1', '2026-11-22', 'PROG'), // due today: not yet overdue
      action('X5', 'A1', '2026-10-20', 'DROP'),
      action('X6', 'A2', '2026-09-20', 'OPEN'), // an earlier quarter's audit
    ];
    const s = auditSection('2026-10', audits, actions, targets(1), '2026-11-22');
    expect(s.months[0]!.actions).toEqual({ raised: 5, done: 2, doneOnTime: 1, overdue: 1, open: 2, dropped: 1 });
    expect(s.previousQuarter.actions).toMatchObject({ raised: 1, overdue: 1 });
  });
});

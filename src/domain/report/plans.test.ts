import { describe, expect, it } from 'vitest';
import {
  actionChangeProblems, actionProblems, entryProblems, openInMonth, planChangeProblems, planProblems, planStatus, type PlanAction,
} from './plans.js';

const action = (status: PlanAction['status'], dueDate: string): PlanAction => ({ id: `${status}${dueDate}`, action: 'x', owner: 'y', dueDate, status, progress: '' });

describe('a plan’s status in the report', () => {
  it('counts actions overdue only when still to do and past the due date (not on it)', () => {
    const s = planStatus(false, [action('OPEN', '2026-11-30'), action('PROG', '2026-12-01'), action('DONE', '2026-01-01'), action('DROP', '2026-01-01')], '2026-12-01');
    expect(s).toMatchObject({ total: 4, done: 1, inProgress: 1, notStarted: 1, dropped: 1, overdue: 1, nextDue: '2026-11-30', words: '1 action overdue', colour: 'red' });
    // Done of the actions still wanted (the dropped one left out): 1 of 3.
    expect(s.percentDone).toBe(33.3);
  });

  it('says when a plan is on track, has no actions, has all done, or is closed', () => {
    expect(planStatus(false, [action('OPEN', '2027-01-31')], '2026-12-31').words).toBe('On track');
    expect(planStatus(false, [], '2026-12-31')).toMatchObject({ words: 'No actions yet', percentDone: null, nextDue: null });
    expect(planStatus(false, [action('DONE', '2026-01-01'), action('DROP', '2026-01-01')], '2026-12-31')).toMatchObject({ words: 'All actions done', percentDone: 100 });
    expect(planStatus(true, [action('OPEN', '2020-01-01')], '2026-12-31')).toMatchObject({ words: 'Closed', colour: 'grey', overdue: 1 });
    expect(planStatus(false, [action('OPEN', '2020-01-01'), action('PROG', '2020-01-02')], '2026-12-31').words).toBe('2 actions overdue');
  });

  it('is in a month’s report when open at any time in the month, across the year end', () => {
    expect(openInMonth('2026-12-31', null, '2026-12', '2026-12-31')).toBe(true);
    expect(openInMonth('2027-01-01', null, '2026-12', '2026-12-31')).toBe(false);
    expect(openInMonth('2026-01-01', '2026-12-01', '2026-12', '2026-12-31')).toBe(true);
    expect(openInMonth('2026-01-01', '2026-11-30', '2026-12', '2026-12-31')).toBe(false);
  });
});

describe('the forms', () => {
  it('needs a plan’s title, owner, aim and start, and a measure from the list', () => {
    expect(Object.keys(planProblems({ kind: 'action', title: ' ', owner: '', aim: '', measureId: 'nope', startDate: '' }, ['m01']))).toEqual(['title', 'owner', 'aim', 'measure', 'start-day']);
    expect(planProblems({ kind: 'action', title: 'T', owner: 'O', aim: 'A', measureId: '', startDate: '', startProblem: 'The date the plan started must be a real date' }, []))
      .toEqual({ 'start-day': 'The date the plan started must be a real date' });
    expect(planProblems({ kind: 'rectification', title: 'T', owner: 'O', aim: 'A', measureId: 'm01', startDate: '2026-12-01' }, ['m01'])).toEqual({});
    expect(planProblems({ kind: 'action', title: 'x'.repeat(201), owner: 'O', aim: 'A', measureId: '', startDate: '2026-12-01' }, []).title).toMatch(/200 characters or fewer/);
  });

  it('needs progress and a reason to change a plan, and a close date on or after the start', () => {
    expect(Object.keys(planChangeProblems({ status: '', progress: '', reason: '', closedOn: '' }, '2026-01-01'))).toEqual(['status', 'progress', 'reason']);
    expect(planChangeProblems({ status: 'closed', progress: 'p', reason: 'r', closedOn: '' }, '2026-01-01')).toEqual({ 'closed-day': 'Enter the date the plan closed' });
    expect(planChangeProblems({ status: 'closed', progress: 'p', reason: 'r', closedOn: '2025-12-31' }, '2026-01-01')['closed-day']).toMatch(/on or after/);
    expect(planChangeProblems({ status: 'closed', progress: 'p', reason: 'r', closedOn: '2026-01-01' }, '2026-01-01')).toEqual({});
  });

  it('needs an action’s what, who and when; a status change needs a known status, progress and a reason', () => {
    expect(Object.keys(actionProblems({ action: '', owner: '', dueDate: '' }))).toEqual(['action', 'owner', 'due-day']);
    expect(actionChangeProblems({ status: 'MAYBE', progress: 'p', reason: 'r' })).toEqual({ status: 'Choose the action’s status' });
    expect(actionChangeProblems({ status: 'DONE', progress: 'p', reason: 'r' })).toEqual({});
  });

  it('needs a survey’s results but lets an inspection’s judgement wait for publication; a change needs a reason', () => {
    const base = { title: 'T', date: '2026-12-01', who: 'W', outcome: '', details: 'D', reason: '' };
    expect(entryProblems({ ...base, kind: 'survey' }, true)).toEqual({ outcome: 'Enter the results' });
    expect(entryProblems({ ...base, kind: 'inspection' }, true)).toEqual({});
    expect(entryProblems({ ...base, kind: 'inspection' }, false)).toEqual({ reason: 'Say why you are changing this record' });
    expect(entryProblems({ ...base, kind: 'survey', outcome: 'R', date: '' }, true)).toEqual({ 'date-day': 'Enter when the survey closed' });
  });
});

import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES } from '../calendar/working-days.js';
import { localStandards } from '../clocks/standards.js';
import { stepsWaiting, unallocatedSpell, type EarlyHelpStep } from './waiting.js';

const ctx = { calendar: ENGLAND_AND_WALES };
const referral = { what: 'referral', id: 'R1', start: '2026-11-16' };

describe('unallocated children and how long they have waited', () => {
  it('a child with an open allocation is not waiting', () => {
    expect(unallocatedSpell({ personId: 'C1', episodes: [referral], allocations: [{ start: '2026-11-17', end: null, workerLeft: null }] }, '2026-11-23', ctx)).toBeNull();
  });

  it('a child with no open episode is not waiting', () => {
    expect(unallocatedSpell({ personId: 'C1', episodes: [], allocations: [] }, '2026-11-23', ctx)).toBeNull();
  });

  it('waits from the referral: 5 working days is within the standard, the 6th is overdue', () => {
    const f = { personId: 'C1', episodes: [referral], allocations: [] };
    // Referral on Monday 16 November 2026: Monday 23rd is 5 working days later.
    const five = unallocatedSpell(f, '2026-11-23', ctx)!;
    expect(five).toMatchObject({ since: '2026-11-16', workingDays: 5, because: 'the referral started' });
    expect(five.clock).toMatchObject({ state: 'pending', due: '2026-11-23' });
    const six = unallocatedSpell(f, '2026-11-24', ctx)!;
    expect(six).toMatchObject({ workingDays: 6 });
    expect(six.clock).toMatchObject({ state: 'overdue', overdueBy: 1 });
    // The weekend does not add to the wait.
    expect(unallocatedSpell(f, '2026-11-20', ctx)!.workingDays).toBe(4);
    expect(unallocatedSpell(f, '2026-11-22', ctx)!.workingDays).toBe(4);
  });

  it('the standard is a local setting', () => {
    const f = { personId: 'C1', episodes: [referral], allocations: [] };
    expect(unallocatedSpell(f, '2026-11-19', { ...ctx, standards: localStandards({ allocationWorkingDays: 2 }) })!.clock.state).toBe('overdue');
  });

  it('waits from the end of the last allocation, or the day the worker left the authority', () => {
    const ended = { personId: 'C1', episodes: [referral], allocations: [{ start: '2026-11-16', end: '2026-11-20', workerLeft: null }] };
    expect(unallocatedSpell(ended, '2026-11-23', ctx)).toMatchObject({ since: '2026-11-20', workingDays: 1, because: 'the last allocation ended' });
    const left = { personId: 'C1', episodes: [referral], allocations: [{ start: '2026-11-16', end: null, workerLeft: '2026-11-18' }] };
    expect(unallocatedSpell(left, '2026-11-23', ctx)).toMatchObject({ since: '2026-11-18', workingDays: 3 });
  });

  it('over Christmas the bank holidays do not count', () => {
    const f = { personId: 'C1', episodes: [{ what: 'CP plan', id: 'P1', start: '2026-12-22' }], allocations: [] };
    // Tue 22 Dec → Wed 23, Thu 24, Tue 29, Wed 30, Thu 31 December: 5 working days.
    expect(unallocatedSpell(f, '2026-12-31', ctx)).toMatchObject({ workingDays: 5, clock: { state: 'pending' } });
    expect(unallocatedSpell(f, '2027-01-04', ctx)).toMatchObject({ workingDays: 6, clock: { state: 'overdue' } });
  });
});

describe('step-downs and step-ups waiting', () => {
  const base: EarlyHelpStep = {
    id: 'E1', personId: 'C1', start: '2026-11-10', end: null, stepDownRequested: null, stepUpRequested: null, stepUpContactId: null, hasEarlyHelpWorker: true,
  };

  it('a step-down waits until early help has started with a worker', () => {
    const requested = { ...base, stepDownRequested: '2026-11-02' };
    expect(stepsWaiting([requested], '2026-11-23', ENGLAND_AND_WALES)).toEqual([]);
    expect(stepsWaiting([{ ...requested, hasEarlyHelpWorker: false }], '2026-11-23', ENGLAND_AND_WALES)).toEqual([
      { id: 'E1', personId: 'C1', direction: 'step-down', requested: '2026-11-02', workingDays: 15, waitingFor: 'No early help worker yet' },
    ]);
    expect(stepsWaiting([{ ...requested, start: '2026-11-30' }], '2026-11-23', ENGLAND_AND_WALES)[0]).toMatchObject({ waitingFor: 'Early help has not started yet' });
  });

  it('a step-up waits until the contact is recorded; worst first', () => {
    const up = { ...base, id: 'E2', stepUpRequested: '2026-11-19' };
    const down = { ...base, id: 'E3', stepDownRequested: '2026-11-12', hasEarlyHelpWorker: false };
    expect(stepsWaiting([up, down], '2026-11-23', ENGLAND_AND_WALES).map((s) => [s.id, s.direction, s.workingDays])).toEqual([
      ['E3', 'step-down', 7],
      ['E2', 'step-up', 2],
    ]);
    expect(stepsWaiting([{ ...up, stepUpContactId: 'CON1' }], '2026-11-23', ENGLAND_AND_WALES)).toEqual([]);
  });
});

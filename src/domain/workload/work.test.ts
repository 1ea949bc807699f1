import { describe, expect, it } from 'vitest';
import { ENGLAND_AND_WALES } from '../calendar/working-days.js';
import { DEFAULT_LOCAL_STANDARDS, localStandards } from '../clocks/standards.js';
import { caseWork, workKindsFor, worstFirst, type CaseRecords, type WorkSettings } from './work.js';

const settings: WorkSettings = { calendar: ENGLAND_AND_WALES, standards: DEFAULT_LOCAL_STANDARDS, shortBreakLegalStatuses: ['V3', 'V4'] };

function child(records: Partial<CaseRecords>): CaseRecords {
  return {
    personId: 'C1', referrals: [], openAssessments: [], s47s: [], icpcs: [], cinPlans: [], cpPlans: [], cpReviews: [], coreGroups: [],
    claEpisodes: [], placements: [], claReviews: [], legalStatuses: [], carePlans: [], earlyHelp: [], visitsSeen: [], caseSupervisions: [],
    openActions: [], ...records,
  };
}

const byTitle = (items: ReturnType<typeof caseWork>) => Object.fromEntries(items.map((i) => [i.title, i]));

describe('the work a child protection case needs', () => {
  // Plan started Monday 2 November 2026; today is Monday 23 November.
  const cp = child({
    cpPlans: [{ id: 'P1', start: '2026-11-02', end: null }],
    visitsSeen: ['2026-11-06', '2026-10-01'],
    caseSupervisions: ['2026-11-03'],
    coreGroups: [],
  });

  it('lists the visit, first core group, review conference and supervision with their clocks', () => {
    const items = byTitle(caseWork(cp, '2026-11-23', settings));
    expect(Object.keys(items).sort()).toEqual(['Case supervision', 'Child protection review conference', 'Child protection visit', 'First core group meeting']);
    // Seen Friday 6 November: 10 working days → Friday 20th; on Monday 23rd, 1 working day overdue.
    expect(items['Child protection visit']).toMatchObject({ due: '2026-11-20', state: 'overdue', overdueBy: 1, measure: 'working days', plan: { kind: 'cp', id: 'P1' }, detail: 'Last seen 6 November 2026' });
    // 10 working days from the plan start, Monday 2 November → Monday 16th: overdue by 5 working days.
    expect(items['First core group meeting']).toMatchObject({ due: '2026-11-16', state: 'overdue', overdueBy: 5 });
    // 3 months from the plan start.
    expect(items['Child protection review conference']).toMatchObject({ due: '2027-02-02', state: 'later' });
    // 28 days from Tuesday 3 November → Tuesday 1 December: 6 working days away, so not yet due soon.
    expect(items['Case supervision']).toMatchObject({ due: '2026-12-01', state: 'later', workingDaysLeft: 6 });
    expect(byTitle(caseWork(cp, '2026-11-24', settings))['Case supervision']).toMatchObject({ state: 'due-soon', workingDaysLeft: 5 });
  });

  it('a core group held, a visit on the due day and a review held stop those clocks', () => {
    const done = { ...cp, coreGroups: ['2026-11-12'], visitsSeen: ['2026-11-20'], cpReviews: [{ planId: 'P1', date: '2026-11-20' }] };
    const items = byTitle(caseWork(done, '2026-11-23', settings));
    expect(items['First core group meeting']).toBeUndefined();
    expect(items['Child protection visit']).toMatchObject({ due: '2026-12-04', state: 'later' });
    // After a review is held the next is 6 months after it.
    expect(items['Child protection review conference']).toMatchObject({ due: '2027-05-20' });
  });

  it('ignores visits and supervision recorded for after today', () => {
    const future = { ...cp, visitsSeen: ['2026-11-06', '2026-11-25'], caseSupervisions: ['2026-11-03', '2026-11-24'] };
    const items = byTitle(caseWork(future, '2026-11-23', settings));
    expect(items['Child protection visit']).toMatchObject({ due: '2026-11-20', state: 'overdue' });
    expect(items['Case supervision']).toMatchObject({ due: '2026-12-01' });
  });

  it('uses the local standards: CP visits every 5 working days', () => {
    const strict = { ...settings, standards: localStandards({ cpVisitWorkingDays: 5 }) };
    expect(byTitle(caseWork(cp, '2026-11-12', strict))['Child protection visit']).toMatchObject({ due: '2026-11-13', state: 'due-soon', workingDaysLeft: 1 });
  });

  it('a child on a CP plan and a CIN plan gets CP visits only', () => {
    const both = { ...cp, cinPlans: [{ id: 'N1', start: '2026-09-01', end: null }] };
    expect(caseWork(both, '2026-11-23', settings).filter((i) => i.kind === 'visit').map((i) => i.title)).toEqual(['Child protection visit']);
  });
});

describe('children in need, looked after, assessments and conferences', () => {
  it('a CIN plan: visits every 20 working days and supervision every 8 weeks', () => {
    const cin = child({ cinPlans: [{ id: 'N1', start: '2026-10-01', end: null }], visitsSeen: ['2026-10-26'] });
    const items = byTitle(caseWork(cin, '2026-11-20', settings));
    // Seen Monday 26 October: the 20th working day after it is Monday 23 November.
    expect(items['Child in need visit']).toMatchObject({ due: '2026-11-23', state: 'due-soon', workingDaysLeft: 1 });
    // No supervision since the plan started on 1 October: due 26 November (56 days).
    expect(items['Case supervision']).toMatchObject({ due: '2026-11-26', detail: 'No case supervision since the child in need plan started on 1 October 2026' });
  });

  it('a closed plan needs nothing', () => {
    const closed = child({ cinPlans: [{ id: 'N1', start: '2026-01-05', end: '2026-06-01' }] });
    expect(caseWork(closed, '2026-11-23', settings)).toEqual([]);
  });

  it('looked after: first visit within 7 days of a new placement, first review within 20 working days', () => {
    const cla = child({
      claEpisodes: [{ claId: 'L1', start: '2026-11-02', ceased: null }],
      placements: [{ id: 'PL1', claId: 'L1', start: '2026-11-16', end: null, longTerm: false }],
      visitsSeen: ['2026-11-05'],
      carePlans: [{ id: 'CP1', start: '2026-11-02', end: null }],
    });
    const items = byTitle(caseWork(cla, '2026-11-23', settings));
    // The visit on 5 November was before this placement: first visit due 23 November (7 days), due today.
    expect(items['Looked-after visit']).toMatchObject({ due: '2026-11-23', state: 'due-soon', workingDaysLeft: 0, plan: { kind: 'cla', id: 'CP1' } });
    // 20 working days from 2 November: Monday 30 November.
    expect(items['Looked-after review']).toMatchObject({ due: '2026-11-30', state: 'due-soon', workingDaysLeft: 5 });
    expect(items['Case supervision']).toMatchObject({ due: '2026-12-28' });
    expect(items['Child in need visit']).toBeUndefined();
  });

  it('short breaks only (V3): no statutory visits or reviews', () => {
    const shortBreaks = child({
      claEpisodes: [{ claId: 'L1', start: '2026-11-02', ceased: null }],
      placements: [{ id: 'PL1', claId: 'L1', start: '2026-11-02', end: null, longTerm: false }],
      legalStatuses: [{ status: 'V3', start: '2026-11-02', end: null }],
    });
    expect(caseWork(shortBreaks, '2026-11-23', settings).map((i) => i.title)).toEqual(['Case supervision']);
  });

  it('an open assessment is due 45 working days from its start (or the referral, if the authority says so)', () => {
    const a = child({
      referrals: [{ id: 'R1', date: '2026-09-01', closeDate: null }],
      openAssessments: [{ id: 'A1', referralId: 'R1', start: '2026-09-15' }],
    });
    expect(caseWork(a, '2026-11-16', settings)[0]).toMatchObject({ kind: 'assessment', due: '2026-11-17', state: 'due-soon', workingDaysLeft: 1 });
    const fromReferral = { ...settings, standards: localStandards({ assessmentFrom: 'referral' }) };
    expect(caseWork(a, '2026-11-16', fromReferral)[0]).toMatchObject({ due: '2026-11-03', state: 'overdue', overdueBy: 9 });
  });

  it('an ICPC is due 15 working days after the strategy discussion, until a conference or plan follows', () => {
    const s47 = { id: 'S1', start: '2026-11-03', end: null, strategyDate: '2026-11-02', icpcNeeded: null };
    const c = child({ s47s: [s47] });
    expect(caseWork(c, '2026-11-20', settings)[0]).toMatchObject({ kind: 'icpc', due: '2026-11-23', state: 'due-soon', workingDaysLeft: 1 });
    expect(caseWork({ ...c, icpcs: [{ id: 'I1', s47Id: 'S1', date: '2026-11-19' }] }, '2026-11-20', settings)).toEqual([]);
    const ended = child({ s47s: [{ ...s47, end: '2026-11-10', icpcNeeded: false }] });
    expect(caseWork(ended, '2026-11-20', settings)).toEqual([]);
    const needed = child({ s47s: [{ ...s47, end: '2026-11-10', icpcNeeded: true }] });
    expect(caseWork(needed, '2026-11-24', settings)[0]).toMatchObject({ kind: 'icpc', state: 'overdue', overdueBy: 1 });
  });
});

describe('plan actions', () => {
  it('worst first: overdue timescales, then overdue plan actions, then due soon, each by due date', () => {
    const c2 = child({
      cpPlans: [{ id: 'P1', start: '2026-11-02', end: null }], visitsSeen: ['2026-11-06'], caseSupervisions: ['2026-11-20'], coreGroups: ['2026-11-05'],
      openActions: [
        { id: 'X0', planType: 'CP', planId: 'P1', action: 'Long overdue.', responsible: 'Father', due: '2025-01-10' },
        { id: 'X9', planType: 'CP', planId: 'P1', action: 'Soon', responsible: 'Mother', due: '2026-11-24' },
      ],
    });
    const items = caseWork(c2, '2026-11-23', settings).filter((i) => i.state !== 'later').sort(worstFirst);
    expect(items.map((i) => [i.title, i.state])).toEqual([
      ['Child protection visit', 'overdue'],
      ['Child protection plan action', 'overdue'],
      ['Child protection plan action', 'due-soon'],
    ]);
    expect(items[1]!.detail).toBe('Long overdue. Who: Father');
  });

  const c = child({
    cinPlans: [{ id: 'N1', start: '2026-10-01', end: null }, { id: 'N0', start: '2025-01-01', end: '2025-06-01' }],
    caseSupervisions: ['2026-11-20'], visitsSeen: ['2026-11-20'],
    openActions: [
      { id: 'X1', planType: 'CIN', planId: 'N1', action: 'Refer to the parenting course', responsible: 'Social worker', due: '2026-11-20' },
      { id: 'X2', planType: 'CIN', planId: 'N1', action: 'Attend the GP', responsible: 'Mother', due: '2026-11-23' },
      { id: 'X3', planType: 'CIN', planId: 'N0', action: 'On a closed plan', responsible: 'Father', due: '2025-03-01' },
    ],
  });

  it('open actions on open plans, overdue the day after "by when", worst first', () => {
    const items = caseWork(c, '2026-11-23', settings).filter((i) => i.kind === 'plan-action').sort(worstFirst);
    expect(items.map((i) => [i.recordId, i.state, i.overdueBy, i.workingDaysLeft])).toEqual([
      ['X1', 'overdue', 3, null],
      ['X2', 'due-soon', null, 0],
    ]);
    expect(items[0]).toMatchObject({ title: 'Child in need plan action', detail: 'Refer to the parenting course. Who: Social worker', plan: { kind: 'cin', id: 'N1' } });
  });

  it("an IRO's allocation carries reviews and conferences only; an early help worker's the plan actions", () => {
    expect(caseWork(c, '2026-11-23', settings, workKindsFor('IRO'))).toEqual([]);
    expect(caseWork(c, '2026-11-23', settings, workKindsFor('EHW')).map((i) => i.kind)).toEqual(['plan-action', 'plan-action']);
    expect(caseWork(c, '2026-11-23', settings, workKindsFor('CH')).map((i) => i.kind).sort()).toEqual(['plan-action', 'plan-action', 'supervision', 'visit']);
  });
});

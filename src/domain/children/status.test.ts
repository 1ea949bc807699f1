import { describe, expect, it } from 'vitest';
import { CARE_LEAVER_UNTIL_AGE, childStatuses, primaryStatus, type StatusFacts } from './status.js';

const none: StatusFacts = {
  dob: '2012-05-10', deathDate: null, contactsWaiting: [], referrals: [], cinPlans: [], cpPlans: [], claEpisodes: [], careLeaver: [], earlyHelp: [],
};
const kinds = (f: Partial<StatusFacts>, today: string) => childStatuses({ ...none, ...f }, today).map((s) => s.kind);

describe('a child’s status', () => {
  it('has a plan from its start date and not on its end date', () => {
    const cp = { cpPlans: [{ start: '2026-03-02', end: '2026-09-01', category: 'NEG' }] };
    expect(kinds(cp, '2026-03-01')).toEqual([]);
    expect(kinds(cp, '2026-03-02')).toEqual(['child-protection']);
    expect(kinds(cp, '2026-08-31')).toEqual(['child-protection']);
    expect(kinds(cp, '2026-09-01')).toEqual([]);
    expect(childStatuses({ ...none, ...cp }, '2026-03-02')[0]).toMatchObject({ label: 'Child protection plan', detail: 'since 2 March 2026 (neglect)' });
  });

  it('is looked after from the day an episode starts to the day before it ceases, since the start of the period of care', () => {
    const cla = { claEpisodes: [{ claId: 'C1', start: '2025-01-10', ceased: '2025-06-01' }, { claId: 'C1', start: '2025-06-01', ceased: '2026-02-01' }] };
    expect(kinds(cla, '2025-01-09')).toEqual([]);
    expect(kinds(cla, '2025-01-10')).toEqual(['looked-after']);
    expect(childStatuses({ ...none, ...cla }, '2025-09-01')[0]!.since).toBe('2025-01-10');
    expect(kinds(cla, '2026-02-01')).toEqual([]);
  });

  it('lists looked after before a CP plan, and child in need only when neither applies', () => {
    const f = {
      claEpisodes: [{ claId: 'C1', start: '2026-01-01', ceased: null }], cpPlans: [{ start: '2025-12-01', end: null, category: null }],
      cinPlans: [{ start: '2025-06-01', end: null }],
    };
    expect(kinds(f, '2026-02-01')).toEqual(['looked-after', 'child-protection']);
    expect(kinds({ cinPlans: f.cinPlans }, '2026-02-01')).toEqual(['child-in-need']);
    expect(childStatuses({ ...none, referrals: [{ start: '2026-01-05', close: null }] }, '2026-02-01')[0]).toMatchObject({
      kind: 'child-in-need', detail: 'since 5 January 2026 (referral open, no plan yet)',
    });
    expect(kinds({ referrals: [{ start: '2026-01-05', close: '2026-02-01' }] }, '2026-02-01')).toEqual([]);
  });

  it('is a care leaver from 16 until the 25th birthday while in touch, and not while looked after', () => {
    const f = { dob: '2004-05-10', careLeaver: [{ statusDate: '2022-05-10', inTouch: 'YES' }] };
    expect(kinds({ ...f, dob: '2010-05-10' }, '2026-05-09')).toEqual([]);
    expect(kinds({ ...f, dob: '2010-05-10' }, '2026-05-10')).toEqual(['care-leaver']);
    expect(CARE_LEAVER_UNTIL_AGE).toBe(25);
    expect(kinds(f, '2029-05-09')).toEqual(['care-leaver']);
    expect(kinds(f, '2029-05-10')).toEqual([]);
    expect(kinds({ ...f, careLeaver: [...f.careLeaver, { statusDate: '2025-01-01', inTouch: 'NREQ' }] }, '2026-01-01')).toEqual([]);
    expect(kinds({ ...f, claEpisodes: [{ claId: 'C', start: '2025-01-01', ceased: null }] }, '2026-01-01')).toEqual(['looked-after']);
  });

  it('shows early help alongside, and contacts waiting for a decision', () => {
    expect(kinds({ earlyHelp: [{ start: '2026-01-01', end: null }], contactsWaiting: ['2026-02-01', '2026-02-03'] }, '2026-02-03')).toEqual(['early-help', 'contact']);
    expect(childStatuses({ ...none, contactsWaiting: ['2026-02-01', '2026-02-03'] }, '2026-02-03')[0]!.detail).toBe('since 1 February 2026 (2 contacts)');
    expect(kinds({ earlyHelp: [{ start: '2026-01-01', end: '2026-02-03' }] }, '2026-02-03')).toEqual([]);
  });

  it('has nothing open after death, and says so in a list', () => {
    const f = { ...none, deathDate: '2026-01-01', cpPlans: [{ start: '2025-01-01', end: null, category: null }] };
    expect(childStatuses(f, '2026-01-01')).toEqual([]);
    expect(primaryStatus([], '2026-01-01', '2026-01-01')).toEqual({ label: 'Died', tag: 'govuk-tag--grey' });
    expect(primaryStatus([], null, '2026-01-01')).toEqual({ label: 'No open involvement', tag: 'govuk-tag--grey' });
    expect(primaryStatus(childStatuses({ ...f, deathDate: null }, '2026-01-01'), null, '2026-01-01')).toEqual({ label: 'Child protection plan', tag: 'govuk-tag--red' });
  });
});

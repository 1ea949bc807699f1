import { describe, expect, it } from 'vitest';
import { localStandards } from '../clocks/index.js';
import { byUrgency, contactDeadline } from './deadline.js';
import { rereferralOf, summariseInvolvement } from './involvement.js';
import { referralProgress, type ReferralRecords } from './journey.js';
import {
  checkAuthorisation, checkChallenge, checkContact, checkDecision, checkIcpc, checkS47Outcome, checkStrategy, checkVisit,
  type ContactForm, type DecisionForm, type StrategyForm,
} from './rules.js';
import { nextVisit } from './visits.js';
import { dueTimeInWords, londonInstant, readDate, readTime } from './when.js';

const parts = (date: string) => ({ day: String(Number(date.slice(8, 10))), month: String(Number(date.slice(5, 7))), year: date.slice(0, 4) });
const empty = { day: '', month: '', year: '' };

describe('dates and times typed into forms', () => {
  it('reads real dates only', () => {
    expect(readDate({ day: '29', month: '2', year: '2024' })).toEqual({ ok: true, date: '2024-02-29' });
    expect(readDate({ day: '29', month: '2', year: '2026' })).toEqual({ ok: false, problem: 'invalid' });
    expect(readDate({ day: '3', month: '', year: '2026' })).toEqual({ ok: false, problem: 'incomplete' });
    expect(readDate(empty)).toEqual({ ok: false, problem: 'missing' });
    expect(readDate({ day: 'x', month: '1', year: '2026' })).toEqual({ ok: false, problem: 'invalid' });
  });

  it('reads times as people write them', () => {
    expect(readTime('14:30')).toEqual({ hour: 14, minute: 30 });
    expect(readTime('14.30')).toEqual({ hour: 14, minute: 30 });
    expect(readTime('1430')).toEqual({ hour: 14, minute: 30 });
    expect(readTime('2:30pm')).toEqual({ hour: 14, minute: 30 });
    expect(readTime('2 p.m.')).toEqual({ hour: 14, minute: 0 });
    expect(readTime('12am')).toEqual({ hour: 0, minute: 0 });
    expect(readTime('12pm')).toEqual({ hour: 12, minute: 0 });
    expect(readTime('noon')).toEqual({ hour: 12, minute: 0 });
    expect(readTime('9')).toEqual({ hour: 9, minute: 0 });
    for (const bad of ['24:00', '13pm', '12:60', 'soon', '', '0:30am']) expect(readTime(bad), bad).toBeNull();
  });

  it('reads London civil time in summer and winter, and shows a deadline as a time with the year', () => {
    expect(londonInstant('2026-07-01', { hour: 9, minute: 0 }).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(londonInstant('2026-11-24', { hour: 14, minute: 32 }).toISOString()).toBe('2026-11-24T14:32:00.000Z');
    expect(dueTimeInWords(new Date('2026-11-24T14:32:00Z'))).toBe('14:32 on Tuesday 24 November 2026');
  });
});

describe('the 24-hour decision deadline', () => {
  const received = new Date('2026-11-23T14:32:00Z');

  it('is due 24 elapsed hours after the contact, shown as a time with how long is left', () => {
    const d = contactDeadline(received, null, new Date('2026-11-24T02:32:00Z'));
    expect(d.dueText).toBe('14:32 on Tuesday 24 November 2026');
    expect(d.leftText).toBe('12 hours left');
    expect(d.urgency).toBe('waiting');
    expect(d.sentence).toBe('decision due 14:32 on Tuesday 24 November: 12 hours left');
  });

  it('is due soon within 4 hours, then overdue, and says how late a decision was', () => {
    expect(contactDeadline(received, null, new Date('2026-11-24T11:00:00Z'))).toMatchObject({ urgency: 'due-soon', leftText: '3 hours 32 minutes left' });
    expect(contactDeadline(received, null, new Date('2026-11-24T14:32:00Z'))).toMatchObject({ urgency: 'due-soon', leftText: 'due now' });
    expect(contactDeadline(received, null, new Date('2026-11-25T16:33:00Z'))).toMatchObject({ urgency: 'overdue', leftText: '1 day 2 hours overdue' });
    expect(contactDeadline(received, new Date('2026-11-24T16:02:00Z'), new Date('2026-11-25T00:00:00Z'))).toMatchObject({
      urgency: 'made-late', leftText: 'decided 1 hour 30 minutes late',
    });
    expect(contactDeadline(received, new Date('2026-11-24T10:00:00Z'), new Date('2026-11-25T00:00:00Z')).urgency).toBe('made-in-time');
  });

  it('counts elapsed hours across the clock change, and follows the local standard', () => {
    // Clocks go back at 02:00 BST on Sunday 25 October 2026: 24 hours after 10:00 BST on the 24th is 09:00 GMT.
    const saturday = londonInstant('2026-10-24', { hour: 10, minute: 0 });
    expect(contactDeadline(saturday, null, saturday).dueText).toBe('09:00 on Sunday 25 October 2026');
    const standards = localStandards({ contactDecisionHours: 48 });
    expect(contactDeadline(received, null, received, { standards }).dueText).toBe('14:32 on Wednesday 25 November 2026');
  });

  it('puts the most urgent first', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const rows = ['2026-11-23T09:00:00Z', '2026-11-22T08:00:00Z', '2026-11-24T08:00:00Z'].map((t) => ({
      receivedAt: new Date(t), deadline: contactDeadline(new Date(t), null, now),
    }));
    expect(rows.sort(byUrgency).map((r) => r.deadline.urgency)).toEqual(['overdue', 'overdue', 'waiting']);
    expect(rows[0]!.receivedAt.toISOString()).toBe('2026-11-22T08:00:00.000Z');
  });
});

describe('previous involvement and re-referrals', () => {
  const ref = (id: string, date: string) => ({ id, referralDate: new Date(`${date}T12:00:00Z`) });

  it('is a re-referral up to and including 12 calendar months after an earlier referral, not on the same day', () => {
    expect(rereferralOf('2026-11-22', [ref('R1', '2025-11-22')])).toEqual({ previousReferralId: 'R1', previousReferralDate: '2025-11-22', until: '2026-11-22' });
    expect(rereferralOf('2026-11-23', [ref('R1', '2025-11-22')])).toBeNull();
    expect(rereferralOf('2026-11-22', [ref('R1', '2026-11-22')])).toBeNull();
    expect(rereferralOf('2026-11-22', [ref('R1', '2026-01-10'), ref('R2', '2026-06-01'), ref('R3', '2024-01-01')])?.previousReferralId).toBe('R2');
  });

  it('summarises what is open and what came before, leaving out the contact being decided', () => {
    const s = summariseInvolvement({
      contacts: [
        { id: 'C1', receivedAt: new Date('2026-11-22T09:00:00Z'), decision: null, decisionAt: null, source: '6' },
        { id: 'C0', receivedAt: new Date('2026-03-01T09:00:00Z'), decision: 'ADV', decisionAt: new Date('2026-03-01T12:00:00Z'), source: '2A' },
        { id: 'CX', receivedAt: new Date('2024-03-01T09:00:00Z'), decision: 'NFA', decisionAt: new Date('2024-03-01T12:00:00Z'), source: '2A' },
      ],
      referrals: [{ id: 'R1', referralDate: new Date('2026-02-01T10:00:00Z'), closeDate: '2026-05-01', teamName: 'Assessment Team 1' }],
      earlyHelp: [{ id: 'E1', startDate: '2026-06-01', endDate: null }],
      plans: [{ kind: 'CIN', id: 'P1', startDate: '2026-03-01', endDate: '2026-05-01', category: null }],
    }, 'C1', new Date('2026-11-22T09:00:00Z'), '2026-11-22');
    expect(s.earlierContacts.map((c) => c.id)).toEqual(['C0', 'CX']);
    expect(s.contactsInLastYear).toBe(1);
    expect(s.rereferral?.previousReferralId).toBe('R1');
    expect(s.openReferrals).toEqual([]);
    expect(s.openEarlyHelp.map((e) => e.id)).toEqual(['E1']);
    expect(s.openPlans).toEqual([]);
    expect(s.firstContact).toBe(false);
  });
});

describe('form rules', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const contact: ContactForm = {
    personId: 'P1', received: parts('2026-11-22'), receivedTime: '09:15', source: '6', sourceDesc: 'PC Khan', concern: 'Domestic abuse incident',
    consent: 'Y', consentNote: '',
  };

  it('a contact: received time not in the future; a reason when consent was not obtained', () => {
    expect(checkContact(contact, now, { childKnown: true })).toMatchObject({ ok: true, value: { receivedAt: new Date('2026-11-22T09:15:00Z'), consent: 'Y' } });
    expect(checkContact({ ...contact, receivedTime: '10:01' }, now, { childKnown: true })).toEqual({
      ok: false, errors: { 'received-time': 'The time the contact was received must be now or in the past' },
    });
    expect(checkContact({ ...contact, received: parts('2026-11-23') }, now, { childKnown: true })).toEqual({
      ok: false, errors: { 'received-day': 'The date the contact was received must be today or in the past' },
    });
    expect(checkContact({ ...contact, consent: 'N' }, now, { childKnown: true })).toEqual({
      ok: false, errors: { 'consent-note': 'Say why consent was not obtained or was not needed' },
    });
    const blank = checkContact({ personId: '', received: empty, receivedTime: '', source: '', sourceDesc: '', concern: '', consent: '', consentNote: '' }, now, { childKnown: false });
    expect(blank.ok ? [] : Object.keys(blank.errors)).toEqual(['person', 'received-day', 'received-time', 'source', 'concern', 'consent']);
  });

  const decision: DecisionForm = { outcome: 'REF', rationale: 'Serious injury reported by school; parents cannot explain it.', freshThreshold: false, ehReason: '', ehTeamId: '', ehWorkerId: '', refTeamId: 'T1', primaryNeed: 'N1' };
  const ctx = { alreadyDecided: false, rereferral: false, referralTeamIds: new Set(['T1']), earlyHelpTeamIds: new Set(['E1', 'E2']), earlyHelpWorkers: new Map([['W1', 'E1']]) };

  it('a decision: rationale required and in full; team for a referral; a plan for a step-down; fresh threshold for a re-referral', () => {
    expect(checkDecision(decision, ctx)).toMatchObject({ ok: true, value: { outcome: 'REF', referral: { teamId: 'T1', primaryNeed: 'N1' }, stepDown: null } });
    expect(checkDecision({ ...decision, rationale: '' }, ctx)).toEqual({ ok: false, errors: { rationale: 'Enter the rationale for the decision' } });
    expect(checkDecision({ ...decision, rationale: 'Agreed.' }, ctx)).toMatchObject({ ok: false, errors: { rationale: expect.stringMatching(/at least 20 characters/) } });
    expect(checkDecision({ ...decision, refTeamId: '' }, ctx)).toMatchObject({ ok: false, errors: { 'ref-team': 'Select the team the referral goes to' } });
    expect(checkDecision({ ...decision, primaryNeed: 'N99' }, ctx)).toMatchObject({ ok: false, errors: { 'primary-need': expect.any(String) } });
    expect(checkDecision({ ...decision, outcome: 'EH' }, ctx)).toMatchObject({ ok: false, errors: { 'eh-reason': expect.any(String) } });
    expect(checkDecision({ ...decision, outcome: 'EH', ehReason: 'Family support worker for routines', ehTeamId: 'E1' }, ctx)).toMatchObject({
      ok: true, value: { stepDown: { reason: 'Family support worker for routines', teamId: 'E1', workerId: null }, referral: null },
    });
    // A named early help worker brings their team; a worker outside the chosen team is refused.
    expect(checkDecision({ ...decision, outcome: 'EH', ehReason: 'Family support worker for routines', ehWorkerId: 'W1' }, ctx)).toMatchObject({
      ok: true, value: { stepDown: { teamId: 'E1', workerId: 'W1' } },
    });
    expect(checkDecision({ ...decision, outcome: 'EH', ehReason: 'Family support worker for routines', ehWorkerId: 'W1', ehTeamId: 'E2' }, ctx)).toMatchObject({
      ok: false, errors: { 'eh-worker': 'Select a worker in the early help team you chose' },
    });
    expect(checkDecision(decision, { ...ctx, rereferral: true })).toMatchObject({ ok: false, errors: { 'fresh-threshold': expect.stringMatching(/fresh threshold decision/) } });
    expect(checkDecision({ ...decision, freshThreshold: true }, { ...ctx, rereferral: true }).ok).toBe(true);
    expect(checkDecision(decision, { ...ctx, alreadyDecided: true }).ok).toBe(false);
    expect(checkDecision({ ...decision, outcome: '' }, ctx)).toMatchObject({ ok: false, errors: { outcome: 'Select the decision' } });
  });

  it('a challenge needs a decision, no open challenge, and a reason', () => {
    expect(checkChallenge('The threshold was met: the injury needs a strategy discussion.', { decided: true, openChallenge: false }).ok).toBe(true);
    expect(checkChallenge('', { decided: true, openChallenge: false })).toEqual({ ok: false, errors: { reason: 'Say why you disagree with the decision' } });
    expect(checkChallenge('A full reason for disagreeing with it.', { decided: true, openChallenge: true }).ok).toBe(false);
    expect(checkChallenge('A full reason for disagreeing with it.', { decided: false, openChallenge: false }).ok).toBe(false);
  });

  const strategy: StrategyForm = {
    held: parts('2026-11-22'), heldTime: '09:30', chairId: 'W1', invited: ['POL', 'HEA', 'CSC', 'SCH'], attended: ['POL', 'CSC'],
    outcome: 'S47', decisions: 'Joint visit today by police and social worker.', medicalExam: 'N', medicalRationale: '', minutes: empty, minutesTime: '',
  };
  const sctx = { referralAt: new Date('2026-11-22T08:00:00Z'), chairIds: new Set(['W1']) };

  it('a strategy discussion: police, health and social care invited; a reason when a medical is needed; minutes not before it was held', () => {
    const ok = checkStrategy({ ...strategy, attended: ['POL', 'CSC', 'EH'] }, now, sctx);
    expect(ok).toMatchObject({ ok: true, value: { heldAt: new Date('2026-11-22T09:30:00Z'), minutesRecordedAt: null } });
    if (ok.ok) {
      expect(ok.value.agencies).toEqual([
        { agency: 'POL', invited: true, attended: true }, { agency: 'HEA', invited: true, attended: false },
        { agency: 'SCH', invited: true, attended: false }, { agency: 'EH', invited: true, attended: true }, { agency: 'CSC', invited: true, attended: true },
      ]);
    }
    expect(checkStrategy({ ...strategy, invited: ['CSC'], attended: [] }, now, sctx)).toMatchObject({
      ok: false, errors: { invited: expect.stringMatching(/^Invite the police and health:/) },
    });
    expect(checkStrategy({ ...strategy, medicalExam: 'Y' }, now, sctx)).toMatchObject({ ok: false, errors: { 'medical-rationale': expect.any(String) } });
    expect(checkStrategy({ ...strategy, medicalExam: '' }, now, sctx)).toMatchObject({ ok: false, errors: { 'medical-exam': 'Select yes if a medical examination is needed' } });
    expect(checkStrategy({ ...strategy, minutes: parts('2026-11-22'), minutesTime: '09:00' }, now, sctx)).toMatchObject({
      ok: false, errors: { 'minutes-time': 'The time the minutes were recorded must be after the strategy discussion was held' },
    });
    expect(checkStrategy({ ...strategy, chairId: 'W2' }, now, sctx)).toMatchObject({ ok: false, errors: { chair: expect.any(String) } });
    // Not before the referral it is about was accepted.
    expect(checkStrategy({ ...strategy, heldTime: '07:59' }, now, sctx)).toMatchObject({
      ok: false, errors: { 'held-time': 'The time the strategy discussion was held must be after the referral was accepted' },
    });
    expect(checkStrategy({ ...strategy, heldTime: '08:00' }, now, sctx).ok).toBe(true);
  });

  it('section 47 outcome, ICPC and assessment authorisation', () => {
    expect(checkS47Outcome({ end: parts('2026-11-20'), childSeen: parts('2026-11-20'), outcome: 'ICPC', note: 'Bruising consistent with the account.' }, '2026-11-22', '2026-11-21')).toMatchObject({
      ok: false, errors: { 'child-seen-day': 'The date the child was seen must be on or after the date the enquiry started', 'end-day': expect.any(String) },
    });
    expect(checkIcpc({ conference: parts('2026-11-22'), outcome: '' }, '2026-11-22', '2026-11-10')).toEqual({
      ok: false, errors: { outcome: 'Select yes if the conference decided on a child protection plan' },
    });
    const auth = { childSeen: 'Y', childSeenDate: parts('2026-11-12'), factors: ['3B', '21'], outcomeNfa: 'N', rationale: 'Assessment is thorough and the plan is clear.' };
    expect(checkAuthorisation(auth, '2026-11-22', '2026-11-10')).toMatchObject({ ok: false, errors: { factors: '“No factors identified” cannot be selected with other factors' } });
    expect(checkAuthorisation({ ...auth, factors: ['3B'], rationale: '' }, '2026-11-22', '2026-11-10')).toEqual({ ok: false, errors: { rationale: 'Enter your rationale for authorising the assessment' } });
    expect(checkAuthorisation({ ...auth, factors: ['3B'] }, '2026-11-22', '2026-11-10')).toMatchObject({ ok: true, value: { childSeenDate: '2026-11-12', factors: ['3B'], outcomeNfa: false } });
  });

  it('a visit: seen alone asked when the child was seen; what the child said; by a known worker', () => {
    const visit = { visit: parts('2026-11-21'), visitTime: '16:00', seen: 'Y', seenAlone: '', bedroomSeen: '', childSaid: '', workerId: 'W1' };
    const vctx = { planStart: '2026-11-20', workerIds: new Set(['W1']) };
    expect(checkVisit(visit, now, vctx)).toEqual({
      ok: false, errors: { 'seen-alone': 'Select yes if the child was seen alone', 'child-said': 'Enter what the child said, in their words where you can' },
    });
    expect(checkVisit({ ...visit, seen: 'N' }, now, vctx)).toMatchObject({ ok: true, value: { seen: false, seenAlone: null } });
    expect(checkVisit({ ...visit, seen: 'N', visit: parts('2026-11-19') }, now, vctx)).toMatchObject({ ok: false, errors: { 'visit-day': expect.any(String) } });
  });
});

describe('where a referral is, and what is due next', () => {
  const base: ReferralRecords = {
    referral: { id: 'R1', referralDate: new Date('2026-12-14T10:00:00Z'), closeDate: null },
    strategies: [], s47s: [], icpcs: [], cpPlans: [], assessments: [], cpVisitsSeen: [],
  };

  it('starts with a referral: strategy discussion if needed, and the assessment to start', () => {
    const p = referralProgress(base, '2026-12-14');
    expect(p.stages.map((s) => [s.key, s.status])).toEqual([
      ['referral', 'done'], ['strategy', 'optional'], ['s47', 'cannot-start'], ['icpc', 'cannot-start'], ['cp-plan', 'cannot-start'], ['assessment', 'to-do'],
    ]);
    expect(p.next.map((n) => n.text)).toEqual(['Hold a strategy discussion if significant harm is suspected', 'Start the single assessment']);
  });

  it('the ICPC is due 15 working days after the strategy discussion, over Christmas bank holidays', () => {
    const records = { ...base, strategies: [{ id: 'S1', heldAt: new Date('2026-12-14T15:00:00Z'), outcome: 'S47', minutesRecordedAt: new Date('2026-12-14T18:00:00Z') }] };
    const p = referralProgress(records, '2026-12-14');
    expect(p.stages.find((s) => s.key === 'icpc')?.due).toMatchObject({ date: '2027-01-07', state: 'pending', sentence: 'ICPC due 7 Jan: 15 working days left' });
    expect(p.next[0]!.text).toBe('Start the section 47 enquiry');

    const enquiry = { ...records, s47s: [{ id: 'Q1', strategyId: 'S1', startDate: '2026-12-14', endDate: '2026-12-22', conference: true, childSeenDate: '2026-12-14' }] };
    const q = referralProgress(enquiry, '2027-01-08');
    expect(q.next[0]).toMatchObject({ stage: 'icpc', text: 'Hold the initial child protection conference', recordId: 'Q1', due: { date: '2027-01-07', state: 'overdue' } });
  });

  it('after a conference decides on a plan: record it; then visits are due every 10 working days from the plan start or last visit', () => {
    const records: ReferralRecords = {
      ...base,
      strategies: [{ id: 'S1', heldAt: new Date('2026-12-14T15:00:00Z'), outcome: 'S47', minutesRecordedAt: null }],
      s47s: [{ id: 'Q1', strategyId: 'S1', startDate: '2026-12-14', endDate: '2026-12-22', conference: true, childSeenDate: '2026-12-14' }],
      icpcs: [{ id: 'I1', s47Id: 'Q1', conferenceDate: '2027-01-06', outcomeCp: true, cpPlanId: null }],
    };
    const p = referralProgress(records, '2027-01-06');
    expect(p.stages.find((s) => s.key === 'icpc')).toMatchObject({ status: 'done', due: { state: 'met' } });
    expect(p.next.map((n) => n.text)).toContain('Record the child protection plan and its category');
    expect(p.next.map((n) => n.text)).toContain('Record when the strategy discussion minutes were written');

    const withPlan = { ...records, cpPlans: [{ id: 'CP1', icpcId: 'I1', startDate: '2027-01-06', endDate: null, category: 'NEG' }] };
    const q = referralProgress(withPlan, '2027-01-06');
    expect(q.stages.find((s) => s.key === 'cp-plan')?.summary).toBe('Started 6 January 2027: Neglect');
    expect(q.stages.find((s) => s.key === 'visits')?.due?.date).toBe('2027-01-20');
    const seen = referralProgress({ ...withPlan, cpVisitsSeen: ['2027-01-12'] }, '2027-01-13');
    expect(seen.stages.find((s) => s.key === 'visits')?.due?.date).toBe('2027-01-26');
  });

  it('the assessment is due 45 working days from its start, and counted from the referral if the authority says so', () => {
    const records = { ...base, assessments: [{ id: 'A1', startDate: '2026-12-14', authorisedDate: null }] };
    const due = referralProgress(records, '2026-12-14').stages.find((s) => s.key === 'assessment')?.due;
    expect(due?.date).toBe('2027-02-18');
    const fromReferral = referralProgress(base, '2026-12-14', { standards: localStandards({ assessmentFrom: 'referral' }) });
    expect(fromReferral.next.find((n) => n.stage === 'assessment')?.due?.date).toBe('2027-02-18');
  });

  it('a closed referral asks for nothing more', () => {
    expect(referralProgress({ ...base, referral: { ...base.referral, closeDate: '2026-12-20' } }, '2026-12-21')).toMatchObject({ closed: true, next: [] });
  });
});

describe('visits', () => {
  it('CP visits every 10 working days and CIN every 20, from the plan start or the last visit the child was seen, under local standards', () => {
    expect(nextVisit('CP', '2026-11-20', [], '2026-11-22')).toMatchObject({ due: '2026-12-04', every: 10, fromVisit: false, sentence: 'Visit due 4 Dec: 10 working days left' });
    expect(nextVisit('CP', '2026-11-20', ['2026-11-27'], '2026-11-30')).toMatchObject({ due: '2026-12-11', from: '2026-11-27', fromVisit: true });
    expect(nextVisit('CIN', '2026-11-20', [], '2026-11-22').due).toBe('2026-12-18');
    expect(nextVisit('CP', '2026-11-20', ['2026-11-27'], '2026-11-30', { standards: localStandards({ cpVisitWorkingDays: 5 }) }).due).toBe('2026-12-04');
    expect(nextVisit('CP', '2026-11-02', [], '2026-11-22').status.state).toBe('overdue');
  });
});

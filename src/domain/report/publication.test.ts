import { describe, expect, it } from 'vitest';
import { differences, jsonDifferences, mayTake, reportState, type ComparableReport, type ReportFacts, type StepTaken } from './publication.js';

const at = (d: number) => new Date(Date.UTC(2026, 0, d));
const step = (s: StepTaken['step'], by: string, d: number, version: number | null = null): StepTaken => ({ step: s, by, at: at(d), version });

describe('the report’s status from its steps', () => {
  it('is a draft with nothing done, version 1 next', () => {
    expect(reportState([])).toEqual({ status: 'draft', nextVersion: 1, published: null, reviewed: null, returned: null });
  });

  it('follows draft → reviewed → published → reopened → reviewed → published', () => {
    const steps = [step('reviewed', 'dir', 1), step('published', 'dir', 2, 1)];
    expect(reportState(steps)).toMatchObject({ status: 'published', nextVersion: 2, published: { version: 1, by: 'dir' }, reviewed: { by: 'dir' } });
    steps.push(step('reopened', 'analyst', 3));
    expect(reportState(steps)).toMatchObject({ status: 'draft', nextVersion: 2, published: { version: 1 }, reviewed: null, returned: { by: 'analyst', step: 'reopened' } });
    steps.push(step('reviewed', 'analyst2', 4), step('published', 'dir', 5, 2));
    expect(reportState(steps)).toMatchObject({ status: 'published', nextVersion: 3, published: { version: 2, at: at(5) }, reviewed: { by: 'analyst2' } });
  });

  it('goes back to draft when a reviewed report is returned', () => {
    expect(reportState([step('reviewed', 'dir', 1), step('returned', 'dir', 2)])).toMatchObject({ status: 'draft', reviewed: null, returned: { step: 'returned' } });
  });
});

describe('who may take a step', () => {
  const draft: ReportFacts = { state: reportState([]), authors: ['analyst'], hasSummary: true };
  const reviewed: ReportFacts = { ...draft, state: reportState([step('reviewed', 'director', 1)]) };
  const published: ReportFacts = { ...draft, state: reportState([step('reviewed', 'director', 1), step('published', 'director', 2, 1)]) };
  const analyst = { username: 'analyst', role: 'performance-analyst' as const };
  const analyst2 = { username: 'analyst2', role: 'performance-analyst' as const };
  const director = { username: 'director', role: 'director' as const };
  const manager = { username: 'tm', role: 'team-manager' as const };

  it('lets only an analyst write, and only a draft', () => {
    expect(mayTake(analyst, 'write', draft).allowed).toBe(true);
    expect(mayTake(director, 'write', draft)).toEqual({ allowed: false, because: 'Only a performance analyst writes the report', byRole: true });
    expect(mayTake(manager, 'write', draft).allowed).toBe(false);
    expect(mayTake(analyst, 'write', reviewed).allowed).toBe(false);
    expect(mayTake(analyst, 'write', published).allowed).toBe(false);
  });

  it('wants a reviewer who wrote none of the text, and a written summary', () => {
    expect(mayTake(analyst, 'review', draft)).toEqual({ allowed: false, because: 'You wrote part of this report: someone else must review it', byRole: false });
    expect(mayTake(analyst2, 'review', draft).allowed).toBe(true);
    expect(mayTake(director, 'review', draft).allowed).toBe(true);
    expect(mayTake(manager, 'review', draft).allowed).toBe(false);
    expect(mayTake(director, 'review', { ...draft, hasSummary: false })).toEqual({ allowed: false, because: 'Write the summary analysis before the report is reviewed', byRole: false });
    expect(mayTake(director, 'review', reviewed).allowed).toBe(false);
  });

  it('lets a director publish a reviewed report only', () => {
    expect(mayTake(director, 'publish', reviewed).allowed).toBe(true);
    expect(mayTake(analyst2, 'publish', reviewed).allowed).toBe(false);
    expect(mayTake(director, 'publish', draft)).toEqual({ allowed: false, because: 'The report must be reviewed before it is published', byRole: false });
    expect(mayTake(analyst2, 'publish', reviewed)).toMatchObject({ allowed: false, byRole: true });
    expect(mayTake(manager, 'reopen', published)).toMatchObject({ allowed: false, byRole: true });
    expect(mayTake(analyst, 'reopen', reviewed)).toMatchObject({ allowed: false, byRole: false });
    expect(mayTake(director, 'publish', published).allowed).toBe(false);
  });

  it('sends back a reviewed report, and reopens a published one', () => {
    expect(mayTake(director, 'return', reviewed).allowed).toBe(true);
    expect(mayTake(director, 'return', draft).allowed).toBe(false);
    expect(mayTake(analyst, 'reopen', published).allowed).toBe(true);
    expect(mayTake(analyst, 'reopen', reviewed).allowed).toBe(false);
    expect(mayTake(manager, 'reopen', published).allowed).toBe(false);
  });
});

describe('what changed between two versions', () => {
  const base: ComparableReport = {
    summary: 'Good month.',
    measures: [
      { id: 'a', title: 'Visits on time', figure: '80.0%', numerator: 8, denominator: 10, target: 85, rag: 'amber', trendSentence: 'Up.', commentary: 'Improving.' },
      { id: 'b', title: 'Re-referrals', figure: '20.0%', numerator: 2, denominator: 10, target: null, rag: null, trendSentence: 'Down.', commentary: null },
    ],
    sections: { generatedAt: '2026-11-30T00:00:00Z', complaints: { received: 4, byArea: [{ area: 'CP', share: 50 }] } },
  };

  it('finds nothing between a version and itself', () => {
    expect(differences(base, structuredClone(base))).toEqual([]);
  });

  it('lists changed figures, RAG, commentary, summary and section values', () => {
    const next = structuredClone(base) as ComparableReport & { measures: ComparableReport['measures'][number][] };
    next.summary = 'A better month.';
    next.measures[0] = { ...next.measures[0]!, figure: '90.0%', numerator: 9, rag: 'green', trendSentence: 'Up again.' };
    next.measures[1] = { ...next.measures[1]!, commentary: 'Watch this.' };
    (next.sections as { complaints: { received: number } }).complaints.received = 5;
    (next.sections as { generatedAt?: string }).generatedAt = '2026-12-01T00:00:00Z';
    expect(differences(base, next)).toEqual([
      { where: 'Summary analysis', what: 'text', before: 'Good month.', after: 'A better month.' },
      { where: 'Visits on time', what: 'figure', before: '80.0%', after: '90.0%' },
      { where: 'Visits on time', what: 'numerator and denominator', before: '8 of 10', after: '9 of 10' },
      { where: 'Visits on time', what: 'RAG', before: 'amber', after: 'green' },
      { where: 'Re-referrals', what: 'commentary', before: 'none', after: 'Watch this.' },
      { where: 'Sections: complaints › received', what: 'value', before: '4', after: '5' },
    ]);
  });

  it('says when the trend changed though the month’s figure did not (an earlier month was corrected)', () => {
    const next = structuredClone(base) as ComparableReport & { measures: ComparableReport['measures'][number][] };
    next.measures[1] = { ...next.measures[1]!, trendSentence: 'Down for 2 months.' };
    expect(differences(base, next)).toEqual([{ where: 'Re-referrals', what: 'trend', before: 'Down.', after: 'Down for 2 months.' }]);
  });

  it('writes large numerators and denominators with thousands separators', () => {
    const next = structuredClone(base) as ComparableReport & { measures: ComparableReport['measures'][number][] };
    next.measures[1] = { ...next.measures[1]!, numerator: 1200, denominator: 25640 };
    expect(differences(base, next)).toEqual([{ where: 'Re-referrals', what: 'numerator and denominator', before: '2 of 10', after: '1,200 of 25,640' }]);
  });

  it('compares JSON leaf by leaf, arrays by position, with additions and removals', () => {
    expect(jsonDifferences({ a: [1, 2], b: { c: 'x' } }, { a: [1, 3, 4], b: {} })).toEqual([
      { path: ['a', 1], before: 2, after: 3 },
      { path: ['a', 2], before: undefined, after: 4 },
      { path: ['b', 'c'], before: 'x', after: undefined },
    ]);
    expect(differences({ ...base, sections: null }, { ...base, sections: { surveys: 'none' } })).toEqual([
      { where: 'Sections', what: 'value', before: 'none', after: '{"surveys":"none"}' },
    ]);
  });
});

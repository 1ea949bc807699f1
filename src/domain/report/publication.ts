/**
 * Publication of the monthly monitoring report: the steps (draft → reviewed → published, and back to draft
 * to make a new version), who may take each step, and what changed between two published versions.
 *
 * Who may take a step. The access rules (src/domain/access/rules.ts) are about children's records: under the
 * defaults a performance analyst or a director may only read them, and "change" belongs to practitioners.
 * Writing the report is not changing a child's record, so the report's own steps are decided here, by role:
 * the performance analyst writes the summary and commentary; a second person reviews the draft (a director,
 * or another analyst, never someone who wrote the text in force); a director publishes. Pure: no I/O.
 */
import type { Role } from '../access/roles.js';

export type ReportStatus = 'draft' | 'reviewed' | 'published';
export type StepName = 'reviewed' | 'returned' | 'published' | 'reopened';

export interface StepTaken {
  step: StepName;
  by: string;
  at: Date;
  /** The version a 'published' step made. */
  version: number | null;
}

export interface ReportState {
  status: ReportStatus;
  /** The version a publication now would make: 1 + the last one published. */
  nextVersion: number;
  /** The latest published version, if any. */
  published: { version: number; by: string; at: Date } | null;
  /** The review the current status rests on (status 'reviewed'). */
  reviewed: { by: string; at: Date } | null;
  /** The last time the report went back to draft, and who sent it back. */
  returned: { by: string; at: Date; step: 'returned' | 'reopened' } | null;
}

/** The status from the steps taken, oldest first. */
export function reportState(steps: readonly StepTaken[]): ReportState {
  let status: ReportStatus = 'draft';
  let published: ReportState['published'] = null;
  let reviewed: ReportState['reviewed'] = null;
  let returned: ReportState['returned'] = null;
  for (const s of steps) {
    if (s.step === 'reviewed') {
      status = 'reviewed';
      reviewed = { by: s.by, at: s.at };
    } else if (s.step === 'published') {
      status = 'published';
      const last = published as ReportState['published'];
      published = { version: s.version ?? (last?.version ?? 0) + 1, by: s.by, at: s.at };
    } else {
      status = 'draft';
      reviewed = null;
      returned = { by: s.by, at: s.at, step: s.step };
    }
  }
  if (status !== 'reviewed' && status !== 'published') reviewed = null;
  return { status, nextVersion: (published?.version ?? 0) + 1, published, reviewed, returned };
}

/** Roles that may take each of the report's own actions. */
export const REPORT_ROLES: Readonly<Record<'write' | 'review' | 'publish' | 'reopen', readonly Role[]>> = {
  write: ['performance-analyst'],
  review: ['performance-analyst', 'director'],
  publish: ['director'],
  reopen: ['performance-analyst', 'director'],
};

export type ReportAction = 'write' | 'review' | 'return' | 'publish' | 'reopen';

export interface Actor {
  username: string;
  role: Role;
}

export interface ReportFacts {
  state: ReportState;
  /** Who wrote the summary and commentary in force for the month. */
  authors: readonly string[];
  /** Whether the summary analysis has been written. */
  hasSummary: boolean;
}

/**
 * Whether `who` may take `action` now; when not, why not, in words for the page, and whether it is the role
 * that may never take it (`byRole`) rather than the report's state or authorship.
 */
export function mayTake(who: Actor, action: ReportAction, facts: ReportFacts): { allowed: true } | { allowed: false; because: string; byRole: boolean } {
  const no = (because: string) => ({ allowed: false as const, because, byRole: false });
  const noRole = (because: string) => ({ allowed: false as const, because, byRole: true });
  const { status } = facts.state;
  switch (action) {
    case 'write':
      if (!REPORT_ROLES.write.includes(who.role)) return noRole('Only a performance analyst writes the report');
      if (status !== 'draft') return no(status === 'reviewed' ? 'The report has been reviewed: send it back to draft to change it' : 'The report is published: start a new version to change it');
      return { allowed: true };
    case 'review':
      if (!REPORT_ROLES.review.includes(who.role)) return noRole('Only a director or a performance analyst reviews the report');
      if (status !== 'draft') return no('Only a draft can be reviewed');
      if (facts.authors.includes(who.username)) return no('You wrote part of this report: someone else must review it');
      if (!facts.hasSummary) return no('Write the summary analysis before the report is reviewed');
      return { allowed: true };
    case 'return':
      if (![...REPORT_ROLES.review, ...REPORT_ROLES.publish].includes(who.role)) return noRole('Only a reviewer or a director sends the report back');
      if (status !== 'reviewed') return no('Only a reviewed report can be sent back to draft');
      return { allowed: true };
    case 'publish':
      if (!REPORT_ROLES.publish.includes(who.role)) return noRole('Only a director publishes the report');
      if (status !== 'reviewed') return no(status === 'draft' ? 'The report must be reviewed before it is published' : 'This version is already published');
      return { allowed: true };
    case 'reopen':
      if (!REPORT_ROLES.reopen.includes(who.role)) return noRole('Only a performance analyst or a director starts a new version');
      if (status !== 'published') return no('Only a published report can be reopened for a new version');
      return { allowed: true };
  }
}

// --- What changed between two versions -------------------------------------------------------------

/** What the comparison needs of a version (the snapshot has more). */
export interface ComparableMeasure {
  id: string;
  title: string;
  figure: string;
  numerator: number;
  denominator: number | null;
  target: number | null;
  rag: string | null;
  trendSentence: string;
  commentary: string | null;
}

export interface ComparableReport {
  summary: string | null;
  measures: readonly ComparableMeasure[];
  sections: unknown;
}

export interface Difference {
  /** 'Summary analysis', a measure's title, or a section's path. */
  where: string;
  /** 'figure', 'target', 'RAG', 'numerator and denominator', 'trend', 'commentary', 'text', 'added', 'removed'. */
  what: string;
  before: string;
  after: string;
}

const shown = (v: unknown): string => (v === null || v === undefined || v === '' ? 'none' : typeof v === 'string' ? v : JSON.stringify(v));

/** "audits › quarters › 2 › completed" from a JSON path. */
function pathWords(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? String(p + 1) : p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())).join(' › ');
}

/** Every leaf that differs between two JSON values, by path. Arrays are compared position by position. */
export function jsonDifferences(before: unknown, after: unknown, path: (string | number)[] = []): { path: (string | number)[]; before: unknown; after: unknown }[] {
  if (Object.is(before, after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(before) && Array.isArray(after)) {
    const out = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= before.length) out.push({ path: [...path, i], before: undefined, after: after[i] });
      else if (i >= after.length) out.push({ path: [...path, i], before: before[i], after: undefined });
      else out.push(...jsonDifferences(before[i], after[i], [...path, i]));
    }
    return out;
  }
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => jsonDifferences(before[k], after[k], [...path, k]));
  }
  return [{ path, before, after }];
}

/** The figures and text that changed from one published version to the next. */
export function differences(before: ComparableReport, after: ComparableReport): Difference[] {
  const out: Difference[] = [];
  if ((before.summary ?? '') !== (after.summary ?? '')) out.push({ where: 'Summary analysis', what: 'text', before: shown(before.summary), after: shown(after.summary) });
  const old = new Map(before.measures.map((m) => [m.id, m]));
  for (const m of after.measures) {
    const o = old.get(m.id);
    if (!o) {
      out.push({ where: m.title, what: 'added', before: 'none', after: m.figure });
      continue;
    }
    old.delete(m.id);
    if (o.figure !== m.figure) out.push({ where: m.title, what: 'figure', before: o.figure, after: m.figure });
    if (o.numerator !== m.numerator || o.denominator !== m.denominator) {
      const nd = (x: ComparableMeasure) => `${x.numerator.toLocaleString('en-GB')} of ${x.denominator === null ? 'none' : x.denominator.toLocaleString('en-GB')}`;
      out.push({ where: m.title, what: 'numerator and denominator', before: nd(o), after: nd(m) });
    }
    if (o.target !== m.target) out.push({ where: m.title, what: 'target', before: shown(o.target), after: shown(m.target) });
    if (o.rag !== m.rag) out.push({ where: m.title, what: 'RAG', before: shown(o.rag), after: shown(m.rag) });
    if ((o.commentary ?? '') !== (m.commentary ?? '')) out.push({ where: m.title, what: 'commentary', before: shown(o.commentary), after: shown(m.commentary) });
    if (o.trendSentence !== m.trendSentence && o.figure === m.figure) out.push({ where: m.title, what: 'trend', before: o.trendSentence, after: m.trendSentence });
  }
  for (const o of old.values()) out.push({ where: o.title, what: 'removed', before: o.figure, after: 'none' });
  // When the sections were counted is not a difference in what they say.
  const sectionsChanges = jsonDifferences(before.sections ?? null, after.sections ?? null).filter((d) => d.path[d.path.length - 1] !== 'generatedAt');
  for (const d of sectionsChanges) {
    out.push({ where: d.path.length ? `Sections: ${pathWords(d.path)}` : 'Sections', what: d.before === undefined ? 'added' : d.after === undefined ? 'removed' : 'value', before: shown(d.before), after: shown(d.after) });
  }
  return out;
}

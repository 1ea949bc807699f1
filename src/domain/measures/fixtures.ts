/**
 * Small builders for measure inputs, used by the worked examples kept beside each definition (and so by the
 * documentation) and by the tests. `inputsOf(cpPlan('P1', 'C1', '2025-01-06'), visit('C1', '2025-03-20'))`.
 * Times are London civil time 'YYYY-MM-DD HH:MM[:SS]' (an explicit offset settles the autumn hour that
 * happens twice: '2024-10-27 01:30:00+01:00').
 */
import { parseSsdDateTime } from '../time/ssd-dates.js';
import { emptyInputs, type MeasureInputs } from './inputs.js';

type Lists = Omit<MeasureInputs, 'knownAt'>;
/** One record for one of the input lists. */
export type Part = { [K in keyof Lists]: { list: K; record: Lists[K][number] } }[keyof Lists];

/** Inputs holding the given records (nested arrays of parts are flattened). knownAt is fixed so results are repeatable. */
export function inputsOf(...parts: (Part | readonly Part[])[]): MeasureInputs {
  const inputs = emptyInputs(Date.UTC(2030, 0, 1));
  for (const part of parts.flat()) (inputs[part.list] as unknown[]).push(part.record);
  return inputs;
}

const part = <K extends keyof Lists>(list: K, record: Lists[K][number]): Part => ({ list, record }) as Part;

/** An instant from London civil time text; a bare date is the start of that day. */
export function london(text: string): number {
  const parsed = parseSsdDateTime(text);
  if ('error' in parsed) throw new RangeError(parsed.error);
  return parsed.instant.getTime();
}

/** A contact received at `received`, decided at `decided` (a bare date: a decision recorded without a time). */
export function contact(id: string, personId: string, received: string, decided: string | null, decision: string | null = 'REF'): Part {
  return part('contacts', {
    id, personId, receivedAt: london(received), decisionAt: decided === null ? null : london(decided),
    decisionHasTime: decided !== null && decided.length > 10, decision,
  });
}

export function referral(id: string, personId: string, date: string, closeDate: string | null = null, teamId: string | null = null): Part {
  return part('referrals', { id, personId, date, closeDate, teamId });
}

export function strategy(id: string, personId: string, date: string): Part {
  return part('strategies', { id, personId, date });
}

export function s47(id: string, personId: string, startDate: string, strategyId: string | null = null): Part {
  return part('s47s', { id, personId, startDate, strategyId });
}

export function icpc(id: string, personId: string, date: string, s47Id: string | null, transferIn = false): Part {
  return part('icpcs', { id, personId, date, s47Id, transferIn });
}

export function assessment(id: string, personId: string, startDate: string, authorisedDate: string | null, referralId: string | null = null): Part {
  return part('assessments', { id, personId, startDate, authorisedDate, referralId });
}

export function cpPlan(id: string, personId: string, startDate: string, endDate: string | null = null, teamId: string | null = null): Part {
  return part('cpPlans', { id, personId, startDate, endDate, teamId });
}

export function cinPlan(id: string, personId: string, startDate: string, endDate: string | null = null, teamId: string | null = null): Part {
  return part('cinPlans', { id, personId, startDate, endDate, teamId });
}

export function cpReview(planId: string, personId: string, date: string): Part {
  return part('cpReviews', { ofId: planId, personId, date });
}

export function claReview(claId: string, personId: string, date: string): Part {
  return part('claReviews', { ofId: claId, personId, date });
}

export function visit(personId: string, date: string, seen = true, kind: 'CIN' | 'CP' | 'CLA' = 'CP'): Part {
  return part('visits', { personId, date, seen, kind });
}

export function supervision(personId: string, date: string, type = 'CS'): Part {
  return part('supervisions', { personId, date, type });
}

export interface ReturnInterview {
  offered?: boolean;
  accepted?: boolean;
  /** When the interview was held (London time), or null. */
  held?: string | null;
}

/** A missing episode: went missing a day before `returned` (London time), with its return home interview. */
export function missing(id: string, personId: string, returned: string | null, rhi: ReturnInterview = {}): Part {
  const endAt = returned === null ? null : london(returned);
  return part('missing', {
    id, personId, startAt: (endAt ?? Date.UTC(2000, 0, 1)) - 86_400_000, endAt,
    rhiOffered: rhi.offered ?? false, rhiAccepted: rhi.accepted ?? false, rhiCompletedAt: rhi.held ? london(rhi.held) : null,
  });
}

export function careEpisode(id: string, personId: string, claId: string, startDate: string, ceasedDate: string | null = null): Part {
  return part('claEpisodes', { id, personId, claId, startDate, ceasedDate });
}

export function legalStatus(personId: string, status: string, startDate: string, endDate: string | null = null): Part {
  return part('legalStatuses', { personId, status, startDate, endDate });
}

export function placement(id: string, personId: string, claId: string, startDate: string, endDate: string | null = null, longTerm = false): Part {
  return part('placements', { id, personId, claId, startDate, endDate, longTerm });
}

export interface LookedAfterOptions {
  /** Legal status throughout (default C2, full care order). */
  status?: string;
  end?: string | null;
  /** The placement (default: one placement from the start, id `${claId}-P1`, not long-term); null for none. */
  placement?: { id?: string; start?: string; longTerm?: boolean } | null;
}

/** A period of care of one episode, with a legal status and (by default) a placement from its start. */
export function lookedAfter(personId: string, claId: string, start: string, options: LookedAfterOptions = {}): Part[] {
  const end = options.end ?? null;
  const parts = [careEpisode(`${claId}-E1`, personId, claId, start, end), legalStatus(personId, options.status ?? 'C2', start, end)];
  if (options.placement !== null) {
    const p = options.placement ?? {};
    parts.push(placement(p.id ?? `${claId}-P1`, personId, claId, p.start ?? start, end, p.longTerm ?? false));
  }
  return parts;
}

export function allocation(personId: string, workerId: string, startDate: string, endDate: string | null = null, role: string | null = 'CH', teamId: string | null = null): Part {
  return part('allocations', { personId, workerId, role, startDate, endDate, teamId });
}

export function worker(id: string, name: string, endDate: string | null = null): Part {
  return part('workers', { id, name, endDate });
}

export interface PostOptions {
  socialWorker?: boolean;
  caseHolding?: boolean;
  start?: string;
  end?: string | null;
}

export function post(id: string, teamId: string, fte: number, options: PostOptions = {}): Part {
  return part('posts', {
    id, teamId, fte, socialWorker: options.socialWorker ?? true, caseHolding: options.caseHolding ?? true,
    startDate: options.start ?? '2000-01-01', endDate: options.end ?? null,
  });
}

export interface HolderOptions {
  agency?: boolean;
  start?: string;
  end?: string | null;
}

export function holder(postId: string, workerId: string, fte: number, options: HolderOptions = {}): Part {
  return part('postHolders', {
    postId, workerId, fte, agency: options.agency ?? false, startDate: options.start ?? '2000-01-01', endDate: options.end ?? null,
  });
}

/** A worker in their own post of the same FTE (the common case). */
export function staffed(workerId: string, name: string, teamId: string, fte = 1, options: HolderOptions & { leftOn?: string | null } = {}): Part[] {
  const postId = `${workerId}-post`;
  return [worker(workerId, name, options.leftOn ?? null), post(postId, teamId, fte), holder(postId, workerId, fte, options)];
}

export function absence(workerId: string, startDate: string, endDate: string | null = null, longTerm = true): Part {
  return part('absences', { workerId, startDate, endDate, longTerm });
}

export function audit(id: string, personId: string | null, date: string, grade: string, moderatedGrade: string | null = null): Part {
  return part('audits', { id, personId, date, grade, moderatedGrade });
}

export function population(midYear: number, children: number): Part {
  return part('population', { midYear, children });
}

/** `count` records made by `make(i)` for i = 1..count. */
export function times(count: number, make: (i: number) => Part | readonly Part[]): Part[] {
  return Array.from({ length: count }, (_, i) => make(i + 1)).flat();
}

/**
 * The clocks running on one child's case today, each with its due date and time, overdue first: the work the
 * case needs next (visits, assessments, ICPC, core group, reviews, case supervision, plan actions: the same
 * rules as the team dashboard, src/domain/workload), contact decisions waiting (24 hours by default), return
 * home interviews after a recent missing episode (72 hours), and a wait for a case-holding worker (5 working
 * days). Every timescale comes from src/domain/clocks with the authority's local standards and calendar.
 * Callers check access and log the view.
 */
import type { ClockId } from '../domain/clocks/clock.js';
import { clockById, contactDecisionClock, returnInterviewClock } from '../domain/clocks/registry.js';
import { formatDueTime, formatElapsed } from '../domain/clocks/describe.js';
import { addDays, endOfLondonDay, londonDate, longDate, toLondon } from '../domain/time/london.js';
import { caseWork, dueWords, DUE_SOON_WORKING_DAYS, unallocatedSpell, type DueState } from '../domain/workload/index.js';
import type { TaggedRow } from '../db/tagged-rows.js';
import type { CaseRecords } from '../domain/workload/index.js';
import type { CaseloadSettings } from './caseload.js';

export interface OpenClock {
  /** What is due: "Child protection visit". */
  title: string;
  /** Why, in plain English: "Last seen 3 November 2026". */
  detail: string;
  /** The clock's name and where its timescale comes from (statute or local standard). */
  clock: { id: ClockId; name: string; source: string } | null;
  /** The last moment it is in time: the due instant for hour clocks, the end of the due day otherwise. */
  dueAt: Date;
  /** "14:32 on Tuesday 24 November 2026". */
  dueText: string;
  state: DueState;
  /** "3 working days overdue", "Due in 2 working days", "5 hours 20 minutes left". */
  stateText: string;
}

/** Return home interviews are shown for returns in the last 28 days (older ones are for the measures, not a clock to act on). */
export const RETURN_INTERVIEW_LOOKBACK_DAYS = 28;

const RANK: Record<DueState, number> = { overdue: 0, 'due-soon': 1, later: 2 };

/** Overdue first, then due soon, then later; each by when it is due. */
export function clockOrder(a: OpenClock, b: OpenClock): number {
  return RANK[a.state] - RANK[b.state] || a.dueAt.getTime() - b.dueAt.getTime() || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

/** "14:32 on Tuesday 24 November 2026" (London time). */
export function dueText(at: Date): string {
  return `${formatDueTime(at)} ${toLondon(at).year}`;
}

const clockInfo = (id: ClockId | null) => {
  if (id === null) return null;
  const c = clockById(id);
  return { id, name: c.name, source: c.source };
};

/**
 * The tagged SELECTs (src/db/tagged-rows.ts) of a child's hour clocks and case-holding allocations, to read with
 * the case records (loadCaseRecordsWith): `p` names the parameters holding the child's id, now, the start of the
 * return interview look-back and the case-holding roles.
 */
export function clockSelects(p: { person: string; now: string; since: string; roles: string }): string[] {
  return [
    `SELECT 'clocks:contacts' AS k, person_id, json_build_object('id', id, 'received_at', received_at, 'source_desc', source_desc) AS r
       FROM current_contact WHERE person_id = ${p.person} AND decision_at IS NULL AND received_at <= ${p.now}`,
    `SELECT 'clocks:missing' AS k, person_id, json_build_object('id', id, 'end_at', end_at) AS r FROM current_missing_episode
      WHERE person_id = ${p.person} AND end_at IS NOT NULL AND end_at <= ${p.now} AND end_at > ${p.since} AND rhi_completed_at IS NULL
        AND rhi_accepted IS DISTINCT FROM 'N'`,
    `SELECT 'clocks:allocations' AS k, a.person_id, json_build_object('start_date', a.start_date, 'end_date', a.end_date, 'worker_left', w.end_date) AS r
       FROM current_allocation a LEFT JOIN current_worker w ON w.id = a.worker_id
      WHERE a.person_id = ${p.person} AND a.role = ANY(${p.roles}::text[])`,
  ];
}

/** The instants among the columns of clockSelects. */
export const CLOCK_INSTANTS = ['received_at', 'end_at'];

/** The values of clockSelects' parameters, in the order person, now, since, roles. */
export function clockParams(personId: string, now: Date, settings: CaseloadSettings): unknown[] {
  return [personId, now, endOfLondonDay(addDays(londonDate(now), -RETURN_INTERVIEW_LOOKBACK_DAYS - 1)), [...settings.caseHoldingRoles]];
}

/** The child's open clocks from their case records and the rows of clockSelects. */
export function clocksFrom(records: CaseRecords | undefined, kind: (k: string) => TaggedRow[], personId: string, now: Date, settings: CaseloadSettings): OpenClock[] {
  const today = londonDate(now);
  const ctx = { calendar: settings.calendar, standards: settings.standards };
  const out: OpenClock[] = [];

  if (records) {
    for (const w of caseWork(records, today, settings)) {
      const at = endOfLondonDay(w.due);
      out.push({
        title: w.title, detail: w.detail, clock: clockInfo(w.clock), dueAt: at, dueText: dueText(at), state: w.state, stateText: dueWords(w, today),
      });
    }
  }

  // Hour clocks: a contact waiting for a decision, a return home interview after a recent return.
  const hourClock = (title: string, detail: string, id: 'contact-decision' | 'return-interview', start: Date) => {
    const clock = id === 'contact-decision' ? contactDecisionClock : returnInterviewClock;
    const status = clock.status(start, null, now, ctx);
    if (status.state === 'met' || status.state === 'late') return;
    const overdue = status.state === 'overdue';
    const soon = settings.calendar.workingDaysBetween(today, londonDate(status.due)) <= DUE_SOON_WORKING_DAYS;
    out.push({
      title, detail, clock: clockInfo(id), dueAt: status.due, dueText: dueText(status.due),
      state: overdue ? 'overdue' : soon ? 'due-soon' : 'later',
      stateText: overdue ? `${formatElapsed(status.overdueBy ?? 0)} overdue` : `${formatElapsed(status.remaining ?? 0)} left`,
    });
  };
  const contacts = kind('clocks:contacts') as unknown as { id: string; received_at: Date; source_desc: string | null }[];
  const missing = kind('clocks:missing') as unknown as { id: string; end_at: Date }[];
  const allocations = kind('clocks:allocations') as unknown as { start_date: string; end_date: string | null; worker_left: string | null }[];
  for (const c of contacts) {
    hourClock('Contact decision', `Contact received ${dueText(c.received_at)}${c.source_desc ? ` from ${c.source_desc}` : ''}`, 'contact-decision', c.received_at);
  }
  for (const m of missing) {
    hourClock('Return home interview', `Returned from a missing episode ${dueText(m.end_at)}`, 'return-interview', m.end_at);
  }

  // Waiting for a case-holding worker, while a referral, plan or period of care is open (as the team dashboard counts it).
  const isOpen = (end: string | null) => end === null || end > today;
  const episodes: { what: string; id: string; start: string }[] = [];
  if (records) {
    for (const r of records.referrals) if (isOpen(r.closeDate)) episodes.push({ what: 'referral', id: r.id, start: r.date });
    for (const p of records.cinPlans) if (isOpen(p.end)) episodes.push({ what: 'child in need plan', id: p.id, start: p.start });
    for (const p of records.cpPlans) if (isOpen(p.end)) episodes.push({ what: 'child protection plan', id: p.id, start: p.start });
    for (const e of records.claEpisodes) {
      if (!isOpen(e.ceased)) continue;
      const start = records.claEpisodes.filter((x) => x.claId === e.claId).reduce((m, x) => (x.start < m ? x.start : m), e.start);
      if (!episodes.some((x) => x.what === 'period of care' && x.id === e.claId)) episodes.push({ what: 'period of care', id: e.claId, start });
    }
  }
  const spell = unallocatedSpell(
    { personId, episodes, allocations: allocations.map((a) => ({ start: a.start_date, end: a.end_date, workerLeft: a.worker_left })) },
    today, ctx,
  );
  if (spell && (spell.clock.state === 'pending' || spell.clock.state === 'overdue')) {
    const at = endOfLondonDay(spell.clock.due);
    const overdue = spell.clock.state === 'overdue';
    out.push({
      title: 'Allocation of a social worker', detail: `Waiting since ${longDate(spell.since)}, when ${spell.because}`, clock: clockInfo('allocation'),
      dueAt: at, dueText: dueText(at), state: overdue ? 'overdue' : 'due-soon',
      stateText: overdue
        ? `${spell.clock.overdueBy} working day${spell.clock.overdueBy === 1 ? '' : 's'} overdue`
        : dueWords({ state: 'due-soon', due: spell.clock.due, overdueBy: null, measure: 'working days', workingDaysLeft: spell.clock.remaining }, today),
    });
  }
  return out.sort(clockOrder);
}

/**
 * One chronology of everything recorded about a child, from every service: each record becomes one or more
 * entries (a plan that started and ended is two), each saying what happened, when, who was involved, and,
 * where it was recorded on a later day than it happened, when it was recorded.
 *
 * When an entry was recorded: for a record's main event, when the record was first recorded
 * (first_recorded_at); for anything else (a plan ending, a decision made), when the earliest version holding
 * the current value was recorded. A recorded time before the event itself (for example an imported record
 * known from the time of its main event) says nothing about lateness and is not shown.
 *
 * Pure: the records come in as read from their tables (every version, oldest first).
 */
import { codeLabel, type CodeListName } from '../codes/code-lists.js';
import { daysBetween, londonDate, longDate, startOfLondonDay, toLondon } from '../time/london.js';
import type { ChronologyEntity, ChronologyKind } from './kinds.js';

/** One version of a record as read from its table: column name → value (dates 'YYYY-MM-DD', timestamps Date). */
export type Row = Readonly<Record<string, unknown>>;

/** A record: its current version and all its versions, oldest first. */
export interface RecordHistory {
  current: Row;
  versions: readonly Row[];
}

export interface ChronologyInput {
  /** The child's records of each kind (current, undeleted records only). */
  records: Partial<Record<ChronologyEntity, readonly RecordHistory[]>>;
  /** Agencies at each strategy discussion, by strategy id. */
  agencies: ReadonlyMap<string, readonly { agency: string; invited: boolean; attended: boolean }[]>;
  /** Assessment factor codes, by assessment id. */
  factors: ReadonlyMap<string, readonly string[]>;
  /** Worker and team names by id. */
  workers: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
}

export interface EntryDetail {
  label: string;
  text: string;
}

export interface RecordedLater {
  at: Date;
  /** Calendar days (London) from the day it happened to the day it was recorded; at least 1. */
  days: number;
  /** "Recorded 12 March 2026, 9 days after it happened". */
  text: string;
}

export interface ChronologyEntry {
  /** Unique in the chronology: entity, record and which event of it. */
  key: string;
  kind: ChronologyKind;
  entity: ChronologyEntity;
  recordId: string;
  /** The London date it happened. */
  date: string;
  /** The instant it happened, when a time was recorded. */
  instant: Date | null;
  title: string;
  details: EntryDetail[];
  /** The worker who did or recorded it, when known. */
  by: string | null;
  recordedLater: RecordedLater | null;
}

/** When something happened: a London date, and the instant when a time was recorded. */
export interface EventTime {
  date: string;
  instant: Date | null;
}

/** The time of a date or date-time column of a row, or null when empty. */
export function whenOf(row: Row, field: string): EventTime | null {
  const v = row[field];
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return row[`${field}_has_time`] === false ? { date: londonDate(v), instant: null } : { date: londonDate(v), instant: v };
  const s = String(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? { date: s, instant: null } : null;
}

const valueKey = (v: unknown): string => (v instanceof Date ? `t${v.getTime()}` : v === null || v === undefined ? '' : `s${String(v)}`);

/** When the record first held its current value of `field` (the earliest such version's recorded_from). */
export function firstRecordedWith(history: RecordHistory, field: string): Date | null {
  const want = valueKey(history.current[field]);
  let first: Date | null = null;
  for (const v of history.versions) {
    if (v.deleted === true || valueKey(v[field]) !== want) continue;
    const from = v.recorded_from;
    if (from instanceof Date && (first === null || from < first)) first = from;
  }
  return first;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** The "recorded later" note, when it was recorded on a later London day than it happened. */
export function recordedLater(when: EventTime, recordedAt: Date | null): RecordedLater | null {
  if (recordedAt === null) return null;
  const recordedDate = londonDate(recordedAt);
  const days = daysBetween(when.date, recordedDate);
  if (days < 1) return null;
  return { at: recordedAt, days, text: `Recorded ${longDate(recordedDate)}, ${plural(days, 'day')} after it happened` };
}

/** Newest first: by the instant (a date alone counts as the start of its day), then by key. */
export function newestFirst(a: ChronologyEntry, b: ChronologyEntry): number {
  const t = (e: ChronologyEntry) => (e.instant ?? startOfLondonDay(e.date)).getTime();
  return t(b) - t(a) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

// --- Reading columns ------------------------------------------------------------------------------

const str = (row: Row, field: string): string | null => {
  const v = row[field];
  return v === null || v === undefined || v === '' ? null : String(v);
};
const flag = (row: Row, field: string): boolean | null => (typeof row[field] === 'boolean' ? (row[field] as boolean) : null);
const yesNo = (v: boolean | null): string | null => (v === null ? null : v ? 'Yes' : 'No');
const label = (list: CodeListName, row: Row, field: string): string | null => {
  const code = str(row, field);
  return code === null ? null : codeLabel(list, code);
};
const shortDateTime = (t: EventTime): string => {
  if (!t.instant) return longDate(t.date);
  const { hour, minute } = toLondon(t.instant);
  const h = hour % 12 === 0 ? 12 : hour % 12;
  const time = minute === 0 ? `${h}${hour < 12 ? 'am' : 'pm'}` : `${h}:${String(minute).padStart(2, '0')}${hour < 12 ? 'am' : 'pm'}`;
  return `${longDate(t.date)} at ${time}`;
};

/** Parses a JSON object column, or null. */
function jsonObject(row: Row, field: string): Record<string, unknown> | null {
  const s = str(row, field);
  if (!s) return null;
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// --- Building entries -----------------------------------------------------------------------------

class Builder {
  readonly entries: ChronologyEntry[] = [];
  constructor(private readonly input: ChronologyInput) {}

  worker(id: unknown): string | null {
    if (id === null || id === undefined || id === '') return null;
    return this.input.workers.get(String(id)) ?? `Worker ${String(id)}`;
  }

  team(id: unknown): string | null {
    if (id === null || id === undefined || id === '') return null;
    return this.input.teams.get(String(id)) ?? `Team ${String(id)}`;
  }

  /**
   * Adds an entry for the event in `field` (skipped when the field is empty). `main`: the record's main event
   * (recorded when the record was first recorded); otherwise when the current value was first recorded.
   */
  add(
    entity: ChronologyEntity, kind: ChronologyKind, h: RecordHistory, field: string, event: string,
    title: string, details: (EntryDetail | null | false)[], by: string | null, main = false,
  ): void {
    const when = whenOf(h.current, field);
    if (!when) return;
    const recordedAt = main
      ? (h.current.first_recorded_at instanceof Date ? h.current.first_recorded_at : null)
      : firstRecordedWith(h, field);
    this.entries.push({
      key: `${entity}:${String(h.current.id)}:${event}`,
      kind, entity, recordId: String(h.current.id), date: when.date, instant: when.instant, title,
      details: details.filter((d): d is EntryDetail => !!d && d.text !== ''),
      by, recordedLater: recordedLater(when, recordedAt),
    });
  }

  each(entity: ChronologyEntity, fn: (h: RecordHistory, r: Row) => void): void {
    for (const h of this.input.records[entity] ?? []) fn(h, h.current);
  }
}

const d = (labelText: string, text: string | null | undefined): EntryDetail | null => (text ? { label: labelText, text } : null);

/** How the child took part in a review (SSDA903 participation codes), in words. */
export const PARTICIPATION: Readonly<Record<string, string>> = {
  PN0: 'Child under 4 at the time of the review',
  PN1: 'Child attended and spoke for themselves',
  PN2: 'Child attended and an advocate spoke for them',
  PN3: 'Child attended and conveyed their views non-verbally',
  PN4: 'Child attended but did not speak or convey their views',
  PN5: 'Child did not attend but briefed an advocate to speak for them',
  PN6: 'Child did not attend but conveyed their views by another means',
  PN7: 'Child did not attend and their views were not conveyed',
};
const participation = (r: Row) => {
  const code = str(r, 'participation');
  return code === null ? null : PARTICIPATION[code] ?? code;
};

/** Every entry of the child's chronology, newest first. */
export function buildChronology(input: ChronologyInput): ChronologyEntry[] {
  const b = new Builder(input);

  // Front door.
  b.each('contact', (h, r) => {
    const source = label('referralSource', r, 'source');
    const sourceDesc = str(r, 'source_desc');
    const consent = str(r, 'consent');
    b.add('contact', 'contact', h, 'received_at', 'received', `Contact from ${sourceDesc ?? source ?? 'an unknown source'}`, [
      d('Source', source && sourceDesc && source !== sourceDesc ? `${source} (${sourceDesc})` : source ?? sourceDesc),
      d('Consent obtained', consent === null ? null : `${codeLabel('yesNo', consent)}${str(r, 'consent_note') ? `: ${str(r, 'consent_note')}` : ''}`),
      !r.decision_at && { label: 'Decision', text: 'Not made yet' },
    ], b.worker(r.received_by_id), true);
    const decision = label('contactOutcome', r, 'decision');
    b.add('contact', 'decision', h, 'decision_at', 'decision', `Front-door decision: ${decision ?? 'recorded'}`, [
      d('Rationale', str(r, 'decision_rationale') ?? 'No rationale recorded'),
      d('Became referral', str(r, 'referral_id')),
      d('Stepped down to early help episode', str(r, 'early_help_id')),
    ], b.worker(r.decided_by_id));
  });
  b.each('decision_challenge', (h, r) => {
    b.add('decision_challenge', 'decision', h, 'raised_at', 'raised', 'Front-door decision challenged', [
      d('Reason', str(r, 'reason')), d('Contact', str(r, 'contact_id')),
    ], b.worker(r.raised_by_id), true);
    b.add('decision_challenge', 'decision', h, 'resolved_at', 'resolved', 'Challenge to a front-door decision resolved', [
      d('Resolution', str(r, 'resolution') ?? 'No resolution recorded'),
    ], b.worker(r.resolved_by_id));
  });

  // Early help.
  b.each('early_help_episode', (h, r) => {
    b.add('early_help_episode', 'early-help', h, 'step_down_requested_date', 'step-down', 'Step down to early help requested', [
      d('From referral', str(r, 'step_down_from_referral_id')), d('From contact', str(r, 'step_down_from_contact_id')),
    ], null);
    b.add('early_help_episode', 'early-help', h, 'start_date', 'start', 'Early help started', [
      d('Reason', str(r, 'reason')), d('Organisation', str(r, 'organisation')), d('Team', b.team(r.team_id)),
    ], b.worker(r.worker_id), true);
    b.add('early_help_episode', 'early-help', h, 'step_up_requested_date', 'step-up', 'Step up to children’s social care requested', [
      d('Became contact', str(r, 'step_up_contact_id')),
    ], null);
    b.add('early_help_episode', 'early-help', h, 'end_date', 'end', 'Early help ended', [d('Why', str(r, 'end_reason'))], b.worker(r.worker_id));
  });

  // Referral, strategy, section 47, conferences, assessments.
  b.each('referral', (h, r) => {
    const source = label('referralSource', r, 'source');
    b.add('referral', 'referral', h, 'referral_date', 'start', 'Referral to children’s social care', [
      d('Source', source ?? str(r, 'source_desc')), d('Primary need', label('primaryNeed', r, 'primary_need')), d('Team', b.team(r.team_id)),
      flag(r, 'nfa') === true && { label: 'Outcome', text: 'No further action' },
    ], b.worker(r.worker_id), true);
    b.add('referral', 'referral', h, 'close_date', 'close', 'Case closed', [d('Reason', label('cinClosureReason', r, 'close_reason'))], null);
  });
  b.each('strategy_discussion', (h, r) => {
    const agencies = input.agencies.get(String(r.id)) ?? [];
    const held = whenOf(r, 'held_at');
    const minutes = whenOf(r, 'minutes_recorded_at');
    let minutesText: string | null = null;
    if (minutes) {
      const late = held ? daysBetween(held.date, minutes.date) : 0;
      minutesText = `${shortDateTime(minutes)}${late >= 1 ? ` (${plural(late, 'day')} after the discussion)` : ''}`;
    }
    const medical = flag(r, 'medical_exam');
    b.add('strategy_discussion', 'strategy', h, 'held_at', 'held', 'Strategy discussion', [
      d('Outcome', label('strategyOutcome', r, 'outcome')),
      d('Decisions', str(r, 'decisions')),
      d('Agencies', agencies.length === 0 ? 'None recorded' : agencies
        .map((a) => `${codeLabel('agency', a.agency)} (${a.attended ? 'attended' : a.invited ? 'invited, did not attend' : 'not invited'})`)
        .join(', ')),
      d('Medical examination needed', medical === null ? 'Not recorded' : `${yesNo(medical)}${str(r, 'medical_exam_rationale') ? `: ${str(r, 'medical_exam_rationale')}` : ''}`),
      d('Minutes recorded', minutesText ?? 'Not yet'),
    ], b.worker(r.chair_id), true);
  });
  b.each('s47_enquiry', (h, r) => {
    b.add('s47_enquiry', 's47', h, 'start_date', 'start', 'Section 47 enquiry started', [
      d('Started by strategy discussion', str(r, 'strategy_id')), d('Team', b.team(r.team_id)),
    ], b.worker(r.worker_id), true);
    b.add('s47_enquiry', 's47', h, 'child_seen_date', 'seen', 'Child seen in the section 47 enquiry', [], b.worker(r.worker_id));
    const outcome = jsonObject(r, 'outcome_json');
    const icpc = outcome?.icpc === true ? 'Initial child protection conference needed' : outcome?.icpc === false ? 'No conference needed' : null;
    b.add('s47_enquiry', 's47', h, 'end_date', 'end', 'Section 47 enquiry completed', [
      d('Outcome', [icpc, flag(r, 'nfa') === true || outcome?.nfa === true ? 'No further action' : null].filter(Boolean).join('; ')),
    ], b.worker(r.worker_id));
  });
  b.each('icpc', (h, r) => {
    const target = str(r, 'target_date');
    const date = str(r, 'conference_date');
    b.add('icpc', 'conference', h, 'conference_date', 'held', 'Initial child protection conference', [
      d('Outcome', flag(r, 'outcome_cp') === true ? 'Child protection plan' : flag(r, 'outcome_cp') === false ? 'No child protection plan' : null),
      d('Due by', target ? `${longDate(target)}${date && date > target ? ` (held ${plural(daysBetween(target, date), 'day')} late)` : ''}` : null),
      flag(r, 'transfer_in') === true && { label: 'Transfer in', text: 'Yes, from another authority' },
      d('Team', b.team(r.team_id)),
    ], b.worker(r.worker_id), true);
  });
  b.each('cp_review', (h, r) => {
    const cont = flag(r, 'outcome_continue_cp');
    b.add('cp_review', 'conference', h, 'review_date', 'held', 'Child protection review conference', [
      d('Outcome', cont === null ? null : cont ? 'Plan to continue' : 'Plan to end'),
      d('Quorate', str(r, 'quorate') === null ? null : codeLabel('yesNo', str(r, 'quorate')!)), d('Participation', participation(r)),
    ], null, true);
  });
  b.each('assessment', (h, r) => {
    const preBirth = flag(r, 'pre_birth') === true;
    b.add('assessment', 'assessment', h, 'start_date', 'start', preBirth ? 'Pre-birth assessment started' : 'Assessment started', [
      d('Expected date of birth', preBirth && str(r, 'expected_dob') ? longDate(str(r, 'expected_dob')!) : null),
      d('Team', b.team(r.team_id)),
    ], b.worker(r.worker_id), true);
    const seen = str(r, 'child_seen_date');
    if (seen) b.add('assessment', 'assessment', h, 'child_seen_date', 'seen', 'Child seen for the assessment', [], b.worker(r.worker_id));
    const factors = input.factors.get(String(r.id)) ?? [];
    const outcome = jsonObject(r, 'outcome_json');
    b.add('assessment', 'assessment', h, 'authorised_date', 'authorised', 'Assessment completed and authorised', [
      d('Factors identified', factors.map((f) => codeLabel('assessmentFactor', f)).join(', ')),
      d('Outcome', flag(r, 'outcome_nfa') === true ? 'No further action' : typeof outcome?.next === 'string' ? `Next: ${outcome.next}` : null),
      d('Child seen', seen ? `Yes, ${longDate(seen)}` : flag(r, 'child_seen') === false ? 'No' : null),
      d('Manager’s rationale', str(r, 'authorisation_rationale') ?? 'No rationale recorded'),
      d('Authorised by', b.worker(r.authorised_by_id)),
    ], b.worker(r.worker_id));
  });

  // Plans and actions.
  b.each('cin_plan', (h, r) => {
    b.add('cin_plan', 'plan', h, 'start_date', 'start', 'Child in need plan started', [d('Team', b.team(r.team_id))], b.worker(r.worker_id), true);
    b.add('cin_plan', 'plan', h, 'end_date', 'end', 'Child in need plan ended', [], null);
  });
  b.each('cp_plan', (h, r) => {
    b.add('cp_plan', 'plan', h, 'start_date', 'start', 'Child protection plan started', [
      d('Category', label('abuseCategory', r, 'initial_category')),
      flag(r, 'ola') === true && { label: 'From another authority', text: 'Yes' },
    ], null, true);
    const latest = str(r, 'latest_category');
    b.add('cp_plan', 'plan', h, 'end_date', 'end', 'Child protection plan ended', [
      d('Latest category', latest && latest !== str(r, 'initial_category') ? codeLabel('abuseCategory', latest) : null),
    ], null);
  });
  b.each('cla_care_plan', (h, r) => {
    b.add('cla_care_plan', 'plan', h, 'start_date', 'start', 'Care plan', [d('Permanence plan', label('permanencePlan', r, 'permanence_plan'))], null, true);
    b.add('cla_care_plan', 'plan', h, 'end_date', 'end', 'Care plan ended', [], null);
  });
  b.each('plan_action', (h, r) => {
    const plan = label('planType', r, 'plan_type');
    const action = str(r, 'action') ?? 'An action';
    const due = str(r, 'due_date');
    b.add('plan_action', 'plan', h, 'set_date', 'set', `Plan action agreed: ${action}`, [
      d('Who', str(r, 'responsible')), d('By when', due ? longDate(due) : null), d('Status now', label('actionStatus', r, 'status')), d('Plan', plan),
    ], null, true);
    const done = str(r, 'completed_date');
    b.add('plan_action', 'plan', h, 'completed_date', 'done', `Plan action done: ${action}`, [
      d('Who', str(r, 'responsible')),
      d('By when', due ? `${longDate(due)}${done && done > due ? ` (done ${plural(daysBetween(due, done), 'day')} late)` : ''}` : null),
    ], null);
  });

  // Visits.
  const visit = (entity: 'cin_visit' | 'cp_visit' | 'cla_visit', title: string) => {
    b.each(entity, (h, r) => {
      const seen = flag(r, 'seen');
      const alone = flag(r, 'seen_alone');
      b.add(entity, 'visit', h, 'visit_date', 'visit', `${title}${seen === false ? ': child not seen' : alone === true ? ': child seen alone' : seen ? ': child seen' : ''}`, [
        d('Child seen', yesNo(seen)), d('Child seen alone', yesNo(alone)), d('Bedroom seen', yesNo(flag(r, 'bedroom_seen'))),
        d('What the child said', str(r, 'child_said')),
      ], b.worker(r.worker_id), true);
    });
  };
  visit('cin_visit', 'Child in need visit');
  visit('cp_visit', 'Child protection visit');
  visit('cla_visit', 'Looked-after visit');

  // Reviews, meetings, oversight, allocation.
  b.each('cla_review', (h, r) => {
    const cancelled = flag(r, 'cancelled') === true;
    b.add('cla_review', 'meeting', h, 'review_date', 'held', cancelled ? 'Looked-after review cancelled' : 'Looked-after review', [
      d('Due by', str(r, 'due_date') ? longDate(str(r, 'due_date')!) : null), d('Participation', participation(r)),
    ], null, true);
  });
  b.each('meeting', (h, r) => {
    b.add('meeting', 'meeting', h, 'held_at', 'held', label('meetingType', r, 'meeting_type') ?? 'Meeting', [
      d('Chaired by', b.worker(r.chair_id)), d('Notes', str(r, 'notes')),
    ], null, true);
  });
  b.each('supervision', (h, r) => {
    b.add('supervision', 'supervision', h, 'held_at', 'held', label('supervisionType', r, 'supervision_type') ?? 'Supervision', [
      d('Decision', str(r, 'decision')), d('Rationale', str(r, 'rationale') ?? 'No rationale recorded'),
      d('Social worker', b.worker(r.worker_id)),
    ], b.worker(r.supervisor_id), true);
  });
  b.each('allocation', (h, r) => {
    const who = b.worker(r.worker_id) ?? 'a worker';
    const role = label('allocationRole', r, 'role') ?? str(r, 'role_desc');
    b.add('allocation', 'allocation', h, 'start_date', 'start', `Allocated to ${who}`, [d('Role', role), d('Team', b.team(r.team_id))], null, true);
    b.add('allocation', 'allocation', h, 'end_date', 'end', `Allocation to ${who} ended`, [d('Role', role), d('Why', str(r, 'worker_change_reason'))], null);
  });

  // Looked after, missing, permanence, leaving care.
  b.each('cla_episode', (h, r) => {
    const reason = str(r, 'start_reason');
    if (reason === 'S' || reason === null) {
      b.add('cla_episode', 'care', h, 'start_date', 'start', 'Became looked after', [
        d('Primary need', label('primaryNeed', r, 'primary_need')), d('Referral', str(r, 'referral_id')),
      ], null, true);
    }
    const ceased = str(r, 'ceased_reason');
    if (ceased !== 'X1') {
      b.add('cla_episode', 'care', h, 'ceased_date', 'end', 'Stopped being looked after', [d('Reason', label('reasonEpisodeCeased', r, 'ceased_reason'))], null);
    }
  });
  b.each('legal_status', (h, r) => {
    b.add('legal_status', 'care', h, 'start_date', 'start', `Legal status: ${label('legalStatus', r, 'legal_status') ?? 'recorded'}`, [], null, true);
  });
  b.each('placement', (h, r) => {
    const distance = str(r, 'distance');
    b.add('placement', 'care', h, 'start_date', 'start', `Placement started: ${label('placementType', r, 'placement_type') ?? 'type not recorded'}`, [
      d('Provider', str(r, 'provider_name') ?? str(r, 'provider')),
      d('Distance from home', distance === null ? null : `${Number(distance)} miles`),
      flag(r, 'long_term') === true && { label: 'Long-term', text: 'Yes, intended to last until 18' },
    ], null, true);
    b.add('placement', 'care', h, 'end_date', 'end', 'Placement ended', [d('Reason for the change', str(r, 'placement_change_reason'))], null);
  });
  b.each('missing_episode', (h, r) => {
    const type = str(r, 'missing_type');
    b.add('missing_episode', 'missing', h, 'start_at', 'start', type === 'A' ? 'Away from placement without authorisation' : 'Went missing', [], null, true);
    const offered = str(r, 'rhi_offered');
    const accepted = str(r, 'rhi_accepted');
    b.add('missing_episode', 'missing', h, 'end_at', 'end', 'Returned', [
      d('Return home interview offered', offered === null ? 'Not recorded' : codeLabel('yesNo', offered)),
      d('Return home interview accepted', accepted === null ? null : codeLabel('yesNo', accepted)),
    ], null);
    const back = whenOf(r, 'end_at');
    const held = whenOf(r, 'rhi_completed_at');
    let after: string | null = null;
    if (back?.instant && held?.instant) after = `${plural(Math.floor((held.instant.getTime() - back.instant.getTime()) / 3_600_000), 'hour')} after the child returned`;
    b.add('missing_episode', 'missing', h, 'rhi_completed_at', 'rhi', 'Return home interview held', [d('When', after)], null);
  });
  b.each('permanence', (h, r) => {
    const events: [string, string, string | null][] = [
      ['adm_decision_date', 'Decision that adoption is in the child’s best interests', null],
      ['ffa_cp_decision_date', 'Decision to place with fostering for adoption carers', null],
      ['placement_order_date', 'Placement order granted', null],
      ['matched_date', 'Matched with adopters', null],
      ['placed_for_adoption_date', 'Placed for adoption', null],
      ['placed_ffa_cp_date', 'Placed with fostering for adoption carers', null],
      ['placed_foster_carer_date', 'Placed with foster carers (permanence)', null],
      ['decision_reversed_date', 'Adoption decision reversed', str(r, 'decision_reversed_reason')],
      ['permanence_order_date', `Permanence order${str(r, 'permanence_order_type') ? `: ${str(r, 'permanence_order_type')}` : ''}`, null],
    ];
    for (const [field, title, why] of events) {
      b.add('permanence', 'permanence', h, field, field.replace(/_date$/, ''), title, [d('Reason', why)], b.worker(r.adoption_worker_id));
    }
  });
  b.each('care_leaver', (h, r) => {
    const suitable = str(r, 'accommodation_suitable');
    b.add('care_leaver', 'care-leaver', h, 'status_date', 'status', 'Care leaver: how they are doing', [
      d('In touch', label('careLeaverInTouch', r, 'in_touch')),
      d('Accommodation', label('careLeaverAccommodation', r, 'accommodation') && `${label('careLeaverAccommodation', r, 'accommodation')}${suitable === 'Y' ? ' (suitable)' : suitable === 'N' ? ' (not suitable)' : ''}`),
      d('Education, training or work', label('careLeaverActivity', r, 'activity')),
      d('Pathway plan reviewed', str(r, 'pathway_plan_review_date') ? longDate(str(r, 'pathway_plan_review_date')!) : null),
      d('Personal adviser', str(r, 'personal_adviser')),
    ], b.worker(r.worker_id), true);
  });

  // Added by hand.
  b.each('significant_event', (h, r) => {
    b.add('significant_event', 'significant', h, 'event_at', 'event', str(r, 'title') ?? 'Significant event', [
      d('What happened', str(r, 'description')), d('Source', str(r, 'source')),
    ], b.worker(r.worker_id) ?? str(r, 'recorded_by'), true);
  });

  return b.entries.sort(newestFirst);
}

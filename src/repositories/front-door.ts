/**
 * The front door (MASH): contacts waiting for a decision with their live deadline, the decision itself
 * (no further action, advice, step down to early help, or accept as a referral), challenges to decisions,
 * and step-ups from early help. Every read of a child's data is checked and logged; every write goes
 * through the record store with who, when and why.
 */
import type { Database, Queryable } from '../db/database.js';
import { createRecord, getCurrent, InvalidChange, RecordNotFound, updateRecord } from '../db/record-store.js';
import type { ClockContext } from '../domain/clocks/index.js';
import { codeLabel } from '../domain/codes/code-lists.js';
import { byUrgency, contactDeadline, type ContactDeadline } from '../domain/front-door/deadline.js';
import { summariseInvolvement, type ChildHistory, type InvolvementSummary } from '../domain/front-door/involvement.js';
import type { Decision, NewContact } from '../domain/front-door/rules.js';
import { getEntity } from '../domain/model/entities.js';
import { londonDate } from '../domain/time/london.js';
import {
  childById, clockContext, earlyHelpTeams, logListed, nameOf, newId, referralTeams, teamName, workerName, workersOfTeams,
  type Child, type Option, type WorkerOption,
} from './fd-common.js';
import { accessDecision } from './access.js';
import { AccessDenied, changeBy, logAccess, requireChange, requireRead, type Viewer } from './viewer.js';

const CONTACT = getEntity('contact');
const REFERRAL = getEntity('referral');
const EARLY_HELP = getEntity('early_help_episode');
const CHALLENGE = getEntity('decision_challenge');
const ALLOCATION = getEntity('allocation');

/** Only managers raise and resolve challenges to front-door decisions, and authorise assessments. */
export function isManager(viewer: Viewer): boolean {
  return viewer.role === 'team-manager';
}

/** Whether the viewer may challenge decisions about this child: a manager who may change the child's record. */
export async function mayChallenge(db: Database, viewer: Viewer, personId: string): Promise<boolean> {
  return isManager(viewer) && (await accessDecision(db, viewer, 'change', personId)).allowed;
}

// --- The front door's lists ----------------------------------------------------------------------------

export interface WaitingContact {
  contactId: string;
  personId: string;
  childName: string;
  restricted: boolean;
  receivedAt: Date;
  source: string;
  stepUpEpisodeId: string | null;
  deadline: ContactDeadline;
}

export interface StepUpWaiting {
  episodeId: string;
  personId: string;
  childName: string;
  restricted: boolean;
  requested: string;
  workingDaysWaiting: number;
  teamName: string | null;
  /** The step-up contact, once recorded (then it waits for a decision in the list above). */
  contactId: string | null;
  deadline: ContactDeadline | null;
}

export interface RecentDecision {
  contactId: string;
  personId: string;
  childName: string;
  restricted: boolean;
  decision: string;
  decisionAt: Date;
  decidedBy: string | null;
  deadline: ContactDeadline;
  challenge: 'open' | 'resolved' | null;
  referralId: string | null;
}

export interface FrontDoorQueue {
  waiting: WaitingContact[];
  stepUps: StepUpWaiting[];
  recent: RecentDecision[];
  counts: { overdue: number; dueSoon: number };
}

const RESTRICTED = (col: string) =>
  `EXISTS (SELECT 1 FROM restricted_record rr WHERE rr.person_id = ${col} AND rr.lifted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM restricted_user ru WHERE ru.restriction_id = rr.id AND ru.username = $1 AND ru.removed_at IS NULL))`;

/** Contacts waiting for a decision (most urgent first), step-ups waiting, and the latest decisions. */
export async function frontDoorQueue(db: Database, viewer: Viewer, now: Date, recentLimit = 20): Promise<FrontDoorQueue> {
  await requireRead(db, viewer, { action: 'view', entity: 'contact', detail: 'front door: contacts waiting for a decision' });
  const ctx = await clockContext(db);
  const today = londonDate(now);

  const waitingRows = await db.query<{
    id: string; person_id: string; forename: string | null; surname: string | null; received_at: Date; source: string | null;
    step_up_episode_id: string | null; restricted: boolean;
  }>(
    `SELECT c.id, c.person_id, p.forename, p.surname, c.received_at, c.source,
            (SELECT e.id FROM current_early_help_episode e WHERE e.step_up_contact_id = c.id LIMIT 1) AS step_up_episode_id,
            ${RESTRICTED('c.person_id')} AS restricted
       FROM current_contact c LEFT JOIN current_person p ON p.id = c.person_id
      WHERE c.decision_at IS NULL
      ORDER BY c.received_at LIMIT 1000`,
    [viewer.username],
  );
  const waiting = waitingRows
    .map((r) => ({
      contactId: r.id, personId: r.person_id, childName: r.restricted ? 'Restricted record' : nameOf(r, r.person_id), restricted: r.restricted,
      receivedAt: r.received_at, source: r.source ?? '', stepUpEpisodeId: r.step_up_episode_id,
      deadline: contactDeadline(r.received_at, null, now, ctx),
    }))
    .sort(byUrgency);

  const stepUpRows = await db.query<{
    id: string; person_id: string; forename: string | null; surname: string | null; requested: string; team_name: string | null;
    contact_id: string | null; received_at: Date | null; restricted: boolean;
  }>(
    `SELECT e.id, e.person_id, p.forename, p.surname, e.step_up_requested_date AS requested, t.name AS team_name,
            NULL::text AS contact_id, NULL::timestamptz AS received_at, ${RESTRICTED('e.person_id')} AS restricted
       FROM current_early_help_episode e LEFT JOIN current_person p ON p.id = e.person_id LEFT JOIN current_team t ON t.id = e.team_id
      WHERE e.step_up_requested_date IS NOT NULL AND e.step_up_contact_id IS NULL AND e.step_up_requested_date <= $2
     UNION ALL
     SELECT e.id, e.person_id, p.forename, p.surname, e.step_up_requested_date, t.name, c.id, c.received_at, ${RESTRICTED('e.person_id')}
       FROM current_contact c JOIN current_early_help_episode e ON e.step_up_contact_id = c.id
       LEFT JOIN current_person p ON p.id = e.person_id LEFT JOIN current_team t ON t.id = e.team_id
      WHERE c.decision_at IS NULL`,
    [viewer.username, today],
  );
  const calendar = ctx.calendar!;
  const stepUps = stepUpRows
    .map((r) => ({
      episodeId: r.id, personId: r.person_id, childName: r.restricted ? 'Restricted record' : nameOf(r, r.person_id), restricted: r.restricted,
      requested: r.requested, workingDaysWaiting: Math.max(0, calendar.workingDaysBetween(r.requested, today)), teamName: r.team_name,
      contactId: r.contact_id, deadline: r.received_at ? contactDeadline(r.received_at, null, now, ctx) : null,
    }))
    .sort((a, b) => b.workingDaysWaiting - a.workingDaysWaiting || a.requested.localeCompare(b.requested));

  const recentRows = await db.query<{
    id: string; person_id: string; forename: string | null; surname: string | null; received_at: Date; decision: string; decision_at: Date;
    decided_by: string | null; referral_id: string | null; challenge: 'open' | 'resolved' | null; restricted: boolean;
  }>(
    `SELECT c.id, c.person_id, p.forename, p.surname, c.received_at, c.decision, c.decision_at, w.name AS decided_by, c.referral_id,
            (SELECT CASE WHEN count(*) = 0 THEN NULL WHEN bool_or(ch.resolved_at IS NULL) THEN 'open' ELSE 'resolved' END
               FROM current_decision_challenge ch WHERE ch.person_id = c.person_id AND ch.contact_id = c.id) AS challenge,
            ${RESTRICTED('c.person_id')} AS restricted
       FROM current_contact c LEFT JOIN current_person p ON p.id = c.person_id LEFT JOIN current_worker w ON w.id = c.decided_by_id
      WHERE c.decision_at IS NOT NULL AND c.decision_at <= $2
      ORDER BY c.decision_at DESC LIMIT $3`,
    [viewer.username, now, recentLimit],
  );
  const recent = recentRows.map((r) => ({
    contactId: r.id, personId: r.person_id, childName: r.restricted ? 'Restricted record' : nameOf(r, r.person_id), restricted: r.restricted,
    decision: r.decision, decisionAt: r.decision_at, decidedBy: r.decided_by, referralId: r.referral_id, challenge: r.challenge,
    deadline: contactDeadline(r.received_at, r.decision_at, now, ctx),
  }));

  await logListed(db, viewer, [
    ...waiting.map((w) => ({ entity: 'contact', recordId: w.contactId, personId: w.personId })),
    ...stepUps.filter((s) => !s.contactId).map((s) => ({ entity: 'early_help_episode', recordId: s.episodeId, personId: s.personId })),
    ...recent.map((r) => ({ entity: 'contact', recordId: r.contactId, personId: r.personId })),
  ], 'front door lists');

  return {
    waiting, stepUps, recent,
    counts: { overdue: waiting.filter((w) => w.deadline.urgency === 'overdue').length, dueSoon: waiting.filter((w) => w.deadline.urgency === 'due-soon').length },
  };
}

// --- Finding the child ---------------------------------------------------------------------------------

export interface FoundChild {
  id: string;
  name: string;
  dob: string | null;
}

/** Children whose id is the text, or whose names contain every word of it (restricted records by id only). */
export async function findChildren(db: Database, viewer: Viewer, text: string, limit = 20): Promise<FoundChild[]> {
  await requireRead(db, viewer, { action: 'view', entity: 'person', detail: 'front door: find the child' });
  const words = text.toLowerCase().split(/\s+/).filter((w) => w.length > 0).slice(0, 4);
  if (words.length === 0) return [];
  const rows = await db.query<{ id: string; forename: string | null; surname: string | null; dob: string | null }>(
    `SELECT p.id, p.forename, p.surname, p.dob FROM current_person p WHERE p.id = $1
     UNION
     (SELECT p.id, p.forename, p.surname, p.dob FROM current_person p
       WHERE (SELECT bool_and(lower(coalesce(p.forename, '') || ' ' || coalesce(p.surname, '')) LIKE '%' || w || '%') FROM unnest($2::text[]) AS w)
         AND NOT EXISTS (SELECT 1 FROM restricted_record rr WHERE rr.person_id = p.id AND rr.lifted_at IS NULL)
       ORDER BY p.surname, p.forename, p.id LIMIT $3)`,
    [text.trim(), words.map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`)), limit],
  );
  const found = rows.map((r) => ({ id: r.id, name: nameOf(r, r.id), dob: r.dob }));
  await logListed(db, viewer, found.map((f) => ({ entity: 'person', recordId: f.id, personId: f.id })), `front door: find the child "${text.slice(0, 60)}"`);
  return found;
}

/** The child a new contact is about (checked and logged), with any open early help episode (a step-up may fit better). */
export async function childForContact(db: Database, viewer: Viewer, personId: string): Promise<{ child: Child; openEarlyHelp: { id: string; startDate: string; teamName: string | null }[] } | null> {
  const child = await childById(db, personId);
  if (!child) return null;
  await requireRead(db, viewer, { action: 'view', entity: 'person', recordId: personId, personId, detail: 'front door: record a contact' });
  await logAccess(db, viewer, { action: 'view', entity: 'person', recordId: personId, personId, detail: 'front door: record a contact' });
  const openEarlyHelp = await db.query<{ id: string; start_date: string; team_name: string | null }>(
    `SELECT e.id, e.start_date, t.name AS team_name FROM current_early_help_episode e LEFT JOIN current_team t ON t.id = e.team_id
      WHERE e.person_id = $1 AND (e.end_date IS NULL OR e.end_date > $2) AND e.step_up_contact_id IS NULL ORDER BY e.start_date DESC`,
    [personId, londonDate(new Date())],
  );
  return { child, openEarlyHelp: openEarlyHelp.map((e) => ({ id: e.id, startDate: e.start_date, teamName: e.team_name })) };
}

// --- Recording a contact, and a step-up from early help -------------------------------------------------

/** Records a contact; with `stepUpEpisodeId`, as a step-up from that early help episode (which records it). */
export async function recordContact(db: Database, viewer: Viewer, contact: NewContact, stepUpEpisodeId: string | null = null): Promise<string> {
  await requireChange(db, viewer, { action: 'create', entity: 'contact', personId: contact.personId });
  const id = newId('CON');
  await db.transaction(async (tx) => {
    if (stepUpEpisodeId) {
      const episode = await getCurrent(tx, EARLY_HELP, stepUpEpisodeId);
      if (!episode || episode.person_id !== contact.personId) throw new RecordNotFound('No such early help episode for this child');
      if (episode.step_up_contact_id) throw new InvalidChange('This early help episode has already been stepped up');
    }
    await createRecord(tx, CONTACT, {
      id, person_id: contact.personId, received_at: contact.receivedAt, received_at_has_time: true,
      source: contact.source, source_desc: contact.sourceDesc, outcome_json: JSON.stringify({ concern: contact.concern }),
      consent: contact.consent, consent_note: contact.consentNote, received_by_id: viewer.workerId,
    }, changeBy(viewer));
    if (stepUpEpisodeId) {
      await updateRecord(tx, EARLY_HELP, stepUpEpisodeId, {
        step_up_contact_id: id, step_up_requested_date: londonDate(contact.receivedAt),
      }, changeBy(viewer, 'Stepped up to the front door'));
    }
  });
  return id;
}

export interface StepUpEpisode {
  id: string;
  child: Child;
  startDate: string;
  endDate: string | null;
  reason: string | null;
  teamName: string | null;
  workerName: string | null;
  stepUpContactId: string | null;
}

export async function stepUpEpisode(db: Database, viewer: Viewer, episodeId: string): Promise<StepUpEpisode | null> {
  const e = await getCurrent(db, EARLY_HELP, episodeId);
  if (!e) return null;
  const personId = String(e.person_id);
  await requireRead(db, viewer, { action: 'view', entity: 'early_help_episode', recordId: episodeId, personId });
  const child = await childById(db, personId);
  if (!child) return null;
  await logAccess(db, viewer, { action: 'view', entity: 'early_help_episode', recordId: episodeId, personId, detail: 'front door: step-up' });
  return {
    id: episodeId, child, startDate: String(e.start_date), endDate: (e.end_date as string | null) ?? null, reason: (e.reason as string | null) ?? null,
    teamName: await teamName(db, (e.team_id as string | null) ?? null), workerName: await workerName(db, (e.worker_id as string | null) ?? null),
    stepUpContactId: (e.step_up_contact_id as string | null) ?? null,
  };
}

// --- A contact, for its page and its decision ---------------------------------------------------------

export interface ChallengeView {
  id: string;
  raisedAt: Date;
  raisedBy: string;
  reason: string;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export interface ContactView {
  id: string;
  child: Child;
  receivedAt: Date;
  source: string | null;
  sourceDesc: string | null;
  concern: string | null;
  consent: string | null;
  consentNote: string | null;
  receivedBy: string | null;
  decision: string | null;
  decisionAt: Date | null;
  rationale: string | null;
  decidedBy: string | null;
  referralId: string | null;
  earlyHelpId: string | null;
  deadline: ContactDeadline;
  involvement: InvolvementSummary;
  history: ChildHistory;
  challenges: ChallengeView[];
  stepUpFrom: { id: string; teamName: string | null } | null;
}

function concernOf(json: unknown): string | null {
  if (typeof json !== 'string') return null;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && typeof (v as { concern?: unknown }).concern === 'string' ? (v as { concern: string }).concern : null;
  } catch {
    return null;
  }
}

async function childHistory(q: Queryable, personId: string): Promise<ChildHistory> {
  const [contacts, referrals, earlyHelp, plans] = await Promise.all([
    q.query<{ id: string; received_at: Date; decision: string | null; decision_at: Date | null; source: string | null }>(
      'SELECT id, received_at, decision, decision_at, source FROM current_contact WHERE person_id = $1', [personId]),
    q.query<{ id: string; referral_date: Date; close_date: string | null; team_name: string | null }>(
      `SELECT r.id, r.referral_date, r.close_date, t.name AS team_name FROM current_referral r LEFT JOIN current_team t ON t.id = r.team_id
        WHERE r.person_id = $1 ORDER BY r.referral_date DESC`, [personId]),
    q.query<{ id: string; start_date: string; end_date: string | null }>(
      'SELECT id, start_date, end_date FROM current_early_help_episode WHERE person_id = $1 ORDER BY start_date DESC', [personId]),
    q.query<{ kind: 'CIN' | 'CP' | 'CLA'; id: string; start_date: string; end_date: string | null; category: string | null }>(
      `SELECT 'CIN' AS kind, id, start_date, end_date, NULL AS category FROM current_cin_plan WHERE person_id = $1
       UNION ALL SELECT 'CP', id, start_date, end_date, coalesce(latest_category, initial_category) FROM current_cp_plan WHERE person_id = $1
       UNION ALL SELECT 'CLA', id, start_date, end_date, NULL FROM current_cla_care_plan WHERE person_id = $1
       ORDER BY start_date DESC`, [personId]),
  ]);
  return {
    contacts: contacts.map((c) => ({ id: c.id, receivedAt: c.received_at, decision: c.decision, decisionAt: c.decision_at, source: c.source })),
    referrals: referrals.map((r) => ({ id: r.id, referralDate: r.referral_date, closeDate: r.close_date, teamName: r.team_name })),
    earlyHelp: earlyHelp.map((e) => ({ id: e.id, startDate: e.start_date, endDate: e.end_date })),
    plans: plans.map((p) => ({ kind: p.kind, id: p.id, startDate: p.start_date, endDate: p.end_date, category: p.category })),
  };
}

/** A contact with what the decision maker needs: the child's previous involvement and the live deadline. */
export async function contactView(db: Database, viewer: Viewer, contactId: string, now: Date): Promise<ContactView | null> {
  const c = await getCurrent(db, CONTACT, contactId);
  if (!c) return null;
  const personId = String(c.person_id);
  await requireRead(db, viewer, { action: 'view', entity: 'contact', recordId: contactId, personId });
  const child = await childById(db, personId);
  if (!child) return null;
  const ctx: ClockContext = await clockContext(db);
  const [history, challengeRows, stepUp, [by]] = await Promise.all([
    childHistory(db, personId),
    db.query<{ id: string; raised_at: Date; raised_by: string | null; recorded_by: string; reason: string; resolved_at: Date | null; resolved_by: string | null; resolution: string | null }>(
      `SELECT ch.id, ch.raised_at, rw.name AS raised_by, (SELECT v.recorded_by FROM decision_challenge v WHERE v.id = ch.id AND v.version = 1) AS recorded_by,
              ch.reason, ch.resolved_at, coalesce(sw.name, CASE WHEN ch.resolved_at IS NOT NULL THEN ch.recorded_by END) AS resolved_by, ch.resolution
         FROM current_decision_challenge ch
         LEFT JOIN current_worker rw ON rw.id = ch.raised_by_id LEFT JOIN current_worker sw ON sw.id = ch.resolved_by_id
        WHERE ch.person_id = $1 AND ch.contact_id = $2 ORDER BY ch.raised_at`,
      [personId, contactId]),
    db.query<{ id: string; team_name: string | null }>(
      `SELECT e.id, t.name AS team_name FROM current_early_help_episode e LEFT JOIN current_team t ON t.id = e.team_id
        WHERE e.step_up_contact_id = $1`, [contactId]),
    // Who recorded the contact, and who recorded its decision (for users not linked to a worker record).
    db.query<{ received: string | null; decided: string | null }>(
      `SELECT (SELECT recorded_by FROM contact WHERE id = $1 ORDER BY version LIMIT 1) AS received,
              (SELECT recorded_by FROM contact WHERE id = $1 AND decision_at IS NOT NULL ORDER BY version LIMIT 1) AS decided`, [contactId]),
  ]);
  const receivedAt = c.received_at as Date;
  const decisionAt = (c.decision_at as Date | null) ?? null;
  const decisionDate = londonDate(decisionAt ?? now);
  // The decision being looked at does not count as its own previous involvement.
  const before: ChildHistory = { ...history, referrals: history.referrals.filter((r) => r.id !== c.referral_id) };
  await logAccess(db, viewer, { action: 'view', entity: 'contact', recordId: contactId, personId, detail: 'front door: contact and previous involvement' });
  return {
    id: contactId, child, receivedAt,
    source: (c.source as string | null) ?? null, sourceDesc: (c.source_desc as string | null) ?? null, concern: concernOf(c.outcome_json),
    consent: (c.consent as string | null) ?? null, consentNote: (c.consent_note as string | null) ?? null,
    receivedBy: (await workerName(db, (c.received_by_id as string | null) ?? null)) ?? by?.received ?? null,
    decision: (c.decision as string | null) ?? null, decisionAt, rationale: (c.decision_rationale as string | null) ?? null,
    decidedBy: (await workerName(db, (c.decided_by_id as string | null) ?? null)) ?? by?.decided ?? null,
    referralId: (c.referral_id as string | null) ?? null, earlyHelpId: (c.early_help_id as string | null) ?? null,
    deadline: contactDeadline(receivedAt, decisionAt, now, ctx),
    involvement: summariseInvolvement(before, contactId, receivedAt, decisionDate),
    history: before,
    challenges: challengeRows.map((r) => ({
      id: r.id, raisedAt: r.raised_at, raisedBy: r.raised_by ?? r.recorded_by, reason: r.reason, resolvedAt: r.resolved_at, resolvedBy: r.resolved_by, resolution: r.resolution,
    })),
    stepUpFrom: stepUp[0] ? { id: stepUp[0].id, teamName: stepUp[0].team_name } : null,
  };
}

// --- The decision -------------------------------------------------------------------------------------

export interface DecisionOptions {
  referralTeams: Option[];
  earlyHelpTeams: Option[];
  earlyHelpWorkers: WorkerOption[];
}

export async function decisionOptions(q: Queryable, today: string): Promise<DecisionOptions> {
  const [ref, eh] = await Promise.all([referralTeams(q, today), earlyHelpTeams(q, today)]);
  return { referralTeams: ref, earlyHelpTeams: eh, earlyHelpWorkers: await workersOfTeams(q, eh.map((t) => t.value), today) };
}

export interface DecisionMade {
  referralId: string | null;
  earlyHelpId: string | null;
}

/**
 * Records the MASH decision on a contact, made now by the viewer: the outcome and rationale on the contact,
 * and for a referral the `referral` (dated now, to the chosen team), for a step-down the early help episode
 * (and the early help worker's allocation, if named). Refuses a contact that already has a decision.
 */
export async function recordDecision(db: Database, viewer: Viewer, contactId: string, decision: Decision, now: Date): Promise<DecisionMade> {
  const first = await getCurrent(db, CONTACT, contactId);
  if (!first) throw new RecordNotFound(`Contact ${contactId} does not exist`);
  const personId = String(first.person_id);
  await requireChange(db, viewer, { action: 'decide', entity: 'contact', recordId: contactId, personId });
  const today = londonDate(now);
  return db.transaction(async (tx) => {
    await tx.query('SELECT id FROM contact WHERE id = $1 AND recorded_to IS NULL FOR UPDATE', [contactId]);
    const c = await getCurrent(tx, CONTACT, contactId);
    if (!c) throw new RecordNotFound(`Contact ${contactId} does not exist`);
    if (c.decision_at) throw new InvalidChange('This contact already has a decision');
    const ctx = { ...changeBy(viewer), at: now };
    let referralId: string | null = null;
    let earlyHelpId: string | null = null;
    if (decision.referral) {
      referralId = newId('REF');
      await createRecord(tx, REFERRAL, {
        id: referralId, person_id: personId, referral_date: now, referral_date_has_time: true,
        primary_need: decision.referral.primaryNeed, source: c.source ?? null, source_desc: c.source_desc ?? null,
        team_id: decision.referral.teamId, worker_id: null,
      }, ctx);
    }
    if (decision.stepDown) {
      earlyHelpId = newId('EHE');
      await createRecord(tx, EARLY_HELP, {
        id: earlyHelpId, person_id: personId, start_date: today, reason: decision.stepDown.reason,
        team_id: decision.stepDown.teamId, worker_id: decision.stepDown.workerId,
        step_down_from_contact_id: contactId, step_down_requested_date: today,
      }, ctx);
      if (decision.stepDown.workerId) {
        await createRecord(tx, ALLOCATION, {
          id: newId('ALL'), worker_id: decision.stepDown.workerId, role_desc: 'Early help worker', role: 'EHW',
          team_id: decision.stepDown.teamId, start_date: today, person_id: personId,
        }, ctx);
      }
    }
    await updateRecord(tx, CONTACT, contactId, {
      decision: decision.outcome, decision_at: now, decision_at_has_time: true, decision_rationale: decision.rationale,
      decided_by_id: viewer.workerId, referral_id: referralId, early_help_id: earlyHelpId,
    }, { ...changeBy(viewer, `Decision: ${codeLabel('contactOutcome', decision.outcome)}`), at: now });
    return { referralId, earlyHelpId };
  });
}

// --- Challenges ---------------------------------------------------------------------------------------

export async function raiseChallenge(db: Database, viewer: Viewer, contactId: string, reason: string, now: Date): Promise<string> {
  if (!isManager(viewer)) throw new AccessDenied('Only a manager can challenge a front door decision');
  const c = await getCurrent(db, CONTACT, contactId);
  if (!c) throw new RecordNotFound(`Contact ${contactId} does not exist`);
  const personId = String(c.person_id);
  await requireChange(db, viewer, { action: 'challenge', entity: 'contact', recordId: contactId, personId });
  if (!c.decision_at) throw new InvalidChange('There is no decision to challenge yet');
  const id = newId('CHA');
  await db.transaction(async (tx) => {
    const open = await tx.query('SELECT 1 FROM current_decision_challenge WHERE person_id = $1 AND contact_id = $2 AND resolved_at IS NULL', [personId, contactId]);
    if (open.length) throw new InvalidChange('This decision already has a challenge waiting for a resolution');
    await createRecord(tx, CHALLENGE, {
      id, contact_id: contactId, person_id: personId, raised_at: now, raised_at_has_time: true, raised_by_id: viewer.workerId, reason,
    }, { ...changeBy(viewer), at: now });
  });
  return id;
}

export async function resolveChallenge(db: Database, viewer: Viewer, challengeId: string, resolution: string, now: Date): Promise<void> {
  if (!isManager(viewer)) throw new AccessDenied('Only a manager can resolve a challenge to a front door decision');
  const ch = await getCurrent(db, CHALLENGE, challengeId);
  if (!ch) throw new RecordNotFound(`Challenge ${challengeId} does not exist`);
  await requireChange(db, viewer, { action: 'resolve challenge', entity: 'decision_challenge', recordId: challengeId, personId: String(ch.person_id) });
  if (ch.resolved_at) throw new InvalidChange('This challenge has already been resolved');
  await db.transaction((tx) => updateRecord(tx, CHALLENGE, challengeId, {
    resolved_at: now, resolved_at_has_time: true, resolution, resolved_by_id: viewer.workerId,
  }, { ...changeBy(viewer, 'Challenge resolved'), at: now, expectedVersion: ch.version }));
}

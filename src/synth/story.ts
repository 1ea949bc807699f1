/**
 * One family's story, generated from its first contact to the end of history: contacts and front-door
 * decisions, early help, referrals, assessments, strategy discussions, section 47 enquiries, conferences,
 * child in need and child protection plans with their visits, reviews and supervision, and entry to care
 * (handed to CareStory). Records are written as soon as each stage is settled; anything that would
 * happen after the end of history is left out (and what is open then is written without an end).
 */
import type { Day } from './calendar.js';
import { NEVER, type Ctx, type Rec } from './context.js';
import { CareStory, type CareRoute } from './care.js';
import type { Family, Kid, People } from './people.js';
import { Rng } from './prng.js';
import type { Spans } from './spans.js';
import { EH_END, SIGNIFICANT_EVENTS, text } from './texts.js';
import { Timeline, type Alloc } from './timeline.js';
import type { Team, Worker, Workforce } from './workforce.js';

type Decision = 'NFA' | 'ADV' | 'EH' | 'REF';

interface ContactPlan {
  kids: Kid[];
  ids: string[];
  day: Day;
  receivedAt: Date;
  source: string;
  decision: Decision | null;
  decisionAt: Date | null;
  decisionHasTime: boolean;
  decisionDay: Day;
  decidedBy: Worker | null;
  receivedBy: Worker | null;
  rationale: string;
  recordedAt: Date | null;
  team: Team;
}

interface EhPlan {
  kids: Kid[];
  ids: string[];
  requested: Day;
  start: Day;
  end: Day;
  outcome: keyof typeof EH_END;
  stepUpDay: Day;
  fromReferral: Map<Kid, string> | null;
  fromContact: Map<Kid, string> | null;
  team: Team;
  worker: Worker | null;
  reason: string;
}

interface Chain {
  cp: boolean;
  icpcDay: Day;
  icpcIds: Map<Kid, string>;
  cpIds: Map<Kid, string>;
}

interface RefResult {
  /** The story cannot continue (children in care, still open at the end of history, moved away). */
  stop: boolean;
  eh: EhPlan | null;
  closeDay: Day;
}

const SOURCES: Record<string, [string, number][]> = {
  family: [
    ['6', 30], ['2A', 17], ['2B', 2], ['3A', 3], ['3B', 4], ['3C', 1], ['3D', 2], ['3E', 3], ['3F', 4], ['1A', 6], ['1B', 2], ['1C', 1],
    ['1D', 1], ['4', 2], ['5A', 2], ['5B', 2], ['5C', 3], ['7', 2], ['8', 4], ['9', 2], ['10', 1],
  ],
  adolescent: [['6', 38], ['2A', 22], ['2B', 3], ['3E', 6], ['3F', 6], ['1A', 6], ['1C', 4], ['5B', 3], ['7', 4], ['8', 5], ['9', 1], ['10', 2]],
  disabled: [['3F', 25], ['3A', 10], ['2A', 25], ['1A', 20], ['5A', 10], ['8', 10]],
  uasc: [['6', 40], ['5C', 30], ['8', 25], ['7', 5]],
  prebirth: [['3F', 55], ['3A', 10], ['6', 15], ['5C', 10], ['5A', 5], ['8', 5]],
  legacy: [['6', 40], ['2A', 20], ['3F', 20], ['8', 20]],
};

const SOURCE_DESC: Record<string, string> = {
  '1A': 'Family member', '1B': 'Neighbour', '1C': 'Self', '1D': 'Individual (other)', '2A': 'School', '2B': 'Education service',
  '3A': 'GP', '3B': 'Health visitor', '3C': 'School nurse', '3D': 'Primary health (other)', '3E': 'Emergency department', '3F': 'Health (other)',
  '4': 'Housing', '5A': 'Adult social care', '5B': 'LA department (other)', '5C': 'Another local authority', '5D': 'Early help', '6': 'Police',
  '7': 'Other legal agency', '8': 'Other', '9': 'Anonymous', '10': 'Unknown',
};

const NEED: Record<string, [string, number][]> = {
  family: [['N1', 58], ['N4', 13], ['N5', 18], ['N3', 5], ['N7', 1], ['N9', 3], ['N0', 2]],
  adolescent: [['N6', 33], ['N1', 30], ['N5', 15], ['N4', 15], ['N9', 5], ['N0', 2]],
  disabled: [['N2', 90], ['N3', 5], ['N4', 5]],
  uasc: [['N8', 85], ['N1', 10], ['N4', 5]],
  prebirth: [['N1', 80], ['N3', 10], ['N5', 10]],
  legacy: [['N1', 70], ['N5', 10], ['N4', 10], ['N8', 10]],
};

const FACTORS: Record<string, [string, number][]> = {
  family: [['3B', 0.45], ['4B', 0.38], ['2B', 0.2], ['1B', 0.16], ['16A', 0.25], ['17A', 0.2], ['18B', 0.08], ['19B', 0.02], ['19C', 0.02], ['5B', 0.05], ['6B', 0.05], ['7A', 0.03], ['3A', 0.06], ['4A', 0.06], ['20', 0.06], ['22A', 0.004], ['23A', 0.003]],
  adolescent: [['10A', 0.35], ['11A', 0.14], ['24A', 0.17], ['13A', 0.08], ['14A', 0.25], ['15A', 0.18], ['4A', 0.3], ['2A', 0.12], ['1A', 0.06], ['12A', 0.02], ['3B', 0.2], ['4B', 0.15], ['17A', 0.1], ['20', 0.05]],
  disabled: [['6A', 0.5], ['5A', 0.45], ['4B', 0.12], ['7A', 0.05], ['20', 0.1]],
  uasc: [['9A', 1], ['12A', 0.08], ['4A', 0.25]],
  prebirth: [['3B', 0.5], ['4B', 0.45], ['2B', 0.3], ['1B', 0.15], ['5B', 0.08], ['16A', 0.1]],
  legacy: [['16A', 0.4], ['3B', 0.4], ['4B', 0.3], ['2B', 0.2]],
};

export class Story {
  readonly rng: Rng;
  readonly care: CareStory;
  private lastReferral = -NEVER;

  constructor(
    readonly ctx: Ctx,
    readonly wf: Workforce,
    readonly people: People,
    readonly spans: Spans,
    readonly fam: Family,
  ) {
    this.rng = fam.rng;
    this.care = new CareStory(this);
  }

  // --- helpers -----------------------------------------------------------------------------------

  iso(d: Day): string {
    return this.ctx.cal.iso(d);
  }

  /** ISO date, or null when after the end of history. */
  dn(d: Day | null | undefined): string | null {
    return d === null || d === undefined || d > this.ctx.endDay || d >= NEVER ? null : this.ctx.cal.iso(d);
  }

  add(entity: string, rec: Rec, recordedAt?: Date | null): void {
    this.ctx.out.add(entity, rec, recordedAt);
  }

  use(k: Kid, day: Day): void {
    k.used = true;
    if (day < k.firstDay) k.firstDay = day;
  }

  /** A time within office hours on a day. */
  office(day: Day, from = 8 * 60 + 40, to = 17 * 60 + 30): Date {
    const m = this.rng.int(from, to);
    return this.ctx.cal.at(day, Math.floor(m / 60), m % 60, this.rng.int(0, 59));
  }

  /** A time for a home visit (mostly daytime, some evenings). */
  visitTime(day: Day): Date {
    return this.rng.chance(0.1) ? this.office(day, 17 * 60 + 30, 20 * 60) : this.office(day, 9 * 60, 17 * 60 + 15);
  }

  /** A day on or after `d` that is a working day, mostly. */
  workDay(d: Day): Day {
    return this.rng.chance(0.97) ? this.ctx.cal.onOrAfterWorking(d) : d;
  }

  /**
   * When a record was entered: usually at once, sometimes days later. Returns null for "at once", the
   * later instant, or 'drop' when it would only be entered after the end of history.
   */
  recorded(at: Date, pLate: number, maxDays: number): Date | null | 'drop' {
    if (!this.rng.chance(pLate)) return null;
    const days = this.rng.int(1, maxDays);
    const base = this.ctx.cal.addWorking(this.dayOf(at), days);
    const t = this.office(base);
    if (t.getTime() <= at.getTime()) return null;
    if (t.getTime() > this.ctx.endInstant.getTime()) return 'drop';
    return t;
  }

  /** The London day of an instant produced by this generator (whole seconds). */
  dayOf(at: Date): Day {
    const ms = at.getTime();
    // Offset: BST (UTC+1) from the last Sunday of March to the last Sunday of October.
    const y = new Date(ms).getUTCFullYear();
    const lastSun = (m: number) => {
      const last = new Date(Date.UTC(y, m, 0));
      return last.getUTCDate() - last.getUTCDay();
    };
    const bst = ms >= Date.UTC(y, 2, lastSun(3), 1) && ms < Date.UTC(y, 9, lastSun(10), 1);
    return Math.floor((ms + (bst ? 3_600_000 : 0)) / 86_400_000);
  }

  ageAt(k: Kid, day: Day): number {
    return (day - k.dob) / 365.25;
  }

  team(service: 'FD' | 'EH' | 'AS' | 'CM' | 'CLA' | 'LC' | 'QA' | 'DC'): Team {
    return this.wf.teamFor(service, this.fam.area);
  }

  /** A worker of the case (allocated, else someone on duty in the team). */
  caseWorker(tl: Timeline | null, team: Team, day: Day): Worker | null {
    return tl?.workerAt(day) ?? this.wf.pick(this.rng, team, ['SW', 'TM'], day);
  }

  private inScope(t: Day): Kid[] {
    return this.fam.kids.filter(
      (k) => k.died === null && k.dob <= t + 200 && k.last - t > 45 && k.inCareUntil <= t && (k.dob <= t || k.prebirth),
    );
  }

  // --- the story ---------------------------------------------------------------------------------

  run(): void {
    const { ctx, rng, fam } = this;
    let t = fam.arrival;
    let source: string | null = null;
    let pendingEh: EhPlan | null = null;
    if (fam.pathway === 'legacy') return;
    if (fam.pathway === 'family' && rng.chance(0.03) && fam.risk >= 1) {
      // Direct early help (not through the front door).
      const eh = this.planEh(this.inScope(t), t, null, null, false);
      if (eh.outcome === 'stepUp') {
        pendingEh = eh;
        t = eh.stepUpDay;
        source = '5D';
      } else {
        this.emitEh(eh, null);
        t = NEVER;
      }
    }
    for (let guard = 0; guard < 40 && t <= ctx.endDay; guard++) {
      const kids = this.inScope(t);
      if (!kids.length) break;
      const c = this.planContact(kids, t, source ?? rng.weighted(SOURCES[fam.pathway]!), source === '5D');
      source = null;
      if (c.receivedAt.getTime() > ctx.endInstant.getTime()) break;
      if (pendingEh) {
        this.emitEh(pendingEh, c);
        pendingEh = null;
      }
      if (!c.decision) {
        this.emitContacts(c, null, null);
        break;
      }
      let pNext = 0;
      let gapMean = 240;
      let next = c.decisionDay;
      if (c.decision === 'NFA' || c.decision === 'ADV') {
        this.emitContacts(c, null, null);
        pNext = [0.4, 0.55, 0.6, 0.6][fam.risk]!;
        gapMean = 200;
      } else if (c.decision === 'EH') {
        const eh = this.planEh(c.kids, c.decisionDay, null, new Map(c.kids.map((k, i) => [k, c.ids[i]!])), true);
        this.emitContacts(c, null, eh);
        if (eh.outcome === 'stepUp') {
          pendingEh = eh;
          t = eh.stepUpDay;
          source = '5D';
          fam.risk = Math.min(3, fam.risk + 1);
          continue;
        }
        this.emitEh(eh, null);
        next = eh.end;
        pNext = 0.3;
        gapMean = 300;
      } else {
        const refIds = new Map(c.kids.map((k) => [k, this.ctx.ids.next('REF')]));
        this.emitContacts(c, refIds, null);
        const r = this.referral(c, refIds);
        if (r.eh && r.eh.outcome === 'stepUp' && !r.stop) {
          pendingEh = r.eh;
          t = r.eh.stepUpDay;
          source = '5D';
          continue;
        }
        if (r.eh) this.emitEh(r.eh, null);
        if (r.stop) break;
        next = r.closeDay;
        pNext = [0.5, 0.58, 0.6, 0.55][fam.risk]!;
        gapMean = 150;
        this.lastReferral = c.decisionDay;
      }
      // Risk drifts between episodes; families who have had a child protection plan often return to one.
      const drift = rng.next();
      if (drift < 0.2) fam.risk = Math.min(3, fam.risk + 1);
      else if (drift < 0.45) fam.risk = Math.max(0, fam.risk - 1);
      if (fam.kids.some((k) => k.cpPlans > 0)) {
        pNext = Math.max(pNext, 0.6);
        if (rng.chance(0.55)) fam.risk = Math.max(fam.risk, 2);
      }
      if (!rng.chance(pNext)) break;
      t = next + Math.max(5, Math.round(rng.exp(gapMean)));
      if (fam.pathway === 'prebirth' && fam.kids.every((k) => k.dob <= t)) fam.pathway = 'family';
    }
    if (pendingEh) this.emitEh(pendingEh, null);
    this.people.emit(fam);
  }

  /**
   * Significant events added by hand while the case is open: a few for some children (police call-outs,
   * hospital visits, exclusions, moves ...), with the worker allocated then; a few recorded days later. Drawn
   * from their own stream so that the rest of the story is unchanged by them.
   */
  private significantEvents(kids: Kid[], from: Day, close: Map<Kid, { day: Day }>, allocs: readonly Alloc[]): void {
    const { ctx, fam } = this;
    const rng = Rng.derive(ctx.seed, 40, fam.no, ctx.ids.seq('SIGSTREAM'));
    for (const k of kids) {
      const to = Math.min(close.get(k)?.day ?? NEVER, k.last, ctx.endDay);
      if (to - from < 14 || !rng.chance(0.45)) continue;
      const n = rng.weighted([[1, 60], [2, 30], [3, 10]] as const);
      for (let i = 0; i < n; i++) {
        const day = rng.int(from + 1, to);
        if (day < k.dob) continue;
        const [title, description, source] = rng.pick(SIGNIFICANT_EVENTS);
        const hasTime = rng.chance(0.6);
        const at = hasTime ? ctx.cal.at(day, rng.int(7, 21), rng.int(0, 59)) : ctx.cal.at(day, 0, 0);
        if (at.getTime() > ctx.endInstant.getTime()) continue;
        const worker = allocs.find((a) => a.start <= day && a.end > day)?.worker ?? null;
        // Most are recorded the same day; some when the worker next catches up, up to a week later.
        let recordedAt: Date | null = null;
        if (rng.chance(0.25)) {
          const later = ctx.cal.at(Math.min(day + rng.int(1, 7), ctx.endDay), rng.int(9, 17), rng.int(0, 59));
          if (later.getTime() > at.getTime()) recordedAt = later;
        }
        this.add('significant_event', {
          id: ctx.ids.next('SIG'), person_id: k.pid, event_at: at, event_at_has_time: hasTime,
          title, description, source, worker_id: worker?.id ?? null,
        }, recordedAt);
      }
    }
  }

  // --- front door --------------------------------------------------------------------------------

  private planContact(kids: Kid[], day: Day, source: string, stepUp: boolean, forced?: Decision, openCase = false): ContactPlan {
    const { ctx, rng, fam, wf } = this;
    const { cal } = ctx;
    const team = this.team('FD');
    // When received: police notifications at any hour, any day; others in office hours on working days.
    let rday = day;
    let receivedAt: Date;
    if (source === '6') {
      const hour = rng.weighted([[0, 3], [1, 3], [2, 2], [3, 2], [4, 1], [5, 1], [6, 2], [7, 3], [8, 5], [9, 6], [10, 6], [11, 6], [12, 6], [13, 6], [14, 6], [15, 6], [16, 6], [17, 6], [18, 6], [19, 6], [20, 6], [21, 6], [22, 5], [23, 4]] as const);
      receivedAt = cal.at(rday, hour, rng.int(0, 59), rng.int(0, 59));
    } else {
      rday = cal.onOrAfterWorking(day);
      receivedAt = this.office(rday, 8 * 60, 17 * 60 + 45);
    }
    const receivedMin = Math.floor((receivedAt.getTime() - cal.at(rday, 0, 0).getTime()) / 60000);
    // Decision.
    let decision: Decision;
    if (forced) decision = forced;
    else if (stepUp) decision = rng.weighted([['REF', 72], ['EH', 18], ['ADV', 10]] as const);
    else if (fam.pathway === 'uasc') decision = 'REF';
    else if (fam.pathway === 'prebirth') decision = rng.weighted([['REF', 75], ['EH', 15], ['ADV', 10]] as const);
    else {
      const table: [Decision, number][][] = [
        [['NFA', 45], ['ADV', 33], ['EH', 17], ['REF', 5]],
        [['NFA', 25], ['ADV', 24], ['EH', 26], ['REF', 25]],
        [['NFA', 6], ['ADV', 9], ['EH', 9], ['REF', 76]],
        [['REF', 1]],
      ];
      decision = rng.weighted(table[fam.risk]!);
      // Concerns returning within a year of a referral are usually accepted again.
      if (decision !== 'REF' && day - this.lastReferral < 330 && rng.chance(0.18)) decision = 'REF';
    }
    // When decided.
    let decisionAt: Date;
    if (openCase) decisionAt = new Date(receivedAt.getTime() + rng.int(20, 240) * 60000);
    else if (decision === 'REF' && fam.risk >= 3) decisionAt = new Date(receivedAt.getTime() + Math.round(rng.lognormal(80, 0.6)) * 60000);
    else if (cal.isWorking(rday) && receivedMin < 15 * 60 + 30) {
      const mins = Math.min(Math.round(rng.lognormal(150, 0.9)), 18 * 60 + 30 - receivedMin);
      decisionAt = new Date(receivedAt.getTime() + Math.max(10, mins) * 60000);
    } else {
      const d = cal.addWorking(rday, 1);
      const m = 9 * 60 + Math.min(7 * 60, Math.round(rng.lognormal(120, 0.8)));
      decisionAt = cal.at(d, Math.floor(m / 60), m % 60, rng.int(0, 59));
    }
    if (!openCase && rng.chance(decision === 'REF' ? 0.05 : 0.09)) {
      // Backlog: decided a day or more later.
      const d = cal.addWorking(this.dayOf(decisionAt), rng.int(1, 3));
      decisionAt = this.office(d);
    }
    let decisionHasTime = true;
    let decisionDay = this.dayOf(decisionAt);
    if (rng.chance(0.01)) {
      decisionHasTime = false;
      decisionAt = cal.at(decisionDay, 0, 0, 0);
    }
    const decided = decisionAt.getTime() <= ctx.endInstant.getTime() && receivedAt.getTime() <= ctx.endInstant.getTime();
    const decidedBy = wf.pick(rng, team, rng.chance(0.7) ? ['FDSW'] : ['TM'], decisionDay);
    const receivedBy = wf.pick(rng, team, ['CO'], rday);
    let recordedAt: Date | null = null;
    if (decided && decisionHasTime && rng.chance(0.05)) {
      const nd = cal.addWorking(decisionDay, 1);
      const t = cal.at(nd, 8, rng.int(45, 59), rng.int(0, 59));
      if (t.getTime() <= ctx.endInstant.getTime()) recordedAt = t;
    }
    const rationale = openCase
      ? text(rng, 'ADV_OPEN')
      : decision === 'REF' && fam.risk >= 3
        ? text(rng, 'REF_SEVERE')
        : text(rng, decision);
    if (!decided) decisionDay = NEVER;
    return {
      kids,
      ids: kids.map(() => ctx.ids.next('CON')),
      day: rday,
      receivedAt,
      source,
      decision: decided ? decision : null,
      decisionAt: decided ? decisionAt : null,
      decisionHasTime,
      decisionDay,
      decidedBy,
      receivedBy,
      rationale: rng.chance(0.015) ? 'See case notes' : rationale,
      recordedAt,
      team,
    };
  }

  private emitContacts(c: ContactPlan, refIds: Map<Kid, string> | null, eh: EhPlan | null): void {
    const { ctx, rng } = this;
    const consentNeeded = !(c.source === '6' || c.decision === 'REF');
    const consent: 'Y' | 'N' | null = consentNeeded ? (rng.chance(0.9) ? 'Y' : 'N') : rng.chance(0.4) ? 'N' : rng.chance(0.5) ? 'Y' : null;
    const consentNote =
      consent === 'N'
        ? c.source === '6'
          ? 'Police notification: consent not required to share information to safeguard the child.'
          : c.decision === 'REF'
            ? 'Consent dispensed with: seeking it could place the child at risk.'
            : 'Parent declined consent; information shared under advice only.'
        : null;
    c.kids.forEach((k, i) => {
      this.use(k, c.day);
      const ehStarted = eh && eh.start <= ctx.endDay && k.last > eh.start ? eh.ids[eh.kids.indexOf(k)] ?? null : null;
      this.add(
        'contact',
        {
          id: c.ids[i]!,
          person_id: k.pid,
          received_at: c.receivedAt,
          source: c.source,
          source_desc: SOURCE_DESC[c.source] ?? null,
          outcome_json: null,
          consent,
          consent_note: consentNote,
          received_by_id: c.receivedBy?.id ?? null,
          decision_at: c.decisionAt,
          decision_at_has_time: c.decisionAt ? c.decisionHasTime : null,
          decision: c.decision,
          decision_rationale: c.decision ? c.rationale : null,
          decided_by_id: c.decision ? c.decidedBy?.id ?? null : null,
          referral_id: c.decision === 'REF' ? refIds?.get(k) ?? null : null,
          early_help_id: c.decision === 'EH' ? ehStarted : null,
        },
        c.recordedAt,
      );
      if (c.decision && c.decidedBy) this.spans.push(k.pid, c.team.idx, c.decidedBy.idx, c.decisionDay, c.decisionDay);
    });
    // A few decisions are challenged by another manager or a partner agency.
    if (c.decision && c.decisionHasTime && c.decision !== 'REF' ? rng.chance(0.035) : c.decision === 'REF' && rng.chance(0.005)) {
      const raised = new Date(c.decisionAt!.getTime() + rng.int(2, 48) * 3_600_000);
      if (raised.getTime() <= ctx.endInstant.getTime()) {
        const rday = this.dayOf(raised);
        const resolvedDay = ctx.cal.addWorking(rday, rng.int(1, 6));
        const resolved = this.office(resolvedDay);
        const done = resolved.getTime() <= ctx.endInstant.getTime() && resolved > raised;
        const raiser = this.wf.pick(rng, this.team(rng.chance(0.5) ? 'AS' : 'CM'), ['TM'], rday);
        const resolver = this.wf.pick(rng, c.team.parent ?? c.team, ['HOS'], resolvedDay) ?? this.wf.manager(rng, c.team, resolvedDay);
        c.kids.forEach((k, i) => {
          this.add('decision_challenge', {
            id: ctx.ids.next('CHA'),
            contact_id: c.ids[i]!,
            person_id: k.pid,
            raised_at: raised,
            raised_by_id: raiser?.id ?? null,
            reason: text(rng, 'challengeReason'),
            resolved_at: done ? resolved : null,
            resolution: done ? text(rng, 'challengeResolution') : null,
            resolved_by_id: done ? resolver?.id ?? null : null,
          });
        });
      }
    }
  }

  /** A contact about a child already open to social care: information passed to the allocated worker. */
  openCaseContact(candidates: Kid[], day: Day): void {
    const latest = this.ctx.cal.onOrAfterWorking(day);
    const kids = candidates.filter((k) => k.last >= latest && k.dob <= day);
    if (latest > this.ctx.endDay || !kids.length) return;
    const c = this.planContact(kids, day, this.rng.weighted([['6', 60], ['2A', 20], ['3F', 10], ['8', 10]] as const), false, 'ADV', true);
    this.emitContacts(c, null, null);
  }

  // --- early help --------------------------------------------------------------------------------

  planEh(kids: Kid[], requested: Day, fromReferral: Map<Kid, string> | null, fromContact: Map<Kid, string> | null, stepDown: boolean): EhPlan {
    const { ctx, rng, fam } = this;
    const wait = stepDown ? (rng.chance(0.72) ? rng.int(0, 10) : rng.int(14, 60)) : 0;
    const start = ctx.cal.onOrAfterWorking(requested + wait);
    const length = Math.round(Math.min(540, Math.max(45, rng.lognormal(160, 0.45))));
    const outcome = rng.weighted([['done', 64], ['disengaged', 17], ['stepUp', 8 + 5 * fam.risk], ['moved', 4]] as const);
    let end = start + length;
    let stepUpDay = NEVER;
    if (outcome === 'stepUp') {
      stepUpDay = start + rng.int(30, Math.max(31, length));
      end = stepUpDay;
    }
    const team = this.team('EH');
    return {
      kids,
      ids: kids.map(() => ctx.ids.next('EHE')),
      requested,
      start,
      end,
      outcome,
      stepUpDay,
      fromReferral,
      fromContact,
      team,
      worker: this.wf.pick(rng, team, ['EHW'], start),
      reason: text(rng, 'ehReason'),
    };
  }

  emitEh(eh: EhPlan, stepUp: ContactPlan | null): void {
    const { ctx, rng } = this;
    if (eh.start > ctx.endDay) return;
    eh.kids.forEach((k, i) => {
      if (k.last <= eh.start) return;
      this.use(k, eh.start);
      const kEnd = Math.min(eh.end, k.last);
      const ended = kEnd <= ctx.endDay;
      const upIdx = stepUp ? stepUp.kids.indexOf(k) : -1;
      this.add('early_help_episode', {
        id: eh.ids[i]!,
        person_id: k.pid,
        start_date: this.iso(eh.start),
        end_date: ended ? this.iso(kEnd) : null,
        reason: eh.reason,
        end_reason: ended ? (kEnd < eh.end ? 'Reached 18' : EH_END[eh.outcome]) : null,
        organisation: `Northmoor Family Hub (${eh.team.name})`,
        worker_id: eh.worker?.id ?? null,
        team_id: eh.team.id,
        step_down_from_referral_id: eh.fromReferral?.get(k) ?? null,
        step_down_from_contact_id: eh.fromContact?.get(k) ?? null,
        step_down_requested_date: eh.fromReferral || eh.fromContact ? this.iso(Math.min(eh.requested, eh.start)) : null,
        step_up_contact_id: upIdx >= 0 ? stepUp!.ids[upIdx]! : null,
        step_up_requested_date: upIdx >= 0 ? this.iso(Math.max(eh.start, stepUp!.day - rng.int(0, 3))) : null,
      });
      if (eh.worker) {
        this.add('allocation', {
          id: ctx.ids.next('ALL'),
          worker_id: eh.worker.id,
          role_desc: 'Early help worker',
          team_id: eh.team.id,
          start_date: this.iso(eh.start),
          end_date: ended ? this.iso(Math.min(kEnd, eh.worker.end)) : eh.worker.end <= ctx.endDay ? this.iso(eh.worker.end) : null,
          worker_change_reason: null,
          person_id: k.pid,
          referral_id: null,
          role: 'EHW',
        });
        this.spans.push(k.pid, eh.team.idx, eh.worker.idx, eh.start, Math.min(kEnd, eh.worker.end));
      }
      this.planActions([k], 'EH', new Map([[k, eh.ids[i]!]]), eh.start, kEnd, null, eh.worker, 2);
    });
  }

  // --- referral and what follows ------------------------------------------------------------------

  private referral(c: ContactPlan, refIds: Map<Kid, string>): RefResult {
    const { ctx, rng, fam } = this;
    const { cal } = ctx;
    const kids = c.kids;
    const refDay = c.decisionDay;
    const tl = new Timeline(ctx, this.wf, rng);
    const disabled = fam.pathway === 'disabled';
    const asTeam = disabled ? this.team('DC') : this.team('AS');
    const cmTeam = disabled ? this.team('DC') : this.team('CM');
    const need = rng.weighted(NEED[fam.pathway]!);
    const close = new Map<Kid, { day: Day; reason: string | null; nfa: boolean }>();
    let eh: EhPlan | null = null;
    let stop = false;

    const emitReferrals = (firstWorker: Worker | null) => {
      for (const k of kids) {
        const cl = close.get(k) ?? { day: NEVER, reason: null, nfa: false };
        const kClose = Math.min(cl.day, k.b18);
        const closed = kClose <= ctx.endDay;
        let reason = cl.reason;
        if (kClose < cl.day) reason = disabled ? 'RC6' : 'RC7';
        this.add('referral', {
          id: refIds.get(k)!,
          person_id: k.pid,
          referral_date: c.decisionAt!,
          referral_date_has_time: c.decisionHasTime,
          primary_need: need,
          source: c.source,
          source_desc: SOURCE_DESC[c.source] ?? null,
          outcome_json: null,
          nfa: cl.nfa,
          close_reason: closed ? reason ?? 'RC7' : null,
          close_date: closed ? this.iso(kClose) : null,
          team_id: asTeam.id,
          worker_id: firstWorker?.id ?? null,
        });
      }
    };

    // Closed at the front door after all (no assessment).
    if (rng.chance(0.015) && fam.pathway !== 'uasc') {
      const d = cal.addWorking(refDay, rng.int(0, 2));
      for (const k of kids) close.set(k, { day: d, reason: 'RC8', nfa: true });
      emitReferrals(null);
      return { stop: false, eh: null, closeDay: d };
    }

    tl.start(asTeam, refDay, 'new');
    let day = refDay;
    let state: 'cin' | 'cp' | 'cla' | 'close' | 'open' = 'close';
    let chain: Chain | null = null;
    let closeReason = 'RC8';
    let route: CareRoute = 'proceedings';
    const transferIn = fam.pathway === 'family' && fam.risk >= 2 && c.source === '5C' && rng.chance(0.5);

    // Strategy discussion at the start, when significant harm is suspected.
    const pStrategy = fam.pathway === 'uasc' ? 0.03 : fam.pathway === 'disabled' ? 0.03 : [0.01, 0.06, 0.24, 0.7][fam.risk]!;
    if (transferIn) {
      chain = this.transferInConference(kids, refIds, tl, refDay, asTeam);
    } else if (rng.chance(pStrategy)) {
      const sday = fam.risk >= 3 || rng.chance(0.7) ? refDay : cal.addWorking(refDay, rng.chance(0.7) ? 1 : rng.int(2, 5));
      chain = this.strategyChain(kids, refIds, tl, sday, asTeam, c.decisionAt!);
    }

    // Single assessment.
    const aStart = cal.onOrAfterWorking(refDay);
    const r = rng.next();
    const quick = fam.risk === 0 || (chain?.cp ?? false);
    let dur = r < 0.84 ? rng.int(quick ? 8 : 12, 45) : r < 0.97 ? rng.int(46, 65) : rng.int(66, 110);
    if (quick && r < 0.84) dur = Math.min(dur, rng.int(10, 45));
    const aEnd = cal.addWorking(aStart, dur);
    const assessIds = new Map(kids.map((k) => [k, ctx.ids.next('ASM')]));

    // What the assessment (and any conference) leads to.
    const emergency = fam.pathway === 'uasc' || (fam.risk >= 3 && rng.chance(0.05)) || (fam.pathway === 'adolescent' && fam.risk >= 2 && rng.chance(0.03));
    const prebirthCare = fam.pathway === 'prebirth' && fam.risk >= 2 && rng.chance(0.38);
    if (chain?.cp) {
      state = chain.icpcDay > ctx.endDay ? 'open' : 'cp';
      day = chain.icpcDay;
    } else if (emergency) {
      state = 'cla';
      route = fam.pathway === 'uasc' ? 'uasc' : fam.pathway === 'adolescent' ? (rng.chance(0.12) ? 'remand' : 's20') : 'emergency';
      day = fam.pathway === 'uasc' ? refDay : refDay + rng.int(0, 2);
    } else if (prebirthCare) {
      state = 'cla';
      route = 'birth';
      day = Math.max(refDay, kids.find((k) => k.prebirth)?.dob ?? refDay);
    } else {
      const w: [string, number][][] = [
        [['nfa', 60], ['eh', 26], ['cin', 14]],
        [['nfa', 40], ['eh', 24], ['cin', 36]],
        [['nfa', 26], ['eh', 12], ['cin', 60], ['cla', 1.5]],
        [['nfa', 8], ['cin', 86], ['cla', 5]],
      ];
      let o = rng.weighted(w[fam.risk]!);
      if (o === 'cla' && fam.pathway === 'adolescent' && rng.chance(0.6)) o = 'cin';
      if (disabled) o = rng.weighted([['nfa', 30], ['cin', 64], ['sb', 6]] as const);
      if (chain && !chain.cp && o === 'nfa' && rng.chance(0.5)) o = 'cin';
      day = aEnd;
      if (o === 'cin') state = 'cin';
      else if (o === 'cla') {
        state = 'cla';
        route = fam.pathway === 'adolescent' ? 's20' : 'proceedings';
        day = aStart + rng.int(5, Math.max(6, aEnd - aStart));
      } else if (o === 'sb') {
        state = 'cla';
        route = 'shortbreaks';
      } else {
        state = 'close';
        closeReason = o === 'eh' ? 'RC9' : 'RC8';
      }
    }

    // Emit the assessment now that its outcome is known.
    const outcomeNfa = state === 'close';
    const authDay = state === 'cla' && day < aEnd ? Math.max(day, aStart + 1) : aEnd;
    this.emitAssessments(kids, refIds, assessIds, tl, asTeam, aStart, Math.max(authDay, aStart + 1), outcomeNfa);

    // Run the plans.
    let guard = 0;
    while (guard++ < 20) {
      if (day > ctx.endDay) {
        state = 'open';
      }
      if (state === 'close') {
        for (const k of kids) if (!close.has(k)) close.set(k, { day, reason: closeReason, nfa: false });
        tl.stop(day, 'Case closed');
        if (closeReason === 'RC9' || (closeReason === 'RC7' && rng.chance(0.25) && day <= ctx.endDay)) {
          const active = kids.filter((k) => k.last > day + 30);
          if (active.length) eh = this.planEh(active, day, new Map(active.map((k) => [k, refIds.get(k)!])), null, true);
        }
        break;
      }
      if (state === 'open') {
        stop = true;
        break;
      }
      if (state === 'cla') {
        tl.stop(day, 'Transferred to the children in care team');
        const first = kids.filter((k) => k.last > day && (route === 'birth' ? k.prebirth : k.dob <= day));
        for (const k of kids) {
          if (!first.includes(k)) {
            close.set(k, { day: Math.min(day, k.last), reason: 'RC7', nfa: false });
            continue;
          }
          const res = this.care.run(k, refIds.get(k)!, Math.max(day, k.dob), route, kids.length > 1);
          close.set(k, { day: res.exit, reason: res.closeReason, nfa: false });
        }
        stop = true;
        break;
      }
      if (state === 'cin') {
        tl.start(cmTeam, day, 'transfer');
        const res = this.cinPlan(kids, refIds, tl, day, cmTeam);
        day = res.end;
        if (res.next === 'cp') {
          chain = res.chain;
          state = 'cp';
        } else if (res.next === 'cla') {
          state = 'cla';
          route = fam.pathway === 'adolescent' ? 's20' : rng.chance(0.4) ? 's20' : 'proceedings';
        } else if (res.next === 'open') state = 'open';
        else {
          state = 'close';
          closeReason = res.next === 'moved' ? 'RC5' : 'RC7';
          if (res.next === 'eh') closeReason = 'RC7';
          if (res.next === 'eh') {
            const active = kids.filter((k) => k.last > day + 30);
            for (const k of kids) close.set(k, { day, reason: 'RC7', nfa: false });
            tl.stop(day, 'Case closed');
            if (active.length && day <= ctx.endDay) eh = this.planEh(active, day, new Map(active.map((k) => [k, refIds.get(k)!])), null, true);
            break;
          }
        }
        continue;
      }
      if (state === 'cp') {
        tl.start(cmTeam, day, 'transfer');
        const res = this.cpPlan(kids, refIds, tl, day, cmTeam, chain!);
        day = res.end;
        if (res.next === 'cin') state = 'cin';
        else if (res.next === 'cla') {
          state = 'cla';
          route = 'proceedings';
        } else if (res.next === 'open') state = 'open';
        else {
          state = 'close';
          closeReason = res.next === 'moved' ? 'RC5' : 'RC7';
        }
        continue;
      }
    }
    // Allocations of the family case.
    tl.finish();
    this.emitAllocations(kids, tl.allocs, refIds, close, 'CH');
    emitReferrals(tl.allocs[0]?.worker ?? null);
    const lastClose = Math.max(...kids.map((k) => Math.min(close.get(k)?.day ?? NEVER, k.last)));
    this.significantEvents(kids, refDay, close, tl.allocs);
    return { stop: stop || lastClose > ctx.endDay, eh, closeDay: lastClose };
  }

  emitAllocations(kids: Kid[], allocs: Alloc[], refIds: Map<Kid, string>, close: Map<Kid, { day: Day }> | null, role: 'CH' | 'PA', until?: Day): void {
    const { ctx } = this;
    for (const k of kids) {
      const kEnd = Math.min(close?.get(k)?.day ?? NEVER, until ?? NEVER, role === 'PA' ? k.b21 : k.b18);
      for (const a of allocs) {
        if (a.start > ctx.endDay || a.start >= kEnd) continue;
        const end = Math.min(a.end, kEnd);
        this.add('allocation', {
          id: ctx.ids.next('ALL'),
          worker_id: a.worker.id,
          role_desc: role === 'PA' ? 'Personal adviser' : 'Allocated social worker',
          team_id: a.team.id,
          start_date: this.iso(a.start),
          end_date: this.dn(end),
          worker_change_reason: end <= ctx.endDay && end === a.end ? a.reason : end <= ctx.endDay ? 'Case closed' : null,
          person_id: k.pid,
          referral_id: refIds.get(k) ?? null,
          role,
        });
        this.spans.push(k.pid, a.team.idx, a.worker.idx, a.start, end);
      }
    }
  }

  private emitAssessments(
    kids: Kid[], refIds: Map<Kid, string>, assessIds: Map<Kid, string>, tl: Timeline, team: Team, start: Day, auth: Day, nfa: boolean,
  ): void {
    const { ctx, rng, fam } = this;
    if (start > ctx.endDay) return;
    const authorised = auth <= ctx.endDay;
    const worker = this.caseWorker(tl, team, start);
    const manager = this.wf.manager(rng, team, auth);
    for (const k of kids) {
      const unborn = k.dob > start;
      const seenDay = unborn ? null : Math.min(auth, ctx.cal.addWorking(start, rng.weighted([[0, 20], [1, 25], [2, 20], [3, 15], [5, 10], [8, 7], [12, 3]] as const)));
      const seen = seenDay !== null && rng.chance(0.975);
      this.add('assessment', {
        id: assessIds.get(k)!,
        person_id: k.pid,
        referral_id: rng.chance(0.995) ? refIds.get(k)! : null,
        start_date: this.iso(start),
        child_seen: unborn ? false : seen,
        authorised_date: authorised ? this.iso(auth) : null,
        outcome_json: authorised ? JSON.stringify({ nfa, next: nfa ? 'close' : 'services' }) : null,
        outcome_nfa: authorised ? nfa : null,
        team_id: team.id,
        worker_id: worker?.id ?? null,
        child_seen_date: seen && seenDay! <= ctx.endDay ? this.iso(seenDay!) : null,
        pre_birth: unborn,
        expected_dob: unborn ? this.iso(k.dob) : null,
        authorised_by_id: authorised ? manager?.id ?? null : null,
        authorisation_rationale: authorised ? (rng.chance(0.03) ? null : text(rng, 'assessmentAuth')) : null,
      });
      if (authorised) {
        const table = FACTORS[fam.pathway]!;
        const codes = table.filter(([, p]) => rng.chance(p)).map(([c]) => c);
        if (k.disabilities.length && !codes.includes('6A') && fam.pathway !== 'disabled' && rng.chance(0.5)) codes.push('6A');
        if (k.uasc && !codes.includes('9A')) codes.unshift('9A');
        if (k.missingRate > 0.2 && !codes.includes('10A')) codes.push('10A');
        this.add('assessment_factors', {
          id: ctx.ids.next('ASF'),
          assessment_id: assessIds.get(k)!,
          factors_json: JSON.stringify(codes.length ? codes : ['21']),
        });
      }
    }
  }

  // --- strategy, section 47, conference ----------------------------------------------------------

  strategyChain(kids: Kid[], refIds: Map<Kid, string>, tl: Timeline, sday: Day, team: Team, after: Date | null): Chain {
    const { ctx, rng, fam, wf } = this;
    const none: Chain = { cp: false, icpcDay: NEVER, icpcIds: new Map(), cpIds: new Map() };
    if (sday > ctx.endDay) return none;
    let heldAt = this.office(sday, 9 * 60, 18 * 60);
    if (after && heldAt.getTime() <= after.getTime()) heldAt = new Date(after.getTime() + rng.int(30, 180) * 60000);
    if (heldAt.getTime() > ctx.endInstant.getTime()) return none;
    const held = this.dayOf(heldAt);
    const outcome = rng.weighted([['S47', 83], ['SA', 14], ['NFA', 3]] as const);
    const chair = wf.manager(rng, team, held) ?? wf.pick(rng, this.team('FD'), ['TM', 'FDSW'], held);
    const medical = kids.some((k) => this.ageAt(k, held) < 2) ? rng.chance(0.22) : rng.chance(0.08);
    const minutesDays = rng.weighted([[0, 60], [1, 18], [2, 8], [3, 5], [5, 4], [8, 3], [15, 2]] as const);
    let minutesAt: Date | null = minutesDays === 0 ? new Date(heldAt.getTime() + rng.int(30, 200) * 60000) : this.office(ctx.cal.addWorking(held, minutesDays));
    if (minutesAt.getTime() > ctx.endInstant.getTime()) minutesAt = null;
    const strategyIds = new Map<Kid, string>();
    for (const k of kids) {
      const id = ctx.ids.next('STR');
      strategyIds.set(k, id);
      const noMedicalDecision = rng.chance(0.04);
      this.add(
        'strategy_discussion',
        {
          id,
          person_id: k.pid,
          referral_id: refIds.get(k)!,
          held_at: heldAt,
          chair_id: chair?.id ?? null,
          outcome,
          decisions: outcome === 'S47' ? text(rng, 'strategyDecisions') : 'Continue with the single assessment; threshold for section 47 not met.',
          medical_exam: noMedicalDecision ? null : medical,
          medical_exam_rationale: noMedicalDecision ? null : text(rng, medical ? 'medicalYes' : 'medicalNo'),
          minutes_recorded_at: minutesAt,
        },
        minutesAt && minutesAt.getTime() > heldAt.getTime() + 86_400_000 ? minutesAt : null,
      );
      const schoolAge = this.ageAt(k, held) >= 4.5;
      const agencies: [string, number, number][] = [
        ['CSC', 1, 1], ['POL', 0.98, 0.9], ['HEA', 0.85, 0.72], ['SCH', schoolAge ? 0.75 : 0.05, 0.65], ['EH', 0.12, 0.6],
        ['PRO', 0.05, 0.7], ['HOU', 0.04, 0.6], ['OTH', 0.05, 0.6],
      ];
      for (const [agency, pInvited, pAttended] of agencies) {
        if (!rng.chance(pInvited)) continue;
        this.add('strategy_agency', {
          id: ctx.ids.next('STA'),
          strategy_id: id,
          agency,
          invited: true,
          attended: agency === 'CSC' ? true : rng.chance(pAttended),
        });
      }
      if (rng.chance(0.03)) {
        this.add('strategy_agency', { id: ctx.ids.next('STA'), strategy_id: id, agency: 'HEA', invited: false, attended: true });
      }
    }
    if (outcome !== 'S47') return none;
    // Section 47 enquiry.
    const pIcpc = fam.pathway === 'adolescent' ? 0.09 : fam.pathway === 'prebirth' ? 0.48 : [0.15, 0.2, 0.31, 0.5][fam.risk]!;
    const icpc = rng.chance(pIcpc);
    const r = rng.next();
    const icpcWd = r < 0.82 ? rng.int(6, 15) : r < 0.95 ? rng.int(16, 22) : rng.int(23, 40);
    const icpcDay = icpc ? ctx.cal.addWorking(held, icpcWd) : NEVER;
    const s47End = Math.min(icpc ? icpcDay : NEVER, ctx.cal.addWorking(held, rng.int(4, 15)));
    const cp = icpc && rng.chance(0.87);
    const res: Chain = { cp, icpcDay, icpcIds: new Map(), cpIds: new Map() };
    const s47Worker = this.caseWorker(tl, team, held);
    for (const k of kids) {
      const s47Id = ctx.ids.next('S47');
      const unborn = k.dob > held;
      const seen = unborn ? null : ctx.cal.addWorking(held, rng.weighted([[0, 62], [1, 22], [2, 8], [3, 4], [5, 3], [9, 1]] as const));
      this.add('s47_enquiry', {
        id: s47Id,
        referral_id: refIds.get(k)!,
        person_id: k.pid,
        start_date: this.iso(held),
        end_date: this.dn(s47End),
        nfa: s47End <= ctx.endDay ? !icpc : null,
        outcome_json: s47End <= ctx.endDay ? JSON.stringify({ icpc, nfa: !icpc }) : null,
        worker_id: s47Worker?.id ?? null,
        team_id: team.id,
        strategy_id: strategyIds.get(k)!,
        child_seen_date: seen !== null && seen <= ctx.endDay && rng.chance(0.98) ? this.iso(seen) : null,
      });
      if (icpc && icpcDay <= ctx.endDay && k.last > icpcDay) {
        const icpcId = ctx.ids.next('ICP');
        res.icpcIds.set(k, icpcId);
        if (cp) res.cpIds.set(k, ctx.ids.next('CPP'));
        this.add('icpc', {
          id: icpcId,
          meeting_id: `MTG-${icpcId}`,
          s47_id: rng.chance(0.99) ? s47Id : null,
          person_id: k.pid,
          cp_plan_id: cp ? res.cpIds.get(k)! : null,
          referral_id: refIds.get(k)!,
          transfer_in: false,
          target_date: this.iso(ctx.cal.addWorking(held, 15)),
          conference_date: this.iso(icpcDay),
          outcome_cp: cp,
          outcome_json: JSON.stringify({ cp }),
          team_id: team.id,
          worker_id: this.caseWorker(tl, team, icpcDay)?.id ?? null,
        });
      }
    }
    return res;
  }

  private transferInConference(kids: Kid[], refIds: Map<Kid, string>, tl: Timeline, refDay: Day, team: Team): Chain {
    const { ctx, rng } = this;
    const day = ctx.cal.addWorking(refDay, rng.int(5, 15));
    const res: Chain = { cp: true, icpcDay: day, icpcIds: new Map(), cpIds: new Map() };
    if (day > ctx.endDay) return res;
    for (const k of kids) {
      const id = ctx.ids.next('ICP');
      res.icpcIds.set(k, id);
      res.cpIds.set(k, ctx.ids.next('CPP'));
      this.add('icpc', {
        id,
        meeting_id: `MTG-${id}`,
        s47_id: null,
        person_id: k.pid,
        cp_plan_id: res.cpIds.get(k)!,
        referral_id: refIds.get(k)!,
        transfer_in: true,
        target_date: this.iso(ctx.cal.addWorking(refDay, 15)),
        conference_date: this.iso(day),
        outcome_cp: true,
        outcome_json: JSON.stringify({ cp: true, transferIn: true }),
        team_id: team.id,
        worker_id: this.caseWorker(tl, team, day)?.id ?? null,
      });
    }
    return res;
  }

  // --- child in need plan ------------------------------------------------------------------------

  private cinPlan(kids: Kid[], refIds: Map<Kid, string>, tl: Timeline, s: Day, team: Team): { end: Day; next: 'close' | 'cp' | 'cla' | 'eh' | 'moved' | 'open'; chain: Chain | null } {
    const { ctx, rng, fam } = this;
    const { cal } = ctx;
    const disabled = fam.pathway === 'disabled';
    const planIds = new Map(kids.map((k) => [k, ctx.ids.next('CIN')]));
    const pEnd = disabled ? [0.06, 0.1, 0.12, 0.14] : [0.4, 0.5, 0.55, 0.6, 0.65];
    const hEsc = disabled ? 0.001 : [0.002, 0.004, 0.007, 0.012][fam.risk]!;
    const hCla = disabled ? 0.0008 : fam.pathway === 'adolescent' ? 0.002 : [0.0003, 0.0005, 0.0014, 0.0028][fam.risk]!;
    let end = NEVER;
    let next: 'close' | 'cp' | 'cla' | 'eh' | 'moved' | 'open' = 'open';
    let chain: Chain | null = null;
    const reviews: Day[] = [];
    for (let m = 1; m < 400; m++) {
      const t = cal.addMonths(s, m);
      const prev = cal.addMonths(s, m - 1);
      const active = kids.filter((k) => k.last > prev);
      if (!active.length) {
        end = Math.max(...kids.map((k) => k.last));
        next = 'close';
        break;
      }
      if (prev > ctx.endDay) break;
      if (rng.chance(0.06)) this.openCaseContact(active, prev + rng.int(1, 27));
      if (rng.chance(hEsc)) {
        const d = cal.onOrAfterWorking(prev + rng.int(1, 27));
        if (d > ctx.endDay) break;
        const ch = this.strategyChain(active, refIds, tl, d, team, null);
        if (ch.cp) {
          end = ch.icpcDay;
          next = ch.icpcDay > ctx.endDay ? 'open' : 'cp';
          chain = ch;
          if (next === 'open') end = NEVER;
          break;
        }
      }
      if (rng.chance(hCla)) {
        end = prev + rng.int(1, 27);
        next = end > ctx.endDay ? 'open' : 'cla';
        if (next === 'open') end = NEVER;
        break;
      }
      if (m % 3 === 0) {
        const rd = cal.onOrAfterWorking(t - rng.int(0, 10));
        if (rd > ctx.endDay) break;
        reviews.push(rd);
        if (rng.chance(pEnd[Math.min(reviews.length - 1, pEnd.length - 1)]!)) {
          end = rd;
          next = rng.weighted([['close', 74], ['eh', 21], ['moved', 5]] as const);
          break;
        }
      }
    }
    // Records.
    for (const k of kids) {
      const kEnd = Math.min(end, k.last);
      if (s > ctx.endDay || s >= kEnd) continue;
      this.use(k, s);
      this.add('cin_plan', {
        id: planIds.get(k)!,
        referral_id: refIds.get(k)!,
        person_id: k.pid,
        start_date: this.iso(s),
        end_date: this.dn(kEnd),
        team_id: team.id,
        worker_id: this.caseWorker(tl, team, s)?.id ?? null,
      });
    }
    for (const rd of reviews) {
      for (const k of kids) {
        if (rd >= Math.min(end, k.last)) continue;
        const chair = this.caseWorker(tl, team, rd);
        this.add('meeting', {
          id: ctx.ids.next('MTG'),
          person_id: k.pid,
          meeting_type: 'CINR',
          plan_id: planIds.get(k)!,
          held_at: this.office(rd, 9 * 60 + 30, 16 * 60),
          chair_id: chair?.id ?? null,
          notes: null,
        });
      }
    }
    this.planActions(kids, 'CIN', planIds, s, end, tl, null, 3);
    for (const rd of reviews) this.planActions(kids, 'CIN', planIds, rd, end, tl, null, rng.int(1, 2));
    this.visits('cin', kids, tl, team, planIds, s, end);
    this.supervision(kids, tl, team, s, end, 56);
    for (const k of kids) if (k.missingRate > 0) this.care.missing(k, s, Math.min(end, k.last), k.missingRate * 0.25);
    return { end, next, chain };
  }

  // --- child protection plan ---------------------------------------------------------------------

  private cpPlan(kids: Kid[], refIds: Map<Kid, string>, tl: Timeline, s: Day, team: Team, chain: Chain): { end: Day; next: 'close' | 'cin' | 'cla' | 'moved' | 'open' } {
    const { ctx, rng, fam } = this;
    const { cal } = ctx;
    const category = fam.pathway === 'adolescent'
      ? rng.weighted([['EMO', 40], ['PHY', 20], ['SAB', 20], ['NEG', 15], ['MUL', 5]] as const)
      : rng.weighted([['NEG', 47], ['EMO', 36], ['PHY', 7], ['SAB', 3], ['MUL', 7]] as const);
    const latest = rng.chance(0.9) ? category : rng.weighted([['NEG', 50], ['EMO', 40], ['MUL', 10]] as const);
    const pEnd = [0.15, 0.42, 0.5, 0.55, 0.6];
    const hCla = fam.pathway === 'prebirth' ? 0.016 : 0.004;
    let end = NEVER;
    let next: 'close' | 'cin' | 'cla' | 'moved' | 'open' = 'open';
    const reviews: { due: Day; held: Day }[] = [];
    let due = cal.addMonths(s, 3);
    let cursor = s;
    outer: for (let i = 0; i < 40; i++) {
      // Monthly events until the review is due.
      while (cal.addMonths(cursor, 1) < due) {
        const m = cal.addMonths(cursor, 1);
        if (cursor > ctx.endDay) break outer;
        if (rng.chance(0.08)) this.openCaseContact(kids.filter((k) => k.last > cursor), cursor + rng.int(1, 27));
        if (rng.chance(hCla)) {
          end = cursor + rng.int(1, 27);
          next = end > ctx.endDay ? 'open' : 'cla';
          if (next === 'open') end = NEVER;
          break outer;
        }
        if (rng.chance(0.0025)) {
          end = cursor + rng.int(1, 27);
          next = end > ctx.endDay ? 'open' : 'moved';
          if (next === 'open') end = NEVER;
          break outer;
        }
        cursor = m;
      }
      const r = rng.next();
      const held = r < 0.88 ? cal.onOrBeforeWorking(due - rng.weighted([[0, 30], [2, 20], [5, 25], [10, 15], [15, 10]] as const)) : cal.onOrAfterWorking(due + rng.int(1, 45));
      if (held > ctx.endDay) break;
      if (kids.every((k) => k.last < held)) {
        end = Math.max(...kids.map((k) => k.last));
        next = 'close';
        break;
      }
      reviews.push({ due, held });
      if (rng.chance(pEnd[Math.min(i, pEnd.length - 1)]!)) {
        end = held;
        next = rng.weighted([['cin', 62], ['close', 35], ['moved', 3]] as const);
        break;
      }
      cursor = held;
      due = cal.addMonths(held, 6);
    }
    for (const k of kids) {
      const kEnd = Math.min(end, k.last);
      if (s > ctx.endDay || s >= kEnd) continue;
      const id = chain.cpIds.get(k);
      if (!id) continue;
      this.use(k, s);
      k.cpPlans++;
      this.add('cp_plan', {
        id,
        referral_id: refIds.get(k)!,
        icpc_id: chain.icpcIds.get(k) ?? null,
        person_id: k.pid,
        start_date: this.iso(s),
        end_date: this.dn(kEnd),
        initial_category: category,
        ola: false,
        latest_category: latest,
      });
      for (const rv of reviews) {
        if (rv.held > kEnd) continue;
        const mid = ctx.ids.next('MTG');
        const iro = this.wf.pick(rng, this.wf.teamsByService.get('QA')![0]!, ['IRO'], rv.held);
        this.add('meeting', {
          id: mid, person_id: k.pid, meeting_type: 'RCPC', plan_id: id, held_at: this.office(rv.held, 9 * 60 + 30, 15 * 60),
          chair_id: iro?.id ?? null, notes: null,
        });
        this.add('cp_review', {
          id: ctx.ids.next('CPR'),
          person_id: k.pid,
          cp_plan_id: id,
          due_date: this.iso(rv.due),
          review_date: this.iso(rv.held),
          meeting_id: mid,
          outcome_continue_cp: !(rv.held === end),
          quorate: rng.chance(0.95) ? 'Y' : 'N',
          participation: this.participation(k, rv.held),
        });
      }
      // Core groups: the first within 10 working days of the conference, then about every 6 weeks.
      let cg = cal.addWorking(s, rng.chance(0.9) ? rng.int(3, 10) : rng.int(11, 20));
      while (cg < kEnd && cg <= ctx.endDay) {
        this.add('meeting', {
          id: ctx.ids.next('MTG'), person_id: k.pid, meeting_type: 'CG', plan_id: id, held_at: this.office(cg, 9 * 60 + 30, 16 * 60),
          chair_id: this.caseWorker(tl, team, cg)?.id ?? null, notes: null,
        });
        cg = cal.onOrAfterWorking(cg + rng.int(28, 48));
      }
    }
    const planIds = new Map([...chain.cpIds]);
    this.planActions(kids, 'CP', planIds, s, end, tl, null, 4);
    for (const rv of reviews) this.planActions(kids, 'CP', planIds, rv.held, end, tl, null, rng.int(2, 3));
    this.visits('cp', kids, tl, team, planIds, s, end);
    this.supervision(kids, tl, team, s, end, 28);
    for (const k of kids) if (k.missingRate > 0) this.care.missing(k, s, Math.min(end, k.last), k.missingRate * 0.25);
    return { end, next };
  }

  participation(k: Kid, day: Day): string {
    if (this.ageAt(k, day) < 4) return 'PN0';
    return this.rng.weighted([['PN1', 40], ['PN2', 5], ['PN3', 5], ['PN4', 5], ['PN5', 10], ['PN6', 25], ['PN7', 10]] as const);
  }

  // --- visits, supervision, plan actions ---------------------------------------------------------

  visits(kind: 'cp' | 'cin', kids: Kid[], tl: Timeline, team: Team, planIds: Map<Kid, string>, s: Day, end: Day): void {
    const { ctx, rng } = this;
    const { cal } = ctx;
    const stop = Math.min(end, ctx.endDay);
    let d = cal.addWorking(s, kind === 'cp' ? rng.int(1, 6) : rng.int(2, 12));
    while (d <= stop) {
      const worker = this.caseWorker(tl, team, d);
      const at = this.visitTime(d);
      for (const k of kids) {
        if (d >= Math.min(end, k.last + 1)) continue;
        const unborn = k.dob > d;
        const seen = !unborn && rng.chance(0.95);
        const young = this.ageAt(k, d) < 4;
        const rec = this.recorded(at, 0.2, rng.chance(0.3) ? 12 : 3);
        if (rec === 'drop') continue;
        if (kind === 'cp') {
          this.add('cp_visit', {
            id: ctx.ids.next('CPV'), person_id: k.pid, cp_plan_id: planIds.get(k) ?? null, visit_date: at, seen,
            seen_alone: seen && !young ? rng.chance(0.6) : false, bedroom_seen: rng.chance(0.55), worker_id: worker?.id ?? null,
            child_said: seen && !young && rng.chance(0.6) ? text(rng, 'childSaid') : null,
          }, rec);
        } else {
          this.add('cin_visit', {
            id: ctx.ids.next('CIV'), person_id: k.pid, visit_date: at, seen, seen_alone: seen && !young ? rng.chance(0.5) : false,
            bedroom_seen: rng.chance(0.35), worker_id: worker?.id ?? null,
            child_said: seen && !young && rng.chance(0.5) ? text(rng, 'childSaid') : null,
          }, rec);
        }
      }
      const r = rng.next();
      const gap = kind === 'cp'
        ? r < 0.86 ? rng.int(4, 10) : r < 0.97 ? rng.int(11, 16) : rng.int(17, 30)
        : r < 0.83 ? rng.int(8, 20) : r < 0.96 ? rng.int(21, 30) : rng.int(31, 50);
      d = cal.addWorking(d, gap);
    }
  }

  supervision(kids: Kid[], tl: Timeline, team: Team, s: Day, end: Day, every: 28 | 56): void {
    const { ctx, rng, wf } = this;
    const { cal } = ctx;
    const stop = Math.min(end, ctx.endDay);
    let d = cal.onOrAfterWorking(s + rng.int(3, every === 28 ? 20 : 40));
    while (d <= stop) {
      const a = tl.allocAt(d);
      const worker = a?.worker ?? null;
      const supervisor = wf.manager(rng, a?.team ?? team, d);
      const at = this.office(d);
      for (const k of kids) {
        if (d >= Math.min(end, k.last + 1)) continue;
        const rec = this.recorded(at, 0.2, 10);
        if (rec === 'drop') continue;
        this.add('supervision', {
          id: ctx.ids.next('SUP'), person_id: k.pid, supervision_type: rng.chance(0.9) ? 'CS' : 'MO', held_at: at,
          worker_id: worker?.id ?? null, supervisor_id: supervisor?.id ?? null, decision: text(rng, 'supervisionDecision'),
          rationale: rng.chance(0.1) ? null : text(rng, 'supervisionRationale'),
        }, rec);
      }
      const r = rng.next();
      const gap = every === 28
        ? r < 0.8 ? rng.int(16, 28) : r < 0.95 ? rng.int(29, 40) : rng.int(41, 70)
        : r < 0.8 ? rng.int(30, 56) : r < 0.95 ? rng.int(57, 75) : rng.int(76, 120);
      d = cal.onOrAfterWorking(d + gap);
    }
  }

  planActions(kids: Kid[], type: 'CIN' | 'CP' | 'CLA' | 'EH' | 'PW', planIds: Map<Kid, string>, set: Day, planEnd: Day, tl: Timeline | null, worker: Worker | null, n: number): void {
    const { ctx, rng } = this;
    if (set > ctx.endDay) return;
    for (const k of kids) {
      const planId = planIds.get(k);
      if (!planId || set >= Math.min(planEnd, type === 'PW' ? k.b21 : k.last + 1)) continue;
      for (let i = 0; i < n; i++) {
        const responsible = rng.pick(['Social worker', 'Social worker', 'Mother', 'Father', 'School', 'Health visitor', type === 'CLA' ? 'Carer' : 'Family support worker', 'Young person', 'Police']);
        const isSw = responsible === 'Social worker';
        const due = set + rng.int(14, 90);
        const r = rng.next();
        let completed: Day | null = null;
        let status: string;
        if (r < 0.72) completed = set + rng.int(5, due - set);
        else if (r < 0.84) completed = due + rng.int(1, 45);
        if (completed !== null && completed > Math.min(planEnd, ctx.endDay)) completed = null;
        if (completed !== null) status = 'DONE';
        else if (planEnd <= ctx.endDay) status = rng.chance(0.7) ? 'DROP' : 'DONE';
        else status = due < ctx.endDay ? rng.weighted([['PROG', 60], ['OPEN', 40]] as const) : rng.weighted([['PROG', 50], ['OPEN', 50]] as const);
        if (status === 'DONE' && completed === null) completed = Math.min(planEnd, ctx.endDay);
        const w = isSw ? worker ?? (tl ? tl.workerAt(set) : null) : null;
        this.add('plan_action', {
          id: ctx.ids.next('ACT'),
          person_id: k.pid,
          plan_type: type,
          plan_id: planId,
          action: text(rng, 'planAction'),
          responsible: rng.chance(0.02) ? 'TBC' : responsible,
          responsible_worker_id: w?.id ?? null,
          due_date: this.iso(due),
          status,
          set_date: this.iso(set),
          completed_date: status === 'DONE' && completed !== null ? this.iso(Math.max(set, completed)) : null,
        });
      }
    }
  }
}

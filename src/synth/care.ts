/**
 * Looked-after children: a period of care planned from entry to exit (legal statuses, placements and
 * the SSDA903 episodes they make), reviews chaired by an IRO, statutory visits, care plans and
 * permanence, missing episodes with return home interviews, allocations, supervision, and care leavers
 * up to 21.
 */
import type { Day } from './calendar.js';
import { NEVER } from './context.js';
import * as names from './names.js';
import type { Kid } from './people.js';
import type { Story } from './story.js';
import { Timeline } from './timeline.js';

export type CareRoute = 'proceedings' | 'emergency' | 's20' | 'remand' | 'uasc' | 'shortbreaks' | 'birth';
type ExitType = 'home' | 'sgo' | 'cao' | 'adopt' | 'ltf' | 'age18' | 'remandEnd' | 'ageDispute' | 'moved' | 'sb' | 'other';

interface Legal {
  code: string;
  start: Day;
}

interface Placement {
  id: string;
  type: string;
  start: Day;
  end: Day;
  longTerm: boolean;
  /** Same carer as the previous placement (a change of type only). */
  sameCarer: boolean;
  provider: string;
  providerName: string | null;
  urn: string | null;
  postcode: string;
  distance: number;
  changeReason: string | null;
}

export interface CarePlan {
  claId: string;
  entry: Day;
  exit: Day;
  exitType: ExitType;
  ceasedReason: string;
  closeReason: string;
  legal: Legal[];
  placements: Placement[];
  finalOrder: Day;
  route: CareRoute;
}

const FOSTER = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);

export class CareStory {
  constructor(private readonly s: Story) {}

  /** A child becomes looked after on `entry`; writes the whole period of care. */
  run(k: Kid, refId: string, entry: Day, route: CareRoute, siblings: boolean, legacy = false): { exit: Day; closeReason: string | null } {
    const plan = this.plan(k, entry, route);
    return this.emit(k, refId, plan, siblings, legacy);
  }

  plan(k: Kid, entry: Day, route: CareRoute): CarePlan {
    const { s } = this;
    const { rng, ctx } = s;
    const { cal } = ctx;
    const age = Math.max(0, (entry - k.dob) / 365.25);
    // How the period will end.
    let exitType: ExitType;
    if (route === 'shortbreaks') exitType = 'sb';
    else if (route === 'remand') exitType = rng.chance(0.7) ? 'remandEnd' : rng.chance(0.5) ? 'home' : 'age18';
    else if (route === 'uasc') exitType = rng.weighted([['age18', 88], ['ageDispute', 4], ['moved', 4], ['other', 4]] as const);
    else if (age < 1) exitType = rng.weighted([['adopt', 33], ['sgo', 25], ['home', 22], ['ltf', 17], ['cao', 3]] as const);
    else if (age < 5) exitType = rng.weighted([['adopt', 18], ['sgo', 25], ['home', 30], ['ltf', 24], ['cao', 3]] as const);
    else if (age < 10) exitType = rng.weighted([['adopt', 2], ['sgo', 20], ['home', 37], ['ltf', 38], ['cao', 3]] as const);
    else if (age < 16) exitType = rng.weighted([['sgo', 6], ['home', 44], ['ltf', 44], ['moved', 3], ['other', 3]] as const);
    else exitType = rng.weighted([['home', 30], ['age18', 66], ['other', 4]] as const);
    if (route === 'emergency' && exitType !== 'home' && rng.chance(0.3)) exitType = 'home';
    let exit: Day;
    switch (exitType) {
      case 'home':
        exit = entry + Math.max(4, Math.round(rng.lognormal(route === 's20' ? 150 : 260, 0.9)));
        break;
      case 'sgo':
      case 'cao':
        exit = entry + rng.int(380, 900);
        break;
      case 'adopt':
        exit = entry + rng.int(620, 1150);
        break;
      case 'remandEnd':
        exit = entry + rng.int(10, 120);
        break;
      case 'ageDispute':
        exit = entry + rng.int(20, 200);
        break;
      case 'moved':
      case 'other':
        exit = entry + rng.int(30, 900);
        break;
      case 'sb':
        exit = entry + rng.int(300, 1500);
        break;
      default:
        exit = k.b18;
    }
    if (exit >= k.b18) {
      exit = k.b18;
      if (exitType !== 'sb') exitType = 'age18';
    }
    // Legal statuses.
    const legal: Legal[] = [];
    let finalOrder = NEVER;
    const courtOrder = (from: Day) => {
      legal.push({ code: 'C1', start: from });
      const f = from + rng.int(170, 330);
      if (f < exit - 5) {
        finalOrder = f;
        legal.push({ code: exitType === 'adopt' ? 'E1' : 'C2', start: f });
      } else if (exitType === 'adopt') {
        exit = Math.min(k.b18, f + rng.int(400, 700));
        finalOrder = f;
        legal.push({ code: 'E1', start: f });
      }
    };
    switch (route) {
      case 'birth':
      case 'proceedings':
        if (rng.chance(0.2) && exitType !== 'home') {
          legal.push({ code: 'V2', start: entry });
          courtOrder(entry + rng.int(14, 90));
        } else if (exitType === 'home' && rng.chance(0.45)) legal.push({ code: 'V2', start: entry });
        else courtOrder(entry);
        break;
      case 'emergency': {
        const pp = rng.chance(0.7) ? 'L1' : 'L2';
        legal.push({ code: pp, start: entry });
        const next = entry + (pp === 'L1' ? rng.int(1, 3) : rng.int(3, 8));
        if (next >= exit) break;
        if (exitType === 'home' && rng.chance(0.6)) legal.push({ code: 'V2', start: next });
        else courtOrder(next);
        break;
      }
      case 's20':
        legal.push({ code: 'V2', start: entry });
        if ((exitType === 'ltf' || exitType === 'age18' || exitType === 'sgo') && age < 16 && rng.chance(0.35)) {
          const c = entry + rng.int(60, 200);
          if (c < exit - 30) courtOrder(c);
        }
        break;
      case 'uasc':
        legal.push({ code: 'V2', start: entry });
        break;
      case 'remand':
        legal.push({ code: 'J1', start: entry });
        if (exitType !== 'remandEnd') {
          const c = entry + rng.int(20, 90);
          if (c < exit) legal.push({ code: 'V2', start: c });
        }
        break;
      case 'shortbreaks':
        legal.push({ code: 'V4', start: entry });
        break;
    }
    // Drop statuses starting on or after the exit.
    while (legal.length > 1 && legal[legal.length - 1]!.start >= exit) legal.pop();

    // Placements.
    const placements: Placement[] = [];
    const afterZ = cal.iso(entry) >= '2025-04-01';
    const supported = () => (afterZ ? 'Z11' : 'P2');
    const firstType = (): string => {
      if (route === 'shortbreaks') return 'K2';
      if (route === 'remand') return rng.weighted([['K2', 60], ['U6', 30], ['K1', 10]] as const);
      if (route === 'birth') return exitType === 'adopt' && rng.chance(0.4) ? 'U5' : rng.weighted([['R3', 25], ['U6', 55], ['U3', 20]] as const);
      if (route === 'uasc') return age >= 16 ? rng.weighted([[supported(), 55], ['U6', 30], ['K2', 15]] as const) : rng.weighted([['U6', 70], ['K2', 30]] as const);
      if (age < 1) return exitType === 'adopt' && rng.chance(0.15) ? 'U5' : rng.weighted([['U6', 62], ['U3', 28], ['R3', 10]] as const);
      if (age < 5) return rng.weighted([['U6', 65], ['U3', 30], ['K2', 1], ['P1', 4]] as const);
      if (age < 12) return rng.weighted([['U6', 63], ['U3', 25], ['K2', 8], ['P1', 4]] as const);
      if (age < 16) return rng.weighted([['U6', 50], ['K2', 30], ['U3', 15], ['K1', 2], ['P1', 3]] as const);
      return rng.weighted([[supported(), 30], ['U6', 30], ['K2', 25], ['U3', 10], ['P1', 5]] as const);
    };
    const addPlacement = (type: string, start: Day, longTerm: boolean, sameCarer: boolean, reason: string | null) => {
      const prev = placements[placements.length - 1];
      if (prev) {
        prev.end = start;
        prev.changeReason = reason;
      }
      placements.push(this.placement(type, start, longTerm, sameCarer, prev));
    };
    addPlacement(firstType(), entry, false, false, null);
    // Structural moves in order of time.
    const events: { day: Day; kind: 'ltf' | 'adopt' | 'home' | 'supported' }[] = [];
    if ((exitType === 'ltf' || (exitType === 'age18' && age < 14)) && finalOrder < exit) events.push({ day: finalOrder + rng.int(10, 240), kind: 'ltf' });
    if ((exitType === 'ltf' || exitType === 'age18') && finalOrder === NEVER && age < 14) events.push({ day: entry + rng.int(200, 500), kind: 'ltf' });
    if (exitType === 'adopt') events.push({ day: Math.min(exit - rng.int(120, 300), (finalOrder < NEVER ? finalOrder : entry + 300) + rng.int(40, 260)), kind: 'adopt' });
    if (exitType === 'home' && exit - entry > 200 && rng.chance(0.3)) events.push({ day: exit - rng.int(60, 150), kind: 'home' });
    if (exitType === 'age18' && route !== 'uasc' && rng.chance(0.45)) events.push({ day: cal.addMonths(k.b18, -rng.int(4, 16)), kind: 'supported' });
    events.sort((a, b) => a.day - b.day);
    const hazard = route === 'shortbreaks' ? 0 : age >= 12 ? 0.75 : age >= 5 ? 0.35 : 0.3;
    let t = entry;
    let longTermNow = false;
    let ei = 0;
    for (let guard = 0; guard < 60; guard++) {
      const rate = longTermNow ? hazard * 0.25 : hazard;
      const nextMove = rate > 0 ? t + Math.max(7, Math.round(rng.exp(365 / rate))) : NEVER;
      const ev = events[ei];
      const evDay = ev ? Math.max(ev.day, t + 7) : NEVER;
      const d = Math.min(nextMove, evDay);
      if (d >= exit - 3) break;
      const cur = placements[placements.length - 1]!;
      if (ev && evDay <= nextMove) {
        ei++;
        if (ev.kind === 'ltf') {
          if (FOSTER.has(cur.type) && rng.chance(0.55)) addPlacement(cur.type === 'U3' ? 'U1' : 'U4', evDay, true, true, 'PLACE');
          else addPlacement(rng.chance(0.8) ? 'U4' : 'U1', evDay, true, false, 'PLACE');
          longTermNow = true;
        } else if (ev.kind === 'adopt') {
          const same = cur.type === 'U5';
          addPlacement(same ? 'A5' : rng.chance(0.15) ? 'A5' : 'A6', evDay, false, same, 'PLACE');
          longTermNow = true;
        } else if (ev.kind === 'home') {
          addPlacement('P1', evDay, false, false, 'PLACE');
          longTermNow = true;
        } else if (ev.kind === 'supported' && !['P2', 'Z11'].includes(cur.type)) {
          addPlacement(supported(), evDay, false, false, 'PLACE');
        }
        t = evDay;
        continue;
      }
      // An unplanned move.
      const ageNow = (d - k.dob) / 365.25;
      const keepLong = longTermNow && rng.chance(0.3);
      let type: string;
      if (cur.type.startsWith('A') || cur.type === 'P1') type = 'U6';
      else if (ageNow >= 16) type = rng.weighted([[afterZ || cal.iso(d) >= '2025-04-01' ? 'Z11' : 'P2', 35], ['U6', 30], ['K2', 30], ['K1', 2], ['R5', 3]] as const);
      else if (ageNow >= 12) type = rng.weighted([['U6', 50], ['K2', 40], ['U3', 6], ['K1', 4]] as const);
      else type = rng.weighted([['U6', 75], ['U3', 15], ['K2', 10]] as const);
      if (keepLong && (type === 'U6' || type === 'U3')) type = type === 'U3' ? 'U1' : 'U4';
      addPlacement(type, d, keepLong, false, rng.pick(['CARPL', 'CARPL', 'CHILD', 'LAREQ', 'ALLEG', 'STAND', 'CREQB', 'CREQO', 'CLOSE', 'OTHER']));
      if (!keepLong) longTermNow = false;
      t = d;
    }
    placements[placements.length - 1]!.end = exit;

    // Exit reason.
    const last = placements[placements.length - 1]!;
    let ceased: string;
    let closeReason = 'RC7';
    switch (exitType) {
      case 'home':
        ceased = rng.weighted([['E4A', 62], ['E4B', 10], ['E13', 23], ['E41', 5]] as const);
        if (ceased === 'E41') closeReason = 'RC3';
        break;
      case 'sgo':
        ceased = last.type === 'U1' || last.type === 'U3' ? 'E47' : rng.weighted([['E45', 45], ['E46', 25], ['E48', 30]] as const);
        closeReason = 'RC4';
        break;
      case 'cao':
        ceased = 'E41';
        closeReason = 'RC3';
        break;
      case 'adopt':
        ceased = rng.chance(0.7) ? 'E11' : 'E12';
        closeReason = 'RC1';
        break;
      case 'age18':
        ceased = FOSTER.has(last.type) && rng.chance(0.35) ? 'E17' : ['P2', 'Z11'].includes(last.type) ? rng.weighted([['E5', 70], ['E6', 20], ['E8', 10]] as const) : rng.weighted([['E5', 45], ['E6', 20], ['E8', 25], ['E13', 10]] as const);
        break;
      case 'remandEnd':
        ceased = rng.chance(0.85) ? 'E14' : 'E9';
        break;
      case 'ageDispute':
        ceased = 'E15';
        break;
      case 'moved':
        ceased = route === 'uasc' ? 'E3' : rng.chance(0.6) ? 'E3' : 'E16';
        closeReason = ceased === 'E3' ? 'RC5' : 'RC7';
        break;
      case 'sb':
        ceased = 'E8';
        break;
      default:
        ceased = 'E8';
    }
    return {
      claId: ctx.ids.next('PC', 6),
      entry, exit, exitType, ceasedReason: ceased, closeReason, legal, placements, finalOrder, route,
    };
  }

  private placement(type: string, start: Day, longTerm: boolean, sameCarer: boolean, prev: Placement | undefined): Placement {
    const { rng, ctx } = this.s;
    const kind = FOSTER.has(type) ? 'foster' : ['K1', 'K2', 'R1', 'S1', 'K3'].includes(type) ? 'home' : ['P2', 'Z11', 'Z12'].includes(type) ? 'supported' : type.startsWith('A') ? 'adoption' : 'other';
    const local = rng.chance(0.7);
    const same = sameCarer && prev;
    let provider: string;
    if (type === 'P1') provider = 'PR0';
    else if (kind === 'foster') provider = rng.chance(0.6) ? 'PR1' : 'PR4';
    else if (kind === 'home') provider = rng.chance(0.25) ? 'PR1' : 'PR4';
    else if (kind === 'adoption') provider = rng.chance(0.7) ? 'PR1' : 'PR5';
    else provider = 'PR4';
    return {
      id: ctx.ids.next('PLA'),
      type,
      start,
      end: NEVER,
      longTerm: longTerm && FOSTER.has(type),
      sameCarer,
      provider: same ? prev.provider : provider,
      providerName: same ? prev.providerName : type === 'P1' ? null : provider === 'PR1' && kind === 'foster' ? 'Northmoor Fostering Service (fictional)' : names.providerName(rng, kind),
      urn: same ? prev.urn : kind === 'home' ? `SC${String(rng.int(900000, 999999))}` : null,
      postcode: same ? prev.postcode : names.postcode(rng, local ? rng.int(1, 9) : rng.int(10, 40)),
      distance: same ? prev.distance : Math.round((local ? rng.lognormal(3, 0.6) : rng.lognormal(25, 0.6)) * 10) / 10,
      changeReason: null,
    };
  }

  /** Writes a planned period of care; returns the day the child's referral closes. */
  emit(k: Kid, refId: string, p: CarePlan, siblings: boolean, legacy: boolean): { exit: Day; closeReason: string | null } {
    const { s } = this;
    const { rng, ctx, wf } = s;
    const { cal } = ctx;
    const end = ctx.endDay;
    const ws = ctx.workforceStart;
    k.inCareUntil = p.exit;
    if (p.entry > end) return { exit: NEVER, closeReason: null };
    s.use(k, p.entry);
    if (k.missingRate === 0 && (p.exit - k.dob) / 365.25 > 12 && rng.chance(0.15)) k.missingRate = rng.lognormal(0.25, 0.7);
    const entryAge = (p.entry - k.dob) / 365.25;
    const need = k.uasc
      ? 'N8'
      : p.route === 'shortbreaks'
        ? 'N2'
        : rng.weighted([['N1', 70], ['N4', 8], ['N5', 12], ['N3', 3], ['N6', entryAge >= 10 ? 8 : 0], ['N0', 2]] as const);

    // Reviews (first within 20 working days, then 3 months, then every 6 months).
    const reviews: { due: Day; held: Day }[] = [];
    let due = cal.addWorking(p.entry, 20);
    for (let i = 0; i < 60; i++) {
      const r = rng.next();
      let held = r < 0.91 ? cal.onOrBeforeWorking(due - rng.weighted([[0, 25], [2, 25], [5, 25], [10, 15], [15, 10]] as const)) : cal.onOrAfterWorking(due + rng.int(1, 21));
      const prev = reviews[reviews.length - 1]?.held ?? p.entry;
      if (held <= prev + 5) held = cal.onOrAfterWorking(prev + 6);
      if (held >= p.exit || held > end) break;
      reviews.push({ due, held });
      due = cal.addMonths(held, i === 0 ? 3 : 6);
    }

    // Episodes: a new one whenever the legal status or the placement changes.
    const changes = [...new Set([...p.legal.map((l) => l.start), ...p.placements.map((x) => x.start)])].filter((d) => d < p.exit).sort((a, b) => a - b);
    const placementAt = (d: Day) => [...p.placements].reverse().find((x) => x.start <= d) ?? p.placements[0]!;
    changes.forEach((d, i) => {
      if (d > end) return;
      const next = changes[i + 1] ?? p.exit;
      const pl = placementAt(d);
      let reason = 'S';
      if (i > 0) {
        const legalChanged = p.legal.some((x) => x.start === d);
        const placementChanged = p.placements.some((x) => x.start === d);
        if (legalChanged && placementChanged) reason = pl.sameCarer ? 'U' : 'B';
        else if (legalChanged) reason = 'L';
        else reason = pl.sameCarer ? 'T' : 'P';
      }
      const ceased = next <= end ? next : null;
      const lastReview = [...reviews].reverse().find((r) => r.held <= Math.min(next, end));
      // Some changes are entered days after they happened.
      const late = rng.chance(0.15) ? s.office(cal.addWorking(d, rng.int(1, 10))) : null;
      s.add('cla_episode', {
        id: ctx.ids.next('CLE'),
        person_id: k.pid,
        start_date: cal.iso(d),
        start_reason: reason,
        primary_need: need,
        ceased_date: ceased === null ? null : cal.iso(ceased),
        ceased_reason: ceased === null ? null : next === p.exit ? p.ceasedReason : 'X1',
        cla_id: p.claId,
        referral_id: refId,
        placement_id: pl.id,
        entered_care_date: cal.iso(p.entry),
        last_iro_contact_date: lastReview ? cal.iso(lastReview.held) : null,
      }, late);
    });
    p.legal.forEach((l, i) => {
      if (l.start > end) return;
      const lEnd = p.legal[i + 1]?.start ?? p.exit;
      s.add('legal_status', {
        id: ctx.ids.next('LEG'), person_id: k.pid, legal_status: l.code, start_date: cal.iso(l.start), end_date: s.dn(lEnd),
      });
    });
    for (const pl of p.placements) {
      if (pl.start > end) continue;
      s.add('placement', {
        id: pl.id,
        start_date: cal.iso(pl.start),
        placement_type: pl.type,
        urn: pl.urn,
        distance: pl.distance,
        cla_id: p.claId,
        provider: pl.provider,
        postcode: pl.postcode,
        end_date: s.dn(pl.end),
        placement_change_reason: pl.end <= end && pl.end < p.exit ? pl.changeReason : null,
        person_id: k.pid,
        long_term: pl.longTerm,
        provider_name: pl.providerName,
      });
    }
    for (const r of reviews) {
      // Now and then a review is arranged, cancelled and rearranged.
      if (r.held > r.due - 10 && rng.chance(0.03)) {
        const cancelledOn = Math.max(p.entry, r.held - rng.int(1, 7));
        s.add('cla_review', {
          id: ctx.ids.next('CLR'), cla_id: p.claId, due_date: cal.iso(r.due), review_date: null, cancelled: true,
          participation: null, person_id: k.pid,
        }, s.office(cal.onOrBeforeWorking(cancelledOn)));
      }
      s.add('cla_review', {
        id: ctx.ids.next('CLR'), cla_id: p.claId, due_date: cal.iso(r.due), review_date: cal.iso(r.held), cancelled: false,
        participation: s.participation(k, r.held), person_id: k.pid,
      });
    }
    // Care plans: the initial plan, then the plan confirmed at the final hearing.
    const olderEntrant = entryAge >= 15;
    const finalPlan = { home: 'RET', sgo: 'SGO', cao: 'CAO', adopt: 'ADOP', ltf: 'LTF', age18: olderEntrant ? 'INDEP' : 'LTF', remandEnd: 'RET', ageDispute: 'OTH', moved: 'OTH', sb: 'OTH', other: 'OTH' }[p.exitType];
    const firstPlan = p.route === 'uasc' || (p.exitType === 'age18' && olderEntrant) ? 'INDEP' : p.exitType === 'ltf' && rng.chance(0.4) ? 'LTF' : 'RET';
    const planChange = p.finalOrder < p.exit ? p.finalOrder : firstPlan === finalPlan ? NEVER : Math.min(p.exit - 1, p.entry + rng.int(120, 300));
    const carePlans: { id: string; start: Day; end: Day; plan: string }[] = [{ id: ctx.ids.next('LCP'), start: p.entry, end: Math.min(planChange, p.exit), plan: firstPlan }];
    if (planChange < p.exit) carePlans.push({ id: ctx.ids.next('LCP'), start: planChange, end: p.exit, plan: finalPlan });
    // Young people in long-term care move to a plan for independence at 17.
    const at17 = cal.addYears(k.dob, 17);
    const lastPlan = carePlans[carePlans.length - 1]!;
    if (p.exitType === 'age18' && lastPlan.plan === 'LTF' && at17 > lastPlan.start && at17 < p.exit) {
      lastPlan.end = at17;
      carePlans.push({ id: ctx.ids.next('LCP'), start: at17, end: p.exit, plan: 'INDEP' });
    }
    for (const cp of carePlans) {
      if (cp.start > end) continue;
      s.add('cla_care_plan', {
        id: cp.id, person_id: k.pid, start_date: cal.iso(cp.start), end_date: s.dn(cp.end),
        plan_json: JSON.stringify({ permanence: cp.plan, contact: rng.pick(['Weekly supervised family time', 'Monthly family time', 'Letterbox contact', 'As the young person wishes']) }),
        permanence_plan: cp.plan,
      });
    }
    // Permanence.
    this.permanence(k, p, siblings);

    // Allocations, IRO, visits and supervision (from the start of the workforce records).
    const from = Math.max(p.entry, ws);
    const team = s.team(p.route === 'shortbreaks' ? 'DC' : 'CLA');
    const tl = new Timeline(ctx, wf, rng);
    if (from < p.exit && from <= end) {
      tl.start(team, from, legacy && p.entry < ws ? 'none' : 'transfer');
      tl.stop(p.exit, p.exitType === 'age18' ? 'Left care at 18' : 'Ceased to be looked after');
      s.emitAllocations([k], tl.allocs, new Map([[k, refId]]), null, 'CH', p.exit);
      this.iroAllocations(k, refId, from, p.exit);
      if (rng.chance(0.05)) {
        const coStart = from + rng.int(0, 200);
        const co = wf.pick(rng, team, ['SW'], coStart);
        if (co && coStart < p.exit && coStart <= end) {
          const coEnd = Math.min(p.exit, coStart + rng.int(30, 150), co.end);
          s.add('allocation', {
            id: ctx.ids.next('ALL'), worker_id: co.id, role_desc: 'Co-worker', team_id: team.id, start_date: cal.iso(coStart),
            end_date: s.dn(coEnd), worker_change_reason: null, person_id: k.pid, referral_id: refId, role: 'CO',
          });
        }
      }
      this.visits(k, p, tl, team, from);
      s.supervision([k], tl, team, from, p.exit, 56);
      const planIds = new Map([[k, carePlans[0]!.id]]);
      s.planActions([k], 'CLA', planIds, from, p.exit, tl, null, 3);
      for (const r of reviews) {
        if (r.held < from) continue;
        const cp = [...carePlans].reverse().find((c) => c.start <= r.held) ?? carePlans[0]!;
        s.planActions([k], 'CLA', new Map([[k, cp.id]]), r.held, p.exit, tl, null, rng.int(1, 3));
      }
    }
    if (k.missingRate > 0) this.missing(k, Math.max(p.entry, ws), p.exit, k.missingRate);
    // Care leaver.
    if (p.exitType === 'age18' && p.exit - p.entry >= 91 && p.route !== 'shortbreaks') this.careLeaver(k, refId, p);
    return { exit: p.exit > end ? NEVER : p.exit, closeReason: p.closeReason };
  }

  private iroAllocations(k: Kid, refId: string, from: Day, exit: Day): void {
    const { s } = this;
    const { ctx, wf, rng } = s;
    const iroTeam = wf.teamsByService.get('QA')![0]!;
    let d = from;
    for (let g = 0; g < 20 && d < exit && d <= ctx.endDay; g++) {
      const iro = wf.pick(rng, iroTeam, ['IRO'], d);
      if (!iro) {
        d += 30;
        continue;
      }
      const e = Math.min(exit, iro.end);
      s.add('allocation', {
        id: ctx.ids.next('ALL'), worker_id: iro.id, role_desc: 'Independent reviewing officer', team_id: iroTeam.id,
        start_date: ctx.cal.iso(d), end_date: s.dn(e), worker_change_reason: e < exit && e <= ctx.endDay ? 'Worker left the authority' : null,
        person_id: k.pid, referral_id: refId, role: 'IRO',
      });
      d = e + (e < exit ? rng.int(0, 10) : 0);
    }
  }

  private visits(k: Kid, p: CarePlan, tl: Timeline, team: ReturnType<Story['team']>, from: Day): void {
    const { s } = this;
    const { ctx, rng } = s;
    const { cal } = ctx;
    for (const pl of p.placements) {
      if (pl.end <= from) continue;
      let d = pl.start + (rng.chance(0.93) ? rng.int(0, 7) : rng.int(8, 16));
      if (rng.chance(0.9)) {
        const wd = cal.onOrBeforeWorking(d);
        if (wd >= pl.start) d = wd;
      }
      const anniversary = cal.addYears(pl.start, 1);
      while (d < pl.end && d <= ctx.endDay && d < k.b18) {
        if (d >= from) {
          const at = s.visitTime(d);
          const rec = s.recorded(at, 0.2, rng.chance(0.3) ? 12 : 3);
          if (rec !== 'drop') {
            const young = (d - k.dob) / 365.25 < 4;
            const seen = rng.chance(0.97);
            s.add('cla_visit', {
              id: ctx.ids.next('CLV'), cla_id: p.claId, person_id: k.pid, visit_date: at, seen,
              seen_alone: seen && !young ? rng.chance(0.75) : false, worker_id: s.caseWorker(tl, team, d)?.id ?? null,
              child_said: seen && !young && rng.chance(0.5) ? s.rng.pick(['Said they are settled and like their carers.', 'Wants more family time with mum.', 'Worried about moving school.', 'Happy with their room and pets at the placement.', 'Did not want to talk today.']) : null,
            }, rec);
          }
        }
        const longPhase = pl.longTerm && d >= anniversary;
        const r = rng.next();
        const gap = longPhase ? (r < 0.88 ? rng.int(45, 91) : rng.int(92, 125)) : r < 0.88 ? rng.int(18, 42) : rng.int(43, 65);
        let nd = d + gap;
        const wd = cal.onOrBeforeWorking(nd);
        if (wd > d) nd = wd;
        d = nd;
      }
    }
  }

  private permanence(k: Kid, p: CarePlan, siblings: boolean): void {
    const { s } = this;
    const { ctx, rng, wf } = s;
    const { cal } = ctx;
    const end = ctx.endDay;
    const dn = (d: Day | null) => (d === null ? null : s.dn(d));
    if (p.exitType === 'adopt') {
      const po = p.finalOrder < NEVER ? p.finalOrder : null;
      const aPlacement = p.placements.find((x) => x.type.startsWith('A'));
      const adm = Math.max(p.entry + 20, (po ?? aPlacement?.start ?? p.exit) - rng.int(60, 150));
      if (adm > end) return;
      const ffa = p.placements.find((x) => x.type === 'U5');
      const adoptionWorker = wf.pick(rng, s.team('CLA'), ['SW'], adm);
      s.add('permanence', {
        id: ctx.ids.next('PER'),
        person_id: k.pid,
        cla_id: p.claId,
        adm_decision_date: cal.iso(adm),
        ffa_cp_decision_date: ffa ? dn(Math.max(p.entry, ffa.start - rng.int(0, 20))) : null,
        placement_order_date: po !== null ? dn(po) : null,
        placed_for_adoption_date: aPlacement ? dn(aPlacement.start) : null,
        matched_date: aPlacement ? dn(Math.max(adm, aPlacement.start - rng.int(7, 45))) : null,
        adopted_by_carer: aPlacement ? aPlacement.type === 'A5' || aPlacement.type === 'A3' : null,
        placed_ffa_cp_date: ffa ? dn(ffa.start) : null,
        decision_reversed_date: null,
        placed_foster_carer_date: null,
        part_of_sibling_group: siblings,
        siblings_placed_together: siblings ? rng.int(0, 2) : null,
        siblings_placed_apart: siblings ? rng.int(0, 1) : null,
        provider_urn: null,
        decision_reversed_reason: null,
        permanence_order_date: dn(p.exit),
        permanence_order_type: p.exit <= end ? 'Adoption order' : null,
        adoption_worker_id: adoptionWorker?.id ?? null,
        adopter_sex: aPlacement && aPlacement.start <= end ? rng.weighted([['MF', 70], ['FF', 10], ['MM', 8], ['F1', 10], ['M1', 2]] as const) : null,
        adopter_legal_status: aPlacement && aPlacement.start <= end ? rng.weighted([['L11', 55], ['L12', 8], ['L2', 5], ['L3', 20], ['L4', 12]] as const) : null,
        number_of_adopters: aPlacement && aPlacement.start <= end ? rng.weighted([[2, 88], [1, 12]] as const) : null,
      });
    } else if ((p.exitType === 'sgo' || p.exitType === 'cao') && p.exit <= end) {
      s.add('permanence', {
        id: ctx.ids.next('PER'),
        person_id: k.pid,
        cla_id: p.claId,
        adm_decision_date: null, ffa_cp_decision_date: null, placement_order_date: null, placed_for_adoption_date: null, matched_date: null,
        adopted_by_carer: null, placed_ffa_cp_date: null, decision_reversed_date: null,
        placed_foster_carer_date: p.placements.find((x) => x.type.startsWith('U'))?.start !== undefined ? dn(p.placements.find((x) => x.type.startsWith('U'))!.start) : null,
        part_of_sibling_group: siblings, siblings_placed_together: null, siblings_placed_apart: null, provider_urn: null, decision_reversed_reason: null,
        permanence_order_date: cal.iso(p.exit),
        permanence_order_type: p.exitType === 'sgo' ? 'Special guardianship order' : 'Child arrangements order',
        adoption_worker_id: null, adopter_sex: null, adopter_legal_status: null, number_of_adopters: null,
      });
    }
  }

  /** Missing episodes (with return home interviews) between two days, at a rate per 30 days, from age 11. */
  missing(k: Kid, from: Day, to: Day, rate: number): void {
    const { s } = this;
    const { ctx, rng } = s;
    const { cal } = ctx;
    if (rate <= 0) return;
    const start = Math.max(from, cal.addYears(k.dob, 11), ctx.workforceStart);
    const stop = Math.min(to, k.last, ctx.endDay);
    let d = start + Math.round(rng.exp(30 / rate));
    const hourMs = 3_600_000;
    while (d <= stop) {
      const hour = rng.weighted([[14, 1], [15, 2], [16, 3], [17, 3], [18, 3], [19, 3], [20, 3], [21, 3], [22, 2], [23, 2], [0, 1], [1, 1], [10, 1], [12, 1]] as const);
      const startAt = cal.at(d, hour, rng.int(0, 59), rng.int(0, 59));
      const hours = Math.min(24 * 20, Math.max(1, rng.lognormal(9, 1.1)));
      const endAtRaw = new Date(startAt.getTime() + Math.round(hours * 3600) * 1000);
      const returned = endAtRaw.getTime() <= ctx.endInstant.getTime();
      const endAt = returned ? endAtRaw : null;
      let offered: 'Y' | 'N' | null = null;
      let offeredAt: Date | null = null;
      let accepted: 'Y' | 'N' | null = null;
      let acceptedAt: Date | null = null;
      let completedAt: Date | null = null;
      const early = d < ctx.windowStart;
      if (endAt) {
        const unrecorded = early && rng.chance(0.4);
        if (!unrecorded) {
          if (rng.chance(0.86)) {
            offered = 'Y';
            offeredAt = this.daytime(new Date(endAt.getTime() + Math.round(Math.min(60, rng.lognormal(14, 0.7)) * 3600) * 1000));
            if (offeredAt.getTime() > ctx.endInstant.getTime()) {
              offered = null;
              offeredAt = null;
            } else if (rng.chance(0.58)) {
              accepted = 'Y';
              acceptedAt = rng.chance(0.6) ? offeredAt : this.daytime(new Date(offeredAt.getTime() + rng.int(1, 20) * hourMs + rng.int(0, 59) * 60000));
              if (acceptedAt.getTime() > ctx.endInstant.getTime()) {
                accepted = null;
                acceptedAt = null;
              } else {
                const r = rng.next();
                let c: Date | null = null;
                if (r < 0.62) c = this.daytime(new Date(Math.max(acceptedAt.getTime() + hourMs, endAt.getTime() + rng.int(6, 60) * hourMs)));
                else if (r < 0.95) c = this.daytime(new Date(endAt.getTime() + rng.int(73, 240) * hourMs));
                if (c && c.getTime() <= acceptedAt.getTime()) c = new Date(acceptedAt.getTime() + 2 * hourMs);
                if (c && c.getTime() <= ctx.endInstant.getTime()) completedAt = new Date(Math.floor(c.getTime() / 1000) * 1000);
              }
            } else accepted = 'N';
          } else offered = 'N';
        }
      }
      s.add('missing_episode', {
        id: ctx.ids.next('MIS'),
        person_id: k.pid,
        start_at: startAt,
        missing_type: rng.chance(0.85) ? 'M' : 'A',
        end_at: endAt,
        rhi_offered: offered,
        rhi_accepted: accepted,
        rhi_offered_at: offeredAt,
        rhi_accepted_at: acceptedAt,
        rhi_completed_at: completedAt,
      });
      d = s.dayOf(endAtRaw) + 1 + Math.round(rng.exp(30 / rate));
    }
  }

  /** The same instant if it falls between 08:00 and 20:00 London time, otherwise the next morning. */
  private daytime(at: Date): Date {
    const { s } = this;
    const day = s.dayOf(at);
    const start = s.ctx.cal.at(day, 0, 0).getTime();
    const minutes = Math.floor((at.getTime() - start) / 60000);
    if (minutes >= 8 * 60 && minutes < 20 * 60) return at;
    const next = minutes < 8 * 60 ? day : day + 1;
    return s.office(next, 8 * 60 + 30, 11 * 60);
  }

  private careLeaver(k: Kid, refId: string, p: CarePlan): void {
    const { s } = this;
    const { ctx, rng, wf } = s;
    const { cal } = ctx;
    const team = s.team('LC');
    const paFrom = Math.max(p.entry, cal.addMonths(k.b18, -6), ctx.workforceStart);
    if (paFrom > ctx.endDay || paFrom >= k.b21) return;
    // Personal adviser allocations until 21.
    const tl = new Timeline(ctx, wf, rng);
    tl.start(team, paFrom, 'none');
    tl.stop(k.b21, 'Reached 21: leaving care service ended');
    s.emitAllocations([k], tl.allocs, new Map([[k, refId]]), null, 'PA', k.b21);
    // Status about every six months from leaving care to 21.
    let d = k.b18 + rng.int(0, 14);
    const stayingPut = p.ceasedReason === 'E17';
    let inTouchState = 'YES';
    const pw = new Map([[k, `PW-${k.pid}`]]);
    while (d < k.b21 && d <= ctx.endDay) {
      if (rng.chance(0.12)) inTouchState = rng.weighted([['YES', 60], ['NO', 20], ['REFU', 12], ['NREQ', 5], ['RHOM', 3]] as const);
      const inTouch = inTouchState === 'YES' || inTouchState === 'RHOM';
      const pa = tl.workerAt(d) ?? wf.pick(rng, team, ['PA'], d);
      const accommodation = !inTouch
        ? rng.chance(0.8) ? 'R' : 'Y'
        : stayingPut && d < cal.addYears(k.b18, 1)
          ? 'Z'
          : inTouchState === 'RHOM'
            ? 'B'
            : rng.weighted([['D', 25], ['E', 8], ['U', 30], ['Z', 6], ['B', 12], ['K', 5], ['S', 1.5], ['X', 2], ['W', 0.5], ['V', 1], ['Y', 3], ['T', 2]] as const);
      s.add('care_leaver', {
        id: ctx.ids.next('CLL'),
        person_id: k.pid,
        eligibility: 'Former relevant',
        in_touch: inTouchState,
        latest_contact_date: inTouch ? cal.iso(Math.max(k.b18, d - rng.int(0, 60))) : cal.iso(Math.max(k.b18 - 30, d - rng.int(90, 300))),
        accommodation,
        accommodation_suitable: ['S', 'X', 'W', 'V', 'R'].includes(accommodation) ? 'N' : rng.chance(0.92) ? 'Y' : 'N',
        activity: !inTouch ? 'G5' : rng.weighted([['F1', 6], ['F2', 28], ['F3', 26], ['F4', 8], ['F5', 27], ['G4', 5]] as const),
        pathway_plan_review_date: cal.iso(Math.max(k.b18 - 60, d - rng.int(0, 170))),
        personal_adviser: pa?.name ?? null,
        team_id: team.id,
        worker_id: pa?.id ?? null,
        status_date: cal.iso(d),
      });
      if (inTouch && rng.chance(0.5)) s.planActions([k], 'PW', pw, d, k.b21, tl, pa, rng.int(1, 2));
      d += rng.int(150, 200);
    }
  }
}

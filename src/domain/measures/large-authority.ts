/** Test support: a large synthetic set of measure inputs (not realistic practice, realistic volumes). */
import { addDays } from '../time/london.js';
import { emptyInputs, type MeasureInputs } from './inputs.js';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic authority of the brief's size (for the performance test and benchmarks): ~81,000 children, about
 * 600 CP plans, 2,000–2,500 CIN plans and 900 children looked after open at a time, ~60,000 visits a year, five
 * years of history to March 2025 (every record, as the repository would load them). Deterministic.
 */
export function largeAuthority(): MeasureInputs {
  const rnd = random(42);
  const int = (n: number) => Math.floor(rnd() * n);
  const FIRST = '2020-04-01';
  const DAYS = 5 * 365; // to about March 2025
  const dayOf = (n: number) => addDays(FIRST, n);
  const someday = () => int(DAYS);
  const maybeEnd = (start: number, meanDays: number) => {
    const end = start + Math.round(-Math.log(1 - rnd()) * meanDays);
    return end >= DAYS ? null : dayOf(end);
  };
  const inputs = emptyInputs(Date.UTC(2025, 3, 1));
  const child = () => `C${int(81_000)}`;
  const at = (day: number, hour: number) => Date.UTC(2020, 3, 1) + day * 86_400_000 + hour * 3_600_000;

  // Workforce: 300 workers in 280 social worker posts, some agency, some part-time, some absent or gone.
  for (let w = 0; w < 300; w++) {
    inputs.workers.push({ id: `W${w}`, name: `Worker ${w}`, endDate: rnd() < 0.1 ? dayOf(someday()) : null });
    const post = `S${w % 280}`;
    if (w < 280) inputs.posts.push({ id: post, teamId: `T${w % 20}`, fte: 1, socialWorker: true, caseHolding: w % 10 !== 0, startDate: FIRST, endDate: null });
    inputs.postHolders.push({ postId: post, workerId: `W${w}`, fte: rnd() < 0.2 ? 0.6 : 1, agency: rnd() < 0.25, startDate: FIRST, endDate: null });
    if (rnd() < 0.07) inputs.absences.push({ workerId: `W${w}`, startDate: dayOf(someday()), endDate: null, longTerm: true });
  }
  /** A chain of case-holding allocations over an episode, with short gaps between workers, and sometimes a co-worker. */
  const allocate = (personId: string, start: number, end: string | null) => {
    const last = end === null ? DAYS : Math.round((Date.parse(end) - Date.parse(FIRST)) / 86_400_000);
    let from = start + (rnd() < 0.9 ? int(3) : int(15));
    while (from < last) {
      const length = 30 + int(240);
      const to = from + length >= last ? end : dayOf(from + length);
      inputs.allocations.push({ personId, workerId: `W${int(300)}`, role: 'CH', startDate: dayOf(from), endDate: to, teamId: `T${int(20)}` });
      if (to === end) break;
      from += length + (rnd() < 0.85 ? 0 : int(12));
    }
    if (rnd() < 0.1) inputs.allocations.push({ personId, workerId: `W${int(300)}`, role: 'CO', startDate: dayOf(start), endDate: end, teamId: `T${int(20)}` });
  };
  const visits = (personId: string, start: number, end: string | null, everyDays: number) => {
    const last = end === null ? DAYS : Math.round((Date.parse(end) - Date.parse(FIRST)) / 86_400_000);
    for (let d = start + int(everyDays); d < last; d += 3 + int(everyDays)) {
      if (d > DAYS - 3 * 365) inputs.visits.push({ personId, date: dayOf(d), seen: rnd() < 0.92, kind: 'CP' });
    }
  };

  for (let i = 0; i < 50_000; i++) {
    const d = someday();
    inputs.contacts.push({ id: `K${i}`, personId: child(), receivedAt: at(d, 8 + int(10)), decisionAt: at(d, 9 + int(40)), decisionHasTime: rnd() < 0.98, decision: rnd() < 0.4 ? 'REF' : 'NFA' });
  }
  const toDay = (date: string) => Math.round((Date.parse(date) - Date.parse(FIRST)) / 86_400_000);
  // Each referral opens a CIN episode (4,500 a year). About half close after the assessment; the rest go on to a CIN
  // plan, some to a CP plan. A case-holding worker is allocated for the whole episode.
  let cp = 0;
  for (let i = 0; i < 22_500; i++) {
    const d = someday();
    const personId = child();
    const planned = rnd() < 0.6;
    const close = planned ? maybeEnd(d, 420) : maybeEnd(d, 45);
    inputs.referrals.push({ id: `R${i}`, personId, date: dayOf(d), closeDate: close, teamId: `T${int(20)}` });
    inputs.assessments.push({ id: `A${i}`, personId, startDate: dayOf(d), authorisedDate: maybeEnd(d, 35), referralId: `R${i}` });
    allocate(personId, d, close);
    if (!planned) continue;
    const last = close === null ? DAYS : toDay(close);
    const planStart = Math.min(d + 30 + int(20), last - 1);
    if (planStart <= d) continue;
    if (rnd() < 0.25) {
      // Child protection: strategy discussion, section 47, ICPC, then a CP plan.
      const strategyDay = planStart - 15 - int(10);
      inputs.strategies.push({ id: `ST${cp}`, personId, date: dayOf(strategyDay) });
      inputs.s47s.push({ id: `E${cp}`, personId, startDate: dayOf(strategyDay), strategyId: rnd() < 0.95 ? `ST${cp}` : null });
      inputs.icpcs.push({ id: `I${cp}`, personId, date: dayOf(planStart), transferIn: rnd() < 0.03, s47Id: rnd() < 0.98 ? `E${cp}` : null });
      const end = close === null ? maybeEnd(planStart, 300) : dayOf(Math.max(planStart + 1, last - int(30)));
      inputs.cpPlans.push({ id: `P${cp}`, personId, startDate: dayOf(planStart), endDate: end, teamId: `T${int(20)}` });
      for (let r = planStart + 80 + int(20); end === null ? r < DAYS : dayOf(r) < end; r += 170 + int(20)) inputs.cpReviews.push({ ofId: `P${cp}`, personId, date: dayOf(r) });
      visits(personId, planStart, end, 20);
      for (let sv = planStart + int(30); end === null ? sv < DAYS : dayOf(sv) < end; sv += 20 + int(20)) inputs.supervisions.push({ personId, date: dayOf(sv), type: rnd() < 0.8 ? 'CS' : 'MO' });
      cp += 1;
    } else {
      inputs.cinPlans.push({ id: `N${i}`, personId, startDate: dayOf(planStart), endDate: close, teamId: `T${int(20)}` });
      visits(personId, planStart, close, 46);
    }
  }
  // Looked after: 2,300 periods of care over the five years, each with its own allocations.
  for (let i = 0; i < 2_300; i++) {
    const d = someday();
    const personId = child();
    const end = maybeEnd(d, 700);
    inputs.claEpisodes.push({ id: `LE${i}`, personId, claId: `L${i}`, startDate: dayOf(d), ceasedDate: end });
    inputs.legalStatuses.push({ personId, status: rnd() < 0.05 ? 'V3' : 'C2', startDate: dayOf(d), endDate: end });
    inputs.placements.push({ id: `PL${i}`, personId, claId: `L${i}`, startDate: dayOf(d), endDate: end, longTerm: rnd() < 0.3 });
    for (let r = d + 15; end === null ? r < DAYS : dayOf(r) < end; r += r === d + 15 ? 85 : 175) inputs.claReviews.push({ ofId: `L${i}`, personId, date: dayOf(r) });
    visits(personId, d, end, 40);
    allocate(personId, d, end);
  }
  for (let i = 0; i < 7_500; i++) {
    const d = someday();
    const accepted = rnd() < 0.55;
    inputs.missing.push({
      id: `M${i}`, personId: child(), startAt: at(d, 0), endAt: rnd() < 0.99 ? at(d, 20) : null, rhiOffered: rnd() < 0.9,
      rhiAccepted: accepted, rhiCompletedAt: accepted && rnd() < 0.8 ? at(d, 20 + int(120)) : null,
    });
  }
  for (let i = 0; i < 3_000; i++) inputs.audits.push({ id: `AU${i}`, personId: child(), date: dayOf(someday()), grade: ['O', 'G', 'RI', 'I'][int(4)] as string, moderatedGrade: null });
  inputs.population.push({ midYear: 2023, children: 80_500 }, { midYear: 2024, children: 81_000 });
  return inputs;
}

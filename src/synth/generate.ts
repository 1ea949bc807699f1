/**
 * A deterministic generator of a fictional authority ("Northmoor"): workforce, children's journeys and
 * quality assurance, calibrated to about the size of Sandwell at scale 1, written as an extract through
 * the ExtractWriter (never through the database) so that the importer loads it like any other extract.
 *
 * Same seed and options give byte-identical output: every draw comes from seeded streams (prng.ts), dates
 * are integers (calendar.ts) and instants are London civil times built with fromLondon.
 */
import type { ExtractWriter } from '../io/extract-writer.js';
import { Calendar, dayOf, weekday, type Day } from './calendar.js';
import { Ids, Out, type Ctx } from './context.js';
import { People, type Kid, type Pathway } from './people.js';
import { Rng } from './prng.js';
import { writeQualityAssurance } from './qa.js';
import { Spans } from './spans.js';
import { Story } from './story.js';
import type { CarePlan, CareRoute } from './care.js';
import { Workforce } from './workforce.js';

export interface SynthOptions {
  seed: number; // same seed + same options => byte-identical output
  endDate: string; // 'YYYY-MM-DD', the last day of generated history ("today" for the demo)
  years: number; // years of history before endDate (demo: 3, default full authority: 10)
  scale?: number; // 1 = about the size of Sandwell (default). 0.05 for fast tests.
}

export interface SynthSummary {
  counts: Record<string, number>;
  persons: number;
}

/** Years of warm-up before the requested history, so that caseloads are at steady state when it starts. */
export const WARM_UP_YEARS = 3;

/** New families coming to notice per year at scale 1, by pathway. */
const FAMILIES_PER_YEAR: [Pathway, number][] = [
  ['family', 4650],
  ['adolescent', 1300],
  ['disabled', 220],
  ['uasc', 28],
  ['prebirth', 330],
];

/** Children entering care per year at scale 1 before the warm-up (the stock already looked after). */
const LEGACY_ENTRIES_PER_YEAR = 250;

const SEASON = [1.0, 1.02, 1.05, 0.95, 1.05, 1.05, 1.0, 0.78, 1.04, 1.06, 1.06, 0.9];

export async function generateAuthority(
  opts: SynthOptions,
  writer: ExtractWriter,
  onProgress?: (done: number, total: number, label: string) => void,
): Promise<SynthSummary> {
  const scale = opts.scale ?? 1;
  if (!Number.isInteger(opts.seed)) throw new Error('seed must be an integer');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.endDate)) throw new Error('endDate must be YYYY-MM-DD');
  if (!(opts.years > 0 && opts.years <= 30)) throw new Error('years must be between 0 and 30');
  if (!(scale > 0 && scale <= 5)) throw new Error('scale must be above 0 and at most 5');

  const endDay = dayOf(opts.endDate);
  const cal = new Calendar(endDay - 100 * 366, endDay + 26 * 366);
  if (cal.iso(endDay) !== opts.endDate) throw new Error(`endDate ${opts.endDate} is not a real date`);
  const windowStart = cal.addMonths(endDay, -Math.round(12 * opts.years)) + 1;
  const flowStart = cal.addYears(windowStart, -WARM_UP_YEARS);
  const endInstant = new Date(cal.at(endDay + 1, 0, 0).getTime() - 1000);
  const ids = new Ids();
  const out = new Out(writer, endInstant);
  const ctx: Ctx = { cal, out, ids, seed: opts.seed, scale, endDay, endInstant, windowStart, flowStart, workforceStart: flowStart };

  // Months of flows, plus the set-up and the quality assurance steps.
  const months: Day[] = [];
  for (let m = cal.monthStart(flowStart); m <= endDay; m = cal.addMonths(m, 1)) months.push(m);
  const total = months.length + 2;
  onProgress?.(0, total, 'Workforce and the children already looked after');

  // Authority, population, workforce.
  out.add('authority', {
    id: 'DEMO',
    name: "Northmoor Children's Trust (fictional demonstration authority)",
    region: 'West Midlands',
    ons_code: null,
    comparator_la_code: '333',
  });
  const popRng = Rng.derive(opts.seed, 3);
  // Mid-year (30 June) estimates up to the last 30 June on or before the end of history.
  const lastMidYear = cal.month(endDay) >= 7 ? cal.year(endDay) : cal.year(endDay) - 1;
  for (let y = cal.year(flowStart) - 1; y <= lastMidYear; y++) {
    out.add('population', {
      id: `POP-${y}`,
      la_code: 'DEMO',
      mid_year: y,
      children: Math.round(81_000 * scale * (1 + 0.008 * (y - 2019)) * (1 + (popRng.next() - 0.5) * 0.004)),
      source: 'Synthetic',
    });
  }
  const wf = new Workforce(ctx);
  wf.emit();
  await out.flush();

  const people = new People(ctx);
  const spans = new Spans();
  let familyNo = 0;

  // Children already looked after when the warm-up starts (entered care up to 18 years before it).
  const legacyRng = Rng.derive(opts.seed, 4);
  const legacyFrom = cal.addYears(flowStart, -18);
  for (let y = legacyFrom; y < flowStart; y = cal.addYears(y, 1)) {
    const n = legacyRng.poisson(LEGACY_ENTRIES_PER_YEAR * scale);
    const days: Day[] = [];
    for (let i = 0; i < n; i++) days.push(y + legacyRng.int(0, 364));
    days.sort((a, b) => a - b);
    for (const entry of days) {
      if (entry >= flowStart) continue;
      const no = ++familyNo;
      const rng = Rng.derive(opts.seed, 5, no);
      const fam = people.family(rng, no, entry, 'legacy');
      const age = rng.weighted([[0, 22], [1, 8], [3, 8], [6, 9], [9, 9], [11, 12], [13, 14], [15, 12], [16, 6]] as const) + rng.next() * 0.9;
      const uasc = age >= 14 && rng.chance(0.12);
      const k: Kid = people.kid(rng, entry - Math.round(age * 365.25), fam.kids[0]?.ethnicity ?? 'WBRI', false);
      if (uasc) {
        k.uasc = true;
        k.nationality = 'Eritrean';
      }
      fam.kids.push(k);
      const route: CareRoute = uasc ? 'uasc' : age < 10 ? 'proceedings' : rng.chance(0.5) ? 's20' : 'proceedings';
      const story = new Story(ctx, wf, people, spans, fam);
      const plan = story.care.plan(k, entry, route);
      if (plan.exit <= flowStart) continue;
      legacyCase(story, k, plan);
      people.emit(fam);
    }
  }
  await out.flush();
  onProgress?.(1, total, 'Children already looked after');

  // Flows of new families, month by month.
  const arrivalRng = Rng.derive(opts.seed, 6);
  for (let mi = 0; mi < months.length; mi++) {
    const ms = months[mi]!;
    const me = cal.monthEnd(ms);
    const season = SEASON[cal.month(ms) - 1]!;
    const arrivals: { day: Day; pathway: Pathway }[] = [];
    for (const [pathway, perYear] of FAMILIES_PER_YEAR) {
      const n = arrivalRng.poisson(((perYear * scale) / 12) * season);
      for (let i = 0; i < n; i++) {
        let day = ms + arrivalRng.int(0, me - ms);
        const w = weekday(day);
        if ((w === 0 || w === 6) && arrivalRng.chance(0.6)) day = Math.min(me, cal.onOrAfterWorking(day));
        if (day < flowStart) day = flowStart + arrivalRng.int(0, Math.max(0, me - flowStart));
        arrivals.push({ day, pathway });
      }
    }
    arrivals.sort((a, b) => a.day - b.day);
    for (const a of arrivals) {
      if (a.day > endDay) continue;
      const no = ++familyNo;
      const rng = Rng.derive(opts.seed, 7, no);
      const fam = people.family(rng, no, a.day, a.pathway);
      if (!fam.kids.length) continue;
      new Story(ctx, wf, people, spans, fam).run();
    }
    await out.flush();
    onProgress?.(2 + mi, total, `Simulated ${cal.iso(ms).slice(0, 7)}`);
  }

  writeQualityAssurance(ctx, wf, spans);
  await out.flush();
  onProgress?.(total, total, 'Done');
  return { counts: { ...out.counts }, persons: out.counts.person ?? 0 };
}

/** The earlier records of a child already looked after when the warm-up starts. */
function legacyCase(story: Story, k: Kid, plan: CarePlan): void {
  const { ctx, rng } = story;
  const { cal } = ctx;
  const refDay = Math.max(k.dob, cal.onOrBeforeWorking(plan.entry - (rng.chance(0.5) ? 0 : rng.int(1, 45))));
  const refId = ctx.ids.next('REF');
  story.use(k, refDay);
  const exitKnown = plan.exit <= ctx.endDay;
  const closeDay = Math.min(plan.exit, k.b18);
  story.add('referral', {
    id: refId,
    person_id: k.pid,
    referral_date: story.office(refDay),
    primary_need: k.uasc ? 'N8' : rng.weighted([['N1', 75], ['N4', 10], ['N5', 10], ['N6', 5]] as const),
    source: k.uasc ? '5C' : rng.weighted([['6', 40], ['2A', 20], ['3F', 20], ['8', 20]] as const),
    source_desc: null,
    outcome_json: null,
    nfa: false,
    close_reason: exitKnown ? plan.closeReason : null,
    close_date: exitKnown ? cal.iso(closeDay) : null,
    team_id: story.team('AS').id,
    worker_id: null,
  });
  const aStart = cal.onOrAfterWorking(refDay);
  const aEnd = cal.addWorking(aStart, rng.int(10, 45));
  const assessmentId = ctx.ids.next('ASM');
  story.add('assessment', {
    id: assessmentId,
    person_id: k.pid,
    referral_id: refId,
    start_date: cal.iso(aStart),
    child_seen: true,
    authorised_date: cal.iso(aEnd),
    outcome_json: JSON.stringify({ nfa: false, next: 'looked after' }),
    outcome_nfa: false,
    team_id: story.team('AS').id,
    worker_id: null,
    child_seen_date: cal.iso(Math.min(aEnd, cal.addWorking(aStart, rng.int(0, 5)))),
    pre_birth: false,
    expected_dob: null,
    authorised_by_id: null,
    authorisation_rationale: 'Migrated from the previous system.',
  });
  story.add('assessment_factors', {
    id: ctx.ids.next('ASF'),
    assessment_id: assessmentId,
    factors_json: JSON.stringify(k.uasc ? ['9A'] : rng.chance(0.5) ? ['16A', '3B'] : ['4B', '2B']),
  });
  story.care.emit(k, refId, plan, false, true);
}

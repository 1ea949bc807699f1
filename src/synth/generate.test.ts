import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalRecord } from '../domain/model/values.js';
import { addMonths, addDays, londonDate } from '../domain/time/london.js';
import { ExtractWriter } from '../io/extract-writer.js';
import { generateAuthority, type SynthOptions, type SynthSummary } from './generate.js';
import { checkExtract, flowStats, readExtract, type Extract } from './inspect.js';

const OPTS: SynthOptions = {
  seed: Number(process.env.SYNTH_TEST_SEED ?? 20250331),
  endDate: process.env.SYNTH_TEST_END ?? '2025-03-31',
  years: 2,
  scale: Number(process.env.SYNTH_TEST_SCALE ?? 0.05),
};
const dirs: string[] = [];

async function generate(opts: SynthOptions): Promise<{ dir: string; summary: SynthSummary }> {
  const dir = mkdtempSync(join(tmpdir(), 'synth-'));
  dirs.push(dir);
  const writer = await ExtractWriter.create(dir);
  const summary = await generateAuthority(opts, writer);
  await writer.close();
  return { dir, summary };
}

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
  return out;
}

const day = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? londonDate(v) : String(v));

let first: { dir: string; summary: SynthSummary };
let ex: Extract;
let readProblems: string[];

beforeAll(async () => {
  first = await generate(OPTS);
  readProblems = [];
  ex = readExtract(first.dir, readProblems);
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('synthetic authority: determinism', () => {
  it('gives byte-identical files for the same seed and options', async () => {
    const again = await generate(OPTS);
    expect(hashes(again.dir)).toEqual(hashes(first.dir));
    expect(again.summary).toEqual(first.summary);
  });

  it('gives different output for a different seed', async () => {
    const other = await generate({ ...OPTS, seed: OPTS.seed + 1 });
    const a = hashes(first.dir);
    const b = hashes(other.dir);
    expect(b['ssd_contacts.csv']).not.toBe(a['ssd_contacts.csv']);
    expect(b['ssd_person.csv']).not.toBe(a['ssd_person.csv']);
  });
});

describe('synthetic authority: validity (scale 0.05, 2 years)', () => {
  it('every cell parses, every code is in its list, keys are unique and extension rows match', () => {
    expect(readProblems).toEqual([]);
  });

  it('every reference resolves within the extract and nothing happens after the end date', () => {
    expect(checkExtract(ex, OPTS.endDate, first.dir)).toEqual([]);
  });

  it('writes every entity and counts what it wrote', () => {
    for (const [name, rows] of ex) {
      expect(rows.length, name).toBeGreaterThan(0);
      expect(first.summary.counts[name], name).toBe(rows.length);
    }
    expect(first.summary.persons).toBe(ex.get('person')!.length);
    const auth = ex.get('authority')![0]!;
    expect(auth.id).toBe('DEMO');
    expect(auth.comparator_la_code).toBe('333');
  });

  it('children are 0 to 17 at their events (care leavers up to 21), except pre-birth work', () => {
    const persons = new Map(ex.get('person')!.map((p) => [String(p.id), p]));
    const prebirth = new Set(ex.get('assessment')!.filter((a) => a.pre_birth).map((a) => String(a.person_id)));
    for (const p of persons.values()) if (p.expected_dob) prebirth.add(String(p.id));
    const problems: string[] = [];
    const check = (entity: string, field: string, maxAge: number, inclusive = false) => {
      for (const r of ex.get(entity)!) {
        const d = day(r[field]);
        if (!d) continue;
        const p = persons.get(String(r.person_id))!;
        const dob = day(p.dob);
        if (!dob) {
          if (!prebirth.has(String(p.id))) problems.push(`${entity} ${r.id}: person ${p.id} has no date of birth`);
          continue;
        }
        if (d < dob && !prebirth.has(String(p.id))) problems.push(`${entity} ${r.id}: ${field} ${d} before birth ${dob}`);
        const limit = addMonths(dob, 12 * maxAge);
        if (inclusive ? d > limit : d >= limit) problems.push(`${entity} ${r.id}: ${field} ${d} at age ${maxAge}+ (born ${dob})`);
      }
    };
    check('contact', 'received_at', 18);
    check('referral', 'referral_date', 18);
    check('assessment', 'start_date', 18);
    check('cp_plan', 'start_date', 18);
    check('cp_plan', 'end_date', 18);
    check('cin_plan', 'start_date', 18);
    check('cp_visit', 'visit_date', 18);
    check('cin_visit', 'visit_date', 18);
    check('cla_visit', 'visit_date', 18);
    check('cla_episode', 'start_date', 18);
    check('cla_episode', 'ceased_date', 18, true);
    check('missing_episode', 'start_at', 18);
    check('care_leaver', 'status_date', 21);
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('visits and reviews fall while their plan or period of care is open', () => {
    const problems: string[] = [];
    const cp = new Map(ex.get('cp_plan')!.map((r) => [String(r.id), r]));
    for (const v of ex.get('cp_visit')!) {
      const plan = cp.get(String(v.cp_plan_id))!;
      const d = day(v.visit_date)!;
      if (d < day(plan.start_date)! || (plan.end_date && d > day(plan.end_date)!)) problems.push(`cp_visit ${v.id} outside plan ${plan.id}`);
    }
    for (const r of ex.get('cp_review')!) {
      const plan = cp.get(String(r.cp_plan_id))!;
      const d = day(r.review_date)!;
      if (d < day(plan.start_date)! || (plan.end_date && d > day(plan.end_date)!)) problems.push(`cp_review ${r.id} outside plan ${plan.id}`);
    }
    const periods = new Map<string, { start: string; end: string | null }>();
    for (const e of ex.get('cla_episode')!) {
      const id = String(e.cla_id);
      const p = periods.get(id) ?? { start: day(e.start_date)!, end: day(e.ceased_date) };
      if (day(e.start_date)! < p.start) p.start = day(e.start_date)!;
      if (!e.ceased_date) p.end = null;
      else if (p.end !== null && day(e.ceased_date)! > p.end) p.end = day(e.ceased_date);
      periods.set(id, p);
    }
    for (const entity of ['cla_visit', 'cla_review'] as const) {
      for (const v of ex.get(entity)!) {
        const p = periods.get(String(v.cla_id))!;
        const d = day(entity === 'cla_visit' ? v.visit_date : v.review_date);
        if (d === null) {
          if (!v.cancelled) problems.push(`${entity} ${v.id} neither held nor cancelled`);
          continue;
        }
        if (d < p.start || (p.end !== null && d > p.end)) problems.push(`${entity} ${v.id} outside period ${v.cla_id}`);
      }
    }
    // Episodes of a period follow one another without gaps; X1 only when the next starts the same day.
    const byPeriod = new Map<string, CanonicalRecord[]>();
    for (const e of ex.get('cla_episode')!) byPeriod.set(String(e.cla_id), [...(byPeriod.get(String(e.cla_id)) ?? []), e]);
    for (const [id, eps] of byPeriod) {
      eps.sort((a, b) => String(a.start_date).localeCompare(String(b.start_date)));
      if (eps[0]!.start_reason !== 'S') problems.push(`period ${id} does not start with S`);
      eps.forEach((e, i) => {
        const next = eps[i + 1];
        if (next && e.ceased_date !== next.start_date) problems.push(`period ${id}: gap or overlap after ${e.id}`);
        if (next && e.ceased_reason !== 'X1') problems.push(`period ${id}: ${e.id} ceased ${e.ceased_reason} before another episode`);
        if (!next && e.ceased_reason === 'X1') problems.push(`period ${id}: last episode ceased X1`);
        if (i > 0 && e.start_reason === 'S') problems.push(`period ${id}: later episode with reason S`);
      });
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('has realistic flows and stocks for the authority size', () => {
    const scale = OPTS.scale!;
    const s = flowStats(ex, OPTS.endDate);
    const per = (n: number) => n / scale;
    expect(per(s.contacts)).toBeGreaterThan(12_000);
    expect(per(s.contacts)).toBeLessThan(30_000);
    expect(s.referrals / s.contacts).toBeGreaterThan(0.2);
    expect(s.referrals / s.contacts).toBeLessThan(0.5);
    expect(s.rereferralPct).toBeGreaterThan(10);
    expect(s.rereferralPct).toBeLessThan(40);
    expect(s.refWithin24Pct).toBeGreaterThan(70);
    expect(s.refWithin24Pct).toBeLessThan(100);
    expect(s.strategy).toBeGreaterThan(s.s47);
    expect(s.s47).toBeGreaterThan(s.icpc);
    expect(s.icpc).toBeGreaterThanOrEqual(s.cpStarts);
    expect(per(s.cpOpen)).toBeGreaterThan(150);
    expect(per(s.cpOpen)).toBeLessThan(1200);
    expect(per(s.claOpen)).toBeGreaterThan(500);
    expect(per(s.claOpen)).toBeLessThan(1400);
    expect(per(s.cinOpen)).toBeGreaterThan(1200);
    expect(per(s.cinOpen)).toBeLessThan(4500);
    expect(s.missingEpisodes).toBeGreaterThan(0);
    expect(s.audits).toBeGreaterThan(0);
  });

  it('leaves room for every measure to fall short of 100%', () => {
    const contacts = ex.get('contact')!;
    expect(contacts.some((c) => c.decision_at && c.decision_at_has_time === false)).toBe(true);
    expect(contacts.some((c) => c.decision === 'REF' && (c.decision_at as Date).getTime() - (c.received_at as Date).getTime() > 86_400_000)).toBe(true);
    expect(ex.get('cla_review')!.some((r) => String(r.review_date) > String(r.due_date))).toBe(true);
    expect(ex.get('cp_review')!.some((r) => String(r.review_date) > String(r.due_date))).toBe(true);
    expect(ex.get('post_holder')!.some((h) => h.agency)).toBe(true);
    expect(ex.get('absence')!.some((a) => a.long_term)).toBe(true);
    expect(ex.get('worker')!.some((w) => w.end_date)).toBe(true);
    expect(ex.get('case_audit')!.some((a) => a.moderated_grade && a.moderated_grade !== a.grade)).toBe(true);
    const lateRhi = (m: CanonicalRecord) =>
      m.rhi_accepted === 'Y' && (!m.rhi_completed_at || (m.rhi_completed_at as Date).getTime() - (m.end_at as Date).getTime() > 72 * 3_600_000);
    expect(ex.get('missing_episode')!.some(lateRhi)).toBe(true);
    expect(ex.get('plan_action')!.some((a) => a.status !== 'DONE' && a.status !== 'DROP' && String(a.due_date) < OPTS.endDate)).toBe(true);
    // Late recording: visits entered days after they happened.
    const times = readFileSync(join(first.dir, 'tl_record_times.csv'), 'utf8');
    expect(times).toMatch(/ssd_cp_visits,/);
    // Unallocated spells: a case-holding allocation that starts after the episode, or after the previous one ended.
    const allocs = ex.get('allocation')!.filter((a) => a.role === 'CH');
    const byPerson = new Map<string, CanonicalRecord[]>();
    for (const a of allocs) byPerson.set(String(a.person_id), [...(byPerson.get(String(a.person_id)) ?? []), a]);
    let gaps = 0;
    for (const list of byPerson.values()) {
      list.sort((a, b) => String(a.start_date).localeCompare(String(b.start_date)));
      for (let i = 1; i < list.length; i++) if (list[i - 1]!.end_date && addDays(String(list[i - 1]!.end_date), 7) < String(list[i]!.start_date)) gaps++;
    }
    expect(gaps).toBeGreaterThan(0);
  });
});

/**
 * Reading a generated extract back (for the tests and for calibration): every file is parsed with the
 * registry's own cell rules, keys and references are checked within the extract, dates are checked against
 * the end of history, and the headline flows and stocks are computed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { entities } from '../domain/model/entities.js';
import { fileFields, type Entity } from '../domain/model/schema.js';
import { parseCell, type CanonicalRecord } from '../domain/model/values.js';
import { addDays, addMonths, londonDate } from '../domain/time/london.js';
import { RECORD_TIMES_FILE } from '../io/extract-writer.js';

export type Extract = Map<string, CanonicalRecord[]>;

/** Fields that hold a planned or expected date, which may lie after the end of history. */
export const FUTURE_DATE_FIELDS = new Set(['due_date', 'target_date', 'expected_dob', 'pathway_plan_review_date']);

/** Reads every entity of an extract; problems (bad cells, unknown headers, orphan extension rows) are listed. */
export function readExtract(dir: string, problems: string[] = []): Extract {
  const present = new Set(readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4)));
  const out: Extract = new Map();
  for (const e of entities) {
    const byId = new Map<string, CanonicalRecord>();
    for (const role of ['ssd', 'ext'] as const) {
      const name = role === 'ssd' ? e.ssdFile : e.extFile;
      if (!name) continue;
      if (!present.has(name)) {
        problems.push(`${name}.csv is missing`);
        continue;
      }
      const rows = parse(readFileSync(join(dir, `${name}.csv`)), { relax_column_count: false }) as string[][];
      const header = rows[0] ?? [];
      const fields = fileFields(e, role);
      const byHeader = new Map(fields.map((f) => [f.header, f]));
      const cols = header.map((h) => byHeader.get(h));
      cols.forEach((c, i) => {
        if (!c) problems.push(`${name}.csv: unknown column ${header[i]}`);
      });
      const primary = role === 'ssd' || !e.ssdFile;
      for (let r = 1; r < rows.length; r++) {
        const row = rows[r]!;
        const rec: CanonicalRecord = {};
        cols.forEach((f, i) => {
          if (!f) return;
          const err = parseCell(f, row[i] ?? '', rec);
          if (err) problems.push(`${name}.csv:${r + 1}: ${err}`);
        });
        const id = String(rec.id ?? '');
        if (primary) {
          if (byId.has(id)) problems.push(`${name}.csv:${r + 1}: duplicate key ${id}`);
          byId.set(id, rec);
        } else {
          const base = byId.get(id);
          if (!base) problems.push(`${name}.csv:${r + 1}: no primary row for ${id}`);
          else Object.assign(base, Object.fromEntries(Object.entries(rec).filter(([k]) => k !== 'id')));
        }
      }
    }
    out.set(e.name, [...byId.values()]);
  }
  return out;
}

/** Reference, date and consistency problems of an extract (empty when it is sound). */
export function checkExtract(ex: Extract, endDate: string, dir?: string): string[] {
  const problems: string[] = [];
  const endIso = endDate;
  const values = new Map<string, Set<string>>();
  const valuesOf = (entity: string, field: string) => {
    const key = `${entity}.${field}`;
    let s = values.get(key);
    if (!s) {
      s = new Set((ex.get(entity) ?? []).map((r) => r[field]).filter((v) => v !== null && v !== undefined).map(String));
      values.set(key, s);
    }
    return s;
  };
  for (const e of entities) {
    for (const rec of ex.get(e.name) ?? []) {
      for (const f of e.fields) {
        const v = rec[f.name];
        if (v === null || v === undefined) continue;
        if (f.ref && !valuesOf(f.ref.entity, f.ref.field ?? 'id').has(String(v))) {
          problems.push(`${e.name} ${rec.id}: ${f.name} "${v}" does not resolve to ${f.ref.entity}.${f.ref.field ?? 'id'}`);
        }
        if (f.type === 'date' && !FUTURE_DATE_FIELDS.has(f.name) && String(v) > endIso) {
          problems.push(`${e.name} ${rec.id}: ${f.name} ${v} is after ${endIso}`);
        }
        if (f.type === 'datetime') {
          const d = v as Date;
          if (londonDate(d) > endIso) problems.push(`${e.name} ${rec.id}: ${f.name} ${d.toISOString()} is after ${endIso}`);
          if (d.getTime() % 1000 !== 0) problems.push(`${e.name} ${rec.id}: ${f.name} has fractions of a second`);
        }
      }
      // Start before end.
      for (const [s, en] of [['start_date', 'end_date'], ['start_date', 'ceased_date'], ['received_at', 'decision_at'], ['start_at', 'end_at']] as const) {
        const a = rec[s];
        const b = rec[en];
        if (a == null || b == null || rec[`${s}_has_time`] === false || rec[`${en}_has_time`] === false) continue;
        const av = a instanceof Date ? a.getTime() : String(a);
        const bv = b instanceof Date ? b.getTime() : String(b);
        if (bv < av) problems.push(`${e.name} ${rec.id}: ${en} before ${s}`);
      }
    }
  }
  if (dir) {
    const rows = parse(readFileSync(join(dir, `${RECORD_TIMES_FILE}.csv`))) as string[][];
    for (const row of rows.slice(1)) {
      const at = row[2] ?? '';
      if (at.slice(0, 10) > endIso) problems.push(`${RECORD_TIMES_FILE}: ${row[0]} ${row[1]} recorded after the end (${at})`);
    }
  }
  return problems;
}

const d = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? londonDate(v) : String(v));

function openAt(start: unknown, end: unknown, day: string): boolean {
  const s = d(start);
  const e = d(end);
  return s !== null && s <= day && (e === null || e > day);
}

/** Headline numbers for the 12 months to `to` (inclusive) and stocks at `to`. */
export function flowStats(ex: Extract, to: string) {
  const from = addDays(addMonths(to, -12), 1);
  const inYear = (v: unknown) => {
    const s = d(v);
    return s !== null && s >= from && s <= to;
  };
  const rows = (n: string) => ex.get(n) ?? [];
  const contacts = rows('contact').filter((r) => inYear(r.received_at));
  const referrals = rows('referral').filter((r) => inYear(r.referral_date));
  // Re-referrals within 12 months.
  const byChild = new Map<string, string[]>();
  for (const r of rows('referral')) {
    const list = byChild.get(String(r.person_id)) ?? [];
    list.push(d(r.referral_date)!);
    byChild.set(String(r.person_id), list);
  }
  let rereferrals = 0;
  for (const r of referrals) {
    const date = d(r.referral_date)!;
    const prev = byChild.get(String(r.person_id))!.filter((p) => p < date && addMonths(p, 12) >= date);
    if (prev.length) rereferrals++;
  }
  const refDecisions = rows('contact').filter((r) => r.decision === 'REF' && r.decision_at_has_time !== false && inYear(r.decision_at));
  const within24 = refDecisions.filter((r) => (r.decision_at as Date).getTime() - (r.received_at as Date).getTime() <= 24 * 3600_000).length;
  const cpOpen = new Set(rows('cp_plan').filter((r) => openAt(r.start_date, r.end_date, to)).map((r) => String(r.person_id)));
  const claOpen = new Set(
    rows('cla_episode').filter((r) => openAt(r.start_date, r.ceased_date, to)).map((r) => String(r.person_id)),
  );
  const cinPlanOpen = new Set(rows('cin_plan').filter((r) => openAt(r.start_date, r.end_date, to)).map((r) => String(r.person_id)));
  const refOpen = new Set(rows('referral').filter((r) => openAt(r.referral_date, r.close_date, to)).map((r) => String(r.person_id)));
  const cinOther = [...new Set([...cinPlanOpen, ...refOpen])].filter((p) => !cpOpen.has(p) && !claOpen.has(p));
  const missing = rows('missing_episode').filter((r) => inYear(r.end_at));
  const accepted = missing.filter((r) => r.rhi_accepted === 'Y');
  const rhi72 = accepted.filter((r) => r.rhi_completed_at && (r.rhi_completed_at as Date).getTime() - (r.end_at as Date).getTime() <= 72 * 3600_000);
  const cpStarts = rows('cp_plan').filter((r) => inYear(r.start_date));
  const firstPlan = new Map<string, string>();
  for (const r of rows('cp_plan')) {
    const p = String(r.person_id);
    const s = d(r.start_date)!;
    if (!firstPlan.has(p) || s < firstPlan.get(p)!) firstPlan.set(p, s);
  }
  const assessments = rows('assessment').filter((r) => inYear(r.authorised_date));
  const icpcs = rows('icpc').filter((r) => inYear(r.conference_date));
  const cpDurations = rows('cp_plan')
    .filter((r) => r.end_date && inYear(r.end_date))
    .map((r) => (Date.parse(String(r.end_date)) - Date.parse(String(r.start_date))) / 86_400_000)
    .sort((a, b) => a - b);
  return {
    contacts: contacts.length,
    referrals: referrals.length,
    rereferralPct: referrals.length ? (100 * rereferrals) / referrals.length : 0,
    refWithin24Pct: refDecisions.length ? (100 * within24) / refDecisions.length : 0,
    assessments: assessments.length,
    strategy: rows('strategy_discussion').filter((r) => inYear(r.held_at)).length,
    s47: rows('s47_enquiry').filter((r) => inYear(r.start_date)).length,
    icpc: icpcs.length,
    cpStarts: cpStarts.length,
    cpSecondPct: cpStarts.length ? (100 * cpStarts.filter((r) => firstPlan.get(String(r.person_id))! < d(r.start_date)!).length) / cpStarts.length : 0,
    cpMedianDays: cpDurations.length ? cpDurations[Math.floor(cpDurations.length / 2)]! : 0,
    cpOpen: cpOpen.size,
    cinOpen: cinOther.length,
    cinPlansOpen: [...cinPlanOpen].filter((p) => !cpOpen.has(p) && !claOpen.has(p)).length,
    claOpen: claOpen.size,
    claStarts: new Set(rows('cla_episode').filter((r) => r.start_reason === 'S' && inYear(r.start_date)).map((r) => String(r.cla_id))).size,
    missingEpisodes: missing.length,
    rhiAccepted: accepted.length,
    rhi72Pct: accepted.length ? (100 * rhi72.length) / accepted.length : 0,
    earlyHelpStarts: rows('early_help_episode').filter((r) => inYear(r.start_date)).length,
    complaints: rows('feedback').filter((r) => r.feedback_type === 'COMP' && inYear(r.received_date)).length,
    compliments: rows('feedback').filter((r) => r.feedback_type === 'CPLT' && inYear(r.received_date)).length,
    audits: rows('case_audit').filter((r) => inYear(r.audit_date)).length,
  };
}

/** Children with an open CIN/CP/CLA episode and no case-holding allocation at `day`, unallocated > 5 days. */
export function unallocatedAt(ex: Extract, day: string): number {
  const rows = (n: string) => ex.get(n) ?? [];
  // Children with an open episode, and the earliest start among their open episodes.
  const open = new Map<string, string>();
  const note = (p: string, s: string) => {
    if (!open.has(p) || s < open.get(p)!) open.set(p, s);
  };
  for (const r of rows('referral')) if (openAt(r.referral_date, r.close_date, day)) note(String(r.person_id), d(r.referral_date)!);
  for (const r of rows('cla_episode')) if (openAt(r.start_date, r.ceased_date, day)) note(String(r.person_id), d(r.start_date)!);
  const allocated = new Set<string>();
  const lastEnd = new Map<string, string>();
  for (const r of rows('allocation')) {
    if (r.role !== 'CH') continue;
    const p = String(r.person_id);
    if (openAt(r.start_date, r.end_date, day)) allocated.add(p);
    const e = d(r.end_date);
    if (e && e <= day && (!lastEnd.has(p) || e > lastEnd.get(p)!)) lastEnd.set(p, e);
  }
  let n = 0;
  for (const [p, start] of open) {
    if (allocated.has(p)) continue;
    const e = lastEnd.get(p);
    const since = e && e > start ? e : start;
    if (addDays(since, 7) < day) n++;
  }
  return n;
}

export function entityCounts(ex: Extract): Record<string, number> {
  return Object.fromEntries([...ex].map(([k, v]) => [k, v.length]));
}

export type { Entity };

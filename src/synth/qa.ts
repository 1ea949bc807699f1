/**
 * Quality assurance and feedback, written after the children's stories: monthly case-file audits by every
 * team manager (with moderation and actions) and complaints and compliments, each about a child who was
 * open to the team at the time.
 */
import type { Day } from './calendar.js';
import type { Ctx } from './context.js';
import { Rng } from './prng.js';
import type { Spans } from './spans.js';
import { text } from './texts.js';
import type { Workforce } from './workforce.js';

/** Up to K children per (team, month), chosen uniformly from those open then (reservoir sampling). */
const K = 6;

export function writeQualityAssurance(ctx: Ctx, wf: Workforce, spans: Spans): void {
  const { cal, out, ids } = ctx;
  const rng = Rng.derive(ctx.seed, 30);
  const first = cal.monthStart(ctx.flowStart);
  const months: Day[] = [];
  for (let m = first; m <= ctx.endDay; m = cal.addMonths(m, 1)) months.push(m);
  const nTeams = wf.teams.length;
  const all = nTeams; // bucket index for "any team"
  const buckets = nTeams + 1;
  const seen = new Int32Array(buckets * months.length);
  const picks = new Int32Array(buckets * months.length * K).fill(-1);
  const monthIndex = (d: Day) => (cal.year(d) - cal.year(first)) * 12 + cal.month(d) - cal.month(first);
  for (let i = 0; i < spans.length; i++) {
    const s = Math.max(spans.start[i]!, first);
    const e = Math.min(spans.end[i]!, ctx.endDay);
    if (e < s) continue;
    const m0 = monthIndex(s);
    const m1 = monthIndex(e);
    for (let m = m0; m <= m1; m++) {
      for (const b of [spans.team[i]!, all]) {
        const slot = b * months.length + m;
        const n = ++seen[slot]!;
        if (n <= K) picks[slot * K + n - 1] = i;
        else {
          const j = Math.floor(rng.next() * n);
          if (j < K) picks[slot * K + j] = i;
        }
      }
    }
  }
  const pickFrom = (bucket: number, m: number, taken: Set<number>): number => {
    const slot = bucket * months.length + m;
    const opts: number[] = [];
    for (let j = 0; j < K; j++) {
      const v = picks[slot * K + j]!;
      if (v >= 0 && !taken.has(v)) opts.push(v);
    }
    if (!opts.length) return -1;
    return rng.pick(opts);
  };

  const qaTeams = wf.teamsByService.get('QA') ?? [];
  const moderatorsTeam = qaTeams[qaTeams.length - 1]!;
  // Audits.
  months.forEach((ms, m) => {
    const me = Math.min(cal.monthEnd(ms), ctx.endDay);
    for (const team of wf.teams) {
      if (!team.parent) continue;
      const n = rng.int(2, 4);
      const taken = new Set<number>();
      for (let a = 0; a < n; a++) {
        const day = cal.onOrBeforeWorking(ms + rng.int(3, Math.max(3, me - ms)));
        if (day > ctx.endDay || day < ms) continue;
        const auditor = wf.manager(rng, team, day);
        if (!auditor || auditor.team !== team) continue;
        const bucket = team.service === 'QA' ? all : team.idx;
        const si = pickFrom(bucket, m, taken);
        if (si < 0) continue;
        taken.add(si);
        const grade = rng.weighted([['O', 5], ['G', 40], ['RI', 40], ['I', 15]] as const);
        const modDay = cal.addWorking(day, rng.int(5, 25));
        const moderated = rng.chance(0.3) && modDay <= ctx.endDay;
        const moderator = moderated ? wf.pick(rng, moderatorsTeam, ['QAL', 'TM'], modDay) : null;
        const order = ['O', 'G', 'RI', 'I'];
        let mg: string | null = null;
        if (moderated && moderator) {
          const r = rng.next();
          const idx = order.indexOf(grade);
          mg = r < 0.45 ? order[Math.min(3, idx + 1)]! : r < 0.95 ? grade : order[Math.max(0, idx - 1)]!;
        }
        const auditedTeam = wf.teams[spans.team[si]!]!;
        const id = ids.next('AUD');
        out.add('case_audit', {
          id,
          person_id: spans.pid[si]!,
          auditor_id: auditor.id,
          team_id: auditedTeam.id,
          service_area: auditedTeam.service,
          audit_date: cal.iso(day),
          grade,
          moderated_grade: mg,
          moderation_date: mg ? cal.iso(modDay) : null,
          moderator_id: mg ? moderator!.id : null,
        });
        const finalGrade = mg ?? grade;
        const nActions = finalGrade === 'O' ? 0 : finalGrade === 'G' ? rng.int(0, 1) : finalGrade === 'RI' ? rng.int(1, 3) : rng.int(2, 4);
        for (let i = 0; i < nActions; i++) {
          const due = cal.addWorking(day, rng.int(5, 30));
          const r = rng.next();
          let completed: Day | null = r < 0.65 ? cal.addWorking(day, rng.int(1, Math.max(1, due - day))) : r < 0.8 ? due + rng.int(1, 40) : null;
          if (completed !== null && completed > ctx.endDay) completed = null;
          const responsibleIdx = spans.worker[si]!;
          const responsible = responsibleIdx >= 0 ? wf.workers[responsibleIdx]! : null;
          out.add('audit_action', {
            id: ids.next('AUA'),
            audit_id: id,
            action: text(rng, 'auditAction'),
            responsible_id: responsible?.id ?? null,
            due_date: cal.iso(due),
            status: completed !== null ? 'DONE' : due < ctx.endDay ? rng.weighted([['OPEN', 50], ['PROG', 40], ['DROP', 10]] as const) : 'OPEN',
            completed_date: completed !== null ? cal.iso(completed) : null,
          });
        }
      }
    }
  });

  // Complaints (~150 a year) and compliments (~100 a year) at scale 1.
  months.forEach((ms, m) => {
    const me = Math.min(cal.monthEnd(ms), ctx.endDay);
    for (const [type, perYear] of [['COMP', 150], ['CPLT', 100]] as const) {
      const n = rng.poisson((perYear * ctx.scale) / 12);
      for (let i = 0; i < n; i++) {
        const si = pickFrom(all, m, new Set());
        const day = cal.onOrAfterWorking(ms + rng.int(0, Math.max(0, me - ms)));
        if (day > ctx.endDay) continue;
        const team = si >= 0 ? wf.teams[spans.team[si]!]! : wf.teams[rng.int(0, wf.teams.length - 1)]!;
        let responded: Day | null = null;
        const stage = type === 'COMP' ? rng.weighted([[1, 85], [2, 12], [3, 3]] as const) : null;
        if (type === 'COMP') {
          const r = rng.next();
          responded = cal.addWorking(day, r < 0.7 ? rng.int(2, 10) : r < 0.9 ? rng.int(11, 20) : rng.int(21, 45));
        } else if (rng.chance(0.6)) responded = cal.addWorking(day, rng.int(1, 10));
        if (responded !== null && responded > ctx.endDay) responded = null;
        out.add('feedback', {
          id: ids.next('FBK'),
          person_id: si >= 0 && (type === 'COMP' || rng.chance(0.7)) ? spans.pid[si]! : null,
          feedback_type: type,
          received_date: cal.iso(day),
          responded_date: responded !== null ? cal.iso(responded) : null,
          service_area: team.service,
          team_id: team.id,
          stage,
          summary: text(rng, type === 'COMP' ? 'complaint' : 'compliment'),
        });
      }
    }
  });
}

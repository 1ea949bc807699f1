/**
 * The workforce: services and teams, posts (establishment), the people who held each post over time
 * (permanent staff with ~15% yearly turnover, vacancies, agency workers covering some of them, part-time
 * holders), and absences. Built up front, then queried by the children's stories ("who in this team
 * could take a case on this day?").
 */
import type { Day } from './calendar.js';
import { NEVER, type Ctx } from './context.js';
import { staffName } from './names.js';
import { Rng } from './prng.js';

export type ServiceCode = 'FD' | 'EH' | 'AS' | 'CM' | 'CLA' | 'LC' | 'QA' | 'DC';
export type PostKind = 'HOS' | 'TM' | 'SW' | 'FDSW' | 'CO' | 'EHW' | 'PA' | 'IRO' | 'QAL';

export interface Absence {
  start: Day;
  end: Day;
  longTerm: boolean;
}

export interface Worker {
  idx: number;
  id: string;
  name: string;
  agency: boolean;
  start: Day;
  /** The day the worker left (no longer in post at the end of it), or NEVER. */
  end: Day;
  fte: number;
  team: Team;
  post: Post;
  absences: Absence[];
}

export interface Holder {
  id: string;
  worker: Worker;
  fte: number;
  agency: boolean;
  start: Day;
  end: Day;
}

export interface Post {
  id: string;
  team: Team;
  kind: PostKind;
  title: string;
  fte: number;
  socialWorker: boolean;
  caseHolding: boolean;
  start: Day;
  holders: Holder[];
}

export interface Team {
  idx: number;
  id: string;
  name: string;
  service: ServiceCode;
  parent: Team | null;
  posts: Post[];
  /** Case-holding (or EH / PA) holders, for allocation queries. */
  caseHolders: Holder[];
}

const SERVICES: { code: ServiceCode; name: string; teams: number; teamName: string }[] = [
  { code: 'FD', name: 'Front door', teams: 2, teamName: 'MASH' },
  { code: 'EH', name: 'Early help', teams: 3, teamName: 'Early Help' },
  { code: 'AS', name: 'Assessment', teams: 4, teamName: 'Assessment' },
  { code: 'CM', name: 'Safeguarding / care management', teams: 7, teamName: 'Safeguarding and Family Support' },
  { code: 'DC', name: 'Disabled children', teams: 1, teamName: 'Children with Disabilities' },
  { code: 'CLA', name: 'Children looked after', teams: 4, teamName: 'Children in Care' },
  { code: 'LC', name: 'Leaving care', teams: 2, teamName: 'Leaving Care' },
  { code: 'QA', name: 'Quality assurance', teams: 2, teamName: 'Quality Assurance' },
];

const AREAS = ['North', 'South', 'East', 'West', 'Central', 'Moorside', 'Vale'];

/** Share of the case-holding social worker establishment per service. */
const CH_SHARE: Partial<Record<ServiceCode, number>> = { AS: 0.22, CM: 0.5, CLA: 0.22, DC: 0.06 };

const YEAR = 365.25;

export class Workforce {
  readonly teams: Team[] = [];
  readonly services = new Map<ServiceCode, Team>();
  readonly teamsByService = new Map<ServiceCode, Team[]>();
  readonly workers: Worker[] = [];
  readonly posts: Post[] = [];

  constructor(private readonly ctx: Ctx) {
    this.build();
  }

  private build() {
    const { ctx } = this;
    const rng = Rng.derive(ctx.seed, 1);
    const s = ctx.scale;
    const ws = ctx.workforceStart;
    let teamNo = 0;
    for (const svc of SERVICES) {
      const parent: Team = {
        idx: this.teams.length, id: `SVC-${svc.code}`, name: svc.name, service: svc.code, parent: null, posts: [], caseHolders: [],
      };
      this.teams.push(parent);
      this.services.set(svc.code, parent);
      this.addPost(parent, 'HOS', `Head of service: ${svc.name.toLowerCase()}`, 1, true, false, ws);
      const n = Math.max(1, Math.round(svc.teams * s));
      const list: Team[] = [];
      for (let i = 0; i < n; i++) {
        teamNo++;
        const name =
          svc.code === 'QA'
            ? n === 1
              ? 'Independent Reviewing and Quality Assurance'
              : i === 0
                ? 'Independent Reviewing and Conference Chairs'
                : `Quality Assurance and Audit${i > 1 ? ` ${i}` : ''}`
            : n === 1
              ? `${svc.teamName} Team`
              : `${svc.teamName} Team ${i + 1} (${AREAS[i % AREAS.length]})`;
        const team: Team = { idx: this.teams.length, id: `T${String(teamNo).padStart(3, '0')}`, name, service: svc.code, parent, posts: [], caseHolders: [] };
        this.teams.push(team);
        list.push(team);
      }
      this.teamsByService.set(svc.code, list);
    }

    for (const [code, list] of this.teamsByService) {
      const share = CH_SHARE[code];
      const chTotal = share ? Math.max(2 * list.length, Math.round(235 * s * share)) : 0;
      list.forEach((team, i) => {
        this.addPost(team, 'TM', 'Team manager', 1, code !== 'EH' && code !== 'LC', false, ws);
        if (share) {
          const k = Math.floor(chTotal / list.length) + (i < chTotal % list.length ? 1 : 0);
          for (let j = 0; j < k; j++) {
            const title = j === 0 ? 'Advanced practitioner' : j % 4 === 1 ? 'Senior social worker' : 'Social worker';
            const fte = rng.chance(0.07) ? rng.pick([0.5, 0.6, 0.8]) : 1;
            this.addPost(team, 'SW', title, fte, true, true, ws);
          }
        } else if (code === 'FD') {
          for (let j = 0; j < 3; j++) this.addPost(team, 'FDSW', 'Social worker (MASH)', 1, true, false, ws);
          for (let j = 0; j < 4; j++) this.addPost(team, 'CO', 'Contact officer', 1, false, false, ws);
        } else if (code === 'EH') {
          for (let j = 0; j < 7; j++) this.addPost(team, 'EHW', 'Family support practitioner', rng.chance(0.15) ? 0.6 : 1, false, false, ws);
        } else if (code === 'LC') {
          for (let j = 0; j < 6; j++) this.addPost(team, 'PA', 'Personal adviser', 1, false, false, ws);
        } else if (code === 'QA') {
          if (i === 0) {
            const iros = Math.max(2, Math.round(18 * s));
            for (let j = 0; j < iros; j++) this.addPost(team, 'IRO', 'Independent reviewing officer', 1, true, false, ws);
          }
          if (i === 1 || list.length === 1) {
            for (let j = 0; j < (list.length === 1 ? 1 : 3); j++) this.addPost(team, 'QAL', 'Quality assurance practice lead', 1, true, false, ws);
          }
        }
      });
    }

    for (const post of this.posts) this.fillPost(post, Rng.derive(this.ctx.seed, 2, this.posts.indexOf(post)));
    for (const t of this.teams) {
      for (const p of t.posts) {
        if (p.kind === 'SW' || p.kind === 'EHW' || p.kind === 'PA') t.caseHolders.push(...p.holders);
      }
    }
  }

  private addPost(team: Team, kind: PostKind, title: string, fte: number, sw: boolean, ch: boolean, start: Day) {
    const post: Post = {
      id: `POST${String(this.posts.length + 1).padStart(4, '0')}`,
      team, kind, title, fte, socialWorker: sw, caseHolding: ch, start, holders: [],
    };
    team.posts.push(post);
    this.posts.push(post);
  }

  /** The chain of holders of one post from the workforce start to the end of history. */
  private fillPost(post: Post, rng: Rng) {
    const { ctx } = this;
    const ws = ctx.workforceStart;
    const end = ctx.endDay;
    // Mean tenure (years) of permanent holders and mean vacancy length (years), by kind of post.
    const hardToFill = post.kind === 'SW' || post.kind === 'FDSW';
    const tenure = post.kind === 'TM' || post.kind === 'HOS' ? 7 : post.kind === 'IRO' || post.kind === 'QAL' ? 8 : 6.5;
    const vacancy = hardToFill ? 1.3 : post.kind === 'TM' ? 0.35 : 0.3;
    const agencyCover = hardToFill ? 0.72 : post.kind === 'TM' || post.kind === 'HOS' ? 0.6 : 0.25;
    const pFilled = tenure / (tenure + vacancy);

    const permanent = (start: Day, hiredBefore?: Day) => {
      const len = Math.max(60, Math.round(rng.exp(tenure * YEAR)));
      const fte = post.fte === 1 && rng.chance(0.13) ? rng.pick([0.5, 0.6, 0.8]) : post.fte;
      const holderEnd = start + len;
      this.addHolder(post, rng, hiredBefore ?? start, start, holderEnd > end ? NEVER : holderEnd, fte, false);
      return holderEnd;
    };
    const vacant = (start: Day, len: number) => {
      const vEnd = start + len;
      if (rng.chance(agencyCover)) {
        let t = start + rng.int(3, 45);
        while (t < vEnd && t <= end) {
          const stint = Math.max(30, Math.round(rng.exp(260)));
          const aEnd = Math.min(vEnd, t + stint);
          this.addHolder(post, rng, t, t, aEnd > end ? NEVER : aEnd, post.fte, true);
          if (aEnd >= vEnd) break;
          t = aEnd + (rng.chance(0.6) ? 0 : rng.int(7, 60));
        }
      }
      return vEnd;
    };

    let t: Day;
    if (rng.chance(pFilled)) {
      const hired = ws - Math.min(Math.round(rng.exp(tenure * YEAR)), 25 * 365);
      t = permanent(ws, hired);
    } else {
      t = vacant(ws, Math.max(14, Math.round(rng.exp(vacancy * YEAR))));
    }
    while (t <= end) {
      t = vacant(t, rng.chance(0.35) ? rng.int(0, 10) : Math.max(14, Math.round(rng.exp(vacancy * YEAR * 1.5))));
      if (t > end) break;
      t = permanent(t);
    }
  }

  private addHolder(post: Post, rng: Rng, hired: Day, start: Day, end: Day, fte: number, agency: boolean) {
    const { ctx } = this;
    if (start > ctx.endDay) return;
    const worker: Worker = {
      idx: this.workers.length,
      id: `W${String(this.workers.length + 1).padStart(5, '0')}`,
      name: staffName(rng),
      agency,
      start: hired,
      end,
      fte,
      team: post.team,
      post,
      absences: [],
    };
    this.workers.push(worker);
    post.holders.push({ id: `PH${String(this.workers.length).padStart(6, '0')}`, worker, fte, agency, start, end });
    // Absences while in post (from the workforce start on).
    const from = Math.max(start, ctx.workforceStart);
    const to = Math.min(end === NEVER ? ctx.endDay : end - 1, ctx.endDay);
    let d = from + rng.int(0, 120);
    while (d <= to) {
      if (rng.chance(0.07)) {
        const maternity = !agency && rng.chance(0.3);
        const len = maternity ? rng.int(180, 360) : rng.int(28, 150);
        const aEnd = d + len;
        worker.absences.push({ start: d, end: aEnd, longTerm: true });
        d = aEnd + rng.int(60, 200);
      } else {
        const len = rng.weighted([[1, 40], [2, 20], [3, 15], [5, 15], [10, 10]] as const);
        worker.absences.push({ start: d, end: d + len, longTerm: false });
        d += rng.int(70, 220);
      }
    }
  }

  /** True when the worker is in post at the end of `day` and not on long-term absence. */
  available(w: Worker, day: Day): boolean {
    if (w.start > day || w.end <= day) return false;
    for (const a of w.absences) if (a.longTerm && a.start <= day && a.end > day) return false;
    return true;
  }

  onLongTermAbsence(w: Worker, day: Day): Absence | undefined {
    return w.absences.find((a) => a.longTerm && a.start <= day && a.end > day);
  }

  /** Holders of posts of a kind in a team (or any team of a service) available on a day. */
  holdersOf(teams: readonly Team[], kinds: readonly PostKind[], day: Day): Holder[] {
    const out: Holder[] = [];
    for (const t of teams) {
      for (const p of t.posts) {
        if (!kinds.includes(p.kind)) continue;
        for (const h of p.holders) if (h.start <= day && h.end > day && this.available(h.worker, day)) out.push(h);
      }
    }
    return out;
  }

  /** One available worker of a kind, searching the team, then its service, then its parent; or null. */
  pick(rng: Rng, team: Team, kinds: readonly PostKind[], day: Day): Worker | null {
    let list = this.holdersOf([team], kinds, day);
    if (!list.length) list = this.holdersOf(this.teamsByService.get(team.service) ?? [], kinds, day);
    if (!list.length && team.parent) list = this.holdersOf([team.parent], ['HOS'], day);
    if (!list.length) return null;
    return rng.pick(list).worker;
  }

  /** The team manager in post (or else the head of service) on a day. */
  manager(rng: Rng, team: Team, day: Day): Worker | null {
    const tm = this.holdersOf([team], ['TM'], day);
    if (tm.length) return tm[0]!.worker;
    return this.pick(rng, team.parent ?? team, ['HOS'], day);
  }

  /** A case-holding worker for a new allocation in a team (weighted by FTE), or null. */
  caseHolder(rng: Rng, team: Team, day: Day): Worker | null {
    const pickFrom = (hs: Holder[]) => {
      const ok = hs.filter((h) => h.start <= day && h.end > day + 10 && this.available(h.worker, day));
      if (!ok.length) return null;
      let total = 0;
      for (const h of ok) total += h.fte;
      let x = rng.next() * total;
      for (const h of ok) {
        x -= h.fte;
        if (x < 0) return h.worker;
      }
      return ok[ok.length - 1]!.worker;
    };
    const own = pickFrom(team.caseHolders);
    if (own) return own;
    for (const other of this.teamsByService.get(team.service) ?? []) {
      if (other === team) continue;
      const w = pickFrom(other.caseHolders);
      if (w) return w;
    }
    return null;
  }

  teamFor(service: ServiceCode, area: number): Team {
    const list = this.teamsByService.get(service)!;
    return list[area % list.length]!;
  }

  /** Writes teams, workers, posts, post holders and absences. */
  emit(): void {
    const { ctx } = this;
    const { out, cal } = ctx;
    const iso = (d: Day) => cal.iso(d);
    const endOrNull = (d: Day) => (d >= NEVER || d > ctx.endDay ? null : iso(d));
    const firstStart = Math.min(...this.workers.map((w) => w.start), ctx.workforceStart);
    for (const t of this.teams) {
      const tmPost = t.posts.find((p) => p.kind === 'TM') ?? t.posts.find((p) => p.kind === 'HOS');
      const current = tmPost?.holders.filter((h) => h.start <= ctx.endDay).at(-1);
      out.add('team', {
        id: t.id,
        name: t.name,
        parent_id: t.parent?.id ?? null,
        parent_name: t.parent?.name ?? null,
        service_area: t.service,
        manager_id: current?.worker.id ?? null,
        start_date: iso(Math.min(firstStart, ctx.workforceStart)),
        end_date: null,
      });
    }
    for (const w of this.workers) {
      out.add('worker', {
        id: w.id,
        staff_id: `S${w.id.slice(1)}`,
        name: w.name,
        sw_registration_no: w.post.socialWorker ? `DEMO-SW${String(100000 + w.idx * 7)}` : null,
        job_title: w.agency ? `${w.post.title} (agency)` : w.post.title,
        caseload: null,
        department: w.team.name,
        fte: w.fte,
        agency: w.agency,
        team_id: w.team.id,
        start_date: iso(w.start),
        end_date: endOrNull(w.end),
      });
    }
    for (const p of this.posts) {
      const start = Math.min(p.start, ...p.holders.map((h) => h.start));
      out.add('post', {
        id: p.id,
        team_id: p.team.id,
        title: p.title,
        fte: p.fte,
        social_worker: p.socialWorker,
        case_holding: p.caseHolding,
        start_date: iso(start),
        end_date: null,
      });
      for (const h of p.holders) {
        out.add('post_holder', {
          id: h.id,
          post_id: p.id,
          worker_id: h.worker.id,
          fte: h.fte,
          agency: h.agency,
          start_date: iso(h.start),
          end_date: endOrNull(h.end),
        });
      }
    }
    let n = 0;
    for (const w of this.workers) {
      for (const a of w.absences) {
        if (a.start > ctx.endDay) continue;
        n++;
        out.add('absence', {
          id: `ABS${String(n).padStart(6, '0')}`,
          worker_id: w.id,
          start_date: iso(a.start),
          end_date: endOrNull(Math.min(a.end, w.end)),
          long_term: a.longTerm,
          reason: a.longTerm ? (a.end - a.start > 170 ? 'Maternity or parental leave' : 'Long-term sickness') : 'Sickness',
        });
      }
    }
  }
}

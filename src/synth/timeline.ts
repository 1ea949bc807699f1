/**
 * The case-holding allocations of one case (a family's children together, or one looked-after child),
 * generated lazily as the story advances: a segment in a team starts, workers are allocated in turn
 * (a worker leaves, goes on long-term absence, or caseloads are rebalanced), with realistic unallocated
 * gaps, until the segment stops.
 */
import type { Day } from './calendar.js';
import type { Ctx } from './context.js';
import type { Rng } from './prng.js';
import type { Team, Worker, Workforce } from './workforce.js';

export interface Alloc {
  worker: Worker;
  team: Team;
  start: Day;
  end: Day;
  /** Why the allocation ended (worker change reason). */
  reason: string;
}

export type GapKind = 'new' | 'transfer' | 'none';

export class Timeline {
  readonly allocs: Alloc[] = [];
  private team: Team | null = null;
  private open = false;
  /** Allocations are decided up to (not including) this day. */
  private coveredTo: Day = 0;
  private segFirst = 0;

  constructor(
    private readonly ctx: Ctx,
    private readonly wf: Workforce,
    private readonly rng: Rng,
  ) {}

  get currentTeam(): Team | null {
    return this.team;
  }

  /** Starts a segment in a team on `day` (ending any current one there). */
  start(team: Team, day: Day, gap: GapKind): void {
    if (this.open) {
      if (this.team === team) return;
      this.stop(day, `Transferred to ${team.name}`);
    }
    this.team = team;
    this.open = true;
    this.segFirst = this.allocs.length;
    const r = this.rng.next();
    let wd = 0;
    if (gap === 'new') wd = r < 0.62 ? 0 : r < 0.975 ? this.rng.int(1, 3) : this.rng.int(6, 16);
    else if (gap === 'transfer') wd = r < 0.8 ? 0 : r < 0.98 ? this.rng.int(1, 4) : this.rng.int(6, 20);
    const from = Math.max(day, this.ctx.workforceStart);
    this.coveredTo = wd ? this.ctx.cal.addWorking(from, wd) : from;
  }

  private extendTo(day: Day): void {
    const { ctx, wf, rng } = this;
    const limit = Math.min(day, ctx.endDay);
    let guard = 0;
    while (this.open && this.team && this.coveredTo <= limit && guard++ < 10_000) {
      const s = this.coveredTo;
      const w = wf.caseHolder(rng, this.team, s);
      if (!w) {
        this.coveredTo = s + 7;
        continue;
      }
      let end = w.end;
      let reason = 'Worker left the authority';
      const rebalance = s + Math.max(20, Math.round(rng.exp(1000)));
      if (rebalance < end) {
        end = rebalance;
        reason = 'Caseload rebalanced within the team';
      }
      const lta = w.absences.find((a) => a.longTerm && a.start > s && a.start < end);
      if (lta && rng.chance(0.6)) {
        end = lta.start + rng.int(0, 12);
        reason = 'Worker on long-term absence: case reallocated';
      }
      this.allocs.push({ worker: w, team: this.team, start: s, end, reason });
      let gapWd = 0;
      if (reason.startsWith('Worker left')) {
        const r = rng.next();
        gapWd = r < 0.62 ? 0 : r < 0.94 ? rng.int(1, 5) : rng.int(6, 22);
      } else if (reason.startsWith('Worker on')) {
        gapWd = rng.chance(0.8) ? 0 : rng.int(1, 8);
      }
      this.coveredTo = gapWd ? ctx.cal.addWorking(end, gapWd) : end;
    }
  }

  /** The allocation open at the end of `day`, if any. */
  allocAt(day: Day): Alloc | null {
    this.extendTo(day);
    for (let i = this.allocs.length - 1; i >= 0; i--) {
      const a = this.allocs[i]!;
      if (a.start <= day && a.end > day) return a;
    }
    return null;
  }

  workerAt(day: Day): Worker | null {
    return this.allocAt(day)?.worker ?? null;
  }

  /** Decides the allocations up to the end of history (for a segment still open then). */
  finish(): void {
    this.extendTo(this.ctx.endDay);
  }

  /** Ends the current segment on `day`. */
  stop(day: Day, reason: string): void {
    if (!this.open) return;
    this.extendTo(day);
    // Drop allocations of this segment that would start on or after the stop day.
    for (let i = this.allocs.length - 1; i >= this.segFirst; i--) {
      const a = this.allocs[i]!;
      if (a.start >= day) this.allocs.splice(i, 1);
      else if (a.end > day) {
        a.end = day;
        a.reason = reason;
      }
    }
    this.open = false;
    this.team = null;
  }
}

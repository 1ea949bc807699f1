/**
 * Workers, posts and allocations at a date: who is employed, which posts they hold, who is on long-term
 * absence, and whether a child has a case-holding worker (settled details 7, 8 and 13).
 */
import type { CaseHoldingAllocation, MeasureContext, PersonRecords } from '../context.js';
import { openAt } from '../context.js';
import type { AbsenceInput, AllocationInput, PostHolderInput, PostInput } from '../inputs.js';
import { day } from './common.js';

export function workerName(ctx: MeasureContext, workerId: string): string {
  return ctx.workers.get(workerId)?.name ?? workerId;
}

export interface PostHeld {
  holder: PostHolderInput;
  post: PostInput;
}

/** A worker at the end of a day. */
export interface WorkerState {
  workerId: string;
  name: string;
  /** Still employed: no leaving date, or one after the day. Unknown workers count as employed. */
  employed: boolean;
  /** The leaving date, if on or before the day. */
  leftOn: string | null;
  /** The posts held (holding and post both open). */
  posts: PostHeld[];
  /** Holds at least one case-holding post. */
  caseHoldingPost: boolean;
  /** The long-term absence open at the day, or null. */
  absence: AbsenceInput | null;
}

/** Workers' states at the end of a day, each worked out once per context and day. */
export function workerStatesAt(ctx: MeasureContext, date: string): (workerId: string) => WorkerState {
  return ctx.memo(`worker-states:${date}`, () => {
    const cache = new Map<string, WorkerState>();
    return (workerId: string) => {
      let state = cache.get(workerId);
      if (!state) {
        const left = ctx.workers.get(workerId)?.endDate ?? null;
        const posts: PostHeld[] = [];
        for (const holder of ctx.holdersByWorker.get(workerId) ?? []) {
          if (!openAt(holder.startDate, holder.endDate, date)) continue;
          const post = ctx.posts.get(holder.postId);
          if (post && openAt(post.startDate, post.endDate, date)) posts.push({ holder, post });
        }
        let absence: AbsenceInput | null = null;
        for (const a of ctx.absencesByWorker.get(workerId) ?? []) if (a.longTerm && openAt(a.startDate, a.endDate, date)) absence = a;
        state = {
          workerId, name: workerName(ctx, workerId), employed: left === null || left > date, leftOn: left !== null && left <= date ? left : null,
          posts, caseHoldingPost: posts.some((p) => p.post.caseHolding), absence,
        };
        cache.set(workerId, state);
      }
      return state;
    };
  });
}

export type AllocationState =
  | {
      allocated: true;
      allocation: AllocationInput;
      worker: WorkerState;
      /** Allocations that looked case-holding but do not count, in words. */
      ignored: string[];
    }
  | {
      allocated: false;
      /** End of the last case-holding allocation (or the date its worker left, if earlier), or null. */
      lastEnd: string | null;
      lastAllocation: AllocationInput | null;
      /** True when lastEnd is the date the worker left rather than the allocation's own end. */
      workerLeft: boolean;
      ignored: string[];
    };

const NO_REASONS: string[] = [];

/**
 * A child's case-holding allocation at the end of a day (settled detail 7): an allocation open then whose role
 * is case-holding, whose worker is still employed, and whose worker's post is case-holding (a worker with no
 * post recorded counts by role alone). A worker on long-term absence is still allocated.
 */
export function allocationStateAt(
  ctx: MeasureContext,
  records: PersonRecords,
  date: string,
  workers: (workerId: string) => WorkerState = workerStatesAt(ctx, date),
): AllocationState {
  // From the latest-starting allocation back: a child who is allocated (most are) is found at once.
  const held = records.caseHolding;
  let ignored = NO_REASONS;
  for (let i = held.length - 1; i >= 0; i--) {
    const { allocation: a, end } = held[i] as CaseHoldingAllocation;
    if (a.startDate > date || (end !== null && end <= date)) continue;
    const worker = workers(a.workerId);
    if (worker.posts.length > 0 && !worker.caseHoldingPost) {
      if (ignored === NO_REASONS) ignored = [];
      ignored.unshift(`${worker.name} is not in a case-holding post`);
      continue;
    }
    return { allocated: true, allocation: a, worker, ignored };
  }
  let last: CaseHoldingAllocation | null = null;
  for (const h of held) {
    if (h.allocation.startDate > date) break;
    if (h.end !== null && h.end <= date && (last === null || h.end >= (last.end as string))) last = h;
  }
  return { allocated: false, lastEnd: last?.end ?? null, lastAllocation: last?.allocation ?? null, workerLeft: last?.workerLeft ?? false, ignored };
}

/** "allocation to Ann Smith ended 3 Mar" / "Ann Smith left 3 Mar". */
export function endedText(ctx: MeasureContext, state: Extract<AllocationState, { allocated: false }>, reference: string): string {
  if (state.lastAllocation === null || state.lastEnd === null) return 'never allocated';
  const name = workerName(ctx, state.lastAllocation.workerId);
  return state.workerLeft ? `${name} left the authority ${day(state.lastEnd, reference)}` : `allocation to ${name} ended ${day(state.lastEnd, reference)}`;
}

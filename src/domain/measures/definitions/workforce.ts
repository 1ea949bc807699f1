/**
 * Workers, posts and allocations at a date: who is employed, which posts they hold, who is on long-term
 * absence, and whether a child has a case-holding worker (settled details 7, 8 and 13).
 */
import type { MeasureContext } from '../context.js';
import { openAt } from '../context.js';
import type { AbsenceInput, AllocationInput, PostHolderInput, PostInput } from '../inputs.js';
import { day } from './common.js';

/** Employed at the end of the day: the worker has no leaving date, or leaves after it. Unknown workers count as employed. */
export function employedAt(ctx: MeasureContext, workerId: string, date: string): boolean {
  const left = ctx.workers.get(workerId)?.endDate ?? null;
  return left === null || left > date;
}

export function workerName(ctx: MeasureContext, workerId: string): string {
  return ctx.workers.get(workerId)?.name ?? workerId;
}

export interface PostHeld {
  holder: PostHolderInput;
  post: PostInput;
}

/** The posts a worker holds at the end of a day (holding and post both open then). */
export function postsHeldAt(ctx: MeasureContext, workerId: string, date: string): PostHeld[] {
  const out: PostHeld[] = [];
  for (const holder of ctx.holdersByWorker.get(workerId) ?? []) {
    if (!openAt(holder.startDate, holder.endDate, date)) continue;
    const post = ctx.posts.get(holder.postId);
    if (post && openAt(post.startDate, post.endDate, date)) out.push({ holder, post });
  }
  return out;
}

/** The worker's long-term absence open at the end of a day, or null. */
export function longTermAbsenceAt(ctx: MeasureContext, workerId: string, date: string): AbsenceInput | null {
  for (const a of ctx.absencesByWorker.get(workerId) ?? []) if (a.longTerm && openAt(a.startDate, a.endDate, date)) return a;
  return null;
}

/** Why a case-holding-role allocation open at a date does not count (or null when it does). */
function notCaseHolding(ctx: MeasureContext, a: AllocationInput, date: string): string | null {
  const held = postsHeldAt(ctx, a.workerId, date);
  if (held.length > 0 && !held.some((h) => h.post.caseHolding)) return `${workerName(ctx, a.workerId)} is not in a case-holding post`;
  return null;
}

export type AllocationState =
  | {
      allocated: true;
      allocation: AllocationInput;
      /** The worker's long-term absence, if any (still allocated for measure 5). */
      absence: AbsenceInput | null;
      /** True when the worker holds no post at the date (counted by role alone; a data-quality problem). */
      noPost: boolean;
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

/**
 * A child's case-holding allocation at the end of a day (settled detail 7): an allocation open then whose role
 * is case-holding, whose worker is still employed, and whose worker's post is case-holding (a worker with no
 * post recorded counts by role alone). A worker on long-term absence is still allocated.
 */
export function allocationStateAt(ctx: MeasureContext, personId: string, date: string): AllocationState {
  let current: AllocationInput | null = null;
  let lastEnd: string | null = null;
  let lastAllocation: AllocationInput | null = null;
  let workerLeft = false;
  const ignored: string[] = [];
  for (const a of ctx.person(personId).allocations) {
    if (a.startDate > date) break;
    if (a.role === null || !ctx.caseHoldingRoles.has(a.role)) continue;
    const left = ctx.workers.get(a.workerId)?.endDate ?? null;
    const end = left !== null && (a.endDate === null || left < a.endDate) ? left : a.endDate;
    if (end === null || end > date) {
      const why = notCaseHolding(ctx, a, date);
      if (why === null) current = a;
      else ignored.push(why);
    } else if (lastEnd === null || end >= lastEnd) {
      lastEnd = end;
      lastAllocation = a;
      workerLeft = end === left && end !== a.endDate;
    }
  }
  if (current !== null) {
    return {
      allocated: true, allocation: current, absence: longTermAbsenceAt(ctx, current.workerId, date),
      noPost: postsHeldAt(ctx, current.workerId, date).length === 0, ignored,
    };
  }
  return { allocated: false, lastEnd, lastAllocation, workerLeft, ignored };
}

/** "allocation to Ann Smith ended 3 Mar" / "Ann Smith left 3 Mar". */
export function endedText(ctx: MeasureContext, state: Extract<AllocationState, { allocated: false }>, reference: string): string {
  if (state.lastAllocation === null || state.lastEnd === null) return 'never allocated';
  const name = workerName(ctx, state.lastAllocation.workerId);
  return state.workerLeft ? `${name} left the authority ${day(state.lastEnd, reference)}` : `allocation to ${name} ended ${day(state.lastEnd, reference)}`;
}

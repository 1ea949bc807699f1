/**
 * Measure 14: average caseload (settled detail 8). Both parts use the same workers: case-holding workers in
 * post at month end and not on long-term absence. Numerator: distinct children with a case-holding allocation
 * to one of them. Denominator: their total FTE.
 */
import { fromThousandths, toThousandths } from '../arithmetic.js';
import type { MeasureContext } from '../context.js';
import { openAt } from '../context.js';
import { absence, allocation, inputsOf, staffed } from '../fixtures.js';
import type { AllocationInput, PostInput } from '../inputs.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day, plural } from './common.js';
import { workerName, workerStatesAt } from './workforce.js';

interface CaseHolder {
  workerId: string;
  fteK: number;
  posts: PostInput[];
  /** Why the worker is left out, or null when counted. */
  excluded: string | null;
  children: number;
}

interface Caseloads {
  workers: CaseHolder[];
  byWorker: Map<string, CaseHolder>;
  children: { personId: string; allocations: AllocationInput[]; counted: AllocationInput[] }[];
}

/** Case-holding workers and their children at the end of a day. */
function caseloadsAt(ctx: MeasureContext, date: string): Caseloads {
  return ctx.memo(`caseloads:${date}`, () => {
    const byWorker = new Map<string, CaseHolder>();
    const advisers = ctx.settings.personalAdvisersCaseHolding;
    for (const p of ctx.open.posts(date)) {
      if (!p.caseHolding || (!advisers && !p.socialWorker)) continue;
      for (const h of ctx.holdersByPost.get(p.id) ?? []) {
        if (!openAt(h.startDate, h.endDate, date)) continue;
        let w = byWorker.get(h.workerId);
        if (!w) {
          w = { workerId: h.workerId, fteK: 0, posts: [], excluded: null, children: 0 };
          byWorker.set(h.workerId, w);
        }
        w.fteK += toThousandths(h.fte);
        w.posts.push(p);
      }
    }
    const states = workerStatesAt(ctx, date);
    for (const w of byWorker.values()) {
      const { leftOn, absence } = states(w.workerId);
      if (leftOn !== null) w.excluded = `left the authority ${day(leftOn, date)}`;
      else if (absence) w.excluded = `on long-term absence since ${day(absence.startDate, date)}`;
    }
    const children: Caseloads['children'] = [];
    for (const a of ctx.open.allocations(date)) {
      if (a.role === null || !ctx.caseHoldingRoles.has(a.role)) continue;
      let child = children.at(-1);
      if (!child || child.personId !== a.personId) {
        child = { personId: a.personId, allocations: [], counted: [] };
        children.push(child);
      }
      child.allocations.push(a);
      const w = byWorker.get(a.workerId);
      if (w && w.excluded === null) {
        if (!child.counted.some((c) => c.workerId === a.workerId)) w.children += 1;
        child.counted.push(a);
      }
    }
    const workers = [...byWorker.values()].sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0));
    return { workers, byWorker, children };
  });
}

export const m14AverageCaseload: MeasureDefinition = {
  id: 'm14-average-caseload',
  number: 14,
  title: 'Average caseload',
  frequency: 'as at month end',
  better: 'low',
  unit: 'caseload',
  decimals: 2,
  serviceArea: 'Caseloads',
  definition: {
    numerator: 'Distinct children with a case-holding allocation open at month end to one of the counted workers.',
    denominator:
      'Total FTE of the counted workers: those holding a case-holding post at month end (their FTE in those posts), still employed, ' +
      'and not on long-term absence. Unless personal advisers are configured as case-holding, only social worker posts count ' +
      '(a case-holding post that is not a social worker post is taken to be a personal adviser\'s), so that both parts use the ' +
      'same workers.',
    inclusions: 'Agency and part-time workers in case-holding posts (at their FTE). A child allocated to two counted workers counts once.',
    exclusions:
      'Workers on long-term absence and their children (unless also allocated to a counted worker); workers who have left; workers ' +
      'not in a case-holding post; co-workers and other non-case-holding roles (personal advisers unless configured).',
  },
  settings: ['caseHoldingRoles', 'personalAdvisersCaseHolding'],
  *rows(ctx, month) {
    const end = monthEnd(month);
    const loads = caseloadsAt(ctx, end);
    for (const w of loads.workers) {
      yield drillRow(
        {
          personId: null, recordId: w.workerId, teamId: w.posts[0]?.teamId ?? null, inNumerator: false, inDenominator: w.excluded === null,
          denominatorWeight: fromThousandths(w.fteK), dates: {}, counts: { countedWorkers: w.excluded === null ? 1 : 0 },
        },
        () =>
          `${workerName(ctx, w.workerId)}: ${fromThousandths(w.fteK)} FTE in ${w.posts.map((p) => p.id).join(', ')}; ` +
          (w.excluded === null ? `${plural(w.children, 'child', 'children')} allocated` : `${w.excluded}: not counted`),
      );
    }
    for (const child of loads.children) {
      const counted = child.counted[0];
      yield drillRow(
        {
          personId: child.personId, recordId: counted ? `${child.personId}/${counted.workerId}` : child.personId,
          teamId: counted ? counted.teamId ?? loads.byWorker.get(counted.workerId)?.posts[0]?.teamId ?? null : null,
          inNumerator: counted !== undefined, inDenominator: false,
          dates: { allocatedFrom: counted?.startDate ?? null },
        },
        () => {
          if (child.counted.length > 0) return `allocated to ${[...new Set(child.counted.map((a) => workerName(ctx, a.workerId)))].join(', ')}`;
          const why = child.allocations.map((a) => {
            const w = loads.byWorker.get(a.workerId);
            return `${workerName(ctx, a.workerId)} (${w ? w.excluded : 'not in a case-holding post at month end'})`;
          });
          return `allocated only to ${why.join(', ')}: not counted`;
        },
      );
    }
  },
  extras: (totals) => ({ countedWorkers: totals.countedWorkers ?? 0 }),
  example: {
    month: '2025-03',
    story:
      'At the end of March 2025: Ann (1 FTE) holds 3 children; Ben works 0.5 FTE and holds 2, one of whom is also allocated to Ann; ' +
      'Cat, from an agency, holds 2; Dan is on long-term absence with 2 children, neither counted. That is 6 distinct children ' +
      '(Ann\'s 3, Ben\'s other one, Cat\'s 2) over 2.5 FTE.',
    inputs: () =>
      inputsOf(
        staffed('W1', 'Ann', 'T1'), staffed('W2', 'Ben', 'T1', 0.5), staffed('W3', 'Cat', 'T2', 1, { agency: true }),
        staffed('W4', 'Dan', 'T2'), absence('W4', '2025-02-01'),
        allocation('C1', 'W1', '2025-01-06'), allocation('C2', 'W1', '2025-01-06'), allocation('C3', 'W1', '2025-01-06'),
        allocation('C3', 'W2', '2025-02-03'), allocation('C4', 'W2', '2025-02-03'),
        allocation('C5', 'W3', '2025-02-03'), allocation('C6', 'W3', '2025-02-03'),
        allocation('C7', 'W4', '2025-01-06'), allocation('C8', 'W4', '2025-01-06'),
      ),
    expected: '2.40',
  },
};

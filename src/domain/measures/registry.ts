/** Every measure, in the order of the performance dataset: the 15 contract measures, then the national ones. */
import { cinRate } from './definitions/cin-rate.js';
import { claRate } from './definitions/cla-rate.js';
import { cpPlans2Years } from './definitions/cp-plans-2-years.js';
import { cpSecondPlans } from './definitions/cp-second-plans.js';
import { m01ContactsDecided24h } from './definitions/m01-contacts-decided-24h.js';
import { m02CpRate } from './definitions/m02-cp-rate.js';
import { m03Icpc15wd } from './definitions/m03-icpc-15wd.js';
import { m04Assessments45wd } from './definitions/m04-assessments-45wd.js';
import { m05Unallocated5wd } from './definitions/m05-unallocated-5wd.js';
import { m06CpVisits10wd } from './definitions/m06-cp-visits-10wd.js';
import { m07CpReviews } from './definitions/m07-cp-reviews.js';
import { m08CpSupervision4wk } from './definitions/m08-cp-supervision-4wk.js';
import { m09ReturnInterviews72h } from './definitions/m09-return-interviews-72h.js';
import { m10CinVisits20wd } from './definitions/m10-cin-visits-20wd.js';
import { m11ClaVisits } from './definitions/m11-cla-visits.js';
import { m12ClaReviews } from './definitions/m12-cla-reviews.js';
import { m13SwVacancyRate } from './definitions/m13-sw-vacancy-rate.js';
import { m14AverageCaseload } from './definitions/m14-average-caseload.js';
import { m15AuditsRiOrBetter } from './definitions/m15-audits-ri-or-better.js';
import { rereferrals } from './definitions/rereferrals.js';
import type { MeasureDefinition } from './types.js';

export const measures: readonly MeasureDefinition[] = Object.freeze([
  m01ContactsDecided24h,
  m02CpRate,
  m03Icpc15wd,
  m04Assessments45wd,
  m05Unallocated5wd,
  m06CpVisits10wd,
  m07CpReviews,
  m08CpSupervision4wk,
  m09ReturnInterviews72h,
  m10CinVisits20wd,
  m11ClaVisits,
  m12ClaReviews,
  m13SwVacancyRate,
  m14AverageCaseload,
  m15AuditsRiOrBetter,
  rereferrals,
  cinRate,
  claRate,
  cpSecondPlans,
  cpPlans2Years,
]);

const BY_ID: ReadonlyMap<string, MeasureDefinition> = new Map(measures.map((m) => [m.id, m]));

/** The measure with an id; throws for an unknown id. */
export function measureById(id: string): MeasureDefinition {
  const def = BY_ID.get(id);
  if (!def) throw new RangeError(`Unknown measure: ${id}`);
  return def;
}

/** The contract measure with a number 1–15; throws for any other number. */
export function measureByNumber(n: number): MeasureDefinition {
  const def = measures.find((m) => m.number === n);
  if (!def) throw new RangeError(`No contract measure number ${n}`);
  return def;
}

export {
  cinRate, claRate, cpPlans2Years, cpSecondPlans, m01ContactsDecided24h, m02CpRate, m03Icpc15wd, m04Assessments45wd, m05Unallocated5wd,
  m06CpVisits10wd, m07CpReviews, m08CpSupervision4wk, m09ReturnInterviews72h, m10CinVisits20wd, m11ClaVisits, m12ClaReviews,
  m13SwVacancyRate, m14AverageCaseload, m15AuditsRiOrBetter, rereferrals,
};

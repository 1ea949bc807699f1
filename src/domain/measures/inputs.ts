/**
 * What the measures are computed from: the child-level records, reduced to the facts the measures use,
 * as they were known at one instant ("now", or an earlier "known at"). The repository layer
 * (src/repositories/measure-inputs.ts) loads them; the measures themselves are pure functions of them.
 *
 * Conventions: dates are London calendar dates 'YYYY-MM-DD'; instants are epoch milliseconds; an open
 * record has end null. Everything is already filtered to what was recorded (and not deleted) by the
 * known-at instant.
 */

export interface ContactInput {
  id: string;
  personId: string;
  /** Instant the contact was received. */
  receivedAt: number;
  /** Instant of the front-door decision, or null if none recorded. */
  decisionAt: number | null;
  /** False when the decision was recorded with a date but no time. */
  decisionHasTime: boolean;
  /** Code from codeLists.contactOutcome (REF = accepted as a referral), or null. */
  decision: string | null;
}

export interface ReferralInput {
  id: string;
  personId: string;
  /** London date of the referral. */
  date: string;
  closeDate: string | null;
  teamId: string | null;
}

export interface StrategyInput {
  id: string;
  personId: string;
  /** London date the strategy discussion was held. */
  date: string;
}

export interface S47Input {
  id: string;
  personId: string;
  startDate: string;
  strategyId: string | null;
}

export interface IcpcInput {
  id: string;
  personId: string;
  date: string;
  transferIn: boolean;
  s47Id: string | null;
}

export interface AssessmentInput {
  id: string;
  personId: string;
  startDate: string;
  /** Date authorised (completed), or null while open. */
  authorisedDate: string | null;
  referralId: string | null;
}

export interface PlanInput {
  id: string;
  personId: string;
  startDate: string;
  endDate: string | null;
  teamId: string | null;
}

export interface ReviewInput {
  /** The CP plan (CP reviews) or period of care (looked-after reviews) reviewed. */
  ofId: string;
  personId: string;
  date: string;
}

export interface VisitInput {
  personId: string;
  date: string;
  seen: boolean;
  kind: 'CIN' | 'CP' | 'CLA';
}

export interface SupervisionInput {
  personId: string;
  date: string;
  /** CS case supervision, MO management oversight. */
  type: string;
}

export interface MissingInput {
  id: string;
  personId: string;
  startAt: number;
  /** Instant the child returned, or null if still missing. */
  endAt: number | null;
  rhiOffered: boolean;
  rhiAccepted: boolean;
  /** Instant the return home interview was held, or null. */
  rhiCompletedAt: number | null;
}

export interface ClaEpisodeInput {
  id: string;
  personId: string;
  /** The period of care the episode belongs to. */
  claId: string;
  startDate: string;
  ceasedDate: string | null;
}

export interface LegalStatusInput {
  personId: string;
  status: string;
  startDate: string;
  endDate: string | null;
}

export interface PlacementInput {
  id: string;
  personId: string;
  claId: string;
  startDate: string;
  endDate: string | null;
  longTerm: boolean;
}

export interface AllocationInput {
  personId: string;
  workerId: string;
  /** Code from codeLists.allocationRole; CH is case-holding. */
  role: string | null;
  startDate: string;
  endDate: string | null;
  teamId: string | null;
}

export interface WorkerInput {
  id: string;
  name: string;
  /** Left the authority's employment on this date (not employed from it), or null. */
  endDate: string | null;
}

export interface PostInput {
  id: string;
  teamId: string;
  fte: number;
  socialWorker: boolean;
  caseHolding: boolean;
  startDate: string;
  endDate: string | null;
}

export interface PostHolderInput {
  postId: string;
  workerId: string;
  fte: number;
  agency: boolean;
  startDate: string;
  endDate: string | null;
}

export interface AbsenceInput {
  workerId: string;
  startDate: string;
  endDate: string | null;
  longTerm: boolean;
}

export interface AuditInput {
  id: string;
  personId: string | null;
  date: string;
  /** Code from codeLists.auditGrade. */
  grade: string;
  moderatedGrade: string | null;
}

export interface PopulationInput {
  /** The 30 June of this year. */
  midYear: number;
  children: number;
}

export interface MeasureInputs {
  /** The instant the records are as known at. */
  knownAt: number;
  contacts: ContactInput[];
  referrals: ReferralInput[];
  strategies: StrategyInput[];
  s47s: S47Input[];
  icpcs: IcpcInput[];
  assessments: AssessmentInput[];
  cinPlans: PlanInput[];
  cpPlans: PlanInput[];
  cpReviews: ReviewInput[];
  /** Visits; only those in which the child was seen count (the database loader reads no others). */
  visits: VisitInput[];
  supervisions: SupervisionInput[];
  missing: MissingInput[];
  claEpisodes: ClaEpisodeInput[];
  legalStatuses: LegalStatusInput[];
  placements: PlacementInput[];
  claReviews: ReviewInput[];
  allocations: AllocationInput[];
  workers: WorkerInput[];
  posts: PostInput[];
  postHolders: PostHolderInput[];
  absences: AbsenceInput[];
  audits: AuditInput[];
  population: PopulationInput[];
}

export function emptyInputs(knownAt = Date.now()): MeasureInputs {
  return {
    knownAt,
    contacts: [], referrals: [], strategies: [], s47s: [], icpcs: [], assessments: [], cinPlans: [], cpPlans: [],
    cpReviews: [], visits: [], supervisions: [], missing: [], claEpisodes: [], legalStatuses: [], placements: [],
    claReviews: [], allocations: [], workers: [], posts: [], postHolders: [], absences: [], audits: [], population: [],
  };
}

export { DUE_SOON_WORKING_DAYS, dueByDate, dueFromClock, dueWords, type Due, type DueState } from './due.js';
export {
  caseSituation,
  caseWork,
  WORK_KINDS,
  workKindsFor,
  worstFirst,
  type CaseRecords,
  type PlanKind,
  type WorkItem,
  type WorkKind,
  type WorkSettings,
} from './work.js';
export { stepsWaiting, unallocatedSpell, type AllocationFacts, type EarlyHelpStep, type StepWaiting, type UnallocatedSpell } from './waiting.js';

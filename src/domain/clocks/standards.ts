/**
 * An authority's local standards: the timescales that are local choices rather than statute
 * (kpi-definitions.md, "Local standards"), each with the documented default.
 */

export interface LocalStandards {
  /** CP visits (child seen): at most this many working days apart. Default 10. */
  cpVisitWorkingDays: number;
  /** CIN visits (child seen): at most this many working days apart. Default 20. */
  cinVisitWorkingDays: number;
  /** CP case supervision: at most this many calendar days apart. Default 28. */
  cpSupervisionDays: number;
  /** CIN case supervision: at most this many calendar days apart. Default 56 (8 weeks). */
  cinSupervisionDays: number;
  /** CLA case supervision: at most this many calendar days apart. Default 56 (8 weeks). */
  claSupervisionDays: number;
  /** Contact decision: elapsed hours from the contact being received. Default 24. */
  contactDecisionHours: number;
  /** Allocation of a case-holding worker: working days from the start of an unallocated spell. Default 5. */
  allocationWorkingDays: number;
  /** Return home interview: elapsed hours from the child's return. Default 72 (statutory guidance). */
  returnInterviewHours: number;
  /**
   * Where the 45-working-day assessment clock starts: the assessment start date (DfE CIN census, default)
   * or the referral date (Working Together wording).
   */
  assessmentFrom: 'assessment start' | 'referral';
}

/** The names of the numeric settings (the ones a clock's length can come from). */
export type NumericStandard = Exclude<keyof LocalStandards, 'assessmentFrom'>;

export const DEFAULT_LOCAL_STANDARDS: Readonly<LocalStandards> = Object.freeze({
  cpVisitWorkingDays: 10,
  cinVisitWorkingDays: 20,
  cpSupervisionDays: 28,
  cinSupervisionDays: 56,
  claSupervisionDays: 56,
  contactDecisionHours: 24,
  allocationWorkingDays: 5,
  returnInterviewHours: 72,
  assessmentFrom: 'assessment start',
});

/**
 * An authority's standards: the defaults with its overrides applied. Throws if a length is not a whole
 * number of at least 1 or `assessmentFrom` is not one of the two options.
 */
export function localStandards(overrides: Partial<LocalStandards> = {}): LocalStandards {
  const merged: LocalStandards = { ...DEFAULT_LOCAL_STANDARDS, ...overrides };
  for (const key of Object.keys(DEFAULT_LOCAL_STANDARDS) as (keyof LocalStandards)[]) {
    if (key === 'assessmentFrom') continue;
    const value = merged[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`Local standard ${key} must be a whole number of at least 1, not ${String(value)}`);
    }
  }
  if (merged.assessmentFrom !== 'assessment start' && merged.assessmentFrom !== 'referral') {
    throw new RangeError(`Local standard assessmentFrom must be 'assessment start' or 'referral', not ${String(merged.assessmentFrom)}`);
  }
  return merged;
}

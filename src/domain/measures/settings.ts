/**
 * The choices the measure definitions leave to the authority (kpi-definitions.md: "where a definition leaves
 * a choice to the local authority, the default is stated and the choice must be configurable"), with the
 * documented defaults. Timescales that are local standards live in {@link LocalStandards}; the working-day
 * calendar (bank holidays plus the authority's closure days) is a setting too.
 */
import { ENGLAND_AND_WALES, type WorkingCalendar } from '../calendar/working-days.js';
import { DEFAULT_LOCAL_STANDARDS, localStandards, type LocalStandards } from '../clocks/standards.js';
import type { PopulationInput } from './inputs.js';

export interface MeasureSettings {
  /** Working days: England and Wales bank holidays plus the authority's closure days. */
  calendar: WorkingCalendar;
  /** Local standards: visit and supervision frequencies, hours for decisions and interviews, assessment start. */
  standards: LocalStandards;
  /** Allocation roles (codeLists.allocationRole) that hold the case. Default ['CH']. */
  caseHoldingRoles: readonly string[];
  /** Count personal advisers (role PA) as case-holding, for measures 5 and 14. Default false. */
  personalAdvisersCaseHolding: boolean;
  /** Legal statuses of short-break care, excluded from measures 11, 12 and the looked-after rate. Default V3, V4. */
  shortBreakLegalStatuses: readonly string[];
  /** Supervision types (codeLists.supervisionType) that count as case supervision for measure 8. Default ['CS']. */
  caseSupervisionTypes: readonly string[];
  /** Final audit grades that are "Requires Improvement or better" for measure 15. Default O, G, RI. */
  auditGradesRiOrBetter: readonly string[];
  /**
   * The mid-year population estimates (children aged 0–17) for the rates, or null to use the ones loaded with
   * the inputs. Settled detail 3 chooses the year.
   */
  population: readonly PopulationInput[] | null;
}

export const DEFAULT_MEASURE_SETTINGS: Readonly<MeasureSettings> = Object.freeze({
  calendar: ENGLAND_AND_WALES,
  standards: DEFAULT_LOCAL_STANDARDS,
  caseHoldingRoles: Object.freeze(['CH']),
  personalAdvisersCaseHolding: false,
  shortBreakLegalStatuses: Object.freeze(['V3', 'V4']),
  caseSupervisionTypes: Object.freeze(['CS']),
  auditGradesRiOrBetter: Object.freeze(['O', 'G', 'RI']),
  population: null,
});

/** Overrides for an authority; `standards` may itself be partial. */
export type MeasureSettingsOverrides = Partial<Omit<MeasureSettings, 'standards'>> & { standards?: Partial<LocalStandards> };

/** The defaults with an authority's overrides applied (standards are checked by {@link localStandards}). */
export function measureSettings(overrides: MeasureSettingsOverrides = {}): MeasureSettings {
  const { standards, ...rest } = overrides;
  return { ...DEFAULT_MEASURE_SETTINGS, ...rest, standards: localStandards({ ...DEFAULT_LOCAL_STANDARDS, ...standards }) };
}

/** The name of a setting a measure depends on: a {@link MeasureSettings} field or a {@link LocalStandards} field. */
export type SettingName = Exclude<keyof MeasureSettings, 'standards'> | keyof LocalStandards;

/** What each setting means and its default, for documentation and settings pages. */
export const SETTING_DOCS: Readonly<Record<SettingName, { description: string; default: string }>> = Object.freeze({
  calendar: { description: 'Working days: Monday to Friday except England and Wales bank holidays and the authority\'s closure days.', default: 'bank holidays only' },
  caseHoldingRoles: { description: 'Allocation roles that hold the case.', default: 'CH (allocated social worker)' },
  personalAdvisersCaseHolding: { description: 'Whether personal advisers (role PA) count as case-holding.', default: 'no' },
  shortBreakLegalStatuses: { description: 'Legal statuses of short-break care, left out of the looked-after measures.', default: 'V3, V4' },
  caseSupervisionTypes: { description: 'Supervision record types that count as case supervision.', default: 'CS (case supervision)' },
  auditGradesRiOrBetter: { description: 'Final audit grades counted as Requires Improvement or better.', default: 'O, G, RI' },
  population: { description: 'Mid-year estimates of children aged 0–17, by year (settled detail 3 picks the year).', default: 'as loaded' },
  cpVisitWorkingDays: { description: 'CP visits (child seen) at most this many working days apart.', default: '10' },
  cinVisitWorkingDays: { description: 'CIN visits (child seen) at most this many working days apart.', default: '20' },
  cpSupervisionDays: { description: 'CP case supervision within this many calendar days up to month end.', default: '28' },
  cinSupervisionDays: { description: 'CIN case supervision interval in calendar days (not used by a measure).', default: '56' },
  claSupervisionDays: { description: 'Looked-after case supervision interval in calendar days (not used by a measure).', default: '56' },
  contactDecisionHours: { description: 'Elapsed hours from a contact being received to the decision.', default: '24' },
  allocationWorkingDays: { description: 'Working days a child may be unallocated before counting in measure 5.', default: '5' },
  returnInterviewHours: { description: 'Elapsed hours from a return to the return home interview.', default: '72' },
  assessmentFrom: { description: 'Where the 45-working-day assessment clock starts: the assessment start (DfE) or the referral date.', default: 'assessment start' },
});

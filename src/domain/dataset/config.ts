/**
 * An authority's settings for its performance dataset: everything the definitions leave to the authority.
 * Stored as settings in the database (src/repositories/settings.ts); these are the defaults.
 */
import type { LocalStandards } from '../clocks/standards.js';
import type { MeasureSettingsOverrides } from '../measures/settings.js';
import type { RagThresholds } from './trend.js';

export interface DatasetConfig {
  /** The DfE local authority (3-digit code) whose published figures and neighbours are the comparators. */
  comparatorLaCode: string | null;
  /** DfE statistical neighbour grouping: the 2025 model or the April 2021 groupings. */
  neighbourGrouping: '2025' | '2021';
  /** Extra days the authority is closed (not working days), 'YYYY-MM-DD'. */
  closureDays: string[];
  standards: Partial<LocalStandards>;
  measureOptions: Omit<MeasureSettingsOverrides, 'standards' | 'calendar' | 'population'>;
  /** Target and amber band per measure id. */
  targets: Record<string, RagThresholds>;
  /** Differences from a comparator within this many units are "in line" (◄), per measure unit. */
  tolerance: { percent: number; rate: number; count: number; caseload: number };
}

/**
 * Default targets: the levels a trust in improvement typically sets itself (the seed report's trust
 * aimed at these); every one can be changed per authority.
 */
export const DEFAULT_TARGETS: Record<string, RagThresholds> = {
  'm01-contacts-decided-24h': { target: 85, amberWithin: 10 },
  'm03-icpc-15wd': { target: 85, amberWithin: 10 },
  'm04-assessments-45wd': { target: 85, amberWithin: 10 },
  'm05-unallocated-5wd': { target: 10, amberWithin: 10 },
  'm06-cp-visits-10wd': { target: 90, amberWithin: 10 },
  'm07-cp-reviews': { target: 95, amberWithin: 5 },
  'm08-cp-supervision-4wk': { target: 90, amberWithin: 10 },
  'm09-return-interviews-72h': { target: 80, amberWithin: 15 },
  'm10-cin-visits-20wd': { target: 90, amberWithin: 10 },
  'm11-cla-visits': { target: 95, amberWithin: 5 },
  'm12-cla-reviews': { target: 95, amberWithin: 5 },
  'm13-sw-vacancy-rate': { target: 15, amberWithin: 5 },
  'm14-average-caseload': { target: 18, amberWithin: 2 },
  'm15-audits-ri-or-better': { target: 80, amberWithin: 10 },
};

export const DEFAULT_DATASET_CONFIG: DatasetConfig = {
  comparatorLaCode: null,
  neighbourGrouping: '2025',
  closureDays: [],
  standards: {},
  measureOptions: {},
  targets: DEFAULT_TARGETS,
  tolerance: { percent: 1, rate: 1, count: 0, caseload: 0.5 },
};

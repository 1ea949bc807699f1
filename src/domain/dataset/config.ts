/**
 * An authority's settings for its performance dataset: everything the definitions leave to the authority.
 * Stored as settings in the database (src/repositories/settings.ts); these are the defaults.
 */
import { DEFAULT_LOCAL_STANDARDS, localStandards, type LocalStandards } from '../clocks/standards.js';
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
  /** Targets and timescales of the monthly monitoring report's quality assurance sections. */
  monitoring: MonitoringSettings;
}

export interface MonitoringSettings {
  /** Case-file audits expected each month; null: `auditsPerManagerPerMonth` for each team with a manager. */
  auditTargetPerMonth: number | null;
  /** With no fixed target, audits expected of each team's manager each month (the seed report's trust expected 1). */
  auditsPerManagerPerMonth: number;
  /** Audit moderations expected each month, or null for no target. */
  moderationTargetPerMonth: number | null;
  /** Working days a complaint has for its response. */
  complaintResponseWorkingDays: number;
}

export const DEFAULT_MONITORING: MonitoringSettings = {
  auditTargetPerMonth: null,
  auditsPerManagerPerMonth: 1,
  moderationTargetPerMonth: null,
  complaintResponseWorkingDays: 20,
};

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
  monitoring: DEFAULT_MONITORING,
};

/** Checks a setting's value before it is stored; returns what is wrong, in plain English, or null. */
export function settingProblem(key: keyof DatasetConfig, value: unknown): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  switch (key) {
    case 'comparatorLaCode':
      return value === null || (typeof value === 'string' && /^\d{3}$/.test(value)) ? null : 'comparatorLaCode must be a 3-digit DfE code such as "333", or null';
    case 'neighbourGrouping':
      return value === '2025' || value === '2021' ? null : 'neighbourGrouping must be "2025" or "2021"';
    case 'closureDays':
      return Array.isArray(value) && value.every((d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))
        ? null : 'closureDays must be a list of dates, "YYYY-MM-DD"';
    case 'standards':
      if (!isObject(value)) return 'standards must be an object, e.g. {"cpVisitWorkingDays": 10}';
      try {
        localStandards({ ...DEFAULT_LOCAL_STANDARDS, ...value });
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    case 'measureOptions':
      return isObject(value) ? null : 'measureOptions must be an object';
    case 'targets':
      if (!isObject(value)) return 'targets must be an object: {"<measure id>": {"target": 90, "amberWithin": 5}}';
      for (const [id, t] of Object.entries(value)) {
        if (!isObject(t) || typeof t.target !== 'number' || typeof t.amberWithin !== 'number' || t.amberWithin < 0) {
          return `targets["${id}"] must be {"target": number, "amberWithin": number of 0 or more}`;
        }
      }
      return null;
    case 'tolerance':
      return isObject(value) && ['percent', 'rate', 'count', 'caseload'].every((k) => typeof value[k] === 'number' && (value[k] as number) >= 0)
        ? null : 'tolerance must give percent, rate, count and caseload, each a number of 0 or more';
    case 'monitoring': {
      if (!isObject(value)) return 'monitoring must be an object, e.g. {"auditTargetPerMonth": 60, "complaintResponseWorkingDays": 20}';
      const count = (v: unknown, nullable: boolean) => (nullable && v === null) || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
      for (const [k, v] of Object.entries(value)) {
        if (k === 'auditTargetPerMonth' || k === 'moderationTargetPerMonth') {
          if (!count(v, true)) return `monitoring.${k} must be a whole number of 0 or more, or null for none`;
        } else if (k === 'auditsPerManagerPerMonth') {
          if (!count(v, false)) return 'monitoring.auditsPerManagerPerMonth must be a whole number of 0 or more';
        } else if (k === 'complaintResponseWorkingDays') {
          if (!count(v, false) || (v as number) < 1 || (v as number) > 65) return 'monitoring.complaintResponseWorkingDays must be a whole number of working days from 1 to 65';
        } else return `monitoring has no setting "${k}" (it has auditTargetPerMonth, auditsPerManagerPerMonth, moderationTargetPerMonth and complaintResponseWorkingDays)`;
      }
      return null;
    }
  }
}

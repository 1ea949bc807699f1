/**
 * The comparator measures DfE publishes, and where each comes from. The performance measures map their own
 * measures onto these ids. Sources are listed preferred edition first.
 */
import type { DfeDataFileId } from './sources.js';
import type { PeriodKind } from './periods.js';

export type ComparatorMeasureId =
  | 'cp-plan-rate'
  | 'cp-plans-at-31-march'
  | 'cin-rate'
  | 'cin-at-31-march'
  | 'cla-rate'
  | 'cla-at-31-march'
  | 're-referrals'
  | 'second-cp-plans'
  | 'cp-plans-2-years'
  | 'sw-vacancy-rate'
  | 'sw-vacancy-agency-cover'
  | 'sw-agency-rate'
  | 'sw-caseload'
  | 'sw-turnover';

export type ComparatorUnit = 'per 10,000 children' | 'percent' | 'children' | 'cases per FTE';

/** A value read straight from a column. */
export interface ColumnSource {
  kind: 'column';
  file: DfeDataFileId;
  column: string;
  /** Value of the file's filter column (e.g. the CLA population_type) that selects the row. */
  filter?: string;
}

/**
 * A rate DfE does not publish in these files: count (at 31 March of time_period) ÷ population aged 0 to 17
 * (pop.csv, mid-year time_period − 1, as DfE does) × 10,000, rounded half up.
 */
export interface RateSource {
  kind: 'rate-per-10k';
  file: DfeDataFileId;
  countColumn: string;
  filter?: string;
  populationFile: 'population';
  populationColumn: 'population_estimate';
  /** pop.csv time_period = this measure's time_period + offset. */
  populationYearOffset: -1;
}

export type MeasureSource = ColumnSource | RateSource;

export interface ComparatorMeasure {
  id: ComparatorMeasureId;
  label: string;
  unit: ComparatorUnit;
  /** Decimal places of the value (as published, or as computed). */
  decimals: number;
  /** Decimal places of a statistical-neighbour average. */
  averageDecimals: number;
  period: PeriodKind;
  /** Preferred edition first. */
  sources: readonly MeasureSource[];
  /** The Threadline measure this is shown beside (kpi-definitions.md). */
  correspondsTo: string;
  note?: string;
}

const CLA_AT_31_MARCH = 'Children looked after on 31 March each year';

export const comparatorMeasures: readonly ComparatorMeasure[] = [
  {
    id: 'cp-plan-rate',
    label: 'Children on a child protection plan at 31 March per 10,000 children',
    unit: 'per 10,000 children',
    decimals: 1,
    averageDecimals: 1,
    period: 'at-31-march',
    sources: [{
      kind: 'rate-per-10k', file: 'd5-plan-duration', countColumn: 'CPP_At31',
      populationFile: 'population', populationColumn: 'population_estimate', populationYearOffset: -1,
    }],
    correspondsTo: 'Contract measure 2: children on a CP plan per 10,000 children',
    note:
      'No rate column in the CIN files: computed from CPP_At31 (d5) and pop.csv. National and regional counts ' +
      'are published rounded to the nearest 10, so computed rates can differ slightly from rates DfE computes ' +
      'from unrounded counts.',
  },
  {
    id: 'cp-plans-at-31-march',
    label: 'Children on a child protection plan at 31 March',
    unit: 'children',
    decimals: 0,
    averageDecimals: 1,
    period: 'at-31-march',
    sources: [{ kind: 'column', file: 'd5-plan-duration', column: 'CPP_At31' }],
    correspondsTo: 'Numerator of contract measure 2',
  },
  {
    id: 'cin-rate',
    label: 'Children in need at 31 March per 10,000 children',
    unit: 'per 10,000 children',
    decimals: 1,
    averageDecimals: 1,
    period: 'at-31-march',
    sources: [{
      kind: 'rate-per-10k', file: 'b1-children-in-need', countColumn: 'At31_episodes',
      populationFile: 'population', populationColumn: 'population_estimate', populationYearOffset: -1,
    }],
    correspondsTo: 'National measure: children in need per 10,000',
    note:
      'Computed from At31_episodes (b1: CIN episodes open at 31 March; a child has at most one open episode) ' +
      'and pop.csv; no rate column in b1.',
  },
  {
    id: 'cin-at-31-march',
    label: 'Children in need at 31 March',
    unit: 'children',
    decimals: 0,
    averageDecimals: 1,
    period: 'at-31-march',
    sources: [{ kind: 'column', file: 'b1-children-in-need', column: 'At31_episodes' }],
    correspondsTo: 'Numerator of the children in need rate',
  },
  {
    id: 'cla-rate',
    label: 'Children looked after at 31 March per 10,000 children',
    unit: 'per 10,000 children',
    decimals: 0,
    averageDecimals: 1,
    period: 'at-31-march',
    sources: [{ kind: 'column', file: 'cla', column: 'rate_per_10000', filter: CLA_AT_31_MARCH }],
    correspondsTo: 'National measure: children looked after per 10,000',
    note: 'As published: a whole number, after the 2025 revision of rates (census-based population).',
  },
  {
    id: 'cla-at-31-march',
    label: 'Children looked after at 31 March',
    unit: 'children',
    decimals: 0,
    averageDecimals: 1,
    period: 'at-31-march',
    sources: [{ kind: 'column', file: 'cla', column: 'children_count', filter: CLA_AT_31_MARCH }],
    correspondsTo: 'Numerator of the looked-after rate',
  },
  {
    id: 're-referrals',
    label: 'Referrals within 12 months of a previous referral',
    unit: 'percent',
    decimals: 1,
    averageDecimals: 1,
    period: 'year-to-31-march',
    sources: [{ kind: 'column', file: 'c1-referrals', column: 'rereferral_percent' }],
    correspondsTo: 'National measure: re-referrals within 12 months',
  },
  {
    id: 'second-cp-plans',
    label: 'Child protection plans starting in the year that were a second or subsequent plan',
    unit: 'percent',
    decimals: 1,
    averageDecimals: 1,
    period: 'year-to-31-march',
    sources: [{ kind: 'column', file: 'd3-subsequent-plans', column: 'CPP_subsequent_percent' }],
    correspondsTo: 'National measure: second or subsequent CP plans',
  },
  {
    id: 'cp-plans-2-years',
    label: 'Child protection plans at 31 March lasting 2 years or more',
    unit: 'percent',
    decimals: 1,
    averageDecimals: 1,
    period: 'at-31-march',
    sources: [{ kind: 'column', file: 'd5-plan-duration', column: '2_years_or_more_percent' }],
    correspondsTo: 'National measure: CP plans lasting 2 years or more',
  },
  {
    id: 'sw-vacancy-rate',
    label: 'Children and family social worker vacancy rate (FTE)',
    unit: 'percent',
    decimals: 1,
    averageDecimals: 1,
    period: 'at-30-september',
    sources: [
      { kind: 'column', file: 'csww-indicators', column: 'vacancy_rate_fte' },
      { kind: 'column', file: 'csww-headline', column: 'vacancy_rate_fte_%' },
    ],
    correspondsTo: 'Contract measure 13: social worker vacancy rate',
    note: 'DfE: vacancies ÷ (vacancies + FTE in post), at 30 September.',
  },
  {
    id: 'sw-vacancy-agency-cover',
    label: 'Vacancies covered by agency workers (FTE)',
    unit: 'percent',
    decimals: 1,
    averageDecimals: 1,
    period: 'at-30-september',
    sources: [
      { kind: 'column', file: 'csww-indicators', column: 'vacancy_agency_cover_rate_fte' },
      { kind: 'column', file: 'csww-headline', column: 'vacancy_agency_cover_rate_fte_%' },
    ],
    correspondsTo: 'Reported beside contract measure 13: share of vacant FTE covered by agency workers',
    note: 'agency_cover_fte ÷ vacancy_fte (England 2022: 5,440.5 ÷ 7,912.9 = 68.8%).',
  },
  {
    id: 'sw-agency-rate',
    label: 'Agency worker rate (FTE)',
    unit: 'percent',
    decimals: 1,
    averageDecimals: 1,
    period: 'at-30-september',
    sources: [
      { kind: 'column', file: 'csww-indicators', column: 'agency_rate_fte' },
      { kind: 'column', file: 'csww-headline', column: 'agency_worker_rate_fte_%' },
    ],
    correspondsTo: 'Workforce: agency workers as a share of agency workers plus FTE in post',
  },
  {
    id: 'sw-caseload',
    label: 'Average caseload of case-holding social workers (FTE)',
    unit: 'cases per FTE',
    decimals: 1,
    averageDecimals: 1,
    period: 'at-30-september',
    sources: [
      { kind: 'column', file: 'csww-indicators', column: 'caseload_fte' },
      { kind: 'column', file: 'csww-headline', column: 'caseload_fte' },
    ],
    correspondsTo: 'Contract measure 14: average caseload',
    note: 'Published to one decimal; Threadline shows its own caseload to two.',
  },
  {
    id: 'sw-turnover',
    label: 'Social worker turnover rate (FTE)',
    unit: 'percent',
    decimals: 1,
    averageDecimals: 1,
    period: 'year-to-30-september',
    sources: [
      { kind: 'column', file: 'csww-indicators', column: 'turnover_rate_fte' },
      { kind: 'column', file: 'csww-headline', column: 'turnover_rate_fte_%' },
    ],
    correspondsTo: 'Workforce: leavers in the year to 30 September ÷ FTE in post at 30 September',
  },
];

const byId: ReadonlyMap<ComparatorMeasureId, ComparatorMeasure> = new Map(comparatorMeasures.map((m) => [m.id, m]));

export function comparatorMeasure(id: ComparatorMeasureId): ComparatorMeasure {
  const m = byId.get(id);
  if (!m) throw new Error(`Unknown comparator measure: ${id}`);
  return m;
}

export function isComparatorMeasureId(id: string): id is ComparatorMeasureId {
  return byId.has(id as ComparatorMeasureId);
}

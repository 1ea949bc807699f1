/**
 * The DfE files in reference/dfe/ (Open Government Licence v3.0): what each holds, which publication and
 * edition it comes from, and what its `time_period` means. Pure data; the loader (load.ts) reads the files.
 */

/** The Explore Education Statistics data files (one row per period × geography). */
export type DfeDataFileId =
  | 'b1-children-in-need'
  | 'c1-referrals'
  | 'd3-subsequent-plans'
  | 'd5-plan-duration'
  | 'cla'
  | 'population'
  | 'csww-indicators'
  | 'csww-headline';

/** The statistical neighbour groupings: DfE April 2021, and the DfE 2025 model. */
export type SnGroupingId = '2021' | '2025';

/**
 * An edition: one release of a publication. Two editions can hold different values for the same year
 * (revisions), so every comparator value says which edition it came from.
 */
export type EditionId = 'cin-2025' | 'cla-2025' | 'population-2025' | 'csww-2025' | 'csww-2022';

export interface Edition {
  id: EditionId;
  publication: string;
  /** e.g. "reporting year 2025". */
  edition: string;
  note?: string;
}

export const editions: Readonly<Record<EditionId, Edition>> = {
  'cin-2025': {
    id: 'cin-2025',
    publication: 'Children in need',
    edition: 'reporting year 2025',
    note: 'Time series 2013 to 2025 as published in the 2025 release.',
  },
  'cla-2025': {
    id: 'cla-2025',
    publication: 'Children looked after in England including adoptions',
    edition: 'reporting year 2025',
    note:
      'Rates per 10,000 for 2021 to 2025 as published in 2025, i.e. after the 2025 revision of rates with ' +
      'census-based population estimates. Earlier editions published different rates for 2021 to 2023.',
  },
  'population-2025': {
    id: 'population-2025',
    publication: 'DfE population estimates of children aged 0 to 17 used for rates per 10,000',
    edition: '2025 revision (census-based)',
    note:
      'Identical, for every geography and year, to the population_estimate that the 2025 looked-after ' +
      'release used for its rates (mid-year Y is used for 31 March Y+1).',
  },
  'csww-2025': {
    id: 'csww-2025',
    publication: "Children's social work workforce",
    edition: 'reporting year 2025',
    note: 'Indicators time series 2017 to 2025 (the preferred edition).',
  },
  'csww-2022': {
    id: 'csww-2022',
    publication: "Children's social work workforce",
    edition: 'reporting year 2022',
    note:
      'Headline measures 2017 to 2022 as published in 2022 (an earlier edition: some years differ from the ' +
      '2025 edition, e.g. England turnover 2022 is 17.1% here and 17.2% there).',
  },
};

/** Columns that identify a row's geography in the EES format. */
export const geographyColumns = [
  'time_period', 'geographic_level', 'region_code', 'region_name', 'old_la_code', 'new_la_code', 'la_name',
] as const;

export interface DfeDataFileMeta {
  id: DfeDataFileId;
  fileName: string;
  edition: EditionId;
  holds: string;
  /** What `time_period` means in this file. */
  timePeriod: string;
  /** A column that splits each geography's row into several (for example the CLA file's population_type). */
  filterColumn?: string;
}

export const dataFiles: Readonly<Record<DfeDataFileId, DfeDataFileMeta>> = {
  'b1-children-in-need': {
    id: 'b1-children-in-need',
    fileName: 'b1_children_in_need_2013_to_2025.csv',
    edition: 'cin-2025',
    holds: 'Children in need episodes: at any point in the year, started, ended, open at 31 March; awaiting assessment.',
    timePeriod: 'Year ending 31 March (2019 = 1 April 2018 to 31 March 2019; At31 columns are at 31 March 2019).',
  },
  'c1-referrals': {
    id: 'c1-referrals',
    fileName: 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
    edition: 'cin-2025',
    holds: 'Referrals in the year, re-referrals within 12 months of a previous referral (count and %), NFA, not in need.',
    timePeriod: 'Year ending 31 March (2019 = referrals from 1 April 2018 to 31 March 2019).',
  },
  'd3-subsequent-plans': {
    id: 'd3-subsequent-plans',
    fileName: 'd3_cpps_subsequent_plan_2013_to_2025.csv',
    edition: 'cin-2025',
    holds: 'Child protection plans started in the year, and those that were a second or subsequent plan (count and %).',
    timePeriod: 'Year ending 31 March (plans started from 1 April to 31 March).',
  },
  'd5-plan-duration': {
    id: 'd5-plan-duration',
    fileName: 'd5_cpps_at31march_by_duration_2013_to_2025.csv',
    edition: 'cin-2025',
    holds: 'Child protection plans open at 31 March (CPP_At31), by length of time on the plan (count and %).',
    timePeriod: 'At 31 March of the year (2025 = plans open at 31 March 2025).',
  },
  cla: {
    id: 'cla',
    fileName: 'cla_number_and_rate_per_10k_children.csv',
    edition: 'cla-2025',
    holds:
      'Children looked after at 31 March, starting and ceasing in the year (population_type), with the ' +
      'population used and the rate per 10,000 children aged 0 to 17.',
    timePeriod: 'Year ending 31 March; "Children looked after on 31 March each year" is at 31 March of the year.',
    filterColumn: 'population_type',
  },
  population: {
    id: 'population',
    fileName: 'pop.csv',
    edition: 'population-2025',
    holds: 'Population estimate of children aged 0 to 17 by geography.',
    timePeriod:
      'The mid-year (30 June) of the estimate: 2024 = mid-2024, which DfE uses for 31 March 2025 ' +
      '(checked against the CLA file, whose 2025 rows carry the 2024 estimate).',
  },
  'csww-indicators': {
    id: 'csww-indicators',
    fileName: 'csww_indicators_2017_to_2025.csv',
    edition: 'csww-2025',
    holds:
      'Children and family social workers: FTE in post, starters, leavers, turnover rate, agency workers and ' +
      'agency rate, agency cover, vacancies and vacancy rate, case holders, cases and caseload, absence.',
    timePeriod:
      'Snapshot at 30 September of the year (2022 = 30 September 2022); turnover counts leavers in the year ' +
      'to 30 September. Same meaning as the headline file (the two agree, e.g. England FTE 31,634.1 in 2022).',
  },
  'csww-headline': {
    id: 'csww-headline',
    fileName: 'csww_headline_measures_2017_to_2022.csv',
    edition: 'csww-2022',
    holds: 'The same workforce measures under the older column names (…_fte_%), 2017 to 2022.',
    timePeriod: 'Snapshot at 30 September of the year (2018 = 30 September 2018); turnover: year to 30 September.',
  },
};

export interface SnGroupingMeta {
  id: SnGroupingId;
  fileName: string;
  label: string;
  publication: string;
}

export const snGroupings: Readonly<Record<SnGroupingId, SnGroupingMeta>> = {
  '2021': {
    id: '2021',
    fileName: 'New_Statistical_Neighbour_Groupings_April_2021.csv',
    label: 'DfE statistical neighbours, April 2021 grouping',
    publication: 'DfE children\'s services statistical neighbour benchmarking tool: New Statistical Neighbour Groupings, April 2021',
  },
  '2025': {
    id: '2025',
    fileName: 'sn_model_2025_wide.csv',
    label: 'DfE statistical neighbours, 2025 model',
    publication: 'DfE statistical neighbour model, 2025',
  },
};

/** The default grouping for statistical-neighbour averages. */
export const defaultSnGrouping: SnGroupingId = '2025';

/**
 * Markers DfE uses instead of a number. Any other non-numeric cell is also treated as a marker (never as 0).
 */
export const markerMeanings: Readonly<Record<string, string>> = {
  c: 'suppressed to protect confidentiality',
  x: 'not available',
  z: 'not applicable',
  '..': 'not available',
  ':': 'not available',
  u: 'low reliability (not published)',
  low: 'rounds to zero but is not zero',
  k: 'rounds to zero but is not zero',
  '': 'blank (no value)',
};

export function markerMeaning(marker: string): string {
  return markerMeanings[marker] ?? 'not a number (unrecognised marker)';
}

/**
 * Comparator values from the DfE table: an authority's own published figure, England, its region, and the
 * mean of its statistical neighbours, each with its period, source edition and geography. Pure functions
 * over a DfeTable (see load.ts for loading it).
 */
import { meanOf, parseDecimal, ratePer10k, type Decimal } from './decimal.js';
import {
  comparatorMeasure, type ComparatorMeasure, type ComparatorMeasureId, type MeasureSource,
} from './measures.js';
import { dfePeriod, pickPeriod, type DfePeriod, type PickPeriodOptions } from './periods.js';
import {
  dataFiles, defaultSnGrouping, editions, markerMeaning, snGroupings,
  type EditionId, type SnGroupingId,
} from './sources.js';
import {
  ENGLAND_CODE, rowKey,
  type AuthorityInfo, type DfeDataFile, type DfeRow, type DfeTable, type GeographicLevel, type SnEntry,
} from './table.js';

export type GeographyRef =
  | { level: 'National' }
  | { level: 'Regional'; regionCode: string }
  | { level: 'Local authority'; laCode: string };

export interface Geography {
  level: GeographicLevel | 'Statistical neighbours';
  /** E92000001 for England, the E12/E13 code of a region, the 3-digit code of an authority (or of the
   *  authority whose neighbours are averaged). */
  code: string;
  name: string;
  /** ONS code of an authority. */
  onsCode?: string;
}

export interface SourceRef {
  editionId: EditionId;
  publication: string;
  edition: string;
  /** File names in reference/dfe/. */
  files: readonly string[];
  columns: readonly string[];
  /** How a value not published as such was computed. */
  derivation?: string;
}

/**
 * - `published`: read from the file; `computed`: derived from published figures (rates, averages);
 * - `suppressed`: the file has a marker instead of a number (kept in `marker`);
 * - `not-published`: no row (or no neighbours) for this geography and period.
 */
export type ValueStatus = 'published' | 'computed' | 'suppressed' | 'not-published';

export interface ComparatorValue {
  measureId: ComparatorMeasureId;
  value: number | null;
  /** The marker in place of a number ('c', 'x', 'z', '..', 'u', 'low', '' …) when suppressed, else null. */
  marker: string | null;
  markerMeaning: string | null;
  status: ValueStatus;
  period: DfePeriod;
  source: SourceRef;
  geography: Geography;
  /** For computed rates: the published inputs. */
  inputs?: { count: string; population: string; populationMidYear: number };
  note?: string;
}

export interface SnAverage extends ComparatorValue {
  grouping: SnGroupingId;
  groupingLabel: string;
  /** How many neighbours had a value (the mean is over these). */
  neighbourCount: number;
  /** How many neighbours the grouping lists (10). */
  groupSize: number;
  /** Each neighbour's own value, closest first. */
  neighbours: readonly NeighbourValue[];
}

export interface ComparatorOptions {
  /** Statistical neighbour grouping; default '2025'. */
  grouping?: SnGroupingId;
  /** A specific edition; default the measure's preferred edition that has the period. */
  edition?: EditionId;
  /** For London boroughs, compare with Inner or Outer London instead of London. Default false. */
  londonSubRegion?: boolean;
}

export interface ComparatorSet {
  measure: ComparatorMeasure;
  period: DfePeriod;
  source: SourceRef;
  authority: ComparatorValue;
  england: ComparatorValue;
  region: ComparatorValue;
  statisticalNeighbours: SnAverage;
}

// ------------------------------------------------------------------------------------------------------------
// Sources, editions and periods

function editionOf(source: MeasureSource): EditionId {
  return dataFiles[source.file].edition;
}

function sourceRef(table: DfeTable, source: MeasureSource): SourceRef {
  const ed = editions[editionOf(source)];
  const file = dataFiles[source.file].fileName;
  if (source.kind === 'column') {
    return { editionId: ed.id, publication: ed.publication, edition: ed.edition, files: [file], columns: [source.column] };
  }
  const pop = table.files[source.populationFile].meta;
  return {
    editionId: ed.id,
    publication: ed.publication,
    edition: ed.edition,
    files: [file, pop.fileName],
    columns: [source.countColumn, source.populationColumn],
    derivation:
      `${source.countColumn} ÷ children aged 0 to 17 at the previous 30 June (${pop.fileName} ` +
      `${source.populationColumn}, ${editions[pop.edition].edition}) × 10,000, rounded half up to one decimal`,
  };
}

function periodsOfSource(table: DfeTable, source: MeasureSource): number[] {
  const own = table.files[source.file].timePeriods;
  if (source.kind === 'column') return [...own];
  const pop = new Set(table.files[source.populationFile].timePeriods);
  return own.filter((tp) => pop.has(tp + source.populationYearOffset));
}

function candidateSources(measure: ComparatorMeasure, edition: EditionId | undefined): readonly MeasureSource[] {
  if (edition === undefined) return measure.sources;
  const found = measure.sources.filter((s) => editionOf(s) === edition);
  if (found.length === 0) throw new Error(`${measure.id} is not published in edition ${edition}`);
  return found;
}

/** Time periods a measure is published for (in the given edition, or in any), ascending. */
export function measurePeriods(table: DfeTable, measureId: ComparatorMeasureId, edition?: EditionId): number[] {
  const set = new Set<number>();
  for (const s of candidateSources(comparatorMeasure(measureId), edition)) for (const tp of periodsOfSource(table, s)) set.add(tp);
  return [...set].sort((a, b) => a - b);
}

/** The editions holding a measure (for a period, if given), preferred first. */
export function measureEditions(table: DfeTable, measureId: ComparatorMeasureId, timePeriod?: number): EditionId[] {
  return comparatorMeasure(measureId).sources
    .filter((s) => timePeriod === undefined || periodsOfSource(table, s).includes(timePeriod))
    .map(editionOf);
}

function chooseSource(
  table: DfeTable, measure: ComparatorMeasure, timePeriod: number, edition: EditionId | undefined,
): MeasureSource {
  const candidates = candidateSources(measure, edition);
  const source = candidates.find((s) => periodsOfSource(table, s).includes(timePeriod));
  if (!source) {
    throw new Error(
      `${measure.id} has no ${dfePeriod(timePeriod, measure.period).label} figures` +
      (edition ? ` in edition ${edition}` : '') + ` (published: ${measurePeriods(table, measure.id, edition).join(', ')})`,
    );
  }
  return source;
}

/** The published period to show beside a reporting month "YYYY-MM" (see PeriodRule), or null. */
export function periodForMonth(
  table: DfeTable, measureId: ComparatorMeasureId, month: string,
  options: PickPeriodOptions & { edition?: EditionId } = {},
): DfePeriod | null {
  const measure = comparatorMeasure(measureId);
  return pickPeriod(measurePeriods(table, measureId, options.edition), measure.period, month, options);
}

// ------------------------------------------------------------------------------------------------------------
// Geographies

function authorityInfo(table: DfeTable, laCode: string): AuthorityInfo {
  const info = table.authorities.get(laCode);
  if (!info) throw new Error(`Unknown local authority code "${laCode}" (DfE 3-digit old_la_code expected)`);
  return info;
}

function geographyKey(ref: GeographyRef): { level: GeographicLevel; code: string } {
  switch (ref.level) {
    case 'National': return { level: 'National', code: ENGLAND_CODE };
    case 'Regional': return { level: 'Regional', code: ref.regionCode };
    case 'Local authority': return { level: 'Local authority', code: ref.laCode };
  }
}

function describeGeography(table: DfeTable, ref: GeographyRef, row: DfeRow | undefined): Geography {
  switch (ref.level) {
    case 'National':
      return { level: 'National', code: ENGLAND_CODE, name: 'England' };
    case 'Regional': {
      const name = table.regions.get(ref.regionCode);
      if (name === undefined) throw new Error(`Unknown region code "${ref.regionCode}"`);
      return { level: 'Regional', code: ref.regionCode, name };
    }
    case 'Local authority': {
      const info = authorityInfo(table, ref.laCode);
      const own = row && !row.jointCodes;
      return {
        level: 'Local authority', code: ref.laCode,
        name: (own && row.laName) || info.name, onsCode: (own && row.newLaCode) || info.onsCode,
      };
    }
  }
}

const LONDON = 'E12000007';

/** The region an authority is compared with in a period: its E12 region (London for Inner/Outer London). */
export function regionOf(
  table: DfeTable, laCode: string, options: { londonSubRegion?: boolean; row?: DfeRow } = {},
): { regionCode: string; regionName: string } {
  const info = authorityInfo(table, laCode);
  const code = options.row?.regionCode || info.regionCode;
  const regionCode = code.startsWith('E13') && !options.londonSubRegion ? LONDON : code;
  return { regionCode, regionName: table.regions.get(regionCode) ?? options.row?.regionName ?? info.regionName };
}

// ------------------------------------------------------------------------------------------------------------
// Values

function cell(file: DfeDataFile, row: DfeRow, column: string): string {
  const i = file.columnIndex.get(column);
  if (i === undefined) throw new Error(`${file.meta.fileName}: no column ${column}`);
  return row.cells[i] ?? '';
}

function findRow(file: DfeDataFile, timePeriod: number, ref: GeographyRef, filter = ''): DfeRow | undefined {
  const { level, code } = geographyKey(ref);
  return file.index.get(rowKey(timePeriod, level, code, filter));
}

interface Found {
  value: ComparatorValue;
  /** The row the value came from (shared by the authorities of a joint return). */
  row: DfeRow | undefined;
}

function valueFrom(
  table: DfeTable, measure: ComparatorMeasure, source: MeasureSource, timePeriod: number, ref: GeographyRef,
): Found {
  const file = table.files[source.file];
  const row = findRow(file, timePeriod, ref, source.filter);
  const period = dfePeriod(timePeriod, measure.period);
  const jointNote = row?.jointCodes
    ? `joint return of ${row.laName} (${row.oldLaCode}): the figure covers all of them`
    : undefined;
  const base = {
    measureId: measure.id, period, source: sourceRef(table, source), geography: describeGeography(table, ref, row),
  };
  const withNote = (v: ComparatorValue, note?: string): Found => {
    const notes = [note, jointNote].filter((n): n is string => n !== undefined);
    return { value: notes.length === 0 ? v : { ...v, note: notes.join('; ') }, row };
  };
  const notPublished = (note: string): Found =>
    withNote({ ...base, value: null, marker: null, markerMeaning: null, status: 'not-published' }, note);
  const suppressed = (marker: string, note?: string): Found =>
    withNote({ ...base, value: null, marker, markerMeaning: markerMeaning(marker), status: 'suppressed' }, note);
  if (!row) return notPublished(`${file.meta.fileName} has no row for ${base.geography.name} for ${period.label}`);
  if (source.kind === 'column') {
    const raw = cell(file, row, source.column);
    return parseDecimal(raw)
      ? withNote({ ...base, value: Number(raw.trim()), marker: null, markerMeaning: null, status: 'published' })
      : suppressed(raw);
  }
  const popFile = table.files[source.populationFile];
  const popYear = timePeriod + source.populationYearOffset;
  const popRow = findRow(popFile, popYear, ref);
  const countRaw = cell(file, row, source.countColumn);
  const count = parseDecimal(countRaw);
  if (!count) return suppressed(countRaw, `${source.countColumn} is "${countRaw}"`);
  if (!popRow) return notPublished(`${popFile.meta.fileName} has no mid-${popYear} estimate for ${base.geography.name}`);
  const popRaw = cell(popFile, popRow, source.populationColumn);
  const pop = parseDecimal(popRaw);
  if (!pop || pop.units <= 0n) return suppressed(popRaw, `the mid-${popYear} population estimate is "${popRaw}"`);
  return withNote({
    ...base,
    value: ratePer10k(count, pop, measure.decimals),
    marker: null,
    markerMeaning: null,
    status: 'computed',
    inputs: { count: countRaw, population: popRaw, populationMidYear: popYear },
  });
}

/** A measure's value for England, a region or an authority in a period (preferred edition unless given). */
export function measureValue(
  table: DfeTable, measureId: ComparatorMeasureId, geography: GeographyRef, timePeriod: number,
  options: { edition?: EditionId } = {},
): ComparatorValue {
  const measure = comparatorMeasure(measureId);
  return valueFrom(table, measure, chooseSource(table, measure, timePeriod, options.edition), timePeriod, geography).value;
}

/** The neighbours of an authority in a grouping, with names; null when the grouping does not list it. */
export function statisticalNeighbours(
  table: DfeTable, laCode: string, grouping: SnGroupingId = defaultSnGrouping,
): (SnEntry & { neighbourNames: readonly string[] }) | null {
  const entry = table.groupings[grouping].entries.get(laCode);
  if (!entry) return null;
  const names = entry.neighbours.map((n) =>
    table.authorities.get(n.laCode)?.name ?? table.groupings[grouping].entries.get(n.laCode)?.laName ?? n.laCode);
  return { ...entry, neighbourNames: names };
}

/** A value as an exact decimal for averaging (it was parsed from, or rounded to, a short decimal string). */
function asDecimal(v: ComparatorValue): Decimal {
  const d = parseDecimal(v.value === null ? '' : String(v.value));
  if (!d) throw new Error('unreachable: value without decimal');
  return d;
}

export interface NeighbourValue extends ComparatorValue {
  /** 1 = closest. */
  rank: number;
  closeness: string;
  /** Whether the value is in the mean: not when it has none, or when it repeats a joint return already counted. */
  included: boolean;
}

/**
 * The simple mean of the authority's neighbours' values (each as published, or as computed and rounded),
 * leaving out neighbours with no value (a marker is not zero) and counting a joint return once;
 * rounded half up to the measure's averageDecimals.
 */
export function neighbourAverage(
  table: DfeTable, measureId: ComparatorMeasureId, laCode: string, timePeriod: number,
  options: { grouping?: SnGroupingId; edition?: EditionId } = {},
): SnAverage {
  const measure = comparatorMeasure(measureId);
  const grouping = options.grouping ?? defaultSnGrouping;
  const source = chooseSource(table, measure, timePeriod, options.edition);
  const info = authorityInfo(table, laCode);
  const meta = snGroupings[grouping];
  const entry = table.groupings[grouping].entries.get(laCode);
  const period = dfePeriod(timePeriod, measure.period);
  const base = {
    measureId,
    period,
    geography: {
      level: 'Statistical neighbours' as const, code: laCode,
      name: `Statistical neighbours of ${info.name} (${meta.label})`,
    },
    grouping,
    groupingLabel: meta.label,
    marker: null,
    markerMeaning: null,
  };
  const ref = sourceRef(table, source);
  if (!entry) {
    return {
      ...base, source: ref, value: null, status: 'not-published', neighbourCount: 0, groupSize: 0, neighbours: [],
      note: `${meta.fileName} lists no neighbours for ${info.name} (${laCode})`,
    };
  }
  const ownRow = valueFrom(table, measure, source, timePeriod, { level: 'Local authority', laCode }).row;
  const counted = new Set<DfeRow>(ownRow?.jointCodes ? [ownRow] : []);
  const neighbours: NeighbourValue[] = entry.neighbours.map((n) => {
    const position = { rank: n.rank, closeness: n.closeness };
    if (!table.authorities.has(n.laCode)) {
      // A code with no rows in any data file (not an authority in these years).
      return {
        measureId, period, source: ref, value: null, marker: null, markerMeaning: null, status: 'not-published',
        geography: { level: 'Local authority', code: n.laCode, name: n.laCode },
        note: `no DfE rows for ${n.laCode}`, ...position, included: false,
      };
    }
    const { value, row } = valueFrom(table, measure, source, timePeriod, { level: 'Local authority', laCode: n.laCode });
    if (value.value === null) return { ...value, ...position, included: false };
    if (row?.jointCodes) {
      if (counted.has(row)) {
        const why = row === ownRow ? `reported jointly with ${info.name}` : 'joint return already counted';
        return { ...value, ...position, included: false, note: [value.note, `left out: ${why}`].filter(Boolean).join('; ') };
      }
      counted.add(row);
    }
    return { ...value, ...position, included: true };
  });
  const included = neighbours.filter((v) => v.included);
  const derivation =
    `simple mean of ${included.length} of ${neighbours.length} neighbours' values (${meta.label}), ` +
    `rounded half up to ${measure.averageDecimals} decimal${measure.averageDecimals === 1 ? '' : 's'}`;
  const common = {
    ...base,
    source: {
      ...ref,
      files: [...ref.files, meta.fileName],
      derivation: ref.derivation ? `${derivation}; each ${ref.derivation}` : derivation,
    },
    neighbourCount: included.length,
    groupSize: neighbours.length,
    neighbours,
  };
  if (included.length === 0) {
    return { ...common, value: null, status: 'not-published', note: 'none of the neighbours has a value' };
  }
  const left = neighbours.filter((v) => !v.included);
  return {
    ...common,
    value: meanOf(included.map(asDecimal), measure.averageDecimals),
    status: 'computed',
    ...(left.length === 0 ? {} : {
      note: `left out: ${left.map((v) => `${v.geography.name} (${
        v.value !== null ? 'joint return' : v.marker === null ? 'no row' : `"${v.marker}"`})`).join(', ')}`,
    }),
  };
}

/** The authority's own published value, England, its region and its statistical-neighbour average. */
export function comparators(
  table: DfeTable, measureId: ComparatorMeasureId, laCode: string, timePeriod: number,
  options: ComparatorOptions = {},
): ComparatorSet {
  const measure = comparatorMeasure(measureId);
  const source = chooseSource(table, measure, timePeriod, options.edition);
  const edition = editionOf(source);
  const authority = measureValue(table, measureId, { level: 'Local authority', laCode }, timePeriod, { edition });
  const ownRow = findRow(table.files[source.file], timePeriod, { level: 'Local authority', laCode }, source.filter);
  const { regionCode } = regionOf(table, laCode, { londonSubRegion: options.londonSubRegion, row: ownRow });
  return {
    measure,
    period: authority.period,
    source: sourceRef(table, source),
    authority,
    england: measureValue(table, measureId, { level: 'National' }, timePeriod, { edition }),
    region: measureValue(table, measureId, { level: 'Regional', regionCode }, timePeriod, { edition }),
    statisticalNeighbours: neighbourAverage(table, measureId, laCode, timePeriod, {
      edition, grouping: options.grouping ?? defaultSnGrouping,
    }),
  };
}

/** One comparator set per edition that publishes the period (e.g. both workforce editions for 2017–2022). */
export function comparatorsByEdition(
  table: DfeTable, measureId: ComparatorMeasureId, laCode: string, timePeriod: number,
  options: Omit<ComparatorOptions, 'edition'> = {},
): ComparatorSet[] {
  return measureEditions(table, measureId, timePeriod)
    .map((edition) => comparators(table, measureId, laCode, timePeriod, { ...options, edition }));
}

/** Comparators for a reporting month "YYYY-MM": the period chosen by periodForMonth, or null if none. */
export function comparatorsForMonth(
  table: DfeTable, measureId: ComparatorMeasureId, laCode: string, month: string,
  options: ComparatorOptions & PickPeriodOptions = {},
): ComparatorSet | null {
  const period = periodForMonth(table, measureId, month, options);
  return period === null ? null : comparators(table, measureId, laCode, period.timePeriod, options);
}

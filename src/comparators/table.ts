/**
 * The in-memory table of DfE files: typed rows indexed by period and geography, and the statistical
 * neighbour groupings. Built from parsed CSV records (string[][], header first) by pure functions, so the
 * loader only does file I/O and CSV parsing.
 */
import {
  dataFiles, snGroupings,
  type DfeDataFileId, type DfeDataFileMeta, type SnGroupingId, type SnGroupingMeta,
} from './sources.js';

export type GeographicLevel = 'National' | 'Regional' | 'Local authority';

export const ENGLAND_CODE = 'E92000001';

export interface DfeRow {
  timePeriod: number;
  level: GeographicLevel;
  regionCode: string;
  regionName: string;
  /** 3-digit DfE code ('' for national and regional rows). */
  oldLaCode: string;
  /** ONS code ('' for national and regional rows). */
  newLaCode: string;
  laName: string;
  /** Value of the file's filter column, '' when it has none. */
  filter: string;
  /**
   * Set when one row covers several authorities' joint return (the 2025 workforce file has "314 / 318"
   * Kingston upon Thames / Richmond upon Thames and "940 / 941" North / West Northamptonshire): the row is
   * indexed under each code.
   */
  jointCodes?: readonly string[];
  /** Raw cells, as in the file, in header order. */
  cells: readonly string[];
}

export interface DfeDataFile {
  meta: DfeDataFileMeta;
  header: readonly string[];
  columnIndex: ReadonlyMap<string, number>;
  rows: readonly DfeRow[];
  /** Distinct time periods, ascending. */
  timePeriods: readonly number[];
  /** rowKey(timePeriod, level, code, filter) → row. */
  index: ReadonlyMap<string, DfeRow>;
}

export interface Neighbour {
  /** 1 = closest. */
  rank: number;
  laCode: string;
  /** As given in the file ("Very close", "Close", …), trimmed. */
  closeness: string;
}

export interface SnEntry {
  laCode: string;
  laName: string;
  /** The region as the grouping file names it (the 2021 file splits London into Inner and Outer). */
  region: string;
  neighbours: readonly Neighbour[];
  /** In the 2021 file's "Old SNs" section (authorities before local government reorganisation). */
  legacy: boolean;
}

export interface SnGrouping {
  meta: SnGroupingMeta;
  entries: ReadonlyMap<string, SnEntry>;
}

export interface AuthorityInfo {
  laCode: string;
  onsCode: string;
  name: string;
  regionCode: string;
  regionName: string;
}

export interface DfeTable {
  folder: string;
  files: Readonly<Record<DfeDataFileId, DfeDataFile>>;
  groupings: Readonly<Record<SnGroupingId, SnGrouping>>;
  /** Every local authority in the data files (latest name and region), by 3-digit code. */
  authorities: ReadonlyMap<string, AuthorityInfo>;
  /** Region and sub-region names by code (E12…, E13…), from the regional rows. */
  regions: ReadonlyMap<string, string>;
}

export function rowKey(timePeriod: number, level: GeographicLevel, code: string, filter = ''): string {
  return `${timePeriod}|${level}|${code}|${filter}`;
}

function geographyCode(level: GeographicLevel, regionCode: string, oldLaCode: string): string {
  return level === 'National' ? ENGLAND_CODE : level === 'Regional' ? regionCode : oldLaCode;
}

const levels: ReadonlySet<string> = new Set<GeographicLevel>(['National', 'Regional', 'Local authority']);

/** Builds one EES data file. Throws if a column the catalogue relies on is missing or a key is repeated. */
export function buildDataFile(meta: DfeDataFileMeta, records: readonly (readonly string[])[]): DfeDataFile {
  const [header, ...body] = records;
  if (!header) throw new Error(`${meta.fileName}: empty file`);
  const columnIndex = new Map<string, number>();
  header.forEach((name, i) => {
    if (!columnIndex.has(name)) columnIndex.set(name, i);
  });
  const col = (name: string): number => {
    const i = columnIndex.get(name);
    if (i === undefined) throw new Error(`${meta.fileName}: no column ${name}`);
    return i;
  };
  const [tpI, levelI, rcI, rnI, oldI, newI, nameI] = [
    col('time_period'), col('geographic_level'), col('region_code'), col('region_name'),
    col('old_la_code'), col('new_la_code'), col('la_name'),
  ];
  const filterI = meta.filterColumn === undefined ? undefined : col(meta.filterColumn);
  const rows: DfeRow[] = [];
  const index = new Map<string, DfeRow>();
  const periods = new Set<number>();
  body.forEach((cells, n) => {
    if (cells.every((c) => c === '')) return;
    const at = `${meta.fileName} line ${n + 2}`;
    const level = cells[levelI] ?? '';
    if (!levels.has(level)) throw new Error(`${at}: unknown geographic_level "${level}"`);
    const tp = Number(cells[tpI]);
    if (!Number.isInteger(tp)) throw new Error(`${at}: time_period "${cells[tpI]}" is not a year`);
    const row: DfeRow = {
      timePeriod: tp,
      level: level as GeographicLevel,
      regionCode: cells[rcI] ?? '',
      regionName: cells[rnI] ?? '',
      oldLaCode: cells[oldI] ?? '',
      newLaCode: cells[newI] ?? '',
      laName: cells[nameI] ?? '',
      filter: filterI === undefined ? '' : (cells[filterI] ?? ''),
      cells,
    };
    const codes = row.level === 'Local authority' ? row.oldLaCode.split('/').map((c) => c.trim()) : [];
    if (codes.length > 1) row.jointCodes = codes;
    const keys = codes.length > 1
      ? codes.map((c) => rowKey(tp, row.level, c, row.filter))
      : [rowKey(tp, row.level, geographyCode(row.level, row.regionCode, row.oldLaCode), row.filter)];
    for (const key of keys) {
      if (index.has(key)) throw new Error(`${at}: repeats ${key}`);
      index.set(key, row);
    }
    rows.push(row);
    periods.add(tp);
  });
  return { meta, header, columnIndex, rows, timePeriods: [...periods].sort((a, b) => a - b), index };
}

function neighbourList(
  fileName: string, lineNo: number, codes: readonly string[], closeness: readonly string[],
): Neighbour[] {
  const list = codes.map((laCode, i) => ({ rank: i + 1, laCode: laCode.trim(), closeness: (closeness[i] ?? '').trim() }));
  for (const n of list) {
    if (!/^\d{3}$/.test(n.laCode)) throw new Error(`${fileName} line ${lineNo}: neighbour ${n.rank} "${n.laCode}" is not a 3-digit code`);
  }
  return list;
}

/**
 * The April 2021 file: "LA num, LA Name, LA number, GOInd, GOReg" then SN1, SNP, … SN10, SNP (the
 * closeness columns all share the name SNP, so columns are read by position after checking the header).
 * Blank rows are skipped; rows after the "Old SNs:" line are kept and marked legacy.
 */
export function buildGrouping2021(records: readonly (readonly string[])[]): SnGrouping {
  const meta = snGroupings['2021'];
  const [header, ...body] = records;
  const expected = ['LA num', 'LA Name', 'LA number', 'GOInd', 'GOReg'];
  for (let i = 1; i <= 10; i++) expected.push(`SN${i}`, 'SNP');
  if (!header || expected.some((name, i) => (header[i] ?? '').trim() !== name)) {
    throw new Error(`${meta.fileName}: unexpected header ${JSON.stringify(header)}`);
  }
  const entries = new Map<string, SnEntry>();
  let legacy = false;
  body.forEach((cells, n) => {
    const first = (cells[0] ?? '').trim();
    if (first === '') {
      if ((cells[1] ?? '').trim().toLowerCase().startsWith('old sn')) legacy = true;
      return;
    }
    const codes: string[] = [];
    const closeness: string[] = [];
    for (let i = 0; i < 10; i++) {
      codes.push(cells[5 + 2 * i] ?? '');
      closeness.push(cells[6 + 2 * i] ?? '');
    }
    if (entries.has(first)) throw new Error(`${meta.fileName} line ${n + 2}: ${first} repeated`);
    entries.set(first, {
      laCode: first,
      laName: (cells[1] ?? '').trim(),
      region: (cells[4] ?? '').trim(),
      neighbours: neighbourList(meta.fileName, n + 2, codes, closeness),
      legacy,
    });
  });
  return { meta, entries };
}

/** The 2025 model file: old_la_code, la_name, region_ind, region_name, SN_1, SN_1P, … SN_10, SN_10P. */
export function buildGrouping2025(records: readonly (readonly string[])[]): SnGrouping {
  const meta = snGroupings['2025'];
  const [header, ...body] = records;
  if (!header) throw new Error(`${meta.fileName}: empty file`);
  const col = (name: string): number => {
    const i = header.findIndex((h) => h.trim() === name);
    if (i < 0) throw new Error(`${meta.fileName}: no column ${name}`);
    return i;
  };
  const codeI = col('old_la_code');
  const nameI = col('la_name');
  const regionI = col('region_name');
  const snI = Array.from({ length: 10 }, (_, i) => [col(`SN_${i + 1}`), col(`SN_${i + 1}P`)] as const);
  const entries = new Map<string, SnEntry>();
  body.forEach((cells, n) => {
    const code = (cells[codeI] ?? '').trim();
    if (code === '') return;
    if (entries.has(code)) throw new Error(`${meta.fileName} line ${n + 2}: ${code} repeated`);
    entries.set(code, {
      laCode: code,
      laName: (cells[nameI] ?? '').trim(),
      region: (cells[regionI] ?? '').trim(),
      neighbours: neighbourList(
        meta.fileName, n + 2, snI.map(([c]) => cells[c] ?? ''), snI.map(([, p]) => cells[p] ?? ''),
      ),
      legacy: false,
    });
  });
  return { meta, entries };
}

/** Parsed CSV records for every file, by file id / grouping id. */
export interface DfeRecords {
  files: Readonly<Record<DfeDataFileId, readonly (readonly string[])[]>>;
  groupings: Readonly<Record<SnGroupingId, readonly (readonly string[])[]>>;
}

export function buildTable(folder: string, records: DfeRecords): DfeTable {
  const files = {} as Record<DfeDataFileId, DfeDataFile>;
  for (const id of Object.keys(dataFiles) as DfeDataFileId[]) {
    files[id] = buildDataFile(dataFiles[id], records.files[id]);
  }
  const groupings: Record<SnGroupingId, SnGrouping> = {
    '2021': buildGrouping2021(records.groupings['2021']),
    '2025': buildGrouping2025(records.groupings['2025']),
  };
  const authorities = new Map<string, AuthorityInfo>();
  const seenIn = new Map<string, number>();
  const regions = new Map<string, string>();
  for (const file of Object.values(files)) {
    for (const row of file.rows) {
      if (row.level === 'Regional') regions.set(row.regionCode, row.regionName);
      if (row.level !== 'Local authority' || row.jointCodes) continue;
      // The name and region of the authority's latest row (files differ in period meaning by a few months only).
      if (row.timePeriod >= (seenIn.get(row.oldLaCode) ?? -Infinity)) {
        seenIn.set(row.oldLaCode, row.timePeriod);
        authorities.set(row.oldLaCode, {
          laCode: row.oldLaCode,
          onsCode: row.newLaCode,
          name: row.laName,
          regionCode: row.regionCode,
          regionName: row.regionName,
        });
      }
    }
  }
  return { folder, files, groupings, authorities, regions };
}

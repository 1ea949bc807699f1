/**
 * The dataset as files: CSV (one row per measure, as Appendix 1) and an XLSX workbook laid out like the
 * seed report's Appendix 1, with a drill-down sheet per measure's latest month left to the drill command.
 * Drill-down rows as CSV.
 */
import ExcelJS from 'exceljs';
import type { DrillRow } from '../domain/measures/index.js';
import type { Dataset, DatasetRow } from '../services/dataset.js';
import { spreadsheetCsvLine as csvLine } from './csv.js';

const arrowWords = (d: DatasetRow['changeFromPreviousMonth']) => (d ? `${d.arrow} ${d.words}${d.judgement === 'same' ? '' : ` (${d.judgement})`}` : 'n/a');

function headerCells(ds: Dataset): string[] {
  const first = ds.rows[0];
  const months = first ? first.months.map((m) => m.label) : [];
  return [
    'No.', 'Measure', 'Frequency', 'Service area', 'Better', 'Statistical neighbour average', 'England', 'Region',
    ...months, 'Change from previous month', 'Previous three-month average', 'Against three-month average',
    'Against statistical neighbours', 'Against England', 'Against region', 'Target', 'RAG', 'Numerator', 'Denominator',
    'Notes', 'Commentary',
  ];
}

function comparatorText(row: DatasetRow, label: string): string {
  const c = row.comparators.find((x) => x.label === label);
  return c ? `${c.display} (${c.period})` : 'No comparator published';
}

function directionText(row: DatasetRow, label: string): string {
  const c = row.comparators.find((x) => x.label === label);
  return c?.direction ? `${c.direction.arrow} ${c.direction.words}` : 'n/a';
}

function rowCells(row: DatasetRow): string[] {
  return [
    row.number === null ? 'National' : String(row.number),
    row.title,
    row.frequency,
    row.serviceArea,
    row.better === 'high' ? 'Higher is better' : 'Lower is better',
    comparatorText(row, 'Statistical neighbour average'),
    comparatorText(row, 'England'),
    comparatorText(row, 'Region'),
    ...row.months.map((m) => m.display),
    arrowWords(row.changeFromPreviousMonth),
    row.previousThreeMonthAverage === null ? 'no data' : String(row.previousThreeMonthAverage),
    arrowWords(row.againstThreeMonthAverage),
    directionText(row, 'Statistical neighbour average'),
    directionText(row, 'England'),
    directionText(row, 'Region'),
    row.target === null ? '' : String(row.target),
    row.rag ?? '',
    String(row.latest.numerator),
    row.latest.denominator === null ? '' : String(row.latest.denominator),
    [...row.latest.notes, ...Object.entries(row.latest.extras).map(([k, v]) => `${k}: ${v}`)].join('; '),
    row.commentary ?? '',
  ];
}

export function datasetCsv(ds: Dataset): string {
  return csvLine(headerCells(ds)) + ds.rows.map((r) => csvLine(rowCells(r))).join('');
}

const RAG_FILL: Record<string, string> = { red: 'FFD4351C', amber: 'FFFFDD00', green: 'FF00703C' };

export async function datasetXlsx(ds: Dataset): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Threadline';
  book.created = new Date(ds.generatedAt);
  const sheet = book.addWorksheet(`Dataset ${ds.month}`, { views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }] });
  sheet.addRow([`${ds.authority ?? 'Authority'}: monthly performance statistics`]).font = { bold: true, size: 14 };
  sheet.addRow([ds.monthLabel + (ds.knownAt ? ` (records as known at ${ds.knownAt})` : '')]);
  sheet.addRow([`Generated ${ds.generatedAt}. Comparators: DfE published statistics, Open Government Licence v3.0.`]);
  const headings = headerCells(ds);
  const ragCol = headings.indexOf('RAG') + 1;
  const header = sheet.addRow(headings);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  const firstMonthCol = 9;
  for (const row of ds.rows) {
    const cells: (string | number | null)[] = rowCells(row);
    // Months as numbers, so the workbook can be charted.
    row.months.forEach((m, i) => (cells[firstMonthCol - 1 + i] = m.value));
    const r = sheet.addRow(cells);
    const unitFormat = row.unit === 'percent' ? '0.0"%"' : row.unit === 'caseload' ? '0.00' : row.unit === 'count' ? '0' : '0.0';
    row.months.forEach((_, i) => (r.getCell(firstMonthCol + i).numFmt = unitFormat));
    if (row.rag) r.getCell(ragCol).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILL[row.rag]! } };
  }
  sheet.getColumn(2).width = 50;
  for (let c = 3; c <= headings.length; c++) sheet.getColumn(c).width = 14;
  const buffer = await book.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

export const DRILL_HEADER = ['record', 'child', 'team', 'in numerator', 'in denominator', 'dates', 'explanation', 'data quality'];

export function drillCsvLine(r: DrillRow): string {
  return csvLine([
    r.recordId,
    r.personId ?? '',
    r.teamId ?? '',
    r.inNumerator ? 'Y' : 'N',
    r.inDenominator ? 'Y' : 'N',
    Object.entries(r.dates).map(([k, v]) => `${k}=${v ?? ''}`).join('; '),
    r.explanation,
    r.problem ?? '',
  ]);
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { measureById, measures } from '../domain/measures/index.js';
import { datasetCsv, datasetXlsx } from '../io/dataset-files.js';
import { ExtractWriter } from '../io/extract-writer.js';
import { importExtract } from '../io/importer.js';
import { generateAuthority } from '../synth/generate.js';
import { freshDatabase } from '../testing/databases.js';
import { allRows, buildDataset, drillDown, lateRecording } from './dataset.js';
import { saveCommentary, saveSetting } from '../repositories/settings.js';

// A small synthetic authority (2% of the default) over two years, loaded through the importer.
let db: Database;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadline-dataset-'));
  const writer = await ExtractWriter.create(dir);
  await generateAuthority({ seed: 7, years: 2, scale: 0.05, endDate: '2019-03-31' }, writer);
  await writer.close();
  db = await freshDatabase('pglite');
  await importExtract(db, dir);
}, 180_000);
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

it('builds every measure for 13 months, with comparators for the ones DfE publishes, targets and commentary', async () => {
  await saveCommentary(db, 'm06-cp-visits-10wd', '2019-01', 'Visits improved after the new rota.', 'analyst');
  await saveSetting(db, 'targets', { 'm06-cp-visits-10wd': { target: 99, amberWithin: 1 } }, 'analyst', 'Board target');
  const ds = await buildDataset(db, { month: '2019-01' });
  expect(ds.rows.map((r) => r.id)).toEqual(measures.map((m) => m.id));
  for (const row of ds.rows) {
    expect(row.months.map((m) => m.month)).toEqual([
      '2018-01', '2018-02', '2018-03', '2018-04', '2018-05', '2018-06', '2018-07', '2018-08', '2018-09', '2018-10', '2018-11', '2018-12', '2019-01',
    ]);
  }
  const m06 = ds.rows.find((r) => r.id === 'm06-cp-visits-10wd')!;
  expect(m06.commentary).toBe('Visits improved after the new rota.');
  expect(m06.target).toBe(99);
  expect(m06.rag).toMatch(/red|amber|green/);
  // The synthetic authority compares as Sandwell (333): re-referrals for January 2019 use the year to 31 March 2018.
  const rereferrals = ds.rows.find((r) => r.id === 'rereferrals')!;
  const england = rereferrals.comparators.find((c) => c.label === 'England')!;
  expect(england.period).toBe('year to 31 March 2018');
  expect(rereferrals.comparators.find((c) => c.label === 'Region')!.geography).toBe('West Midlands');
  expect(ds.rows.find((r) => r.id === 'm01-contacts-decided-24h')!.comparators).toEqual([]);
  // Beside vacancies: the published agency rate and turnover, with their period and edition.
  const related = ds.rows.find((r) => r.id === 'm13-sw-vacancy-rate')!.related;
  expect(related.map((r) => r.cells.find((c) => c.label === 'England')?.period)).toEqual(['30 September 2018', '30 September 2018', 'year to 30 September 2018']);
  expect(related[0]!.cells[1]!.source).toMatch(/workforce/i);

  const csv = datasetCsv(ds);
  expect(csv.split('\n')[0]).toMatch(/^No\.,Measure,Frequency/);
  expect(csv.split('\n').filter(Boolean)).toHaveLength(measures.length + 1);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await datasetXlsx(ds)) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(4).getCell(2).value).toBe('Measure');
  expect(sheet.getRow(5).getCell(2).value).toBe(ds.rows[0]!.title);
  expect(sheet.getRow(5).getCell(9 + 12).value).toBe(ds.rows[0]!.latest.value);
});

it('drills from every figure to the records that decide it, in pages that add up to the figure', async () => {
  for (const def of measures) {
    const all = [];
    for await (const r of allRows(db, def, '2019-01')) all.push(r);
    const page = await drillDown(db, def, '2019-01', { offset: 0, limit: 10 });
    expect(page.total).toBe(all.length);
    expect(page.rows.map((r) => r.recordId)).toEqual(all.slice(0, 10).map((r) => r.recordId));
    if (def.unit !== 'rate per 10,000' && def.id !== 'm13-sw-vacancy-rate' && def.id !== 'm14-average-caseload') {
      expect(all.filter((r) => r.inNumerator).length, def.id).toBe(page.value.numerator);
      expect(all.filter((r) => r.inDenominator).length, def.id).toBe(page.value.denominator ?? 0);
    }
    for (const r of page.rows) expect(r.explanation.length, def.id).toBeGreaterThan(0);
  }
});

it('shows the children whose late-recorded visits changed the figure after it was reported', async () => {
  const late = await lateRecording(db, measureById('m10-cin-visits-20wd')!, '2019-01', 0);
  expect(late.reportedAt).toBe('2019-01-31T23:59:59.999Z');
  const gained = late.now.numerator - late.asReported.numerator;
  // The synthetic authority records some visits days after they happen, so the reported figure was lower.
  expect(gained).toBeGreaterThan(0);
  expect(late.changed.filter((c) => c.before !== 'numerator' && c.after === 'numerator').length).toBeGreaterThanOrEqual(gained);
  // With thirty days' grace everything recorded late within a month is in.
  const later = await lateRecording(db, measureById('m10-cin-visits-20wd')!, '2019-01', 30);
  expect(later.changed.length).toBeLessThanOrEqual(late.changed.length);
});

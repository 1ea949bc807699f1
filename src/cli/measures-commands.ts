/**
 * The performance commands: measures (the dataset), drill (the records behind a figure), late (the effect
 * of late recording) and settings (the authority's settings and commentary). Thin: src/services/dataset.ts
 * does the work.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_DATASET_CONFIG, type DatasetConfig } from '../domain/dataset/config.js';
import { isMonth, knownAtInstant, measures } from '../domain/measures/index.js';
import { csvLine } from '../io/csv.js';
import { datasetCsv, datasetXlsx, drillCsvLine, DRILL_HEADER } from '../io/dataset-files.js';
import { loadFailureThresholds, storeFailureThresholds } from '../repositories/report-sections.js';
import { loadDatasetConfig, saveCommentary, saveSetting } from '../repositories/settings.js';
import { allRows, buildDataset, lateRecording, type Dataset } from '../services/dataset.js';
import { withDatabase } from './shared.js';

/** A --known-at value: an ISO date-time, or a bare date meaning the end of that London day. */
function parseKnownAt(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const at = knownAtInstant(text);
  if (!at) throw new Error(`--known-at "${text}" is not a date or date-time`);
  return at;
}

function checkMonth(month: string | undefined): string {
  if (!isMonth(month)) throw new Error('--month YYYY-MM is needed (for example --month 2019-01)');
  return month;
}

async function output(text: string | Buffer, out: string | undefined): Promise<void> {
  if (out) {
    await writeFile(resolve(out), text);
    console.error(`Written to ${resolve(out)}`);
  } else {
    process.stdout.write(text);
  }
}

export async function measuresCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { month: { type: 'string' }, 'known-at': { type: 'string' }, months: { type: 'string', default: '13' }, format: { type: 'string', default: 'table' }, out: { type: 'string' } },
  });
  const month = checkMonth(values.month);
  const knownAt = parseKnownAt(values['known-at']);
  const format = values.format;
  if (format === 'xlsx' && !values.out) throw new Error('--format xlsx needs --out FILE');
  const ds = await withDatabase((db) => buildDataset(db, { month, months: Number(values.months), ...(knownAt ? { knownAt } : {}) }));
  if (format === 'json') await output(JSON.stringify(ds, null, 2) + '\n', values.out);
  else if (format === 'csv') await output(datasetCsv(ds), values.out);
  else if (format === 'xlsx') await output(await datasetXlsx(ds), values.out);
  else if (format === 'table') await output(datasetTable(ds), values.out);
  else throw new Error(`--format must be table, json, csv or xlsx, not "${format}"`);
  return 0;
}

function datasetTable(ds: Dataset): string {
  const lines = [`${ds.authority ?? ''}: ${ds.monthLabel}${ds.knownAt ? `, as known at ${ds.knownAt}` : ''}`, ...ds.warnings, ''];
  for (const r of ds.rows) {
    const last = r.months.slice(-4).map((m) => `${m.label} ${m.display}`).join(' | ');
    const change = r.changeFromPreviousMonth ? `${r.changeFromPreviousMonth.arrow} ${r.changeFromPreviousMonth.judgement}` : '';
    const comps = r.comparators.map((c) => `${c.label === 'Statistical neighbour average' ? 'SN' : c.label} ${c.display}`).join(', ');
    lines.push(`${String(r.number ?? '-').padStart(2)} ${r.title}`);
    lines.push(`   ${last}  ${change}${r.rag ? `  RAG ${r.rag}` : ''}${comps ? `  [${comps}]` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export async function drillCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { measure: { type: 'string' }, month: { type: 'string' }, 'known-at': { type: 'string' }, format: { type: 'string', default: 'csv' }, out: { type: 'string' } },
  });
  const month = checkMonth(values.month);
  const measure = findMeasure(values.measure);
  const knownAt = parseKnownAt(values['known-at']);
  await withDatabase(async (db) => {
    const sink = values.out ? createWriteStream(resolve(values.out)) : process.stdout;
    const write = (s: string) => new Promise<void>((ok) => (sink.write(s) ? ok() : sink.once('drain', () => ok())));
    if (values.format === 'json') await write('[\n');
    else await write(csvLine(DRILL_HEADER));
    let n = 0;
    for await (const row of allRows(db, measure, month, knownAt)) {
      if (values.format === 'json') await write(`${n ? ',\n' : ''}${JSON.stringify(row)}`);
      else await write(drillCsvLine(row));
      n++;
    }
    if (values.format === 'json') await write('\n]\n');
    if (values.out) await new Promise<void>((ok) => (sink as ReturnType<typeof createWriteStream>).end(ok));
    console.error(`${n} records behind ${measure.title}, ${month}`);
  });
  return 0;
}

function findMeasure(id: string | undefined) {
  const m = measures.find((x) => x.id === id || String(x.number) === id);
  if (!m) throw new Error(`--measure must be one of: ${measures.map((x) => x.id).join(', ')} (or a contract number 1-15)`);
  return m;
}

export async function lateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { measure: { type: 'string' }, month: { type: 'string' }, days: { type: 'string', default: '5' } } });
  const month = checkMonth(values.month);
  const measure = findMeasure(values.measure);
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 0) throw new Error('--days must be a whole number of days, 0 or more');
  const late = await withDatabase((db) => lateRecording(db, measure, month, days));
  console.log(`${measure.title}, ${month}`);
  console.log(`  as reported (records known by ${late.reportedAt}): ${late.asReported.display} (${late.asReported.numerator} of ${late.asReported.denominator})`);
  console.log(`  now: ${late.now.display} (${late.now.numerator} of ${late.now.denominator})`);
  console.log(`  ${late.changed.length} records changed places:`);
  for (const c of late.changed) console.log(`  ${c.recordId}  child ${c.personId ?? '-'}: ${c.before} -> ${c.after}. ${c.explanationNow}`);
  return 0;
}

/** The monthly report's performance failure thresholds: a setting of its own (src/repositories/report-sections.ts). */
const FAILURES = 'performanceFailures';

export async function settingsCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      set: { type: 'string' }, reason: { type: 'string' }, actor: { type: 'string', default: process.env.USER ?? 'cli' },
      commentary: { type: 'string' }, measure: { type: 'string' }, month: { type: 'string' },
    },
  });
  await withDatabase(async (db) => {
    if (values.set) {
      const eq = values.set.indexOf('=');
      const key = values.set.slice(0, eq);
      if (eq < 1 || !(key in DEFAULT_DATASET_CONFIG || key === FAILURES)) {
        throw new Error(`--set KEY=JSON, with KEY one of ${[...Object.keys(DEFAULT_DATASET_CONFIG), FAILURES].join(', ')}`);
      }
      if (!values.reason?.trim()) throw new Error('--reason is needed: say why the setting changes');
      let value: unknown;
      try {
        value = JSON.parse(values.set.slice(eq + 1));
      } catch {
        throw new Error(`the value of ${key} is not valid JSON`);
      }
      if (key === FAILURES) await storeFailureThresholds(db, values.actor, value, values.reason);
      else await saveSetting(db, key as keyof DatasetConfig, value as DatasetConfig[keyof DatasetConfig], values.actor, values.reason);
      console.error(`Setting ${key} changed.`);
    } else if (values.commentary !== undefined) {
      const measure = findMeasure(values.measure);
      await saveCommentary(db, measure.id, checkMonth(values.month), values.commentary, values.actor);
      console.error(`Commentary recorded for ${measure.title}, ${values.month}.`);
    }
    console.log(JSON.stringify({ ...(await loadDatasetConfig(db)), [FAILURES]: await loadFailureThresholds(db) }, null, 2));
  });
  return 0;
}

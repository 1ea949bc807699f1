/**
 * The `threadline` command line. Each command is a thin shell over the import, export, synthetic
 * authority and web modules.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { measures } from '../domain/measures/index.js';
import { endOfLondonDay, londonDate } from '../domain/time/london.js';
import { csvLine } from '../io/csv.js';
import { datasetCsv, datasetXlsx, drillCsvLine, DRILL_HEADER } from '../io/dataset-files.js';
import { exportExtract } from '../io/exporter.js';
import { ExtractWriter } from '../io/extract-writer.js';
import { importExtract, ImportRejected, type ImportSummary } from '../io/importer.js';
import { isEmpty } from '../repositories/authority-summary.js';
import { allRows, buildDataset, lateRecording, type Dataset } from '../services/dataset.js';
import { loadDatasetConfig, saveCommentary, saveSetting } from '../repositories/settings.js';
import { DEFAULT_DATASET_CONFIG, type DatasetConfig } from '../domain/dataset/config.js';
import { generateAuthority } from '../synth/generate.js';
import { createApp } from '../web/app.js';
import { Progress } from './progress.js';

const DATABASE_HELP = `Database: embedded PGlite in THREADLINE_DATA_DIR (default ./data/pglite),
or a PostgreSQL server when DATABASE_URL=postgres://user:password@host:port/database is set.`;

const HELP: Record<string, string> = {
  main: `threadline: one record of each child's journey.

Usage: threadline <command> [options]

Commands:
  start            load a demonstration authority if the database is empty, then serve the web pages
  serve            serve the web pages
  import <dir>     load an SSD extract (all or nothing)
  export <dir>     write every current record as an extract
  synth            generate a fictional authority as an extract, and load it
  measures         the monthly performance dataset (table, JSON, CSV or XLSX)
  drill            the children and dates behind one figure
  late             how late recording changed a month's figure since it was reported
  settings         show or change the authority's settings; record commentary on a figure
  help <command>   more about a command

${DATABASE_HELP}`,
  start: `Usage: threadline start

If the database holds no children, generates a demonstration authority (3 years of history up to today,
seed 1) and loads it through the importer, showing progress; then serves the web pages on
http://localhost:3000 (PORT to change the port).

${DATABASE_HELP}`,
  serve: `Usage: threadline serve

Serves the web pages on http://localhost:3000 (PORT to change the port).

${DATABASE_HELP}`,
  import: `Usage: threadline import <dir> [--actor NAME]

Loads an extract: one CSV file per SSD table (ssd_*.csv, SSD column names, header row) and Threadline's
extension files (tl_*.csv); see docs/data-format.md. All or nothing: any problem (malformed file, unknown
code, broken reference, duplicate key) rejects the whole import, listing every problem as
file:line:column and reason, and the database is left as it was. Re-importing the same extract changes
nothing; a changed row becomes a new version of the record, the earlier version kept.

  --actor NAME   who is importing (recorded with every version; default "import")

${DATABASE_HELP}`,
  export: `Usage: threadline export <dir>

Writes every current record as an extract in the import format (docs/data-format.md).
import → export → import gives the same records.

${DATABASE_HELP}`,
  measures: `Usage: threadline measures --month YYYY-MM [--known-at WHEN] [--months N] [--format table|json|csv|xlsx] [--out FILE]

The performance dataset for the month: every measure for the 13 months to it (--months to change), with
change from the previous month, position against the previous three-month average, DfE comparators,
target and RAG status, and commentary.

  --known-at WHEN   only records recorded by then (an ISO date-time; a bare date means the end of that day)
  --format F        table (default, for reading), json, csv or xlsx (xlsx needs --out)

${DATABASE_HELP}`,
  drill: `Usage: threadline drill --measure ID --month YYYY-MM [--known-at WHEN] [--format csv|json] [--out FILE]

Every record behind one figure (children, or posts and workers for the workforce measures), with whether
it is in the numerator and denominator and the dates that decided it. Measure ids: threadline measures --format json.

${DATABASE_HELP}`,
  late: `Usage: threadline late --measure ID --month YYYY-MM [--days N]

The figure as it would have been reported N days after the month ended (default 5) against the figure
now, and the records that changed places: usually visits, decisions and reviews recorded late.

${DATABASE_HELP}`,
  settings: `Usage: threadline settings
       threadline settings --set KEY=JSON --reason TEXT [--actor NAME]
       threadline settings --commentary TEXT --measure ID --month YYYY-MM [--actor NAME]

Without options, prints the settings in force (JSON). Keys: comparatorLaCode, neighbourGrouping,
closureDays, standards, measureOptions, targets, tolerance. Every change is kept with who made it, when
and why; the latest is in force. For example:
  threadline settings --set 'standards={"cpVisitWorkingDays":15}' --reason "Local standard agreed by the board"
  threadline settings --set 'targets={"m06-cp-visits-10wd":{"target":95,"amberWithin":5}}' --reason "2019-20 targets"

${DATABASE_HELP}`,
  synth: `Usage: threadline synth [--seed N] [--years N] [--scale X] [--end-date YYYY-MM-DD] [--out DIR] [--no-load]

Generates a fictional authority, the same for the same options, and loads it through the importer.
Default: about the size of Sandwell (scale 1: ~81,000 children aged 0-17, ~6,300 referrals a year,
~220 social workers in ~25 teams), 10 years of history ending today.

  --seed N            random seed (default 1)
  --years N           years of history (default 10)
  --scale X           size relative to the default (default 1)
  --end-date DATE     last day of history (default today)
  --out DIR           where to write the extract (default: a temporary folder, removed afterwards)
  --no-load           only write the extract

${DATABASE_HELP}`,
};

export async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  if (rest.includes('--help') || rest.includes('-h')) return help(command);
  try {
    switch (command) {
      case 'start':
        return await start();
      case 'serve':
        return await serve(await openDatabase());
      case 'import':
        return await importCommand(rest);
      case 'export':
        return await exportCommand(rest);
      case 'synth':
        return await synthCommand(rest);
      case 'measures':
        return await measuresCommand(rest);
      case 'drill':
        return await drillCommand(rest);
      case 'late':
        return await lateCommand(rest);
      case 'settings':
        return await settingsCommand(rest);
      case 'help':
      case '--help':
      case '-h':
        return help(rest[0] ?? 'main');
      default:
        console.error(`Unknown command "${command}".\n`);
        help('main');
        return 2;
    }
  } catch (err) {
    if (err instanceof ImportRejected) {
      console.error(err.message);
      return 1;
    }
    console.error(`threadline ${command}: ${(err as Error).message}`);
    if (process.env.DEBUG) console.error(err);
    return 1;
  }
}

function help(command: string): number {
  const text = HELP[command];
  if (!text) {
    console.error(`No help for "${command}".`);
    return 2;
  }
  console.log(text);
  return 0;
}

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function runImport(db: Database, dir: string, actor?: string): Promise<ImportSummary> {
  const progress = new Progress('Import');
  const summary = await importExtract(db, dir, {
    ...(actor ? { actor } : {}),
    onProgress: (p) => progress.update(p.done, p.total, p.label),
  });
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  for (const c of Object.values(summary.changes)) {
    inserted += c.inserted;
    updated += c.updated;
    unchanged += c.unchanged;
  }
  progress.done(`import ${summary.importId}: ${inserted} new records, ${updated} changed, ${unchanged} unchanged`);
  for (const n of summary.notices) console.error(`Note: ${n}`);
  return summary;
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { actor: { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir) {
    console.error('Which folder? Usage: threadline import <dir>');
    return 2;
  }
  await withDatabase((db) => runImport(db, resolve(dir), values.actor));
  return 0;
}

async function exportCommand(args: string[]): Promise<number> {
  const dir = args[0];
  if (!dir) {
    console.error('Which folder? Usage: threadline export <dir>');
    return 2;
  }
  await withDatabase(async (db) => {
    const progress = new Progress('Export');
    const summary = await exportExtract(db, resolve(dir), (d, t, l) => progress.update(d, t, l));
    const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    progress.done(`${total} rows written to ${resolve(dir)}`);
  });
  return 0;
}

interface SynthRun {
  seed: number;
  years: number;
  scale: number;
  endDate: string;
  out?: string;
  load: boolean;
}

/** Generates an authority into a folder, then (optionally) loads it through the importer. */
async function synthesise(db: Database | null, run: SynthRun): Promise<void> {
  const dir = run.out ? resolve(run.out) : await mkdtemp(join(tmpdir(), 'threadline-synth-'));
  try {
    const progress = new Progress('Generate');
    const writer = await ExtractWriter.create(dir);
    const summary = await generateAuthority({ seed: run.seed, years: run.years, scale: run.scale, endDate: run.endDate }, writer, (d, t, l) =>
      progress.update(d, t, l),
    );
    await writer.close();
    const rows = Object.values(writer.counts()).reduce((a, b) => a + b, 0);
    progress.done(`${summary.persons} people, ${rows} rows, ${run.years} years to ${run.endDate}, written to ${dir}`);
    if (db && run.load) await runImport(db, dir, 'synth');
  } finally {
    if (!run.out) await rm(dir, { recursive: true, force: true });
  }
}

async function synthCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      seed: { type: 'string', default: '1' },
      years: { type: 'string', default: '10' },
      scale: { type: 'string', default: '1' },
      'end-date': { type: 'string' },
      out: { type: 'string' },
      'no-load': { type: 'boolean', default: false },
    },
  });
  const run: SynthRun = {
    seed: Number(values.seed),
    years: Number(values.years),
    scale: Number(values.scale),
    endDate: values['end-date'] ?? londonDate(new Date()),
    ...(values.out ? { out: values.out } : {}),
    load: !values['no-load'],
  };
  if (!Number.isInteger(run.seed) || !(run.years > 0) || !(run.scale > 0) || !/^\d{4}-\d{2}-\d{2}$/.test(run.endDate)) {
    console.error('Check the options: --seed a whole number, --years and --scale above 0, --end-date YYYY-MM-DD.');
    return 2;
  }
  if (!run.load) {
    if (!run.out) {
      console.error('--no-load needs --out DIR (otherwise nothing would be kept).');
      return 2;
    }
    await synthesise(null, run);
    return 0;
  }
  await withDatabase((db) => synthesise(db, run));
  return 0;
}

/** A --known-at value: an ISO date-time, or a bare date meaning the end of that London day. */
function parseKnownAt(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return endOfLondonDay(text);
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) throw new Error(`--known-at "${text}" is not a date or date-time`);
  return d;
}

function checkMonth(month: string | undefined): string {
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error('--month YYYY-MM is needed (for example --month 2019-01)');
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

async function measuresCommand(args: string[]): Promise<number> {
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
  const lines = [`${ds.authority ?? ''}: ${ds.monthLabel}${ds.knownAt ? `, as known at ${ds.knownAt}` : ''}`, ''];
  for (const r of ds.rows) {
    const last = r.months.slice(-4).map((m) => `${m.label} ${m.display}`).join(' | ');
    const change = r.changeFromPreviousMonth ? `${r.changeFromPreviousMonth.arrow} ${r.changeFromPreviousMonth.judgement}` : '';
    const comps = r.comparators.map((c) => `${c.label === 'Statistical neighbour average' ? 'SN' : c.label} ${c.display}`).join(', ');
    lines.push(`${String(r.number ?? '-').padStart(2)} ${r.title}`);
    lines.push(`   ${last}  ${change}${r.rag ? `  RAG ${r.rag}` : ''}${comps ? `  [${comps}]` : ''}`);
  }
  return lines.join('\n') + '\n';
}

async function drillCommand(args: string[]): Promise<number> {
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

async function lateCommand(args: string[]): Promise<number> {
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

async function settingsCommand(args: string[]): Promise<number> {
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
      const key = values.set.slice(0, eq) as keyof DatasetConfig;
      if (eq < 1 || !(key in DEFAULT_DATASET_CONFIG)) {
        throw new Error(`--set KEY=JSON, with KEY one of ${Object.keys(DEFAULT_DATASET_CONFIG).join(', ')}`);
      }
      if (!values.reason?.trim()) throw new Error('--reason is needed: say why the setting changes');
      let value: unknown;
      try {
        value = JSON.parse(values.set.slice(eq + 1));
      } catch {
        throw new Error(`the value of ${key} is not valid JSON`);
      }
      await saveSetting(db, key, value as DatasetConfig[typeof key], values.actor, values.reason);
      console.error(`Setting ${key} changed.`);
    } else if (values.commentary !== undefined) {
      const measure = findMeasure(values.measure);
      await saveCommentary(db, measure.id, checkMonth(values.month), values.commentary, values.actor);
      console.error(`Commentary recorded for ${measure.title}, ${values.month}.`);
    }
    console.log(JSON.stringify(await loadDatasetConfig(db), null, 2));
  });
  return 0;
}

async function start(): Promise<number> {
  const db = await openDatabase();
  const where = db.kind === 'pglite' ? `embedded PGlite in ${db.location}` : `PostgreSQL server ${db.location}`;
  console.error(`Database: ${where}`);
  if (await isEmpty(db)) {
    console.error('The database is empty: generating and loading a demonstration authority (3 years of history).');
    await synthesise(db, { seed: 1, years: 3, scale: 1, endDate: londonDate(new Date()), load: true });
  }
  return serve(db);
}

async function serve(db: Database): Promise<number> {
  const port = Number(process.env.PORT ?? 3000);
  const app = createApp(db);
  const server = app.listen(port, () => console.error(`Threadline is running at http://localhost:${port} (press Ctrl+C to stop)`));
  await new Promise<void>((resolveStop) => {
    const stop = () => server.close(() => resolveStop());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await db.close();
  return 0;
}


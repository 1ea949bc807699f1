/**
 * The `threadline` command line: help, and the record commands (start, serve, import, export, synth).
 * The performance commands are in measures-commands.ts. Each is a thin shell over the modules that work.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from '../db/database.js';
import { openDatabase } from '../db/open.js';
import { londonDate } from '../domain/time/london.js';
import { exportExtract } from '../io/exporter.js';
import { ExtractWriter } from '../io/extract-writer.js';
import { importExtract, ImportRejected, type ImportSummary } from '../io/importer.js';
import { isEmpty } from '../repositories/authority-summary.js';
import { generateAuthority } from '../synth/generate.js';
import { ensureDemoUsers } from '../repositories/demo-users.js';
import { createApp } from '../web/app.js';
import { backupCommand, restoreCommand, userCommand } from './admin-commands.js';
import { ROLES } from '../domain/access/roles.js';
import { drillCommand, lateCommand, measuresCommand, settingsCommand } from './measures-commands.js';
import { Progress } from './progress.js';
import { withDatabase } from './shared.js';

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
  backup <file>    write the whole database (every version, log, users) to one file
  restore <file>   restore a backup into a new, empty database
  user add         add a person who can sign in
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
closureDays, standards, measureOptions, targets, tolerance, monitoring (the monthly report's audit and
moderation targets and complaint timescale), performanceFailures (how many red months running make a
performance failure). Every change is kept with who made it, when and why; the latest is in force.
For example:
  threadline settings --set 'standards={"cpVisitWorkingDays":15}' --reason "Local standard agreed by the board"
  threadline settings --set 'targets={"m06-cp-visits-10wd":{"target":95,"amberWithin":5}}' --reason "2019-20 targets"
  threadline settings --set 'monitoring={"auditTargetPerMonth":60,"complaintResponseWorkingDays":20}' --reason "Contract targets"
  threadline settings --set 'performanceFailures={"defaultConsecutiveRed":3,"measures":{"m06-cp-visits-10wd":2}}' --reason "Board decision"

${DATABASE_HELP}`,
  backup: `Usage: threadline backup <file>

Writes the whole database to one compressed file: every version of every record, the access log, users,
settings and commentary, as one consistent snapshot (others may keep working). The file is written under
a temporary name and renamed when complete. The format is the same for both engines.

${DATABASE_HELP}`,
  restore: `Usage: threadline restore <file>

Restores a backup into a new, empty database (either engine: a PGlite backup restores onto a PostgreSQL
server and back). All or nothing: a damaged or incomplete file, or a database that already holds data, is
refused and nothing is changed.

${DATABASE_HELP}`,
  user: `Usage: threadline user add --username NAME --name "Full name" --role ROLE [--worker ID] [--team ID]

Adds a person who can sign in. The password is read from THREADLINE_NEW_PASSWORD, or else asked for.
Roles: ${Object.keys(ROLES).join(', ')}.
--worker links the account to a worker record (their caseload); --team to a team.

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
      case 'backup':
        return await backupCommand(rest);
      case 'restore':
        return await restoreCommand(rest);
      case 'user':
        return await userCommand(rest);
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
  await ensureDemoUsers(db);
  const app = createApp(db);
  const server = createServer(app);
  server.listen(port, () => console.error(`Threadline is running at http://localhost:${port} (press Ctrl+C to stop)`));
  const outcome = await new Promise<number>((resolveStop) => {
    const stop = () => {
      server.close(() => resolveStop(0));
      server.closeAllConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    server.once('error', (err: NodeJS.ErrnoException) => {
      console.error(
        err.code === 'EADDRINUSE' ? `Port ${port} is already in use: stop what is using it, or choose another with PORT=3001.` : `Cannot serve: ${err.message}`,
      );
      resolveStop(1);
    });
  });
  await db.close();
  return outcome;
}


import { mkdtemp, readdir, readFile, writeFile, appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { entities } from '../domain/model/entities.js';
import type { Database } from '../db/database.js';
import { forEachEngine } from '../testing/databases.js';
import { FIXTURE_RECORDS, writeFixtureExtract } from '../testing/fixture-extract.js';
import { exportExtract } from './exporter.js';
import { importExtract, ImportRejected } from './importer.js';

let root: string;
let fixture: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'threadline-io-'));
  fixture = join(root, 'fixture');
  await writeFixtureExtract(fixture);
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function copyDir(from: string, to: string) {
  await rm(to, { recursive: true, force: true });
  await writeFixtureExtract(to); // creates the folder and every file
  for (const f of await readdir(from)) await writeFile(join(to, f), await readFile(join(from, f)));
}

async function snapshot(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const e of entities) out[e.name] = await db.query(`SELECT * FROM ${e.name} ORDER BY id, version`);
  out.import_runs = await db.query(`SELECT status FROM import_run WHERE status = 'done'`);
  return out;
}

async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = await readFile(join(dir, f), 'utf8');
  return out;
}

forEachEngine('import and export', (use) => {
  it('loads every entity, and import → export → import round-trips exactly', async () => {
    const db = await use();
    const first = await importExtract(db, fixture);
    for (const e of entities) {
      expect(first.changes[e.name], e.name).toEqual({ inserted: FIXTURE_RECORDS, updated: 0, unchanged: 0 });
    }
    const out1 = join(root, `export1-${db.kind}`);
    await exportExtract(db, out1);
    // The export is the fixture, file for file, byte for byte.
    expect(await filesOf(out1)).toEqual(await filesOf(fixture));

    const db2 = await use();
    await importExtract(db2, out1);
    const out2 = join(root, `export2-${db.kind}`);
    await exportExtract(db2, out2);
    expect(await filesOf(out2)).toEqual(await filesOf(out1));
  });

  it('leaves every table vacuumed and analysed, so that the server has none of it left to do under the first users', async () => {
    const db = await use();
    await importExtract(db, fixture);
    const tables = await db.query<{ name: string; vacuumed: boolean; analysed: boolean }>(
      `SELECT relname AS name, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analysed
         FROM pg_stat_user_tables WHERE relname = ANY($1::text[]) ORDER BY relname`,
      [entities.map((e) => e.name)],
    );
    expect(tables).toHaveLength(entities.length);
    expect(tables.filter((t) => !t.vacuumed || !t.analysed).map((t) => t.name)).toEqual([]);
  });

  it('keeps when a record was recorded, separately from when it happened', async () => {
    const db = await use();
    await importExtract(db, fixture);
    const [late] = await db.query<{ first_recorded_at: Date; visit_date: Date }>(
      `SELECT first_recorded_at, visit_date FROM current_cp_visit WHERE id = 'CP_VISIT-1'`,
    );
    expect(late!.visit_date.toISOString()).toBe('2019-06-14T08:45:00.000Z');
    expect(late!.first_recorded_at.toISOString()).toBe('2019-06-21T09:00:00.000Z');
    const [onTime] = await db.query<{ first_recorded_at: Date }>(`SELECT first_recorded_at FROM current_cp_visit WHERE id = 'CP_VISIT-2'`);
    // A date without a time, and no recording time given: known from the start of that London day.
    expect(onTime!.first_recorded_at.toISOString()).toBe('2019-03-11T00:00:00.000Z');
  });

  it('re-importing the same extract changes nothing; a changed row gets a new version', async () => {
    const db = await use();
    await importExtract(db, fixture);
    const before = await snapshot(db);
    const again = await importExtract(db, fixture);
    for (const e of entities) expect(again.changes[e.name]).toEqual({ inserted: 0, updated: 0, unchanged: FIXTURE_RECORDS });
    const after = await snapshot(db);
    expect({ ...after, import_runs: [] }).toEqual({ ...before, import_runs: [] });

    const changed = join(root, `changed-${db.kind}`);
    await copyDir(fixture, changed);
    const csv = await readFile(join(changed, 'ssd_cp_plans.csv'), 'utf8');
    await writeFile(join(changed, 'ssd_cp_plans.csv'), csv.replace('CP_PLAN-2,REFERRAL-2,ICPC-2,PERSON-2,2019-04-12,2019-04-12', 'CP_PLAN-2,REFERRAL-2,ICPC-2,PERSON-2,2019-04-12,2019-09-30'));
    const third = await importExtract(db, changed);
    expect(third.changes.cp_plan).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    const versions = await db.query<{ version: number; end_date: string; recorded_to: Date | null }>(
      `SELECT version, end_date, recorded_to FROM cp_plan WHERE id = 'CP_PLAN-2' ORDER BY version`,
    );
    expect(versions.map((v) => [v.version, v.end_date, v.recorded_to === null])).toEqual([
      [1, '2019-04-12', false],
      [2, '2019-09-30', true],
    ]);
  });

  it('rejects a bad extract whole, listing every problem by file, line and column, and changes nothing', async () => {
    const db = await use();
    await importExtract(db, fixture);
    const before = await snapshot(db);
    const bad = join(root, `bad-${db.kind}`);
    await copyDir(fixture, bad);
    const header = 'cppl_cp_plan_id,cppl_referral_id,cppl_icpc_id,cppl_person_id,cppl_cp_plan_start_date,cppl_cp_plan_end_date,cppl_cp_plan_initial_category,cppl_cp_plan_ola,cppl_cp_plan_latest_category';
    await writeFile(
      join(bad, 'ssd_cp_plans.csv'),
      [
        header,
        'CP_PLAN-9,REFERRAL-1,ICPC-1,PERSON-1,2019-02-30,,NEG,N,NEG', // line 2: impossible date (column 5)
        'CP_PLAN-10,REFERRAL-1,ICPC-1,PERSON-1,2019-02-01,,XXX,N,NEG', // line 3: unknown category (column 7)
        'CP_PLAN-11,REFERRAL-1,ICPC-1,NOBODY,2019-02-01,,NEG,N,NEG', // line 4: broken reference (column 4)
        'CP_PLAN-10,REFERRAL-1,ICPC-1,PERSON-1,2019-02-01,,NEG,N,NEG', // line 5: duplicate key (column 1)
        '',
      ].join('\n'),
    );
    await appendFile(join(bad, 'ssd_person.csv'), '"PERSON-X,unclosed\n');
    let rejected: ImportRejected | undefined;
    try {
      await importExtract(db, bad);
    } catch (err) {
      rejected = err as ImportRejected;
    }
    expect(rejected).toBeInstanceOf(ImportRejected);
    const where = rejected!.problems.map((p) => `${p.file}:${p.line}:${p.column}`);
    expect(where).toEqual(
      expect.arrayContaining(['ssd_cp_plans.csv:2:5', 'ssd_cp_plans.csv:3:7', 'ssd_cp_plans.csv:4:4', 'ssd_cp_plans.csv:5:1']),
    );
    expect(rejected!.problems.find((p) => p.file === 'ssd_person.csv')?.message).toMatch(/not well-formed CSV/);
    expect(rejected!.problems.find((p) => p.line === 3)?.message).toMatch(/unknown code "XXX"/);
    expect(rejected!.problems.find((p) => p.line === 4)?.message).toMatch(/NOBODY/);
    expect(rejected!.problems.find((p) => p.line === 5)?.message).toMatch(/duplicate key "CP_PLAN-10" \(first on line 3\)/);
    expect(rejected!.message).toMatch(/the database is unchanged/);
    expect(await snapshot(db)).toEqual(before);
    const runs = await db.query<{ status: string }>(`SELECT status FROM import_run ORDER BY id`);
    expect(runs.map((r) => r.status)).toEqual(['done', 'rejected']);
  });

  it('accepts a reference to a record already held, and rejects unknown columns and missing required ones', async () => {
    const db = await use();
    await importExtract(db, fixture);
    const more = join(root, `more-${db.kind}`);
    await rm(more, { recursive: true, force: true });
    await (await import('node:fs/promises')).mkdir(more);
    await writeFile(join(more, 'ssd_cin_visits.csv'), 'cinv_cin_visit_id,cinv_person_id,cinv_cin_visit_date,cinv_cin_visit_seen\nV-NEW,PERSON-1,12/03/2019 14:30,Y\n');
    const ok = await importExtract(db, more);
    expect(ok.changes.cin_visit).toEqual({ inserted: 1, updated: 0, unchanged: 0 });

    await writeFile(join(more, 'ssd_cin_visits.csv'), 'cinv_cin_visit_id,cinv_person_id,cinv_visit_colour\nV-2,PERSON-1,blue\n');
    const err = await importExtract(db, more).catch((e: ImportRejected) => e);
    expect((err as ImportRejected).problems.map((p) => `${p.line}:${p.column} ${p.message.split(' (')[0]}`)).toEqual([
      '1:0 required column "cinv_cin_visit_date" is missing',
      '1:3 unknown column "cinv_visit_colour"',
    ]);
  });
});

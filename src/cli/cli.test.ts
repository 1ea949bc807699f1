import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { projectRoot } from '../project-root.js';
import { writeFixtureExtract } from '../testing/fixture-extract.js';

// Runs the built command (npm test builds dist/ first) as a person would, on an embedded database.
let root: string;
const run = (args: string[]) =>
  spawnSync(process.execPath, [join(projectRoot, 'bin', 'threadline.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, THREADLINE_DATA_DIR: join(root, 'db'), DATABASE_URL: '' },
  });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'threadline-cli-'));
  await writeFixtureExtract(join(root, 'extract'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it('explains itself', () => {
  const r = run(['--help']);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/import <dir>/);
  expect(run(['import', '--help']).stdout).toMatch(/All or nothing/);
  expect(run(['frobnicate']).status).toBe(2);
});

it('imports, exports the same files, and rejects a bad extract with its locations', async () => {
  const imported = run(['import', join(root, 'extract')]);
  expect(imported.stderr).toMatch(/new records/);
  expect(imported.status).toBe(0);

  const exported = run(['export', join(root, 'out')]);
  expect(exported.status).toBe(0);
  for (const f of await readdir(join(root, 'extract'))) {
    expect(await readFile(join(root, 'out', f), 'utf8'), f).toBe(await readFile(join(root, 'extract', f), 'utf8'));
  }

  await writeFile(join(root, 'out', 'ssd_cla_reviews.csv'), 'clar_cla_review_id,clar_cla_id,clar_cla_review_date,clar_cla_person_id\nR1,NO-SUCH-PERIOD,2019-13-01,PERSON-1\n');
  const bad = run(['import', join(root, 'out')]);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/ssd_cla_reviews\.csv:2:2: clar_cla_id refers to cla episode "NO-SUCH-PERIOD"/);
  expect(bad.stderr).toMatch(/ssd_cla_reviews\.csv:2:3: clar_cla_review_date: "2019-13-01" is not a real calendar date/);
  expect(bad.stderr).toMatch(/the database is unchanged/);
});

it('prints the performance dataset, the records behind a figure, and refuses a bad setting', async () => {
  // Runs after the import above, on the same embedded database.
  const json = run(['measures', '--month', '2019-06', '--format', 'json']);
  expect(json.status).toBe(0);
  const ds = JSON.parse(json.stdout) as { warnings: string[]; rows: { id: string; months: unknown[] }[] };
  // The fixture's comparator authority is not a DfE code: the dataset says so rather than failing.
  expect(ds.warnings[0]).toMatch(/is not a DfE local authority code/);
  expect(ds.rows).toHaveLength(20);
  expect(ds.rows[0]!.months).toHaveLength(13);

  const drill = run(['drill', '--measure', '6', '--month', '2019-06']);
  expect(drill.status).toBe(0);
  expect(drill.stdout.split('\n')[0]).toBe('record,child,team,in numerator,in denominator,dates,explanation,data quality');

  const bad = run(['settings', '--set', 'comparatorLaCode="Sandwell"', '--reason', 'test']);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/3-digit DfE code/);
  // The monthly report's failure thresholds are a setting too, checked the same way.
  const failures = run(['settings', '--set', 'performanceFailures={"defaultConsecutiveRed":2,"measures":{"m06-cp-visits-10wd":4}}', '--reason', 'board decision']);
  expect(failures.status).toBe(0);
  expect(JSON.parse(failures.stdout).performanceFailures).toEqual({ defaultConsecutiveRed: 2, measures: { 'm06-cp-visits-10wd': 4 } });
  const badFailures = run(['settings', '--set', 'performanceFailures={"defaultConsecutiveRed":0}', '--reason', 'test']);
  expect(badFailures.status).toBe(1);
  expect(badFailures.stderr).toMatch(/defaultConsecutiveRed must be a whole number of months from 1 to 12/);
  expect(JSON.parse(run(['settings']).stdout).performanceFailures.defaultConsecutiveRed).toBe(2);
  expect(run(['measures', '--month', '2019-13']).stderr).toMatch(/--month YYYY-MM/);
});

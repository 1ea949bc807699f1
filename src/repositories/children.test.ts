import { expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createRecord } from '../db/record-store.js';
import { NO_FILTER } from '../domain/chronology/index.js';
import { getEntity } from '../domain/model/entities.js';
import type { CanonicalRecord } from '../domain/model/values.js';
import { fromLondon, startOfLondonDay } from '../domain/time/london.js';
import { forEachEngine } from '../testing/databases.js';
import { restrictRecord, setAccessRule } from './access.js';
import { childChronology } from './child-chronology.js';
import { addPerson, addSignificantEvent, childRecord, findChildren, possibleDuplicates } from './children.js';
import { AccessDenied, type Viewer } from './viewer.js';

const TODAY = '2026-11-23';

async function add(db: Database, entity: string, record: CanonicalRecord) {
  await db.transaction((tx) => createRecord(tx, getEntity(entity), record, { actor: 'test', reason: '' }));
}

async function people(db: Database) {
  await add(db, 'team', { id: 'T1', name: 'Safeguarding Team 1', service_area: 'CM' });
  await add(db, 'worker', { id: 'A', name: 'Ann Able', team_id: 'T1', start_date: '2020-01-01' });
  const list: [string, string | null, string, string | null][] = [
    ['P1', 'John', 'Smith', '2014-03-04'],
    ['P2', 'Jonathan', 'Smyth', '2015-06-01'],
    ['P3', 'Mary', 'Jones', '2014-03-04'],
    ['P4', 'Jon', 'Smithers', '2016-01-20'],
    ['P5', 'Amira', 'Khan', '2012-09-09'],
    ['P6', 'Joan', 'Wright', '2010-02-02'],
    ['P7', null, 'Baxter', null],
  ];
  for (const [id, forename, surname, dob] of list) await add(db, 'person', { id, forename, surname, dob, ...(id === 'P7' ? { expected_dob: '2027-02-01' } : {}) });
  await add(db, 'person_identifier', { id: 'I1', person_id: 'P1', identifier_type: 'NHS', value: '943 476 5919' });
  await add(db, 'person_identifier', { id: 'I2', person_id: 'P5', identifier_type: 'UPN', value: 'A123456789012' });
  // P1: on a CP plan, allocated to Ann.
  await add(db, 'referral', { id: 'R1', person_id: 'P1', referral_date: startOfLondonDay('2026-10-01'), referral_date_has_time: false, team_id: 'T1' });
  await add(db, 'cp_plan', { id: 'CP1', person_id: 'P1', referral_id: 'R1', start_date: '2026-10-20', initial_category: 'NEG' });
  await add(db, 'allocation', { id: 'AL1', person_id: 'P1', worker_id: 'A', team_id: 'T1', start_date: '2026-10-02', role: 'CH' });
}

const worker: Viewer = { userId: 'u1', username: 'sam.social', displayName: 'Sam Social', role: 'social-worker', workerId: 'A', teamId: 'T1' };
const other: Viewer = { userId: 'u2', username: 'other.worker', displayName: 'Other Worker', role: 'social-worker', workerId: null, teamId: 'T2' };
const names = (r: { results: { name: string }[] }) => r.results.map((x) => x.name);
const search = (db: Database, name: string, more: { dob?: string; identifier?: string } = {}, viewer = worker) =>
  findChildren(db, viewer, { name, dob: more.dob ?? null, identifier: more.identifier ?? '' }, TODAY);

forEachEngine('finding a child', (use) => {
  it('finds names spelt differently: Jon for John, Smyth for Smith, one letter slipped', async () => {
    const db = await use();
    await people(db);
    expect(names(await search(db, 'John Smith'))[0]).toBe('John Smith');
    // Jon / John sound the same; so do Smyth / Smith.
    expect(names(await search(db, 'Jon Smith'))).toContain('John Smith');
    expect(names(await search(db, 'john smyth'))).toEqual(['John Smith']);
    expect(names(await search(db, 'Jonathon Smith'))).toEqual(['Jonathan Smyth']);
    expect(names(await search(db, 'Smyth'))).toEqual(expect.arrayContaining(['John Smith', 'Jonathan Smyth']));
    // One letter slipped (Smoth), swapped in (Smiht is two: not found by a slip, but by sound), or left out (Smth).
    expect(names(await search(db, 'Smoth'))).toContain('John Smith');
    expect(names(await search(db, 'Kahn'))).toContain('Amira Khan');
    // Exact matches first.
    expect(names(await search(db, 'Smith'))[0]).toBe('John Smith');
    // Every part given must match: no Mary Smith here.
    expect(names(await search(db, 'Mary Smith'))).toEqual([]);
    // Unrelated names are not found.
    expect(names(await search(db, 'Jones'))).toEqual(['Mary Jones']);
    // Punctuation and odd characters are not patterns.
    expect(names(await search(db, '%'))).toEqual([]);
    expect(names(await search(db, "_o'"))).toEqual([]);
  });

  it('finds by date of birth (or expected date), alone or with a name', async () => {
    const db = await use();
    await people(db);
    expect(names(await search(db, '', { dob: '2014-03-04' })).sort()).toEqual(['John Smith', 'Mary Jones']);
    expect(names(await search(db, 'Jon', { dob: '2014-03-04' }))).toEqual(['John Smith', 'Mary Jones']); // Jon: sounds like John, starts Jones
    expect(names(await search(db, 'John', { dob: '2014-03-04' }))).toEqual(['John Smith']);
    expect(names(await search(db, '', { dob: '2027-02-01' }))).toEqual(['Baxter']);
    expect(names(await search(db, '', { dob: '2014-03-05' }))).toEqual([]);
  });

  it('finds by NHS number with or without spaces, by UPN in any case, and by Threadline ID', async () => {
    const db = await use();
    await people(db);
    expect(names(await search(db, '', { identifier: '9434765919' }))).toEqual(['John Smith']);
    expect(names(await search(db, '', { identifier: '943 476 5919' }))).toEqual(['John Smith']);
    expect(names(await search(db, '', { identifier: '943-476-5919' }))).toEqual(['John Smith']);
    expect(names(await search(db, '', { identifier: 'a123456789012' }))).toEqual(['Amira Khan']);
    expect(names(await search(db, '', { identifier: 'P3' }))).toEqual(['Mary Jones']);
    expect(names(await search(db, '', { identifier: '9434765918' }))).toEqual([]);
  });

  it('shows a restricted record as hidden (no name, no date of birth) to those not named on it', async () => {
    const db = await use();
    await people(db);
    await restrictRecord(db, 'P1', ['named.person'], 'dpo', 'Child of a member of staff');
    const found = await search(db, 'John Smith');
    const hidden = found.results.find((r) => r.personId === 'P1')!;
    expect(hidden).toMatchObject({ hidden: 'restricted', name: 'Restricted record', dob: null, age: '', worker: null });
    expect(JSON.stringify(found)).not.toContain('2014-03-04');
    // Named people see it.
    const named = await search(db, 'John Smith', {}, { ...worker, username: 'named.person' });
    expect(named.results.find((r) => r.personId === 'P1')).toMatchObject({ hidden: null, name: 'John Smith' });
    // Opening it is refused with the offer of emergency access.
    await expect(childRecord(db, worker, 'P1', TODAY)).rejects.toMatchObject({ breakGlassPersonId: 'P1' });
    await expect(childRecord(db, worker, 'P1', TODAY)).rejects.toBeInstanceOf(AccessDenied);
  });

  it('shows records outside a narrower reading scope as hidden, when the rules narrow it', async () => {
    const db = await use();
    await people(db);
    await setAccessRule(db, 'social-worker', 'read', 'team', 'dpo', 'Test: social workers read their team’s children only');
    const found = await search(db, 'Smith', {}, other);
    expect(found.results.find((r) => r.personId === 'P1')).toMatchObject({ hidden: 'outside', name: 'Record outside your access', dob: null, worker: null });
    // Ann's team holds P1's case: shown to a worker in that team.
    expect((await search(db, 'Smith')).results.find((r) => r.personId === 'P1')).toMatchObject({ hidden: null, name: 'John Smith' });
  });

  it('logs every search with what was searched for, and each child it showed', async () => {
    const db = await use();
    await people(db);
    await restrictRecord(db, 'P1', ['named.person'], 'dpo', 'Child of a member of staff');
    await search(db, 'Smyth', { dob: '2015-06-01' });
    const log = await db.query<{ action: string; person_id: string | null; detail: string }>(
      `SELECT action, person_id, detail FROM access_log WHERE actor = 'sam.social' ORDER BY id`);
    expect(log).toContainEqual({ action: 'search', person_id: null, detail: 'name "Smyth", date of birth 2015-06-01: 1 found' });
    expect(log).toContainEqual({ action: 'view', person_id: 'P2', detail: 'in search results for name "Smyth", date of birth 2015-06-01' });
    // A restricted record in the results is not logged as seen (nothing of it was shown).
    await search(db, 'Smith');
    const shown = await db.query<{ person_id: string }>(`SELECT person_id FROM access_log WHERE actor = 'sam.social' AND action = 'view' ORDER BY person_id`);
    expect(shown.map((r) => r.person_id)).not.toContain('P1');
  });

  it('shows possible duplicates before a person is added: similar name and close date of birth', async () => {
    const db = await use();
    await people(db);
    const base = { sex: 'M', gender: null, ethnicity: 'WBRI', expectedDob: null };
    // Day and month swapped, name spelt differently.
    const dup = await possibleDuplicates(db, worker, { ...base, forename: 'Jon', surname: 'Smyth', dob: '2014-04-03' }, TODAY);
    expect(dup.map((d) => d.personId)).toContain('P1');
    // Far from every date of birth held: no duplicates.
    expect(await possibleDuplicates(db, worker, { ...base, forename: 'Jon', surname: 'Smith', dob: '2020-12-25' }, TODAY)).toEqual([]);
    // An unborn baby with the same surname and a close expected date.
    const baby = await possibleDuplicates(db, worker, { ...base, forename: 'Lily', surname: 'Baxter', dob: null, expectedDob: '2027-02-10' }, TODAY);
    expect(baby.map((d) => d.personId)).toEqual(['P7']);
    const id = await addPerson(db, worker, { ...base, forename: 'Zed', surname: 'Newperson', dob: '2019-01-01' });
    expect(id).toMatch(/^PER-/);
    const [row] = await db.query<{ recorded_by: string; change_reason: string }>('SELECT recorded_by, change_reason FROM person WHERE id = $1', [id]);
    expect(row).toEqual({ recorded_by: 'sam.social', change_reason: 'Person added after a duplicate check' });
  });

  it('builds the record summary (status, worker, identifiers) and logs the view', async () => {
    const db = await use();
    await people(db);
    await add(db, 'person', { id: 'M1', forename: 'Sara', surname: 'Smith', dob: '1990-01-01' });
    await add(db, 'relationship', { id: 'RL1', person_id: 'P1', related_person_id: 'M1', relationship: 'MOTHER', parental_responsibility: true });
    await add(db, 'mother', { id: 'MO1', person_id: 'M1', child_person_id: 'P1' });
    await add(db, 'relationship', { id: 'RL2', person_id: 'P3', related_person_id: 'P1', relationship: 'SIBLING' });
    const record = (await childRecord(db, worker, 'P1', TODAY))!;
    expect(record.keyPeople.map((p) => [p.name, p.relationships, p.age])).toEqual([
      ['Sara Smith', ['Mother (has parental responsibility)'], '36'],
      ['Mary Jones', ['Sibling'], '12'],
    ]);
    expect(record.primary.label).toBe('Child protection plan');
    expect(record.statuses[0]!.detail).toBe('since 20 October 2026 (neglect)');
    expect(record.caseHolder).toMatchObject({ workerName: 'Ann Able', teamName: 'Safeguarding Team 1' });
    expect(record.identifiers).toEqual([{ type: 'NHS number', value: '943 476 5919' }]);
    expect(await childRecord(db, worker, 'NOPE', TODAY)).toBeNull();
    const log = await db.query<{ detail: string }>(`SELECT detail FROM access_log WHERE actor = 'sam.social' AND action = 'view' AND person_id = 'P1'`);
    expect(log).toEqual([{ detail: 'record summary' }]);
  });

  it('adds a significant event to the chronology, recorded later than it happened, and logs the chronology view', async () => {
    const db = await use();
    await people(db);
    const at = fromLondon({ year: 2026, month: 11, day: 2, hour: 21, minute: 15, second: 0 });
    await addSignificantEvent(db, worker, 'P1', { at, hasTime: true, title: 'Police called to the home', description: 'Neighbours reported shouting.', source: 'Police' });
    const c = await childChronology(db, worker, 'P1', NO_FILTER);
    const event = c.entries.find((e) => e.kind === 'significant')!;
    expect(event).toMatchObject({ title: 'Police called to the home', date: '2026-11-02', by: 'Ann Able' });
    expect(event.recordedLater?.days).toBeGreaterThanOrEqual(1);
    expect(c.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['referral', 'plan', 'allocation', 'significant']));
    const log = await db.query<{ action: string; detail: string }>(`SELECT action, detail FROM access_log WHERE actor = 'sam.social' AND entity = 'chronology'`);
    expect(log).toEqual([{ action: 'view', detail: `Everything, at any time: ${c.entries.length} of ${c.total} entries` }]);
    // Someone outside the team cannot add to it.
    await expect(addSignificantEvent(db, other, 'P1', { at, hasTime: true, title: 'x', description: 'y', source: 'z' })).rejects.toBeInstanceOf(AccessDenied);
  });
});

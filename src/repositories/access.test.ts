import { expect, it } from 'vitest';
import { createRecord } from '../db/record-store.js';
import type { Database } from '../db/database.js';
import { entities } from '../domain/model/entities.js';
import { forEachEngine } from '../testing/databases.js';
import { accessDecision, breakGlass, childFacts, restrictRecord, setAccessRule } from './access.js';
import { createUser } from './users.js';
import { AccessDenied, requireRead, type Viewer } from './viewer.js';

const entity = (name: string) => entities.find((e) => e.name === name)!;
const ctx = { actor: 'test', reason: '' };

async function seed(db: Database) {
  await db.transaction(async (tx) => {
    await createRecord(tx, entity('team'), { id: 'T1', name: 'Care management 1', service_area: 'CM' }, ctx);
    await createRecord(tx, entity('team'), { id: 'T2', name: 'Assessment 1', service_area: 'AS' }, ctx);
    await createRecord(tx, entity('worker'), { id: 'W1', name: 'Ann Worker', team_id: 'T1' }, ctx);
    await createRecord(tx, entity('person'), { id: 'P1', forename: 'Kit', surname: 'Child' }, ctx);
    await createRecord(tx, entity('allocation'), { id: 'A1', worker_id: 'W1', person_id: 'P1', start_date: '2026-01-05' }, ctx);
    await createRecord(tx, entity('allocation'), { id: 'A0', worker_id: 'W1', person_id: 'P1', start_date: '2025-01-05', end_date: '2025-06-01', team_id: 'T2' }, ctx);
  });
}

forEachEngine('access decisions from the records', (use) => {
  it('works out the child’s workers, teams and services from current allocations', async () => {
    const db = await use();
    await seed(db);
    expect(await childFacts(db, 'P1')).toEqual({
      workerIds: ['W1'], teamIds: ['T1'], serviceAreas: ['CM'], restricted: false, namedUsers: [], breakGlassUsers: [],
    });
  });

  it('applies rules changed as data, keeping the earlier rule', async () => {
    const db = await use();
    await seed(db);
    const sw: Viewer = await createUser(db, { username: 'sam', displayName: 'Sam', role: 'social-worker', password: 'pw-sam-12345', teamId: 'T2' }, 'test');
    expect((await accessDecision(db, sw, 'change', 'P1')).allowed).toBe(false);
    await setAccessRule(db, 'social-worker', 'change', 'authority', 'admin', 'Small authority: everyone covers');
    expect((await accessDecision(db, sw, 'change', 'P1')).allowed).toBe(true);
    await setAccessRule(db, 'social-worker', 'change', 'team', 'admin', 'Back to the default');
    expect((await accessDecision(db, sw, 'change', 'P1')).allowed).toBe(false);
    expect((await db.query('SELECT * FROM access_rule')).length).toBe(2);
  });

  it('restricts a record to named people, logs refusals, and allows emergency access with a reason for an hour', async () => {
    const db = await use();
    await seed(db);
    const dpo = await createUser(db, { username: 'dee', displayName: 'Dee', role: 'data-protection-officer', password: 'pw-dee-12345' }, 'test');
    const fd = await createUser(db, { username: 'fin', displayName: 'Fin', role: 'front-door-worker', password: 'pw-fin-12345' }, 'test');
    await requireRead(db, fd, { action: 'view', personId: 'P1' });
    await restrictRecord(db, 'P1', [], dpo.username, 'Child of a member of staff');
    await expect(requireRead(db, fd, { action: 'view', personId: 'P1' })).rejects.toSatisfy(
      (e: unknown) => e instanceof AccessDenied && e.breakGlassPersonId === 'P1',
    );
    await requireRead(db, dpo, { action: 'view', personId: 'P1' }); // named (the person who restricted it)
    const [denied] = await db.query<{ actor: string; outcome: string; detail: string }>(`SELECT actor, outcome, detail FROM access_log WHERE outcome = 'denied'`);
    expect(denied).toEqual({ actor: 'fin', outcome: 'denied', detail: 'restricted record' });

    await expect(breakGlass(db, fd, 'P1', 'urgent')).rejects.toThrow(/Say why/);
    await breakGlass(db, fd, 'P1', 'Police at the door at 2am asking about the child');
    await requireRead(db, fd, { action: 'view', personId: 'P1' });
    await db.query(`UPDATE break_glass SET expires_at = now() - interval '1 second'`);
    await expect(requireRead(db, fd, { action: 'view', personId: 'P1' })).rejects.toBeInstanceOf(AccessDenied);
    const [glass] = await db.query<{ detail: string }>(`SELECT detail FROM access_log WHERE action = 'break-glass'`);
    expect(glass?.detail).toMatch(/Police at the door/);
  });
});

import { expect, it } from 'vitest';
import { getEntity } from '../domain/model/entities.js';
import { forEachEngine } from '../testing/databases.js';
import { asKnownAt, createRecord, deleteRecord, EditConflict, history, InvalidChange, updateRecord, getCurrent } from './record-store.js';

const plan = getEntity('cp_plan');
const t = (iso: string) => new Date(iso);

forEachEngine('record history', (use) => {
  it('an edit and a deletion both leave every earlier version readable, with who, when and why', async () => {
    const db = await use();
    await db.transaction(async (tx) => {
      await createRecord(tx, plan, { id: 'P1', person_id: 'C1', start_date: '2019-01-10', initial_category: 'NEG' }, { actor: 'alice', reason: '', at: t('2019-01-10T12:00:00Z') });
      await updateRecord(tx, plan, 'P1', { latest_category: 'EMO' }, { actor: 'bob', reason: 'Category changed at review', at: t('2019-04-01T09:00:00Z') });
      await deleteRecord(tx, plan, 'P1', { actor: 'carol', reason: 'Recorded against the wrong child', at: t('2019-05-01T09:00:00Z') });
    });

    expect(await getCurrent(db, plan, 'P1')).toBeNull();
    const versions = await history(db, plan, 'P1');
    expect(versions.map((v) => [v.version, v.recorded_by, v.change_reason, v.deleted, v.latest_category])).toEqual([
      [1, 'alice', null, false, null],
      [2, 'bob', 'Category changed at review', false, 'EMO'],
      [3, 'carol', 'Recorded against the wrong child', true, 'EMO'],
    ]);
    expect(versions.map((v) => v.recorded_to?.toISOString() ?? null)).toEqual([
      '2019-04-01T09:00:00.000Z',
      '2019-05-01T09:00:00.000Z',
      null,
    ]);
    expect(versions.every((v) => v.first_recorded_at.toISOString() === '2019-01-10T12:00:00.000Z')).toBe(true);

    // As known at an instant: before it was recorded, after each change, after the deletion.
    expect(await asKnownAt(db, plan, 'P1', t('2019-01-10T11:59:59Z'))).toBeNull();
    expect((await asKnownAt(db, plan, 'P1', t('2019-03-01T00:00:00Z')))?.latest_category).toBeNull();
    expect((await asKnownAt(db, plan, 'P1', t('2019-04-01T09:00:00Z')))?.latest_category).toBe('EMO');
    expect(await asKnownAt(db, plan, 'P1', t('2019-05-01T09:00:00Z'))).toBeNull();

    // Each write is in the access log.
    const log = await db.query<{ actor: string; action: string; person_id: string }>(`SELECT actor, action, person_id FROM access_log ORDER BY id`);
    expect(log).toEqual([
      { actor: 'alice', action: 'create', person_id: 'C1' },
      { actor: 'bob', action: 'update', person_id: 'C1' },
      { actor: 'carol', action: 'delete', person_id: 'C1' },
    ]);
  });

  it('refuses an edit or deletion without a reason, and leaves the record as it was', async () => {
    const db = await use();
    await createRecord(db, plan, { id: 'P2', person_id: 'C1', start_date: '2019-01-10' }, { actor: 'alice', reason: '' });
    await expect(updateRecord(db, plan, 'P2', { end_date: '2019-02-01' }, { actor: 'bob', reason: ' ' })).rejects.toBeInstanceOf(InvalidChange);
    await expect(deleteRecord(db, plan, 'P2', { actor: 'bob', reason: '' })).rejects.toBeInstanceOf(InvalidChange);
    expect((await history(db, plan, 'P2')).length).toBe(1);
  });

  it('refuses the second of two people editing the same version, telling who changed it; nothing is overwritten', async () => {
    const db = await use();
    await createRecord(db, plan, { id: 'P3', person_id: 'C1', start_date: '2019-01-10' }, { actor: 'alice', reason: '' });
    // Both open version 1; Bea saves first.
    await updateRecord(db, plan, 'P3', { end_date: '2019-03-01' }, { actor: 'bea', reason: 'plan ended', expectedVersion: 1 });
    const second = updateRecord(db, plan, 'P3', { end_date: '2019-04-01' }, { actor: 'cal', reason: 'plan ended later', expectedVersion: 1 });
    await expect(second).rejects.toBeInstanceOf(EditConflict);
    await expect(second).rejects.toThrow(/changed by bea/);
    await expect(deleteRecord(db, plan, 'P3', { actor: 'cal', reason: 'duplicate', expectedVersion: 1 })).rejects.toBeInstanceOf(EditConflict);
    expect((await getCurrent(db, plan, 'P3'))?.end_date).toBe('2019-03-01');
    expect((await history(db, plan, 'P3')).map((v) => v.recorded_by)).toEqual(['alice', 'bea']);
  });

  it('a failed transaction leaves nothing behind', async () => {
    const db = await use();
    await expect(
      db.transaction(async (tx) => {
        await createRecord(tx, plan, { id: 'P3', person_id: 'C1', start_date: '2019-01-10' }, { actor: 'alice', reason: '' });
        throw new Error('fault part-way');
      }),
    ).rejects.toThrow('fault part-way');
    expect(await history(db, plan, 'P3')).toEqual([]);
    expect(await db.query('SELECT * FROM access_log')).toEqual([]);
  });
});

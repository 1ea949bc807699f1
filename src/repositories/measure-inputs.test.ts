import { expect, it } from 'vitest';
import { getEntity } from '../domain/model/entities.js';
import { createRecord, deleteRecord, updateRecord } from '../db/record-store.js';
import { forEachEngine } from '../testing/databases.js';
import { loadMeasureInputs } from './measure-inputs.js';

const at = (iso: string) => ({ actor: 'test', reason: 'test', at: new Date(iso) });

forEachEngine('measure inputs', (use) => {
  it('loads the records as known at an instant: later versions and later deletions are not seen', async () => {
    const db = await use();
    const plan = getEntity('cp_plan');
    const visit = getEntity('cp_visit');
    await createRecord(db, plan, { id: 'P1', person_id: 'C1', start_date: '2019-01-10' }, at('2019-01-10T10:00:00Z'));
    await updateRecord(db, plan, 'P1', { end_date: '2019-03-01' }, at('2019-03-05T10:00:00Z'));
    // A visit on 28 Feb, recorded ("finalised") on 6 March.
    await createRecord(db, visit, { id: 'V1', person_id: 'C1', visit_date: new Date('2019-02-28T11:00:00Z'), seen: true }, at('2019-03-06T09:00:00Z'));
    await createRecord(db, visit, { id: 'V2', person_id: 'C1', visit_date: new Date('2019-02-14T11:00:00Z'), seen: true }, at('2019-02-14T12:00:00Z'));
    await deleteRecord(db, visit, 'V2', at('2019-04-01T09:00:00Z'));

    const monthEnd = await loadMeasureInputs(db, { from: '2019-02', to: '2019-02', knownAt: new Date('2019-02-28T23:59:59Z') });
    expect(monthEnd.cpPlans).toEqual([{ id: 'P1', personId: 'C1', startDate: '2019-01-10', endDate: null, teamId: null }]);
    expect(monthEnd.visits).toEqual([{ personId: 'C1', date: '2019-02-14', seen: true, kind: 'CP' }]);

    const now = await loadMeasureInputs(db, { from: '2019-02', to: '2019-02' });
    expect(now.cpPlans[0]!.endDate).toBe('2019-03-01');
    expect(now.visits).toEqual([{ personId: 'C1', date: '2019-02-28', seen: true, kind: 'CP' }]);
  });
});

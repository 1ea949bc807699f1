/**
 * A drill-down lists its records in the measure's order (date or instant, then record id) on both engines,
 * whatever order the database holds and returns them in. The inputs are read without ORDER BY (one aggregated
 * string per table, src/repositories/measure-inputs.ts), and on the 10-year synthetic authority PGlite and
 * PostgreSQL returned the same rows of measures 1, 4 and 9 in different orders, so their drill-downs (and CSVs)
 * differed in order though not in figures or rows. Here the records are written latest first.
 */
import { expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createRecord } from '../db/record-store.js';
import { m01ContactsDecided24h } from '../domain/measures/definitions/m01-contacts-decided-24h.js';
import { m04Assessments45wd } from '../domain/measures/definitions/m04-assessments-45wd.js';
import { m09ReturnInterviews72h } from '../domain/measures/definitions/m09-return-interviews-72h.js';
import type { MeasureDefinition } from '../domain/measures/types.js';
import { getEntity } from '../domain/model/entities.js';
import { forEachEngine } from '../testing/databases.js';
import { drillDown } from './dataset.js';

const by = { actor: 'test', reason: 'test', at: new Date('2025-05-01T09:00:00Z') };

async function recordsLatestFirst(db: Database): Promise<void> {
  const contact = getEntity('contact');
  // K2 and K1 were received and decided at the same instants: ordered by id.
  for (const [id, received, decided] of [
    ['K3', '2025-04-26T15:00:00Z', '2025-04-26T17:00:00Z'],
    ['K2', '2025-04-26T15:59:56Z', '2025-04-26T16:37:56Z'],
    ['K1', '2025-04-26T15:59:56Z', '2025-04-26T16:37:56Z'],
    ['K0', '2025-04-02T08:00:00Z', '2025-04-02T09:00:00Z'],
  ] as const) {
    await createRecord(db, contact, {
      id, person_id: `C${id.slice(1)}`, received_at: new Date(received), received_at_has_time: true,
      decision_at: new Date(decided), decision_at_has_time: true, decision: 'REF',
    }, by);
  }
  const assessment = getEntity('assessment');
  for (const [id, start, authorised] of [['A3', '2025-04-10', '2025-04-28'], ['A2', '2025-04-03', '2025-04-17'], ['A1', '2025-04-03', '2025-04-17'], ['A0', '2025-03-01', '2025-04-01']] as const) {
    await createRecord(db, assessment, { id, person_id: `C${id.slice(1)}`, start_date: start, authorised_date: authorised }, by);
  }
  const episode = getEntity('missing_episode');
  for (const [id, returned] of [['M3', '2025-04-25T17:00:00Z'], ['M2', '2025-04-05T05:11:51Z'], ['M1', '2025-04-05T05:11:51Z']] as const) {
    await createRecord(db, episode, {
      id, person_id: `C${id.slice(1)}`, start_at: new Date(Date.parse(returned) - 86_400_000), end_at: new Date(returned), end_at_has_time: true,
      rhi_offered: 'Y', rhi_accepted: 'N',
    }, by);
  }
}

const order = async (db: Database, def: MeasureDefinition) =>
  (await drillDown(db, def, '2025-04', { offset: 0, limit: 100 })).rows.map((r) => r.recordId);

forEachEngine('drill-down order', (use) => {
  it('lists measures 1, 4 and 9 by date or instant, then id, though the records were written latest first', async () => {
    const db = await use();
    await recordsLatestFirst(db);
    expect(await order(db, m01ContactsDecided24h)).toEqual(['K0', 'K1', 'K2', 'K3']);
    expect(await order(db, m04Assessments45wd)).toEqual(['A0', 'A1', 'A2', 'A3']);
    expect(await order(db, m09ReturnInterviews72h)).toEqual(['M1', 'M2', 'M3']);
  });
});

import { expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createRecord, history } from '../db/record-store.js';
import { getEntity } from '../domain/model/entities.js';
import type { CanonicalRecord } from '../domain/model/values.js';
import { startOfLondonDay } from '../domain/time/london.js';
import { forEachEngine } from '../testing/databases.js';
import { allocateChild, FormProblem, myWork, teamDashboard } from './caseload.js';
import { recordSupervision } from './practice.js';
import { AccessDenied, type Viewer } from './viewer.js';

// Monday 23 November 2026.
const TODAY = '2026-11-23';
const at = (date: string) => startOfLondonDay(date);

async function add(db: Database, entity: string, record: CanonicalRecord) {
  await db.transaction((tx) => createRecord(tx, getEntity(entity), record, { actor: 'test', reason: '' }));
}

/** Team T1 (manager M, workers A and B), team T2 (worker C); children with work due and waiting. */
async function authority(db: Database) {
  await add(db, 'team', { id: 'T1', name: 'Safeguarding Team 1', service_area: 'CM', manager_id: 'M' });
  await add(db, 'team', { id: 'T2', name: 'Safeguarding Team 2', service_area: 'CM' });
  await add(db, 'team', { id: 'EH1', name: 'Early Help Team', service_area: 'EH' });
  for (const [id, name, team] of [['M', 'Mo Manager', 'T1'], ['A', 'Ann Able', 'T1'], ['B', 'Ben Bright', 'T1'], ['C', 'Cat Cole', 'T2']] as const) {
    await add(db, 'worker', { id, name, team_id: team, start_date: '2020-01-01' });
  }
  for (const [id, forename] of [['P1', 'Pat'], ['P2', 'Quinn'], ['P3', 'Rae'], ['P4', 'Sol'], ['P5', 'Tam']] as const) {
    await add(db, 'person', { id, forename, surname: 'Child', dob: '2015-05-05' });
  }
  // P1: CP plan since 2 November, allocated to Ann, last seen Friday 6 November (10 working days → due Friday 20th: overdue).
  await add(db, 'referral', { id: 'R1', person_id: 'P1', referral_date: at('2026-10-20'), referral_date_has_time: false, team_id: 'T1' });
  await add(db, 'cp_plan', { id: 'CP1', person_id: 'P1', referral_id: 'R1', start_date: '2026-11-02', initial_category: 'NEG' });
  await add(db, 'allocation', { id: 'AL1', person_id: 'P1', worker_id: 'A', team_id: 'T1', start_date: '2026-10-21', role: 'CH' });
  await add(db, 'cp_visit', { id: 'V1', person_id: 'P1', cp_plan_id: 'CP1', visit_date: at('2026-11-06'), visit_date_has_time: false, seen: true });
  await add(db, 'meeting', { id: 'G1', person_id: 'P1', meeting_type: 'CG', plan_id: 'CP1', held_at: at('2026-11-10'), held_at_has_time: false });
  await add(db, 'supervision', { id: 'S1', person_id: 'P1', supervision_type: 'CS', held_at: at('2026-11-20'), held_at_has_time: false, supervisor_id: 'M' });
  // P2: CIN plan since 1 October, allocated to Ann, seen 26 October (20 working days → due Monday 23rd: due today).
  await add(db, 'referral', { id: 'R2', person_id: 'P2', referral_date: at('2026-09-20'), referral_date_has_time: false, team_id: 'T1' });
  await add(db, 'cin_plan', { id: 'CIN2', person_id: 'P2', referral_id: 'R2', start_date: '2026-10-01', team_id: 'T1' });
  await add(db, 'allocation', { id: 'AL2', person_id: 'P2', worker_id: 'A', team_id: 'T1', start_date: '2026-09-21', role: 'CH' });
  await add(db, 'cin_visit', { id: 'V2', person_id: 'P2', visit_date: at('2026-10-26'), visit_date_has_time: false, seen: true });
  await add(db, 'supervision', { id: 'S2', person_id: 'P2', supervision_type: 'CS', held_at: at('2026-11-20'), held_at_has_time: false, supervisor_id: 'M' });
  await add(db, 'plan_action', {
    id: 'X2', person_id: 'P2', plan_type: 'CIN', plan_id: 'CIN2', action: 'Refer to the parenting course', responsible: 'Social worker',
    due_date: '2026-11-30', status: 'PROG', set_date: '2026-10-01',
  });
  // P3: referral to T1 on Monday 9 November, never allocated: 10 working days waiting.
  await add(db, 'referral', { id: 'R3', person_id: 'P3', referral_date: at('2026-11-09'), referral_date_has_time: false, team_id: 'T1' });
  // P4: referral to T2, not allocated: not T1's.
  await add(db, 'referral', { id: 'R4', person_id: 'P4', referral_date: at('2026-11-09'), referral_date_has_time: false, team_id: 'T2' });
  // P5: allocated to Ann until Friday 20 November, then a step up from early help waiting since Wednesday 18th.
  await add(db, 'referral', { id: 'R5', person_id: 'P5', referral_date: at('2026-06-01'), referral_date_has_time: false, team_id: 'T1' });
  await add(db, 'allocation', { id: 'AL5', person_id: 'P5', worker_id: 'A', team_id: 'T1', start_date: '2026-06-02', end_date: '2026-11-20', role: 'CH' });
  await add(db, 'early_help_episode', { id: 'E5', person_id: 'P5', start_date: '2026-09-01', team_id: 'EH1', step_up_requested_date: '2026-11-18' });
}

const manager: Viewer = { userId: 'u1', username: 'mo.manager', displayName: 'Mo Manager', role: 'team-manager', workerId: 'M', teamId: 'T1' };
const ann: Viewer = { userId: 'u2', username: 'ann.able', displayName: 'Ann Able', role: 'social-worker', workerId: 'A', teamId: 'T1' };

forEachEngine('caseload', (use) => {
  it('the team dashboard: caseloads, overdue and due-soon work per worker, unallocated children with their wait, step-ups waiting', async () => {
    const db = await use();
    await authority(db);
    const d = await teamDashboard(db, manager, TODAY);
    expect(d.team).toEqual({ id: 'T1', name: 'Safeguarding Team 1' });
    expect(d.workers.map((w) => [w.name, w.caseload, w.overdue.length, w.dueSoon.length])).toEqual([
      ['Ann Able', 2, 1, 2], ['Ben Bright', 0, 0, 0], ['Mo Manager', 0, 0, 0],
    ]);
    const ann = d.workers[0]!;
    expect(ann.overdue.map((i) => [i.personId, i.title, i.due, i.overdueBy])).toEqual([['P1', 'Child protection visit', '2026-11-20', 1]]);
    expect(ann.dueSoon.map((i) => [i.personId, i.title, i.due, i.workingDaysLeft])).toEqual([
      ['P2', 'Child in need visit', '2026-11-23', 0],
      ['P2', 'Child in need plan action', '2026-11-30', 5],
    ]);
    expect(d.unallocated.map((u) => [u.personId, u.since, u.workingDays, u.clock.state])).toEqual([
      ['P3', '2026-11-09', 10, 'overdue'],
      ['P5', '2026-11-20', 1, 'pending'],
    ]);
    expect(d.steps.map((s) => [s.personId, s.direction, s.workingDays])).toEqual([['P5', 'step-up', 3]]);
    expect(d.children.get('P1')?.name).toBe('Pat Child');
    const logged = await db.query<{ person_id: string }>(`SELECT person_id FROM access_log WHERE actor = 'mo.manager' AND action = 'view' AND person_id IS NOT NULL ORDER BY person_id`);
    expect(logged.map((l) => l.person_id)).toEqual(['P1', 'P2', 'P3', 'P5']);
  });

  it('My work: the worker’s own cases; only for practice roles', async () => {
    const db = await use();
    await authority(db);
    const work = (await myWork(db, ann, TODAY))!;
    expect(work.caseload).toBe(2);
    expect(work.overdue.map((i) => i.title)).toEqual(['Child protection visit']);
    expect(work.dueSoon.map((i) => i.title)).toEqual(['Child in need visit', 'Child in need plan action']);
    expect(await myWork(db, { ...ann, workerId: null }, TODAY)).toBeNull();
    await expect(myWork(db, { ...ann, role: 'auditor' }, TODAY)).rejects.toBeInstanceOf(AccessDenied);
  });

  it('allocating: a new allocation with history and access log; validation; a social worker is refused', async () => {
    const db = await use();
    await authority(db);
    await expect(allocateChild(db, ann, { personId: 'P3', workerId: 'B' }, TODAY)).rejects.toBeInstanceOf(AccessDenied);
    const refusals = await db.query(`SELECT 1 FROM access_log WHERE actor = 'ann.able' AND outcome = 'denied' AND person_id = 'P3'`);
    expect(refusals).toHaveLength(1);
    await expect(allocateChild(db, manager, { personId: 'P3', workerId: '' }, TODAY)).rejects.toMatchObject({ errors: { 'worker-P3': 'Choose a worker to allocate the child to' } });
    await expect(allocateChild(db, manager, { personId: 'P3', workerId: 'C' }, TODAY)).rejects.toMatchObject({ errors: { 'worker-P3': 'Choose a worker in your team' } });
    await expect(allocateChild(db, manager, { personId: 'P1', workerId: 'B' }, TODAY)).rejects.toMatchObject({ errors: { 'worker-P1': 'Pat Child is already allocated to Ann Able' } });
    await expect(allocateChild(db, manager, { personId: 'P4', workerId: 'B' }, TODAY)).rejects.toBeInstanceOf(AccessDenied); // another team's child

    const done = await allocateChild(db, manager, { personId: 'P3', workerId: 'B' }, TODAY);
    expect(done).toMatchObject({ personId: 'P3', childName: 'Rae Child', workerName: 'Ben Bright' });
    const versions = await history(db, getEntity('allocation'), done.allocationId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ worker_id: 'B', team_id: 'T1', person_id: 'P3', referral_id: 'R3', start_date: TODAY, end_date: null, role: 'CH', recorded_by: 'mo.manager' });
    const log = await db.query(`SELECT action, outcome FROM access_log WHERE actor = 'mo.manager' AND entity = 'allocation' AND person_id = 'P3'`);
    expect(log).toEqual([{ action: 'create', outcome: 'done' }]);
    const after = await teamDashboard(db, manager, TODAY);
    expect(after.unallocated.map((u) => u.personId)).toEqual(['P5']);
    expect(after.workers.find((w) => w.id === 'B')?.caseload).toBe(1);
  });

  it('supervision needs a rationale, and is recorded by the signed-in manager', async () => {
    const db = await use();
    await authority(db);
    const input = { date: '2026-11-23', type: 'CS', decision: 'Continue the plan', rationale: '' };
    await expect(recordSupervision(db, manager, 'P1', input, TODAY)).rejects.toBeInstanceOf(FormProblem);
    await expect(recordSupervision(db, manager, 'P1', input, TODAY)).rejects.toMatchObject({ errors: { rationale: 'Enter the rationale: why this decision was made' } });
    await expect(recordSupervision(db, ann, 'P1', { ...input, rationale: 'Because' }, TODAY)).rejects.toBeInstanceOf(AccessDenied);
    const id = await recordSupervision(db, manager, 'P1', { ...input, rationale: 'Risks reduced; school attendance up.' }, TODAY);
    const [row] = await db.query<{ worker_id: string; supervisor_id: string; rationale: string }>('SELECT worker_id, supervisor_id, rationale FROM current_supervision WHERE id = $1', [id]);
    expect(row).toEqual({ worker_id: 'A', supervisor_id: 'M', rationale: 'Risks reduced; school attendance up.' });
  });

  it('unallocated children in care: waiting from the day their worker left; not while an allocation runs on, or in another team', async () => {
    const db = await use();
    await authority(db);
    for (const [id, forename] of [['P6', 'Uma'], ['P7', 'Val'], ['P8', 'Wyn'], ['P9', 'Xan']] as const) {
      await add(db, 'person', { id, forename, surname: 'Child', dob: '2016-06-06' });
    }
    // Dee left T1 on Tuesday 17 November; her allocations stay open on the record.
    await add(db, 'worker', { id: 'D', name: 'Dee Dunn', team_id: 'T1', start_date: '2020-01-01', end_date: '2026-11-17' });
    // P6: in care, allocated to Dee (who left): waiting since the 17th, 4 working days.
    await add(db, 'cla_episode', { id: 'CLA6', cla_id: 'CLA6', person_id: 'P6', start_date: '2026-01-05' });
    await add(db, 'allocation', { id: 'AL6', person_id: 'P6', worker_id: 'D', team_id: 'T1', start_date: '2026-01-05', role: 'CH' });
    // P7: CP plan, allocated to Ben until a date still to come: not waiting.
    await add(db, 'cp_plan', { id: 'CP7', person_id: 'P7', start_date: '2026-10-01', initial_category: 'EMO' });
    await add(db, 'allocation', { id: 'AL7', person_id: 'P7', worker_id: 'B', team_id: 'T1', start_date: '2026-10-01', end_date: '2026-12-31', role: 'CH' });
    // P8: CP plan; T1's allocation ended, then T2's ended later: T2's child, not T1's.
    await add(db, 'cp_plan', { id: 'CP8', person_id: 'P8', start_date: '2026-03-01', initial_category: 'NEG' });
    await add(db, 'allocation', { id: 'AL8a', person_id: 'P8', worker_id: 'A', team_id: 'T1', start_date: '2026-03-01', end_date: '2026-06-30', role: 'CH' });
    await add(db, 'allocation', { id: 'AL8b', person_id: 'P8', worker_id: 'C', team_id: 'T2', start_date: '2026-07-01', end_date: '2026-11-02', role: 'CH' });
    // P9: in care, allocated to Dee (left) and to Ben (still here): not waiting.
    await add(db, 'cla_episode', { id: 'CLA9', cla_id: 'CLA9', person_id: 'P9', start_date: '2026-02-02' });
    await add(db, 'allocation', { id: 'AL9a', person_id: 'P9', worker_id: 'D', team_id: 'T1', start_date: '2026-02-02', role: 'CH' });
    await add(db, 'allocation', { id: 'AL9b', person_id: 'P9', worker_id: 'B', team_id: 'T1', start_date: '2026-11-18', role: 'CH' });
    const d = await teamDashboard(db, manager, TODAY);
    expect(d.unallocated.map((u) => [u.personId, u.since, u.workingDays, u.because])).toEqual([
      ['P3', '2026-11-09', 10, 'the referral started'],
      ['P6', '2026-11-17', 4, 'the last allocation ended'],
      ['P5', '2026-11-20', 1, 'the last allocation ended'],
    ]);
    const other = await teamDashboard(db, { ...manager, teamId: 'T2' }, TODAY);
    expect(other.unallocated.map((u) => [u.personId, u.since])).toEqual([['P8', '2026-11-02'], ['P4', '2026-11-09']]);
  });
});

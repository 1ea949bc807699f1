import { expect, it } from 'vitest';
import { getEntity } from '../domain/model/entities.js';
import type { CanonicalRecord } from '../domain/model/values.js';
import { createRecord, deleteRecord, updateRecord } from '../db/record-store.js';
import { forEachEngine } from '../testing/databases.js';
import { measureContext } from '../domain/measures/context.js';
import { m06CpVisits10wd } from '../domain/measures/definitions/m06-cp-visits-10wd.js';
import { rereferrals } from '../domain/measures/definitions/rereferrals.js';
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

forEachEngine('measure inputs: supervision before the months', (use) => {
  it("reads CP children's supervision: in the months, and each one's latest of each type before them, as known at the instant", async () => {
    const db = await use();
    const plan = getEntity('cp_plan');
    const supervision = getEntity('supervision');
    const when = at('2018-01-01T09:00:00Z');
    await createRecord(db, plan, { id: 'P1', person_id: 'C1', start_date: '2018-06-01' }, when);
    await createRecord(db, plan, { id: 'P2', person_id: 'C2', start_date: '2018-01-10', end_date: '2018-09-01' }, when);
    const held = (id: string, person: string, iso: string, type: string, recorded = when) =>
      createRecord(db, supervision, { id, person_id: person, held_at: new Date(iso), supervision_type: type }, recorded);
    await held('S1', 'C1', '2018-07-02T10:00:00Z', 'CS');
    await held('S2', 'C1', '2018-10-05T10:00:00Z', 'MO');
    await held('S3', 'C1', '2018-11-20T10:00:00Z', 'CS');
    await held('S4', 'C1', '2019-01-15T10:00:00Z', 'CS');
    // Recorded after the month: not seen as known at its end.
    await held('S5', 'C1', '2018-12-28T10:00:00Z', 'CS', at('2019-02-10T09:00:00Z'));
    // C2's plan ended before the months, and C3 has none: no measure reads their supervision.
    await held('S6', 'C2', '2018-08-01T10:00:00Z', 'CS');
    await held('S7', 'C3', '2018-12-01T10:00:00Z', 'CS');
    await held('S8', 'C3', '2019-01-03T10:00:00Z', 'CS');

    const rows = (inputs: Awaited<ReturnType<typeof loadMeasureInputs>>) =>
      inputs.supervisions.map((s) => `${s.personId} ${s.date} ${s.type}`).sort();
    expect(rows(await loadMeasureInputs(db, { from: '2019-01', to: '2019-01', knownAt: new Date('2019-01-31T23:59:59Z') }))).toEqual([
      'C1 2018-10-05 MO', 'C1 2018-11-20 CS', 'C1 2019-01-15 CS',
    ]);
    expect(rows(await loadMeasureInputs(db, { from: '2019-01', to: '2019-01' }))).toEqual([
      'C1 2018-10-05 MO', 'C1 2018-12-28 CS', 'C1 2019-01-15 CS',
    ]);
  });
});

forEachEngine('measure inputs: London dates of visits and supervision', (use) => {
  it('dates each visit and supervision by its London day, across both clock changes and either side of midnight', async () => {
    const db = await use();
    const visit = getEntity('cin_visit');
    const supervision = getEntity('supervision');
    const when = at('2019-01-01T09:00:00Z');
    await createRecord(db, getEntity('cp_plan'), { id: 'P1', person_id: 'C1', start_date: '2019-01-02' }, when);
    const instants = [
      '2019-03-30T23:59:59Z', // GMT: Saturday 30 March
      '2019-03-31T00:59:59Z', // the last second of GMT: Sunday 31 March
      '2019-03-31T01:00:00Z', // 02:00 BST, Sunday 31 March
      '2019-06-14T22:59:59Z', // 23:59:59 BST on 14 June
      '2019-06-14T23:00:00Z', // midnight BST: 15 June
      '2019-10-27T00:30:00Z', // 01:30 BST, Sunday 27 October
      '2019-10-27T01:30:00Z', // 01:30 GMT, the same London day
      '2019-10-27T23:30:00Z', // 23:30 GMT, still 27 October
    ];
    for (const [i, instant] of instants.entries()) {
      await createRecord(db, visit, { id: `V${i}`, person_id: 'C1', visit_date: new Date(instant), seen: true }, when);
      await createRecord(db, supervision, { id: `S${i}`, person_id: 'C1', held_at: new Date(instant), supervision_type: 'CS' }, when);
    }
    const expected = ['2019-03-30', '2019-03-31', '2019-03-31', '2019-06-14', '2019-06-15', '2019-10-27', '2019-10-27', '2019-10-27'];
    const [asSql] = await db.query<{ dates: string }>(
      `SELECT string_agg(((visit_date AT TIME ZONE 'Europe/London')::date)::text, ',' ORDER BY id) AS dates FROM cin_visit`,
    );
    expect(asSql!.dates.split(',')).toEqual(expected);

    const inputs = await loadMeasureInputs(db, { from: '2019-03', to: '2019-10' });
    expect(inputs.visits.map((v) => v.date).sort()).toEqual([...expected].sort());
    expect(inputs.supervisions.map((s) => s.date).sort()).toEqual([...expected].sort());
  });
});

forEachEngine('measure inputs: visits before the look-back', (use) => {
  it('reads the latest visit of each kind before the look-back for a child on a plan who has not been seen since', async () => {
    const db = await use();
    const plan = getEntity('cp_plan');
    const visits = { CP: getEntity('cp_visit'), CIN: getEntity('cin_visit') };
    const when = at('2016-12-01T09:00:00Z');
    // The months asked for are January 2019; visits are read from 1 October 2018 (3 months before).
    await createRecord(db, plan, { id: 'P1', person_id: 'C1', start_date: '2017-01-10' }, when);
    await createRecord(db, plan, { id: 'P2', person_id: 'C2', start_date: '2017-01-10' }, when);
    await createRecord(db, plan, { id: 'P3', person_id: 'C3', start_date: '2018-11-01' }, when);
    await createRecord(db, plan, { id: 'P4', person_id: 'C4', start_date: '2016-01-10', end_date: '2018-06-01' }, when);
    const seen = (id: string, kind: 'CP' | 'CIN', person: string, iso: string, wasSeen = true, recorded = when) =>
      createRecord(db, visits[kind], { id, person_id: person, visit_date: new Date(iso), seen: wasSeen }, recorded);
    await seen('V1', 'CP', 'C1', '2017-03-01T10:00:00Z');
    await seen('V2', 'CP', 'C1', '2017-06-01T10:00:00Z');
    await seen('V3', 'CIN', 'C1', '2017-09-01T10:00:00Z');
    await seen('V4', 'CP', 'C1', '2018-01-05T10:00:00Z', false); // not seen
    await seen('V5', 'CIN', 'C1', '2017-10-02T10:00:00Z', true, at('2019-02-10T09:00:00Z')); // recorded after the month
    await seen('V6', 'CP', 'C2', '2017-05-01T10:00:00Z');
    await seen('V7', 'CP', 'C2', '2018-11-01T10:00:00Z'); // seen since the look-back: nothing earlier is needed
    await seen('V8', 'CP', 'C3', '2017-05-01T10:00:00Z'); // plan began after the look-back
    await seen('V9', 'CP', 'C4', '2017-05-01T10:00:00Z'); // plan ended before the months

    const rows = (inputs: Awaited<ReturnType<typeof loadMeasureInputs>>) => inputs.visits.map((v) => `${v.personId} ${v.date} ${v.kind}`).sort();
    expect(rows(await loadMeasureInputs(db, { from: '2019-01', to: '2019-01', knownAt: new Date('2019-01-31T23:59:59Z') }))).toEqual([
      'C1 2017-06-01 CP', 'C1 2017-09-01 CIN', 'C2 2018-11-01 CP',
    ]);
    const now = await loadMeasureInputs(db, { from: '2019-01', to: '2019-01' });
    expect(rows(now)).toEqual(['C1 2017-06-01 CP', 'C1 2017-10-02 CIN', 'C2 2018-11-01 CP']);

    // Measure 6 lists C1 as last seen on 2 October 2017, not as never seen since the plan began.
    const c1 = [...m06CpVisits10wd.rows(measureContext(now), '2019-01')].find((r) => r.personId === 'C1')!;
    expect(c1.dates.lastSeen).toBe('2017-10-02');
    expect(c1.explanation).toMatch(/^last seen 2 Oct 2017; /);
  });
});

forEachEngine('measure inputs: what the months need', (use) => {
  it('reads nothing begun after the months, and the allocations that name the team at dates in the year before them', async () => {
    const db = await use();
    const when = at('2017-01-01T09:00:00Z');
    const make = (entity: string, fields: CanonicalRecord) => createRecord(db, getEntity(entity), fields, when);
    // A referral in the year before January 2019, while C1's case was held in team T2 (the allocation ended before January).
    await make('referral', { id: 'R1', person_id: 'C1', referral_date: new Date('2018-03-10T10:00:00Z'), close_date: '2018-05-01', team_id: 'T1' });
    await make('allocation', { id: 'A1', person_id: 'C1', worker_id: 'W1', role: 'CH', start_date: '2018-03-01', end_date: '2018-06-01', team_id: 'T2' });
    // Begun after the months: none of these is read.
    await make('cp_plan', { id: 'P2', person_id: 'C2', start_date: '2019-02-10' });
    await make('allocation', { id: 'A2', person_id: 'C2', worker_id: 'W1', role: 'CH', start_date: '2019-02-10', team_id: 'T2' });
    await make('cp_visit', { id: 'V2', person_id: 'C2', visit_date: new Date('2019-02-11T10:00:00Z'), seen: true });
    await make('referral', { id: 'R2', person_id: 'C2', referral_date: new Date('2019-02-01T10:00:00Z'), team_id: 'T1' });
    // Except a referral (wrongly dated after the months) that an assessment authorised in them belongs to.
    await make('referral', { id: 'R3', person_id: 'C3', referral_date: new Date('2019-02-05T10:00:00Z'), team_id: 'T1' });
    await make('assessment', { id: 'AS3', person_id: 'C3', referral_id: 'R3', start_date: '2019-01-07', authorised_date: '2019-01-21' });

    const inputs = await loadMeasureInputs(db, { from: '2019-01', to: '2019-01' });
    expect(inputs.cpPlans).toEqual([]);
    expect(inputs.visits).toEqual([]);
    expect(inputs.referrals.map((r) => r.id).sort()).toEqual(['R1', 'R3']);
    expect(inputs.allocations.map((a) => `${a.personId} ${a.teamId} ${a.startDate}`)).toEqual(['C1 T2 2018-03-01']);
    expect(inputs.assessments.map((a) => a.id)).toEqual(['AS3']);
    const ref = [...rereferrals.rows(measureContext(inputs), '2019-01')].find((r) => r.recordId === 'R1');
    expect(ref).toMatchObject({ recordId: 'R1', teamId: 'T2' });
  });

  it('reads care, legal statuses and placements open from a year before the months, each period whole, and absences open in them', async () => {
    const db = await use();
    const when = at('2010-01-01T09:00:00Z');
    const make = (entity: string, fields: CanonicalRecord) => createRecord(db, getEntity(entity), fields, when);
    // C1's period of care began in 2012 with an episode that ceased in 2015; its second episode is open.
    await make('cla_episode', { id: 'E1', person_id: 'C1', cla_id: 'L1', start_date: '2012-04-02', ceased_date: '2015-06-01' });
    await make('cla_episode', { id: 'E2', person_id: 'C1', cla_id: 'L1', start_date: '2015-06-01' });
    await make('legal_status', { id: 'LS1', person_id: 'C1', legal_status: 'C2', start_date: '2012-04-02', end_date: '2015-06-01' });
    await make('legal_status', { id: 'LS2', person_id: 'C1', legal_status: 'E1', start_date: '2015-06-01' });
    await make('placement', { id: 'PL1', person_id: 'C1', cla_id: 'L1', start_date: '2012-04-02', end_date: '2017-11-30' });
    await make('placement', { id: 'PL2', person_id: 'C1', cla_id: 'L1', start_date: '2017-11-30', end_date: '2018-03-01' });
    // C2's period ended more than a year before the months: no measure reads it.
    await make('cla_episode', { id: 'E3', person_id: 'C2', start_date: '2014-01-06', ceased_date: '2017-12-01' });
    await make('legal_status', { id: 'LS3', person_id: 'C2', legal_status: 'C2', start_date: '2014-01-06', end_date: '2017-12-01' });
    await make('placement', { id: 'PL3', person_id: 'C2', cla_id: 'E3', start_date: '2014-01-06', end_date: '2017-12-01' });
    // Absences count at month ends: the one that ended before the months is not read.
    await make('absence', { id: 'AB1', worker_id: 'W1', start_date: '2018-06-01', end_date: '2018-12-31', long_term: true });
    await make('absence', { id: 'AB2', worker_id: 'W1', start_date: '2019-01-31', long_term: true });

    const inputs = await loadMeasureInputs(db, { from: '2019-01', to: '2019-01' });
    expect(inputs.claEpisodes.map((e) => e.id).sort()).toEqual(['E1', 'E2']);
    expect(inputs.legalStatuses.map((l) => l.status)).toEqual(['E1']);
    expect(inputs.placements.map((p) => p.id)).toEqual(['PL2']);
    expect(inputs.absences.map((a) => a.startDate)).toEqual(['2019-01-31']);
    expect(measureContext(inputs).periodsOfCare.get('L1')).toMatchObject({ startDate: '2012-04-02', endDate: null });
  });
});

import { expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createRecord } from '../db/record-store.js';
import { getEntity } from '../domain/model/entities.js';
import type { CanonicalRecord } from '../domain/model/values.js';
import { startOfLondonDay } from '../domain/time/london.js';
import { forEachEngine } from '../testing/databases.js';
import { shortfallChildren, weeklyBoard } from './board.js';
import { AccessDenied, type Viewer } from './viewer.js';

const MONTH = '2026-10'; // month end Saturday 31 October 2026
const at = (date: string) => startOfLondonDay(date);

async function add(db: Database, entity: string, record: CanonicalRecord) {
  await db.transaction((tx) => createRecord(tx, getEntity(entity), record, { actor: 'test', reason: '' }));
}

/** Teams T1 (worker A) and T2 (worker B), each with two children in need: one seen in time, one not. */
async function authority(db: Database) {
  await add(db, 'team', { id: 'T1', name: 'Team One', service_area: 'CM', manager_id: 'M1' });
  await add(db, 'team', { id: 'T2', name: 'Team Two', service_area: 'DC', manager_id: 'M2' });
  for (const [id, name, team] of [['M1', 'Mo Manager', 'T1'], ['M2', 'Mel Manager', 'T2'], ['A', 'Ann Able', 'T1'], ['B', 'Ben Bright', 'T2']] as const) {
    await add(db, 'worker', { id, name, team_id: team, start_date: '2020-01-01' });
  }
  const children: [string, string, string, string | null][] = [
    ['P1', 'T1', 'A', '2026-10-20'], ['P2', 'T1', 'A', '2026-09-10'], ['P3', 'T2', 'B', null], ['P4', 'T2', 'B', '2026-10-28'],
  ];
  for (const [p, team, worker, seen] of children) {
    await add(db, 'person', { id: p, forename: `Child${p}`, surname: 'Test', dob: '2015-05-05' });
    await add(db, 'referral', { id: `R${p}`, person_id: p, referral_date: at('2026-07-01'), referral_date_has_time: false, team_id: team });
    await add(db, 'cin_plan', { id: `N${p}`, person_id: p, referral_id: `R${p}`, start_date: '2026-08-03', team_id: team });
    await add(db, 'allocation', { id: `AL${p}`, person_id: p, worker_id: worker, team_id: team, start_date: '2026-07-02', role: 'CH' });
    if (seen) await add(db, 'cin_visit', { id: `V${p}`, person_id: p, visit_date: at(seen), visit_date_has_time: false, seen: true });
  }
}

const analyst: Viewer = { userId: 'u1', username: 'ana', displayName: 'Ana', role: 'performance-analyst', workerId: null, teamId: null };
const manager: Viewer = { userId: 'u2', username: 'mo', displayName: 'Mo', role: 'team-manager', workerId: 'M1', teamId: 'T1' };
const social: Viewer = { userId: 'u3', username: 'ann', displayName: 'Ann', role: 'social-worker', workerId: 'A', teamId: 'T1' };

forEachEngine('the performance board', (use) => {
  it('shows an analyst every team and worker, worst first, and the children behind a shortfall (logged)', async () => {
    const db = await use();
    await authority(db);
    const board = await weeklyBoard(db, analyst, MONTH);
    expect(board.scope.kind).toBe('authority');
    const m10 = board.measures.find((m) => m.id === 'm10-cin-visits-20wd')!;
    expect(m10.overall).toMatchObject({ numerator: 2, denominator: 4, display: '50.0%', rag: 'red', shortfall: 2, children: 2 });
    expect(m10.byTeam.map((g) => [g.label, g.display])).toEqual([['Team One', '50.0%'], ['Team Two', '50.0%']]);
    expect(m10.byService.map((g) => g.label)).toEqual(['Care management (CIN and CP)', 'Disabled children']);
    expect(m10.byWorker.map((g) => [g.label, g.context])).toEqual([['Ann Able', 'Team One'], ['Ben Bright', 'Team Two']]);
    // Red measures come first.
    expect(board.measures[0]!.overall.rag).toBe('red');

    const behind = await shortfallChildren(db, analyst, 'm10-cin-visits-20wd', MONTH, 'team', 'T2');
    expect(behind!.children.map((c) => [c.child, c.worker])).toEqual([['ChildP3 Test', 'Ben Bright']]);
    expect(behind!.children[0]!.explanation).toMatch(/not seen since the plan started/);
    const logged = await db.query<{ person_id: string }>(`SELECT person_id FROM access_log WHERE actor = 'ana' AND person_id IS NOT NULL`);
    expect(logged.map((l) => l.person_id)).toEqual(['P3']);
  });

  it('shows a team manager only their team’s records, and refuses (and logs) another team’s children', async () => {
    const db = await use();
    await authority(db);
    const board = await weeklyBoard(db, manager, MONTH);
    expect(board.scope).toEqual({ kind: 'team', teamId: 'T1', label: 'Team One' });
    const m10 = board.measures.find((m) => m.id === 'm10-cin-visits-20wd')!;
    expect(m10.overall).toMatchObject({ numerator: 1, denominator: 2, shortfall: 1 });
    expect(m10.byTeam.map((g) => g.key)).toEqual(['T1']);
    expect(m10.byWorker.map((g) => g.key)).toEqual(['A']);

    const own = await shortfallChildren(db, manager, 'm10-cin-visits-20wd', MONTH, 'worker', 'A');
    expect(own!.children.map((c) => c.personId)).toEqual(['P2']);
    // Team Two's worker: nothing of theirs is in Team One's records.
    expect((await shortfallChildren(db, manager, 'm10-cin-visits-20wd', MONTH, 'worker', 'B'))!.children).toEqual([]);
    await expect(shortfallChildren(db, manager, 'm10-cin-visits-20wd', MONTH, 'team', 'T2')).rejects.toBeInstanceOf(AccessDenied);
    const denied = await db.query<{ detail: string }>(`SELECT detail FROM access_log WHERE actor = 'mo' AND outcome = 'denied'`);
    expect(denied.map((d) => d.detail)).toEqual([`performance board m10-cin-visits-20wd ${MONTH}: team T2 is not team T1`]);
  });

  it('refuses other roles, logged; an empty month has no figures', async () => {
    const db = await use();
    await authority(db);
    await expect(weeklyBoard(db, social, MONTH)).rejects.toBeInstanceOf(AccessDenied);
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE actor = 'ann' AND outcome = 'denied'`);
    expect(row!.n).toBe(1);
    const empty = await weeklyBoard(db, analyst, '2020-01');
    const m10 = empty.measures.find((m) => m.id === 'm10-cin-visits-20wd')!;
    expect(m10.overall).toMatchObject({ value: null, display: 'no data', shortfall: 0 });
    expect(m10.byTeam).toEqual([]);
  });
});

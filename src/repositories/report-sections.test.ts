import { expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createRecord } from '../db/record-store.js';
import { getEntity } from '../domain/model/entities.js';
import type { CanonicalRecord } from '../domain/model/values.js';
import { forEachEngine } from '../testing/databases.js';
import { FormProblem } from './caseload.js';
import {
  addReportPlanAction, auditRecords, changeReportPlan, changeReportPlanAction, createReportPlan, feedbackRecords, getReportPlan, reportSections,
  saveAuditFindings, saveFailureThresholds, saveReportEntry, StaleForm,
} from './report-sections.js';
import { AccessDenied, type Viewer } from './viewer.js';

async function add(db: Database, entity: string, record: CanonicalRecord) {
  await db.transaction((tx) => createRecord(tx, getEntity(entity), record, { actor: 'test', reason: '' }));
}

const analyst: Viewer = { userId: 'u1', username: 'ana', displayName: 'Ana', role: 'performance-analyst', workerId: null, teamId: null };
const director: Viewer = { userId: 'u2', username: 'dee', displayName: 'Dee', role: 'director', workerId: null, teamId: null };

/** Two teams with managers (so 2 audits a month are expected); audits across Quarter 2 and Quarter 3 of 2026-27; feedback in November. */
async function authority(db: Database) {
  await add(db, 'team', { id: 'T1', name: 'Team One', service_area: 'CM', manager_id: 'M1' });
  await add(db, 'team', { id: 'T2', name: 'Team Two', service_area: 'CLA', manager_id: 'M2' });
  await add(db, 'team', { id: 'T3', name: 'Team Three (no manager)', service_area: 'CLA' });
  for (const [id, team] of [['M1', 'T1'], ['M2', 'T2'], ['Q', 'T1']] as const) await add(db, 'worker', { id, name: `Worker ${id}`, team_id: team, start_date: '2020-01-01' });
  for (const p of ['P1', 'P2', 'P3', 'P4', 'P5']) await add(db, 'person', { id: p, forename: p, surname: 'Child', dob: '2015-01-01' });
  const audit = (id: string, person: string, date: string, grade: string, moderated?: [string, string | null]) => add(db, 'case_audit', {
    id, person_id: person, auditor_id: 'M1', team_id: 'T1', audit_date: date, grade,
    ...(moderated ? { moderated_grade: moderated[0], moderation_date: moderated[1], moderator_id: 'Q' } : {}),
  });
  await audit('A1', 'P1', '2026-09-15', 'G', ['RI', '2026-10-05']); // Q2 audit, moderated (down) in October
  await audit('A2', 'P2', '2026-10-10', 'RI');
  await audit('A3', 'P3', '2026-10-20', 'I', ['RI', '2026-11-02']); // moderated up, in November
  await audit('A4', 'P4', '2026-11-03', 'O');
  await audit('A5', 'P5', '2026-11-30', 'G', ['G', null]); // moderated without a date: counts in November, unchanged
  await audit('A6', 'P1', '2026-12-01', 'G'); // after the report month
  await add(db, 'audit_action', { id: 'AA1', audit_id: 'A2', action: 'Update the chronology', due_date: '2026-10-31', status: 'DONE', completed_date: '2026-10-30' });
  await add(db, 'audit_action', { id: 'AA2', audit_id: 'A2', action: 'Hold a core group', due_date: '2026-11-15', status: 'OPEN' });
  const feedback = (id: string, type: string, received: string, responded: string | null, area: string | null) =>
    add(db, 'feedback', { id, feedback_type: type, received_date: received, responded_date: responded, service_area: area, person_id: 'P1' });
  await feedback('F1', 'COMP', '2026-11-02', '2026-11-20', 'CM'); // 14 working days: in time
  await feedback('F2', 'COMP', '2026-11-02', '2026-12-04', 'CM'); // late
  await feedback('F3', 'COMP', '2026-11-25', null, 'CLA'); // as at 30 November: awaiting
  await feedback('F4', 'CPLT', '2026-11-10', null, 'CLA');
  await feedback('F5', 'COMP', '2026-10-01', null, null); // October: overdue by 30 November
}

forEachEngine('the report sections', (use) => {
  it('counts audits and moderations by month and quarter against the managers’ target, and complaints by month and area', async () => {
    const db = await use();
    await authority(db);
    await saveAuditFindings(db, analyst, '2026-11', 'Theme: child in need planning.');
    await saveAuditFindings(db, analyst, '2026-11', 'Most complaints were about changes of worker.', 'feedback-themes');
    await expect(saveAuditFindings(db, analyst, '2026-11', '  ', 'feedback-themes')).rejects.toBeInstanceOf(FormProblem);
    const s = await reportSections(db, director, '2026-11');
    expect(s.asAt).toBe('2026-11-30');
    expect(s.audit.months.map((m) => m.key)).toEqual(['2026-10', '2026-11']);
    const [oct, nov] = s.audit.months;
    expect(oct).toMatchObject({ target: 2, completed: 2, percentOfTarget: 100 });
    expect(oct!.moderations).toMatchObject({ count: 1, downgraded: { count: 1, percent: 100 } });
    // The October audit's actions: one done before its due date, one open and past due at 30 November.
    expect(oct!.actions).toEqual({ raised: 2, done: 1, doneOnTime: 1, overdue: 1, open: 1, dropped: 0 });
    expect(nov).toMatchObject({ target: 2, completed: 2 });
    expect(nov!.grades.goodOrBetter).toEqual({ count: 2, percent: 100 });
    expect(nov!.moderations).toMatchObject({ count: 2, upgraded: { count: 1, percent: 50 }, unchanged: { count: 1, percent: 50 } });
    expect(s.audit.quarterTotal).toMatchObject({ label: 'Quarter 3 2026-27 so far', target: 4, completed: 4, percentOfTarget: 100 });
    expect(s.audit.previousQuarter).toMatchObject({ key: '2026-27 Q2', target: 6, completed: 1 });
    expect(s.audit.targetBasis).toMatch(/1 audit a month from each team manager/);
    expect(s.audit.findings).toMatchObject({ text: 'Theme: child in need planning.', by: 'ana' });
    expect(s.feedback.themes).toMatchObject({ text: 'Most complaints were about changes of worker.', by: 'ana' });

    const novFb = s.feedback.months.at(-1)!;
    expect(novFb).toMatchObject({ month: '2026-11', received: 4, compliments: 1, complaints: 3, respondedInTime: 1, respondedLate: 1, awaiting: 1, percentInTime: 50 });
    expect(s.feedback.months.at(-2)).toMatchObject({ complaints: 1, overdue: 1, percentInTime: 0 });
    expect(s.feedback.months).toHaveLength(12);
    expect(s.feedback.areasInMonth.map((a) => [a.code, a.count, a.percent])).toEqual([['CM', 2, 66.7], ['CLA', 1, 33.3]]);
    expect(s.feedback.quarterMonths).toEqual(['2026-10', '2026-11']);
    // Plain data: survives JSON unchanged.
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('lists the records behind a figure with the same counting rules, and logs each child', async () => {
    const db = await use();
    await authority(db);
    const moderatedNov = await auditRecords(db, director, { from: '2026-11', to: '2026-11', view: 'moderated', grade: null, change: null });
    expect(moderatedNov.map((r) => [r.id, r.change])).toEqual([['A3', 'up'], ['A5', 'same']]);
    const down = await auditRecords(db, director, { from: '2026-10', to: '2026-12', view: 'moderated', grade: 'ri', change: 'down' });
    expect(down.map((r) => r.id)).toEqual(['A1']);
    const good = await auditRecords(db, director, { from: '2026-10', to: '2026-11', view: 'completed', grade: 'good', change: null });
    expect(good.map((r) => r.id)).toEqual(['A4', 'A5']);
    const awaiting = await feedbackRecords(db, director, { from: '2026-11', to: '2026-11', type: 'complaint', timeliness: 'awaiting', area: null, asAt: '2026-11-30' });
    expect(awaiting.rows.map((r) => r.id)).toEqual(['F3']);
    const late = await feedbackRecords(db, director, { from: '2026-10', to: '2026-11', type: 'complaint', timeliness: 'late', area: null, asAt: '2026-11-30' });
    expect(late.rows.map((r) => r.id)).toEqual(['F5', 'F2']);
    const none = await feedbackRecords(db, director, { from: '2026-10', to: '2026-11', type: null, timeliness: null, area: 'none', asAt: null });
    expect(none.rows.map((r) => r.id)).toEqual(['F5']);
    const logged = await db.query<{ person_id: string }>(`SELECT DISTINCT person_id FROM access_log WHERE actor = 'dee' AND person_id IS NOT NULL ORDER BY person_id`);
    expect(logged.map((l) => l.person_id)).toEqual(['P1', 'P3', 'P4', 'P5']);
  });

  it('keeps every version of a plan and its actions with who and why, refuses stale and incomplete changes, and shows plans open in the month', async () => {
    const db = await use();
    await authority(db);
    await expect(createReportPlan(db, director, { kind: 'action', title: 'T', owner: 'O', aim: 'A', measureId: '', startDate: '2026-11-01' })).rejects.toBeInstanceOf(AccessDenied);
    const id = await createReportPlan(db, analyst, { kind: 'rectification', title: 'Reviews on time', owner: 'Head of CLA', aim: 'All reviews in time', measureId: 'm12-cla-reviews', startDate: '2026-10-15' });
    const actionId = (await addReportPlanAction(db, analyst, id, { action: 'Book reviews 4 weeks ahead', owner: 'IRO manager', dueDate: '2026-11-20' }))!;
    await expect(addReportPlanAction(db, analyst, id, { action: '', owner: '', dueDate: '' })).rejects.toBeInstanceOf(FormProblem);
    expect(await changeReportPlanAction(db, analyst, id, actionId, 1, { status: 'PROG', progress: 'Half booked', reason: 'Update at board' })).toBe(true);
    await expect(changeReportPlanAction(db, analyst, id, actionId, 1, { status: 'DONE', progress: 'All', reason: 'x' })).rejects.toBeInstanceOf(StaleForm);

    // November's report: the action was due on 20 November and is not done: overdue as at 30 November.
    const nov = await reportSections(db, director, '2026-11');
    expect(nov.rectificationPlans.map((p) => [p.id, p.summary.words])).toEqual([[id, '1 action overdue']]);
    expect(nov.actionPlans).toEqual([]);

    expect(await changeReportPlan(db, analyst, id, 1, { status: 'closed', progress: 'Reviews back on time', reason: 'Three months green', closedOn: '2026-12-02' })).toBe(true);
    await expect(changeReportPlan(db, analyst, id, 2, { status: 'closed', progress: 'x', reason: 'y', closedOn: '2026-10-01' })).rejects.toThrow(/on or after/);
    // Closed in December: still in December's report, not in January's; in September's neither (not yet started).
    expect((await reportSections(db, director, '2026-12')).rectificationPlans.map((p) => p.summary.words)).toEqual(['Closed']);
    expect((await reportSections(db, director, '2027-01')).rectificationPlans).toEqual([]);
    expect((await reportSections(db, director, '2026-09')).rectificationPlans).toEqual([]);

    const { history } = (await getReportPlan(db, director, id))!;
    expect(history.map((h) => [h.by, h.reason])).toEqual(expect.arrayContaining([
      ['ana', 'Plan recorded'], ['ana', 'Action added'], ['ana', 'Update at board'], ['ana', 'Three months green'],
    ]));
    const versions = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_plan_action_version WHERE action_id = $1', [actionId]);
    expect(versions[0]!.n).toBe(2);
  });

  it('puts surveys and inspections in the month of their date, and lists a measure red for the set months as a failure', async () => {
    const db = await use();
    await authority(db);
    const entry = { title: 'Ofsted focused visit', who: 'Ofsted', outcome: '', details: 'Areas for improvement: ...', reason: '' };
    await saveReportEntry(db, analyst, null, null, { ...entry, kind: 'inspection', date: '2026-11-30' });
    await saveReportEntry(db, analyst, null, null, { ...entry, kind: 'survey', title: 'Care leavers survey', outcome: '70% happy', date: '2026-12-01' });
    const nov = await reportSections(db, director, '2026-11');
    expect(nov.inspections.map((e) => e.title)).toEqual(['Ofsted focused visit']);
    expect(nov.surveys).toEqual([]);
    expect((await reportSections(db, director, '2026-12')).surveys.map((e) => e.title)).toEqual(['Care leavers survey']);

    // Measure 15 (audits rated RI or better; target 80, red below 70): inadequate audits make September 25%, October 40% and
    // November 28.6%; August has no audits (no figure), which ends the run at three months.
    let k = 0;
    for (const [month, count] of [['2026-09', 3], ['2026-10', 3], ['2026-11', 5]] as const) {
      for (let i = 0; i < count; i++) {
        await add(db, 'case_audit', { id: `X${++k}`, person_id: 'P2', auditor_id: 'M2', team_id: 'T2', audit_date: `${month}-1${i}`, grade: 'I' });
      }
    }
    await saveFailureThresholds(db, analyst, { defaultConsecutiveRed: 3, measures: {} }, 'Contract: three months');
    const three = await reportSections(db, director, '2026-11');
    const m15 = three.failures.items.find((f) => f.measureId === 'm15-audits-ri-or-better')!;
    expect(m15).toMatchObject({ threshold: 3, since: '2026-09', latest: '28.6%', target: 80 });
    expect(m15.run.map((r) => r.display)).toEqual(['25.0%', '40.0%', '28.6%']);
    await saveFailureThresholds(db, analyst, { defaultConsecutiveRed: 3, measures: { 'm15-audits-ri-or-better': 4 } }, 'Longer for audits');
    const four = await reportSections(db, director, '2026-11');
    expect(four.failures.items.map((f) => f.measureId)).not.toContain('m15-audits-ri-or-better');
    expect(four.failures.thresholds.exceptions).toEqual([{ measureId: 'm15-audits-ri-or-better', title: 'Case-file audits rated Requires Improvement or better', words: 'red for 4 consecutive months' }]);
    await expect(saveFailureThresholds(db, analyst, { defaultConsecutiveRed: 0, measures: {} }, 'x')).rejects.toBeInstanceOf(FormProblem);
    await expect(saveFailureThresholds(db, director, { defaultConsecutiveRed: 2, measures: {} }, 'x')).rejects.toBeInstanceOf(AccessDenied);
  });
});

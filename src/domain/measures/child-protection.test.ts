import { describe, expect, it } from 'vitest';
import { cpPlans2Years } from './definitions/cp-plans-2-years.js';
import { cpSecondPlans } from './definitions/cp-second-plans.js';
import { m02CpRate } from './definitions/m02-cp-rate.js';
import { m06CpVisits10wd } from './definitions/m06-cp-visits-10wd.js';
import { m07CpReviews } from './definitions/m07-cp-reviews.js';
import { m08CpSupervision4wk } from './definitions/m08-cp-supervision-4wk.js';
import { m10CinVisits20wd } from './definitions/m10-cin-visits-20wd.js';
import { cinRate } from './definitions/cin-rate.js';
import {
  allocation, cinPlan, compute, cpPlan, cpReview, inputsOf, lookedAfter, population, referral, supervision, visit,
} from './test-support.js';

describe('open at month end (settled detail 1)', () => {
  const plans = () =>
    inputsOf(
      population(2024, 10_000),
      cpPlan('SPAN', 'C1', '2025-02-10', '2025-04-15'), // spans the month end
      cpPlan('ENDS', 'C2', '2025-01-06', '2025-03-31'), // ends on the month end day: not open
      cpPlan('STARTS', 'C3', '2025-03-31'), // starts on it: open
      cpPlan('LATER', 'C4', '2025-04-01'),
      cpPlan('ENDED', 'C5', '2025-01-06', '2025-03-30'),
    );

  it('a plan ending on the month end day is not open; one starting on it is; one spanning it is', () => {
    for (const def of [m02CpRate, m06CpVisits10wd, m07CpReviews, m08CpSupervision4wk, cpPlans2Years]) {
      const ids = compute(def, plans(), '2025-03').rows.map((r) => r.recordId);
      expect(ids, def.id).toEqual(['SPAN', 'STARTS']);
    }
    expect(compute(m02CpRate, plans(), '2025-03').value.display).toBe('2.0');
    expect(compute(m02CpRate, plans(), '2025-04').value.display).toBe('2.0'); // C3 and C4; C1's ended 15 April
  });

  it('a child with two overlapping CP plans counts once and the overlap is a data-quality problem', () => {
    const { value, rows } = compute(
      m06CpVisits10wd,
      inputsOf(cpPlan('P1', 'C1', '2025-01-06'), cpPlan('P2', 'C1', '2025-03-03'), visit('C1', '2025-03-20')),
      '2025-03',
    );
    expect(rows.map((r) => r.recordId)).toEqual(['P2']);
    expect(value.dataQuality[0]?.problem).toBe('2 CP plans open at once: P1 (from 6 Jan), P2 (from 3 Mar); the latest-starting is used');
  });
});

describe('measure 2: CP rate per 10,000 and the population year', () => {
  it('March uses the previous mid-year; June and later the same year; notes say which', () => {
    const inputs = inputsOf(population(2024, 20_000), population(2025, 25_000), cpPlan('P1', 'C1', '2024-01-08'));
    expect(compute(m02CpRate, inputs, '2025-05').value).toMatchObject({ display: '0.5', denominator: 20_000 });
    const june = compute(m02CpRate, inputs, '2025-06').value;
    expect(june).toMatchObject({ display: '0.4', denominator: 25_000 });
    expect(june.notes).toContain('Population: mid-2025 estimate of children aged 0–17 (25,000).');
  });

  it('the population setting overrides the loaded estimates', () => {
    const inputs = inputsOf(population(2024, 20_000), cpPlan('P1', 'C1', '2024-01-08'));
    expect(compute(m02CpRate, inputs, '2025-03', { population: [{ midYear: 2024, children: 10_000 }] }).value.display).toBe('1.0');
  });
});

describe('measure 6: CP visits within 10 working days', () => {
  it('day 0: a visit on the month end day; the plan start stands in for a visit until the first', () => {
    const { row } = compute(
      m06CpVisits10wd,
      inputsOf(
        cpPlan('P1', 'C1', '2025-01-06'), visit('C1', '2025-03-31'),
        cpPlan('P2', 'C2', '2025-03-17'), // 10 working days to 31 March
        cpPlan('P3', 'C3', '2025-03-14'), // 11
      ),
      '2025-03',
    );
    expect([row('P1').inNumerator, row('P2').inNumerator, row('P3').inNumerator]).toEqual([true, true, false]);
    expect(row('P3').explanation).toBe('not seen since the plan started 14 Mar; visit due 28 Mar, not seen: 1 working day overdue');
    expect(row('P2').dates).toEqual({ planStart: '2025-03-17', lastSeen: null, due: '2025-03-31' });
  });

  it('a weekend month end: a visit due on the Friday before it is not overdue', () => {
    // Month end Sunday 30 November 2025; a visit on Friday 14 November is due Friday 28 November.
    const inputs = inputsOf(cpPlan('P1', 'C1', '2025-01-06'), visit('C1', '2025-11-14'), cpPlan('P2', 'C2', '2025-01-06'), visit('C2', '2025-11-13'));
    const { row } = compute(m06CpVisits10wd, inputs, '2025-11');
    expect(row('P1').inNumerator).toBe(true);
    expect(row('P1').explanation).toBe('last seen 14 Nov; visit due 28 Nov, the last working day before month end: not overdue');
    expect(row('P2').inNumerator).toBe(false);
  });

  it('only visits in which the child was seen count, of any kind; visits before the plan or after month end do not', () => {
    const { row } = compute(
      m06CpVisits10wd,
      inputsOf(
        cpPlan('P1', 'C1', '2025-03-03'), visit('C1', '2025-02-28', true), // before the plan
        cpPlan('P2', 'C2', '2025-01-06'), visit('C2', '2025-03-25', false), visit('C2', '2025-03-05', true, 'CLA'),
        cpPlan('P3', 'C3', '2025-01-06'), visit('C3', '2025-03-20', true, 'CIN'), visit('C3', '2025-04-01', true),
      ),
      '2025-03',
    );
    expect(row('P1').dates.lastSeen).toBeNull();
    expect(row('P1').inNumerator).toBe(false); // 3 March + 10 working days = 17 March
    expect(row('P2')).toMatchObject({ inNumerator: false, dates: { lastSeen: '2025-03-05' } });
    expect(row('P3')).toMatchObject({ inNumerator: true, dates: { lastSeen: '2025-03-20' } });
  });

  it('a child moving teams is counted once, in the team holding the case at month end', () => {
    const inputs = inputsOf(
      cpPlan('P1', 'C1', '2025-01-06', null, 'PLAN-TEAM'),
      allocation('C1', 'W1', '2025-01-06', '2025-03-15', 'CH', 'NORTH'),
      allocation('C1', 'W2', '2025-03-15', null, 'CH', 'SOUTH'),
      allocation('C1', 'W3', '2025-01-06', null, 'CO', 'EAST'),
      visit('C1', '2025-03-28'),
    );
    const march = compute(m06CpVisits10wd, inputs, '2025-03');
    expect(march.rows.map((r) => [r.recordId, r.teamId])).toEqual([['P1', 'SOUTH']]);
    expect(compute(m06CpVisits10wd, inputs, '2025-02').rows.map((r) => r.teamId)).toEqual(['NORTH']);
    expect(compute(m06CpVisits10wd, inputs, '2024-12').rows).toEqual([]);
    const unallocated = inputsOf(cpPlan('P1', 'C1', '2025-01-06', null, 'PLAN-TEAM'));
    expect(compute(m06CpVisits10wd, unallocated, '2025-03').rows[0]?.teamId).toBe('PLAN-TEAM');
  });

  it('honours the local standard', () => {
    const inputs = inputsOf(cpPlan('P1', 'C1', '2025-01-06'), visit('C1', '2025-03-14'));
    expect(compute(m06CpVisits10wd, inputs, '2025-03').value.display).toBe('0.0%');
    expect(compute(m06CpVisits10wd, inputs, '2025-03', { standards: { cpVisitWorkingDays: 15 } }).value.display).toBe('100.0%');
  });
});

describe('measure 7: CP plans reviewed within timescale (settled detail 11)', () => {
  it('first review due 3 months after the start; a review held exactly on its due date restarts the 6 months', () => {
    const { row } = compute(
      m07CpReviews,
      inputsOf(
        cpPlan('P1', 'C1', '2024-12-31'), // due 31 March: on the month end, compliant
        cpPlan('P2', 'C2', '2024-12-30'), // due 30 March: overdue
        cpPlan('P3', 'C3', '2024-09-15'), cpReview('P3', 'C3', '2024-12-15'), // held on its due date; next due 15 June
      ),
      '2025-03',
    );
    expect([row('P1').inNumerator, row('P2').inNumerator, row('P3').inNumerator]).toEqual([true, false, true]);
    expect(row('P3').dates).toEqual({ planStart: '2024-09-15', lastReview: '2024-12-15', due: '2025-06-15' });
  });

  it('30 November + 3 months is 28 February (29 in a leap year)', () => {
    expect(compute(m07CpReviews, inputsOf(cpPlan('P1', 'C1', '2024-11-30')), '2025-02').row('P1').dates.due).toBe('2025-02-28');
    expect(compute(m07CpReviews, inputsOf(cpPlan('P1', 'C1', '2023-11-30')), '2024-02').row('P1').dates.due).toBe('2024-02-29');
  });

  it('earlier late reviews do not count against a plan back on schedule; reviews after month end or of other plans do not count', () => {
    const inputs = inputsOf(
      cpPlan('P1', 'C1', '2024-01-15'), cpReview('P1', 'C1', '2024-05-01'), cpReview('P1', 'C1', '2024-10-20'),
      cpPlan('P2', 'C2', '2024-06-03'), cpReview('P2', 'C2', '2025-04-02'), cpReview('OLD', 'C2', '2024-09-01'),
    );
    const { row } = compute(m07CpReviews, inputs, '2025-03');
    expect(row('P1').inNumerator).toBe(true);
    expect(row('P2').inNumerator).toBe(false);
    expect(row('P2').explanation).toMatch(/^no review since the plan started 3 Jun 2024; review conference due 3 Sep 2024/);
    expect(compute(m07CpReviews, inputs, '2025-04').row('P2').inNumerator).toBe(true);
  });
});

describe('measure 8: CP case supervision in the last 4 weeks (settled detail 5)', () => {
  it('on or after month end − 28 days counts; the day before does not; a plan started in the window counts', () => {
    const { row } = compute(
      m08CpSupervision4wk,
      inputsOf(
        cpPlan('P1', 'C1', '2024-10-01'), supervision('C1', '2025-02-01'), // 28 Feb − 28 days = 31 Jan
        cpPlan('P2', 'C2', '2024-10-01'), supervision('C2', '2025-01-31'),
        cpPlan('P3', 'C3', '2024-10-01'), supervision('C3', '2025-01-30'),
        cpPlan('P4', 'C4', '2025-01-31'),
      ),
      '2025-02',
    );
    expect([row('P1').inNumerator, row('P2').inNumerator, row('P3').inNumerator, row('P4').inNumerator]).toEqual([true, true, false, true]);
  });

  it('management oversight counts only if configured as case supervision', () => {
    const inputs = inputsOf(cpPlan('P1', 'C1', '2024-10-01'), supervision('C1', '2025-03-20', 'MO'));
    expect(compute(m08CpSupervision4wk, inputs, '2025-03').value.display).toBe('0.0%');
    expect(compute(m08CpSupervision4wk, inputs, '2025-03', { caseSupervisionTypes: ['CS', 'MO'] }).value.display).toBe('100.0%');
  });
});

describe('measure 10: CIN visits within 20 working days', () => {
  it('excludes children on CP plans or looked after, but not those on short breaks only', () => {
    const { row, value } = compute(
      m10CinVisits20wd,
      inputsOf(
        cinPlan('N1', 'C1', '2025-01-06'), visit('C1', '2025-03-20', true, 'CIN'),
        cinPlan('N2', 'C2', '2025-01-06'), cpPlan('P2', 'C2', '2025-02-03'),
        cinPlan('N3', 'C3', '2025-01-06'), lookedAfter('C3', 'L3', '2025-02-03'),
        cinPlan('N4', 'C4', '2025-01-06'), lookedAfter('C4', 'L4', '2024-06-03', { status: 'V4' }), visit('C4', '2025-02-03', true, 'CLA'),
        cinPlan('N5', 'C5', '2025-01-06'), cpPlan('P5', 'C5', '2025-01-06', '2025-03-31'), visit('C5', '2025-03-31'),
      ),
      '2025-03',
    );
    expect(row('N2')).toMatchObject({ inDenominator: false, explanation: 'on a CP plan at month end: not counted here' });
    expect(row('N3')).toMatchObject({ inDenominator: false, explanation: 'looked after at month end: not counted here' });
    expect(row('N4')).toMatchObject({ inDenominator: true, inNumerator: false });
    expect(row('N5')).toMatchObject({ inDenominator: true, inNumerator: true }); // the CP plan ended on the month end day
    expect(value.display).toBe('66.7%');
  });

  it('20 working days across Easter and the May bank holiday', () => {
    // Thursday 17 April 2025 + 20 working days (Good Friday, Easter Monday and 5 May skipped) = Tuesday 20 May.
    const inputs = inputsOf(cinPlan('N1', 'C1', '2025-01-06'), visit('C1', '2025-04-17', true, 'CIN'));
    expect(compute(m10CinVisits20wd, inputs, '2025-04').row('N1').dates.due).toBe('2025-05-20');
  });
});

describe('national CP and CIN measures', () => {
  it('CP plans lasting 2 years or more: exactly 2 years at month end counts, from 29 February too', () => {
    const { row } = compute(
      cpPlans2Years,
      inputsOf(cpPlan('P1', 'C1', '2023-02-28'), cpPlan('P2', 'C2', '2023-03-01'), cpPlan('P3', 'C3', '2022-02-28', '2025-02-28')),
      '2025-02',
    );
    expect([row('P1').inNumerator, row('P2').inNumerator]).toEqual([true, false]);
    expect(compute(cpPlans2Years, inputsOf(cpPlan('P1', 'C1', '2024-02-29')), '2026-02').row('P1')).toMatchObject({
      inNumerator: true, dates: { twoYears: '2026-02-28' },
    });
  });

  it('second or subsequent CP plans: an earlier plan at any time counts; a same-date plan does not', () => {
    const { row, value } = compute(
      cpSecondPlans,
      inputsOf(
        cpPlan('P1', 'C1', '2010-05-04', '2011-01-10'), cpPlan('P2', 'C1', '2024-10-01'),
        cpPlan('P3', 'C2', '2024-11-04'), cpPlan('P4', 'C2', '2024-11-04'),
        cpPlan('P5', 'C3', '2024-03-29'),
      ),
      '2025-03',
    );
    expect(row('P2').inNumerator).toBe(true);
    expect([row('P3').inNumerator, row('P4').inNumerator]).toEqual([false, false]);
    expect(() => row('P5')).toThrow(); // started before the 12 months
    expect(value.display).toBe('33.3%');
  });

  it('CIN rate counts each child with an open referral once', () => {
    const { value } = compute(
      cinRate,
      inputsOf(population(2024, 1000), referral('R1', 'C1', '2025-01-06'), referral('R2', 'C1', '2025-02-03'), referral('R3', 'C2', '2025-03-31')),
      '2025-03',
    );
    expect(value).toMatchObject({ numerator: 2, display: '20.0' });
  });
});

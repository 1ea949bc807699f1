import { describe, expect, it } from 'vitest';
import { m05Unallocated5wd } from './definitions/m05-unallocated-5wd.js';
import { m13SwVacancyRate } from './definitions/m13-sw-vacancy-rate.js';
import { m14AverageCaseload } from './definitions/m14-average-caseload.js';
import { m15AuditsRiOrBetter } from './definitions/m15-audits-ri-or-better.js';
import {
  absence, allocation, audit, cinPlan, compute, cpPlan, holder, inputsOf, lookedAfter, post, referral, staffed, worker,
} from './test-support.js';

describe('measure 5: children unallocated for more than 5 working days (settled details 6, 7)', () => {
  // Month end Monday 31 March 2025.
  it('more than 5 working days counts; exactly 5 does not; the count is the figure', () => {
    const { row, value } = compute(
      m05Unallocated5wd,
      inputsOf(referral('R1', 'C1', '2025-03-24'), referral('R2', 'C2', '2025-03-21'), referral('R3', 'C3', '2025-03-31')),
      '2025-03',
    );
    expect([row('R1').inNumerator, row('R2').inNumerator, row('R3').inNumerator]).toEqual([false, true, false]);
    expect(value).toMatchObject({ value: 1, display: '1', numerator: 1, denominator: 3, extras: { inScope: 3, unallocated: 3, unallocatedWithinStandard: 2 } });
    expect(value.notes).toContain('Children with an open episode at month end: 3.');
  });

  it('a weekend spell start counts from Monday', () => {
    // Saturday 22 March: 24–28 and 31 March = 6 working days. Sunday 23 March the same.
    const { row } = compute(m05Unallocated5wd, inputsOf(referral('R1', 'C1', '2025-03-22'), referral('R2', 'C2', '2025-03-23')), '2025-03');
    expect([row('R1').inNumerator, row('R2').inNumerator]).toEqual([true, true]);
  });

  it('the spell starts at the later of the earliest open episode and the end of the last case-holding allocation', () => {
    const { row } = compute(
      m05Unallocated5wd,
      inputsOf(
        staffed('W1', 'Ann', 'T1'),
        // C1: referral from January, CP plan from March; allocation ended 26 March → 3 working days.
        referral('R1', 'C1', '2025-01-06'), cpPlan('P1', 'C1', '2025-03-03'), allocation('C1', 'W1', '2025-01-06', '2025-03-26'),
        // C2: an allocation that ended before the current episode opened: the episode start decides.
        referral('R2', 'C2', '2025-03-17'), allocation('C2', 'W1', '2024-05-01', '2024-09-01'),
      ),
      '2025-03',
    );
    expect(row('R1')).toMatchObject({
      inNumerator: false, dates: { episodeStart: '2025-01-06', lastAllocationEnd: '2025-03-26', spellStart: '2025-03-26' },
    });
    expect(row('R1').explanation).toBe('no case-holding worker since 26 Mar (allocation to Ann ended 26 Mar): 3 working days at month end');
    expect(row('R2')).toMatchObject({ inNumerator: true, dates: { spellStart: '2025-03-17' } });
    expect(row('R2').explanation).toBe('no case-holding worker since 17 Mar (referral opened 17 Mar): 10 working days at month end');
  });

  it('long-term absence still counts as allocated; a worker who has left does not', () => {
    const { row, rows, value } = compute(
      m05Unallocated5wd,
      inputsOf(
        staffed('W1', 'Ann', 'T1'), absence('W1', '2025-01-06'),
        staffed('W2', 'Ben', 'T1', 1, { leftOn: '2025-03-20', end: '2025-03-20' }),
        cinPlan('N1', 'C1', '2025-01-06'), allocation('C1', 'W1', '2025-01-06'),
        cinPlan('N2', 'C2', '2025-01-06'), allocation('C2', 'W2', '2025-01-06'),
      ),
      '2025-03',
    );
    expect(rows.map((r) => r.recordId)).toEqual(['N2']); // C1 is allocated (to a worker on long-term absence): not listed
    expect(value).toMatchObject({ display: '1', extras: { inScope: 2, unallocated: 1 } });
    expect(row('N2')).toMatchObject({ inNumerator: true, dates: { spellStart: '2025-03-20' } });
    expect(row('N2').explanation).toMatch(/\(Ben left the authority 20 Mar\): 7 working days/);
  });

  it('co-workers, personal advisers (unless configured) and workers in non-case-holding posts do not count', () => {
    const inputs = inputsOf(
      staffed('W1', 'Ann', 'T1'), worker('W2', 'Pat'), post('PA1', 'LC', 1, { socialWorker: false, caseHolding: true }), holder('PA1', 'W2', 1),
      worker('W3', 'Max'), post('TM1', 'T1', 1, { caseHolding: false }), holder('TM1', 'W3', 1),
      lookedAfter('C1', 'L1', '2025-01-06'), allocation('C1', 'W1', '2025-01-06', null, 'CO'),
      lookedAfter('C2', 'L2', '2025-01-06'), allocation('C2', 'W2', '2025-01-06', null, 'PA'),
      lookedAfter('C3', 'L3', '2025-01-06'), allocation('C3', 'W3', '2025-01-06'),
    );
    const plain = compute(m05Unallocated5wd, inputs, '2025-03');
    expect(plain.numerator).toEqual(['L1', 'L2', 'L3']);
    expect(plain.row('L3').explanation).toMatch(/; Max is not in a case-holding post$/);
    const withPAs = compute(m05Unallocated5wd, inputs, '2025-03', { personalAdvisersCaseHolding: true });
    expect(withPAs.numerator).toEqual(['L1', 'L3']);
  });

  it('a worker with no post recorded counts by role, as a data-quality problem', () => {
    const { row, value } = compute(m05Unallocated5wd, inputsOf(worker('W1', 'Ann'), referral('R1', 'C1', '2025-01-06'), allocation('C1', 'W1', '2025-01-06')), '2025-03');
    expect(row('R1')).toMatchObject({ inNumerator: false, inDenominator: false, problem: 'Ann holds no post at month end: counted by role alone' });
    expect(row('R1').explanation).toBe('allocated to Ann since 6 Jan');
    expect(value).toMatchObject({ display: '0', extras: { inScope: 1 } });
    expect(value.dataQuality).toHaveLength(1);
  });

  it('no unallocated children is 0, not no data; no children with an open episode is no data', () => {
    const allocated = inputsOf(staffed('W1', 'Ann', 'T1'), referral('R1', 'C1', '2025-01-06'), allocation('C1', 'W1', '2025-01-06'));
    expect(compute(m05Unallocated5wd, allocated, '2025-03').value).toMatchObject({ display: '0', value: 0, denominator: 0 });
    expect(compute(m05Unallocated5wd, allocated, '2024-12').value).toMatchObject({ display: 'no data', extras: { inScope: 0 } });
  });

  it('an allocation starting after month end does not count; closed episodes are not counted', () => {
    const { rows, numerator } = compute(
      m05Unallocated5wd,
      inputsOf(staffed('W1', 'Ann', 'T1'), referral('R1', 'C1', '2025-01-06'), allocation('C1', 'W1', '2025-04-01'), referral('R2', 'C2', '2025-01-06', '2025-03-31')),
      '2025-03',
    );
    expect(rows.map((r) => r.recordId)).toEqual(['R1']);
    expect(numerator).toEqual(['R1']);
  });

  it('honours the local standard', () => {
    const inputs = inputsOf(referral('R1', 'C1', '2025-03-21'));
    expect(compute(m05Unallocated5wd, inputs, '2025-03', { standards: { allocationWorkingDays: 6 } }).value.display).toBe('0');
  });
});

describe('measure 13: social worker vacancy rate (settled detail 13)', () => {
  it('agency, part-time, long-term-absent and departed holders', () => {
    const { row, value } = compute(
      m13SwVacancyRate,
      inputsOf(
        worker('W1', 'Ann'), post('S1', 'T1', 1), holder('S1', 'W1', 1), absence('W1', '2025-01-06'),
        worker('W2', 'Ben'), post('S2', 'T1', 1), holder('S2', 'W2', 0.6), worker('W3', 'Cat'), holder('S2', 'W3', 0.8, { agency: true }),
        worker('W4', 'Dan', '2025-03-14'), post('S3', 'T2', 1), holder('S3', 'W4', 1),
        worker('W5', 'Eve'), post('S4', 'T2', 0.5), holder('S4', 'W5', 0.5, { agency: true }),
        worker('W6', 'Fay'), post('S5', 'T2', 1), holder('S5', 'W6', 0.5), holder('S5', 'W6', 0.7), // over-filled: never below 0
      ),
      '2025-03',
    );
    expect(row('S1')).toMatchObject({ inNumerator: false, numeratorWeight: 0 });
    expect(row('S2')).toMatchObject({ numeratorWeight: 0.4, counts: { agency: 0.8, agencyCover: 0.4 } });
    expect(row('S3')).toMatchObject({ numeratorWeight: 1, problem: 'still recorded in the post after leaving the authority: Dan' });
    expect(row('S4')).toMatchObject({ numeratorWeight: 0.5, counts: { agencyCover: 0.5 } });
    expect(row('S5')).toMatchObject({ inNumerator: false, numeratorWeight: 0 });
    expect(value).toMatchObject({ numerator: 1.9, denominator: 4.5, display: '42.2%' });
    expect(value.extras).toMatchObject({ vacantFte: 1.9, agencyFte: 1.3, agencyCoverFte: 0.9, uncoveredVacantFte: 1, agencyCoverShare: 47.4, agencyCoverShareDisplay: '47.4%' });
    expect(row('S2').explanation).toBe('1 FTE post; Ben 0.6 FTE, Cat 0.8 FTE agency; vacant 0.4 FTE, 0.4 FTE covered by agency');
  });

  it('the seed report\'s shape: 63.31 vacant of 220, 62 covered by agency', () => {
    const inputs = inputsOf(
      Array.from({ length: 220 }, (_, i) => post(`S${i}`, 'T', 1)),
      Array.from({ length: 62 }, (_, i) => [worker(`A${i}`, `Agency ${i}`), holder(`S${i}`, `A${i}`, 1, { agency: true })]).flat(),
      Array.from({ length: 157 }, (_, i) => [worker(`P${i}`, `Perm ${i}`), holder(`S${62 + i}`, `P${i}`, 1)]).flat(),
      worker('PX', 'Part-timer'), holder('S219', 'PX', 0.69),
    );
    const { value } = compute(m13SwVacancyRate, inputs, '2019-01');
    expect(value).toMatchObject({ numerator: 62.31, denominator: 220, display: '28.3%' });
    expect(value.extras).toMatchObject({ agencyCoverFte: 62, uncoveredVacantFte: 0.31, agencyCoverShareDisplay: '99.5%' });
  });

  it('posts that are not social worker posts, or not open at month end, are not in the establishment', () => {
    const { rows } = compute(
      m13SwVacancyRate,
      inputsOf(post('S1', 'T1', 1), post('M1', 'T1', 1, { socialWorker: false }), post('S2', 'T1', 1, { end: '2025-03-31' }), post('S3', 'T1', 1, { start: '2025-04-01' })),
      '2025-03',
    );
    expect(rows.map((r) => r.recordId)).toEqual(['S1']);
  });
});

describe('measure 14: average caseload (settled detail 8)', () => {
  it('agency and part-time workers at their FTE; long-term absent and departed workers out of both parts', () => {
    const { value, row } = compute(
      m14AverageCaseload,
      inputsOf(
        staffed('W1', 'Ann', 'T1'), staffed('W2', 'Ben', 'T1', 0.5), staffed('W3', 'Cat', 'T2', 1, { agency: true }),
        staffed('W4', 'Dan', 'T2'), absence('W4', '2025-02-01'),
        staffed('W5', 'Eve', 'T2', 1, { leftOn: '2025-03-31' }),
        allocation('C1', 'W1', '2025-01-06'), allocation('C2', 'W1', '2025-01-06'),
        allocation('C2', 'W2', '2025-01-06'), allocation('C3', 'W2', '2025-01-06'),
        allocation('C4', 'W3', '2025-01-06'),
        allocation('C5', 'W4', '2025-01-06'), allocation('C6', 'W4', '2025-01-06'), allocation('C6', 'W1', '2025-02-03'),
        allocation('C7', 'W5', '2025-01-06'),
        allocation('C8', 'W1', '2025-01-06', null, 'CO'),
      ),
      '2025-03',
    );
    // Children: C1, C2, C3, C4, C6 (through Ann) = 5; FTE: 1 + 0.5 + 1 = 2.5.
    expect(value).toMatchObject({ numerator: 5, denominator: 2.5, display: '2.00', extras: { countedWorkers: 3 } });
    expect(row('W4')).toMatchObject({ inDenominator: false });
    expect(row('W4').explanation).toBe('Dan: 1 FTE in W4-post; on long-term absence since 1 Feb: not counted');
    expect(row('W5').explanation).toBe('Eve: 1 FTE in W5-post; left the authority 31 Mar: not counted');
    expect(row('C5')).toMatchObject({ inNumerator: false, explanation: 'allocated only to Dan (on long-term absence since 1 Feb): not counted' });
    expect(row('C6/W1').inNumerator).toBe(true);
    expect(row('W1').explanation).toBe('Ann: 1 FTE in W1-post; 3 children allocated');
  });

  it('workers not in a case-holding post are in neither part; personal advisers in both parts only if configured', () => {
    const inputs = inputsOf(
      staffed('W1', 'Ann', 'T1'),
      worker('W2', 'Pat'), post('PA1', 'LC', 1, { socialWorker: false }), holder('PA1', 'W2', 1),
      worker('W3', 'Max'), post('TM1', 'T1', 1, { caseHolding: false }), holder('TM1', 'W3', 1),
      allocation('C1', 'W1', '2025-01-06'), allocation('C2', 'W2', '2025-01-06', null, 'PA'), allocation('C4', 'W2', '2025-01-06', null, 'PA'),
      allocation('C3', 'W3', '2025-01-06'),
    );
    const plain = compute(m14AverageCaseload, inputs, '2025-03');
    expect(plain.value).toMatchObject({ numerator: 1, denominator: 1, display: '1.00' });
    expect(plain.rows.filter((r) => r.personId === null).map((r) => r.recordId)).toEqual(['W1']);
    expect(plain.row('C3').explanation).toBe('allocated only to Max (not in a case-holding post at month end): not counted');
    const withPAs = compute(m14AverageCaseload, inputs, '2025-03', { personalAdvisersCaseHolding: true });
    expect(withPAs.value).toMatchObject({ numerator: 3, denominator: 2, display: '1.50' });
  });

  it('a worker in two part-time case-holding posts counts at the sum of their FTE; no workers is no data', () => {
    const inputs = inputsOf(
      worker('W1', 'Ann'), post('S1', 'T1', 0.5), post('S2', 'T2', 0.5), holder('S1', 'W1', 0.4), holder('S2', 'W1', 0.3),
      allocation('C1', 'W1', '2025-01-06'),
    );
    expect(compute(m14AverageCaseload, inputs, '2025-03').value).toMatchObject({ denominator: 0.7, display: '1.43' });
    expect(compute(m14AverageCaseload, inputsOf(allocation('C1', 'W1', '2025-01-06')), '2025-03').value.display).toBe('no data');
  });
});

describe('measure 15: audits rated Requires Improvement or better', () => {
  it('the moderated grade decides; audits without a child count; an unknown grade is a data-quality problem', () => {
    const { value, row } = compute(
      m15AuditsRiOrBetter,
      inputsOf(
        audit('A1', null, '2025-03-03', 'O'), audit('A2', 'C2', '2025-03-04', 'I', 'RI'), audit('A3', 'C3', '2025-03-05', 'G', 'I'),
        audit('A4', 'C4', '2025-03-06', 'X'), audit('A5', 'C5', '2025-04-01', 'G'),
      ),
      '2025-03',
    );
    expect(value).toMatchObject({ numerator: 2, denominator: 4, display: '50.0%' });
    expect(row('A2').explanation).toBe('audited 4 Mar, graded Inadequate, moderated to Requires improvement: Requires Improvement or better');
    expect(row('A4').problem).toBe('unrecognised audit grade X');
  });

  it('the grades counted are configurable', () => {
    const inputs = inputsOf(audit('A1', 'C1', '2025-03-03', 'RI'), audit('A2', 'C2', '2025-03-03', 'G'));
    expect(compute(m15AuditsRiOrBetter, inputs, '2025-03', { auditGradesRiOrBetter: ['O', 'G'] }).value.display).toBe('50.0%');
  });
});

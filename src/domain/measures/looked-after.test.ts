import { describe, expect, it } from 'vitest';
import { claRate } from './definitions/cla-rate.js';
import { m09ReturnInterviews72h } from './definitions/m09-return-interviews-72h.js';
import { m11ClaVisits } from './definitions/m11-cla-visits.js';
import { m12ClaReviews } from './definitions/m12-cla-reviews.js';
import {
  careEpisode, claReview, compute, inputsOf, legalStatus, lookedAfter, missing, placement, population, times, visit,
} from './test-support.js';

describe('measure 9: return home interviews within 72 hours', () => {
  it('reproduces the seed report: 58 offered, 33 accepted, 20 within 72 hours = 60.6%', () => {
    const inputs = inputsOf(
      times(20, (i) => missing(`A${i}`, `C${i}`, '2018-12-03 18:00', { offered: true, accepted: true, held: '2018-12-06 17:00' })),
      times(5, (i) => missing(`B${i}`, `D${i}`, '2018-12-10 18:00', { offered: true, accepted: true, held: '2018-12-14 10:00' })),
      times(8, (i) => missing(`C${i}`, `E${i}`, '2018-12-12 09:00', { offered: true, accepted: true })),
      times(25, (i) => missing(`D${i}`, `F${i}`, '2018-12-17 21:00', { offered: true })),
      times(8, (i) => missing(`E${i}`, `G${i}`, '2018-12-20 23:30')),
    );
    const { value } = compute(m09ReturnInterviews72h, inputs, '2018-12');
    expect(value).toMatchObject({ numerator: 20, denominator: 33, value: 60.6, display: '60.6%' });
    expect(value.extras).toEqual({
      returned: 66, offered: 58, notOffered: 8, accepted: 33, held: 25, heldWithin72Hours: 20,
      summary: '58 offered, 33 accepted, 20 within 72 hours = 60.6%',
    });
  });

  it('exactly 72 elapsed hours across the October clock change is within; one second over is not', () => {
    // Returned 18:00 BST Friday 25 October 2024; 72 hours later is 17:00 GMT Monday 28 October.
    const { row } = compute(
      m09ReturnInterviews72h,
      inputsOf(
        missing('M1', 'C1', '2024-10-25 18:00', { offered: true, accepted: true, held: '2024-10-28 17:00' }),
        missing('M2', 'C2', '2024-10-25 18:00', { offered: true, accepted: true, held: '2024-10-28 17:00:01' }),
        missing('M3', 'C3', '2024-10-25 18:00', { offered: true, accepted: true, held: '2024-10-28 18:00' }),
      ),
      '2024-10',
    );
    expect([row('M1').inNumerator, row('M2').inNumerator, row('M3').inNumerator]).toEqual([true, false, false]);
    expect(row('M1').explanation).toBe('returned 18:00 on Friday 25 October; interview 17:00 on Monday 28 October, 72 hours after: within 72 hours');
    expect(row('M2').dates).toEqual({ returned: '2024-10-25 18:00:00', interview: '2024-10-28 17:00:01' });
  });

  it('exactly 72 elapsed hours across the March clock change is within', () => {
    // Returned 12:00 GMT Friday 28 March 2025; 72 hours later is 13:00 BST Monday 31 March.
    const { row } = compute(
      m09ReturnInterviews72h,
      inputsOf(
        missing('M1', 'C1', '2025-03-28 12:00', { offered: true, accepted: true, held: '2025-03-31 13:00' }),
        missing('M2', 'C2', '2025-03-28 12:00', { offered: true, accepted: true, held: '2025-03-31 13:00:01' }),
      ),
      '2025-03',
    );
    expect([row('M1').inNumerator, row('M2').inNumerator]).toEqual([true, false]);
  });

  it('the month is the London date of the return; children still missing are not counted', () => {
    const inputs = inputsOf(
      missing('M1', 'C1', '2025-04-01 00:15', { offered: true, accepted: true, held: '2025-04-02 10:00' }), // 23:15 UTC on 31 March
      missing('M2', 'C2', null, { offered: false }),
    );
    expect(compute(m09ReturnInterviews72h, inputs, '2025-03').rows).toEqual([]);
    expect(compute(m09ReturnInterviews72h, inputs, '2025-04').value.display).toBe('100.0%');
  });

  it('an interview held but not recorded as accepted or offered counts as accepted, with data-quality problems', () => {
    const { row, value } = compute(
      m09ReturnInterviews72h,
      inputsOf(
        missing('M1', 'C1', '2025-03-03 10:00', { held: '2025-03-04 10:00' }),
        missing('M2', 'C2', '2025-03-03 10:00', { accepted: true, held: '2025-03-02 10:00' }),
      ),
      '2025-03',
    );
    expect(row('M1')).toMatchObject({ inNumerator: true, inDenominator: true, problem: 'interview held but not recorded as accepted' });
    expect(row('M2')).toMatchObject({
      inNumerator: false, inDenominator: true, problem: 'interview accepted but not recorded as offered; interview recorded before the return',
    });
    expect(value.extras).toMatchObject({ offered: 2, accepted: 2 });
  });

  it('no accepted interviews is no data, with the counts still beside it', () => {
    const { value } = compute(m09ReturnInterviews72h, inputsOf(missing('M1', 'C1', '2025-03-03 10:00', { offered: true })), '2025-03');
    expect(value).toMatchObject({ display: 'no data', extras: { returned: 1, offered: 1, accepted: 0, summary: '1 offered, 0 accepted, 0 within 72 hours = no data' } });
  });
});

describe('measure 11: looked-after visits (settled detail 10)', () => {
  it('the first visit within 7 days of the placement start; a visit on the start day counts; one before it does not', () => {
    const { row } = compute(
      m11ClaVisits,
      inputsOf(
        lookedAfter('C1', 'L1', '2025-03-24'), // due 31 March: on the month end
        lookedAfter('C2', 'L2', '2025-03-23'), // due 30 March: overdue
        lookedAfter('C3', 'L3', '2025-02-17'), visit('C3', '2025-02-17', true, 'CLA'), // seen on the start day: next due 31 March
        lookedAfter('C4', 'L4', '2025-03-20'), visit('C4', '2025-03-19', true, 'CLA'),
      ),
      '2025-03',
    );
    expect(row('L1-P1')).toMatchObject({ inNumerator: true, dates: { due: '2025-03-31' } });
    expect(row('L2-P1').inNumerator).toBe(false);
    expect(row('L3-P1')).toMatchObject({ inNumerator: true, dates: { lastSeen: '2025-02-17', due: '2025-03-31' } });
    expect(row('L4-P1')).toMatchObject({ inNumerator: false, dates: { lastSeen: null, due: '2025-03-27' } });
  });

  it('visits not seen do not count; any visit kind counts', () => {
    const { row } = compute(
      m11ClaVisits,
      inputsOf(
        lookedAfter('C1', 'L1', '2024-06-03'), visit('C1', '2025-03-20', false, 'CLA'), visit('C1', '2025-01-10', true, 'CLA'),
        lookedAfter('C2', 'L2', '2024-06-03'), visit('C2', '2025-03-20', true, 'CP'),
      ),
      '2025-03',
    );
    expect([row('L1-P1').inNumerator, row('L2-P1').inNumerator]).toEqual([false, true]);
  });

  it('the current placement is the latest-starting one open at month end', () => {
    const { row, rows } = compute(
      m11ClaVisits,
      inputsOf(
        careEpisode('E1', 'C1', 'L1', '2024-01-08'), legalStatus('C1', 'C2', '2024-01-08'),
        placement('PL1', 'C1', 'L1', '2024-01-08', '2025-03-10'),
        placement('PL2', 'C1', 'L1', '2025-03-10'),
        visit('C1', '2025-03-05', true, 'CLA'),
      ),
      '2025-03',
    );
    expect(rows.map((r) => r.recordId)).toEqual(['PL2']);
    expect(row('PL2')).toMatchObject({ inNumerator: false, dates: { placementStart: '2025-03-10', lastSeen: null, due: '2025-03-17' } });
  });

  it('after the first anniversary of a long-term placement visits are due every 3 months; otherwise 6 weeks', () => {
    const { row } = compute(
      m11ClaVisits,
      inputsOf(
        lookedAfter('C1', 'L1', '2024-01-15', { placement: { longTerm: true } }), visit('C1', '2025-01-15', true, 'CLA'),
        lookedAfter('C2', 'L2', '2024-01-15', { placement: { longTerm: true } }), visit('C2', '2025-01-14', true, 'CLA'),
      ),
      '2025-03',
    );
    expect(row('L1-P1')).toMatchObject({ inNumerator: true, dates: { due: '2025-04-15' } });
    expect(row('L2-P1')).toMatchObject({ inNumerator: false, dates: { due: '2025-02-25' } });
  });

  it('no open placement: in the denominator, not compliant; no legal status: counted, data quality; V3/V4: excluded', () => {
    const { row, value } = compute(
      m11ClaVisits,
      inputsOf(
        lookedAfter('C1', 'L1', '2025-01-06', { placement: null }),
        careEpisode('E2', 'C2', 'L2', '2025-03-25'), placement('PL2', 'C2', 'L2', '2025-03-25'),
        lookedAfter('C3', 'L3', '2025-01-06', { status: 'V4' }),
      ),
      '2025-03',
    );
    expect(row('L1')).toMatchObject({ inNumerator: false, inDenominator: true, explanation: 'no placement open at month end: not compliant' });
    expect(row('PL2')).toMatchObject({ inNumerator: true, problem: 'no legal status recorded at month end' });
    expect(row('L3')).toMatchObject({ inDenominator: false, explanation: 'short breaks (V4) at month end: not counted' });
    expect(value.display).toBe('50.0%');
  });

  it('the legal status at month end decides the short-break exclusion; a period ending on month end is not counted', () => {
    const { rows } = compute(
      m11ClaVisits,
      inputsOf(
        careEpisode('E1', 'C1', 'L1', '2024-06-03'), legalStatus('C1', 'V3', '2024-06-03', '2025-03-10'), legalStatus('C1', 'C2', '2025-03-10'),
        placement('PL1', 'C1', 'L1', '2025-03-10'),
        lookedAfter('C2', 'L2', '2024-06-03', { end: '2025-03-31' }),
      ),
      '2025-03',
    );
    expect(rows.map((r) => [r.recordId, r.inDenominator])).toEqual([['PL1', true]]);
  });
});

describe('measure 12: looked-after reviews (settled detail 12), cumulative from 1 April', () => {
  it('first review within 20 working days of a weekend start, held on the due date: in time; a day later: late', () => {
    // Saturday 1 March 2025: 20 working days later is Friday 28 March.
    const { row } = compute(
      m12ClaReviews,
      inputsOf(
        lookedAfter('C1', 'L1', '2025-03-01'), claReview('L1', 'C1', '2025-03-28'),
        lookedAfter('C2', 'L2', '2025-03-01'), claReview('L2', 'C2', '2025-03-31'),
      ),
      '2025-03',
    );
    expect(row('L1@2025-03-28')).toMatchObject({ inNumerator: true, dates: { due: '2025-03-28' } });
    expect(row('L2@2025-03-31').inNumerator).toBe(false);
  });

  it('second within 3 months of the first, later within 6 months of the previous, each from the actual review', () => {
    const { row } = compute(
      m12ClaReviews,
      inputsOf(
        lookedAfter('C1', 'L1', '2024-04-01'),
        claReview('L1', 'C1', '2024-05-10'), // first: Easter Monday start, due 29 April: late
        claReview('L1', 'C1', '2024-08-10'), // second: due 10 August: in time
        claReview('L1', 'C1', '2025-02-11'), // third: due 10 February: late
      ),
      '2025-03',
    );
    expect(row('L1@2024-05-10')).toMatchObject({ inNumerator: false, dates: { due: '2024-04-29', previousReview: null } });
    expect(row('L1@2024-08-10')).toMatchObject({ inNumerator: true, dates: { due: '2024-08-10', previousReview: '2024-05-10' } });
    expect(row('L1@2025-02-11')).toMatchObject({ inNumerator: false, dates: { due: '2025-02-10', previousReview: '2024-08-10' } });
    expect(row('L1@2025-02-11').explanation).toBe('third review (previous review 10 Aug 2024); review due 10 Feb, held 11 Feb: 1 day late');
  });

  it('each period of care restarts the sequence', () => {
    const { row } = compute(
      m12ClaReviews,
      inputsOf(
        lookedAfter('C1', 'L1', '2024-04-01', { end: '2024-09-01' }), claReview('L1', 'C1', '2024-04-20'), claReview('L1', 'C1', '2024-07-15'),
        lookedAfter('C1', 'L2', '2024-10-07'), claReview('L2', 'C1', '2024-11-01'),
      ),
      '2025-03',
    );
    expect(row('L2@2024-11-01')).toMatchObject({ inNumerator: true, dates: { periodStart: '2024-10-07', previousReview: null } });
  });

  it('counts only reviews from 1 April of the financial year to month end', () => {
    const inputs = inputsOf(lookedAfter('C1', 'L1', '2024-01-08'), claReview('L1', 'C1', '2024-02-01'), claReview('L1', 'C1', '2024-04-30'), claReview('L1', 'C1', '2025-04-02'));
    expect(compute(m12ClaReviews, inputs, '2025-03').denominator).toEqual(['L1@2024-04-30']);
    expect(compute(m12ClaReviews, inputs, '2025-04').denominator).toEqual(['L1@2025-04-02']);
    expect(compute(m12ClaReviews, inputs, '2024-03').denominator).toEqual(['L1@2024-02-01']);
  });

  it('short breaks are excluded; reviews of unknown periods stay in the denominator; reviews before the period are left out', () => {
    const { row, value } = compute(
      m12ClaReviews,
      inputsOf(
        lookedAfter('C1', 'L1', '2025-01-06', { status: 'V3' }), claReview('L1', 'C1', '2025-01-20'),
        claReview('GONE', 'C2', '2025-02-03'),
        lookedAfter('C3', 'L3', '2025-01-06'), claReview('L3', 'C3', '2025-01-03'), claReview('L3', 'C3', '2025-01-31'),
      ),
      '2025-03',
    );
    expect(row('L1@2025-01-20')).toMatchObject({ inDenominator: false });
    expect(row('GONE@2025-02-03')).toMatchObject({ inDenominator: true, inNumerator: false, problem: 'period of care GONE not found' });
    expect(row('L3@2025-01-03')).toMatchObject({ inDenominator: false, problem: 'review dated before its period of care began' });
    expect(row('L3@2025-01-31')).toMatchObject({ inNumerator: true, dates: { previousReview: null } });
    expect(value.display).toBe('50.0%');
  });

  it('two reviews on the same day: the second runs from the first', () => {
    const { row } = compute(
      m12ClaReviews,
      inputsOf(lookedAfter('C1', 'L1', '2025-01-06'), claReview('L1', 'C1', '2025-01-20'), claReview('L1', 'C1', '2025-01-20')),
      '2025-03',
    );
    expect(row('L1@2025-01-20')).toMatchObject({ inNumerator: true, dates: { previousReview: null } });
    expect(row('L1@2025-01-20#2')).toMatchObject({ inNumerator: true, dates: { previousReview: '2025-01-20', due: '2025-04-20' } });
  });
});

describe('children looked after per 10,000', () => {
  it('excludes V3/V4 and periods ending on the month end day; counts one starting on it', () => {
    const { value, rows } = compute(
      claRate,
      inputsOf(
        population(2024, 10_000),
        lookedAfter('C1', 'L1', '2024-01-08'), lookedAfter('C2', 'L2', '2025-03-31'), lookedAfter('C3', 'L3', '2024-01-08', { end: '2025-03-31' }),
        lookedAfter('C4', 'L4', '2024-01-08', { status: 'V4' }),
      ),
      '2025-03',
    );
    expect(value).toMatchObject({ numerator: 2, display: '2.0' });
    expect(rows.map((r) => [r.recordId, r.inNumerator])).toEqual([['L1', true], ['L2', true], ['L4', false]]);
  });

  it('a period of care runs from its first episode to the last, across a change of placement episode', () => {
    const { value } = compute(
      claRate,
      inputsOf(
        population(2024, 10_000), legalStatus('C1', 'C2', '2024-01-08'),
        careEpisode('E1', 'C1', 'L1', '2024-01-08', '2024-06-01'), careEpisode('E2', 'C1', 'L1', '2024-06-01'),
      ),
      '2025-03',
    );
    expect(value.numerator).toBe(1);
  });
});

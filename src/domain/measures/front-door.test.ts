import { describe, expect, it } from 'vitest';
import { m01ContactsDecided24h } from './definitions/m01-contacts-decided-24h.js';
import { m03Icpc15wd } from './definitions/m03-icpc-15wd.js';
import { m04Assessments45wd } from './definitions/m04-assessments-45wd.js';
import { rereferrals } from './definitions/rereferrals.js';
import { WorkingCalendar } from '../calendar/working-days.js';
import { allocation, assessment, compute, contact, icpc, inputsOf, referral, s47, strategy } from './test-support.js';

describe('measure 1: contacts accepted as a referral within 24 hours', () => {
  it('exactly 24 elapsed hours across the March clock change is within; one second more is not', () => {
    // 12:00 GMT Saturday 29 March 2025 to 13:00 BST Sunday 30 March is 24 hours of elapsed time.
    const { row } = compute(
      m01ContactsDecided24h,
      inputsOf(
        contact('K1', 'C1', '2025-03-29 12:00', '2025-03-30 13:00'),
        contact('K2', 'C2', '2025-03-29 12:00', '2025-03-30 13:00:01'),
        contact('K3', 'C3', '2025-03-29 12:00', '2025-03-30 12:30'), // 23.5 hours though the clock says 24.5
      ),
      '2025-03',
    );
    expect(row('K1').inNumerator).toBe(true);
    expect(row('K1').explanation).toBe('received 12:00 on Saturday 29 March, decided 13:00 on Sunday 30 March: 24 hours, within 24 hours');
    expect(row('K2').inNumerator).toBe(false);
    expect(row('K2').explanation).toMatch(/24 hours 1 second, 1 second over 24 hours$/);
    expect(row('K3').inNumerator).toBe(true);
  });

  it('exactly 24 elapsed hours across the October clock change (a 25-hour day) is within; one second more is not', () => {
    const { value, row } = compute(
      m01ContactsDecided24h,
      inputsOf(
        contact('K1', 'C1', '2024-10-26 12:00', '2024-10-27 11:00'),
        contact('K2', 'C2', '2024-10-26 12:00', '2024-10-27 11:00:01'),
        contact('K3', 'C3', '2024-10-26 12:00', '2024-10-27 12:00'), // the same clock time, but 25 hours later
      ),
      '2024-10',
    );
    expect([row('K1').inNumerator, row('K2').inNumerator, row('K3').inNumerator]).toEqual([true, false, false]);
    expect(value.display).toBe('33.3%');
  });

  it('the month is the London date of the decision: 00:30 BST on 1 April is April, though it is 31 March in UTC', () => {
    const inputs = inputsOf(contact('K1', 'C1', '2025-03-31 18:00', '2025-04-01 00:30'));
    expect(compute(m01ContactsDecided24h, inputs, '2025-03').rows).toHaveLength(0);
    expect(compute(m01ContactsDecided24h, inputs, '2025-04').value.display).toBe('100.0%');
  });

  it('a decision without a time is left out and listed as data quality; other outcomes are not counted', () => {
    const { value } = compute(
      m01ContactsDecided24h,
      inputsOf(
        contact('K1', 'C1', '2025-03-03 09:00', '2025-03-03'),
        contact('K2', 'C2', '2025-03-03 09:00', '2025-03-03 10:00', 'NFA'),
        contact('K3', 'C3', '2025-03-03 09:00', null),
      ),
      '2025-03',
    );
    expect(value).toMatchObject({ display: 'no data', denominator: 0 });
    expect(value.dataQuality.map((r) => [r.recordId, r.problem])).toEqual([['K1', 'decision recorded without a time: left out of the measure']]);
  });

  it('a decision before the contact was received is not within and is a data-quality problem', () => {
    const { value, row } = compute(m01ContactsDecided24h, inputsOf(contact('K1', 'C1', '2025-03-03 09:00', '2025-03-03 08:00')), '2025-03');
    expect(row('K1')).toMatchObject({ inNumerator: false, inDenominator: true, problem: 'decision recorded before the contact was received' });
    expect(value.display).toBe('0.0%');
  });

  it('honours a local standard other than 24 hours', () => {
    const inputs = inputsOf(contact('K1', 'C1', '2025-03-03 09:00', '2025-03-04 10:00'));
    expect(compute(m01ContactsDecided24h, inputs, '2025-03').value.display).toBe('0.0%');
    expect(compute(m01ContactsDecided24h, inputs, '2025-03', { standards: { contactDecisionHours: 48 } }).value.display).toBe('100.0%');
  });
});

describe('measure 3: ICPCs within 15 working days', () => {
  it('day 0: an ICPC on the day of the strategy discussion is within', () => {
    const { row } = compute(m03Icpc15wd, inputsOf(strategy('S1', 'C1', '2025-03-03'), s47('E1', 'C1', '2025-03-03', 'S1'), icpc('I1', 'C1', '2025-03-03', 'E1')), '2025-03');
    expect(row('I1').inNumerator).toBe(true);
    expect(row('I1').explanation).toMatch(/\(0 working days\)$/);
  });

  it('a bank-holiday start counts from the next working day: Christmas Day + 15 working days = Friday 17 January', () => {
    // 25 Dec 2024 (Wed) bank holiday; 26 Dec bank holiday; 1 Jan bank holiday.
    const base = [strategy('S1', 'C1', '2024-12-25'), s47('E1', 'C1', '2024-12-27', 'S1')];
    expect(compute(m03Icpc15wd, inputsOf(...base, icpc('I1', 'C1', '2025-01-17', 'E1')), '2025-01').row('I1').inNumerator).toBe(true);
    expect(compute(m03Icpc15wd, inputsOf(...base, icpc('I1', 'C1', '2025-01-20', 'E1')), '2025-01').row('I1').inNumerator).toBe(false);
  });

  it('an ICPC on the weekend straight after a due Friday is still 15 working days', () => {
    // Strategy Monday 3 March 2025: 15th working day is Monday 24 March; Saturday 22 March is 14.
    const base = [strategy('S1', 'C1', '2025-03-03'), s47('E1', 'C1', '2025-03-03', 'S1')];
    expect(compute(m03Icpc15wd, inputsOf(...base, icpc('I1', 'C1', '2025-03-24', 'E1')), '2025-03').row('I1').inNumerator).toBe(true);
    expect(compute(m03Icpc15wd, inputsOf(...base, icpc('I1', 'C1', '2025-03-25', 'E1')), '2025-03').row('I1').inNumerator).toBe(false);
  });

  it('counts from the strategy discussion, not the section 47 start; without a strategy link, from the s47 start (data quality)', () => {
    const { row, value } = compute(
      m03Icpc15wd,
      inputsOf(
        strategy('S1', 'C1', '2025-02-24'), s47('E1', 'C1', '2025-03-03', 'S1'), icpc('I1', 'C1', '2025-03-24', 'E1'),
        s47('E2', 'C2', '2025-03-03'), icpc('I2', 'C2', '2025-03-24', 'E2'),
      ),
      '2025-03',
    );
    expect(row('I1').inNumerator).toBe(false);
    expect(row('I2')).toMatchObject({ inNumerator: true, problem: 'section 47 enquiry has no linked strategy discussion: timed from the section 47 start' });
    expect(value.dataQuality.map((r) => r.recordId)).toEqual(['I2']);
  });

  it('an ICPC without its section 47 stays in the denominator, not within (settled detail 17); a dangling link too', () => {
    const { value, row } = compute(m03Icpc15wd, inputsOf(icpc('I1', 'C1', '2025-03-10', null), icpc('I2', 'C2', '2025-03-11', 'E9')), '2025-03');
    expect(value).toMatchObject({ display: '0.0%', denominator: 2 });
    expect(row('I2').problem).toBe('linked section 47 enquiry E9 not found');
  });

  it('transfer-in conferences are excluded; a month of only those is no data', () => {
    const { value, rows } = compute(m03Icpc15wd, inputsOf(icpc('I1', 'C1', '2025-03-10', null, true)), '2025-03');
    expect(value.display).toBe('no data');
    expect(rows[0]).toMatchObject({ inDenominator: false });
  });

  it('an authority closure day is not a working day', () => {
    const inputs = inputsOf(strategy('S1', 'C1', '2025-03-03'), s47('E1', 'C1', '2025-03-03', 'S1'), icpc('I1', 'C1', '2025-03-24', 'E1'));
    const calendar = new WorkingCalendar({ closureDays: ['2025-03-10'] });
    expect(compute(m03Icpc15wd, inputs, '2025-03').value.display).toBe('100.0%');
    expect(compute(m03Icpc15wd, inputs, '2025-03', { calendar }).value.display).toBe('100.0%'); // 14 working days now
    const late = inputsOf(strategy('S1', 'C1', '2025-03-03'), s47('E1', 'C1', '2025-03-03', 'S1'), icpc('I1', 'C1', '2025-03-25', 'E1'));
    expect(compute(m03Icpc15wd, late, '2025-03').value.display).toBe('0.0%');
    expect(compute(m03Icpc15wd, late, '2025-03', { calendar }).value.display).toBe('100.0%');
  });
});

describe('measure 4: assessments within 45 working days', () => {
  it('a Saturday start counts from Monday; 45 working days is in time, 46 is not', () => {
    // Saturday 4 January 2025: Monday 6 Jan is day 1, the 45th working day is Friday 7 March.
    const { row } = compute(
      m04Assessments45wd,
      inputsOf(assessment('A1', 'C1', '2025-01-04', '2025-03-07'), assessment('A2', 'C2', '2025-01-04', '2025-03-10')),
      '2025-03',
    );
    expect(row('A1').inNumerator).toBe(true);
    expect(row('A2').inNumerator).toBe(false);
    expect(row('A2').explanation).toBe('started 4 Jan; assessment due 7 Mar, authorised 10 Mar: 1 working day late (46 working days)');
  });

  it('the month is the month of authorisation; open assessments are not counted', () => {
    const inputs = inputsOf(assessment('A1', 'C1', '2025-02-03', '2025-03-03'), assessment('A2', 'C2', '2025-02-03', null));
    expect(compute(m04Assessments45wd, inputs, '2025-02').value.display).toBe('no data');
    expect(compute(m04Assessments45wd, inputs, '2025-03').denominator).toEqual(['A1']);
  });

  it('the "from referral" option counts from the referral, and an assessment without one is not within (data quality)', () => {
    const inputs = inputsOf(
      referral('R1', 'C1', '2024-11-11'), assessment('A1', 'C1', '2024-11-18', '2025-01-23', 'R1'),
      assessment('A2', 'C2', '2024-11-18', '2025-01-10'),
    );
    expect(compute(m04Assessments45wd, inputs, '2025-01').value.display).toBe('100.0%');
    const fromReferral = compute(m04Assessments45wd, inputs, '2025-01', { standards: { assessmentFrom: 'referral' } });
    expect(fromReferral.value).toMatchObject({ display: '0.0%', denominator: 2 });
    expect(fromReferral.row('A1').explanation).toMatch(/^referral 11 Nov 2024; assessment due 16 Jan, authorised 23 Jan: 5 working days late/);
    expect(fromReferral.row('A2').problem).toBe('no linked referral');
  });

  it('an assessment authorised before it started is not within and is a data-quality problem', () => {
    const { row } = compute(m04Assessments45wd, inputsOf(assessment('A1', 'C1', '2025-03-10', '2025-03-07')), '2025-03');
    expect(row('A1')).toMatchObject({ inNumerator: false, inDenominator: true, problem: 'authorised before the assessment start' });
  });

  it('the row carries the team holding the case when the assessment was authorised', () => {
    const inputs = inputsOf(
      referral('R1', 'C1', '2025-02-03', null, 'FRONT'), assessment('A1', 'C1', '2025-02-03', '2025-03-03', 'R1'),
      referral('R2', 'C2', '2025-02-03', null, 'FRONT'), assessment('A2', 'C2', '2025-02-03', '2025-03-03', 'R2'),
      allocation('C2', 'W1', '2025-02-04', null, 'CH', 'ASSESS'),
    );
    const { row } = compute(m04Assessments45wd, inputs, '2025-03');
    expect([row('A1').teamId, row('A2').teamId]).toEqual(['FRONT', 'ASSESS']);
  });
});

describe('re-referrals within 12 months (settled detail 15)', () => {
  it('exactly 12 calendar months (366 days over a leap day) is a re-referral; a day more is not', () => {
    const { row } = compute(
      rereferrals,
      inputsOf(
        referral('R1', 'C1', '2023-03-01', '2023-04-01'), referral('R2', 'C1', '2024-03-01'),
        referral('R3', 'C2', '2023-03-01', '2023-04-01'), referral('R4', 'C2', '2024-03-02'),
      ),
      '2024-03',
    );
    expect([row('R2').inNumerator, row('R4').inNumerator]).toEqual([true, false]);
  });

  it('exactly 12 calendar months of 365 days is a re-referral; a day more is not', () => {
    const { row } = compute(
      rereferrals,
      inputsOf(
        referral('R1', 'C1', '2024-03-01', '2024-04-01'), referral('R2', 'C1', '2025-03-01'),
        referral('R3', 'C2', '2024-03-01', '2024-04-01'), referral('R4', 'C2', '2025-03-02'),
      ),
      '2025-03',
    );
    expect([row('R2').inNumerator, row('R4').inNumerator]).toEqual([true, false]);
    expect(row('R2').dates).toEqual({ referral: '2025-03-01', previousReferral: '2024-03-01' });
  });

  it('a referral on 29 February is followed for 12 months to 28 February', () => {
    const { row } = compute(
      rereferrals,
      inputsOf(
        referral('R1', 'C1', '2024-02-29', '2024-03-10'), referral('R2', 'C1', '2025-02-28'),
        referral('R3', 'C2', '2024-02-29', '2024-03-10'), referral('R4', 'C2', '2025-03-01'),
      ),
      '2025-03',
    );
    expect([row('R2').inNumerator, row('R4').inNumerator]).toEqual([true, false]);
  });

  it('same-date referrals are not re-referrals of each other, but both are re-referrals of an earlier one', () => {
    const alone = compute(rereferrals, inputsOf(referral('R1', 'C1', '2025-01-10'), referral('R2', 'C1', '2025-01-10')), '2025-03');
    expect(alone.value.display).toBe('0.0%');
    const after = compute(
      rereferrals,
      inputsOf(referral('R0', 'C1', '2024-09-01', '2024-10-01'), referral('R1', 'C1', '2025-01-10'), referral('R2', 'C1', '2025-01-10')),
      '2025-03',
    );
    expect([after.row('R0').inNumerator, after.row('R1').inNumerator, after.row('R2').inNumerator]).toEqual([false, true, true]);
  });

  it('counts referrals in the 12 months to month end; a previous referral before the window still counts', () => {
    const { denominator, numerator } = compute(
      rereferrals,
      inputsOf(referral('R1', 'C1', '2024-03-31', '2024-04-20'), referral('R2', 'C1', '2024-04-01'), referral('R3', 'C2', '2025-04-01')),
      '2025-03',
    );
    expect(denominator).toEqual(['R2']);
    expect(numerator).toEqual(['R2']);
  });
});

/**
 * The order of a drill-down is the measure's own (date or instant, then record id), whatever order the records
 * arrive in. The database returns rows in no particular order (measure-inputs.ts aggregates them without ORDER
 * BY, and PGlite and PostgreSQL scan the same extract differently), so on the 10-year synthetic authority
 * measures 1, 4 and 9 (and re-referrals) listed the same rows in different orders on the two engines.
 */
import { describe, expect, it } from 'vitest';
import { m01ContactsDecided24h } from './definitions/m01-contacts-decided-24h.js';
import { m03Icpc15wd } from './definitions/m03-icpc-15wd.js';
import { m04Assessments45wd } from './definitions/m04-assessments-45wd.js';
import { m09ReturnInterviews72h } from './definitions/m09-return-interviews-72h.js';
import { m15AuditsRiOrBetter } from './definitions/m15-audits-ri-or-better.js';
import { cpSecondPlans } from './definitions/cp-second-plans.js';
import { rereferrals } from './definitions/rereferrals.js';
import type { MeasureInputs } from './inputs.js';
import type { MeasureDefinition } from './types.js';
import { assessment, audit, compute, contact, cpPlan, icpc, inputsOf, missing, referral } from './test-support.js';

/** The same records with every input list reversed (as another engine might return them). */
function reversed(inputs: MeasureInputs): MeasureInputs {
  const out = { ...inputs } as Record<string, unknown>;
  for (const [key, value] of Object.entries(inputs)) if (Array.isArray(value)) out[key] = [...value].reverse();
  return out as unknown as MeasureInputs;
}

const ids = (def: MeasureDefinition, inputs: MeasureInputs, month: string) => compute(def, inputs, month).rows.map((r) => r.recordId);

describe('drill-down order does not depend on the order the records arrive in', () => {
  // Records listed out of order on purpose: the first of each kind is the latest.
  const inputs = inputsOf(
    contact('K3', 'C3', '2025-04-26 16:00', '2025-04-26 18:00'),
    contact('K2', 'C2', '2025-04-26 16:59:56', '2025-04-26 17:37:56'),
    contact('K1', 'C1', '2025-04-26 16:59:56', '2025-04-26 17:37:56'), // the same instants as K2: ordered by id
    contact('K0', 'C0', '2025-04-02 09:00', '2025-04-02 10:00'),
    referral('R3', 'C3', '2025-04-10'), referral('R2', 'C2', '2025-04-03'), referral('R1', 'C1', '2025-04-03'),
    assessment('A3', 'C3', '2025-04-10', '2025-04-28', 'R3'),
    assessment('A2', 'C2', '2025-04-03', '2025-04-17', 'R2'),
    assessment('A1', 'C1', '2025-04-03', '2025-04-17', 'R1'),
    assessment('A0', 'C0', '2025-03-01', '2025-04-01'),
    missing('M3', 'C3', '2025-04-25 18:00', { offered: true, accepted: true, held: '2025-04-26 10:00' }),
    missing('M2', 'C2', '2025-04-05 06:11:51'),
    missing('M1', 'C1', '2025-04-05 06:11:51', { offered: true }),
    icpc('I2', 'C2', '2025-04-20', null), icpc('I1', 'C1', '2025-04-08', null),
    audit('U2', 'C2', '2025-04-22', 'Good'), audit('U1', 'C1', '2025-04-09', 'Requires improvement'),
    cpPlan('P2', 'C2', '2025-04-21'), cpPlan('P1', 'C1', '2025-04-09'),
  );

  it('measure 1 lists decisions by decision instant, then contact id', () => {
    expect(ids(m01ContactsDecided24h, inputs, '2025-04')).toEqual(['K0', 'K1', 'K2', 'K3']);
  });

  it('measure 4 lists assessments by authorisation date, then assessment id', () => {
    expect(ids(m04Assessments45wd, inputs, '2025-04')).toEqual(['A0', 'A1', 'A2', 'A3']);
  });

  it('measure 9 lists returns by return instant, then episode id', () => {
    expect(ids(m09ReturnInterviews72h, inputs, '2025-04')).toEqual(['M1', 'M2', 'M3']);
  });

  it('every measure built on monthly events gives the same rows in the same order from the records in reverse', () => {
    for (const def of [m01ContactsDecided24h, m03Icpc15wd, m04Assessments45wd, m09ReturnInterviews72h, m15AuditsRiOrBetter, cpSecondPlans, rereferrals]) {
      const forward = compute(def, inputs, '2025-04').rows.map((r) => JSON.stringify(r));
      const backward = compute(def, reversed(inputs), '2025-04').rows.map((r) => JSON.stringify(r));
      expect(forward.length, def.id).toBeGreaterThan(0);
      expect(backward, def.id).toEqual(forward);
    }
  });
});

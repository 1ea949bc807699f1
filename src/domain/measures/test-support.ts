/**
 * Test helpers: compute a measure for built inputs and check that the drill-down rows add up to the figure.
 * (The input builders themselves are in fixtures.ts, shared with the documented examples.)
 */
import { expect } from 'vitest';
import { toThousandths } from './arithmetic.js';
import { computeMeasure } from './compute.js';
import { measureContext, type MeasureContext } from './context.js';
import type { MeasureInputs } from './inputs.js';
import type { MeasureSettingsOverrides } from './settings.js';
import type { DrillRow, MeasureDefinition, MeasureValue } from './types.js';

export * from './fixtures.js';

export interface Computed {
  value: MeasureValue;
  rows: DrillRow[];
  ctx: MeasureContext;
  /** The row for a record id (throws if absent). */
  row(recordId: string): DrillRow;
  /** Record ids in the numerator / the denominator. */
  numerator: string[];
  denominator: string[];
}

/** Compute a measure and assert that its rows agree with its numerator and denominator. */
export function compute(def: MeasureDefinition, inputs: MeasureInputs, month: string, settings: MeasureSettingsOverrides = {}): Computed {
  const ctx = measureContext(inputs, settings);
  const value = computeMeasure(def, ctx, month);
  const rows = [...def.rows(ctx, month)];
  expectRowsAgree(def, value, rows);
  return {
    value, rows, ctx,
    row(recordId) {
      const found = rows.find((r) => r.recordId === recordId);
      if (!found) throw new Error(`No row ${recordId} in ${rows.map((r) => r.recordId).join(', ')}`);
      return found;
    },
    numerator: rows.filter((r) => r.inNumerator).map((r) => r.recordId),
    denominator: rows.filter((r) => r.inDenominator).map((r) => r.recordId),
  };
}

/** Every row's place in the numerator and denominator adds up to the computed figure; every row is explained. */
export function expectRowsAgree(def: MeasureDefinition, value: MeasureValue, rows: readonly DrillRow[]): void {
  const sum = (pick: (r: DrillRow) => number) => rows.reduce((total, r) => total + toThousandths(pick(r)), 0) / 1000;
  expect(value.numerator).toBe(sum((r) => (r.inNumerator ? r.numeratorWeight ?? 1 : 0)));
  if (def.unit !== 'rate per 10,000') {
    expect(value.denominator).toBe(sum((r) => (r.inDenominator ? r.denominatorWeight ?? 1 : 0)));
  } else {
    expect(rows.every((r) => !r.inDenominator)).toBe(true);
  }
  expect(value.dataQuality).toEqual(rows.filter((r) => r.problem !== undefined));
  for (const r of rows) {
    expect(r.explanation.length).toBeGreaterThan(0);
    if (r.inNumerator && def.unit !== 'rate per 10,000' && def.unit !== 'caseload') expect(r.inDenominator).toBe(true);
  }
  if (value.value === null) expect(value.display).toBe('no data');
}

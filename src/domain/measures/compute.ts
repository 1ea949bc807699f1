/**
 * A measure's value for a month, by adding up its drill-down rows: so the figure and the list of children
 * behind it can never disagree.
 */
import { fromThousandths, roundedRatio, toThousandths } from './arithmetic.js';
import type { MeasureContext } from './context.js';
import { reportingPeriod } from './period.js';
import { choosePopulation } from './population.js';
import type { DrillRow, MeasureDefinition, MeasureValue, Unit } from './types.js';

const SCALE: Record<Unit, number> = { percent: 100, 'rate per 10,000': 10_000, count: 1, caseload: 1 };

/** Text of a rounded figure in the measure's unit. */
function displayOf(unit: Unit, text: string): string {
  return unit === 'percent' ? `${text}%` : text;
}

export function computeMeasure(def: MeasureDefinition, ctx: MeasureContext, month: string): MeasureValue {
  const period = reportingPeriod(def.frequency, month);
  let numeratorK = 0;
  let denominatorK = 0;
  const totalsK: Record<string, number> = {};
  const dataQuality: DrillRow[] = [];
  for (const row of def.rows(ctx, month)) {
    if (row.inNumerator) numeratorK += toThousandths(row.numeratorWeight ?? 1);
    if (row.inDenominator) denominatorK += toThousandths(row.denominatorWeight ?? 1);
    const counts = row.counts;
    if (counts !== undefined) for (const key in counts) totalsK[key] = (totalsK[key] ?? 0) + toThousandths(counts[key] as number);
    if (row.problem !== undefined) dataQuality.push(row);
  }
  const notes = [period.description];
  let denominatorOut: number | null = fromThousandths(denominatorK);
  if (def.unit === 'rate per 10,000') {
    const choice = choosePopulation(ctx.settings.population ?? ctx.inputs.population, period.end);
    notes.push(choice.note);
    denominatorK = choice.used === null ? 0 : toThousandths(choice.used.children);
    denominatorOut = choice.used === null ? null : choice.used.children;
  }
  const totals = Object.fromEntries(Object.entries(totalsK).map(([k, v]) => [k, fromThousandths(v)]));
  const extras = def.extras ? def.extras(totals) : {};
  let ratio: { value: number; text: string } | null;
  if (def.unit === 'count') {
    const scope = def.scope?.(ctx, month);
    if (scope) {
      extras.inScope = scope.count;
      notes.push(`${scope.description}: ${scope.count}.`);
    }
    ratio = (scope ? scope.count === 0 : denominatorK === 0) ? null : roundedRatio(numeratorK, 1000, 1, def.decimals);
  } else {
    ratio = roundedRatio(numeratorK, denominatorK, SCALE[def.unit], def.decimals);
  }
  if (ratio === null) {
    const numerator = fromThousandths(numeratorK);
    return { measureId: def.id, month, numerator, denominator: denominatorOut, value: null, display: 'no data', extras, notes, dataQuality };
  }
  return {
    measureId: def.id,
    month,
    numerator: fromThousandths(numeratorK),
    denominator: denominatorOut,
    value: ratio.value,
    display: displayOf(def.unit, ratio.text),
    extras,
    notes,
    dataQuality,
  };
}

/** Every given measure for every given month: one value per measure and month, measures outermost. */
export function computeMeasures(defs: readonly MeasureDefinition[], ctx: MeasureContext, months: readonly string[]): MeasureValue[] {
  const out: MeasureValue[] = [];
  for (const def of defs) for (const month of months) out.push(computeMeasure(def, ctx, month));
  return out;
}

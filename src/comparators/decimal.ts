/**
 * Exact decimal arithmetic for published figures: DfE cells are decimal strings ("22.6", "49420"), and
 * averages and rates are rounded half up on the exact fraction (not on a binary float).
 */

/** A decimal as an integer count of 10^-scale units: 22.6 = { units: 226n, scale: 1 }. */
export interface Decimal {
  units: bigint;
  scale: number;
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string; anything else (a suppression marker, "1,234", "") gives null. */
export function parseDecimal(raw: string): Decimal | null {
  const m = decimalPattern.exec(raw.trim());
  if (!m) return null;
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] === '-' ? -units : units, scale: fraction.length };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** numerator ÷ denominator rounded half up (half away from zero) to `decimals` places. */
export function roundRatio(numerator: bigint, denominator: bigint, decimals: number): number {
  if (denominator === 0n) throw new RangeError('roundRatio: zero denominator');
  let num = numerator * pow10(decimals);
  let den = denominator;
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const rounded = (2n * abs + den) / (2n * den);
  const signed = negative ? -rounded : rounded;
  return Number(signed) / 10 ** decimals;
}

/** The simple mean of the values, rounded half up to `decimals` places. */
export function meanOf(values: readonly Decimal[], decimals: number): number {
  if (values.length === 0) throw new RangeError('meanOf: no values');
  const scale = Math.max(...values.map((v) => v.scale));
  const sum = values.reduce((s, v) => s + v.units * pow10(scale - v.scale), 0n);
  return roundRatio(sum, BigInt(values.length) * pow10(scale), decimals);
}

/** count ÷ population × 10,000, rounded half up to `decimals` places. */
export function ratePer10k(count: Decimal, population: Decimal, decimals: number): number {
  // (count.units / 10^cs) / (pop.units / 10^ps) × 10^4 = count.units × 10^(ps+4) / (pop.units × 10^cs)
  return roundRatio(
    count.units * pow10(population.scale + 4),
    population.units * pow10(count.scale),
    decimals,
  );
}

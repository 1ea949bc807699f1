/**
 * Exact arithmetic for figures (settled detail 2): round half up on the exact fraction, with integers.
 * Counts are whole numbers; FTE may have decimals and is carried in integer thousandths.
 */

/** A count or an FTE as integer thousandths (0.6 FTE → 600). FTE is recorded to at most three decimals. */
export function toThousandths(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite number: ${x}`);
  return Math.round(x * 1000);
}

/** Thousandths back to a number (exact for the three decimals kept). */
export function fromThousandths(k: number): number {
  return k / 1000;
}

/**
 * numerator / denominator × scale, rounded half up to `decimals` places, as an integer number of
 * 10^-decimals units (60.6% → 606 with decimals 1). Arguments are non-negative integers, denominator > 0.
 */
export function roundedUnits(numerator: number, denominator: number, scale: number, decimals: number): bigint {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator <= 0) {
    throw new RangeError(`A ratio needs whole numbers, numerator ≥ 0 and denominator > 0: ${numerator}/${denominator}`);
  }
  const n = BigInt(numerator) * BigInt(scale) * 10n ** BigInt(decimals);
  const d = BigInt(denominator);
  return (2n * n + d) / (2n * d);
}

/** An integer number of 10^-decimals units as text with exactly `decimals` places: (606n, 1) → '60.6'. */
export function formatUnits(units: bigint, decimals: number): string {
  const digits = units.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** A rounded ratio as a number and as exact text, or null for an empty denominator. */
export function roundedRatio(
  numerator: number,
  denominator: number,
  scale: number,
  decimals: number,
): { value: number; text: string } | null {
  if (denominator === 0) return null;
  const units = roundedUnits(numerator, denominator, scale, decimals);
  const text = formatUnits(units, decimals);
  return { value: Number(text), text };
}

/** A share of two FTE or count totals (in thousandths) as a percentage to one decimal place: '97.9%' or 'no data'. */
export function percentText(numeratorK: number, denominatorK: number): { value: number | null; text: string } {
  const r = roundedRatio(numeratorK, denominatorK, 100, 1);
  return r === null ? { value: null, text: 'no data' } : { value: r.value, text: `${r.text}%` };
}

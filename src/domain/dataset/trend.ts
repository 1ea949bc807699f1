/**
 * The judgements beside each figure in the monthly dataset (Appendix 1 of the seed report): change from
 * the previous month, position against the previous three months' average, direction against each
 * comparator, and the RAG status against the target. Pure functions.
 *
 * Arrows say only higher (▲), lower (▼) or unchanged / in line (◄). Whether that is better follows from
 * the measure's "better" direction, and is said in words beside the arrow.
 */

export type Arrow = '▲' | '▼' | '◄';
export type Better = 'high' | 'low';
export type Rag = 'red' | 'amber' | 'green';

export interface Direction {
  arrow: Arrow;
  /** "higher", "lower", "unchanged" / "in line". */
  words: string;
  /** Whether the movement is an improvement for this measure: better, worse, or neither. */
  judgement: 'better' | 'worse' | 'same';
}

/**
 * Compares a value with a reference. Differences whose size is at most `tolerance` (in the measure's units,
 * e.g. 1.0 percentage point) are "in line". Null when either side has no data.
 */
export function direction(value: number | null, reference: number | null, better: Better, tolerance = 0, sameWord = 'unchanged'): Direction | null {
  if (value === null || reference === null) return null;
  const diff = value - reference;
  if (Math.abs(diff) <= tolerance + 1e-9) return { arrow: '◄', words: sameWord, judgement: 'same' };
  const higher = diff > 0;
  return {
    arrow: higher ? '▲' : '▼',
    words: higher ? 'higher' : 'lower',
    judgement: higher === (better === 'high') ? 'better' : 'worse',
  };
}

/** The mean of the three months before the last, or null unless all three have data. */
export function previousThreeMonthAverage(values: readonly (number | null)[]): number | null {
  if (values.length < 4) return null;
  const prev = values.slice(-4, -1);
  if (prev.some((v) => v === null)) return null;
  return (prev as number[]).reduce((a, b) => a + b, 0) / 3;
}

export interface RagThresholds {
  /** The target: at or better than it is green. */
  target: number;
  /** Within this distance on the worse side of the target is amber; further is red. */
  amberWithin: number;
}

/** RAG status of a value against its target; null when there is no target or no data. */
export function rag(value: number | null, better: Better, thresholds: RagThresholds | undefined): Rag | null {
  if (value === null || !thresholds) return null;
  const shortfall = better === 'high' ? thresholds.target - value : value - thresholds.target;
  if (shortfall <= 1e-9) return 'green';
  return shortfall <= thresholds.amberWithin + 1e-9 ? 'amber' : 'red';
}

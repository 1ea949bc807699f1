import { describe, expect, it } from 'vitest';
import { direction, previousThreeMonthAverage, rag } from './trend.js';

describe('dataset judgements', () => {
  it('says higher or lower, and whether that is better for the measure', () => {
    expect(direction(66.6, 75.4, 'high')).toEqual({ arrow: '▼', words: 'lower', judgement: 'worse' });
    expect(direction(69.2, 68, 'low')).toEqual({ arrow: '▲', words: 'higher', judgement: 'worse' });
    expect(direction(17, 25, 'low')).toEqual({ arrow: '▼', words: 'lower', judgement: 'better' });
    expect(direction(92.5, 92.5, 'high')).toEqual({ arrow: '◄', words: 'unchanged', judgement: 'same' });
    expect(direction(18.8, 19.1, 'low', 0.5, 'in line')).toEqual({ arrow: '◄', words: 'in line', judgement: 'same' });
    expect(direction(null, 3, 'high')).toBeNull();
  });

  it('averages the three months before the latest, only when all have data', () => {
    // Seed report measure 9: Oct 76.2, Nov 91.3, Dec 60.6 ... with Jan as the latest.
    expect(previousThreeMonthAverage([76.2, 91.3, 60.6, 65])).toBeCloseTo(76.033, 3);
    expect(previousThreeMonthAverage([null, 91.3, 60.6, 65])).toBeNull();
    expect(previousThreeMonthAverage([91.3, 60.6])).toBeNull();
  });

  it('rates against the target, with an amber band on the worse side', () => {
    const t = { target: 80, amberWithin: 5 };
    expect(rag(80, 'high', t)).toBe('green');
    expect(rag(75, 'high', t)).toBe('amber');
    expect(rag(74.9, 'high', t)).toBe('red');
    expect(rag(18, 'low', { target: 18, amberWithin: 2 })).toBe('green');
    expect(rag(20.1, 'low', { target: 18, amberWithin: 2 })).toBe('red');
    expect(rag(null, 'high', t)).toBeNull();
    expect(rag(50, 'high', undefined)).toBeNull();
  });
});

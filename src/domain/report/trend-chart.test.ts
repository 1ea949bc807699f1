import { describe, expect, it } from 'vitest';
import { monthLabel, monthsEnding } from '../measures/period.js';
import { averagePhrase, runPhrase, targetPhrase, trendChartSvg, trendSentence, valueScale, type TrendSeries } from './trend-chart.js';

function series(values: (number | null)[], over: Partial<TrendSeries> = {}): TrendSeries {
  const months = monthsEnding('2026-10', values.length);
  return {
    id: 'm06-cp-visits-10wd', title: 'CP visits within 10 working days', unit: 'percent', better: 'high', decimals: 1, target: 90,
    points: months.map((month, i) => ({ month, label: monthLabel(month), value: values[i] ?? null })),
    ...over,
  };
}

describe('the sentence stating the trend', () => {
  it('counts the run of rises or falls ending with the latest month, and says whether that is better for the measure', () => {
    expect(runPhrase(series([80, 70, 72, 75, 78.2]))).toBe('rising for 3 months in a row, from 70.0% to 78.2% (improving)');
    expect(runPhrase(series([80, 70, 72, 75, 74]))).toBe('down on last month, from 75.0% to 74.0% (getting worse)');
    expect(runPhrase(series([18, 19, 20], { unit: 'caseload', better: 'low', decimals: 2 }))).toBe('rising for 2 months in a row, from 18.00 to 20.00 (getting worse)');
    expect(runPhrase(series([60, 61, 61]))).toBe('unchanged from last month at 61.0%');
    // A month with no figure ends the run.
    expect(runPhrase(series([60, null, 62, 64]))).toBe('up on last month, from 62.0% to 64.0% (improving)');
    expect(runPhrase(series([60, 62, null]))).toBe('no figure for October 2026');
    expect(runPhrase(series([null, 62]))).toBe('62.0%, with no figure for the month before to compare with');
    expect(runPhrase(series([62]))).toBe('62.0%, with no figure for the month before to compare with');
  });

  it('compares with the previous three months’ average in percentage points, or in the measure’s own units', () => {
    expect(averagePhrase(series([72, 74, 76, 78.2]))).toBe("4.2 points above the previous 3 months' average (74.0%)");
    expect(averagePhrase(series([72, 74, 76, 73]))).toBe("1.0 point below the previous 3 months' average (74.0%)");
    expect(averagePhrase(series([72, 74, 76, 74]))).toBe("in line with the previous 3 months' average (74.0%)");
    expect(averagePhrase(series([50, 60, 70, 65], { unit: 'rate per 10,000' }))).toBe("5.0 above the previous 3 months' average (60.0)");
    expect(averagePhrase(series([null, 74, 76, 78]))).toBeNull();
    expect(averagePhrase(series([74, 76, 78]))).toBeNull();
  });

  it('says whether the target is met, on the side that matters for the measure', () => {
    expect(targetPhrase(series([88, 90]))).toBe('meeting the target of 90.0%');
    expect(targetPhrase(series([88, 83.2]))).toBe('not meeting the target of 90.0% (6.8 points below)');
    expect(targetPhrase(series([20.5], { unit: 'caseload', better: 'low', decimals: 2, target: 18 }))).toBe('not meeting the target of 18.00 (2.50 above)');
    expect(targetPhrase(series([17], { unit: 'caseload', better: 'low', decimals: 2, target: 18 }))).toBe('meeting the target of 18.00');
    expect(targetPhrase(series([88], { target: null }))).toBeNull();
    expect(targetPhrase(series([null]))).toBeNull();
  });

  it('joins the parts into one sentence, with England and statistical neighbours', () => {
    const s = trendSentence(series([80, 70, 72, 75, 78.2]), [
      { label: 'Statistical neighbour average', value: 80.1, judgement: 'worse' },
      { label: 'England', value: 72, judgement: 'better' },
      { label: 'Region', value: 75, judgement: 'better' },
    ]);
    expect(s).toBe(
      "Rising for 3 months in a row, from 70.0% to 78.2% (improving); 5.9 points above the previous 3 months' average (72.3%); " +
        'not meeting the target of 90.0% (11.8 points below); better than England (72.0%); worse than statistical neighbours (80.1%).',
    );
    expect(trendSentence(series([null, null], { target: null }))).toBe('No figure for October 2026.');
  });
});

describe('the value axis', () => {
  it('uses round ticks around the figures and the target, never below 0 or above 100%', () => {
    const s = valueScale([61.2, 78.4, 85], 'percent');
    expect(s.ticks).toEqual([50, 60, 70, 80, 90]);
    expect(s.lo).toBeLessThanOrEqual(61.2);
    expect(s.hi).toBeGreaterThanOrEqual(85);
    expect(s.hi).toBeLessThanOrEqual(100);
    expect(valueScale([98, 100], 'percent').hi).toBe(100);
    expect(valueScale([0, 3], 'count').lo).toBe(0);
    const flat = valueScale([0, 0], 'percent');
    expect(flat.lo).toBe(0);
    expect(flat.hi).toBeGreaterThan(0);
    expect(valueScale([], 'count').ticks.length).toBeGreaterThan(1);
  });
});

describe('the chart', () => {
  it('is an image named by its title and described by its desc, with a point per figure and the target line', () => {
    const svg = trendChartSvg(series([80, 70, null, 75, 78.2]));
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-m06-cp-visits-10wd-title chart-m06-cp-visits-10wd-desc"/);
    expect(svg).toContain('<title id="chart-m06-cp-visits-10wd-title">CP visits within 10 working days: June 2026 to October 2026</title>');
    expect(svg).toContain('lowest 70.0% (July 2026), highest 80.0% (June 2026), latest 78.2% (October 2026); the target is 90.0%.');
    expect(svg.match(/<circle /g)).toHaveLength(4);
    // The line breaks at the month with no figure: two segments.
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('class="app-trend-chart__target"');
    expect(svg).toContain('>90.0%</text>');
    expect(svg).not.toMatch(/style=/);
    // The year under the first month and each January.
    const years = trendChartSvg(series(Array.from({ length: 13 }, (_, i) => 60 + i)));
    expect(years.match(/>2025<\/text>/g)).toHaveLength(1);
    expect(years.match(/>2026<\/text>/g)).toHaveLength(1);
  });

  it('escapes text and says when there are no figures', () => {
    const svg = trendChartSvg(series([null, null], { title: 'Children <in> care & "placed"', target: null }));
    expect(svg).toContain('Children &lt;in&gt; care &amp; &quot;placed&quot;');
    expect(svg).toContain('No figures for these months');
    expect(svg).not.toContain('<polyline');
  });
});

import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChronologyEntry } from '../../domain/chronology/index.js';
import { fromLondon } from '../../domain/time/london.js';
import { pdfSafe, renderChronologyPdf, type ChronologyPdfInput } from './chronology-pdf.js';
import { pdfPageCount, pdfText, pdfTextFromStreams } from './pdf-text.js';

const SAMPLE = process.env.THREADLINE_SHOTS; // a folder to save the sample PDF in, when set

function entry(i: number, over: Partial<ChronologyEntry> = {}): ChronologyEntry {
  const day = 1 + (i % 28);
  const month = 1 + Math.floor(i / 28) % 12;
  return {
    key: `cp_visit:V${i}:visit`, kind: 'visit', entity: 'cp_visit', recordId: `V${i}`,
    date: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    instant: i % 2 === 0 ? fromLondon({ year: 2026, month, day, hour: 14, minute: 30, second: 0 }) : null,
    title: `Child protection visit number ${i}: child seen alone`,
    details: [{ label: 'What the child said', text: 'Said things are calmer at home now.' }],
    by: 'Ann Able', recordedLater: null, ...over,
  };
}

const input = (entries: ChronologyEntry[], over: Partial<ChronologyPdfInput> = {}): ChronologyPdfInput => ({
  child: { id: 'P1', name: 'John Smith', dob: '2014-03-04', expectedDob: null },
  filterText: 'Visits and Significant events, from 1 January 2026', total: 120, entries,
  producedAt: fromLondon({ year: 2026, month: 12, day: 6, hour: 9, minute: 5, second: 0 }), producedBy: 'Sam Social', ...over,
});

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the chronology as a PDF', () => {
  it('has a title block, every entry oldest first, and page N of M on every page', async () => {
    const entries = Array.from({ length: 80 }, (_, i) => entry(i));
    entries[10] = entry(10, {
      kind: 'significant', title: 'Police called to the home', details: [{ label: 'Source', text: 'Police notification' }],
      recordedLater: { at: new Date(), days: 3, text: 'Recorded 14 January 2026, 3 days after it happened' },
    });
    const pdf = await renderChronologyPdf(input(entries));
    if (SAMPLE) writeFileSync(`${SAMPLE}/chronology-sample.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = flat(pdfText(pdf));
    expect(text).toContain('Chronology');
    expect(text).toContain('John Smith');
    expect(text).toContain('4 March 2014');
    expect(text).toContain('Visits and Significant events, from 1 January 2026 (80 of 120 entries)');
    expect(text).toContain('Date order, oldest first');
    expect(text).toContain('6 December 2026 at 9:05am by Sam Social');
    expect(text).toContain('Police called to the home');
    expect(text).toContain('Recorded 14 January 2026, 3 days after it happened');
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} of ${pages}`);
    expect(text.match(/OFFICIAL-SENSITIVE/g)).toHaveLength(pages);
    // The table header repeats on every page.
    expect(text.match(/What happened/g)!.length).toBeGreaterThanOrEqual(pages);
    // Oldest first: visit 1 (1 January) before visit 28 (1 February) before visit 79.
    const order = [1, 28, 79].map((i) => text.indexOf(`Child protection visit number ${i}:`));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // A time is shown when one was recorded.
    expect(pdfText(pdf)).toMatch(/1 January 2026\s+2:30pm/);
  });

  it('carries an entry too long for a page over to the next, without losing a word', async () => {
    const words = Array.from({ length: 2500 }, (_, i) => `word${i}`).join(' ');
    const pdf = await renderChronologyPdf(input([entry(0), entry(1, { details: [{ label: 'What happened', text: words }] }), entry(2)]));
    if (SAMPLE) writeFileSync(`${SAMPLE}/chronology-long.pdf`, pdf);
    const text = pdfTextFromStreams(pdf);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(3);
    expect(text).toContain('(continued)');
    const found = new Set(text.match(/word\d+/g));
    for (let i = 0; i < 2500; i++) expect(found.has(`word${i}`), `word${i}`).toBe(true);
    expect(flat(text)).toContain('Child protection visit number 2');
  });

  it('says so when nothing matches, and draws text the standard fonts cannot as close as they can', async () => {
    const text = flat(pdfText(await renderChronologyPdf(input([], { filterText: 'Missing episodes, at any time', total: 12 }))));
    expect(text).toContain('Missing episodes, at any time (0 of 12 entries)');
    expect(text).toContain('No entries match this filter.');
    expect(pdfSafe('Zoë Łukasz – ‘quoted’ 😀')).toBe('Zoë Lukasz – ‘quoted’ ?');
  });
});

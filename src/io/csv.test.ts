import { describe, expect, it } from 'vitest';
import { csvLine, spreadsheetCsvLine } from './csv.js';

describe('CSV for spreadsheets', () => {
  it('neutralises cells a spreadsheet would run as formulas, but not numbers', () => {
    expect(spreadsheetCsvLine(['=HYPERLINK("http://x","y")', '+1+2', '-3', '-2.5%', '@SUM(A1)', 'plain', '12.5', '\tx'])).toBe(
      `"'=HYPERLINK(""http://x"",""y"")",'+1+2,-3,-2.5%,'@SUM(A1),plain,12.5,'\tx\n`,
    );
  });

  it('keeps extract cells exactly as they are', () => {
    expect(csvLine(['=1+1', 'a,b'])).toBe('=1+1,"a,b"\n');
  });
});

/**
 * Quarters for the monthly monitoring report: financial-year quarters, as the seed report counts them
 * (Quarter 1 is April to June; Quarter 3 is October to December). Pure.
 */
import { addMonthsToMonth, checkMonth, monthLabel } from '../measures/period.js';
import { MONTH_NAMES } from '../time/london.js';

export interface Quarter {
  /** '2026-27 Q3'. */
  key: string;
  /** 1 to 4. */
  number: number;
  /** '2026-27'. */
  financialYear: string;
  /** The quarter's three months, oldest first. */
  months: string[];
  /** "Quarter 3 2026-27 (October to December 2026)". */
  label: string;
}

/** The financial-year quarter that contains a month. */
export function quarterOf(month: string): Quarter {
  checkMonth(month);
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const fyStart = m >= 4 ? y : y - 1;
  const number = Math.floor(((m + 8) % 12) / 3) + 1;
  const first = addMonthsToMonth(`${fyStart}-04`, (number - 1) * 3);
  const months = [first, addMonthsToMonth(first, 1), addMonthsToMonth(first, 2)];
  const financialYear = `${fyStart}-${String((fyStart + 1) % 100).padStart(2, '0')}`;
  const last = months[2]!;
  const firstName = MONTH_NAMES[Number(first.slice(5, 7)) - 1]!;
  const span = first.slice(0, 4) === last.slice(0, 4) ? `${firstName} to ${monthLabel(last)}` : `${monthLabel(first)} to ${monthLabel(last)}`;
  return { key: `${financialYear} Q${number}`, number, financialYear, months, label: `Quarter ${number} ${financialYear} (${span})` };
}

/** The quarter before the one that contains a month. */
export function previousQuarter(month: string): Quarter {
  return quarterOf(addMonthsToMonth(quarterOf(month).months[0]!, -1));
}

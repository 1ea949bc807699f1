/**
 * The population for a rate per 10,000 (settled detail 3): the mid-year (30 June) estimate for the most
 * recent 30 June on or before the month end; if that year is not configured, the latest earlier configured
 * year, saying so.
 */
import type { PopulationInput } from './inputs.js';

export interface PopulationChoice {
  /** The mid-year wanted: the most recent 30 June on or before the month end. */
  wanted: number;
  /** The estimate used, or null when neither that year nor an earlier one is configured. */
  used: PopulationInput | null;
  /** In words, for the value's notes. */
  note: string;
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function choosePopulation(population: readonly PopulationInput[], monthEnd: string): PopulationChoice {
  const year = Number(monthEnd.slice(0, 4));
  const wanted = monthEnd >= `${year}-06-30` ? year : year - 1;
  let used: PopulationInput | null = null;
  for (const p of population) if (p.midYear <= wanted && (used === null || p.midYear > used.midYear)) used = p;
  if (used === null) {
    return { wanted, used, note: `No population estimate for mid-${wanted} or an earlier year is configured: no rate.` };
  }
  const what = `mid-${used.midYear} estimate of children aged 0–17 (${thousands(used.children)})`;
  return {
    wanted,
    used,
    note: used.midYear === wanted
      ? `Population: ${what}.`
      : `Population: the mid-${wanted} estimate is not configured; used the ${what}.`,
  };
}

/** Display formats for pages (GOV.UK style: "12 March 2019 at 2:30pm"), in Europe/London time. */
import { MONTH_NAMES, toLondon } from '../domain/time/london.js';

export function formatNumber(n: number): string {
  return n.toLocaleString('en-GB');
}


export function formatDateTime(instant: Date | string): string {
  const l = toLondon(typeof instant === 'string' ? new Date(instant) : instant);
  const h = l.hour % 12 === 0 ? 12 : l.hour % 12;
  const time = l.minute === 0 ? `${h}${l.hour < 12 ? 'am' : 'pm'}` : `${h}:${String(l.minute).padStart(2, '0')}${l.hour < 12 ? 'am' : 'pm'}`;
  return `${l.day} ${MONTH_NAMES[l.month - 1]} ${l.year} at ${time}`;
}

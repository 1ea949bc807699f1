/** Display formats for pages (GOV.UK style: "12 March 2019 at 2:30pm"), in Europe/London time. */
import { toLondon } from '../domain/time/london.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatNumber(n: number): string {
  return n.toLocaleString('en-GB');
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function formatDateTime(instant: Date | string): string {
  const l = toLondon(typeof instant === 'string' ? new Date(instant) : instant);
  const h = l.hour % 12 === 0 ? 12 : l.hour % 12;
  const time = l.minute === 0 ? `${h}${l.hour < 12 ? 'am' : 'pm'}` : `${h}:${String(l.minute).padStart(2, '0')}${l.hour < 12 ? 'am' : 'pm'}`;
  return `${l.day} ${MONTHS[l.month - 1]} ${l.year} at ${time}`;
}

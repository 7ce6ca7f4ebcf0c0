import { type CalendarDate, isCalendarDate } from './calendar.ts';

/** Dutch notation for what a debtor reads (letters, Dutch reason texts, the dossier). */

const MONTHS_NL = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Integer cents in Dutch notation: 123456 -> "€ 1.234,56" (a plain space after the sign). */
export function formatEuro(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount must be integer cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `€ ${sign}${euros},${rest}`;
}

/** A calendar date in Dutch: "2025-03-19" -> "19 maart 2025". */
export function formatDutchDate(date: CalendarDate): string {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS_NL[m - 1]} ${y}`;
}

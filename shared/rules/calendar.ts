/**
 * Calendar dates of legal terms: plain `YYYY-MM-DD` strings in Europe/Amsterdam, never instants.
 *
 * The holidays that extend Dutch terms (Algemene termijnenwet art. 3, DOMAIN.md section 1) come from a table
 * generated at build time from date-holidays (data/generate-legal-holidays.ts), so this module, and every
 * Lambda that imports it, never loads the holiday library. Look-ups are one Set probe.
 */
import holidayTable from './data/legal-holidays.generated.json' with { type: 'json' };

export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
export const LEGAL_TIME_ZONE = 'Europe/Amsterdam';

/** Years the legal-holiday table covers; dates outside them cannot be judged as working days. */
export const LEGAL_HOLIDAY_YEARS = { first: holidayTable.firstYear, last: holidayTable.lastYear } as const;

const HOLIDAY_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(holidayTable.holidays));

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function toUtcMs(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const day = new Date(toUtcMs(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Earlier of two dates (ISO strings compare in date order). */
export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a <= b ? a : b;
}

/** Later of two dates. */
export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/**
 * The same day-of-month `months` later; when that month is shorter, its last day (31 January + 1 month =
 * 28 or 29 February).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  toUtcMs(date);
  const total = Number(date.slice(0, 4)) * 12 + (Number(date.slice(5, 7)) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** The same date `years` later; 29 February becomes 1 March in a common year (the year has run out). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  toUtcMs(date);
  const year = Number(date.slice(0, 4)) + years;
  if (date.slice(5) === '02-29' && !isLeapYear(year)) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}${date.slice(4)}`;
}

/**
 * Last day of a period of `months` whole months whose first day is `firstDay`: the day before the same date
 * `months` later, or the last day of that month when it has no such date (7 March + 1 month -> 6 April;
 * 31 January + 1 month -> 28 February).
 */
export function monthsPeriodLastDay(firstDay: CalendarDate, months: number): CalendarDate {
  toUtcMs(firstDay);
  const total = Number(firstDay.slice(0, 4)) * 12 + (Number(firstDay.slice(5, 7)) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Number(firstDay.slice(8, 10));
  if (day > daysInMonth(year, month))
    return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(daysInMonth(year, month))}`;
  return addDays(`${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`, -1);
}

function assertCovered(date: CalendarDate): void {
  const year = Number(date.slice(0, 4));
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  if (year < LEGAL_HOLIDAY_YEARS.first || year > LEGAL_HOLIDAY_YEARS.last) {
    throw new RangeError(
      `${date} is outside the legal-holiday table (${LEGAL_HOLIDAY_YEARS.first}-${LEGAL_HOLIDAY_YEARS.last})`,
    );
  }
}

/** Whether the date is one of the holidays that extend Dutch terms (ATW art. 3; DOMAIN.md section 1). */
export function isLegalHoliday(date: CalendarDate): boolean {
  if (HOLIDAY_NAMES.has(date)) return true;
  assertCovered(date);
  return false;
}

/** The holiday's English name ("King's Day", "Liberation Day / Ascension Day"), or null. */
export function legalHolidayName(date: CalendarDate): string | null {
  assertCovered(date);
  return HOLIDAY_NAMES.get(date) ?? null;
}

/** The legal holidays of one year, in date order. */
export function legalHolidaysOfYear(year: number): { date: CalendarDate; name: string }[] {
  if (!Number.isInteger(year) || year < LEGAL_HOLIDAY_YEARS.first || year > LEGAL_HOLIDAY_YEARS.last) {
    throw new RangeError(`year ${year} is outside the legal-holiday table`);
  }
  const prefix = `${year}-`;
  return [...HOLIDAY_NAMES]
    .filter(([date]) => date.startsWith(prefix))
    .map(([date, name]) => ({ date, name }));
}

export function isWorkingDay(date: CalendarDate): boolean {
  return isoWeekday(date) <= 5 && !isLegalHoliday(date);
}

/** The date itself when it is a working day, else the next working day. */
export function workingDayOnOrAfter(date: CalendarDate): CalendarDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/**
 * The last day of a term after the weekend/holiday extension (ATW art. 1; Regulation 1182/71 art. 3 lid 4):
 * `lastDay` itself when it is a working day, else the next day that is no Saturday, Sunday or legal holiday.
 */
export function termEnd(lastDay: CalendarDate): CalendarDate {
  return workingDayOnOrAfter(lastDay);
}

/** Adds `count` working days (count >= 0); 0 returns the date itself. */
export function addWorkingDays(date: CalendarDate, count: number): CalendarDate {
  let d = date;
  for (let left = count; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * Working days from `from` to `to`: the working days after `from` up to and including `to` (the event
 * day is day 0, as terms count); 0 when `to` is not later. `addWorkingDays(from, n)` is the day it reaches n.
 */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: LEGAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const amsterdamHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: LEGAL_TIME_ZONE,
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The calendar date in Amsterdam at an instant. */
export function calendarDateAt(instant: Date): CalendarDate {
  return amsterdamDate.format(instant);
}

/** The instant a calendar date begins (00:00) in Amsterdam. */
export function startOfDayInAmsterdam(date: CalendarDate): Date {
  const utcMidnight = toUtcMs(date);
  // Amsterdam is UTC+1 or UTC+2; try both offsets and keep the one that maps back to the date at 00:00.
  for (const offsetHours of [1, 2, 0]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    if (calendarDateAt(candidate) === date && Number(amsterdamHour.format(candidate)) === 0) return candidate;
  }
  throw new RangeError(`cannot place ${date} in ${LEGAL_TIME_ZONE}`);
}

/**
 * Calendar dates of legal terms: plain `YYYY-MM-DD` strings in Europe/Amsterdam, never instants.
 * (Placeholder: weekends only. The rules engine replaces isLegalHoliday with the ATW holiday table.)
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
export const LEGAL_TIME_ZONE = 'Europe/Amsterdam';

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function toUtcMs(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${String(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
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

export function isLegalHoliday(_date: CalendarDate): boolean {
  return false;
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

/** Adds `count` working days (count >= 0); 0 returns the date itself. */
export function addWorkingDays(date: CalendarDate, count: number): CalendarDate {
  let d = date;
  for (let left = count; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

const amsterdamDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: LEGAL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
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
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: LEGAL_TIME_ZONE,
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(candidate);
    if (calendarDateAt(candidate) === date && Number(parts) === 0) return candidate;
  }
  throw new RangeError(`cannot place ${date} in ${LEGAL_TIME_ZONE}`);
}

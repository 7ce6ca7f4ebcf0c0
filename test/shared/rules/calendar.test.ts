/**
 * The legal calendar: the generated holiday table checked for every year 2000-2100 against the ATW list as
 * DOMAIN.md states it, computed here from first principles (Easter by the anonymous Gregorian algorithm), never
 * from date-holidays or its `type` field.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addWorkingDays,
  addYears,
  calendarDateAt,
  isLegalHoliday,
  isoWeekday,
  isWorkingDay,
  LEGAL_HOLIDAY_YEARS,
  legalHolidayName,
  legalHolidaysOfYear,
  monthsPeriodLastDay,
  startOfDayInAmsterdam,
  termEnd,
  workingDayOnOrAfter,
} from '../../../shared/rules/calendar.ts';

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Easter Sunday (Meeus/Jones/Butcher). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The ATW art. 3 list as DOMAIN.md section 1 states it (Queen's Day, 30 April or the Saturday before, to 2013). */
function atwHolidays(year: number): Set<string> {
  const e = easter(year);
  const royal =
    year >= 2014
      ? isoWeekday(iso(year, 4, 27)) === 7
        ? iso(year, 4, 26)
        : iso(year, 4, 27)
      : isoWeekday(iso(year, 4, 30)) === 7
        ? iso(year, 4, 29)
        : iso(year, 4, 30);
  return new Set([
    iso(year, 1, 1),
    addDays(e, -2), // Good Friday
    addDays(e, 1), // Easter Monday
    royal,
    iso(year, 5, 5), // every year, not only every fifth
    addDays(e, 39), // Ascension Day
    addDays(e, 50), // Whit Monday
    iso(year, 12, 25),
    iso(year, 12, 26),
  ]);
}

describe('the legal holiday list, 2000-2100', () => {
  it('holds exactly the ATW holidays, every day of every year checked', () => {
    const mismatches: string[] = [];
    for (let year = 2000; year <= 2100; year++) {
      const expected = atwHolidays(year);
      for (let d = iso(year, 1, 1); d <= iso(year, 12, 31); d = addDays(d, 1)) {
        if (isLegalHoliday(d) !== expected.has(d))
          mismatches.push(`${d}: table ${isLegalHoliday(d)}, rule ${expected.has(d)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('counts Good Friday and 5 May every year, and not 4 May, 1 May (unless Ascension), Easter Sunday, 24 or 31 December', () => {
    for (let year = 2000; year <= 2100; year++) {
      expect(isLegalHoliday(addDays(easter(year), -2))).toBe(true);
      expect(isLegalHoliday(iso(year, 5, 5))).toBe(true);
      // 4 May or 1 May can be Ascension Day (2062, 2008): only then are they holidays.
      const ascension = addDays(easter(year), 39);
      for (const notOne of [
        iso(year, 5, 4),
        iso(year, 5, 1),
        iso(year, 12, 24),
        iso(year, 12, 31),
        easter(year),
      ]) {
        expect(isLegalHoliday(notOne)).toBe(notOne === ascension);
      }
    }
  });

  it("moves King's Day to Saturday 26 April when the 27th is a Sunday (2025), and keeps Queen's Day before 2014", () => {
    expect(legalHolidayName('2025-04-26')).toBe("King's Day");
    expect(isLegalHoliday('2025-04-27')).toBe(false);
    expect(legalHolidayName('2026-04-27')).toBe("King's Day");
    expect(legalHolidayName('2006-04-29')).toBe("Queen's Day");
    expect(legalHolidayName('2013-04-30')).toBe("Queen's Day");
  });

  it('names both holidays when two fall on one day (5 May 2005 was Ascension Day)', () => {
    expect(legalHolidayName('2005-05-05')).toBe('Liberation Day / Ascension Day');
    expect(legalHolidaysOfYear(2005)).toHaveLength(8);
  });

  it('refuses to judge days outside the table rather than guess', () => {
    expect(LEGAL_HOLIDAY_YEARS).toEqual({ first: 2000, last: 2100 });
    expect(() => isWorkingDay('1999-12-31')).toThrow(RangeError);
    expect(() => isLegalHoliday('2101-01-03')).toThrow(RangeError);
    expect(() => isLegalHoliday('2025-02-30')).toThrow(RangeError);
  });
});

describe('term ends and working days', () => {
  it('a term ending on a working day ends that day; on a weekend or holiday, the next working day', () => {
    expect(termEnd('2025-03-19')).toBe('2025-03-19');
    expect(termEnd('2025-03-15')).toBe('2025-03-17');
    expect(termEnd('2025-04-18')).toBe('2025-04-22'); // Good Friday, weekend, Easter Monday
    // Easter on 25 April 2038: Good Friday, weekend, Easter Monday and King's Day on Tuesday 27 April.
    expect(termEnd('2038-04-23')).toBe('2038-04-28');
    expect(termEnd('2025-12-25')).toBe('2025-12-29');
    expect(termEnd('2026-05-05')).toBe('2026-05-06'); // 5 May 2026 is a Tuesday
  });

  it('working-day arithmetic skips weekends and holidays', () => {
    expect(workingDayOnOrAfter('2025-05-29')).toBe('2025-05-30');
    expect(addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
    expect(addWorkingDays('2025-04-17', 0)).toBe('2025-04-17');
  });

  it('month and year arithmetic clamps to the end of shorter months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(monthsPeriodLastDay('2025-03-07', 1)).toBe('2025-04-06');
    expect(monthsPeriodLastDay('2025-01-31', 1)).toBe('2025-02-28');
    expect(monthsPeriodLastDay('2025-01-15', 12)).toBe('2026-01-14');
  });

  it('maps instants to Amsterdam calendar dates across daylight-saving changes', () => {
    expect(calendarDateAt(new Date('2025-03-29T23:30:00Z'))).toBe('2025-03-30');
    expect(calendarDateAt(new Date('2025-07-01T21:59:00Z'))).toBe('2025-07-01');
    expect(calendarDateAt(new Date('2025-07-01T22:00:00Z'))).toBe('2025-07-02');
    expect(startOfDayInAmsterdam('2025-07-01').toISOString()).toBe('2025-06-30T22:00:00.000Z');
    expect(startOfDayInAmsterdam('2025-01-01').toISOString()).toBe('2024-12-31T23:00:00.000Z');
  });
});

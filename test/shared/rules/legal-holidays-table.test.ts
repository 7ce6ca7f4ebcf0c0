/**
 * The build-time holiday table: regenerating it from date-holidays must give the committed file, and the list per
 * year must match the golden files (test/shared/rules/golden/holidays-<decade>s.json), reviewed as a diff.
 * After a deliberate change: `npx tsx shared/rules/data/generate-legal-holidays.ts`, then
 * `UPDATE_GOLDEN=1 npx vitest run test/shared/rules/legal-holidays-table.test.ts`, and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legalHolidaysOfYear } from '../../../shared/rules/calendar.ts';
import {
  generateLegalHolidayTable,
  serializeTable,
  TABLE_PATH,
} from '../../../shared/rules/data/generate-legal-holidays.ts';

const goldenPath = (decade: number) => new URL(`./golden/holidays-${decade}s.json`, import.meta.url);

describe('the generated legal-holiday table', () => {
  it('is what the generator makes from date-holidays today (regenerated and compared)', () => {
    expect(readFileSync(TABLE_PATH, 'utf8')).toBe(serializeTable(generateLegalHolidayTable()));
  });

  it('keeps the holiday library out of the calendar module the Lambdas import', () => {
    const source = readFileSync(new URL('../../../shared/rules/calendar.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/from ['"]date-holidays['"]/);
  });

  for (let decade = 2000; decade <= 2100; decade += 10) {
    it(`matches the golden holiday list of the ${decade}s`, () => {
      const years: Record<string, Record<string, string>> = {};
      for (let year = decade; year <= Math.min(decade + 9, 2100); year++) {
        years[year] = Object.fromEntries(legalHolidaysOfYear(year).map((h) => [h.date, h.name]));
      }
      const actual = `${JSON.stringify(years, null, 2)}\n`;
      const path = goldenPath(decade);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
      expect(existsSync(path), `missing golden file ${path.pathname}`).toBe(true);
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }
});

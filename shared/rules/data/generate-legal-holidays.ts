/**
 * Build-time generator of the legal-holiday table (Algemene termijnenwet art. 3; DOMAIN.md section 1).
 *
 * date-holidays supplies the dates; which entries count is the product's rule (the ATW list below), not the
 * library's `type` field (Good Friday and 5 May are typed `school` there). The Lambda code path reads only the
 * generated JSON, so the 1.5 MB library stays out of the bundles.
 *
 * Run: `npx tsx shared/rules/data/generate-legal-holidays.ts` (rewrites legal-holidays.generated.json).
 * test/shared/rules/legal-holidays-table.test.ts regenerates the table and compares it with the committed file.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/**
 * The ATW list, by date-holidays' English name. Queen's Day is the same legal holiday ("de dag waarop de
 * verjaardag van de Koning wordt gevierd") before King's Day replaced it in 2014.
 */
export const ATW_HOLIDAYS: readonly { name: string; libraryNames: readonly string[] }[] = [
  { name: "New Year's Day", libraryNames: ["New Year's Day"] },
  { name: 'Good Friday', libraryNames: ['Good Friday'] },
  { name: 'Easter Monday', libraryNames: ['Easter Monday'] },
  { name: "King's Day", libraryNames: ["King's Day", "Queen's Day"] },
  { name: 'Liberation Day', libraryNames: ['Liberation Day'] },
  { name: 'Ascension Day', libraryNames: ['Ascension Day'] },
  { name: 'Whit Monday', libraryNames: ['Whit Monday'] },
  { name: 'Christmas Day', libraryNames: ['Christmas Day'] },
  { name: 'Boxing Day', libraryNames: ['Boxing Day'] },
];

export interface LegalHolidayTable {
  source: string;
  rule: string;
  firstYear: number;
  lastYear: number;
  /** Date (YYYY-MM-DD) -> holiday name(s, joined by ' / ' when two coincide), in date order. */
  holidays: Record<string, string>;
}

export function generateLegalHolidayTable(): LegalHolidayTable {
  const library = new Holidays('NL', { languages: ['en'] });
  const holidays: Record<string, string> = {};
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const entries = library.getHolidays(year);
    for (const wanted of ATW_HOLIDAYS) {
      const found = entries.filter((h) => wanted.libraryNames.includes(h.name));
      if (found.length !== 1) {
        throw new Error(
          `date-holidays has ${found.length} entries for ${wanted.name} in ${year}; expected 1`,
        );
      }
      const entry = found[0] as { date: string; name: string };
      const date = entry.date.slice(0, 10);
      const name = entry.name; // "Queen's Day" before 2014
      // Two holidays can fall on one day (5 May 2005 was also Ascension Day): keep both names.
      holidays[date] = holidays[date] ? `${holidays[date]} / ${name}` : name;
    }
  }
  const sorted = Object.fromEntries(Object.entries(holidays).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    source: `date-holidays ${libraryVersion()} (NL), filtered to the Algemene termijnenwet art. 3 list`,
    rule: ATW_HOLIDAYS.map((h) => h.name).join(', '),
    firstYear: FIRST_YEAR,
    lastYear: LAST_YEAR,
    holidays: sorted,
  };
}

/** Recorded in the table so a library upgrade shows up in the diff. */
function libraryVersion(): string {
  const pkg = createRequire(import.meta.url)('date-holidays/package.json') as { version: string };
  return pkg.version;
}

export const TABLE_PATH = fileURLToPath(new URL('./legal-holidays.generated.json', import.meta.url));

export function serializeTable(table: LegalHolidayTable): string {
  return `${JSON.stringify(table, null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(TABLE_PATH, serializeTable(generateLegalHolidayTable()));
  console.log(`wrote ${TABLE_PATH}`);
}

/**
 * Rules benchmark: evaluations per second of the cooling-off and 14-day-letter rules over every date of a year,
 * with the generated holiday table (what the Lambdas use) side by side with a naive version that asks
 * date-holidays about each day. Run: `npm run bench:rules`.
 */
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { addDays, isoWeekday } from '../shared/rules/calendar.ts';
import { coolingOff } from '../shared/rules/cooling-off.ts';
import { ATW_HOLIDAYS } from '../shared/rules/data/generate-legal-holidays.ts';
import { demandTerm } from '../shared/rules/demand-term.ts';

const YEAR = 2025;
const DATES = Array.from({ length: 365 }, (_, i) => addDays(`${YEAR}-01-01`, i));

// ---- naive: the same rules, but every holiday question goes to date-holidays -------------------------------
const library = new Holidays('NL', { languages: ['en'] });
const atwNames = new Set(ATW_HOLIDAYS.flatMap((h) => h.libraryNames));
function naiveIsLegalHoliday(date: string): boolean {
  const found = library.isHoliday(new Date(`${date}T12:00:00Z`));
  return Array.isArray(found) && found.some((h) => atwNames.has(h.name));
}
const naiveWorking = (d: string) => isoWeekday(d) <= 5 && !naiveIsLegalHoliday(d);
function naiveTermEnd(d: string): string {
  let day = d;
  while (!naiveWorking(day)) day = addDays(day, 1);
  return day;
}
function naiveDemandTerm(sentOn: string) {
  let d = sentOn;
  for (let counted = 0; counted < 2; ) {
    d = addDays(d, 1);
    const w = isoWeekday(d);
    if (w !== 7 && w !== 1 && !naiveIsLegalHoliday(d)) counted++;
  }
  const lastDayToPay = naiveTermEnd(addDays(d, 14));
  return { deliveredOn: d, lastDayToPay, costsDueFrom: addDays(lastDayToPay, 1) };
}
const naiveCoolingOffEnd = (concludedOn: string) => naiveTermEnd(addDays(concludedOn, 14));

// ---- the engine ---------------------------------------------------------------------------------------------
const engineCoolingOffEnd = (concludedOn: string) =>
  coolingOff({
    buyer: 'consumer',
    channel: 'off-premises',
    subject: 'service',
    concludedOn,
    priceCents: 10_000,
    informedOn: concludedOn,
  }).periodEnd;

interface Figure {
  evaluations: number;
  seconds: number;
  perSecond: number;
}

/** Runs `pass` (one evaluation of both rules for every date of the year) until `minSeconds` have passed. */
function measure(pass: () => void, minSeconds: number): Figure {
  pass(); // warm-up
  let passes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    pass();
    passes++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < minSeconds);
  const evaluations = passes * DATES.length * 2;
  return { evaluations, seconds: elapsed, perSecond: evaluations / elapsed };
}

export function runRulesBench(minSeconds = 1) {
  // Both versions must agree before their speed means anything.
  for (const d of DATES) {
    const fast = demandTerm(d);
    const slow = naiveDemandTerm(d);
    if (fast.lastDayToPay !== slow.lastDayToPay || fast.deliveredOn !== slow.deliveredOn) {
      throw new Error(`demand term differs on ${d}`);
    }
    if (engineCoolingOffEnd(d) !== naiveCoolingOffEnd(d)) throw new Error(`cooling-off differs on ${d}`);
  }
  const engine = measure(() => {
    for (const d of DATES) {
      demandTerm(d);
      engineCoolingOffEnd(d);
    }
  }, minSeconds);
  const naive = measure(() => {
    for (const d of DATES) {
      naiveDemandTerm(d);
      naiveCoolingOffEnd(d);
    }
  }, minSeconds);
  return { year: YEAR, engine, naive, ratio: engine.perSecond / naive.perSecond };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = runRulesBench(Number(process.env.BENCH_SECONDS ?? 1));
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    `rules benchmark: cooling-off + 14-day letter over every date of ${r.year} (${DATES.length * 2} evaluations per pass)`,
  );
  console.log(
    `  engine (generated holiday table): ${fmt(r.engine.perSecond)} evaluations/s (${fmt(r.engine.evaluations)} in ${r.engine.seconds.toFixed(2)} s)`,
  );
  console.log(
    `  naive (date-holidays per day):    ${fmt(r.naive.perSecond)} evaluations/s (${fmt(r.naive.evaluations)} in ${r.naive.seconds.toFixed(2)} s)`,
  );
  console.log(`  ratio: ${r.ratio.toFixed(1)}x`);
}

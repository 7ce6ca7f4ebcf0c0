/**
 * Rules benchmark: evaluations per second of the cooling-off and 14-day-letter rules over every date of a year,
 * with the generated holiday table (what the Lambdas use) side by side with a naive version that asks
 * date-holidays about each day. Run: `npm run bench:rules`.
 */
import { fileURLToPath } from 'node:url';
import Holidays from 'date-holidays';
import { addDays, addYears, isoWeekday } from '../shared/rules/calendar.ts';
import { coolingOff } from '../shared/rules/cooling-off.ts';
import { collectionCosts } from '../shared/rules/costs.ts';
import { BIK_BANDS, BIK_MAXIMUM_CENTS, BIK_MINIMUM_CENTS } from '../shared/rules/data/collection-costs.ts';
import { ATW_HOLIDAYS } from '../shared/rules/data/generate-legal-holidays.ts';
import { INTEREST_RATES } from '../shared/rules/data/interest-rates.ts';
import { demandTerm } from '../shared/rules/demand-term.ts';
import { statutoryInterest, stretchInterestCents } from '../shared/rules/interest.ts';

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

// ---- costs and interest: the engine against versions that recompute everything per call -------------------
const PRINCIPALS = DATES.map((_, i) => 1_000 + i * 2_741);
const INTEREST_DAYS = 400;

/** BIK costs from the band table, re-sorted and summed as exact fractions on every call. */
function naiveCosts(principalCents: number): number {
  const bands = [...BIK_BANDS].sort((a, b) => (a.upToCents ?? Infinity) - (b.upToCents ?? Infinity));
  let from = 0;
  let numerator = 0n;
  for (const band of bands) {
    const to = Math.min(principalCents, band.upToCents ?? principalCents);
    if (to > from) numerator += BigInt(to - from) * BigInt(band.rateBasisPoints);
    from = band.upToCents ?? principalCents;
    if (from >= principalCents) break;
  }
  const cents = Number((numerator * 2n + 10_000n) / 20_000n);
  return Math.min(BIK_MAXIMUM_CENTS, Math.max(BIK_MINIMUM_CENTS, cents));
}

/** Statutory interest day by day: the rate looked up in the table for every day, stretches closed as they end. */
function naiveInterest(principalCents: number, from: string, through: string): number {
  const rateOn = (d: string) => {
    let rate = 0;
    for (const r of INTEREST_RATES) if (r.effectiveFrom <= d) rate = r.statutory.basisPoints;
    return rate;
  };
  let base = principalCents;
  let total = 0;
  let yearInterest = 0;
  let anniversary = addYears(from, 1);
  let rate = rateOn(from);
  let days = 0;
  const close = () => {
    const cents = stretchInterestCents(base, rate, days);
    total += cents;
    yearInterest += cents;
    days = 0;
  };
  for (let d = from; d <= through; d = addDays(d, 1)) {
    if (d === anniversary) {
      close();
      base += yearInterest;
      yearInterest = 0;
      anniversary = addYears(anniversary, 1);
    }
    const today = rateOn(d);
    if (today !== rate) {
      if (days > 0) close();
      rate = today;
    }
    days++;
  }
  close();
  return total;
}

const engineInterest = (principalCents: number, from: string) =>
  statutoryInterest({ kind: 'statutory', principalCents, from, through: addDays(from, INTEREST_DAYS) })
    .interestCents;
const engineCosts = (principalCents: number) =>
  collectionCosts({ debtor: 'consumer', principalCents }).costsCents;

/**
 * Evaluations per second of the costs rule (365 principals) and the interest rule (a EUR 1,000 debt for
 * 400 days from every date of the year), engine and naive side by side after checking they agree.
 */
export function runMoneyRulesBench(minSeconds = 1) {
  for (const [i, d] of DATES.entries()) {
    const principal = PRINCIPALS[i] as number;
    if (engineCosts(principal) !== naiveCosts(principal))
      throw new Error(`costs differ for ${principal} cents`);
    if (engineInterest(100_000, d) !== naiveInterest(100_000, d, addDays(d, INTEREST_DAYS))) {
      throw new Error(`interest differs from ${d}`);
    }
  }
  const engine = measure(() => {
    for (const [i, d] of DATES.entries()) {
      engineCosts(PRINCIPALS[i] as number);
      engineInterest(100_000, d);
    }
  }, minSeconds);
  const naive = measure(() => {
    for (const [i, d] of DATES.entries()) {
      naiveCosts(PRINCIPALS[i] as number);
      naiveInterest(100_000, d, addDays(d, INTEREST_DAYS));
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
  const m = runMoneyRulesBench(Number(process.env.BENCH_SECONDS ?? 1));
  console.log(`costs (365 principals) + statutory interest (400 days from every date of ${m.year}):`);
  console.log(`  engine:                            ${fmt(m.engine.perSecond)} evaluations/s`);
  console.log(`  naive (recomputed per call/day):   ${fmt(m.naive.perSecond)} evaluations/s`);
  console.log(`  ratio: ${m.ratio.toFixed(1)}x`);
}

/**
 * Statutory interest rates (art. 6:119 BW, wettelijke rente) and statutory commercial interest rates
 * (art. 6:119a BW, wettelijke handelsrente = ECB main refinancing rate + 8 points), each from its effective
 * date until the next entry. DOMAIN.md section 7.
 *
 * The figures are data an operator changes: `interest-rates.json`, one row per change with a source per rate,
 * and `confirmedThrough`, the last day of the last half-year whose publication was checked. A rate marked
 * `confirmed: false`, or any day after `confirmedThrough`, makes a computation carry a visible flag
 * (RATE_TO_BE_CONFIRMED / RATES_NOT_CONFIRMED) instead of a silent rate. `npm run collections -- rates`
 * lists the table and its coverage; docs/rules.md has the procedure.
 */
import table from './interest-rates.json' with { type: 'json' };

export interface RateFigure {
  basisPoints: number;
  confirmed: boolean;
  source: string;
}

export interface InterestRateRow {
  effectiveFrom: string;
  statutory: RateFigure;
  commercial: RateFigure;
}

export interface InterestRateTable {
  about: string;
  confirmedThrough: string;
  rates: InterestRateRow[];
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Checks the table an operator edited: dates in order, whole basis points, a source per figure. */
export function checkRateTable(t: InterestRateTable): string[] {
  const problems: string[] = [];
  if (!DATE.test(t.confirmedThrough)) problems.push('confirmedThrough: must be a date YYYY-MM-DD');
  if (!Array.isArray(t.rates) || t.rates.length === 0) return [...problems, 'rates: must not be empty'];
  t.rates.forEach((row, i) => {
    if (!DATE.test(row.effectiveFrom)) problems.push(`rates[${i}].effectiveFrom: must be a date YYYY-MM-DD`);
    else if (!/-(01|07)-01$/.test(row.effectiveFrom) && i > 0)
      problems.push(`rates[${i}].effectiveFrom: rates change on 1 January or 1 July`);
    const prev = t.rates[i - 1];
    if (prev && prev.effectiveFrom >= row.effectiveFrom)
      problems.push(`rates[${i}].effectiveFrom: must come after ${prev.effectiveFrom}`);
    for (const kind of ['statutory', 'commercial'] as const) {
      const f = row[kind];
      if (!f || !Number.isInteger(f.basisPoints) || f.basisPoints < 0 || f.basisPoints > 5000)
        problems.push(`rates[${i}].${kind}.basisPoints: must be a whole number 0-5000`);
      if (typeof f?.confirmed !== 'boolean')
        problems.push(`rates[${i}].${kind}.confirmed: must be true or false`);
      if (typeof f?.source !== 'string' || f.source.trim().length < 5)
        problems.push(`rates[${i}].${kind}.source: must name the publication`);
    }
  });
  const last = t.rates.at(-1);
  if (last && DATE.test(t.confirmedThrough) && t.confirmedThrough < last.effectiveFrom)
    problems.push(
      `confirmedThrough: before the last row (${last.effectiveFrom}); remove the row or confirm it`,
    );
  return problems;
}

export const INTEREST_RATE_TABLE = table as InterestRateTable;
{
  const problems = checkRateTable(INTEREST_RATE_TABLE);
  if (problems.length > 0) throw new Error(`interest-rates.json: ${problems.join('; ')}`);
}

export const INTEREST_RATES: readonly InterestRateRow[] = INTEREST_RATE_TABLE.rates;

/** The last day of the last half-year whose rates were checked against the publication. */
export const RATES_CONFIRMED_THROUGH: string = INTEREST_RATE_TABLE.confirmedThrough;

/** The table covers interest from this day; earlier stretches are refused rather than guessed. */
export const INTEREST_TABLE_FROM = '2015-07-01';
/** Actual days over a 365-day year, also in leap years (DOMAIN.md section 7, a product decision). */
export const DAYS_PER_YEAR = 365;

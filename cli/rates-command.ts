/**
 * `collections rates`: the interest-rate table an operator keeps (shared/rules/data/interest-rates.json), each
 * half-year row with its rates and sources, and its coverage: through which day the rates were checked against
 * their publication, and from which day a computation carries the RATES_NOT_CONFIRMED flag.
 * `--json` prints the same as JSON. The procedure for a new rate is in docs/rules.md.
 */
import {
  checkRateTable,
  INTEREST_RATE_TABLE,
  type InterestRateTable,
} from '../shared/rules/data/interest-rates.ts';
import type { CommandResult } from './rules-command.ts';

export interface RateCoverage {
  confirmedThrough: string;
  /** The first day a computation is flagged because it runs past the confirmed half-years. */
  flaggedFrom: string;
  /** Rows with a figure still to be confirmed. */
  unconfirmed: { effectiveFrom: string; kind: 'statutory' | 'commercial' }[];
  problems: string[];
}

export function rateCoverage(table: InterestRateTable): RateCoverage {
  const [y, m, d] = table.confirmedThrough.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return {
    confirmedThrough: table.confirmedThrough,
    flaggedFrom: next,
    unconfirmed: table.rates.flatMap((r) =>
      (['statutory', 'commercial'] as const)
        .filter((k) => !r[k].confirmed)
        .map((kind) => ({ effectiveFrom: r.effectiveFrom, kind })),
    ),
    problems: checkRateTable(table),
  };
}

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;

export function runRates(args: string[], table: InterestRateTable = INTEREST_RATE_TABLE): CommandResult {
  const unknown = args.find((a) => a !== '--json');
  if (unknown)
    return {
      stdout: '',
      stderr: `unexpected argument "${unknown}"\n\nusage: collections rates [--json]\n`,
      exitCode: 2,
    };
  const coverage = rateCoverage(table);
  if (args.includes('--json')) {
    return {
      stdout: `${JSON.stringify({ rates: table.rates, coverage }, null, 2)}\n`,
      stderr: '',
      exitCode: 0,
    };
  }
  const lines = [
    'effective from  statutory (6:119)  commercial (6:119a)  sources',
    ...table.rates.map(
      (r) =>
        `${r.effectiveFrom}      ${`${pct(r.statutory.basisPoints)}${r.statutory.confirmed ? '' : ' (?)'}`.padEnd(19)}${`${pct(r.commercial.basisPoints)}${r.commercial.confirmed ? '' : ' (?)'}`.padEnd(21)}${r.statutory.source} | ${r.commercial.source}`,
    ),
    '',
    `Confirmed through ${coverage.confirmedThrough}: interest from ${coverage.flaggedFrom} on is computed at the last rate and flagged (RATES_NOT_CONFIRMED).`,
    ...coverage.unconfirmed.map(
      (u) =>
        `Still to be confirmed: the ${u.kind} rate from ${u.effectiveFrom} (flagged RATE_TO_BE_CONFIRMED).`,
    ),
    ...coverage.problems.map((p) => `PROBLEM: ${p}`),
  ];
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: coverage.problems.length > 0 ? 1 : 0 };
}

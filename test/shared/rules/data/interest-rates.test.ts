/**
 * The interest-rate table is an operator's data file: it is checked on load, carries a source per figure, and
 * holds the 2026 rates (statutory 4%, commercial = ECB main refinancing rate 2.15% + 8 = 10.15%).
 */
import { describe, expect, it } from 'vitest';
import { rateCoverage, runRates } from '../../../../cli/rates-command.ts';
import {
  checkRateTable,
  INTEREST_RATE_TABLE,
  type InterestRateTable,
} from '../../../../shared/rules/data/interest-rates.ts';
import { interestRateOn } from '../../../../shared/rules/interest.ts';

describe('the interest-rate table', () => {
  it('holds the rates from 2026-01-01: 4% statutory, 10.15% commercial, both with their source', () => {
    expect(interestRateOn('statutory', '2026-01-01')).toBe(4);
    expect(interestRateOn('commercial', '2026-01-01')).toBe(10.15);
    expect(interestRateOn('statutory', '2025-12-31')).toBe(6);
    const row = INTEREST_RATE_TABLE.rates.at(-1);
    expect(row?.statutory.source).toMatch(/Besluit vaststelling wettelijke rente/);
    expect(row?.commercial.source).toMatch(/ECB main refinancing rate 2\.15% .* \+ 8/);
  });

  it('the 2025-07-01 commercial rate is the ECB rate of 2.15% + 8; its statutory 6% stays flagged until checked', () => {
    const row = INTEREST_RATE_TABLE.rates.find((r) => r.effectiveFrom === '2025-07-01');
    expect(row?.commercial).toMatchObject({ basisPoints: 1015, confirmed: true });
    expect(row?.statutory.confirmed).toBe(false);
  });

  it('the committed table passes its own checks, and the checks catch what an operator might get wrong', () => {
    expect(checkRateTable(INTEREST_RATE_TABLE)).toEqual([]);
    const broken: InterestRateTable = {
      ...INTEREST_RATE_TABLE,
      confirmedThrough: '2025-12-31',
      rates: [
        ...INTEREST_RATE_TABLE.rates,
        {
          effectiveFrom: '2026-03-01',
          statutory: { basisPoints: 4.5, confirmed: true, source: '' },
          commercial: { basisPoints: 1000, confirmed: true, source: 'ECB + 8' },
        },
      ],
    };
    expect(checkRateTable(broken)).toEqual([
      'rates[9].effectiveFrom: rates change on 1 January or 1 July',
      'rates[9].statutory.basisPoints: must be a whole number 0-5000',
      'rates[9].statutory.source: must name the publication',
      'confirmedThrough: before the last row (2026-03-01); remove the row or confirm it',
    ]);
    const listed = runRates([], broken);
    expect(listed.exitCode).toBe(1);
    expect(listed.stdout).toMatch(/PROBLEM: rates\[9\]/);
  });

  it('the coverage says from which day computations are flagged', () => {
    expect(rateCoverage(INTEREST_RATE_TABLE)).toMatchObject({
      confirmedThrough: '2026-06-30',
      flaggedFrom: '2026-07-01',
      unconfirmed: [{ effectiveFrom: '2025-07-01', kind: 'statutory' }],
      problems: [],
    });
    expect(runRates(['--bogus']).exitCode).toBe(2);
  });
});

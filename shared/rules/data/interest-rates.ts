/**
 * Statutory interest rates (art. 6:119 BW, wettelijke rente) and statutory commercial interest rates
 * (art. 6:119a BW, wettelijke handelsrente = ECB main refinancing rate + 8 points), each from its effective
 * date until the next entry. Set by Besluit wettelijke rente (AMvB, published in the Staatsblad) every
 * 1 January and 1 July. DOMAIN.md section 7. Rates in basis points (1225 = 12.25%).
 *
 * `confirmed: false` marks figures DOMAIN.md says must still be checked against the official publication;
 * the interest rule reports a RATE_TO_BE_CONFIRMED reason whenever it uses one.
 */
export interface InterestRate {
  effectiveFrom: string;
  statutoryBasisPoints: number;
  commercialBasisPoints: number;
  source: string;
  confirmed: boolean;
}

export const INTEREST_RATES: readonly InterestRate[] = [
  {
    effectiveFrom: '2015-07-01',
    statutoryBasisPoints: 200,
    commercialBasisPoints: 805,
    source: 'Besluit wettelijke rente; ECB main refinancing rate 0.05% on 1 January and 1 July 2015',
    confirmed: true,
  },
  {
    effectiveFrom: '2016-07-01',
    statutoryBasisPoints: 200,
    commercialBasisPoints: 800,
    source:
      'Besluit wettelijke rente; ECB main refinancing rate 0.00% from 16 March 2016 (8.05% still applied on 1 January 2016)',
    confirmed: true,
  },
  {
    effectiveFrom: '2023-01-01',
    statutoryBasisPoints: 400,
    commercialBasisPoints: 1050,
    source: 'Besluit van 8 december 2022, Stb. 2022/506',
    confirmed: true,
  },
  {
    effectiveFrom: '2023-07-01',
    statutoryBasisPoints: 600,
    commercialBasisPoints: 1200,
    source: 'Besluit wettelijke rente per 1 juli 2023',
    confirmed: true,
  },
  {
    effectiveFrom: '2024-01-01',
    statutoryBasisPoints: 700,
    commercialBasisPoints: 1250,
    source: 'Besluit wettelijke rente per 1 januari 2024',
    confirmed: true,
  },
  {
    effectiveFrom: '2024-07-01',
    statutoryBasisPoints: 700,
    commercialBasisPoints: 1225,
    source: 'Besluit wettelijke rente per 1 juli 2024',
    confirmed: true,
  },
  {
    effectiveFrom: '2025-01-01',
    statutoryBasisPoints: 600,
    commercialBasisPoints: 1115,
    source: 'Besluit wettelijke rente per 1 januari 2025',
    confirmed: true,
  },
  {
    effectiveFrom: '2025-07-01',
    statutoryBasisPoints: 600,
    commercialBasisPoints: 1015,
    source: 'DOMAIN.md section 7: legal 6% from 2025-07-01 to be confirmed against the official publication',
    confirmed: false,
  },
];

/** The table covers interest from this day; earlier stretches are refused rather than guessed. */
export const INTEREST_TABLE_FROM = '2015-07-01';
/** Actual days over a 365-day year, also in leap years (DOMAIN.md section 7, a product decision). */
export const DAYS_PER_YEAR = 365;

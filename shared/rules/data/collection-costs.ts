/**
 * Extrajudicial collection costs: Besluit vergoeding voor buitengerechtelijke incassokosten (BIK),
 * Stb. 2012/141, art. 2; minimum and maximum from the same article. VAT: Wet op de omzetbelasting 1968,
 * art. 9 (general rate 21% since 2012-10-01). DOMAIN.md section 6.
 */
export const BIK_SOURCE = 'Besluit vergoeding voor buitengerechtelijke incassokosten, Stb. 2012/141, art. 2';

/** Marginal bands on the principal; `upToCents` null = no upper bound. Rates in basis points (1500 = 15%). */
export const BIK_BANDS: readonly { upToCents: number | null; rateBasisPoints: number }[] = [
  { upToCents: 250_000, rateBasisPoints: 1500 },
  { upToCents: 500_000, rateBasisPoints: 1000 },
  { upToCents: 1_000_000, rateBasisPoints: 500 },
  { upToCents: 20_000_000, rateBasisPoints: 100 },
  { upToCents: null, rateBasisPoints: 50 },
];

export const BIK_MINIMUM_CENTS = 4_000;
export const BIK_MAXIMUM_CENTS = 677_500;

/** VAT uplift when the creditor cannot deduct VAT (and says so in the letter). */
export const VAT_RATE_PERCENT = 21;
export const VAT_SOURCE = 'art. 9 Wet op de omzetbelasting 1968 (21%)';

/** Business debtors: at least EUR 40 compensation, due from the day after the payment term (6:96 lid 4). */
export const BUSINESS_MINIMUM_CENTS = 4_000;

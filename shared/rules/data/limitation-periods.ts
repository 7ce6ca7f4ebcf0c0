/** Limitation periods (verjaring); DOMAIN.md section 9. Not extended by the ATW (art. 4: terms in years). */
export const LIMITATION_PERIODS = {
  /** Claims to payment, including periodic payments such as rent and interest (3:307, 3:308). */
  payment: { years: 5, article: 'art. 3:307 BW' },
  /** Purchase price in a consumer sale, including energy supplied to a consumer (7:28). */
  'consumer-purchase-price': { years: 2, article: 'art. 7:28 BW' },
} as const;

/** A new period after an interruption has the same length, at most 5 years (3:319 lid 1). */
export const MAX_NEW_PERIOD_YEARS = 5;

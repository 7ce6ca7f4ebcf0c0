/** Integer-cent arithmetic for the rules: exact fractions, rounded once, half up (DOMAIN.md sections 6, 7). */

/** numerator / denominator rounded to the nearest integer, halves up; both non-negative. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): number {
  if (numerator < 0n || denominator <= 0n)
    throw new RangeError('divideRoundHalfUp takes a non-negative fraction');
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** Formats cents as euros for reason texts: 4005 -> "EUR 40.05", 677500 -> "EUR 6,775.00". */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}EUR ${whole}.${String(abs % 100).padStart(2, '0')}`;
}

// Amounts and dates as the letters print them (shared/letters/format.ts; test/web/format.test.ts holds
// the two equal). Not imported from there: it checks dates against the holiday table, 26 KB in a browser.
const MONTHS_NL =
  'januari februari maart april mei juni juli augustus september oktober november december'.split(' ');

export function euro(cents: number | null | undefined): string {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) return '—';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${cents < 0 ? '-' : ''}${euros},${(abs % 100).toString().padStart(2, '0')}`;
}

export function date(on: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(on ?? '');
  if (!m) return '—';
  return `${Number(m[3])} ${MONTHS_NL[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * An amount as a person types it, into cents; null when it is not unambiguously one. Dutch notation with
 * or without thousands dots ("1.234,56", "1234,5", "€ 12") or a decimal point with one or two decimals
 * ("1234.56"). Anything else is refused rather than guessed: "0,001", "1,234" or "1.2.3" could mean
 * amounts a thousand times apart.
 */
export function parseEuro(input: string): number | null {
  const s = input.replace(/[€\s]/g, '');
  const dutch = /^(0|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d*|0)(?:,(\d{1,2}))?$/.exec(s);
  const point = dutch ? null : /^(0|[1-9]\d*)\.(\d{1,2})$/.exec(s);
  const m = dutch ?? point;
  if (!m) return null;
  const cents = Number(`${(m[1] as string).replace(/\./g, '')}${(m[2] ?? '').padEnd(2, '0')}`);
  return Number.isSafeInteger(cents) ? cents : null;
}

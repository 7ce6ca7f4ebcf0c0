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

/** "1.234,56", "1234,56", "1234.56" or "€ 12" -> cents; null when it is no amount. */
export function parseEuro(input: string): number | null {
  let s = input.replace(/[€\s]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  // The last separator followed by one or two digits is the decimal one; the others group thousands.
  const decimalAt = Math.max(comma, dot);
  let cents: string;
  if (decimalAt >= 0 && s.length - decimalAt - 1 <= 2 && s.length - decimalAt - 1 > 0) {
    const whole = s.slice(0, decimalAt).replace(/[.,]/g, '');
    cents = `${whole}${s.slice(decimalAt + 1).padEnd(2, '0')}`;
  } else {
    s = s.replace(/[.,]/g, '');
    cents = `${s}00`;
  }
  const value = Number(cents);
  return Number.isSafeInteger(value) ? value : null;
}

/** Today in Europe/Amsterdam, YYYY-MM-DD. */
export function todayInAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

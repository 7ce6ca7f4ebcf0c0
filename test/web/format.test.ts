import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDutchDate, formatEuro } from '../../shared/letters/format.ts';
import { date, euro, parseEuro } from '../../web/src/format.ts';

describe('amounts and dates in the back office, as the letters print them', () => {
  it('formats cents and dates exactly as the letters do', () => {
    for (const cents of [0, 5, 99, 100, 12_000, 1_250_000, 123_456_789, -4_250]) {
      expect(euro(cents)).toBe(formatEuro(cents));
    }
    for (const on of ['2026-01-01', '2026-03-02', '2025-12-31', '2024-02-29']) {
      expect(date(on)).toBe(formatDutchDate(on));
    }
    expect(date('2026-03-02T09:00:00.000Z')).toBe('2 maart 2026');
    expect(euro(null)).toBe('—');
  });

  it('reads an amount a person types in Dutch or plain notation into cents, and refuses anything else', () => {
    expect(parseEuro('1.234,56')).toBe(123_456);
    expect(parseEuro('€ 6.739,98')).toBe(673_998);
    expect(parseEuro('1234,5')).toBe(123_450);
    expect(parseEuro('1234.56')).toBe(123_456);
    expect(parseEuro('50')).toBe(5_000);
    expect(parseEuro('1.000')).toBe(100_000);
    expect(parseEuro('')).toBeNull();
    expect(parseEuro('-5')).toBeNull();
    expect(parseEuro('vijftig')).toBeNull();
    expect(parseEuro('0,5')).toBe(50);
    expect(parseEuro('12.5')).toBe(1_250);
  });

  it('refuses what could mean amounts a thousand times apart instead of guessing', () => {
    for (const typo of [
      '0,001',
      '0.999',
      '1,234',
      '1.2.3',
      '1.23.456',
      '01.000',
      '1.0000',
      '1,2,3',
      ',5',
      '5,',
    ])
      expect(parseEuro(typo), typo).toBeNull();
  });

  it('reads back every amount the back office prints', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        expect(parseEuro(euro(cents))).toBe(cents);
        expect(parseEuro(euro(cents).replace(/\./g, ''))).toBe(cents);
      }),
    );
  });
});

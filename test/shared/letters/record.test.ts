import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { letterRecord } from '../../../shared/letters/record.ts';
import { renderLetter } from '../../../shared/letters/render.ts';
import { fourteenDayLetterInput } from './letter-fixtures.ts';

describe('the record a letter leaves on the case', () => {
  it('is pending, carries the amounts and the SHA-256 of the HTML that was rendered', () => {
    const input = fourteenDayLetterInput();
    const rendered = renderLetter(input);
    const record = letterRecord(rendered, input.amounts);
    expect(record).toEqual({
      letterId: 'case-0001:fourteen-day-letter:1',
      kind: 'fourteen-day-letter',
      date: '2025-03-03',
      recipient: 'j.devries@example.nl',
      contentHash: createHash('sha256').update(rendered.html).digest('hex'),
      amounts: { principalCents: 35_000, interestCents: 123, costsCents: 0, totalCents: 35_123 },
      status: 'pending',
    });
  });

  it('names the postal address when the debtor has no e-mail', () => {
    const input = fourteenDayLetterInput();
    const { email: _none, ...debtor } = input.case.debtor;
    const rendered = renderLetter({ ...input, case: { ...input.case, debtor } });
    expect(letterRecord(rendered, input.amounts).recipient).toBe(
      'J. de Vries, Kerkstraat 12, 1017 GB Amsterdam, NL',
    );
  });

  it('changes its hash when a single amount in the letter changes', () => {
    const a = renderLetter(fourteenDayLetterInput());
    const b = renderLetter(fourteenDayLetterInput({ costsIfUnpaidCents: 6_354 }));
    expect(letterRecord(a, fourteenDayLetterInput().amounts).contentHash).not.toBe(
      letterRecord(b, fourteenDayLetterInput().amounts).contentHash,
    );
  });
});

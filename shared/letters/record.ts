import { createHash } from 'node:crypto';
import type { LetterRecord } from '../domain/case.ts';
import type { RenderedLetter } from '../ports/letter-delivery.ts';
import type { LetterAmounts } from './letter-model.ts';

/** SHA-256 of the letter's HTML, hex: what the case keeps to prove which text was sent. */
export function letterContentHash(rendered: RenderedLetter): string {
  return createHash('sha256').update(rendered.html, 'utf8').digest('hex');
}

/**
 * The record a letter leaves on the case, written before delivery is attempted (status 'pending').
 * The recipient is the e-mail address when there is one, else the postal address on one line.
 */
export function letterRecord(
  rendered: RenderedLetter,
  amounts: LetterAmounts | LetterRecord['amounts'],
): LetterRecord {
  const { name, email, address } = rendered.recipient;
  return {
    letterId: rendered.letterId,
    kind: rendered.kind,
    date: rendered.date,
    recipient: email ?? [name, ...address].join(', '),
    contentHash: letterContentHash(rendered),
    amounts: {
      principalCents: amounts.principalCents,
      interestCents: amounts.interestCents,
      costsCents: amounts.costsCents,
      totalCents: amounts.totalCents,
    },
    status: 'pending',
  };
}

import type { LetterKind } from '../domain/case.ts';

export interface RenderedLetter {
  letterId: string;
  caseId: string;
  kind: LetterKind;
  date: string;
  recipient: { name: string; email?: string; address: string[] };
  subject: string;
  html: string;
  text: string;
}

/** Delivers a letter to its recipient. Idempotent on letterId: delivering the same id twice sends once. */
export interface LetterDelivery {
  deliver(letter: RenderedLetter): Promise<{ deliveryReference: string }>;
}

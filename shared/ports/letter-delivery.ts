import type { LetterKind } from '../domain/case.ts';
import type { BounceType } from '../domain/vocabulary.ts';

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

/**
 * What the e-mail provider reports about a letter after it accepted it: it bounced (did not reach the
 * debtor) or the debtor marked it as spam. `caseId` and `letterId` come from the tags the letter was sent
 * with; `feedbackId` is the provider's id of the report (repeats carry the same one).
 */
export type LetterFeedback =
  | {
      kind: 'bounce';
      caseId: string;
      letterId: string;
      feedbackId: string;
      bounceType: BounceType;
      at: string;
    }
  | { kind: 'complaint'; caseId: string; letterId: string; feedbackId: string; at: string };

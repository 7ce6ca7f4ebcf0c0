import type { LetterFeedback } from '../ports/letter-delivery.ts';
import { changeCase } from './case-support.ts';
import type { CaseDependencies } from './dependencies.ts';

/** `unknown-case` / `unknown-letter`: nothing on record to attach the report to; it is dropped. */
export type LetterFeedbackOutcome = 'recorded' | 'already-recorded' | 'unknown-case' | 'unknown-letter';

/**
 * Records a bounce or complaint on the case (shared/domain/lifecycle.ts `letter-bounced`,
 * `letter-complaint`). 1. Find the case and the letter; a report for neither is dropped. 2. Apply the
 * transition (idempotent: a report seen before changes nothing) and wake a waiting workflow when the case
 * no longer waits for the same thing (a bounced 14-day letter puts the case on hold).
 */
export async function recordLetterFeedback(
  deps: CaseDependencies,
  feedback: LetterFeedback,
): Promise<LetterFeedbackOutcome> {
  const c = await deps.store.get(feedback.caseId);
  if (!c) return 'unknown-case';
  const letter = c.letters.find((l) => l.letterId === feedback.letterId);
  if (!letter) return 'unknown-letter';
  const seen = feedback.kind === 'bounce' ? letter.status === 'bounced' : letter.complaint !== undefined;
  await changeCase(
    deps,
    feedback.caseId,
    feedback.kind === 'bounce'
      ? {
          type: 'letter-bounced',
          letterId: feedback.letterId,
          feedbackId: feedback.feedbackId,
          bounceType: feedback.bounceType,
          at: feedback.at,
        }
      : {
          type: 'letter-complaint',
          letterId: feedback.letterId,
          feedbackId: feedback.feedbackId,
          at: feedback.at,
        },
  );
  return seen ? 'already-recorded' : 'recorded';
}

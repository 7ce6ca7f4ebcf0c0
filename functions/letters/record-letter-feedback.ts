import middy from '@middy/core';
import {
  letterFeedbackFromSesEvent,
  type SesFeedbackEvent,
  type UnreadableFeedback,
} from '../../shared/adapters/letter-feedback.ses.ts';
import { type LetterFeedbackOutcome, recordLetterFeedback } from '../../shared/use-cases/letter-feedback.ts';
import { dependencies } from '../lib/dependencies.ts';

/** One JSON line: ids and outcomes only, never an address or the provider's diagnostic text. */
function log(level: 'info' | 'warn' | 'error', fields: Record<string, string>): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === 'info') console.log(line);
  else if (level === 'warn') console.warn(line);
  else console.error(line);
}

/**
 * SES bounce or complaint (EventBridge rule on the letters' configuration set): recorded on the case the
 * letter's tags name (shared/use-cases/letter-feedback.ts). A report for an unknown case or letter, or one
 * without the tags, is logged and dropped; a failure to record is thrown, so Lambda retries the event.
 */
export const handler = middy<SesFeedbackEvent, { outcome: LetterFeedbackOutcome | UnreadableFeedback }>()
  .onError(({ error }) => {
    if (error) log('error', { error: error.name, message: error.message });
  })
  .handler(async (event) => {
    const read = letterFeedbackFromSesEvent(event);
    if ('unreadable' in read) {
      log('warn', { outcome: 'dropped', reason: read.unreadable });
      return { outcome: read.unreadable };
    }
    const { kind, caseId, letterId, feedbackId } = read.feedback;
    const outcome = await recordLetterFeedback(dependencies(), read.feedback);
    log(outcome.startsWith('unknown') ? 'warn' : 'info', { outcome, kind, caseId, letterId, feedbackId });
    return { outcome };
  });

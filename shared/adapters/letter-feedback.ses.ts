import { BOUNCE_TYPES, type BounceType } from '../domain/vocabulary.ts';
import type { LetterFeedback } from '../ports/letter-delivery.ts';

/** The EventBridge detail types of the SES events the configuration set publishes (bounces, complaints). */
export const SES_FEEDBACK_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received'] as const;

/**
 * An SES event as EventBridge delivers it (source `aws.ses`): the detail is SES's event record, with the
 * message's tags (set at send time by SesLetterDelivery) under `mail.tags`, each a list of values.
 */
export interface SesFeedbackEvent {
  source?: string;
  'detail-type'?: string;
  detail?: {
    eventType?: string;
    bounce?: { feedbackId?: string; bounceType?: string; timestamp?: string };
    complaint?: { feedbackId?: string; timestamp?: string };
    mail?: {
      messageId?: string;
      timestamp?: string;
      destination?: string[];
      tags?: Record<string, string[] | undefined>;
    };
  };
}

/** Why an event could not be read as feedback on a letter (what is logged; no addresses, no diagnostics). */
export type UnreadableFeedback = 'not-a-bounce-or-complaint' | 'no-feedback-id' | 'no-case-or-letter-tag';

/**
 * Reads a bounce or complaint from an SES event. Only the tags, the feedback id, the bounce type and the
 * time are taken: the recipients' addresses and the diagnostic text stay out of the case and the logs.
 */
export function letterFeedbackFromSesEvent(
  event: SesFeedbackEvent,
): { feedback: LetterFeedback } | { unreadable: UnreadableFeedback } {
  const detail = event.detail ?? {};
  const tag = (name: string) => detail.mail?.tags?.[name]?.[0];
  const caseId = tag('caseId');
  const letterId = tag('letterId');
  const report =
    detail.eventType === 'Bounce'
      ? detail.bounce
      : detail.eventType === 'Complaint'
        ? detail.complaint
        : null;
  if (!report) return { unreadable: 'not-a-bounce-or-complaint' };
  const feedbackId = report.feedbackId;
  if (!feedbackId) return { unreadable: 'no-feedback-id' };
  if (!caseId || !letterId) return { unreadable: 'no-case-or-letter-tag' };
  const at = report.timestamp ?? detail.mail?.timestamp ?? '';
  if (detail.eventType === 'Complaint') {
    return { feedback: { kind: 'complaint', caseId, letterId, feedbackId, at } };
  }
  return {
    feedback: {
      kind: 'bounce',
      caseId,
      letterId,
      feedbackId,
      bounceType: bounceTypeOf(detail.bounce?.bounceType),
      at,
    },
  };
}

/** SES's `Permanent` / `Transient` / `Undetermined`; anything else is undetermined (it still bounced). */
function bounceTypeOf(value: string | undefined): BounceType {
  const lower = (value ?? '').toLowerCase();
  return (BOUNCE_TYPES as readonly string[]).includes(lower) ? (lower as BounceType) : 'undetermined';
}

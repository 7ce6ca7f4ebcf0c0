import { describe, expect, it } from 'vitest';
import {
  letterFeedbackFromSesEvent,
  type SesFeedbackEvent,
} from '../../../shared/adapters/letter-feedback.ses.ts';

const tags = { caseId: ['case-1'], letterId: ['case-1-reminder'], 'ses:configuration-set': ['letters'] };
const bounce = (bounceType: string | undefined): SesFeedbackEvent => ({
  source: 'aws.ses',
  'detail-type': 'Email Bounced',
  detail: {
    eventType: 'Bounce',
    bounce: {
      feedbackId: 'fb-1',
      ...(bounceType ? { bounceType } : {}),
      timestamp: '2026-03-02T10:01:00.000Z',
    },
    mail: { messageId: 'm-1', timestamp: '2026-03-02T10:00:00.000Z', tags },
  },
});

describe('reading a bounce or complaint from an SES event', () => {
  it.each([
    ['Permanent', 'permanent'],
    ['Transient', 'transient'],
    ['Undetermined', 'undetermined'],
    ['SomethingNew', 'undetermined'],
    [undefined, 'undetermined'],
  ])('an SES bounce of type %s is a %s bounce: the letter did not arrive either way', (given, expected) => {
    expect(letterFeedbackFromSesEvent(bounce(given))).toEqual({
      feedback: {
        kind: 'bounce',
        caseId: 'case-1',
        letterId: 'case-1-reminder',
        feedbackId: 'fb-1',
        bounceType: expected,
        at: '2026-03-02T10:01:00.000Z',
      },
    });
  });

  it('reads neither a delivery nor a report without its feedback id', () => {
    expect(letterFeedbackFromSesEvent({ detail: { eventType: 'Delivery', mail: { tags } } })).toEqual({
      unreadable: 'not-a-bounce-or-complaint',
    });
    expect(
      letterFeedbackFromSesEvent({ detail: { eventType: 'Complaint', complaint: {}, mail: { tags } } }),
    ).toEqual({ unreadable: 'no-feedback-id' });
  });
});

/**
 * The function SES's bounces and complaints reach (through the configuration set's EventBridge rule), with
 * events shaped as SES publishes them: recorded on the case the letter's tags name, once per report; a
 * report about a case or letter we do not know is logged and dropped; no address or diagnostic text is
 * ever logged.
 */
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../functions/letters/record-letter-feedback.ts';
import { installDependencies } from '../../../functions/lib/dependencies.ts';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import { MemoryEventPublisher } from '../../../shared/adapters/events.memory.ts';
import type { SesFeedbackEvent } from '../../../shared/adapters/letter-feedback.ses.ts';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case } from '../../../shared/domain/case.ts';
import type { CaseSignal } from '../../../shared/ports/workflow.ts';
import { aCase } from '../../support/case-fixture.ts';

const ADDRESS = 'j.devries@example.nl';
const DIAGNOSTIC = 'smtp; 550 5.1.1 <j.devries@example.nl>: Recipient address rejected: User unknown';

/** A bounce as EventBridge delivers it from SES (detail: SES's event record with the message's tags). */
function sesBounce(tags: Record<string, string[]>, feedbackId = '0102018c-bounce-1'): SesFeedbackEvent {
  return {
    source: 'aws.ses',
    'detail-type': 'Email Bounced',
    detail: {
      eventType: 'Bounce',
      bounce: {
        feedbackId,
        bounceType: 'Permanent',
        timestamp: '2026-03-02T10:01:00.000Z',
        bouncedRecipients: [
          { emailAddress: ADDRESS, action: 'failed', status: '5.1.1', diagnosticCode: DIAGNOSTIC },
        ],
      } as NonNullable<SesFeedbackEvent['detail']>['bounce'],
      mail: {
        timestamp: '2026-03-02T10:00:59.000Z',
        messageId: '0102018c-message-1',
        destination: [ADDRESS],
        tags: { 'ses:configuration-set': ['DutchCollections-letters'], ...tags },
      } as NonNullable<SesFeedbackEvent['detail']>['mail'],
    },
  };
}

function sesComplaint(tags: Record<string, string[]>): SesFeedbackEvent {
  return {
    source: 'aws.ses',
    'detail-type': 'Email Complaint Received',
    detail: {
      eventType: 'Complaint',
      complaint: {
        feedbackId: '0102018c-complaint-1',
        timestamp: '2026-03-03T08:00:00.000Z',
        complainedRecipients: [{ emailAddress: ADDRESS }],
        complaintFeedbackType: 'abuse',
      } as NonNullable<SesFeedbackEvent['detail']>['complaint'],
      mail: { messageId: '0102018c-message-1', tags },
    },
  };
}

const context = { functionName: 'RecordLetterFeedback' } as Context;

describe('recording SES bounces and complaints on the case', () => {
  let store: MemoryCaseStore;
  let signals: { taskToken: string; signal: CaseSignal }[];
  let events: MemoryEventPublisher;
  let logged: string[];
  const letterId = 'case-2026-000123-fourteen-day-letter';

  beforeEach(async () => {
    store = new MemoryCaseStore();
    signals = [];
    events = new MemoryEventPublisher();
    logged = [];
    for (const level of ['log', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
    const c: Case = aCase({
      stage: 'demanded',
      letters: [
        {
          letterId,
          kind: 'fourteen-day-letter',
          date: '2026-03-02',
          recipient: 'J. de Vries',
          contentHash: 'sha256',
          amounts: { principalCents: 8_900, interestCents: 10, costsCents: 0, totalCents: 8_910 },
          status: 'delivered',
          deliveryReference: '0102018c-message-1',
        },
      ],
      schedule: {
        reminderOn: '2026-02-11',
        demandOn: '2026-03-02',
        demandTerm: { deliveredOn: '2026-03-04', lastDayToPay: '2026-03-18', costsDueFrom: '2026-03-19' },
        handoffOn: '2026-03-19',
        dunningAllowedFrom: null,
      },
      waiting: { taskToken: 'token-term', waitingFor: 'demand-term', until: '2026-03-19' },
    });
    await store.create(c);
    installDependencies({
      store,
      clock: { now: () => new Date('2026-03-02T10:05:00Z') },
      workflow: {
        startCase: async (caseId) => ({ started: true, executionId: caseId }),
        isRunning: async () => true,
        signal: async (taskToken, signal) => {
          signals.push({ taskToken, signal });
          return true;
        },
      },
      letters: {
        deliver: async () => {
          throw new Error('no letters here');
        },
      },
      agency: {
        handOff: async () => {
          throw new Error('no agency here');
        },
      },
      alerts: {
        reviewEscalated: async () => {
          throw new Error('no alerts here');
        },
      },
      queries: {
        listCases: async () => {
          throw new Error('no lists here');
        },
        listDisputes: async () => {
          throw new Error('no lists here');
        },
      },
      events,
      settings: DEFAULT_SETTINGS,
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    // Nothing of this debtor's may reach a log line, whatever the outcome.
    for (const line of logged) {
      expect(line).not.toContain(ADDRESS);
      expect(line).not.toContain('Recipient address rejected');
      expect(line).not.toContain('J. de Vries');
    }
  });

  it('a bounced 14-day letter: recorded on the case, the case held, and its waiting workflow woken', async () => {
    const tags = { caseId: ['case-2026-000123'], letterId: [letterId], kind: ['fourteen-day-letter'] };
    expect(await handler(sesBounce(tags), context)).toEqual({ outcome: 'recorded' });
    const c = (await store.get('case-2026-000123')) as Case;
    expect(c.letters[0]).toMatchObject({ status: 'bounced', bounce: { feedbackId: '0102018c-bounce-1' } });
    expect(c.stage).toBe('reminded');
    expect(c.pauses.map((p) => p.kind)).toEqual(['hold']);
    expect(signals).toEqual([
      { taskToken: 'token-term', signal: { event: 'on-hold', caseId: 'case-2026-000123' } },
    ]);
    expect(JSON.parse(logged.at(-1) as string)).toEqual({
      level: 'info',
      outcome: 'recorded',
      kind: 'bounce',
      caseId: 'case-2026-000123',
      letterId,
      feedbackId: '0102018c-bounce-1',
    });

    // The hold it placed is published (a bounce itself is no event for other systems), and the outbox list is empty.
    expect(events.published.map((e) => ({ type: e.type, entryId: e.entryId }))).toEqual([
      { type: 'hold-placed', entryId: 'hold:1' },
    ]);
    expect(c.unpublished).toBeUndefined();

    // EventBridge delivers at least once: the same report again changes nothing.
    const version = c.version;
    expect(await handler(sesBounce(tags), context)).toEqual({ outcome: 'already-recorded' });
    expect(((await store.get('case-2026-000123')) as Case).version).toBe(version);
    expect(events.published).toHaveLength(1);
  });

  it('a complaint is recorded on the letter, and dunning goes on', async () => {
    const tags = { caseId: ['case-2026-000123'], letterId: [letterId] };
    expect(await handler(sesComplaint(tags), context)).toEqual({ outcome: 'recorded' });
    const c = (await store.get('case-2026-000123')) as Case;
    expect(c.letters[0]).toMatchObject({
      status: 'delivered',
      complaint: { feedbackId: '0102018c-complaint-1' },
    });
    expect(c.stage).toBe('demanded');
    expect(signals).toEqual([]);
  });

  it.each([
    ['an unknown case', { caseId: ['case-unknown'], letterId: [letterId] }, 'unknown-case'],
    [
      'an unknown letter',
      { caseId: ['case-2026-000123'], letterId: ['case-2026-000123-other'] },
      'unknown-letter',
    ],
    ['a message without our tags', {}, 'no-case-or-letter-tag'],
  ] as [string, Record<string, string[]>, string][])(
    'a bounce about %s is logged and dropped, changing nothing',
    async (_what, tags, outcome) => {
      const before = await store.get('case-2026-000123');
      expect(await handler(sesBounce({ ...tags }), context)).toEqual({ outcome });
      expect(await store.get('case-2026-000123')).toEqual(before);
      expect(JSON.parse(logged.at(-1) as string)).toMatchObject({ level: 'warn' });
    },
  );
});

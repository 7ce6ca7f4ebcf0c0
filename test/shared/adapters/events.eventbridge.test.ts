import type { PutEventsCommand, PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { EventBridgeEventPublisher } from '../../../shared/adapters/events.eventbridge.ts';
import { TransientError } from '../../../shared/errors.ts';
import type { PublishedEvent } from '../../../shared/events/schema.ts';

const event = (n: number): PublishedEvent => ({
  type: 'hold-placed',
  id: `case-1/hold:${n}`,
  version: 1,
  caseId: 'case-1',
  creditorId: 'creditor-1',
  entryId: `hold:${n}`,
  occurredAt: '2026-03-10T09:00:00.000Z',
  on: '2026-03-10',
  until: null,
});

/** A PutEvents client that answers from a script: per call, which of its entries fail (by event id). */
function client(fails: (call: number, ids: string[]) => string[] | 'throw') {
  const calls: string[][] = [];
  return {
    calls,
    send: async (command: PutEventsCommand): Promise<PutEventsCommandOutput> => {
      const ids = (command.input.Entries ?? []).map((e) => JSON.parse(e.Detail ?? '{}').id as string);
      calls.push(ids);
      const failing = fails(calls.length, ids);
      if (failing === 'throw')
        throw Object.assign(new Error('Internal failure'), { name: 'InternalException' });
      const Entries = ids.map((id) =>
        failing.includes(id)
          ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }
          : { EventId: `eb-${id}` },
      );
      return { FailedEntryCount: failing.length, Entries, $metadata: {} };
    },
  };
}

describe('events on EventBridge', () => {
  it('puts at most 10 entries a call, each with the bus, the source, the event type and the event as detail', async () => {
    const fake = client(() => []);
    const sent: unknown[] = [];
    const publisher = new EventBridgeEventPublisher({
      client: {
        send: async (command: PutEventsCommand) => {
          sent.push(...(command.input.Entries ?? []));
          return fake.send(command);
        },
      } as never,
      eventBusName: 'DutchCollections-case-events',
    });
    const events = Array.from({ length: 12 }, (_, i) => event(i + 1));
    await publisher.publish(events);
    expect(fake.calls.map((c) => c.length)).toEqual([10, 2]);
    expect(sent[0]).toEqual({
      EventBusName: 'DutchCollections-case-events',
      Source: 'collections.cases',
      DetailType: 'hold-placed',
      Detail: JSON.stringify(events[0]),
      Time: new Date('2026-03-10T09:00:00.000Z'),
      Resources: [],
    });
  });

  it('sends again only the entries PutEvents refused (FailedEntryCount), until they are taken', async () => {
    const fake = client((call) => (call === 1 ? ['case-1/hold:2'] : []));
    const publisher = new EventBridgeEventPublisher({
      client: fake as never,
      eventBusName: 'bus',
      backoffMs: 1,
    });
    await publisher.publish([event(1), event(2), event(3)]);
    expect(fake.calls).toEqual([['case-1/hold:1', 'case-1/hold:2', 'case-1/hold:3'], ['case-1/hold:2']]);
  });

  it('entries refused on every attempt are a TransientError naming them (the step is retried)', async () => {
    const fake = client((_, ids) => ids.filter((id) => id.endsWith(':2')));
    const publisher = new EventBridgeEventPublisher({
      client: fake as never,
      eventBusName: 'bus',
      backoffMs: 1,
    });
    const failure = publisher.publish([event(1), event(2)]);
    await expect(failure).rejects.toBeInstanceOf(TransientError);
    await expect(failure).rejects.toThrow('case-1/hold:2: ThrottlingException');
    expect(fake.calls).toHaveLength(3);
  });

  it('a call that fails as a whole is tried again, then is a TransientError', async () => {
    const flaky = client((call) => (call === 1 ? 'throw' : []));
    await new EventBridgeEventPublisher({
      client: flaky as never,
      eventBusName: 'bus',
      backoffMs: 1,
    }).publish([event(1)]);
    expect(flaky.calls).toHaveLength(2);
    const down = client(() => 'throw');
    await expect(
      new EventBridgeEventPublisher({ client: down as never, eventBusName: 'bus', backoffMs: 1 }).publish([
        event(1),
      ]),
    ).rejects.toThrow('EventBridge PutEvents failed: InternalException');
  });
});

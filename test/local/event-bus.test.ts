/**
 * The local event bus over real HTTP: events land in the outbox folder at once and go to the webhook
 * afterwards, signed; the receiver verifies every signature and keeps each event id once.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalEventBus } from '../../local/event-bus.ts';
import { type EventsReceiver, startEventsReceiver } from '../../local/events-receiver.ts';
import { eventFilePath } from '../../shared/adapters/events.outbox.ts';
import { signRequest } from '../../shared/adapters/request-signature.ts';
import { DEFAULT_SETTINGS } from '../../shared/config/settings.ts';
import type { Case } from '../../shared/domain/case.ts';
import { type CaseEvent, lifecycleContext, transition } from '../../shared/domain/lifecycle.ts';
import { pendingEvents } from '../../shared/events/derive.ts';
import { aCase } from '../support/case-fixture.ts';

const SECRET = 'events-test-secret';
const ctx = lifecycleContext(new Date('2026-03-10T09:00:00Z'), DEFAULT_SETTINGS);
const events = (() => {
  const steps: CaseEvent[] = [
    { type: 'dispute-raised', kind: 'amount', statement: 'Te hoog.', evidence: {} },
    { type: 'hold-placed', reason: 'Overleg', until: null },
    { type: 'payment-received', reference: 'BANK/7:1', amountCents: 1_000, paidOn: '2026-03-10' },
  ];
  const c = steps.reduce((x: Case, e) => transition(x, e, ctx).case, aCase({ chronology: [] }));
  return pendingEvents(c);
})();

describe('the local event bus', () => {
  let receiver: EventsReceiver | undefined;
  const dir = () => mkdtempSync(path.join(tmpdir(), 'events-'));
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('writes each event to <caseId>/<entryId>.json and delivers it to the webhook, signed, in order', async () => {
    receiver = await startEventsReceiver({ secret: SECRET });
    const bus = new LocalEventBus({ dir: dir(), webhook: { url: receiver.url, secret: SECRET } });
    await bus.publish(events);
    for (const event of events) {
      expect(JSON.parse(readFileSync(eventFilePath(bus.outbox.dir, event), 'utf8'))).toEqual(event);
    }
    expect(readdirSync(path.join(bus.outbox.dir, 'case-2026-000123'))).toContain(
      'payment%3ABANK%2F7%3A1.json',
    );
    await bus.settled();
    expect(receiver.received()).toEqual(events);
    expect(receiver.log().map((l) => l.status)).toEqual([204, 204, 204]);
  });

  it('publishing the same events again overwrites the same files and the receiver drops the repeats by id', async () => {
    receiver = await startEventsReceiver({ secret: SECRET });
    const bus = new LocalEventBus({ dir: dir(), webhook: { url: receiver.url, secret: SECRET } });
    await bus.publish(events);
    await bus.publish(events);
    await bus.settled();
    expect(readdirSync(path.join(bus.outbox.dir, 'case-2026-000123'))).toHaveLength(events.length);
    expect(receiver.received()).toEqual(events);
    expect(receiver.log().map((l) => l.status)).toEqual([204, 204, 204, 200, 200, 200]);
  });

  it('a webhook that answers 503 and then 500 gets the event again, the same id, until it takes it', async () => {
    receiver = await startEventsReceiver({ secret: SECRET, behaviour: [503, 500] });
    const bus = new LocalEventBus({
      dir: dir(),
      webhook: { url: receiver.url, secret: SECRET },
      backoffMs: 5,
    });
    await bus.publish(events.slice(0, 1));
    await bus.settled();
    expect(receiver.log()).toEqual([
      { eventId: events[0]?.id, status: 503 },
      { eventId: events[0]?.id, status: 500 },
      { eventId: events[0]?.id, status: 204 },
    ]);
  });

  it('a webhook with another key refuses every delivery (401): publishing still succeeds, the event is kept as undelivered', async () => {
    receiver = await startEventsReceiver({ secret: 'another-key' });
    const folder = dir();
    const bus = new LocalEventBus({
      dir: folder,
      webhook: { url: receiver.url, secret: SECRET },
      attempts: 2,
      backoffMs: 5,
    });
    await bus.publish(events.slice(0, 1));
    await bus.settled();
    expect(receiver.received()).toEqual([]);
    expect(receiver.log().map((l) => l.status)).toEqual([401, 401]);
    const kept = JSON.parse(
      readFileSync(
        path.join(folder, '_undelivered', 'case-2026-000123', 'dispute-raised%3Adispute-1.json'),
        'utf8',
      ),
    );
    expect(kept.event).toEqual(events[0]);
    expect(kept.error).toContain('401');
  });

  it('a delivery is signed like the agency handoff: a changed body, event id or key is refused', async () => {
    receiver = await startEventsReceiver({ secret: SECRET });
    const url = receiver.url;
    const event = events[0] as (typeof events)[number];
    const body = JSON.stringify(event);
    const signed = (key: string) =>
      signRequest({ current: key }, { idempotencyKey: event.id, body, at: new Date() });
    const post = async (headers: Record<string, string>, payload: string) =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: payload,
        })
      ).status;
    expect(await post(signed(SECRET), `${body} `)).toBe(401);
    expect(await post({ ...signed(SECRET), 'Idempotency-Key': 'case-x/other' }, body)).toBe(401);
    expect(await post(signed('other key'), body)).toBe(401);
    expect(await post(signed(SECRET), body)).toBe(204);
    expect(receiver.received().map((e) => e.id)).toEqual([event.id]);
  });
});

import { describe, expect, it } from 'vitest';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import { MemoryEventPublisher } from '../../../shared/adapters/events.memory.ts';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case, LetterRecord } from '../../../shared/domain/case.ts';
import { type CaseEvent, lifecycleContext, transition } from '../../../shared/domain/lifecycle.ts';
import { TransientError } from '../../../shared/errors.ts';
import { eventOf, pendingEvents, publishesEvent } from '../../../shared/events/derive.ts';
import type { PublishedEvent } from '../../../shared/events/schema.ts';
import { validateEvent } from '../../../shared/events/validate.ts';
import { publishPending } from '../../../shared/use-cases/event-publishing.ts';
import { aCase, anEntry } from '../../support/case-fixture.ts';

const ctx = lifecycleContext(new Date('2026-03-10T09:00:00Z'), DEFAULT_SETTINGS);
const later = lifecycleContext(new Date('2026-03-12T09:00:00Z'), DEFAULT_SETTINGS);
const apply = (c: Case, ...events: CaseEvent[]) => events.reduce((x, e) => transition(x, e, ctx).case, c);
/** A case as intake leaves it, without the fixture's own entries: only what the transitions record counts. */
const fresh = () => aCase({ chronology: [] });

const dispute: CaseEvent = {
  type: 'dispute-raised',
  kind: 'non-performance',
  statement: 'Het project van J. de Vries werd te laat opgeleverd',
  evidence: {},
};

function valid(events: PublishedEvent[]): PublishedEvent[] {
  for (const event of events) expect(validateEvent(event)).toEqual({ ok: true, event });
  return events;
}

describe('events derived from the recorded chronology', () => {
  it('a part payment is payment-received with what stays owed; the rest is paid-in-full', () => {
    const c = apply(
      fresh(),
      { type: 'payment-received', reference: 'BANK-1', amountCents: 4_000, paidOn: '2026-03-09' },
      { type: 'payment-received', reference: 'BANK-2', amountCents: 100_000, paidOn: '2026-03-10' },
    );
    expect(c.unpublished).toEqual(['payment:BANK-1', 'payment:BANK-2']);
    const [part, rest] = valid(pendingEvents(c));
    expect(part).toMatchObject({
      type: 'payment-received',
      id: 'case-2026-000123/payment:BANK-1',
      caseId: 'case-2026-000123',
      creditorId: 'creditor-stroomlijn',
      paymentReference: 'BANK-1',
      amountCents: 4_000,
      paidOn: '2026-03-09',
      owedCents: expect.any(Number),
    });
    expect((part as { owedCents: number }).owedCents).toBeGreaterThan(4_900);
    expect(rest).toMatchObject({ type: 'paid-in-full', paymentReference: 'BANK-2', amountCents: 100_000 });
  });

  it('a dispute raised, sent to a reviewer, escalated twice and settled: kind, escalation count, settlement', () => {
    let c = apply(fresh(), dispute, {
      type: 'review-requested',
      disputeId: 'dispute-1',
      verdict: { by: 'rules', verdict: 'needs-review', reasons: [], decidedOn: '2026-03-10' },
    });
    const escalations = ['2026-03-24', '2026-04-07'].map((on) =>
      anEntry({
        id: `review-escalated:dispute-1:${on}`,
        at: `${on}T07:00:00.000Z`,
        on,
        type: 'review-escalated',
        actor: 'workflow',
        refs: { disputeId: 'dispute-1' },
      }),
    );
    c = { ...c, chronology: [...c.chronology, ...escalations] };
    c = transition(
      c,
      {
        type: 'dispute-decided-by-reviewer',
        disputeId: 'dispute-1',
        decision: 'settle',
        reviewer: 'r.jansen',
        note: 'Schikking met de verzekeraar van de heer De Vries',
        settlementCents: 4_450,
      },
      later,
    ).case;
    const events = valid(c.chronology.flatMap((e) => eventOf(c, e) ?? []));
    expect(events.map((e) => e.type)).toEqual([
      'dispute-raised',
      'review-requested',
      'review-escalated',
      'review-escalated',
      'dispute-decided',
    ]);
    expect(events[0]).toMatchObject({ disputeId: 'dispute-1', disputeKind: 'non-performance' });
    expect(events.filter((e) => e.type === 'review-escalated').map((e) => e.escalation)).toEqual([1, 2]);
    expect(events[4]).toMatchObject({
      decidedBy: 'reviewer',
      outcome: 'settled',
      settlementCents: 4_450,
      on: '2026-03-12',
    });
  });

  it('a letter sent carries its kind and the amounts it asked for', () => {
    const letter: LetterRecord = {
      letterId: 'case-2026-000123-reminder',
      kind: 'reminder',
      date: '2026-03-10',
      recipient: 'j.devries@example.nl',
      contentHash: 'abc',
      amounts: { principalCents: 8_900, interestCents: 12, costsCents: 0, totalCents: 8_912 },
      status: 'pending',
    };
    const c = apply(
      fresh(),
      { type: 'letter-recorded', letter },
      { type: 'letter-delivered', letterId: letter.letterId, deliveryReference: 'ses-1', totalCents: 8_912 },
    );
    expect(valid(pendingEvents(c))).toEqual([
      expect.objectContaining({
        type: 'letter-sent',
        letterId: letter.letterId,
        letterKind: 'reminder',
        principalCents: 8_900,
        interestCents: 12,
        costsCents: 0,
        totalCents: 8_912,
      }),
    ]);
  });

  it('a hold placed until a date that ends on it, and one the creditor releases', () => {
    let c = apply(fresh(), {
      type: 'hold-placed',
      reason: 'Betalingsregeling met J. de Vries',
      until: '2026-03-11',
    });
    c = transition(c, { type: 'hold-due' }, later).case;
    c = transition(c, { type: 'hold-placed', reason: 'Overleg', until: null }, later).case;
    c = transition(c, { type: 'hold-released', note: 'Akkoord' }, later).case;
    const events = valid(pendingEvents(c));
    expect(events.map((e) => [e.type, 'until' in e ? e.until : 'endedBy' in e ? e.endedBy : null])).toEqual([
      ['hold-placed', '2026-03-11'],
      ['hold-released', 'end-date'],
      ['hold-placed', null],
      ['hold-released', 'creditor'],
    ]);
  });

  it('a step that failed while handing off is handoff-failed; elsewhere case-failed', () => {
    const handing = apply(fresh(), { type: 'step-failed', error: 'States.Timeout', message: 'x' });
    expect(valid(pendingEvents(handing))).toEqual([
      expect.objectContaining({ type: 'case-failed', error: 'States.Timeout', stage: 'opened' }),
    ]);
    const failed = apply(aCase({ chronology: [], stage: 'handing-off' }), {
      type: 'step-failed',
      error: 'AgencyRejectedError',
      message: 'refused',
    });
    expect(valid(pendingEvents(failed))).toEqual([
      expect.objectContaining({ type: 'handoff-failed', error: 'AgencyRejectedError' }),
    ]);
  });

  it('entries other systems need not hear about stay off the outbox list', () => {
    const c = apply(fresh(), { type: 'workflow-started', executionName: 'case-2026-000123' });
    expect(c.chronology.map((e) => e.type)).toEqual(['workflow-started']);
    expect(c.unpublished).toBeUndefined();
    expect(publishesEvent(anEntry({ type: 'note' }))).toBe(false);
    expect(eventOf(c, c.chronology[0] as Case['chronology'][number])).toBeNull();
  });

  it('no free text about the debtor rides along: no name, address, e-mail, statement, hold reason or note', () => {
    let c = apply(
      fresh(),
      { type: 'hold-placed', reason: 'Betalingsregeling met J. de Vries', until: null },
      dispute,
    );
    c = transition(c, { type: 'hold-released', note: 'Gesproken met J. de Vries' }, later).case;
    c = transition(
      c,
      {
        type: 'dispute-decided-by-reviewer',
        disputeId: 'dispute-1',
        decision: 'reject',
        reviewer: 'r.jansen',
        note: 'De Vries heeft geen bewijs',
      },
      later,
    ).case;
    const text = JSON.stringify(valid(pendingEvents(c)));
    expect(pendingEvents(c)).toHaveLength(4);
    for (const secret of [
      'Vries',
      'Oudegracht',
      'Utrecht',
      'example.nl',
      'project',
      'Betalingsregeling',
      'r.jansen',
    ])
      expect(text).not.toContain(secret);
  });
});

describe('publishing what a write recorded', () => {
  const stored = async (c: Case) => {
    const store = new MemoryCaseStore();
    await store.create(c);
    return store;
  };

  it('publishes each pending entry once and takes it off the list; a second run publishes nothing', async () => {
    const c = apply(fresh(), dispute, { type: 'hold-placed', reason: 'x', until: null });
    const store = await stored(c);
    const events = new MemoryEventPublisher();
    const after = await publishPending({ store, events }, c);
    expect(events.published.map((e) => e.entryId)).toEqual(['dispute-raised:dispute-1', 'hold:1']);
    expect(after.unpublished).toBeUndefined();
    expect((await store.get(c.caseId))?.unpublished).toBeUndefined();
    await publishPending({ store, events }, after);
    expect(events.published).toHaveLength(2);
  });

  it('a publisher that fails leaves the entries pending: a step throws, a request defers, the next run publishes the same events', async () => {
    const c = apply(fresh(), dispute);
    const store = await stored(c);
    const events = new MemoryEventPublisher();
    events.failWith = new TransientError('EventBridge is down');
    await expect(publishPending({ store, events }, c)).rejects.toThrow('EventBridge is down');
    expect(await publishPending({ store, events }, c, 'defer')).toBe(c);
    expect((await store.get(c.caseId))?.unpublished).toEqual(['dispute-raised:dispute-1']);
    events.failWith = null;
    await publishPending({ store, events }, (await store.get(c.caseId)) as Case);
    expect(events.published).toEqual(pendingEvents(c));
    expect((await store.get(c.caseId))?.unpublished).toBeUndefined();
  });

  it('an entry recorded by another writer meanwhile stays on the list for its own publisher', async () => {
    const c = apply(fresh(), dispute);
    const store = await stored(c);
    const meanwhile = apply((await store.get(c.caseId)) as Case, {
      type: 'hold-placed',
      reason: 'x',
      until: null,
    });
    await store.replace({ ...meanwhile, version: c.version + 1 }, c.version);
    const events = new MemoryEventPublisher();
    await publishPending({ store, events }, c);
    expect(events.published.map((e) => e.entryId)).toEqual(['dispute-raised:dispute-1']);
    expect((await store.get(c.caseId))?.unpublished).toEqual(['hold:1']);
  });
});

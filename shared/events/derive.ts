/**
 * Events are derived from recorded chronology entries, never from intentions: a transition appends its
 * entry (and the entry's id to the case's `unpublished` list) in the same conditional write, and the
 * publisher turns what that write recorded into events afterwards (docs/events.md). Pure.
 */
import type { Case, ChronologyEntry } from '../domain/case.ts';
import type { PublishedEventType } from '../domain/vocabulary.ts';
import type { PublishedEvent, PublishedEventOf } from './schema.ts';
import { EVENT_SCHEMA_VERSION } from './version.ts';

/** The chronology entry types that become an event, and the event type each becomes. */
const EVENT_OF_ENTRY: Record<string, PublishedEventType | ((e: ChronologyEntry) => PublishedEventType)> = {
  'case-opened': 'case-opened',
  'letter-sent': 'letter-sent',
  'payment-received': 'payment-received',
  'paid-in-full': 'paid-in-full',
  'dispute-raised': 'dispute-raised',
  'review-requested': 'review-requested',
  'review-escalated': 'review-escalated',
  // The rules' decisions (shared/use-cases/dispute-review.ts) and a reviewer's.
  'withdrawal-accepted': 'dispute-decided',
  'cancellation-accepted': 'dispute-decided',
  'dispute-rejected': 'dispute-decided',
  'dispute-decided': 'dispute-decided',
  'hold-placed': 'hold-placed',
  'hold-released': 'hold-released',
  'hold-ended': 'hold-released',
  'handed-off': 'handed-off',
  'handed-off-after-close': 'handed-off',
  'step-failed': (e) => (e.refs?.stage === 'handoff-failed' ? 'handoff-failed' : 'case-failed'),
  'claim-time-barred': 'claim-time-barred',
};

/** Whether this entry is published as an event (what goes on the case's `unpublished` list). */
export function publishesEvent(entry: ChronologyEntry): boolean {
  return Object.hasOwn(EVENT_OF_ENTRY, entry.type);
}

export function eventTypeOf(entry: ChronologyEntry): PublishedEventType | null {
  const found = Object.hasOwn(EVENT_OF_ENTRY, entry.type) ? EVENT_OF_ENTRY[entry.type] : undefined;
  if (found === undefined) return null;
  return typeof found === 'function' ? found(entry) : found;
}

/** The id an event keeps on every delivery: unique across cases, fixed by the entry it publishes. */
export function eventIdOf(caseId: string, entryId: string): string {
  return `${caseId}/${entryId}`;
}

/** The events still to publish for `c`: one per id on its `unpublished` list, in chronology order. */
export function pendingEvents(c: Case): PublishedEvent[] {
  const pending = new Set(c.unpublished ?? []);
  return c.chronology.filter((e) => pending.has(e.id)).flatMap((e) => eventOf(c, e) ?? []);
}

/**
 * The event a chronology entry publishes, or null when it publishes none. Built from the entry and from
 * what the case records that never changes once written (a payment, a letter's amounts, a decided
 * dispute), so a repeated publication carries the same content.
 */
export function eventOf(c: Case, entry: ChronologyEntry): PublishedEvent | null {
  const type = eventTypeOf(entry);
  if (type === null) return null;
  const base = {
    id: eventIdOf(c.caseId, entry.id),
    version: EVENT_SCHEMA_VERSION,
    caseId: c.caseId,
    creditorId: c.creditorId,
    entryId: entry.id,
    occurredAt: entry.at,
    on: entry.on,
  } as const;
  const refs = entry.refs ?? {};
  const ref = (name: string): string => {
    const value = refs[name];
    if (value === undefined) throw new Error(`entry ${entry.id} of case ${c.caseId} has no ${name}`);
    return value;
  };
  const payment = () => {
    const p = c.payments.find((x) => x.reference === ref('reference'));
    if (!p) throw new Error(`entry ${entry.id}: payment ${ref('reference')} is not on case ${c.caseId}`);
    return { paymentReference: p.reference, amountCents: p.amountCents, paidOn: p.paidOn };
  };
  const dispute = () => {
    const d = c.disputes.find((x) => x.disputeId === ref('disputeId'));
    if (!d) throw new Error(`entry ${entry.id}: dispute ${ref('disputeId')} is not on case ${c.caseId}`);
    return d;
  };
  switch (type) {
    case 'case-opened':
      return {
        type,
        ...base,
        debtorKind: c.debtor.kind,
        invoiceCount: ref('invoices').split(',').length,
        principalCents: Number(ref('principalCents')),
      } satisfies PublishedEventOf<typeof type>;
    case 'letter-sent': {
      const letter = c.letters.find((l) => l.letterId === ref('letterId'));
      if (!letter) throw new Error(`entry ${entry.id}: letter ${ref('letterId')} is not on case ${c.caseId}`);
      return {
        type,
        ...base,
        letterId: letter.letterId,
        letterKind: letter.kind,
        principalCents: letter.amounts.principalCents,
        interestCents: letter.amounts.interestCents,
        costsCents: letter.amounts.costsCents,
        totalCents: letter.amounts.totalCents,
      };
    }
    case 'payment-received':
      return { type, ...base, ...payment(), owedCents: Number(ref('owedCents')) };
    case 'paid-in-full':
      return { type, ...base, ...payment() };
    case 'dispute-raised':
    case 'review-requested':
      return { type, ...base, disputeId: dispute().disputeId, disputeKind: dispute().kind };
    case 'review-escalated': {
      const disputeId = ref('disputeId');
      const upTo = c.chronology.slice(0, c.chronology.indexOf(entry) + 1);
      const escalation = upTo.filter(
        (e) => e.type === 'review-escalated' && e.refs?.disputeId === disputeId,
      ).length;
      return { type, ...base, disputeId, escalation };
    }
    case 'dispute-decided': {
      const d = dispute();
      const outcome = d.status;
      if (outcome !== 'upheld' && outcome !== 'rejected' && outcome !== 'settled') {
        throw new Error(`entry ${entry.id}: dispute ${d.disputeId} is not decided (${outcome})`);
      }
      return {
        type,
        ...base,
        disputeId: d.disputeId,
        disputeKind: d.kind,
        decidedBy: d.verdict?.by ?? (entry.actor === 'rules' ? 'rules' : 'reviewer'),
        outcome,
        ...(outcome === 'settled' && d.settlementCents !== undefined
          ? { settlementCents: d.settlementCents }
          : {}),
      };
    }
    case 'hold-placed':
      return { type, ...base, until: refs.until ?? null };
    case 'hold-released':
      return { type, ...base, endedBy: entry.type === 'hold-ended' ? 'end-date' : 'creditor' };
    case 'handed-off':
      return {
        type,
        ...base,
        agencyReference: ref('agencyReference'),
        claimCents: Number(ref('claimCents')),
        afterClose: entry.type === 'handed-off-after-close',
      };
    case 'handoff-failed':
      return { type, ...base, error: ref('error') };
    case 'case-failed':
      return {
        type,
        ...base,
        error: ref('error'),
        stage: ref('stage') as PublishedEventOf<'case-failed'>['stage'],
      };
    case 'claim-time-barred':
      return { type, ...base };
  }
}

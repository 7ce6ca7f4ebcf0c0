import { z } from 'zod';
import {
  DEBTOR_KINDS,
  DECIDED_BY,
  DISPUTE_KINDS,
  LETTER_KINDS,
  PUBLISHED_EVENT_TYPES,
  type PublishedEventType,
  STAGES,
} from '../domain/vocabulary.ts';

/**
 * The events other systems receive, version 1 (docs/events.md). These zod schemas are the source; the
 * published JSON Schemas (schemas/events/<type>.v1.schema.json) are generated from them
 * (`npx tsx shared/events/write-json-schemas.ts`) and a test regenerates and compares them. Every object is
 * closed (no other properties), so no free text about the debtor can ride along: ids, kinds, dates and
 * amounts only. A change that breaks a consumer of version 1 gets a new version, not an edit.
 */
import { EVENT_SCHEMA_VERSION, EVENT_SOURCE } from './version.ts';

export { EVENT_SCHEMA_VERSION, EVENT_SOURCE };

export function eventSchemaId(type: PublishedEventType): string {
  return `https://schemas.collections.example/events/${type}.v${EVENT_SCHEMA_VERSION}.schema.json`;
}

const date = z.iso.date().describe('calendar date YYYY-MM-DD, Europe/Amsterdam');
const cents = z.number().int().describe('amount in euro cents');
const nonNegativeCents = z.number().int().nonnegative().describe('amount in euro cents, not negative');
const id = z.string().min(1).max(200);

/** What every event carries. */
const envelope = {
  id: id.describe('`<caseId>/<entryId>`: the same for every delivery of this event; deduplicate on it'),
  version: z.literal(EVENT_SCHEMA_VERSION),
  caseId: id,
  creditorId: id,
  entryId: id.describe('the chronology entry this event publishes'),
  occurredAt: z.iso.datetime().describe('when the entry was recorded (ISO 8601, UTC)'),
  on: date.describe('the day it was recorded, Europe/Amsterdam'),
};

function event<T extends PublishedEventType, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.strictObject({ type: z.literal(type), ...envelope, ...shape });
}

const disputeId = id.describe('the dispute within the case (dispute-1, dispute-2, ...)');
const disputeKind = z.enum(DISPUTE_KINDS);

export const EVENT_SCHEMAS = {
  'case-opened': event('case-opened', {
    debtorKind: z.enum(DEBTOR_KINDS),
    invoiceCount: z.number().int().positive(),
    principalCents: nonNegativeCents.describe('the invoices added up, as opened'),
  }),
  'letter-sent': event('letter-sent', {
    letterId: id,
    letterKind: z.enum(LETTER_KINDS),
    principalCents: cents,
    interestCents: cents,
    costsCents: cents,
    totalCents: cents.describe('what the letter asks for'),
  }),
  'payment-received': event('payment-received', {
    paymentReference: id,
    amountCents: nonNegativeCents,
    paidOn: date,
    owedCents: cents.describe('what stays owed after the payment'),
  }),
  'paid-in-full': event('paid-in-full', {
    paymentReference: id.describe('the payment that settled the case'),
    amountCents: nonNegativeCents,
    paidOn: date,
  }),
  'dispute-raised': event('dispute-raised', { disputeId, disputeKind }),
  'review-requested': event('review-requested', { disputeId, disputeKind }),
  'review-escalated': event('review-escalated', {
    disputeId,
    escalation: z.number().int().positive().describe('1 for the first escalation of this dispute, and so on'),
  }),
  'dispute-decided': event('dispute-decided', {
    disputeId,
    disputeKind,
    decidedBy: z.enum(DECIDED_BY),
    outcome: z.enum(['upheld', 'rejected', 'settled']),
    settlementCents: nonNegativeCents.optional().describe('what stays owed, for a settlement'),
  }),
  'hold-placed': event('hold-placed', { until: date.nullable().describe('null: until released') }),
  'hold-released': event('hold-released', {
    endedBy: z.enum(['creditor', 'end-date']).describe('released by the creditor, or its end date came'),
  }),
  'handed-off': event('handed-off', {
    agencyReference: id,
    claimCents: cents.describe('the claim in the dossier'),
    afterClose: z
      .boolean()
      .describe('the agency accepted the dossier after the case was closed otherwise: tell the agency'),
  }),
  'handoff-failed': event('handoff-failed', {
    error: id.describe('the error name the workflow failed with'),
  }),
  'case-failed': event('case-failed', {
    error: id.describe('the error name the workflow failed with'),
    stage: z.enum(STAGES),
  }),
  'claim-time-barred': event('claim-time-barred', {}),
} as const satisfies { [T in PublishedEventType]: z.ZodType<{ type: T }> };

export const PublishedEventSchema = z.discriminatedUnion(
  'type',
  PUBLISHED_EVENT_TYPES.map((t) => EVENT_SCHEMAS[t]) as unknown as [
    (typeof EVENT_SCHEMAS)[PublishedEventType],
    ...(typeof EVENT_SCHEMAS)[PublishedEventType][],
  ],
);

export type PublishedEventOf<T extends PublishedEventType> = z.infer<(typeof EVENT_SCHEMAS)[T]>;
export type PublishedEvent = { [T in PublishedEventType]: PublishedEventOf<T> }[PublishedEventType];

/** The published JSON Schema of one event type (draft 2020-12), generated from its zod schema. */
export function eventJsonSchema(type: PublishedEventType): Record<string, unknown> {
  const schema = z.toJSONSchema(EVENT_SCHEMAS[type], { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: eventSchemaId(type),
    title: `${type} event, version ${EVENT_SCHEMA_VERSION}`,
    ...schema,
  };
}

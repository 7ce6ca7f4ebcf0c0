import { z } from 'zod';
import {
  CONTACT_CHANNELS,
  CONTRACT_SUBJECTS,
  DEBTOR_KINDS,
  DECIDED_BY,
  DISPUTE_KINDS,
  DISPUTE_STATUSES,
  DISPUTE_VERDICTS,
  LETTER_KINDS,
  LETTER_STATUSES,
  REQUIRED_FORMS,
  SALES_CHANNELS,
} from '../domain/vocabulary.ts';

/**
 * The dossier a collection agency receives at handoff, version 1. This zod schema is the source; the
 * published JSON Schema (schemas/dossier.v1.schema.json) is generated from it with z.toJSONSchema
 * (`npx tsx shared/dossier/write-json-schema.ts`) and a test regenerates and compares it.
 * A change that breaks a consumer of version 1 gets a new version, not an edit.
 */
import { DOSSIER_SCHEMA_ID, DOSSIER_SCHEMA_VERSION } from './version.ts';

export { DOSSIER_SCHEMA_ID, DOSSIER_SCHEMA_VERSION };

const date = z.iso
  .date()
  .meta({ id: 'CalendarDate', description: 'calendar date YYYY-MM-DD, Europe/Amsterdam' });
const instant = z.string().min(1).meta({ id: 'Instant', description: 'ISO 8601 instant' });
const cents = z.number().int().meta({ id: 'Cents', description: 'amount in euro cents' });
const nonNegativeCents = z
  .number()
  .int()
  .nonnegative()
  .meta({ id: 'NonNegativeCents', description: 'amount in euro cents, not negative' });

const address = z
  .object({
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
  })
  .meta({ id: 'PostalAddress' });

const channel = z.enum(CONTACT_CHANNELS).meta({ id: 'ContactChannel' });

const reason = z
  .object({
    code: z.string(),
    text: z.string(),
    article: z.string().describe('the clause of the contract or the article of law the reason rests on'),
  })
  .meta({ id: 'Reason' });

export const ComputationLineSchema = z
  .object({
    label: z.string(),
    detail: z.string(),
    amountCents: cents,
  })
  .meta({ id: 'ComputationLine' });

const claimPart = z.object({
  amountCents: cents,
  computation: z.array(ComputationLineSchema).describe('how the amount was computed, line by line'),
});

export const DossierSchema = z
  .object({
    schemaVersion: z.literal(DOSSIER_SCHEMA_VERSION),
    dossierId: z.string().min(1),
    caseId: z.string().min(1),
    createdOn: date,
    creditor: z.object({
      name: z.string(),
      address,
      kvkNumber: z.string(),
      iban: z.string(),
      email: z.string(),
      vatDeductible: z.boolean(),
    }),
    debtor: z.object({
      kind: z.enum(DEBTOR_KINDS),
      name: z.string(),
      address,
      email: z.string().optional(),
    }),
    contract: z
      .object({
        reference: z.string(),
        subject: z.enum(CONTRACT_SUBJECTS),
        channel: z.enum(SALES_CHANNELS),
        concludedVia: channel,
        concludedOn: date,
        goodsReceivedOn: date.optional(),
        priceCents: nonNegativeCents,
        coolingOffInformedOn: date.nullable(),
        cancellationTerms: z
          .object({
            requiredForm: z.enum(REQUIRED_FORMS),
            acceptedChannels: z.array(channel),
            noticePeriodMonths: z.number().int().nonnegative(),
            initialTermMonths: z.number().int().nonnegative(),
            tacitRenewal: z.boolean(),
            summary: z.string().describe('the cancellation terms in Dutch, as the agency reads them'),
          })
          .nullable(),
      })
      .nullable(),
    invoices: z.array(
      z.object({
        number: z.string(),
        amountCents: nonNegativeCents,
        issuedOn: date,
        dueOn: date,
        periodStart: date.optional(),
        periodEnd: date.optional(),
      }),
    ),
    letters: z.array(
      z.object({
        letterId: z.string(),
        kind: z.enum(LETTER_KINDS),
        date,
        recipient: z.string(),
        status: z.enum(LETTER_STATUSES),
        deliveryReference: z.string().optional(),
        contentHash: z.string().describe('SHA-256 (hex) of the HTML of the letter as sent'),
        amounts: z.object({
          principalCents: cents,
          interestCents: cents,
          costsCents: cents,
          totalCents: cents,
        }),
        content: z.object({ subject: z.string(), text: z.string() }).optional(),
      }),
    ),
    chronology: z
      .array(
        z.object({
          id: z.string(),
          at: instant,
          on: date,
          type: z.string(),
          actor: z.string(),
          summary: z.string(),
          refs: z.record(z.string(), z.string()).optional(),
        }),
      )
      .describe('every contact and event, oldest first'),
    disputes: z.array(
      z.object({
        disputeId: z.string(),
        kind: z.enum(DISPUTE_KINDS),
        raisedOn: date,
        statement: z.string(),
        status: z.enum(DISPUTE_STATUSES),
        verdict: z
          .object({
            by: z.enum(DECIDED_BY),
            verdict: z.enum(DISPUTE_VERDICTS),
            decidedOn: date,
            reasons: z.array(reason),
          })
          .optional(),
        settlementCents: nonNegativeCents.optional(),
        withdrawalNotice: z.object({ sentOn: date, channel }).optional(),
        cancellation: z
          .object({
            noticeSentOn: date,
            noticeReceivedOn: date.nullable(),
            channel,
            confirmedByTrader: z.boolean(),
          })
          .optional(),
        correspondence: z
          .array(z.object({ on: date, summary: z.string(), reference: z.string().optional() }))
          .optional(),
      }),
    ),
    serviceUse: z
      .array(z.object({ source: z.string(), lastUsedOn: date.nullable(), description: z.string() }))
      .describe('evidence that the service was used, e.g. after a claimed cancellation'),
    payments: z.array(
      z.object({
        reference: z.string(),
        amountCents: nonNegativeCents,
        paidOn: date,
        receivedAt: instant,
        designation: z
          .object({ invoices: z.array(z.string()), toPrincipal: z.boolean().optional() })
          .optional(),
      }),
    ),
    settlement: z.object({ amountCents: nonNegativeCents, agreedOn: date, disputeId: z.string() }).nullable(),
    demandTerm: z
      .object({
        deliveredOn: date,
        lastDayToPay: date,
        costsDueFrom: date,
        stated: z.object({ amountCents: nonNegativeCents, sentOn: date }).optional(),
      })
      .nullable(),
    claim: z
      .object({
        on: date,
        principal: claimPart,
        interest: claimPart.extend({
          kind: z.enum(['wettelijke-rente', 'wettelijke-handelsrente']),
        }),
        costs: claimPart.extend({ vatCents: nonNegativeCents }),
        paid: claimPart,
        total: claimPart,
        sources: z.array(z.object({ label: z.string(), source: z.string() })),
        ratesUnconfirmed: z
          .object({ from: date, confirmedThrough: date })
          .optional()
          .describe(
            'present when interest ran at a rate not yet confirmed against its publication, from this day; the rate table is confirmed through confirmedThrough',
          ),
      })
      .describe('the claim on the handoff date, as the rules engine computed it'),
  })
  .meta({
    $id: DOSSIER_SCHEMA_ID,
    title: 'Collections dossier for agency handoff, version 1',
    description:
      'Everything a collection agency needs to take over a Dutch receivable: debtor, contract and its cancellation terms, invoices, letters, chronology, disputes and verdicts, evidence of service use, and the claim with how each amount was computed.',
  });

export type Dossier = z.infer<typeof DossierSchema>;
export type ComputationLine = z.infer<typeof ComputationLineSchema>;

/** The published JSON Schema of the dossier (draft 2020-12), generated from the zod schema. */
export function dossierJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DossierSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
}

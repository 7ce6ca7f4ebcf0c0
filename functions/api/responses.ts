import { z } from 'zod';
import {
  BOUNCE_TYPES,
  CONTACT_CHANNELS,
  DEBTOR_KINDS,
  DECIDED_BY,
  DISPUTE_KINDS,
  DISPUTE_STATUSES,
  DISPUTE_VERDICTS,
  LETTER_KINDS,
  LETTER_STATUSES,
  LIST_SORT_KEYS,
  NEXT_STEPS,
  SORT_ORDERS,
  STAGES,
} from '../../shared/domain/vocabulary.ts';

/**
 * What the case API answers, as zod schemas: the OpenAPI document (openapi/cases.v1.json) is generated
 * from these and from the request schemas (functions/api/openapi.ts), and the API tests validate the
 * local server's answers against that document.
 */
const date = z.iso.date();
const cents = z.number().int();
const channel = z.enum(CONTACT_CHANNELS);

export const stage = z.enum(STAGES);

export const errorResponse = z
  .object({
    error: z.string().describe('Name of the error class, e.g. InvalidInputError, CaseNotFoundError'),
    code: z.string().describe('Stable code, e.g. INVALID_INPUT, CASE_NOT_FOUND, STAGE_CONFLICT'),
    message: z.string(),
    field: z.string().optional().describe('For 400: the field that failed, e.g. body.invoices.0.dueOn'),
  })
  .meta({ id: 'Error' });

const address = z.object({
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
});

const debtor = z.object({
  kind: z.enum(DEBTOR_KINDS),
  name: z.string(),
  address,
  email: z.string().optional(),
  contactPerson: z.string().optional(),
});

const pause = z.union([
  z.object({ kind: z.literal('dispute'), disputeId: z.string(), since: date }),
  z.object({ kind: z.literal('hold'), reason: z.string(), since: date, until: date.nullable() }),
]);

const schedule = z.object({
  reminderOn: date.nullable(),
  demandOn: date.nullable(),
  demandTerm: z
    .object({
      deliveredOn: date,
      lastDayToPay: date,
      costsDueFrom: date,
      stated: z
        .object({ amountCents: cents, sentOn: date })
        .optional()
        .describe(
          'What the 14-day letter asked; paid within the term, no collection costs are due (6:96 lid 6 BW)',
        ),
    })
    .nullable(),
  handoffOn: date.nullable(),
  dunningAllowedFrom: date.nullable(),
});

const reasonRecord = z.object({
  code: z.string(),
  text: z.string(),
  article: z.string(),
  textNl: z.optional(z.string()),
});

export const dispute = z
  .object({
    disputeId: z.string(),
    kind: z.enum(DISPUTE_KINDS),
    raisedOn: date,
    statement: z.string(),
    evidence: z.object({
      withdrawalNotice: z.object({ sentOn: date, channel }).optional(),
      cancellation: z
        .object({
          noticeSentOn: date,
          noticeReceivedOn: date.nullable(),
          channel,
          confirmedByTrader: z.boolean(),
        })
        .optional(),
      usage: z.object({ lastUsedOn: date.nullable(), description: z.string().optional() }).optional(),
      correspondence: z
        .array(z.object({ on: date, summary: z.string(), reference: z.string().optional() }))
        .optional(),
    }),
    status: z.enum(DISPUTE_STATUSES),
    verdict: z
      .object({
        by: z.enum(DECIDED_BY),
        verdict: z.enum(DISPUTE_VERDICTS),
        reasons: z.array(reasonRecord),
        decidedOn: date,
      })
      .optional(),
    settlementCents: cents.optional(),
  })
  .meta({ id: 'Dispute' });

const invoice = z.object({
  number: z.string(),
  amountCents: cents,
  issuedOn: date,
  dueOn: date,
  periodStart: date.optional(),
  periodEnd: date.optional(),
});

const letter = z.object({
  letterId: z.string(),
  kind: z.enum(LETTER_KINDS),
  date,
  recipient: z.string(),
  contentHash: z.string(),
  amounts: z.object({ principalCents: cents, interestCents: cents, costsCents: cents, totalCents: cents }),
  status: z.enum(LETTER_STATUSES),
  deliveryReference: z.string().optional(),
  bounce: z
    .object({ feedbackId: z.string(), bounceType: z.enum(BOUNCE_TYPES), at: z.string() })
    .optional()
    .describe('The letter did not reach the debtor (status bounced): the provider reported a bounce'),
  complaint: z
    .object({ feedbackId: z.string(), at: z.string() })
    .optional()
    .describe('The debtor marked the e-mail as spam (it was delivered)'),
});

const chronologyEntry = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  on: date,
  type: z.string(),
  actor: z.string(),
  summary: z.string(),
  refs: z.record(z.string(), z.string()).optional(),
});

export const caseView = z
  .object({
    caseId: z.string(),
    stage,
    debtor,
    pauses: z
      .array(pause)
      .describe('What pauses dunning now: a dispute under review and/or a hold; each ends by its own event'),
    amounts: z
      .object({
        on: date,
        principalCents: cents,
        interestCents: cents,
        costsCents: cents,
        paidCents: cents,
        totalCents: cents,
      })
      .describe('What is owed today: principal, statutory interest to date, collection costs if due, paid'),
    nextStep: z.object({
      step: z.enum(NEXT_STEPS),
      on: date.nullable(),
    }),
    openDispute: dispute.nullable(),
    disputes: z.array(dispute),
    invoices: z.array(invoice),
    payments: z.array(
      z.object({
        reference: z.string(),
        amountCents: cents,
        paidOn: date,
        receivedAt: z.iso.datetime(),
        designation: z
          .object({ invoices: z.array(z.string()), toPrincipal: z.boolean().optional() })
          .optional(),
      }),
    ),
    letters: z.array(letter),
    schedule,
    settlement: z
      .object({ amountCents: cents, agreedOn: date, paymentsBefore: z.number().int(), disputeId: z.string() })
      .nullable(),
    handoff: z.object({ agencyReference: z.string(), handedOffOn: date }).nullable(),
    chronology: z.array(chronologyEntry),
    version: z.number().int().positive(),
  })
  .meta({ id: 'Case' });

export const openCaseResponse = z
  .object({ caseId: z.string(), created: z.boolean(), stage, schedule })
  .meta({ id: 'OpenedCase' });

export const recordDisputeResponse = z
  .object({ disputeId: z.string(), case: caseView })
  .meta({ id: 'RecordedDispute' });

const amountsNow = z
  .object({
    on: date,
    principalCents: cents,
    interestCents: cents,
    costsCents: cents,
    paidCents: cents,
    totalCents: cents,
  })
  .describe('What is owed today: principal, statutory interest to date, collection costs if due, paid');

export const caseSummary = z
  .object({
    caseId: z.string(),
    debtor: z.object({ kind: z.enum(DEBTOR_KINDS), name: z.string() }),
    openedAt: z.iso.datetime(),
    stage,
    pauses: z.array(pause),
    amounts: amountsNow,
    nextStep: z.object({ step: z.enum(NEXT_STEPS), on: date.nullable() }),
  })
  .meta({ id: 'CaseSummary' });

const listPage = {
  cursor: z
    .string()
    .nullable()
    .describe(
      'Pass as `cursor` for the next page; null on the last. A page may hold fewer items than `limit`.',
    ),
  sortedBy: z.enum(LIST_SORT_KEYS).describe('The key the list is sorted by (the index its query runs on)'),
  order: z.enum(SORT_ORDERS),
};

export const caseList = z.object({ items: z.array(caseSummary), ...listPage }).meta({ id: 'CaseList' });

export const disputeWorkItem = z
  .object({
    caseId: z.string(),
    disputeId: z.string(),
    kind: z.enum(DISPUTE_KINDS),
    status: z.enum(DISPUTE_STATUSES),
    raisedOn: date,
    decidedOn: date.nullable(),
    ageWorkingDays: z
      .number()
      .int()
      .nonnegative()
      .describe(
        'Working days (Dutch legal calendar) from the day it was raised to today, or to its decision',
      ),
    escalationCount: z.number().int().nonnegative().describe('How often the undecided review was escalated'),
    case: caseSummary,
  })
  .meta({ id: 'DisputeWorkItem' });

export const disputeList = z
  .object({ items: z.array(disputeWorkItem), ...listPage })
  .meta({ id: 'DisputeList' });

/** A letter as the debtor got it (GET /cases/{id}/letters/{letterId}). */
export const letterAsSent = z
  .object({
    letterId: z.string(),
    kind: z.enum(LETTER_KINDS),
    date,
    subject: z.string(),
    html: z.string().meta({ description: 'The HTML as sent, with its inline styles' }),
    text: z.string().meta({ description: 'The plain-text part as sent' }),
    contentHash: z
      .string()
      .meta({ description: "SHA-256 of the HTML, hex: the letter record's contentHash" }),
  })
  .strict()
  .meta({ id: 'Letter' });

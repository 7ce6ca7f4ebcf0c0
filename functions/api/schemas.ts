// zod/mini: the same validation as zod's classic API at a fraction of the bundle size (every API
// Lambda loads this module); the English locale gives the messages that name what is wrong.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { CASE_LIMITS } from '../../shared/domain/case.ts';
import {
  CONTACT_CHANNELS,
  CONTRACT_SUBJECTS,
  DEBTOR_KINDS,
  DISPUTE_KINDS,
  DISPUTE_STATUSES,
  PAUSE_KINDS,
  REQUIRED_FORMS,
  REVIEWER_DECISIONS,
  SALES_CHANNELS,
  SORT_ORDERS,
  STAGES,
} from '../../shared/domain/vocabulary.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../shared/ports/case-queries.ts';
import { isCalendarDate } from '../../shared/rules/calendar.ts';

z.config(en());

/** Request bodies of the case API. Dates `YYYY-MM-DD`; money in integer cents. */
export const calendarDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    z.refine(isCalendarDate, 'must be a date YYYY-MM-DD that exists'),
  );
/** EUR 100 million: above any claim this product collects, far below where cents stop being exact. */
const MAX_CENTS = 10_000_000_000;
export const cents = z
  .int('must be integer cents')
  .check(z.nonnegative('must not be negative'), z.maximum(MAX_CENTS, `must not exceed ${MAX_CENTS} cents`));
export const positiveCents = z
  .int('must be integer cents')
  .check(z.positive('must be more than zero'), z.maximum(MAX_CENTS, `must not exceed ${MAX_CENTS} cents`));
export const id = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(200),
    z.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
  );

/** Every text has a bound, so a case lives its whole life under DynamoDB's 400 KB item (docs/data-model.md). */
/** A text a person wrote: at least one character that is not white space, at most `max`. */
const text = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.regex(/\S/, 'must not be blank'));

const channel = z.enum(CONTACT_CHANNELS);

export const openCaseBody = z.strictObject({
  debtor: z.strictObject({
    kind: z.enum(DEBTOR_KINDS),
    name: text(200),
    address: z.strictObject({
      street: text(200),
      postalCode: text(20),
      city: text(100),
      country: z.string().check(z.length(2, 'must be an ISO country code like NL')),
    }),
    // Required while letters go by e-mail only (no postal adapter yet): without it the case would fail
    // at its first letter instead of being refused here.
    email: z
      .email({
        error: (issue) =>
          issue.input === undefined
            ? 'is required: letters are sent by e-mail (there is no postal delivery yet)'
            : undefined,
      })
      .check(z.maxLength(254)),
    /** Whom letters address after "Geachte" (e.g. "mevrouw Jansen"); without it: "Geachte heer/mevrouw". */
    contactPerson: z.optional(text(200)),
  }),
  contract: z._default(
    z.nullable(
      z
        .object({
          reference: text(200),
          subject: z.enum(CONTRACT_SUBJECTS),
          channel: z.enum(SALES_CHANNELS),
          concludedVia: channel,
          concludedOn: calendarDate,
          goodsReceivedOn: z.optional(calendarDate),
          priceCents: cents,
          coolingOffInformedOn: z.nullable(calendarDate),
          cancellationTerms: z.optional(
            z.strictObject({
              requiredForm: z.enum(REQUIRED_FORMS),
              acceptedChannels: z.array(channel).check(z.maxLength(CONTACT_CHANNELS.length)),
              noticePeriodMonths: z.int().check(z.minimum(0), z.maximum(60)),
              initialTermMonths: z.int().check(z.minimum(0), z.maximum(120)),
              tacitRenewal: z.boolean(),
              /** The cancellation clause as the contract words it; a rejected cancellation quotes it. */
              clauseText: z.optional(text(2000)),
            }),
          ),
        })
        .check(
          z.refine((c) => !c.goodsReceivedOn || c.goodsReceivedOn >= c.concludedOn, {
            message: 'must not be before concludedOn',
            path: ['goodsReceivedOn'],
          }),
        ),
    ),
    null,
  ),
  invoices: z
    .array(
      z
        .object({
          number: id,
          amountCents: positiveCents,
          issuedOn: calendarDate,
          dueOn: calendarDate,
          periodStart: z.optional(calendarDate),
          periodEnd: z.optional(calendarDate),
        })
        .check(
          z.refine((i) => i.dueOn >= i.issuedOn, {
            message: 'dueOn must not be before issuedOn',
            path: ['dueOn'],
          }),
          z.refine((i) => !i.periodStart || !i.periodEnd || i.periodEnd >= i.periodStart, {
            message: 'periodEnd must not be before periodStart',
            path: ['periodEnd'],
          }),
        ),
    )
    .check(
      z.minLength(1, 'at least one invoice'),
      z.maxLength(CASE_LIMITS.invoices, `at most ${CASE_LIMITS.invoices} invoices per case`),
    ),
});

export const paymentBody = z.strictObject({
  reference: id,
  amountCents: positiveCents,
  paidOn: calendarDate,
  // The debtor's designation (6:43 lid 1 BW), applied within 6:44 BW: costs and interest first; one to
  // principal before them (toPrincipal) is refused and the case says so.
  designation: z.optional(
    z.strictObject({
      invoices: z.array(id).check(
        z.minLength(1, 'at least one invoice number'),
        z.maxLength(CASE_LIMITS.invoices, `at most ${CASE_LIMITS.invoices} invoices`),
        z.refine((numbers) => new Set(numbers).size === numbers.length, 'names an invoice twice'),
      ),
      toPrincipal: z.optional(z.boolean()),
    }),
  ),
});

export const disputeBody = z.strictObject({
  kind: z.enum(DISPUTE_KINDS),
  statement: text(4000),
  raisedOn: z.optional(calendarDate),
  evidence: z._default(
    z.strictObject({
      withdrawalNotice: z.optional(z.strictObject({ sentOn: calendarDate, channel })),
      cancellation: z.optional(
        z
          .object({
            noticeSentOn: calendarDate,
            noticeReceivedOn: z.nullable(calendarDate),
            channel,
            confirmedByTrader: z.boolean(),
          })
          .check(
            z.refine((n) => n.noticeReceivedOn === null || n.noticeReceivedOn >= n.noticeSentOn, {
              message: 'must not be before noticeSentOn',
              path: ['noticeReceivedOn'],
            }),
          ),
      ),
      usage: z.optional(
        z.strictObject({
          lastUsedOn: z.nullable(calendarDate),
          description: z.optional(z.string().check(z.maxLength(1000))),
        }),
      ),
      correspondence: z.optional(
        z
          .array(
            z.strictObject({
              on: calendarDate,
              summary: text(500),
              reference: z.optional(z.string().check(z.maxLength(200))),
            }),
          )
          .check(z.maxLength(20, 'at most 20 items of correspondence')),
      ),
    }),
    {},
  ),
});

export const caseIdParams = z.object({ id });

export const disputeParams = z.object({ id, disputeId: id });

export const letterParams = z.object({ id, letterId: id });

export const decisionBody = z
  .strictObject({
    decision: z.enum(REVIEWER_DECISIONS),
    /**
     * Only from back-office systems (IAM): the person the system decides on behalf of. A person signed in
     * to the back office is the reviewer; their token names them (functions/api/decide-dispute.ts).
     */
    reviewer: z.optional(text(200)),
    note: text(4000),
    settlementCents: z.optional(positiveCents),
  })
  .check(
    z.refine((d) => d.decision !== 'settle' || d.settlementCents !== undefined, {
      message: 'is required when the decision is settle',
      path: ['settlementCents'],
    }),
    z.refine((d) => d.decision === 'settle' || d.settlementCents === undefined, {
      message: 'is only allowed when the decision is settle',
      path: ['settlementCents'],
    }),
  );

/** POST /cases/{id}/debtor-email: the debtor's corrected e-mail address. */
export const debtorEmailBody = z.strictObject({ email: z.email().check(z.maxLength(254)) });

export const holdBody = z.strictObject({
  reason: text(2000),
  until: z.optional(z.nullable(calendarDate)),
});

export const releaseBody = z._default(
  z.nullable(z.strictObject({ note: z.optional(z.string().check(z.maxLength(2000))) })),
  {},
);

export const restartBody = z._default(
  z.nullable(z.strictObject({ note: z.optional(z.string().check(z.maxLength(2000))) })),
  {},
);

/** GET /cases/{id}/dossier: JSON (default) or the readable HTML rendering. */
export const dossierQuery = z.object({ format: z._default(z.enum(['json', 'html']), 'json') });

/** Paging of a list: `limit` items at most (1-100, default 25), from the `cursor` of the previous page. */
const paging = {
  limit: z._default(
    z.coerce
      .number('must be a whole number')
      .check(
        z.refine(Number.isInteger, 'must be a whole number'),
        z.minimum(1),
        z.maximum(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`),
      ),
    DEFAULT_PAGE_SIZE,
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  order: z._default(z.enum(SORT_ORDERS), 'asc'),
};

/** GET /cases: filters (all optional, all must hold) and paging; an unknown parameter is refused by name. */
export const caseListQuery = z
  .strictObject({
    stage: z.optional(z.enum(STAGES)),
    pause: z.optional(z.enum(PAUSE_KINDS)),
    awaitingReviewer: z.optional(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((v) => v === 'true'),
      ),
    ),
    nextStepBefore: z.optional(calendarDate),
    debtorKind: z.optional(z.enum(DEBTOR_KINDS)),
    invoiceNumber: z.optional(id),
    debtorName: z.optional(text(200)),
    openedFrom: z.optional(calendarDate),
    openedTo: z.optional(calendarDate),
    ...paging,
  })
  .check(
    z.refine((q) => !q.openedFrom || !q.openedTo || q.openedTo >= q.openedFrom, {
      message: 'must not be before openedFrom',
      path: ['openedTo'],
    }),
  );

/** GET /disputes: the disputes of one status, the reviewer's worklist by default. */
export const disputeListQuery = z.strictObject({
  status: z._default(z.enum(DISPUTE_STATUSES), 'awaiting-reviewer'),
  ...paging,
});

// zod/mini: the same validation as zod's classic API at a fraction of the bundle size (every API
// Lambda loads this module); the English locale gives the messages that name what is wrong.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { isCalendarDate } from '../../shared/rules/calendar.ts';

z.config(en());

/** Request bodies of the case API. Dates `YYYY-MM-DD`; money in integer cents. */
export const calendarDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
    z.refine(isCalendarDate, 'must be a date YYYY-MM-DD that exists'),
  );
export const cents = z.int('must be integer cents').check(z.nonnegative('must not be negative'));
export const positiveCents = z.int('must be integer cents').check(z.positive('must be more than zero'));
export const id = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(200),
    z.regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -'),
  );

const text = (max?: number) =>
  max === undefined ? z.string().check(z.minLength(1)) : z.string().check(z.minLength(1), z.maxLength(max));

const channel = z.enum(['online', 'email', 'phone', 'post', 'registered-post', 'in-person']);

export const openCaseBody = z.object({
  debtor: z.object({
    kind: z.enum(['consumer', 'business']),
    name: text(),
    address: z.object({
      street: text(),
      postalCode: text(),
      city: text(),
      country: z.string().check(z.length(2, 'must be an ISO country code like NL')),
    }),
    email: z.optional(z.email()),
  }),
  contract: z._default(
    z.nullable(
      z
        .object({
          reference: text(),
          subject: z.enum(['service', 'goods']),
          channel: z.enum(['off-premises', 'distance', 'on-premises']),
          concludedVia: channel,
          concludedOn: calendarDate,
          goodsReceivedOn: z.optional(calendarDate),
          priceCents: cents,
          coolingOffInformedOn: z.nullable(calendarDate),
          cancellationTerms: z.optional(
            z.object({
              requiredForm: z.enum(['any', 'written', 'registered-post']),
              acceptedChannels: z.array(channel),
              noticePeriodMonths: z.int().check(z.minimum(0), z.maximum(60)),
              initialTermMonths: z.int().check(z.minimum(0), z.maximum(120)),
              tacitRenewal: z.boolean(),
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
    .check(z.minLength(1, 'at least one invoice')),
});

export const paymentBody = z.object({
  reference: id,
  amountCents: positiveCents,
  paidOn: calendarDate,
});

export const disputeBody = z.object({
  kind: z.enum(['withdrawal', 'cancellation', 'non-performance', 'amount', 'other']),
  statement: text(4000),
  raisedOn: z.optional(calendarDate),
  evidence: z._default(
    z.object({
      withdrawalNotice: z.optional(z.object({ sentOn: calendarDate, channel })),
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
        z.object({ lastUsedOn: z.nullable(calendarDate), description: z.optional(z.string()) }),
      ),
      correspondence: z.optional(
        z.array(z.object({ on: calendarDate, summary: text(), reference: z.optional(z.string()) })),
      ),
    }),
    {},
  ),
});

export const caseIdParams = z.object({ id });

export const disputeParams = z.object({ id, disputeId: id });

export const decisionBody = z
  .object({
    decision: z.enum(['reject', 'accept', 'settle']),
    reviewer: text(200),
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

export const holdBody = z.object({
  reason: text(2000),
  until: z.optional(z.nullable(calendarDate)),
});

export const releaseBody = z._default(
  z.nullable(z.object({ note: z.optional(z.string().check(z.maxLength(2000))) })),
  {},
);

/** GET /cases/{id}/dossier: JSON (default) or the readable HTML rendering. */
export const dossierQuery = z.object({ format: z._default(z.enum(['json', 'html']), 'json') });

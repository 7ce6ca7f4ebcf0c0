import { z } from 'zod';
import { isCalendarDate } from '../../shared/rules/calendar.ts';

/** Request bodies of the case API. Dates `YYYY-MM-DD`; money in integer cents. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a date YYYY-MM-DD that exists');
export const cents = z.number().int('must be integer cents').nonnegative('must not be negative');
export const positiveCents = z.number().int('must be integer cents').positive('must be more than zero');
export const id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'may hold only letters, digits and . _ : -');

const channel = z.enum(['online', 'email', 'phone', 'post', 'registered-post', 'in-person']);

export const openCaseBody = z.object({
  debtor: z.object({
    kind: z.enum(['consumer', 'business']),
    name: z.string().min(1),
    address: z.object({
      street: z.string().min(1),
      postalCode: z.string().min(1),
      city: z.string().min(1),
      country: z.string().length(2, 'must be an ISO country code like NL'),
    }),
    email: z.email().optional(),
  }),
  contract: z
    .object({
      reference: z.string().min(1),
      subject: z.enum(['service', 'goods']),
      channel: z.enum(['off-premises', 'distance', 'on-premises']),
      concludedVia: channel,
      concludedOn: calendarDate,
      goodsReceivedOn: calendarDate.optional(),
      priceCents: cents,
      coolingOffInformedOn: calendarDate.nullable(),
      cancellationTerms: z
        .object({
          requiredForm: z.enum(['any', 'written', 'registered-post']),
          acceptedChannels: z.array(channel),
          noticePeriodMonths: z.number().int().min(0).max(60),
          initialTermMonths: z.number().int().min(0).max(120),
          tacitRenewal: z.boolean(),
        })
        .optional(),
    })
    .refine((c) => !c.goodsReceivedOn || c.goodsReceivedOn >= c.concludedOn, {
      message: 'must not be before concludedOn',
      path: ['goodsReceivedOn'],
    })
    .nullable()
    .default(null),
  invoices: z
    .array(
      z
        .object({
          number: id,
          amountCents: positiveCents,
          issuedOn: calendarDate,
          dueOn: calendarDate,
          periodStart: calendarDate.optional(),
          periodEnd: calendarDate.optional(),
        })
        .refine((i) => i.dueOn >= i.issuedOn, {
          message: 'dueOn must not be before issuedOn',
          path: ['dueOn'],
        })
        .refine((i) => !i.periodStart || !i.periodEnd || i.periodEnd >= i.periodStart, {
          message: 'periodEnd must not be before periodStart',
          path: ['periodEnd'],
        }),
    )
    .min(1, 'at least one invoice'),
});

export const paymentBody = z.object({
  reference: id,
  amountCents: positiveCents,
  paidOn: calendarDate,
});

export const disputeBody = z.object({
  kind: z.enum(['withdrawal', 'cancellation', 'non-performance', 'amount', 'other']),
  statement: z.string().min(1).max(4000),
  raisedOn: calendarDate.optional(),
  evidence: z
    .object({
      withdrawalNotice: z.object({ sentOn: calendarDate, channel }).optional(),
      cancellation: z
        .object({
          noticeSentOn: calendarDate,
          noticeReceivedOn: calendarDate.nullable(),
          channel,
          confirmedByTrader: z.boolean(),
        })
        .refine((n) => n.noticeReceivedOn === null || n.noticeReceivedOn >= n.noticeSentOn, {
          message: 'must not be before noticeSentOn',
          path: ['noticeReceivedOn'],
        })
        .optional(),
      usage: z.object({ lastUsedOn: calendarDate.nullable(), description: z.string().optional() }).optional(),
      correspondence: z
        .array(z.object({ on: calendarDate, summary: z.string().min(1), reference: z.string().optional() }))
        .optional(),
    })
    .default({}),
});

export const caseIdParams = z.object({ id });

export const disputeParams = z.object({ id, disputeId: id });

export const decisionBody = z
  .object({
    decision: z.enum(['reject', 'accept', 'settle']),
    reviewer: z.string().min(1).max(200),
    note: z.string().min(1).max(4000),
    settlementCents: positiveCents.optional(),
  })
  .refine((d) => d.decision !== 'settle' || d.settlementCents !== undefined, {
    message: 'is required when the decision is settle',
    path: ['settlementCents'],
  })
  .refine((d) => d.decision === 'settle' || d.settlementCents === undefined, {
    message: 'is only allowed when the decision is settle',
    path: ['settlementCents'],
  });

export const holdBody = z.object({
  reason: z.string().min(1).max(2000),
  until: calendarDate.nullable().optional(),
});

export const releaseBody = z
  .object({ note: z.string().max(2000).optional() })
  .nullable()
  .default({});

/** GET /cases/{id}/dossier: JSON (default) or the readable HTML rendering. */
export const dossierQuery = z.object({ format: z.enum(['json', 'html']).default('json') });

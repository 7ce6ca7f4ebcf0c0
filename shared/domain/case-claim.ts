import type { Settings } from '../config/settings.ts';
import type { CalendarDate } from '../rules/calendar.ts';
import { type ClaimOnResult, claimOn } from '../rules/claim.ts';
import type { Case, PaymentDesignation } from './case.ts';
import { NOT_OWED_STAGES } from './vocabulary.ts';

/**
 * The claim on a date, from the case's invoices, payments, demand term and settlement. Invoices a valid
 * cancellation brought to zero are left out; a case with nothing left owes nothing. A payment counts
 * against a settlement when it was recorded after the settlement was agreed.
 */
export function claimOfCase(c: Case, on: CalendarDate, settings: Settings): ClaimOnResult {
  const invoices = c.invoices.filter((i) => i.amountCents > 0);
  if (invoices.length === 0 || (NOT_OWED_STAGES as readonly string[]).includes(c.stage)) {
    return nothingOwed(c, on);
  }
  const settlement = c.settlement;
  const term = c.schedule.demandTerm;
  return claimOn(
    {
      debtor: c.debtor.kind,
      invoices: invoices.map((i) => ({ number: i.number, amountCents: i.amountCents, dueOn: i.dueOn })),
      payments: c.payments
        .map((p, index) => ({
          reference: p.reference,
          amountCents: p.amountCents,
          paidOn: p.paidOn,
          ...(settlement ? { againstSettlement: index >= settlement.paymentsBefore } : {}),
          // A designation naming an invoice a cancellation brought to zero keeps the invoices still owed.
          ...(designationOf(p.designation, invoices) ?? {}),
        }))
        .filter((p) => p.paidOn <= on),
      ...(c.schedule.dunningAllowedFrom ? { interestFrom: c.schedule.dunningAllowedFrom } : {}),
      // A consumer owes costs only after the 14-day letter's term; a business per invoice from the day after
      // its own due date (6:96 lid 4), whatever a demand letter's term says.
      costsDueFrom: c.debtor.kind === 'consumer' ? (term?.costsDueFrom ?? null) : null,
      demandStatement:
        c.debtor.kind === 'consumer' && term?.stated
          ? {
              sentOn: term.stated.sentOn,
              amountCents: term.stated.amountCents,
              lastDayToPay: term.lastDayToPay,
            }
          : null,
      principalDesignation: 'refuse',
      vatUplift: !settings.creditor.vatDeductible,
      settlement: settlement ? { amountCents: settlement.amountCents, agreedOn: settlement.agreedOn } : null,
    },
    on,
  );
}

function designationOf(
  designation: PaymentDesignation | undefined,
  invoices: readonly { number: string }[],
): { designation: PaymentDesignation } | null {
  if (!designation) return null;
  const owed = designation.invoices.filter((n) => invoices.some((i) => i.number === n));
  return owed.length > 0 ? { designation: { ...designation, invoices: owed } } : null;
}

function nothingOwed(c: Case, on: CalendarDate): ClaimOnResult {
  const paidCents = c.payments.filter((p) => p.paidOn <= on).reduce((sum, p) => sum + p.amountCents, 0);
  return {
    on,
    principalCents: 0,
    interestCents: 0,
    costsCents: 0,
    paidCents,
    totalCents: 0,
    unallocatedCents: paidCents,
    perInvoice: [],
    costs: { status: 'none', dueFrom: null, amountCents: 0, leftCents: 0, breakdown: null },
    interest: {
      kind: c.debtor.kind === 'consumer' ? 'statutory' : 'commercial',
      accruedCents: 0,
      stretches: [],
    },
    allocations: [],
    settlement: null,
    demandStatement: null,
    ratesUnconfirmed: null,
    reasons: [],
  };
}

/**
 * The claim on a date, replaying the ledger (DOMAIN.md sections 5-8).
 *
 * 1. Interest per invoice: statutory for consumers, commercial for businesses, from the later of the day after
 *    the due date and `interestFrom`, through `on`, on the principal still unpaid (interest.ts).
 * 2. Payments in date order: accrue every invoice's interest through the payment day, then allocate (6:44):
 *    the costs (only once due on that day), then per invoice, oldest due first (6:43 lid 2), interest then
 *    principal. A payment larger than the debt leaves an unallocated credit.
 * 3. Costs: a consumer owes BIK on the summed principal still unpaid at the end of the 14-day term, from
 *    `costsDueFrom` (6:96 lid 6-7); none without a letter. A business owes BIK, at least EUR 40, from the day
 *    after the earliest due date (6:96 lid 4) unless `costsDueFrom` names another day. Costs are fixed on the
 *    day they become due.
 * 4. Settlement (product decision, docs/rules.md): from `agreedOn`, what stays owed is the settlement amount
 *    less the payments made against it (those flagged `againstSettlement`; unflagged, those paid on or after
 *    that day); no further interest. Collection costs on the settled amount only after a demand whose term
 *    ends after the settlement (`costsDueFrom` later than `agreedOn`), on what of it is unpaid then.
 */
import { InvalidInputError } from '../errors.ts';
import { allocatePayment } from './allocation.ts';
import { addDays, type CalendarDate, maxDate } from './calendar.ts';
import { type CollectionCosts, collectionCosts, type DebtorKind } from './costs.ts';
import { INTEREST_TABLE_FROM } from './data/interest-rates.ts';
import { ARTICLE, InterestAccrual, type InterestKind, type InterestStretch } from './interest.ts';
import { euros } from './money.ts';
import { type Reason, reason } from './reason.ts';
import {
  optionalBoolean,
  optionalDate,
  requireArray,
  requireCents,
  requireDate,
  requireObject,
  requireOneOf,
  requireString,
} from './validate.ts';

export interface ClaimInvoice {
  number: string;
  amountCents: number;
  dueOn: CalendarDate;
}

export interface ClaimPayment {
  reference: string;
  amountCents: number;
  paidOn: CalendarDate;
  /**
   * Whether the payment counts against a settlement (it was received after the settlement was agreed).
   * Absent: it does when paid on or after the settlement day.
   */
  againstSettlement?: boolean;
}

export interface ClaimInput {
  debtor: DebtorKind;
  invoices: ClaimInvoice[];
  payments: ClaimPayment[];
  /** Earliest first day interest may run (e.g. the day after an off-premises cooling-off period). */
  interestFrom?: CalendarDate | null;
  /** Consumer: the first day costs are due under the 14-day letter; null = no costs (yet). Business: see above. */
  costsDueFrom: CalendarDate | null;
  vatUplift?: boolean;
  settlement?: { amountCents: number; agreedOn: CalendarDate } | null;
}

export interface InvoiceClaim {
  number: string;
  dueOn: CalendarDate;
  /** First day interest runs on this invoice. */
  interestFrom: CalendarDate;
  principalCents: number;
  /** Interest still unpaid. */
  interestCents: number;
  /** All interest accrued, paid or not. */
  accruedInterestCents: number;
  stretches: InterestStretch[];
}

export interface PaymentAllocation {
  reference: string;
  paidOn: CalendarDate;
  amountCents: number;
  costsCents: number;
  interestCents: number;
  principalCents: number;
  perInvoice: { number: string; interestCents: number; principalCents: number }[];
  /** Went to the settlement amount (payments on or after the settlement day). */
  settlementCents: number;
  unallocatedCents: number;
}

export interface CostsClaim {
  status: 'none' | 'not-yet-due' | 'due';
  dueFrom: CalendarDate | null;
  /** Fixed amount once due (incl. VAT when uplifted); 0 otherwise. */
  amountCents: number;
  /** Still unpaid. */
  leftCents: number;
  breakdown: CollectionCosts | null;
}

export interface ClaimOnResult {
  on: CalendarDate;
  principalCents: number;
  interestCents: number;
  costsCents: number;
  /** Payments made on or before `on`. */
  paidCents: number;
  /** What the debtor must pay on `on` to be done. */
  totalCents: number;
  /** Paid beyond the debt (to refund or set off). */
  unallocatedCents: number;
  perInvoice: InvoiceClaim[];
  costs: CostsClaim;
  interest: {
    kind: InterestKind;
    accruedCents: number;
    stretches: (InterestStretch & { invoice: string })[];
  };
  allocations: PaymentAllocation[];
  settlement: {
    amountCents: number;
    agreedOn: CalendarDate;
    paidSinceCents: number;
    leftCents: number;
  } | null;
  reasons: Reason[];
}

interface InvoiceState {
  invoice: ClaimInvoice;
  interestFrom: CalendarDate;
  principalCents: number;
  accrual: InterestAccrual | null;
}

function parseInput(input: ClaimInput) {
  const obj = requireObject(input, 'input');
  const debtor = requireOneOf(obj.debtor, 'debtor', ['consumer', 'business'] as const);
  const invoices = requireArray(obj.invoices, 'invoices').map((value, i): ClaimInvoice => {
    const inv = requireObject(value, `invoices[${i}]`);
    return {
      number: requireString(inv.number, `invoices[${i}].number`),
      amountCents: requireCents(inv.amountCents, `invoices[${i}].amountCents`, { positive: true }),
      dueOn: requireDate(inv.dueOn, `invoices[${i}].dueOn`),
    };
  });
  if (invoices.length === 0) throw new InvalidInputError('invoices', 'must name at least one invoice');
  const numbers = new Set<string>();
  invoices.forEach((inv, i) => {
    if (numbers.has(inv.number))
      throw new InvalidInputError(`invoices[${i}].number`, `${inv.number} appears twice`);
    numbers.add(inv.number);
  });
  const payments = (obj.payments === undefined ? [] : requireArray(obj.payments, 'payments')).map(
    (value, i): ClaimPayment => {
      const p = requireObject(value, `payments[${i}]`);
      return {
        reference: requireString(p.reference, `payments[${i}].reference`),
        amountCents: requireCents(p.amountCents, `payments[${i}].amountCents`, { positive: true }),
        paidOn: requireDate(p.paidOn, `payments[${i}].paidOn`),
        ...(p.againstSettlement === undefined
          ? {}
          : {
              againstSettlement: optionalBoolean(
                p.againstSettlement,
                `payments[${i}].againstSettlement`,
                false,
              ),
            }),
      };
    },
  );
  if (obj.costsDueFrom === undefined)
    throw new InvalidInputError('costsDueFrom', 'must be a date YYYY-MM-DD or null');
  const costsDueFrom = optionalDate(obj.costsDueFrom, 'costsDueFrom');
  const interestFrom = optionalDate(obj.interestFrom, 'interestFrom');
  const vatUplift = optionalBoolean(obj.vatUplift, 'vatUplift', false);
  let settlement: { amountCents: number; agreedOn: CalendarDate } | null = null;
  if (obj.settlement !== undefined && obj.settlement !== null) {
    const s = requireObject(obj.settlement, 'settlement');
    settlement = {
      amountCents: requireCents(s.amountCents, 'settlement.amountCents'),
      agreedOn: requireDate(s.agreedOn, 'settlement.agreedOn'),
    };
  }
  return { debtor, invoices, payments, costsDueFrom, interestFrom, vatUplift, settlement };
}

export function claimOn(input: ClaimInput, on: CalendarDate): ClaimOnResult {
  const { debtor, invoices, payments, costsDueFrom, interestFrom, vatUplift, settlement } = parseInput(input);
  requireDate(on, 'on');
  const kind: InterestKind = debtor === 'consumer' ? 'statutory' : 'commercial';
  const reasons: Reason[] = [];

  // Invoices oldest due first (stable for equal due dates): the order payments are applied in (6:43 lid 2).
  const states: InvoiceState[] = invoices
    .map((invoice, index) => ({ invoice, index }))
    .sort((a, b) =>
      a.invoice.dueOn === b.invoice.dueOn ? a.index - b.index : a.invoice.dueOn < b.invoice.dueOn ? -1 : 1,
    )
    .map(({ invoice, index }) => {
      const dayAfterDue = addDays(invoice.dueOn, 1);
      const start = interestFrom ? maxDate(dayAfterDue, interestFrom) : dayAfterDue;
      if (start < INTEREST_TABLE_FROM) {
        throw new InvalidInputError(
          `invoices[${index}].dueOn`,
          `interest from ${start} is not covered: the rate table starts on ${INTEREST_TABLE_FROM}`,
        );
      }
      return { invoice, interestFrom: start, principalCents: invoice.amountCents, accrual: null };
    });
  reasons.push(
    reason(
      kind === 'statutory' ? 'INTEREST_STATUTORY' : 'INTEREST_COMMERCIAL',
      `${kind === 'statutory' ? 'Statutory' : 'Statutory commercial'} interest runs on each invoice from the day after its due date${interestFrom ? ` (not before ${interestFrom})` : ''} through ${on}, compounded yearly.`,
      ARTICLE[kind],
    ),
  );

  // Costs: when they become due, and on what.
  const earliestDue = states[0]?.invoice.dueOn as CalendarDate;
  const costsFrom: CalendarDate | null =
    debtor === 'consumer' ? costsDueFrom : (costsDueFrom ?? addDays(earliestDue, 1));
  if (debtor === 'consumer' && costsFrom === null) {
    reasons.push(
      reason(
        'COSTS_NO_LETTER',
        'No 14-day letter has set a day from which collection costs are due, so none are charged.',
        'art. 6:96 lid 6 BW',
      ),
    );
  }
  let costs: { breakdown: CollectionCosts; left: number } | null = null;

  const accrueAll = (through: CalendarDate) => {
    for (const s of states) {
      if (s.interestFrom > through) continue;
      s.accrual ??= new InterestAccrual(kind, s.interestFrom, s.principalCents);
      s.accrual.accrueThrough(through);
    }
  };
  const fixCostsIfDue = (date: CalendarDate) => {
    if (costs || costsFrom === null || costsFrom > date) return;
    const base = states.reduce((sum, s) => sum + s.principalCents, 0);
    const breakdown = collectionCosts({ debtor, principalCents: base, vatUplift });
    costs = { breakdown, left: breakdown.costsCents };
    reasons.push(
      reason(
        debtor === 'consumer' ? 'COSTS_AFTER_LETTER' : 'COSTS_BUSINESS_DUE',
        debtor === 'consumer'
          ? `Collection costs of ${euros(breakdown.costsCents)} on the ${euros(base)} still unpaid at the end of the 14-day term are due from ${costsFrom}.`
          : `Collection costs of ${euros(breakdown.costsCents)} on the unpaid ${euros(base)} are due from ${costsFrom}.`,
        debtor === 'consumer' ? 'art. 6:96 lid 6-7 BW; BIK' : 'art. 6:96 lid 4 BW; BIK',
      ),
    );
  };

  const settledFrom = settlement && settlement.agreedOn <= on ? settlement.agreedOn : null;
  const ledgerThrough = settledFrom ? addDays(settledFrom, -1) : on;
  const counted = payments
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => p.paidOn <= on)
    .sort((a, b) => (a.p.paidOn === b.p.paidOn ? a.index - b.index : a.p.paidOn < b.p.paidOn ? -1 : 1))
    .map(({ p }) => p);
  if (counted.length < payments.length) {
    reasons.push(
      reason(
        'PAYMENTS_AFTER_DATE_IGNORED',
        `${payments.length - counted.length} payment(s) dated after ${on} are not counted.`,
        'art. 6:44 BW',
      ),
    );
  }

  const allocations: PaymentAllocation[] = [];
  let unallocatedCents = 0;
  let paidSinceSettlement = 0;
  for (const payment of counted) {
    const record: PaymentAllocation = {
      reference: payment.reference,
      paidOn: payment.paidOn,
      amountCents: payment.amountCents,
      costsCents: 0,
      interestCents: 0,
      principalCents: 0,
      perInvoice: [],
      settlementCents: 0,
      unallocatedCents: 0,
    };
    allocations.push(record);
    if (settledFrom && (payment.againstSettlement ?? payment.paidOn >= settledFrom)) {
      paidSinceSettlement += payment.amountCents;
      record.settlementCents = payment.amountCents;
      continue;
    }
    accrueAll(payment.paidOn);
    fixCostsIfDue(payment.paidOn);
    let left = payment.amountCents;
    const current = costs as { breakdown: CollectionCosts; left: number } | null;
    if (current) {
      const toCosts = allocatePayment({
        paymentCents: left,
        costsCents: current.left,
        interestCents: 0,
        principalCents: 0,
      });
      current.left = toCosts.costsCents;
      record.costsCents = toCosts.applied.costsCents;
      left = toCosts.unallocatedCents;
    }
    for (const s of states) {
      if (left === 0) break;
      const unpaidInterest = s.accrual?.unpaidInterestCents ?? 0;
      const step = allocatePayment({
        paymentCents: left,
        costsCents: 0,
        interestCents: unpaidInterest,
        principalCents: s.principalCents,
      });
      const { interestCents, principalCents } = step.applied;
      if (interestCents + principalCents === 0) continue;
      s.accrual?.applyPayment(interestCents, principalCents);
      s.principalCents -= principalCents;
      record.interestCents += interestCents;
      record.principalCents += principalCents;
      record.perInvoice.push({ number: s.invoice.number, interestCents, principalCents });
      left = step.unallocatedCents;
    }
    record.unallocatedCents = left;
    unallocatedCents += left;
  }
  if (counted.length > 0) {
    reasons.push(
      reason(
        'PAYMENTS_ALLOCATED',
        'Each payment went first to costs due on its date, then per invoice, oldest due first, to interest and then principal.',
        'art. 6:43 lid 2 BW; art. 6:44 lid 1 BW',
      ),
    );
  }
  accrueAll(ledgerThrough);
  fixCostsIfDue(ledgerThrough);
  for (const s of states)
    for (const r of s.accrual?.reasons() ?? []) if (r.code === 'RATE_TO_BE_CONFIRMED') pushOnce(reasons, r);

  const perInvoice: InvoiceClaim[] = states.map((s) => ({
    number: s.invoice.number,
    dueOn: s.invoice.dueOn,
    interestFrom: s.interestFrom,
    principalCents: s.principalCents,
    interestCents: s.accrual?.unpaidInterestCents ?? 0,
    accruedInterestCents: s.accrual?.accruedCents ?? 0,
    stretches: s.accrual?.stretches ?? [],
  }));
  const fixed = costs as { breakdown: CollectionCosts; left: number } | null;
  const costsClaim: CostsClaim = {
    status: fixed ? 'due' : costsFrom === null ? 'none' : 'not-yet-due',
    dueFrom: costsFrom,
    amountCents: fixed?.breakdown.costsCents ?? 0,
    leftCents: fixed?.left ?? 0,
    breakdown: fixed?.breakdown ?? null,
  };
  if (costsClaim.status === 'not-yet-due') {
    reasons.push(
      reason(
        'COSTS_NOT_YET_DUE',
        `Collection costs are not due before ${costsFrom}.`,
        debtor === 'consumer' ? 'art. 6:96 lid 6 BW' : 'art. 6:96 lid 4 BW',
      ),
    );
  }
  const interest = {
    kind,
    accruedCents: perInvoice.reduce((sum, i) => sum + i.accruedInterestCents, 0),
    stretches: perInvoice.flatMap((i) => i.stretches.map((s) => ({ invoice: i.number, ...s }))),
  };
  const paidCents = counted.reduce((sum, p) => sum + p.amountCents, 0);

  let principalCents = perInvoice.reduce((sum, i) => sum + i.principalCents, 0);
  let interestCents = perInvoice.reduce((sum, i) => sum + i.interestCents, 0);
  let costsCents = costsClaim.leftCents;
  let settlementOut: ClaimOnResult['settlement'] = null;
  let claimCosts = costsClaim;
  let claimPerInvoice = perInvoice;
  if (settlement && settledFrom) {
    const settled = settledClaim(
      settlement.amountCents,
      allocations.filter((a) => a.settlementCents > 0),
      costsFrom !== null && costsFrom > settledFrom ? costsFrom : null,
      on,
      (base) => collectionCosts({ debtor, principalCents: base, vatUplift }),
    );
    unallocatedCents += settled.unallocatedCents;
    settlementOut = { ...settlement, paidSinceCents: paidSinceSettlement, leftCents: settled.leftCents };
    reasons.push(
      reason(
        'SETTLEMENT',
        `A settlement of ${euros(settlement.amountCents)} was agreed on ${settlement.agreedOn}; ${euros(paidSinceSettlement)} has been paid against it, ${euros(settled.leftCents)} of it stays owed, with no further interest.`,
        'art. 7:900 BW (vaststellingsovereenkomst); product decision',
      ),
    );
    claimCosts = settled.costs;
    if (settled.costs.status === 'due') {
      reasons.push(
        reason(
          debtor === 'consumer' ? 'COSTS_AFTER_LETTER' : 'COSTS_BUSINESS_DUE',
          `Collection costs of ${euros(settled.costs.amountCents)} on the ${euros(settled.costs.breakdown?.baseCents ?? 0)} of the settlement unpaid when the demand's term ended are due from ${costsFrom}.`,
          debtor === 'consumer' ? 'art. 6:96 lid 6-7 BW; BIK' : 'art. 6:96 lid 4 BW; BIK',
        ),
      );
    }
    claimPerInvoice = shareOverInvoices(perInvoice, settled.leftCents);
    principalCents = settled.leftCents;
    interestCents = 0;
    costsCents = settled.costs.leftCents;
  } else if (settlement) {
    reasons.push(
      reason(
        'SETTLEMENT_NOT_YET',
        `The settlement agreed on ${settlement.agreedOn} is after ${on} and not applied.`,
        'art. 7:900 BW',
      ),
    );
  }
  return {
    on,
    principalCents,
    interestCents,
    costsCents,
    paidCents,
    totalCents: principalCents + interestCents + costsCents,
    unallocatedCents,
    perInvoice: claimPerInvoice,
    costs: claimCosts,
    interest,
    allocations,
    settlement: settlementOut,
    reasons,
  };
}

function pushOnce(reasons: Reason[], r: Reason): void {
  if (!reasons.some((x) => x.code === r.code && x.text === r.text)) reasons.push(r);
}

/**
 * What stays of a settlement on `on`: the payments made against it go first to collection costs once those
 * are due (6:44), then to the settled amount. Costs become due only from `costsFrom` (a demand's term ending
 * after the settlement), on the part of the settled amount unpaid the day before.
 */
function settledClaim(
  amountCents: number,
  payments: PaymentAllocation[],
  costsFrom: CalendarDate | null,
  on: CalendarDate,
  costsOn: (base: number) => CollectionCosts,
): { leftCents: number; unallocatedCents: number; costs: CostsClaim } {
  let left = amountCents;
  let costs: { breakdown: CollectionCosts; left: number } | null = null;
  let unallocatedCents = 0;
  const fixCosts = (date: CalendarDate) => {
    if (costs || costsFrom === null || date < costsFrom || left === 0) return;
    const breakdown = costsOn(left);
    costs = { breakdown, left: breakdown.costsCents };
  };
  for (const p of payments) {
    fixCosts(p.paidOn);
    let rest = p.settlementCents;
    const due = costs as { breakdown: CollectionCosts; left: number } | null;
    if (due) {
      const toCosts = Math.min(due.left, rest);
      due.left -= toCosts;
      rest -= toCosts;
    }
    const toSettlement = Math.min(left, rest);
    left -= toSettlement;
    unallocatedCents += rest - toSettlement;
  }
  fixCosts(on);
  const fixed = costs as { breakdown: CollectionCosts; left: number } | null;
  return {
    leftCents: left,
    unallocatedCents,
    costs: {
      status: fixed ? 'due' : costsFrom === null ? 'none' : 'not-yet-due',
      dueFrom: costsFrom,
      amountCents: fixed?.breakdown.costsCents ?? 0,
      leftCents: fixed?.left ?? 0,
      breakdown: fixed?.breakdown ?? null,
    },
  };
}

/**
 * The settled amount still owed, shared over the invoices in proportion to their principal before the
 * settlement (largest remainder, so the shares add up to the cent); no interest after the settlement.
 */
function shareOverInvoices(perInvoice: InvoiceClaim[], leftCents: number): InvoiceClaim[] {
  const weights = perInvoice.map((i) => (i.principalCents > 0 ? i.principalCents : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const basis = total > 0 ? weights : perInvoice.map(() => 1);
  const sum = basis.reduce((a, b) => a + b, 0);
  const exact = basis.map((w) => (leftCents * w) / sum);
  const shares = exact.map(Math.floor);
  let rest = leftCents - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest === 0) break;
    shares[i] = (shares[i] as number) + 1;
    rest--;
  }
  return perInvoice.map((inv, i) => ({ ...inv, principalCents: shares[i] as number, interestCents: 0 }));
}

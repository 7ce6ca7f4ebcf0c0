/**
 * The claim on a date, replaying the ledger (DOMAIN.md sections 5-8).
 *
 * 1. Interest per invoice: statutory for consumers, commercial for businesses, from the later of the day after
 *    the due date and `interestFrom`, through `on`, on the principal still unpaid (interest.ts).
 * 2. Payments in date order: accrue every invoice's interest through the payment day, then allocate (6:44):
 *    the costs (only once due on that day), then to the invoices the debtor designated (6:43 lid 1), then per
 *    invoice, oldest due first, invoices due on the same day sharing pro rata (6:43 lid 2); on each invoice
 *    interest then principal. A designation to principal before costs and interest is refused by default
 *    (6:44 lid 2). A payment larger than the debt leaves an unallocated credit.
 * 3. Costs: a consumer owes BIK on the summed principal still unpaid at the end of the 14-day term, from
 *    `costsDueFrom` (6:96 lid 6-7); none without a letter, and none when the amount the letter stated was
 *    paid within its term (`demandStatement`). A business owes costs only on invoices in default: each
 *    invoice joins the base from the day after its own due date (6:96 lid 4 with 6:74, 6:81), with the unpaid
 *    principal it has then; the BIK bands and the EUR 40 minimum apply once to the summed base, so recurring
 *    invoices of one contract never stack minimums. Costs are fixed on the day they become due.
 * 4. Settlement (product decision, docs/rules.md): from `agreedOn`, what stays owed is the settlement amount
 *    less the payments made against it (those flagged `againstSettlement`; unflagged, those paid on or after
 *    that day); no further interest. Collection costs on the settled amount only after a demand whose term
 *    ends after the settlement (`costsDueFrom` later than `agreedOn`), on what of it is unpaid then.
 */
import { InvalidInputError } from '../errors.ts';
import { addDays, type CalendarDate, maxDate } from './calendar.ts';
import { type CollectionCosts, collectionCosts, type DebtorKind } from './costs.ts';
import { INTEREST_TABLE_FROM, RATES_CONFIRMED_THROUGH } from './data/interest-rates.ts';
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
  /** The debtor's designation (6:43 lid 1): the invoices this payment is for, and whether to their principal. */
  designation?: PaymentDesignation;
}

export interface PaymentDesignation {
  invoices: string[];
  /** The debtor asks that it go to principal before costs and interest (6:44 lid 2 lets the creditor refuse). */
  toPrincipal?: boolean;
}

/** What the consumer 14-day letter asked: paying this within the term means no collection costs (6:96 lid 6). */
export interface DemandStatement {
  /** The letter's date: payments after it count towards the stated amount. */
  sentOn: CalendarDate;
  /** The amount the letter asked to be paid "zonder dat u incassokosten verschuldigd bent". */
  amountCents: number;
  lastDayToPay: CalendarDate;
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
  /** Consumer: what the 14-day letter stated (amount, last day to pay). */
  demandStatement?: DemandStatement | null;
  /** A designation to principal before costs and interest: refused (the product's default) or accepted. */
  principalDesignation?: 'refuse' | 'accept';
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
  /** The first day costs are due (for a business: the earliest invoice's day; see `perInvoice`). */
  dueFrom: CalendarDate | null;
  /** Business: each invoice's own first day of costs and the principal it brought into the base. */
  perInvoice?: { number: string; dueFrom: CalendarDate; baseCents: number | null }[];
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
  /** The 14-day letter's statement, and whether it was met (paid in full within the term). */
  demandStatement: (DemandStatement & { paidInTermCents: number; met: boolean; waivedCents: number }) | null;
  /**
   * Set when some interest ran at a rate not confirmed against its publication (a row marked unconfirmed, or
   * a day past the table's last confirmed half-year): letters and the dossier show it instead of a silent rate.
   */
  ratesUnconfirmed: { from: CalendarDate; confirmedThrough: CalendarDate } | null;
  reasons: Reason[];
}

interface InvoiceState {
  invoice: ClaimInvoice;
  interestFrom: CalendarDate;
  principalCents: number;
  accrual: InterestAccrual | null;
  /** First day this invoice carries collection costs; null: none (yet). */
  costsFrom: CalendarDate | null;
  /** The principal it brought into the costs base on that day; null until then. */
  costsBaseCents: number | null;
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
        ...(p.designation === undefined || p.designation === null
          ? {}
          : { designation: parseDesignation(p.designation, `payments[${i}].designation`, numbers) }),
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
  let demandStatement: DemandStatement | null = null;
  if (obj.demandStatement !== undefined && obj.demandStatement !== null) {
    const d = requireObject(obj.demandStatement, 'demandStatement');
    demandStatement = {
      sentOn: requireDate(d.sentOn, 'demandStatement.sentOn'),
      amountCents: requireCents(d.amountCents, 'demandStatement.amountCents'),
      lastDayToPay: requireDate(d.lastDayToPay, 'demandStatement.lastDayToPay'),
    };
    if (demandStatement.lastDayToPay < demandStatement.sentOn)
      throw new InvalidInputError('demandStatement.lastDayToPay', 'must not be before sentOn');
  }
  const principalDesignation =
    obj.principalDesignation === undefined
      ? 'refuse'
      : requireOneOf(obj.principalDesignation, 'principalDesignation', ['refuse', 'accept'] as const);
  return {
    debtor,
    invoices,
    payments,
    costsDueFrom,
    interestFrom,
    vatUplift,
    settlement,
    demandStatement,
    principalDesignation,
  };
}

/** A payment's designation: invoice numbers of this claim, each once, and an optional `toPrincipal`. */
export function parseDesignation(
  value: unknown,
  field: string,
  known: ReadonlySet<string>,
): PaymentDesignation {
  const d = requireObject(value, field);
  const numbers = requireArray(d.invoices, `${field}.invoices`).map((n, j) => {
    const number = requireString(n, `${field}.invoices[${j}]`);
    if (!known.has(number))
      throw new InvalidInputError(`${field}.invoices[${j}]`, `no invoice ${number} in this claim`);
    return number;
  });
  if (numbers.length === 0)
    throw new InvalidInputError(`${field}.invoices`, 'must name at least one invoice');
  if (new Set(numbers).size !== numbers.length)
    throw new InvalidInputError(`${field}.invoices`, 'names an invoice twice');
  return {
    invoices: numbers,
    ...(d.toPrincipal === undefined
      ? {}
      : { toPrincipal: optionalBoolean(d.toPrincipal, `${field}.toPrincipal`, false) }),
  };
}

export function claimOn(input: ClaimInput, on: CalendarDate): ClaimOnResult {
  const {
    debtor,
    invoices,
    payments,
    costsDueFrom,
    interestFrom,
    vatUplift,
    settlement,
    demandStatement,
    principalDesignation,
  } = parseInput(input);
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
      return {
        invoice,
        interestFrom: start,
        principalCents: invoice.amountCents,
        accrual: null,
        costsFrom: null,
        costsBaseCents: null,
      };
    });
  reasons.push(
    reason(
      kind === 'statutory' ? 'INTEREST_STATUTORY' : 'INTEREST_COMMERCIAL',
      `${kind === 'statutory' ? 'Statutory' : 'Statutory commercial'} interest runs on each invoice from the day after its due date${interestFrom ? ` (not before ${interestFrom})` : ''} through ${on}, compounded yearly.`,
      ARTICLE[kind],
    ),
  );

  const counted = payments
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => p.paidOn <= on)
    .sort((a, b) => (a.p.paidOn === b.p.paidOn ? a.index - b.index : a.p.paidOn < b.p.paidOn ? -1 : 1))
    .map(({ p }) => p);
  const settledFrom = settlement && settlement.agreedOn <= on ? settlement.agreedOn : null;

  // The 14-day letter's statement: paid in full within its term, the letter is complied with (6:96 lid 6).
  let statement: ClaimOnResult['demandStatement'] = null;
  if (demandStatement && debtor === 'consumer' && !settledFrom) {
    const paidInTermCents = counted
      .filter((p) => p.paidOn > demandStatement.sentOn && p.paidOn <= demandStatement.lastDayToPay)
      .reduce((sum, p) => sum + p.amountCents, 0);
    statement = {
      ...demandStatement,
      paidInTermCents,
      met: paidInTermCents >= demandStatement.amountCents,
      waivedCents: 0,
    };
  }

  // Costs: the first day each invoice carries them.
  for (const s of states) {
    s.costsFrom =
      debtor === 'consumer'
        ? costsDueFrom
        : costsDueFrom
          ? maxDate(addDays(s.invoice.dueOn, 1), costsDueFrom)
          : addDays(s.invoice.dueOn, 1);
    if (statement?.met) s.costsFrom = null;
  }
  const costsFrom: CalendarDate | null = states.reduce<CalendarDate | null>(
    (first, s) => (s.costsFrom !== null && (first === null || s.costsFrom < first) ? s.costsFrom : first),
    null,
  );
  if (statement?.met) {
    reasons.push(
      reason(
        'DEMAND_STATED_AMOUNT_PAID',
        `The 14-day letter of ${statement.sentOn} asked ${euros(statement.amountCents)} by ${statement.lastDayToPay}; ${euros(statement.paidInTermCents)} was paid within that term, so no collection costs are due, and the interest that ran after the letter on what it asked is not claimed: the creditor is bound by its letter.`,
        'art. 6:96 lid 6 BW; HR 25-11-2016, ECLI:NL:HR:2016:2704',
      ),
    );
  } else if (debtor === 'consumer' && costsFrom === null) {
    reasons.push(
      reason(
        'COSTS_NO_LETTER',
        'No 14-day letter has set a day from which collection costs are due, so none are charged.',
        'art. 6:96 lid 6 BW',
      ),
    );
  }
  let costs: { breakdown: CollectionCosts; left: number; baseCents: number } | null = null;

  const accrueAll = (through: CalendarDate) => {
    for (const s of states) {
      if (s.interestFrom > through) continue;
      s.accrual ??= new InterestAccrual(kind, s.interestFrom, s.principalCents);
      s.accrual.accrueThrough(through);
    }
  };
  // Each invoice joins the costs base on its own day with the principal then unpaid; the BIK bands and the
  // minimum apply once to the summed base, and what a newly defaulted invoice adds is the difference.
  const fixCostsIfDue = (date: CalendarDate) => {
    const joining = states.filter(
      (s) => s.costsFrom !== null && s.costsFrom <= date && s.costsBaseCents === null,
    );
    if (joining.length === 0) return;
    for (const s of joining) s.costsBaseCents = s.principalCents;
    const base = states.reduce((sum, s) => sum + (s.costsBaseCents ?? 0), 0);
    if (base === 0 && !costs) return;
    const breakdown = collectionCosts({ debtor, principalCents: base, vatUplift });
    const added = breakdown.costsCents - (costs?.breakdown.costsCents ?? 0);
    costs = { breakdown, left: (costs?.left ?? 0) + added, baseCents: base };
    const joined = joining.map((s) => `${s.invoice.number} from ${s.costsFrom}`).join(', ');
    reasons.push(
      reason(
        debtor === 'consumer' ? 'COSTS_AFTER_LETTER' : 'COSTS_BUSINESS_DUE',
        debtor === 'consumer'
          ? `Collection costs of ${euros(breakdown.costsCents)} on the ${euros(base)} still unpaid at the end of the 14-day term are due from ${joining[0]?.costsFrom}.`
          : `In default: invoice ${joined}. Collection costs on the ${euros(base)} in default are ${euros(breakdown.costsCents)}${added !== breakdown.costsCents ? ` (${euros(added)} more)` : ''}.`,
        debtor === 'consumer'
          ? 'art. 6:96 lid 6-7 BW; BIK'
          : 'art. 6:96 lid 4 BW; art. 6:74 BW; art. 6:81 BW; BIK',
      ),
    );
  };

  const ledgerThrough = settledFrom ? addDays(settledFrom, -1) : on;
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
  let sharedProRata = false;
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
    const designated = payment.designation
      ? states.filter((s) => payment.designation?.invoices.includes(s.invoice.number))
      : [];
    const principalFirst = payment.designation?.toPrincipal === true && principalDesignation === 'accept';
    if (payment.designation?.toPrincipal) {
      reasons.push(
        principalFirst
          ? reason(
              'PAYMENT_DESIGNATION_TO_PRINCIPAL_ACCEPTED',
              `Payment ${payment.reference} went to the principal of invoice(s) ${payment.designation.invoices.join(', ')} before costs and interest, as the debtor designated and the creditor accepted.`,
              'art. 6:44 lid 2 BW',
            )
          : reason(
              'PAYMENT_DESIGNATION_TO_PRINCIPAL_REFUSED',
              `Payment ${payment.reference} was designated to principal; the creditor refuses that (its right under art. 6:44 lid 2 BW), so it went to costs, then interest, then principal of the invoice(s) designated.`,
              'art. 6:44 lid 2 BW',
            ),
      );
    }
    const current = costs as { breakdown: CollectionCosts; left: number } | null;
    if (current && !principalFirst) {
      const toCosts = Math.min(left, current.left);
      current.left -= toCosts;
      record.costsCents = toCosts;
      left -= toCosts;
    }
    // The designated invoices first (6:43 lid 1), then the rest oldest due first (6:43 lid 2).
    for (const group of [designated, states.filter((s) => !designated.includes(s))]) {
      for (const sameDay of byDueDate(group)) {
        if (left === 0) break;
        const owed = sameDay.map((s) => (s.accrual?.unpaidInterestCents ?? 0) + s.principalCents);
        const total = owed.reduce((a, b) => a + b, 0);
        if (total === 0) continue;
        const portion = Math.min(left, total);
        const shares = shareInProportion(portion, owed);
        if (sameDay.length > 1 && portion < total && shares.filter((x) => x > 0).length > 1)
          sharedProRata = true;
        sameDay.forEach((s, i) => {
          const share = shares[i] as number;
          if (share === 0) return;
          const interest = s.accrual?.unpaidInterestCents ?? 0;
          const principalCents =
            principalFirst && group === designated
              ? Math.min(share, s.principalCents)
              : Math.max(0, share - interest);
          const interestCents = share - principalCents;
          s.accrual?.applyPayment(interestCents, principalCents);
          s.principalCents -= principalCents;
          record.interestCents += interestCents;
          record.principalCents += principalCents;
          record.perInvoice.push({ number: s.invoice.number, interestCents, principalCents });
        });
        left -= portion;
      }
    }
    if (principalFirst && left > 0 && current) {
      const toCosts = Math.min(left, current.left);
      current.left -= toCosts;
      record.costsCents = toCosts;
      left -= toCosts;
    }
    record.unallocatedCents = left;
    unallocatedCents += left;
  }
  if (counted.length > 0) {
    reasons.push(
      reason(
        'PAYMENTS_ALLOCATED',
        'Each payment went first to costs due on its date, then to the invoices the debtor designated, then per invoice, oldest due first, to interest and then principal.',
        'art. 6:43 BW; art. 6:44 lid 1 BW',
      ),
    );
  }
  if (sharedProRata) {
    reasons.push(
      reason(
        'PAYMENT_SHARED_PRO_RATA',
        'Invoices due on the same day are equally old: a payment that did not cover them all was shared in proportion to what each owed.',
        'art. 6:43 lid 2 BW',
      ),
    );
  }
  accrueAll(ledgerThrough);
  fixCostsIfDue(ledgerThrough);
  let ratesUnconfirmedFrom: CalendarDate | null = null;
  for (const s of states) {
    for (const r of s.accrual?.reasons() ?? [])
      if (r.code === 'RATE_TO_BE_CONFIRMED' || r.code === 'RATES_NOT_CONFIRMED') pushOnce(reasons, r);
    const from = s.accrual?.unconfirmedFrom ?? null;
    if (from && (ratesUnconfirmedFrom === null || from < ratesUnconfirmedFrom)) ratesUnconfirmedFrom = from;
  }

  // The letter complied with: what its stated amount left (interest run since the letter) is not claimed.
  if (statement?.met) {
    statement.waivedCents = states.reduce(
      (sum, s) => sum + s.principalCents + (s.accrual?.unpaidInterestCents ?? 0),
      0,
    );
    for (const s of states) {
      s.accrual?.applyPayment(s.accrual.unpaidInterestCents, 0);
      s.principalCents = 0;
    }
  }

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
    ...(debtor === 'business'
      ? {
          perInvoice: states
            .filter((s) => s.costsFrom !== null)
            .map((s) => ({
              number: s.invoice.number,
              dueFrom: s.costsFrom as CalendarDate,
              baseCents: s.costsBaseCents,
            })),
        }
      : {}),
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
    demandStatement: statement,
    ratesUnconfirmed: ratesUnconfirmedFrom
      ? { from: ratesUnconfirmedFrom, confirmedThrough: RATES_CONFIRMED_THROUGH }
      : null,
    reasons,
  };
}

/** Groups invoices by due date, oldest first, keeping their order within a day. */
function byDueDate(states: InvoiceState[]): InvoiceState[][] {
  const groups: InvoiceState[][] = [];
  for (const s of states) {
    const last = groups.at(-1);
    if (last && last[0]?.invoice.dueOn === s.invoice.dueOn) last.push(s);
    else groups.push([s]);
  }
  return groups;
}

/**
 * `amountCents` shared in proportion to `weights` to the cent (largest remainder; ties to the earlier one),
 * so the shares add up exactly. No share exceeds its weight when the amount does not exceed their sum.
 */
export function shareInProportion(amountCents: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => BigInt(amountCents) * BigInt(w));
  const shares = exact.map((x) => Number(x / BigInt(sum)));
  let rest = amountCents - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x % BigInt(sum) }))
    .sort((a, b) => (b.frac > a.frac ? 1 : b.frac < a.frac ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (rest === 0) break;
    shares[i] = (shares[i] as number) + 1;
    rest--;
  }
  return shares;
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
  const shares = shareInProportion(leftCents, total > 0 ? weights : perInvoice.map(() => 1));
  return perInvoice.map((inv, i) => ({ ...inv, principalCents: shares[i] as number, interestCents: 0 }));
}

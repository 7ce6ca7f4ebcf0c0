import type { Case, LetterKind, PostalAddress } from '../domain/case.ts';
import type { CalendarDate } from '../rules/calendar.ts';
import type { Reason } from '../rules/reason.ts';

/** The creditor whose details head every letter and dossier. */
export interface Creditor {
  name: string;
  address: PostalAddress;
  kvkNumber: string;
  iban: string;
  email: string;
  /** Whether the creditor can deduct VAT; when it cannot, VAT on collection costs may be charged (BIK art. 2). */
  vatDeductible: boolean;
}

/** The collection agency a handoff notice names: who collects from now on and how to reach them. */
export interface AgencyContact {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
}

/** One invoice's share of the claim on the letter's date. */
export interface InvoiceAmounts {
  number: string;
  principalCents: number;
  interestCents: number;
}

/**
 * The amounts a letter states, as the rules engine computed them on the letter's date. The letter module
 * never computes money: it formats what it is given.
 */
export interface LetterAmounts {
  perInvoice: InvoiceAmounts[];
  principalCents: number;
  interestCents: number;
  /** Collection costs already due on the letter's date (0 in a 14-day letter: they are not due yet). */
  costsCents: number;
  /** Paid so far; optional, stated when above zero. */
  paidCents?: number;
  /** What the debtor owes on the letter's date. */
  totalCents: number;
  /** Interest ran at a rate not yet confirmed from this day: the letter says so (shared/rules/interest.ts). */
  ratesUnconfirmed?: { from: CalendarDate; confirmedThrough: CalendarDate } | null;
}

/** The demand term of a 14-day letter (art. 6:96 lid 6 BW), as the rules engine computed it. */
export interface DemandTermDates {
  deliveredOn: CalendarDate;
  lastDayToPay: CalendarDate;
  costsDueFrom: CalendarDate;
}

export interface LetterInput {
  kind: LetterKind;
  /** Stable id chosen by the caller (e.g. `<caseId>:fourteen-day-letter:1`): delivery is idempotent on it. */
  letterId: string;
  date: CalendarDate;
  creditor: Creditor;
  case: Case;
  amounts: LetterAmounts;
  /** 14-day letter: presumed delivery and the last day to pay (informative; the statutory wording governs). */
  demandTerm?: DemandTermDates;
  /** 14-day letter: the exact collection costs that become due when the term passes unpaid (incl. VAT if any). */
  costsIfUnpaidCents?: number;
  /** 14-day letter: state that the cost amount includes VAT because the creditor cannot deduct it. */
  vatStatement?: boolean;
  /** Reminder and demand: the day by which to pay (no legal term; a courtesy term chosen by the creditor). */
  payBy?: CalendarDate;
  /** Dispute rejection and confirmations: why, with the clause or article. */
  reasons?: Reason[];
  /** The dispute a rejection or confirmation answers. */
  disputeId?: string;
  /** Cancellation confirmation: the day the contract ends. */
  effectiveOn?: CalendarDate;
  /** Handoff notice: the agency that takes over. */
  agencyName?: string;
  /** Handoff notice: how the debtor reaches the agency (the name is `agencyName`). */
  agencyContact?: Omit<AgencyContact, 'name'>;
}

export interface LetterProblem {
  code:
    | 'case-mismatch'
    | 'case-paid'
    | 'case-closed'
    | 'case-disputed'
    | 'case-on-hold'
    | 'missing-invoice-principal'
    | 'missing-costs-amount'
    | 'costs-charged-early'
    | 'missing-term-wording'
    | 'vat-not-chargeable'
    | 'missing-reasons'
    | 'missing-agency'
    | 'reason-not-in-dutch'
    | 'amounts-do-not-add-up';
  text: string;
}

export type LetterCheck = { ok: true } | { ok: false; problems: LetterProblem[] };

/** The statutory term wording of art. 6:96 lid 6 BW (DOMAIN.md section 5). */
export const STATUTORY_TERM_WORDING = 'binnen veertien dagen vanaf de dag nadat deze brief bij u is bezorgd';

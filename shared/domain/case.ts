import type { CalendarDate } from '../rules/calendar.ts';
import type { CancellationClaim, CancellationTerms, UsageEvidence } from '../rules/cancellation-terms.ts';
import type { PaymentDesignation } from '../rules/claim.ts';
import type {
  BounceType,
  CaseStage,
  CONTRACT_SUBJECTS,
  ContactChannel,
  DECIDED_BY,
  DebtorKind,
  DisputeKind,
  DisputeStatus,
  DisputeVerdict,
  LETTER_STATUSES,
  LetterKind,
  SalesChannel,
  WaitKind,
} from './vocabulary.ts';

export type { PaymentDesignation } from '../rules/claim.ts';
export type {
  CaseStage,
  ContactChannel,
  DebtorKind,
  DisputeKind,
  DisputeStatus,
  DisputeVerdict,
  LetterKind,
  SalesChannel,
  WaitKind,
} from './vocabulary.ts';

/** Bounds that keep a case's whole life under DynamoDB's 400 KB item limit (docs/data-model.md). */
export const CASE_LIMITS = { invoices: 100, payments: 300, disputes: 5 } as const;

export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export interface Debtor {
  kind: DebtorKind;
  name: string;
  address: PostalAddress;
  email?: string;
  /** Whom letters address, as written after "Geachte" (e.g. "mevrouw Jansen"); else "Geachte heer/mevrouw". */
  contactPerson?: string;
}

/** The contract facts the rules need. */
export interface Contract {
  reference: string;
  subject: (typeof CONTRACT_SUBJECTS)[number];
  channel: SalesChannel;
  /** How the contract was concluded (a consumer may always cancel the same way, 6:236 sub o). */
  concludedVia: ContactChannel;
  concludedOn: CalendarDate;
  goodsReceivedOn?: CalendarDate;
  /** Total price the consumer pays under the contract (the EUR 50 threshold of 6:230h lid 2). */
  priceCents: number;
  /** Day the consumer received the cooling-off information; null when never given. */
  coolingOffInformedOn: CalendarDate | null;
  cancellationTerms?: CancellationTerms;
}

export interface Invoice {
  number: string;
  amountCents: number;
  issuedOn: CalendarDate;
  dueOn: CalendarDate;
  periodStart?: CalendarDate;
  periodEnd?: CalendarDate;
}

/** Dunning is paused while a dispute is open or the creditor holds the case; both may be in force. */
export type CasePause =
  | { kind: 'dispute'; disputeId: string; since: CalendarDate }
  | { kind: 'hold'; reason: string; since: CalendarDate; until: CalendarDate | null };

export interface Payment {
  reference: string;
  amountCents: number;
  paidOn: CalendarDate;
  receivedAt: string;
  /** The debtor's designation of invoices (6:43 lid 1), applied within 6:44 (shared/rules/claim.ts). */
  designation?: PaymentDesignation;
}

export interface DisputeEvidence {
  /** The debtor's withdrawal notice (cooling-off): when it was sent, and how. */
  withdrawalNotice?: { sentOn: CalendarDate; channel: ContactChannel };
  cancellation?: CancellationClaim;
  usage?: UsageEvidence;
  correspondence?: { on: CalendarDate; summary: string; reference?: string }[];
}

export interface ReasonRecord {
  code: string;
  /** For operators (English for the rules' reasons; a reviewer's note as written). */
  text: string;
  article: string;
  /** The reason in Dutch, for letters and the dossier (the rules' reasons carry it; shared/rules/reason.ts). */
  textNl?: string;
}

export interface Dispute {
  disputeId: string;
  kind: DisputeKind;
  raisedOn: CalendarDate;
  statement: string;
  evidence: DisputeEvidence;
  status: DisputeStatus;
  verdict?: {
    by: (typeof DECIDED_BY)[number];
    verdict: DisputeVerdict;
    reasons: ReasonRecord[];
    decidedOn: CalendarDate;
  };
  settlementCents?: number;
}

/** A letter is recorded on the case before delivery is attempted; delivery is idempotent on letterId. */
export interface LetterRecord {
  letterId: string;
  kind: LetterKind;
  date: CalendarDate;
  recipient: string;
  contentHash: string;
  amounts: { principalCents: number; interestCents: number; costsCents: number; totalCents: number };
  status: (typeof LETTER_STATUSES)[number];
  deliveryReference?: string;
  /** The provider's report that the letter did not reach the debtor (status `bounced`). */
  bounce?: { feedbackId: string; bounceType: BounceType; at: string };
  /** The debtor marked the e-mail as spam: it was delivered, and they object to it. */
  complaint?: { feedbackId: string; at: string };
}

/** One line of the append-only record of what happened; `id` makes appending idempotent. */
export interface ChronologyEntry {
  id: string;
  at: string;
  on: CalendarDate;
  type: string;
  actor: string;
  summary: string;
  refs?: Record<string, string>;
}

export interface Schedule {
  reminderOn: CalendarDate | null;
  demandOn: CalendarDate | null;
  demandTerm: {
    deliveredOn: CalendarDate;
    lastDayToPay: CalendarDate;
    costsDueFrom: CalendarDate;
    /**
     * What the 14-day letter stated: the amount asked "zonder dat u incassokosten verschuldigd bent" and the
     * letter's date. Paid within the term, no collection costs are due (6:96 lid 6 BW). Absent on older records.
     */
    stated?: { amountCents: number; sentOn: CalendarDate };
  } | null;
  handoffOn: CalendarDate | null;
  /** Which demand this is: a payment after a demand brings a new one for the rest (absent = the first). */
  demandRound?: number;
  /** First day payment may be demanded (end of an off-premises cooling-off period + 1, 6:230t lid 5). */
  dunningAllowedFrom: CalendarDate | null;
}

/**
 * A reviewer's settlement: from the day it is agreed, what stays owed is `amountCents` less the payments
 * recorded after it; payments recorded before it were known when it was agreed and do not count against it.
 */
export interface Settlement {
  amountCents: number;
  agreedOn: CalendarDate;
  /** How many payments the case held when it was agreed: the ones recorded after it count against it. */
  paymentsBefore: number;
  disputeId: string;
}

export interface Case {
  caseId: string;
  creditorId: string;
  debtor: Debtor;
  contract: Contract | null;
  invoices: Invoice[];
  stage: CaseStage;
  /** At most one of each kind, in the order they were placed. */
  pauses: CasePause[];
  schedule: Schedule;
  payments: Payment[];
  disputes: Dispute[];
  letters: LetterRecord[];
  /** Set when a reviewer settled for part of the claim: what stays owed from that day on. */
  settlement: Settlement | null;
  /** The callback the workflow waits on; signalled by the API when something happens to the case. */
  waiting: { taskToken: string; waitingFor: WaitKind; until: CalendarDate } | null;
  handoff: { agencyReference: string; handedOffOn: CalendarDate } | null;
  chronology: ChronologyEntry[];
  /**
   * Ids of chronology entries whose events are not yet published: written in the same conditional write
   * as the entry, cleared by the publisher once the events went out (docs/events.md). Absent: none.
   */
  unpublished?: string[];
  openedAt: string;
  version: number;
}

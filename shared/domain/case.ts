import type { CalendarDate } from '../rules/calendar.ts';
import type {
  CancellationClaim,
  CancellationTerms,
  ContactChannel,
  UsageEvidence,
} from '../rules/cancellation-terms.ts';

/** Who owes: a consumer (natural person not acting in a trade) or a business. */
export type DebtorKind = 'consumer' | 'business';

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
}

export type SalesChannel = 'off-premises' | 'distance' | 'on-premises';

/** The contract facts the rules need. */
export interface Contract {
  reference: string;
  subject: 'service' | 'goods';
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

/** Where the dunning lifecycle stands. The last six are closed stages. */
export type CaseStage =
  | 'opened'
  | 'reminded'
  | 'demanded'
  | 'handing-off'
  | 'handed-off'
  | 'paid'
  | 'withdrawn'
  | 'cancelled'
  | 'not-owed'
  | 'handoff-failed';

export const CLOSED_STAGES: readonly CaseStage[] = [
  'handed-off',
  'paid',
  'withdrawn',
  'cancelled',
  'not-owed',
  'handoff-failed',
];

export function isClosed(stage: CaseStage): boolean {
  return CLOSED_STAGES.includes(stage);
}

/** Dunning is paused while a dispute is open or the creditor holds the case. */
export type CasePause =
  | { kind: 'dispute'; disputeId: string; since: CalendarDate }
  | { kind: 'hold'; reason: string; since: CalendarDate; until: CalendarDate | null };

export interface Payment {
  reference: string;
  amountCents: number;
  paidOn: CalendarDate;
  receivedAt: string;
}

export type DisputeKind = 'withdrawal' | 'cancellation' | 'non-performance' | 'amount' | 'other';

export type DisputeVerdict = 'valid' | 'invalid' | 'needs-review';

export interface DisputeEvidence {
  /** The debtor's withdrawal notice (cooling-off): when it was sent, and how. */
  withdrawalNotice?: { sentOn: CalendarDate; channel: ContactChannel };
  cancellation?: CancellationClaim;
  usage?: UsageEvidence;
  correspondence?: { on: CalendarDate; summary: string; reference?: string }[];
}

export interface ReasonRecord {
  code: string;
  text: string;
  article: string;
}

export interface Dispute {
  disputeId: string;
  kind: DisputeKind;
  raisedOn: CalendarDate;
  statement: string;
  evidence: DisputeEvidence;
  status: 'open' | 'awaiting-reviewer' | 'upheld' | 'rejected' | 'settled';
  verdict?: {
    by: 'rules' | 'reviewer';
    verdict: DisputeVerdict;
    reasons: ReasonRecord[];
    decidedOn: CalendarDate;
  };
  settlementCents?: number;
}

export const LETTER_KINDS = [
  'reminder',
  'demand',
  'fourteen-day-letter',
  'withdrawal-confirmation',
  'cancellation-confirmation',
  'dispute-rejection',
  'handoff-notice',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** A letter is recorded on the case before delivery is attempted; delivery is idempotent on letterId. */
export interface LetterRecord {
  letterId: string;
  kind: LetterKind;
  date: CalendarDate;
  recipient: string;
  contentHash: string;
  amounts: { principalCents: number; interestCents: number; costsCents: number; totalCents: number };
  status: 'pending' | 'delivered' | 'failed';
  deliveryReference?: string;
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

/** The next dunning step the workflow is waiting for. */
export type WaitKind = 'reminder-day' | 'demand-day' | 'demand-term' | 'reviewer-decision' | 'release';

export interface Schedule {
  reminderOn: CalendarDate | null;
  demandOn: CalendarDate | null;
  demandTerm: { deliveredOn: CalendarDate; lastDayToPay: CalendarDate; costsDueFrom: CalendarDate } | null;
  handoffOn: CalendarDate | null;
  /** Which demand this is: a payment after a demand brings a new one for the rest (absent = the first). */
  demandRound?: number;
  /** First day payment may be demanded (end of an off-premises cooling-off period + 1, 6:230t lid 5). */
  dunningAllowedFrom: CalendarDate | null;
}

export interface Case {
  caseId: string;
  creditorId: string;
  debtor: Debtor;
  contract: Contract | null;
  invoices: Invoice[];
  stage: CaseStage;
  pause: CasePause | null;
  schedule: Schedule;
  payments: Payment[];
  disputes: Dispute[];
  letters: LetterRecord[];
  /** Set when a reviewer settled for part of the claim: what stays owed from that day on. */
  settlement: { amountCents: number; agreedOn: CalendarDate; disputeId: string } | null;
  /** The callback the workflow waits on; signalled by the API when something happens to the case. */
  waiting: { taskToken: string; waitingFor: WaitKind; until: CalendarDate } | null;
  handoff: { agencyReference: string; handedOffOn: CalendarDate } | null;
  chronology: ChronologyEntry[];
  openedAt: string;
  version: number;
}

/**
 * The case lifecycle: every change to a case is a transition `(case, event, context) -> { case, entries,
 * effects }` that checks its own preconditions against the case it is given. Use cases load the case,
 * transition it, save it under the version condition (a retried write re-runs the transition on the fresh
 * case, so it re-validates) and then run the effects. Pure: no I/O, the clock comes in the context.
 *
 * Stages and pauses (docs/lifecycle.md draws them):
 * - stage: opened -> reminded -> demanded -> handing-off -> handed-off, or closed early as paid, withdrawn,
 *   cancelled, not-owed, handoff-failed or time-barred. A closed stage never reopens.
 * - pauses: a dispute under review and a creditor's hold; both may be in force, each ends only by its own
 *   event (decision; release or expiry), or when the case closes.
 */
import type { Settings } from '../config/settings.ts';
import {
  CaseClosedError,
  CaseDisputedError,
  CaseOnHoldError,
  CasePaidError,
  DisputeNotFoundError,
  type DunningBlockedError,
  InvalidInputError,
  StageConflictError,
} from '../errors.ts';
import { addDays, type CalendarDate, calendarDateAt } from '../rules/calendar.ts';
import { isTimeBarred } from '../rules/limitation.ts';
import type {
  Case,
  ChronologyEntry,
  Dispute,
  DisputeEvidence,
  Invoice,
  LetterRecord,
  Payment,
  PaymentDesignation,
  WaitKind,
} from './case.ts';
import { claimOfCase } from './case-claim.ts';
import { appendChronology as record } from './case-update.ts';
import { limitationClaimKind } from './contract-rules.ts';
import { nextEscalation, nextRoute, planDemandDay, planDemandTerm } from './dunning-plan.ts';
import { disputePauseOf, holdOf, openDisputeOf, withoutPause } from './pauses.ts';
import { isPersonalDataErased, PERSONAL_DATA_ERASED, withoutPersonalData } from './retention.ts';
import {
  type BounceType,
  type ClosedStage,
  type DisputeKind,
  DUNNING_LETTER_KINDS,
  type DunningBlockReason,
  type ErasureBasis,
  isClosedStage,
  LETTER_UNDELIVERABLE_HOLD,
  type LetterKind,
  type RestartCause,
  type ReviewerDecision,
  type SignalEvent,
  WAIT_FOR_ROUTE,
} from './vocabulary.ts';

export interface LifecycleContext {
  now: Date;
  today: CalendarDate;
  settings: Settings;
}

export function lifecycleContext(now: Date, settings: Settings): LifecycleContext {
  return { now, today: calendarDateAt(now), settings };
}

/** What must happen outside the case record once the transition is saved. */
export type Effect = { kind: 'wake-workflow'; taskToken: string; event: SignalEvent };

export interface Transition {
  case: Case;
  /** Chronology entries this transition appended (none when it changed nothing). */
  entries: ChronologyEntry[];
  effects: Effect[];
}

type Verdict = NonNullable<Dispute['verdict']>;

export type CaseEvent =
  | { type: 'workflow-started'; executionName: string }
  | { type: 'workflow-waiting'; taskToken: string; waitingFor: WaitKind; until: CalendarDate }
  | { type: 'workflow-woken'; taskToken: string | null }
  | { type: 'letter-recorded'; letter: LetterRecord }
  | { type: 'letter-delivered'; letterId: string; deliveryReference: string; totalCents: number }
  | { type: 'letter-failed'; letterId: string; error: string }
  | { type: 'letter-delivery-unknown'; letterId: string }
  | {
      type: 'payment-received';
      reference: string;
      amountCents: number;
      paidOn: CalendarDate;
      designation?: PaymentDesignation;
      /** The signed-in person who recorded it (the back office); a system's call leaves it out. */
      by?: string;
    }
  /** The provider reports the letter did not reach the debtor (an SES bounce); `at` is its report time. */
  | { type: 'letter-bounced'; letterId: string; feedbackId: string; bounceType: BounceType; at: string }
  /** The debtor marked the e-mail as spam (an SES complaint): delivered, and objected to. */
  | { type: 'letter-complaint'; letterId: string; feedbackId: string; at: string }
  | {
      type: 'dispute-raised';
      kind: DisputeKind;
      statement: string;
      raisedOn?: CalendarDate;
      evidence: DisputeEvidence;
    }
  | { type: 'review-requested'; disputeId: string; verdict: Verdict }
  | { type: 'review-escalated'; disputeId: string }
  | {
      type: 'dispute-decided-by-rules';
      disputeId: string;
      verdict: Verdict;
      /** Upheld: the stage it closes the case in (withdrawn, cancelled) or invoices reduced; rejected: none. */
      outcome: 'upheld' | 'rejected';
      closesAs?: ClosedStage;
      invoices?: Invoice[];
      entryType: string;
      summary: string;
      refs?: Record<string, string>;
    }
  | {
      type: 'dispute-decided-by-reviewer';
      disputeId: string;
      decision: ReviewerDecision;
      reviewer: string;
      note: string;
      settlementCents?: number;
    }
  | { type: 'hold-placed'; reason: string; until: CalendarDate | null; by?: string }
  /** The creditor corrects the debtor's e-mail address (e.g. after a bounce); later letters go there. */
  | { type: 'debtor-email-corrected'; email: string; by?: string }
  | { type: 'hold-released'; note?: string; by?: string }
  | { type: 'hold-due' }
  | { type: 'handoff-prepared' }
  | { type: 'handoff-accepted'; agencyReference: string; handedOffOn: CalendarDate; claimCents: number }
  | { type: 'step-failed'; error: string; message: string }
  /** An operator erases the personal data of a closed case (shared/domain/retention.ts). */
  | { type: 'personal-data-erased'; basis: ErasureBasis; operator: string }
  | {
      type: 'workflow-restarted';
      note?: string;
      because?: RestartCause;
      by?: string;
    };

const WORKFLOW = 'workflow';
/** The longest hold with an end date: its wait must fit a Standard execution's one-year limit. */
export const MAX_HOLD_DAYS = 300;
const API = 'api';
/** Who did it: the signed-in person (`staff:<username>`), else the system that called the API. */
const apiActor = (by: string | undefined) => (by ? `staff:${by}` : API);
/** The actor of what the e-mail provider reports (bounces, complaints). */
const PROVIDER = 'ses';

// ----- the one answer to "may we dun this case now, and if not, why" --------------------------------

export interface DunningBlock {
  reason: DunningBlockReason;
  text: string;
}

/** Why the case may not be dunned now (paid, closed, disputed, on hold), or null when it may. */
export function dunningBlock(c: Case): DunningBlock | null {
  if (c.stage === 'paid') return { reason: 'paid', text: `case ${c.caseId} is paid` };
  if (isClosedStage(c.stage)) return { reason: 'closed', text: `case ${c.caseId} is closed (${c.stage})` };
  return pauseBlock(c);
}

/** The pause in force, a dispute before a hold, as the reason dunning waits; null when none is. */
export function pauseBlock(c: Case): DunningBlock | null {
  const dispute = disputePauseOf(c) ?? openDisputeOf(c);
  if (dispute) return { reason: 'disputed', text: `dispute ${dispute.disputeId} is open: dunning is paused` };
  const hold = holdOf(c);
  if (hold) return { reason: 'on-hold', text: `case ${c.caseId} is on hold` };
  return null;
}

/** The error a dunning action raises on a blocked case; the workflow routes on its name. */
export function dunningBlockedError(block: DunningBlock): DunningBlockedError {
  switch (block.reason) {
    case 'paid':
      return new CasePaidError(block.text);
    case 'closed':
      return new CaseClosedError(block.text);
    case 'disputed':
      return new CaseDisputedError(block.text);
    case 'on-hold':
      return new CaseOnHoldError(block.text);
  }
}

export function assertMayDun(c: Case): void {
  const block = dunningBlock(c);
  if (block) throw dunningBlockedError(block);
}

// ----- transitions -----------------------------------------------------------------------------------

/**
 * Applies `event` to `c`. Throws a typed error when the event's preconditions do not hold (nothing
 * changes then); returns the case unchanged (same object, no entries) when the event was applied before.
 */
export function transition(c: Case, event: CaseEvent, ctx: LifecycleContext): Transition {
  const next = apply(c, event, ctx);
  const known = new Set(c.chronology.map((e) => e.id));
  const entries = next.chronology.filter((e) => !known.has(e.id));
  return { case: next, entries, effects: effectsOf(next, ctx) };
}

/**
 * The wake-up a waiting workflow needs: its stored token waits for something the case no longer waits
 * for (it was paid, disputed, held, released, decided). Derived from the case, so a retried request that
 * finds its change already made still wakes a workflow that was not woken.
 */
export function effectsOf(c: Case, ctx: LifecycleContext): Effect[] {
  if (!c.waiting) return [];
  const expected = WAIT_FOR_ROUTE[nextRoute(c, ctx.now, ctx.today, ctx.settings.policy).route];
  if (expected === c.waiting.waitingFor) return [];
  return [{ kind: 'wake-workflow', taskToken: c.waiting.taskToken, event: signalFor(c) }];
}

function signalFor(c: Case): SignalEvent {
  if (c.stage === 'paid') return 'paid';
  if (isClosedStage(c.stage)) return 'closed';
  if (disputePauseOf(c)) return 'disputed';
  if (holdOf(c)) return 'on-hold';
  return 'resumed';
}

/** Events a workflow step records: while a step runs, the workflow waits on no token. */
const STEP_EVENTS: ReadonlySet<CaseEvent['type']> = new Set([
  'workflow-started',
  'letter-recorded',
  'letter-delivered',
  'letter-failed',
  'letter-delivery-unknown',
  'review-requested',
  'review-escalated',
  'dispute-decided-by-rules',
  'hold-due',
  'handoff-prepared',
  'handoff-accepted',
  'step-failed',
]);

function apply(c: Case, event: CaseEvent, ctx: LifecycleContext): Case {
  const next = applyEvent(c, event, ctx);
  if (STEP_EVENTS.has(event.type) && next.waiting !== null) return { ...next, waiting: null };
  return next;
}

function applyEvent(c: Case, event: CaseEvent, ctx: LifecycleContext): Case {
  switch (event.type) {
    case 'workflow-started':
      return record(
        c,
        entry(
          ctx,
          `workflow-started:${event.executionName}`,
          'workflow-started',
          WORKFLOW,
          `Dunning workflow started (${event.executionName})`,
          {
            execution: event.executionName,
          },
        ),
      );
    case 'workflow-waiting':
      return {
        ...c,
        waiting: { taskToken: event.taskToken, waitingFor: event.waitingFor, until: event.until },
      };
    case 'workflow-woken':
      if (!c.waiting || (event.taskToken !== null && c.waiting.taskToken !== event.taskToken)) return c;
      return { ...c, waiting: null };
    case 'letter-recorded':
      return letterRecorded(c, event.letter);
    case 'letter-delivered':
      return letterDelivered(c, event, ctx);
    case 'letter-failed':
      return letterFailed(c, event, ctx);
    case 'letter-delivery-unknown': {
      const letter = c.letters.find((l) => l.letterId === event.letterId);
      if (!letter || letter.status !== 'pending') return c;
      const unknowns = c.chronology.filter(
        (e) => e.type === 'letter-delivery-unknown' && e.refs?.letterId === event.letterId,
      );
      return record(
        c,
        entry(
          ctx,
          `letter-delivery-unknown:${event.letterId}:${unknowns.length + 1}`,
          'letter-delivery-unknown',
          WORKFLOW,
          `Whether ${letter.kind} ${event.letterId} reached the provider is unknown (the step ended before it heard); it is delivered again`,
          { letterId: event.letterId },
        ),
      );
    }
    case 'letter-bounced':
      return letterBounced(c, event, ctx);
    case 'letter-complaint':
      return letterComplaint(c, event, ctx);
    case 'payment-received':
      return paymentReceived(c, event, ctx);
    case 'dispute-raised':
      return disputeRaised(c, event, ctx);
    case 'review-requested':
      return reviewRequested(c, event, ctx);
    case 'review-escalated':
      return reviewEscalated(c, event, ctx);
    case 'dispute-decided-by-rules':
      return decidedByRules(c, event, ctx);
    case 'dispute-decided-by-reviewer':
      return decidedByReviewer(c, event, ctx);
    case 'hold-placed':
      return holdPlaced(c, event, ctx);
    case 'hold-released':
      return holdReleased(c, event, ctx);
    case 'debtor-email-corrected':
      return debtorEmailCorrected(c, event, ctx);
    case 'hold-due':
      return holdDue(c, ctx);
    case 'handoff-prepared':
      return handoffPrepared(c, ctx);
    case 'handoff-accepted':
      return handoffAccepted(c, event, ctx);
    case 'workflow-restarted':
      return workflowRestarted(c, event, ctx);
    case 'personal-data-erased':
      return personalDataErased(c, event, ctx);
    case 'step-failed': {
      const stage = c.stage === 'handing-off' ? 'handoff-failed' : c.stage;
      return record(
        { ...c, stage, waiting: null },
        entry(
          ctx,
          `step-failed:${ctx.now.toISOString()}`,
          'step-failed',
          WORKFLOW,
          `Step failed: ${event.error}: ${event.message}`,
          { error: event.error, stage },
        ),
      );
    }
  }
}

/** Stages whose case may lose its personal data: closed, and not a handoff-failed case an operator may restart. */
export function mayErasePersonalData(c: Case): boolean {
  return isClosedStage(c.stage) && c.stage !== 'handoff-failed';
}

function personalDataErased(
  c: Case,
  event: Extract<CaseEvent, { type: 'personal-data-erased' }>,
  ctx: LifecycleContext,
): Case {
  if (isPersonalDataErased(c)) return c;
  if (!mayErasePersonalData(c)) {
    // A claim still pursued needs its debtor (art. 17 lid 3 sub e AVG: establishing or exercising legal claims).
    throw new StageConflictError(
      `case ${c.caseId} is ${c.stage}: personal data is erased only from a closed case that is not to be restarted`,
    );
  }
  return record(
    withoutPersonalData(c),
    entry(
      ctx,
      PERSONAL_DATA_ERASED,
      'personal-data-erased',
      `operator:${event.operator}`,
      `Personal data erased (${event.basis})`,
      {
        basis: event.basis,
      },
    ),
  );
}

function letterRecorded(c: Case, letter: LetterRecord): Case {
  const before = c.letters.find((l) => l.letterId === letter.letterId);
  // A letter whose delivery failed is handed to the provider again: pending until its outcome is known.
  if (before?.status === 'failed') {
    return { ...c, letters: c.letters.map((l) => (l === before ? { ...l, status: 'pending' as const } : l)) };
  }
  if (before) return c;
  if (isDunningLetter(letter.kind)) assertMayDun(c);
  return { ...c, letters: [...c.letters, letter] };
}

export function isDunningLetter(kind: LetterKind): boolean {
  return (DUNNING_LETTER_KINDS as readonly string[]).includes(kind);
}

/**
 * A letter went out. A reminder or demand moves the stage on only from the stage it was sent in: a case
 * paid, closed or moved on while the letter was being delivered keeps its stage (the letter is recorded).
 */
function letterDelivered(
  c: Case,
  event: Extract<CaseEvent, { type: 'letter-delivered' }>,
  ctx: LifecycleContext,
): Case {
  const letter = c.letters.find((l) => l.letterId === event.letterId);
  if (!letter) throw new StageConflictError(`letter ${event.letterId} is not recorded on case ${c.caseId}`);
  if (letter.status === 'delivered') return c;
  // The bounce came back before the step recorded the delivery: the bounce already decided what follows.
  if (letter.status === 'bounced') {
    if (letter.deliveryReference) return c;
    return record(
      {
        ...c,
        letters: c.letters.map((l) =>
          l.letterId === event.letterId ? { ...l, deliveryReference: event.deliveryReference } : l,
        ),
      },
      letterSentEntry(ctx, letter, event),
    );
  }
  let next: Case = {
    ...c,
    letters: c.letters.map((l) =>
      l.letterId === event.letterId
        ? { ...l, status: 'delivered' as const, deliveryReference: event.deliveryReference }
        : l,
    ),
  };
  const policy = ctx.settings.policy;
  if (letter.kind === 'reminder' && next.stage === 'opened') {
    next = {
      ...next,
      stage: 'reminded',
      schedule: { ...next.schedule, demandOn: planDemandDay(letter.date, policy) },
    };
  } else if (
    (letter.kind === 'demand' || letter.kind === 'fourteen-day-letter') &&
    next.stage === 'reminded'
  ) {
    const term = planDemandTerm(next, letter.date, policy);
    // The 14-day letter binds the creditor to what it asked (6:96 lid 6 BW): keep it with the term.
    const stated =
      letter.kind === 'fourteen-day-letter'
        ? { stated: { amountCents: letter.amounts.totalCents, sentOn: letter.date } }
        : {};
    next = {
      ...next,
      stage: 'demanded',
      schedule: { ...next.schedule, demandTerm: { ...term, ...stated }, handoffOn: term.costsDueFrom },
    };
  }
  return record(next, letterSentEntry(ctx, letter, event));
}

function letterSentEntry(
  ctx: LifecycleContext,
  letter: LetterRecord,
  event: Extract<CaseEvent, { type: 'letter-delivered' }>,
): ChronologyEntry {
  return entry(
    ctx,
    `letter-sent:${event.letterId}`,
    'letter-sent',
    WORKFLOW,
    `${letter.kind} sent (total ${event.totalCents} cents)`,
    {
      letterId: event.letterId,
      kind: letter.kind,
      deliveryReference: event.deliveryReference,
    },
  );
}

/**
 * A letter did not reach the debtor. It is marked `bounced` and never counts as delivered. When it is the
 * dunning letter the case stands on (the latest reminder, demand or 14-day letter) of an open case:
 * - a demand or 14-day letter starts no term: the case goes back to a new demand round (no term, no
 *   handoff date, no costs), whose letter goes out with its own id once dunning may continue;
 * - a reminder moves the plan on as its delivery would have (it is not required by law; the demand is);
 * - the case is put on hold (`letter-undeliverable`, no end date) for a person to find a correct address,
 *   unless a hold is already in force. Releasing the hold lets dunning continue.
 * Any other letter, or a case already closed, only records the bounce: the case shows it (and the dossier,
 * so the agency knows). Idempotent: a letter bounces once, whatever feedback reports it again.
 */
function letterBounced(
  c: Case,
  event: Extract<CaseEvent, { type: 'letter-bounced' }>,
  ctx: LifecycleContext,
): Case {
  const letter = c.letters.find((l) => l.letterId === event.letterId);
  if (!letter || letter.status === 'bounced') return c;
  const bounce = { feedbackId: event.feedbackId, bounceType: event.bounceType, at: event.at };
  let next: Case = {
    ...c,
    letters: c.letters.map((l) => (l === letter ? { ...l, status: 'bounced' as const, bounce } : l)),
  };
  const refs = { letterId: letter.letterId, kind: letter.kind, feedbackId: event.feedbackId };
  const stoodOn =
    !isClosedStage(c.stage) &&
    isDunningLetter(letter.kind) &&
    c.letters.filter((l) => isDunningLetter(l.kind)).at(-1)?.letterId === letter.letterId;
  let consequence = '';
  if (stoodOn && letter.kind === 'reminder' && next.stage === 'opened') {
    next = {
      ...next,
      stage: 'reminded',
      schedule: { ...next.schedule, demandOn: planDemandDay(letter.date, ctx.settings.policy) },
    };
  } else if (stoodOn && letter.kind !== 'reminder' && next.stage !== 'opened') {
    next = newDemandRound(next, ctx.today);
    consequence = `; no term runs from it: demand ${next.schedule.demandRound} goes out once a correct address is known`;
  }
  const entries = [
    entry(
      ctx,
      `letter-bounced:${event.feedbackId}`,
      'letter-bounced',
      PROVIDER,
      `${letter.kind} ${letter.letterId} did not reach the debtor (${event.bounceType} bounce)${consequence}`,
      refs,
    ),
  ];
  if (stoodOn && !holdOf(next)) {
    const holds = c.chronology.filter((e) => e.type === 'hold-placed').length;
    next = {
      ...next,
      pauses: [
        ...next.pauses,
        { kind: 'hold', reason: LETTER_UNDELIVERABLE_HOLD, since: ctx.today, until: null },
      ],
    };
    entries.push(
      entry(
        ctx,
        `hold:${holds + 1}`,
        'hold-placed',
        PROVIDER,
        `On hold: ${letter.kind} ${letter.letterId} could not be delivered; a correct address is needed`,
        { letterId: letter.letterId, reason: LETTER_UNDELIVERABLE_HOLD },
      ),
    );
  }
  return entries.reduce(record, next);
}

/**
 * The debtor marked a letter as spam. It was delivered, so dunning goes on; the case records it for a
 * person to see. (With SES's account-level suppression list, later e-mails to the address then bounce.)
 */
function letterComplaint(
  c: Case,
  event: Extract<CaseEvent, { type: 'letter-complaint' }>,
  ctx: LifecycleContext,
): Case {
  const letter = c.letters.find((l) => l.letterId === event.letterId);
  if (!letter || letter.complaint) return c;
  const complaint = { feedbackId: event.feedbackId, at: event.at };
  return record(
    { ...c, letters: c.letters.map((l) => (l === letter ? { ...l, complaint } : l)) },
    entry(
      ctx,
      `letter-complaint:${event.feedbackId}`,
      'letter-complaint',
      PROVIDER,
      `The debtor marked ${letter.kind} ${letter.letterId} as spam`,
      { letterId: letter.letterId, kind: letter.kind, feedbackId: event.feedbackId },
    ),
  );
}

function letterFailed(
  c: Case,
  event: Extract<CaseEvent, { type: 'letter-failed' }>,
  ctx: LifecycleContext,
): Case {
  const letter = c.letters.find((l) => l.letterId === event.letterId);
  if (!letter || letter.status === 'delivered' || letter.status === 'bounced') return c;
  return record(
    {
      ...c,
      letters: c.letters.map((l) =>
        l.letterId === event.letterId ? { ...l, status: 'failed' as const } : l,
      ),
    },
    entry(
      ctx,
      `letter-failed:${event.letterId}:${ctx.now.toISOString()}`,
      'letter-delivery-failed',
      WORKFLOW,
      `Delivery of ${letter.kind} failed: ${event.error}`,
      { letterId: event.letterId },
    ),
  );
}

/**
 * A payment, allocated by law to costs, interest and principal (6:44). Idempotent on its reference; the
 * same reference with other facts is a conflict. Paid in full closes the case, and its pauses with it.
 */
function paymentReceived(
  c: Case,
  event: Extract<CaseEvent, { type: 'payment-received' }>,
  ctx: LifecycleContext,
): Case {
  const earlier = c.payments.find((p) => p.reference === event.reference);
  if (earlier) {
    if (
      earlier.amountCents === event.amountCents &&
      earlier.paidOn === event.paidOn &&
      sameDesignation(earlier.designation, event.designation)
    )
      return c;
    throw new StageConflictError(
      `payment ${event.reference} was already recorded with ${earlier.amountCents} cents on ${earlier.paidOn}${earlier.designation ? ` for ${earlier.designation.invoices.join(', ')}` : ''}`,
    );
  }
  if (isClosedStage(c.stage)) {
    throw new StageConflictError(`case ${c.caseId} is closed (${c.stage}); payment not recorded`);
  }
  if (event.paidOn > ctx.today) {
    throw new InvalidInputError('paidOn', `lies in the future (today is ${ctx.today})`);
  }
  // A payment of these invoices cannot predate them: a date years back is a typing slip, and it would
  // count against interest and costs from that day.
  const firstIssued = c.invoices.map((i) => i.issuedOn).sort()[0];
  if (firstIssued !== undefined && event.paidOn < firstIssued) {
    throw new InvalidInputError('paidOn', `lies before the case's first invoice was issued (${firstIssued})`);
  }
  event.designation?.invoices.forEach((number, i) => {
    if (!c.invoices.some((inv) => inv.number === number))
      throw new InvalidInputError(`designation.invoices[${i}]`, `no invoice ${number} on case ${c.caseId}`);
  });
  if (event.designation && new Set(event.designation.invoices).size !== event.designation.invoices.length)
    throw new InvalidInputError('designation.invoices', 'names an invoice twice');
  const payment: Payment = {
    reference: event.reference,
    amountCents: event.amountCents,
    paidOn: event.paidOn,
    receivedAt: ctx.now.toISOString(),
    ...(event.designation ? { designation: event.designation } : {}),
  };
  const withPayment: Case = { ...c, payments: [...c.payments, payment] };
  const owed = claimOfCase(withPayment, ctx.today, ctx.settings).totalCents;
  const paidInFull = owed <= 0;
  // 6:43 lid 1 within 6:44: the designation is recorded and applied; one to principal before costs and
  // interest is refused (the product's default under 6:44 lid 2), and the entry says so.
  const designated = event.designation
    ? `; designated by the debtor to invoice ${event.designation.invoices.join(', ')} (art. 6:43 lid 1 BW)${event.designation.toPrincipal ? '; the designation to principal before costs and interest is refused: applied to costs, then interest, then principal (art. 6:44 lid 2 BW)' : ''}`
    : '';
  return record(
    paidInFull ? { ...withPayment, stage: 'paid', pauses: [] } : withPayment,
    entry(
      ctx,
      `payment:${event.reference}`,
      paidInFull ? 'paid-in-full' : 'payment-received',
      apiActor(event.by),
      paidInFull
        ? `Payment ${event.reference} of ${event.amountCents} cents on ${event.paidOn}: paid in full${designated}${c.pauses.length > 0 ? `; ${c.pauses.map((p) => p.kind).join(' and ')} ended with the case` : ''}`
        : `Payment ${event.reference} of ${event.amountCents} cents on ${event.paidOn}; still owed ${owed} cents${designated}`,
      {
        reference: event.reference,
        ...(paidInFull ? {} : { owedCents: String(owed) }),
        ...(event.designation ? { designation: event.designation.invoices.join(',') } : {}),
        ...(event.designation?.toPrincipal ? { principalDesignation: 'refused' } : {}),
      },
    ),
  );
}

function sameDesignation(a: PaymentDesignation | undefined, b: PaymentDesignation | undefined): boolean {
  if (!a || !b) return !a && !b;
  return (
    a.invoices.join('\u0000') === b.invoices.join('\u0000') &&
    (a.toPrincipal ?? false) === (b.toPrincipal ?? false)
  );
}

function disputeRaised(
  c: Case,
  event: Extract<CaseEvent, { type: 'dispute-raised' }>,
  ctx: LifecycleContext,
): Case {
  if (isClosedStage(c.stage)) throw new StageConflictError(`case ${c.caseId} is closed (${c.stage})`);
  checkDisputeFacts(c, event, ctx.today);
  const open = openDisputeOf(c);
  if (open) throw new StageConflictError(`case ${c.caseId} already has an open dispute (${open.disputeId})`);
  const disputeId = nextDisputeId(c);
  return record(
    {
      ...c,
      pauses: [...c.pauses, { kind: 'dispute', disputeId, since: ctx.today }],
      disputes: [
        ...c.disputes,
        {
          disputeId,
          kind: event.kind,
          raisedOn: event.raisedOn ?? ctx.today,
          statement: event.statement,
          evidence: event.evidence,
          status: 'open',
        },
      ],
    },
    entry(ctx, `dispute-raised:${disputeId}`, 'dispute-raised', 'debtor', `${event.kind} dispute raised`, {
      disputeId,
    }),
  );
}

/** The id the next dispute raised on `c` gets. */
export function nextDisputeId(c: Case): string {
  return `dispute-${c.disputes.length + 1}`;
}

/**
 * The dates of a dispute must fit the case, or the rules could not judge it later: none in the future,
 * no notice before the contract was concluded.
 */
function checkDisputeFacts(
  c: Case,
  dispute: { raisedOn?: CalendarDate; evidence: DisputeEvidence },
  on: CalendarDate,
): void {
  const evidence = dispute.evidence;
  const dates: [string, CalendarDate | null | undefined][] = [
    ['raisedOn', dispute.raisedOn],
    ['evidence.withdrawalNotice.sentOn', evidence.withdrawalNotice?.sentOn],
    ['evidence.cancellation.noticeSentOn', evidence.cancellation?.noticeSentOn],
    ['evidence.cancellation.noticeReceivedOn', evidence.cancellation?.noticeReceivedOn],
    ['evidence.usage.lastUsedOn', evidence.usage?.lastUsedOn],
    ...(evidence.correspondence ?? []).map((x, i): [string, CalendarDate] => [
      `evidence.correspondence.${i}.on`,
      x.on,
    ]),
  ];
  for (const [field, date] of dates) {
    if (date && date > on) throw new InvalidInputError(field, `lies in the future (today is ${on})`);
  }
  const concludedOn = c.contract?.concludedOn;
  const notices: [string, CalendarDate | undefined][] = [
    ['evidence.withdrawalNotice.sentOn', evidence.withdrawalNotice?.sentOn],
    ['evidence.cancellation.noticeSentOn', evidence.cancellation?.noticeSentOn],
  ];
  for (const [field, date] of notices) {
    if (concludedOn && date && date < concludedOn) {
      throw new InvalidInputError(field, `must not be before the contract was concluded (${concludedOn})`);
    }
  }
}

function reviewRequested(
  c: Case,
  event: Extract<CaseEvent, { type: 'review-requested' }>,
  ctx: LifecycleContext,
): Case {
  const dispute = c.disputes.find((d) => d.disputeId === event.disputeId);
  if (!dispute || dispute.status !== 'open' || isClosedStage(c.stage)) return c;
  return record(
    {
      ...c,
      disputes: c.disputes.map((d) =>
        d.disputeId === event.disputeId
          ? { ...d, status: 'awaiting-reviewer' as const, verdict: event.verdict }
          : d,
      ),
    },
    entry(
      ctx,
      `review-requested:${event.disputeId}`,
      'review-requested',
      'rules',
      `The rules cannot decide this ${dispute.kind} dispute; a reviewer must decide`,
      { disputeId: event.disputeId },
    ),
  );
}

function reviewEscalated(
  c: Case,
  event: Extract<CaseEvent, { type: 'review-escalated' }>,
  ctx: LifecycleContext,
): Case {
  const dispute = c.disputes.find((d) => d.disputeId === event.disputeId);
  if (disputePauseOf(c)?.disputeId !== event.disputeId || dispute?.status !== 'awaiting-reviewer') return c;
  // The reviewer's wait also ends for a hold's end date: not every wake-up is an escalation.
  if (ctx.today < nextEscalation(c, event.disputeId, ctx.today, ctx.settings.policy)) return c;
  return record(
    c,
    entry(
      ctx,
      `review-escalated:${event.disputeId}:${ctx.today}`,
      'review-escalated',
      WORKFLOW,
      `Dispute ${event.disputeId} undecided after ${ctx.settings.policy.reviewEscalationWorkingDays} working days: escalated`,
      { disputeId: event.disputeId },
    ),
  );
}

/** A person's decision needs a dispute still undecided on an open case: otherwise 404 or 409. */
function assertUndecided(c: Case, disputeId: string): void {
  const dispute = c.disputes.find((d) => d.disputeId === disputeId);
  if (!dispute) throw new DisputeNotFoundError(c.caseId, disputeId);
  if (dispute.status !== 'open' && dispute.status !== 'awaiting-reviewer') {
    throw new StageConflictError(`dispute ${disputeId} is already decided (${dispute.status})`);
  }
  if (isClosedStage(c.stage)) {
    throw new StageConflictError(
      `case ${c.caseId} is closed (${c.stage}); dispute ${disputeId} cannot be decided`,
    );
  }
}

/** The case with a dispute decided: its status and verdict set, and only its own pause lifted. */
function withDecision(
  c: Case,
  disputeId: string,
  status: Dispute['status'],
  verdict: Verdict,
  extra: Partial<Dispute> = {},
): Case {
  return {
    ...withoutPause(c, 'dispute'),
    disputes: c.disputes.map((d) => (d.disputeId === disputeId ? { ...d, status, verdict, ...extra } : d)),
  };
}

function decidedByRules(
  c: Case,
  event: Extract<CaseEvent, { type: 'dispute-decided-by-rules' }>,
  ctx: LifecycleContext,
): Case {
  const entryId = `${event.entryType}:${event.disputeId}`;
  // Decided before (a retried step), decided by a reviewer meanwhile, or a case closed while the rules
  // were deciding: nothing left to decide.
  if (isClosedStage(c.stage)) return c;
  const status = c.disputes.find((d) => d.disputeId === event.disputeId)?.status;
  if (status !== 'open' && status !== 'awaiting-reviewer') return c;
  let next = withDecision(c, event.disputeId, event.outcome, event.verdict);
  if (event.invoices) next = { ...next, invoices: event.invoices };
  if (event.closesAs) next = { ...next, stage: event.closesAs, pauses: [], waiting: null };
  return record(
    next,
    entry(ctx, entryId, event.entryType, 'rules', event.summary, {
      disputeId: event.disputeId,
      ...event.refs,
    }),
  );
}

/**
 * A reviewer's decision. Reject: dunning resumes (unless held). Accept: nothing is owed. Settle: what stays
 * owed is fixed from now on (payments recorded after count against it); a case whose demand went out for
 * the old claim gets a new demand for the settled one before any handoff.
 */
function decidedByReviewer(
  c: Case,
  event: Extract<CaseEvent, { type: 'dispute-decided-by-reviewer' }>,
  ctx: LifecycleContext,
): Case {
  const entryId = `dispute-decided:${event.disputeId}`;
  // A person's second decision on the same dispute is a conflict, not a repeat.
  assertUndecided(c, event.disputeId);
  if (event.decision === 'settle') {
    const owed = claimOfCase(c, ctx.today, ctx.settings).totalCents;
    if ((event.settlementCents ?? 0) > owed) {
      throw new InvalidInputError('settlementCents', `must not exceed what is owed today (${owed} cents)`);
    }
  }
  const verdict: Verdict = {
    by: 'reviewer',
    verdict: event.decision === 'reject' ? 'invalid' : 'valid',
    reasons: [{ code: `REVIEWER_${event.decision.toUpperCase()}`, text: event.note, article: 'beoordeling' }],
    decidedOn: ctx.today,
  };
  const status =
    event.decision === 'reject' ? 'rejected' : event.decision === 'accept' ? 'upheld' : 'settled';
  let next = withDecision(
    c,
    event.disputeId,
    status,
    verdict,
    event.settlementCents !== undefined ? { settlementCents: event.settlementCents } : {},
  );
  if (event.decision === 'accept') next = { ...next, stage: 'not-owed', pauses: [] };
  if (event.decision === 'settle') {
    next = {
      ...next,
      settlement: {
        amountCents: event.settlementCents ?? 0,
        agreedOn: ctx.today,
        paymentsBefore: c.payments.length,
        disputeId: event.disputeId,
      },
    };
    if (claimOfCase(next, ctx.today, ctx.settings).totalCents <= 0)
      next = { ...next, stage: 'paid', pauses: [] };
    else if (next.stage === 'demanded' || next.stage === 'handing-off')
      next = newDemandRound(next, ctx.today);
  }
  return record(
    next,
    entry(
      ctx,
      entryId,
      'dispute-decided',
      `reviewer:${event.reviewer}`,
      `${event.decision}${event.decision === 'settle' ? ` for ${event.settlementCents} cents` : ''}`,
      { disputeId: event.disputeId },
    ),
  );
}

/** Back to the demand: a new one (the next round) is due today, for what is owed now. */
function newDemandRound(c: Case, today: CalendarDate): Case {
  return {
    ...c,
    stage: 'reminded',
    schedule: {
      ...c.schedule,
      demandOn: today,
      demandTerm: null,
      handoffOn: null,
      demandRound: (c.schedule.demandRound ?? 1) + 1,
    },
  };
}

function holdPlaced(
  c: Case,
  event: Extract<CaseEvent, { type: 'hold-placed' }>,
  ctx: LifecycleContext,
): Case {
  if (event.until && event.until <= ctx.today) {
    throw new InvalidInputError('until', `must lie after today (${ctx.today})`);
  }
  // A workflow waits at most a year (a Standard execution's limit): a longer hold is open-ended instead.
  if (event.until && event.until > addDays(ctx.today, MAX_HOLD_DAYS)) {
    throw new InvalidInputError(
      'until',
      `must lie within ${MAX_HOLD_DAYS} days; hold without an end date instead`,
    );
  }
  if (isClosedStage(c.stage)) throw new StageConflictError(`case ${c.caseId} is closed (${c.stage})`);
  if (holdOf(c)) throw new StageConflictError(`case ${c.caseId} is already on hold`);
  const holds = c.chronology.filter((e) => e.type === 'hold-placed').length;
  return record(
    {
      ...c,
      pauses: [...c.pauses, { kind: 'hold', reason: event.reason, since: ctx.today, until: event.until }],
    },
    entry(
      ctx,
      `hold:${holds + 1}`,
      'hold-placed',
      apiActor(event.by),
      `On hold${event.until ? ` until ${event.until}` : ''}`,
      event.until ? { until: event.until } : undefined,
    ),
  );
}

/**
 * A new e-mail address for the debtor: letters from now on go there; letters sent keep the address they
 * went to. The entry names no address (the chronology outlives an erasure's free text). The same address
 * again changes nothing; a closed or erased case takes none.
 */
function debtorEmailCorrected(
  c: Case,
  event: Extract<CaseEvent, { type: 'debtor-email-corrected' }>,
  ctx: LifecycleContext,
): Case {
  if (isPersonalDataErased(c)) {
    throw new StageConflictError(`case ${c.caseId} has had its personal data erased`);
  }
  if (isClosedStage(c.stage)) {
    throw new StageConflictError(`case ${c.caseId} is closed (${c.stage}); no letter will follow`);
  }
  if (c.debtor.email === event.email) return c;
  const corrections = c.chronology.filter((e) => e.type === 'debtor-email-corrected').length;
  return record(
    { ...c, debtor: { ...c.debtor, email: event.email } },
    entry(
      ctx,
      `debtor-email:${corrections + 1}`,
      'debtor-email-corrected',
      apiActor(event.by),
      "Debtor's e-mail address corrected; later letters go to the new address",
    ),
  );
}

function holdReleased(
  c: Case,
  event: Extract<CaseEvent, { type: 'hold-released' }>,
  ctx: LifecycleContext,
): Case {
  if (!holdOf(c)) throw new StageConflictError(`case ${c.caseId} is not on hold`);
  const releases = c.chronology.filter((e) => e.type === 'hold-released').length;
  return record(
    withoutPause(c, 'hold'),
    entry(
      ctx,
      `release:${releases + 1}`,
      'hold-released',
      apiActor(event.by),
      `Hold released${event.note ? `: ${event.note}` : ''}`,
    ),
  );
}

/** The workflow's hold timer fired: a hold whose end date has come ends; an open-ended one is looked at again. */
function holdDue(c: Case, ctx: LifecycleContext): Case {
  const hold = holdOf(c);
  if (!hold) return c;
  if (hold.until && hold.until <= ctx.today) {
    return record(
      withoutPause(c, 'hold'),
      entry(
        ctx,
        `hold-ended:${hold.since}:${hold.until}`,
        'hold-ended',
        WORKFLOW,
        `Hold ended on its end date ${hold.until}`,
      ),
    );
  }
  if (hold.until) return c;
  return record(
    c,
    entry(
      ctx,
      `hold-reviewed:${ctx.today}`,
      'hold-reviewed',
      WORKFLOW,
      'Hold without end date still in place',
    ),
  );
}

export type PreHandoffRefusal =
  | 'time-barred'
  | 'dispute-open'
  | 'on-hold'
  | 'term-not-passed'
  | 'paid'
  | 'closed';
export type PreHandoffCheck = { ok: true } | { ok: false; reason: PreHandoffRefusal; text: string };

const REFUSAL_FOR_BLOCK: Record<DunningBlockReason, PreHandoffRefusal> = {
  paid: 'paid',
  closed: 'closed',
  disputed: 'dispute-open',
  'on-hold': 'on-hold',
};

/**
 * Whether a case may go to the agency on `on` (`timeBarred` from the limitation rule, 3:307 / 7:28 BW).
 * Refuses, in this order: a case that may not be dunned (paid, closed, disputed, on hold), a time-barred
 * claim, a payment since the demand, and a demand term that has not passed (it ends at 24:00 on its last
 * day, so the handoff can be on the day after at the earliest).
 */
export function preHandoffCheck(c: Case, on: CalendarDate, opts: { timeBarred: boolean }): PreHandoffCheck {
  const block = dunningBlock(c);
  if (block) return { ok: false, reason: REFUSAL_FOR_BLOCK[block.reason], text: block.text };
  if (opts.timeBarred) {
    return { ok: false, reason: 'time-barred', text: 'the claim is time-barred and may not be handed off' };
  }
  const demandOn = lastDemandDate(c);
  const paidSince = demandOn === null ? [] : c.payments.filter((p) => p.paidOn >= demandOn);
  if (paidSince.length > 0) {
    const cents = paidSince.reduce((s, p) => s + p.amountCents, 0);
    return {
      ok: false,
      reason: 'paid',
      text: `${paidSince.length} payment(s) of ${cents} cents in total since the demand of ${demandOn}`,
    };
  }
  const term = c.schedule.demandTerm;
  if (term === null) return { ok: false, reason: 'term-not-passed', text: 'no demand term on record' };
  if (on <= term.lastDayToPay) {
    return {
      ok: false,
      reason: 'term-not-passed',
      text: `the demand term runs through ${term.lastDayToPay}`,
    };
  }
  return { ok: true };
}

/**
 * Before the agency gets the case (preHandoffCheck): a case that may not be dunned raises the error its
 * step routes on; a time-barred claim closes as time-barred; a payment since the demand brings a new
 * demand for the rest. A case that is no longer at the end of a demand term (a settlement while the step
 * ran brought a new demand round) or whose term still runs changes nothing: the step routes it.
 */
function handoffPrepared(c: Case, ctx: LifecycleContext): Case {
  if (c.stage === 'handing-off') return c;
  assertMayDun(c);
  if (c.stage !== 'demanded') return c;
  const check = preHandoffCheck(c, ctx.today, { timeBarred: claimTimeBarred(c, ctx.today) });
  if (check.ok) {
    return record(
      { ...c, stage: 'handing-off' },
      entry(
        ctx,
        'handoff-prepared',
        'handoff-prepared',
        WORKFLOW,
        'Demand term passed unpaid and undisputed; dossier prepared for the agency',
      ),
    );
  }
  if (check.reason === 'time-barred') {
    return record(
      { ...c, stage: 'time-barred', pauses: [] },
      entry(
        ctx,
        'claim-time-barred',
        'claim-time-barred',
        WORKFLOW,
        `The claim is time-barred on ${ctx.today} and is not handed off`,
      ),
    );
  }
  if (check.reason !== 'paid') return c;
  const next = newDemandRound(c, ctx.today);
  return record(
    next,
    entry(
      ctx,
      `handoff-deferred:${next.schedule.demandRound}`,
      'handoff-deferred',
      WORKFLOW,
      `${check.text}; demand ${next.schedule.demandRound} goes out for the rest`,
    ),
  );
}

/**
 * The day of the last demand: the latest demand or 14-day letter sent (a bounced one never reached the
 * debtor and does not count), else the scheduled demand day.
 */
export function lastDemandDate(c: Case): CalendarDate | null {
  const dates = c.letters
    .filter((l) => (l.kind === 'fourteen-day-letter' || l.kind === 'demand') && l.status !== 'bounced')
    .map((l) => l.date);
  if (dates.length > 0) return dates.sort().at(-1) ?? null;
  return c.schedule.demandOn;
}

/**
 * Limitation (3:307, 7:28 BW), interrupted by each written demand (3:317). The case closes as
 * time-barred instead of being handed off.
 */
export function claimTimeBarred(c: Case, on: CalendarDate): boolean {
  const writtenDemands = c.letters
    .filter((l) => (l.kind === 'demand' || l.kind === 'fourteen-day-letter') && l.status === 'delivered')
    // It interrupts when it reaches the debtor (3:37 lid 3): on the presumed delivery day.
    .map((l) => ({ sentOn: l.date, kind: 'written-demand' as const }));
  const earliestDue = c.invoices.map((i) => i.dueOn).sort()[0] as string;
  return isTimeBarred({
    claimKind: limitationClaimKind(c.debtor.kind, c.contract),
    dueOn: earliestDue,
    interruptions: writtenDemands,
    on,
  }).timeBarred;
}

/**
 * The agency accepted the dossier. The case records what the agency holds even when it was paid or
 * closed while the dossier was on its way; it then keeps its stage, and the entry says the agency must be
 * told.
 */
function handoffAccepted(
  c: Case,
  event: Extract<CaseEvent, { type: 'handoff-accepted' }>,
  ctx: LifecycleContext,
): Case {
  if (c.handoff) return c;
  const handoff = { agencyReference: event.agencyReference, handedOffOn: event.handedOffOn };
  if (c.stage !== 'handing-off') {
    return record(
      { ...c, handoff },
      entry(
        ctx,
        'handed-off',
        'handed-off-after-close',
        WORKFLOW,
        `The agency accepted the dossier (reference ${event.agencyReference}) after the case became ${c.stage}: the agency must be told`,
        { agencyReference: event.agencyReference, claimCents: String(event.claimCents) },
      ),
    );
  }
  return record(
    { ...c, stage: 'handed-off', handoff, waiting: null },
    entry(
      ctx,
      'handed-off',
      'handed-off',
      WORKFLOW,
      `Dossier accepted by ${ctx.settings.letters.agencyName} (reference ${event.agencyReference}); claim ${event.claimCents} cents${c.pauses.length > 0 ? `; a ${c.pauses.map((p) => p.kind).join(' and ')} came in while it was on its way: the agency must be told` : ''}`,
      { agencyReference: event.agencyReference, claimCents: String(event.claimCents) },
    ),
  );
}

// ----- restart from the case record ----------------------------------------------------------------

/**
 * The execution a case's workflow runs in (or, after a restart recorded but not yet started, is to run in):
 * the case id for the first, `<caseId>-<n>` after restarts.
 */
export function currentExecutionName(c: Case): string {
  return executionName(c.caseId, restartsOf(c));
}

function restartsOf(c: Case): number {
  return c.chronology.filter((e) => e.type === 'workflow-restarted').length;
}

function executionName(caseId: string, restarts: number): string {
  return restarts === 0 ? caseId : `${caseId}-${restarts + 1}`;
}

/**
 * Why a case's workflow may be restarted, or null: its last execution failed (a `step-failed` entry after
 * the last start), or a restart was recorded whose execution never started (a repeated request).
 */
export function restartReason(c: Case): 'failed' | 'not-started' | null {
  const last = [...c.chronology]
    .reverse()
    .find((e) => ['workflow-started', 'workflow-restarted', 'step-failed'].includes(e.type));
  if (last?.type === 'step-failed') return 'failed';
  if (last?.type === 'workflow-restarted') return 'not-started';
  return null;
}

/**
 * An operator restarts a failed case after fixing the cause: a new execution continues from what the
 * record says (every step is idempotent, so no letter goes twice). A handoff that failed is tried again:
 * `handoff-failed` is the one closed stage a restart reopens, to `handing-off`.
 */
function workflowRestarted(
  c: Case,
  event: Extract<CaseEvent, { type: 'workflow-restarted' }>,
  ctx: LifecycleContext,
): Case {
  const reason = restartReason(c);
  if (reason === 'not-started') return c;
  if (event.because === 'execution-lost' || event.because === 'continued-as-new') {
    if (isClosedStage(c.stage)) throw new StageConflictError(`case ${c.caseId} is closed (${c.stage})`);
  } else if (reason === null) {
    throw new StageConflictError(`case ${c.caseId} has a workflow that did not fail; nothing to restart`);
  }
  if (isPersonalDataErased(c)) {
    throw new StageConflictError(`case ${c.caseId} has had its personal data erased; it cannot be restarted`);
  }
  const restarts = restartsOf(c);
  const next = executionName(c.caseId, restarts + 1);
  return record(
    { ...c, stage: c.stage === 'handoff-failed' ? 'handing-off' : c.stage, waiting: null },
    entry(
      ctx,
      `workflow-restarted:${restarts + 1}`,
      'workflow-restarted',
      apiActor(event.by),
      `Workflow restarted as ${next}${event.note ? `: ${event.note}` : ''}`,
      { execution: next },
    ),
  );
}

// ----- chronology ----------------------------------------------------------------------------------

/** A chronology entry; `id` makes it idempotent: the same id is appended once. */
export function entry(
  ctx: Pick<LifecycleContext, 'now'>,
  id: string,
  type: string,
  actor: string,
  summary: string,
  refs?: Record<string, string>,
): ChronologyEntry {
  return {
    id,
    at: ctx.now.toISOString(),
    on: calendarDateAt(ctx.now),
    type,
    actor,
    summary,
    ...(refs ? { refs } : {}),
  };
}

export type { ClosedStage };

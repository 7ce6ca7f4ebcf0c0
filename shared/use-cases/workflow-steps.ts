import type { Case, Dispute, LetterKind, LetterRecord, WaitKind } from '../domain/case.ts';
import { type UpdateCaseOptions, updateCase } from '../domain/case-update.ts';
import { nextRoute, planDemandDay, planDemandTerm, type StepResult } from '../domain/dunning-plan.ts';
import { type CaseEvent, dunningBlock } from '../domain/lifecycle.ts';
import { disputePauseOf, holdOf } from '../domain/pauses.ts';
import { CaseRoute } from '../domain/vocabulary.ts';
import { buildDossier, handoffIdempotencyKey } from '../dossier/build.ts';
import {
  CaseClosedError,
  CaseDisputedError,
  CaseOnHoldError,
  CasePaidError,
  ConcurrentUpdateError,
  DunningBlockedError,
  LetterDeliveryError,
  LetterRefusedError,
  TransientError,
} from '../errors.ts';
import { checkLetterBeforeSending, letterRecord, renderLetter } from '../letters/index.ts';
import type { LetterInput } from '../letters/letter-model.ts';
import { letterContentHash } from '../letters/record.ts';
import type { KeptLetter } from '../ports/case-store.ts';
import type { RenderedLetter } from '../ports/letter-delivery.ts';
import type { CalendarDate } from '../rules/calendar.ts';
import { collectionCosts } from '../rules/costs.ts';
import { restartCase } from './case-commands.ts';
import { changeCase, claimOfCase, letterAmounts, letterCreditor, today } from './case-support.ts';
import type { CaseDependencies } from './dependencies.ts';
import { decideDisputeByRules } from './dispute-review.ts';
import { dossierClaim } from './dossier-claim.ts';

/** What every step receives from the state machine. */
export interface StepInput {
  caseId: string;
  executionName?: string;
  /** `$$.Execution.StartTime`: how old the execution is, against Step Functions' one-year limit. */
  executionStartTime?: string;
}

/** A Standard execution ends TIMED_OUT one year after it started: a wait that would end later than this many days into the execution is taken in a fresh one. */
export const CONTINUE_AFTER_DAYS = 330;

async function load(deps: CaseDependencies, caseId: string): Promise<Case> {
  return updateCase(deps.store, caseId, () => null);
}

/**
 * Where dunning stands now, from the case record: what every step answers the state machine. A wait that
 * would end too close to the execution's one-year limit becomes `continue-as-new` instead.
 */
function where(deps: CaseDependencies, c: Case, input?: StepInput): StepResult {
  const { now, today: on } = today(deps);
  const result = nextRoute(c, now, on, deps.settings.policy);
  const started = input?.executionStartTime ? Date.parse(input.executionStartTime) : Number.NaN;
  if (result.wait && !Number.isNaN(started)) {
    const waitEndsMs = now.getTime() + result.wait.seconds * 1000;
    if (waitEndsMs > started + CONTINUE_AFTER_DAYS * 86_400_000)
      return { route: CaseRoute.ContinueAsNew, wait: null };
  }
  return result;
}

/**
 * Runs a dunning action; when the case may not be dunned (it was paid, disputed or held, perhaps while
 * the step ran), routes it from its record instead of failing.
 */
async function routedIfBlocked(
  deps: CaseDependencies,
  input: StepInput,
  action: () => Promise<Case>,
): Promise<StepResult> {
  try {
    return where(deps, await action(), input);
  } catch (error) {
    if (error instanceof DunningBlockedError) return where(deps, await load(deps, input.caseId), input);
    throw error;
  }
}

/** 1. Record that the workflow started. 2. Route the case from its record (normally: the reminder day). */
export async function openCaseStep(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const c = await changeCase(deps, input.caseId, {
    type: 'workflow-started',
    executionName: input.executionName ?? input.caseId,
  });
  return where(deps, c, input);
}

export interface AwaitInput {
  caseId: string;
  executionName?: string;
  taskToken: string;
  waitingFor: WaitKind;
  until: string;
}

/**
 * Keeps the task token on the case so the API can wake the workflow. When the case already moved on
 * (paid, disputed, on hold) before the token was stored, the token is completed at once instead.
 */
export async function awaitCaseEvent(deps: CaseDependencies, input: AwaitInput): Promise<void> {
  await changeCase(deps, input.caseId, {
    type: 'workflow-waiting',
    taskToken: input.taskToken,
    waitingFor: input.waitingFor,
    until: input.until,
  });
}

/**
 * The bookkeeping write after a provider accepted a letter is retried inside the step, never the delivery:
 * SES has no idempotency key, so a step retried by the workflow would send the letter again.
 */
const AFTER_DELIVERY: UpdateCaseOptions = { maxAttempts: 40, budgetMs: 10_000 };

/**
 * Sends one letter exactly once, and keeps it as sent:
 * 1. keep the letter as rendered from the case (an item beside it), then record it on the case
 *    (pending, with the kept letter's hash) before delivery, checked against the case as it is then; a case
 *    that changed in between (so the letter would read differently) gets the letter kept again;
 * 2. deliver the kept letter through the port; 3. record the delivery, retrying that write (not the
 *    delivery) on contention. A retried step finds the record and delivers the letter as kept (the one the
 *    record's hash names), never a new rendering: a letter delivered is not delivered again; one whose
 *    delivery failed is delivered again; one still pending was handed to the provider by a step that died
 *    before it heard the outcome. For that window the policy is: record `letter-delivery-unknown` and
 *    deliver again, since a second copy of the same letter harms less than a 14-day letter never sent
 *    (docs/letters-and-handoff.md). The outbox adapter drops the repeat itself (idempotent on the letter id).
 */
async function sendLetterOnce(
  deps: CaseDependencies,
  caseId: string,
  letterId: string,
  /** Builds the letter; `date` is the day it was first recorded, so a retry renders the same letter. */
  build: (c: Case, date: CalendarDate) => LetterInput,
): Promise<Case> {
  let kept: KeptLetter | null = null;
  let rendered: RenderedLetter | undefined;
  let recorded: Case | undefined;
  for (let attempt = 1; recorded === undefined; attempt++) {
    // What the last run of the change found (it may run more than once).
    const found: { outcome: 'delivered' | 'recorded' | 'not-kept' } = { outcome: 'recorded' };
    let saved: Case;
    try {
      saved = await changeCase(deps, caseId, (current): CaseEvent | null => {
        const before = current.letters.find((l) => l.letterId === letterId);
        // A letter that bounced is never sent again under its id: what follows is the bounce's to decide.
        if (before?.status === 'delivered' || before?.status === 'bounced') {
          found.outcome = 'delivered';
          return null;
        }
        const input = build(current, before?.date ?? today(deps).today);
        const fresh = renderLetter(input);
        // Checked again on a retry: a case paid or disputed since the letter was recorded gets no letter.
        refuseUnsendable(input, current);
        rendered = fresh;
        found.outcome = 'recorded';
        // Recorded before: its record (and hash) stays; what is delivered is the letter it names.
        if (before?.status === 'pending') return { type: 'letter-delivery-unknown', letterId };
        if (before) return { type: 'letter-recorded', letter: letterRecord(fresh, input.amounts) };
        // Recorded only once the very letter is kept: keep it (below), then come back.
        if (kept?.contentHash !== letterContentHash(fresh)) {
          found.outcome = 'not-kept';
          return null;
        }
        return { type: 'letter-recorded', letter: letterRecord(fresh, input.amounts) };
      });
    } catch (error) {
      // Refused after a copy was kept (the case was paid or closed meanwhile): the copy, never sent, takes the
      // case's retention as it is now, so it does not outlive a case no later write may touch.
      // The refusal is what the workflow routes on; a failure to re-keep must not replace it.
      if (kept) await keepAgainAfterRefusal(deps, caseId, kept).catch(() => undefined);
      throw error;
    }
    if (found.outcome === 'delivered') return saved;
    if (found.outcome === 'recorded') {
      recorded = saved;
      break;
    }
    // The case changed between keeping and recording so often that the letter never settled.
    if (attempt > KEEP_ATTEMPTS) throw new ConcurrentUpdateError(caseId);
    const letter = rendered as RenderedLetter;
    kept = { ...letter, contentHash: letterContentHash(letter) };
    await deps.store.keepLetter(kept, saved);
  }
  const record = recorded.letters.find((l) => l.letterId === letterId);
  if (!record) throw new Error(`letter ${letterId} of case ${caseId} was recorded but is not on the case`);
  const letter = await letterAsKept(deps, recorded, record, kept, rendered as RenderedLetter);
  let deliveryReference: string;
  try {
    ({ deliveryReference } = await deps.letters.deliver(letter));
  } catch (error) {
    await changeCase(
      deps,
      caseId,
      { type: 'letter-failed', letterId, error: (error as Error).name },
      AFTER_DELIVERY,
    );
    throw new LetterDeliveryError(`delivery of letter ${letterId} failed`, { cause: error });
  }
  return persistently(() =>
    changeCase(
      deps,
      caseId,
      { type: 'letter-delivered', letterId, deliveryReference, totalCents: record.amounts.totalCents },
      AFTER_DELIVERY,
    ),
  );
}

async function keepAgainAfterRefusal(
  deps: CaseDependencies,
  caseId: string,
  kept: KeptLetter,
): Promise<void> {
  const now = await deps.store.get(caseId);
  if (now) await deps.store.keepLetter(kept, now);
}

/** Keep-then-record rounds before the sending step gives up on a case that keeps changing (then retried). */
const KEEP_ATTEMPTS = 5;

/**
 * The letter a record names: the kept one whose hash is the record's. A letter recorded before letters
 * were kept has no kept copy: the rendering of today is delivered when it reads the same (and kept then);
 * otherwise it is delivered as before this copy existed, unkept (docs/letters-and-handoff.md).
 */
async function letterAsKept(
  deps: CaseDependencies,
  c: Case,
  record: LetterRecord,
  keptNow: KeptLetter | null,
  fresh: RenderedLetter,
): Promise<RenderedLetter> {
  const kept =
    keptNow?.contentHash === record.contentHash
      ? keptNow
      : await deps.store.getLetter(c.caseId, record.letterId);
  if (kept?.contentHash === record.contentHash) {
    const { contentHash: _hash, ...letter } = kept;
    return letter;
  }
  if (letterContentHash(fresh) === record.contentHash) {
    await deps.store.keepLetter({ ...fresh, contentHash: record.contentHash }, c);
  }
  return fresh;
}

/** Retries a write that must land (after a side effect) through throttling as well as contention. */
async function persistently<T>(write: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const transient = error instanceof TransientError || error instanceof ConcurrentUpdateError;
      if (!transient || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

/**
 * The check before sending: a case that may not be dunned raises the error the step routes on (paid,
 * disputed, on hold, closed); any other problem refuses the letter.
 */
function refuseUnsendable(input: LetterInput, current: Case): void {
  const check = checkLetterBeforeSending(input, current);
  if (check.ok) return;
  const codes = check.problems.map((p) => p.code);
  const message = `${input.kind} for case ${current.caseId} refused: ${check.problems.map((p) => p.code).join(', ')}`;
  if (codes.includes('case-paid')) throw new CasePaidError(message);
  if (codes.includes('case-closed')) throw new CaseClosedError(message);
  if (codes.includes('case-disputed')) throw new CaseDisputedError(message);
  if (codes.includes('case-on-hold')) throw new CaseOnHoldError(message);
  throw new LetterRefusedError(message);
}

function letterInput(
  deps: CaseDependencies,
  c: Case,
  kind: LetterKind,
  letterId: string,
  date: string,
): LetterInput {
  const claim = claimOfCase(c, date, deps.settings);
  return {
    kind,
    letterId,
    date,
    creditor: letterCreditor(deps.settings),
    case: c,
    amounts: letterAmounts(claim),
  };
}

/** The payment reminder; then wait for the demand day. */
export async function sendReminder(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const letterId = `${input.caseId}-reminder`;
  return routedIfBlocked(deps, input, () =>
    sendLetterOnce(deps, input.caseId, letterId, (current, date) => ({
      ...letterInput(deps, current, 'reminder', letterId, date),
      payBy: planDemandDay(date, deps.settings.policy),
    })),
  );
}

/**
 * The demand. For a consumer the 14-day letter of 6:96 lid 6 BW: the term runs from the day after
 * presumed delivery, and it states the exact collection costs due if the term passes unpaid: BIK on the
 * principal it asks for (after a settlement: the settled amount still owed).
 */
export async function sendDemand(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const c0 = await load(deps, input.caseId);
  const consumer = c0.debtor.kind === 'consumer';
  const kind: LetterKind = consumer ? 'fourteen-day-letter' : 'demand';
  const round = c0.schedule.demandRound ?? 1;
  const letterId = round > 1 ? `${input.caseId}-${kind}-${round}` : `${input.caseId}-${kind}`;
  return routedIfBlocked(deps, input, () =>
    sendLetterOnce(deps, input.caseId, letterId, (current, date) => {
      const term = planDemandTerm(current, date, deps.settings.policy);
      const base = letterInput(deps, current, kind, letterId, date);
      if (!consumer) return { ...base, payBy: term.lastDayToPay };
      const costs = collectionCosts({
        debtor: 'consumer',
        principalCents: base.amounts.principalCents,
        vatUplift: !deps.settings.creditor.vatDeductible,
      });
      return {
        ...base,
        demandTerm: term,
        costsIfUnpaidCents: costs.costsCents,
        vatStatement: !deps.settings.creditor.vatDeductible,
      };
    }),
  );
}

/**
 * Before the agency gets the case (shared/domain/lifecycle.ts handoff-prepared): a case that may be
 * dunned, whose demand term passed unpaid, goes on to the agency; a time-barred claim closes; a payment
 * since the demand brings a new demand for the rest.
 */
export async function prepareHandoff(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  return routedIfBlocked(deps, input, () => changeCase(deps, input.caseId, { type: 'handoff-prepared' }));
}

/**
 * 1. Send the dossier once (idempotency key per case) and keep the agency's reference. 2. Tell the
 * debtor who collects from now on. A retry after step 1 only repeats step 2, which sends once. A case
 * paid, disputed or held before the dossier left is routed instead; one that changed while it was on its
 * way records what the agency holds and gets no notice.
 */
export async function handOffToAgency(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { today: on } = today(deps);
  let c = await load(deps, input.caseId);
  if (c.stage === 'handing-off') {
    if (dunningBlock(c)) return where(deps, c, input);
    const handoffOn = c.chronology.find((e) => e.id === 'handoff-prepared')?.on ?? on;
    const claim = claimOfCase(c, handoffOn, deps.settings);
    const dossier = buildDossier({
      case: c,
      creditor: letterCreditor(deps.settings),
      claim: dossierClaim(claim),
      on: handoffOn,
    });
    const { agencyReference } = await deps.agency.handOff(dossier, handoffIdempotencyKey(c.caseId));
    c = await changeCase(deps, c.caseId, {
      type: 'handoff-accepted',
      agencyReference,
      handedOffOn: handoffOn,
      claimCents: claim.totalCents,
    });
  }
  if (c.stage === 'handed-off' && c.pauses.length === 0) {
    const noticeId = `${c.caseId}-handoff-notice`;
    c = await sendLetterOnce(deps, c.caseId, noticeId, (current, date) => ({
      ...letterInput(deps, current, 'handoff-notice', noticeId, date),
      agencyName: deps.settings.letters.agencyName,
      agencyContact: deps.settings.letters.agencyContact,
    }));
  }
  return where(deps, c, input);
}

/**
 * The rules decide what they can; the rest waits for a person (and escalates if left undecided).
 * 1. A decision the rules recorded whose letter has not gone out (the step stopped in between) is sent now.
 * 2. The rules' verdict is recorded first (unless a reviewer decided meanwhile), 3. then its letter goes
 *    out, rendered from the case as the decision leaves it: a valid withdrawal's confirmation says nothing is
 *    owed.
 */
export async function reviewDispute(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { today: on } = today(deps);
  const c = await sendRulesLetters(deps, await load(deps, input.caseId));
  const pause = disputePauseOf(c);
  const dispute = c.disputes.find((d) => d.disputeId === pause?.disputeId) as Dispute | undefined;
  if (!pause || dispute?.status !== 'open') return where(deps, c, input);
  const disputeId = pause.disputeId;
  const decision = decideDisputeByRules(c, dispute);
  const verdict = {
    by: 'rules' as const,
    verdict: decision.verdict,
    reasons: decision.reasons,
    decidedOn: on,
  };

  if (decision.verdict === 'needs-review') {
    return where(
      deps,
      await changeCase(deps, c.caseId, { type: 'review-requested', disputeId, verdict }),
      input,
    );
  }
  const decided = await changeCase(
    deps,
    c.caseId,
    decision.upheld
      ? { ...decision.upheld, verdict }
      : {
          type: 'dispute-decided-by-rules',
          disputeId,
          verdict,
          outcome: 'rejected',
          entryType: 'dispute-rejected',
          summary: `${dispute.kind} dispute rejected, dunning resumes: ${decision.reasons.map((r) => `${r.text} (${r.article})`).join(' ')}`,
          refs: { reasons: decision.reasons.map((r) => r.code).join(',') },
        },
  );
  return where(deps, await sendRulesLetters(deps, decided), input);
}

/** The letter that tells the debtor the rules' decision on a dispute, and its id. */
function rulesLetterOf(caseId: string, d: Dispute): { kind: LetterKind; letterId: string } | null {
  if (d.verdict?.by !== 'rules') return null;
  if (d.status === 'rejected')
    return { kind: 'dispute-rejection', letterId: `${caseId}-dispute-rejection-${d.disputeId}` };
  if (d.status !== 'upheld') return null;
  const kind: LetterKind = d.kind === 'withdrawal' ? 'withdrawal-confirmation' : 'cancellation-confirmation';
  return { kind, letterId: `${caseId}-${kind}-${d.disputeId}` };
}

/** Sends the letter of every decision the rules recorded that has not gone out yet (at most one a dispute). */
async function sendRulesLetters(deps: CaseDependencies, c: Case): Promise<Case> {
  let current = c;
  for (const d of c.disputes) {
    const letter = rulesLetterOf(c.caseId, d);
    if (
      !letter ||
      current.letters.some(
        (l) => l.letterId === letter.letterId && (l.status === 'delivered' || l.status === 'bounced'),
      )
    )
      continue;
    // The end of a valid cancellation, for the confirmation: the rules' own assessment, as decided.
    const effectiveEnd =
      letter.kind === 'cancellation-confirmation'
        ? decideDisputeByRules(current, { ...d, status: 'open' }).effectiveEnd
        : undefined;
    try {
      current = await sendLetterOnce(deps, c.caseId, letter.letterId, (now, date) => ({
        ...letterInput(deps, now, letter.kind, letter.letterId, date),
        reasons: d.verdict?.reasons ?? [],
        disputeId: d.disputeId,
        ...(effectiveEnd ? { effectiveOn: effectiveEnd } : {}),
      }));
    } catch (error) {
      // A case paid or closed otherwise since the decision gets no letter about it.
      if (!(error instanceof DunningBlockedError)) throw error;
    }
  }
  return current;
}

/** The reviewer's wait ended: a hold whose end date came ends; a review left undecided escalates. */
export async function escalateReview(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  // A hold with an end date beside the dispute ends on its date (the reviewer's wait woke for it).
  await changeCase(deps, input.caseId, (current) => {
    const until = holdOf(current)?.until;
    return until && until <= today(deps).today ? { type: 'hold-due' } : null;
  });
  // Whether the escalation was already on the case as last read (a repeated wake-up on the same day).
  let before = 0;
  let disputeId: string | null = null;
  const c = await changeCase(deps, input.caseId, (current) => {
    const pause = disputePauseOf(current);
    disputeId = pause?.disputeId ?? null;
    before = escalationsOf(current, disputeId);
    return pause ? { type: 'review-escalated', disputeId: pause.disputeId } : null;
  });
  const escalation = escalationsOf(c, disputeId);
  // Operators are told of each escalation this step recorded, not only by a chronology line. Sent after
  // the write: a step that stops in between leaves the escalation on the case, and its alarm metric.
  if (disputeId !== null && escalation > before) {
    await deps.alerts.reviewEscalated({ caseId: c.caseId, disputeId, escalation, on: today(deps).today });
  }
  return where(deps, c, input);
}

function escalationsOf(c: Case, disputeId: string | null): number {
  return c.chronology.filter((e) => e.type === 'review-escalated' && e.refs?.disputeId === disputeId).length;
}

/** A hold whose end date has come ends by itself; an open-ended hold is recorded as looked at again. */
export async function releaseHold(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  return where(deps, await changeCase(deps, input.caseId, { type: 'hold-due' }), input);
}

/** After a signal: where does dunning stand now? Computed from the case record, never from the signal. */
export async function resumeDunning(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  return where(
    deps,
    await changeCase(deps, input.caseId, { type: 'workflow-woken', taskToken: null }),
    input,
  );
}

/**
 * Before Step Functions' one-year limit: the case continues in a fresh execution `<caseId>-<n>`, started
 * from its record (as a restart does), and this one ends. A case closed meanwhile just ends.
 */
export async function continueAsNew(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const c = await load(deps, input.caseId);
  if (dunningBlock(c)?.reason === 'paid' || dunningBlock(c)?.reason === 'closed')
    return where(deps, c, input);
  // Records the restart and starts the next execution, named from the record.
  await restartCase(deps, input.caseId, {
    because: 'continued-as-new',
    note: `${input.executionName ?? c.caseId} nears the one-year limit of an execution`,
  });
  return { route: CaseRoute.Continued, wait: null };
}

export interface FailureInput {
  caseId: string;
  executionName?: string;
  state: string;
  failure: { Error?: string; Cause?: string };
}

/** Makes a failed step visible on the case; a failed handoff closes the case as handoff-failed. */
export async function recordFailure(deps: CaseDependencies, input: FailureInput): Promise<void> {
  await changeCase(deps, input.caseId, {
    type: 'step-failed',
    error: input.failure.Error ?? 'unknown',
    message: causeMessage(input.failure.Cause),
  });
}

function causeMessage(cause: string | undefined): string {
  if (!cause) return '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    return parsed.errorMessage ?? cause;
  } catch {
    return cause;
  }
}

import type { Case, Dispute, LetterKind, WaitKind } from '../domain/case.ts';
import { updateCase } from '../domain/case-update.ts';
import {
  nextRoute,
  planDemandDay,
  planDemandTerm,
  type StepResult,
  WAIT_FOR_ROUTE,
} from '../domain/dunning-plan.ts';
import { buildDossier, handoffIdempotencyKey } from '../dossier/build.ts';
import { preHandoffCheck } from '../dossier/pre-handoff.ts';
import {
  CaseClosedError,
  CaseDisputedError,
  CaseOnHoldError,
  CasePaidError,
  ClaimTimeBarredError,
  HandoffDeferredError,
  LetterDeliveryError,
  LetterRefusedError,
  StageConflictError,
} from '../errors.ts';
import { checkLetterBeforeSending, letterRecord, renderLetter } from '../letters/index.ts';
import type { LetterInput } from '../letters/letter-model.ts';
import type { CalendarDate } from '../rules/calendar.ts';
import { collectionCosts } from '../rules/costs.ts';
import { isTimeBarred } from '../rules/limitation.ts';
import {
  assertDunningMayContinue,
  chronologyEntry,
  claimOfCase,
  letterAmounts,
  letterCreditor,
  record,
  today,
} from './case-support.ts';
import type { CaseDependencies } from './dependencies.ts';
import { decideDisputeByRules, withDisputeDecided } from './dispute-review.ts';
import { dossierClaim } from './dossier-claim.ts';

/** What every step receives from the state machine. */
export interface StepInput {
  caseId: string;
  executionName?: string;
}

const WORKFLOW = 'workflow';

async function load(deps: CaseDependencies, caseId: string): Promise<Case> {
  return updateCase(deps.store, caseId, () => null);
}

function where(deps: CaseDependencies, c: Case): StepResult {
  const { now, today: on } = today(deps);
  return nextRoute(c, now, on, deps.settings.policy);
}

/**
 * 1. Check the case may be dunned. 2. Record that its workflow started. 3. Wait for the reminder day
 * planned at intake (a working day, after any cooling-off period).
 */
export async function openCaseStep(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { now } = today(deps);
  const c = await updateCase(deps.store, input.caseId, (current) => {
    assertDunningMayContinue(current);
    return record(
      current,
      chronologyEntry(
        now,
        `workflow-started:${input.executionName ?? current.caseId}`,
        'workflow-started',
        WORKFLOW,
        `Dunning workflow started; reminder planned for ${current.schedule.reminderOn}`,
        input.executionName ? { execution: input.executionName } : undefined,
      ),
    );
  });
  return where(deps, c);
}

export interface AwaitInput {
  caseId: string;
  taskToken: string;
  waitingFor: WaitKind;
  until: string;
}

/**
 * Keeps the task token on the case so the API can wake the workflow. When the case already moved on
 * (paid, disputed, on hold) before the token was stored, completes the token at once instead.
 */
export async function awaitCaseEvent(deps: CaseDependencies, input: AwaitInput): Promise<void> {
  let wakeNow = false;
  await updateCase(deps.store, input.caseId, (current) => {
    const expected = WAIT_FOR_ROUTE[where(deps, current).route];
    wakeNow = expected !== input.waitingFor;
    if (wakeNow) return null;
    return {
      ...current,
      waiting: { taskToken: input.taskToken, waitingFor: input.waitingFor, until: input.until },
    };
  });
  if (wakeNow) await deps.workflow.signal(input.taskToken, { event: 'changed', caseId: input.caseId });
}

/**
 * Sends one letter exactly once: 1. record it on the case (pending) before delivery; 2. deliver it
 * through the port, idempotent on the letter id; 3. mark it delivered and apply `afterDelivery`.
 * A retried step finds the record and re-delivers the same letter id, which the port drops.
 */
async function sendLetterOnce(
  deps: CaseDependencies,
  caseId: string,
  letterId: string,
  /** Builds the letter; `date` is the day it was first recorded, so a retry renders the same letter. */
  build: (c: Case, date: CalendarDate) => LetterInput,
  afterDelivery: (c: Case, input: LetterInput) => Case,
  options: { skipCheck?: boolean } = {},
): Promise<Case> {
  const { now } = today(deps);
  let input: LetterInput | undefined;
  let rendered: ReturnType<typeof renderLetter> | undefined;
  const recorded = await updateCase(deps.store, caseId, (current) => {
    input = build(current, current.letters.find((l) => l.letterId === letterId)?.date ?? today(deps).today);
    rendered = renderLetter(input);
    const recordedBefore = current.letters.find((l) => l.letterId === letterId);
    if (recordedBefore?.status === 'delivered') return null;
    // Checked again on a retry: a case paid or disputed since the letter was recorded gets no letter.
    if (!options.skipCheck) refuseUnsendable(input, current);
    if (recordedBefore) return null;
    return { ...current, letters: [...current.letters, letterRecord(rendered, input.amounts)] };
  });
  const existing = recorded.letters.find((l) => l.letterId === letterId);
  if (existing?.status === 'delivered') return recorded;
  if (!input || !rendered) throw new StageConflictError(`letter ${letterId} could not be built`);
  let deliveryReference: string;
  try {
    ({ deliveryReference } = await deps.letters.deliver(rendered));
  } catch (error) {
    await updateCase(deps.store, caseId, (current) =>
      record(
        {
          ...current,
          letters: current.letters.map((l) =>
            l.letterId === letterId ? { ...l, status: 'failed' as const } : l,
          ),
        },
        chronologyEntry(
          now,
          `letter-failed:${letterId}:${now.toISOString()}`,
          'letter-delivery-failed',
          WORKFLOW,
          `Delivery of ${input?.kind} failed: ${(error as Error).message}`,
          { letterId },
        ),
      ),
    );
    throw new LetterDeliveryError(`delivery of letter ${letterId} failed`, { cause: error });
  }
  const builtInput = input;
  return updateCase(deps.store, caseId, (current) => {
    const letters = current.letters.map((l) =>
      l.letterId === letterId ? { ...l, status: 'delivered' as const, deliveryReference } : l,
    );
    return record(
      afterDelivery({ ...current, letters }, builtInput),
      chronologyEntry(
        now,
        `letter-sent:${letterId}`,
        'letter-sent',
        WORKFLOW,
        `${builtInput.kind} sent to ${current.debtor.name} (total ${builtInput.amounts.totalCents} cents)`,
        { letterId, kind: builtInput.kind, deliveryReference },
      ),
    );
  });
}

/**
 * The check before sending: a case that changed under the step raises the error the workflow routes
 * on (paid, disputed, on hold, closed); any other problem refuses the letter.
 */
function refuseUnsendable(input: LetterInput, current: Case): void {
  const check = checkLetterBeforeSending(input, current);
  if (check.ok) return;
  const codes = check.problems.map((p) => p.code);
  const message = `${input.kind} for case ${current.caseId} refused: ${check.problems.map((p) => p.text).join('; ')}`;
  if (codes.includes('case-paid')) throw new CasePaidError(message);
  if (codes.includes('case-disputed')) throw new CaseDisputedError(message);
  if (codes.includes('case-on-hold')) throw new CaseOnHoldError(message);
  if (codes.includes('case-closed')) throw new CaseClosedError(message);
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
  const c = await sendLetterOnce(
    deps,
    input.caseId,
    letterId,
    (current, date) => {
      assertDunningMayContinue(current);
      return {
        ...letterInput(deps, current, 'reminder', letterId, date),
        payBy: planDemandDay(date, deps.settings.policy),
      };
    },
    (current, letter) => ({
      ...current,
      stage: 'reminded',
      waiting: null,
      schedule: { ...current.schedule, demandOn: planDemandDay(letter.date, deps.settings.policy) },
    }),
  );
  return where(deps, c);
}

/**
 * The demand. For a consumer the 14-day letter of 6:96 lid 6 BW: the term runs from the day after
 * presumed delivery, and it states the exact collection costs due if the term passes unpaid.
 */
export async function sendDemand(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const c0 = await load(deps, input.caseId);
  const consumer = c0.debtor.kind === 'consumer';
  const kind: LetterKind = consumer ? 'fourteen-day-letter' : 'demand';
  const round = c0.schedule.demandRound ?? 1;
  const letterId = round > 1 ? `${input.caseId}-${kind}-${round}` : `${input.caseId}-${kind}`;
  const c = await sendLetterOnce(
    deps,
    input.caseId,
    letterId,
    (current, date) => {
      assertDunningMayContinue(current);
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
    },
    (current, letter) => {
      const term = planDemandTerm(current, letter.date, deps.settings.policy);
      return {
        ...current,
        stage: 'demanded',
        waiting: null,
        schedule: { ...current.schedule, demandTerm: term, handoffOn: term.costsDueFrom },
      };
    },
  );
  return where(deps, c);
}

/**
 * Before the agency gets the case: dunning may continue (not paid, disputed or held), the claim is not
 * time-barred, the demand term has passed, and nothing was paid since the demand. A debtor who paid
 * part after the demand gets a new demand for the rest instead of the agency (HandoffDeferredError routes
 * the workflow back through ResumeDunning).
 */
export async function prepareHandoff(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { now, today: on } = today(deps);
  let deferred = '';
  await updateCase(deps.store, input.caseId, (current) => {
    if (current.stage === 'handing-off') return null;
    assertDunningMayContinue(current);
    const check = preHandoffCheck(current, on, { timeBarred: timeBarred(current, on) });
    if (check.ok) {
      return record(
        { ...current, stage: 'handing-off', waiting: null },
        chronologyEntry(
          now,
          'handoff-prepared',
          'handoff-prepared',
          WORKFLOW,
          'Demand term passed unpaid and undisputed; dossier prepared for the agency',
        ),
      );
    }
    if (check.reason === 'time-barred') {
      throw new ClaimTimeBarredError(`case ${current.caseId}: ${check.text} (${on})`);
    }
    if (check.reason !== 'paid') throw new StageConflictError(`case ${current.caseId}: ${check.text}`);
    const round = (current.schedule.demandRound ?? 1) + 1;
    deferred = `${check.text}; demand ${round} goes out for the rest`;
    return record(
      {
        ...current,
        stage: 'reminded',
        waiting: null,
        schedule: {
          ...current.schedule,
          demandOn: on,
          demandTerm: null,
          handoffOn: null,
          demandRound: round,
        },
      },
      chronologyEntry(now, `handoff-deferred:${round}`, 'handoff-deferred', WORKFLOW, deferred),
    );
  });
  if (deferred) throw new HandoffDeferredError(`case ${input.caseId}: ${deferred}`);
  return { route: 'hand-off', wait: null };
}

function timeBarred(c: Case, on: string): boolean {
  const writtenDemands = c.letters
    .filter((l) => l.kind === 'demand' || l.kind === 'fourteen-day-letter')
    .map((l) => ({ on: l.date, kind: 'written-demand' as const }));
  const earliestDue = c.invoices.map((i) => i.dueOn).sort()[0] as string;
  return isTimeBarred({
    claimKind:
      c.debtor.kind === 'consumer' && c.contract?.subject === 'goods' ? 'consumer-purchase-price' : 'payment',
    dueOn: earliestDue,
    interruptions: writtenDemands,
    on,
  }).timeBarred;
}

/**
 * 1. Send the dossier once (idempotency key per case) and keep the agency's reference. 2. Tell the
 * debtor who collects from now on. A retry after step 1 only repeats step 2, which sends once.
 */
export async function handOffToAgency(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { now, today: on } = today(deps);
  const c = await load(deps, input.caseId);
  if (c.stage !== 'handing-off' && c.stage !== 'handed-off') {
    throw new StageConflictError(`case ${c.caseId} is ${c.stage}, not being handed off`);
  }
  const handoffOn = c.chronology.find((e) => e.id === 'handoff-prepared')?.on ?? on;
  if (c.stage === 'handing-off') {
    // A dispute or hold recorded after PrepareHandoff still stops the dossier from leaving.
    assertDunningMayContinue(c);
    const claim = claimOfCase(c, handoffOn, deps.settings);
    const dossier = buildDossier({
      case: c,
      creditor: letterCreditor(deps.settings),
      claim: dossierClaim(claim),
      on: handoffOn,
    });
    const { agencyReference } = await deps.agency.handOff(dossier, handoffIdempotencyKey(c.caseId));
    await updateCase(deps.store, c.caseId, (current) =>
      current.stage === 'handed-off'
        ? null
        : record(
            { ...current, stage: 'handed-off', handoff: { agencyReference, handedOffOn: handoffOn } },
            chronologyEntry(
              now,
              'handed-off',
              'handed-off',
              WORKFLOW,
              `Dossier accepted by ${deps.settings.letters.agencyName} (reference ${agencyReference}); claim ${claim.totalCents} cents`,
              { agencyReference },
            ),
          ),
    );
  }
  const noticeId = `${c.caseId}-handoff-notice`;
  await sendLetterOnce(
    deps,
    c.caseId,
    noticeId,
    (current, date) => ({
      ...letterInput(deps, current, 'handoff-notice', noticeId, date),
      agencyName: deps.settings.letters.agencyName,
    }),
    (current) => current,
  );
  return { route: 'closed', wait: null };
}

/** The rules decide what they can; the rest waits for a person (and escalates if left undecided). */
export async function reviewDispute(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { now, today: on } = today(deps);
  const c = await load(deps, input.caseId);
  if (c.pause?.kind !== 'dispute') return where(deps, c);
  const disputeId = c.pause.disputeId;
  const dispute = c.disputes.find((d) => d.disputeId === disputeId) as Dispute;
  if (dispute.status !== 'open') return where(deps, c);
  const decision = decideDisputeByRules(c, dispute, now);
  const verdict = {
    by: 'rules' as const,
    verdict: decision.verdict,
    reasons: decision.reasons,
    decidedOn: on,
  };

  if (decision.verdict === 'needs-review') {
    const updated = await updateCase(deps.store, c.caseId, (current) =>
      record(
        {
          ...current,
          disputes: current.disputes.map((d) =>
            d.disputeId === disputeId && d.status === 'open'
              ? { ...d, status: 'awaiting-reviewer' as const, verdict }
              : d,
          ),
        },
        chronologyEntry(
          now,
          `review-requested:${disputeId}`,
          'review-requested',
          'rules',
          `The rules cannot decide this ${dispute.kind} dispute; a reviewer must decide`,
          { disputeId },
        ),
      ),
    );
    return where(deps, updated);
  }

  if (decision.verdict === 'valid') {
    const kind: LetterKind =
      dispute.kind === 'withdrawal' ? 'withdrawal-confirmation' : 'cancellation-confirmation';
    const letterId = `${c.caseId}-${kind}-${disputeId}`;
    const updated = await sendLetterOnce(
      deps,
      c.caseId,
      letterId,
      (current, date) => ({
        ...letterInput(deps, current, kind, letterId, date),
        reasons: decision.reasons,
        disputeId,
        ...(decision.effectiveEnd ? { effectiveOn: decision.effectiveEnd } : {}),
      }),
      (current) => decision.apply(current, verdict),
      { skipCheck: true },
    );
    return where(deps, updated);
  }

  const letterId = `${c.caseId}-dispute-rejection-${disputeId}`;
  const updated = await sendLetterOnce(
    deps,
    c.caseId,
    letterId,
    (current, date) => ({
      ...letterInput(deps, current, 'dispute-rejection', letterId, date),
      reasons: decision.reasons,
      disputeId,
    }),
    (current) =>
      withDisputeDecided(
        current,
        disputeId,
        'rejected',
        verdict,
        {},
        chronologyEntry(
          now,
          `dispute-rejected:${disputeId}`,
          'dispute-rejected',
          'rules',
          `${dispute.kind} dispute rejected, dunning resumes: ${decision.reasons.map((r) => `${r.text} (${r.article})`).join(' ')}`,
          { disputeId, reasons: decision.reasons.map((r) => r.code).join(',') },
        ),
      ),
    { skipCheck: true },
  );
  return where(deps, updated);
}

/** A review left undecided: record the escalation and keep waiting for the reviewer. */
export async function escalateReview(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { now, today: on } = today(deps);
  const c = await updateCase(deps.store, input.caseId, (current) => {
    if (current.pause?.kind !== 'dispute') return null;
    const disputeId = current.pause.disputeId;
    return record(
      { ...current, waiting: null },
      chronologyEntry(
        now,
        `review-escalated:${disputeId}:${on}`,
        'review-escalated',
        WORKFLOW,
        `Dispute ${disputeId} undecided after ${deps.settings.policy.reviewEscalationWorkingDays} working days: escalated`,
        { disputeId },
      ),
    );
  });
  return where(deps, c);
}

/** A hold whose end date has come ends by itself; an open-ended hold is recorded as looked at again. */
export async function releaseHold(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const { now, today: on } = today(deps);
  const c = await updateCase(deps.store, input.caseId, (current) => {
    if (current.pause?.kind !== 'hold') return null;
    if (current.pause.until && current.pause.until <= on) {
      return record(
        { ...current, pause: null, waiting: null },
        chronologyEntry(
          now,
          `hold-ended:${current.pause.since}`,
          'hold-ended',
          WORKFLOW,
          `Hold ended on its end date ${current.pause.until}; dunning resumes`,
        ),
      );
    }
    return record(
      { ...current, waiting: null },
      chronologyEntry(
        now,
        `hold-reviewed:${on}`,
        'hold-reviewed',
        WORKFLOW,
        'Hold without end date still in place',
      ),
    );
  });
  return where(deps, c);
}

/** After a signal: where does dunning stand now? Computed from the case record, never from the signal. */
export async function resumeDunning(deps: CaseDependencies, input: StepInput): Promise<StepResult> {
  const c = await updateCase(deps.store, input.caseId, (current) =>
    current.waiting ? { ...current, waiting: null } : null,
  );
  return where(deps, c);
}

export interface FailureInput {
  caseId: string;
  state: string;
  failure: { Error?: string; Cause?: string };
}

/** Makes a failed step visible on the case; a failed handoff closes the case as handoff-failed. */
export async function recordFailure(deps: CaseDependencies, input: FailureInput): Promise<void> {
  const { now } = today(deps);
  await updateCase(deps.store, input.caseId, (current) =>
    record(
      current.stage === 'handing-off'
        ? { ...current, stage: 'handoff-failed', waiting: null }
        : { ...current, waiting: null },
      chronologyEntry(
        now,
        `step-failed:${now.toISOString()}`,
        'step-failed',
        WORKFLOW,
        `Step failed: ${input.failure.Error ?? 'unknown error'}: ${causeMessage(input.failure.Cause)}`,
        { error: input.failure.Error ?? 'unknown' },
      ),
    ),
  );
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

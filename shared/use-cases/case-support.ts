import type { Settings } from '../config/settings.ts';
import type { Case } from '../domain/case.ts';
import { claimOfCase } from '../domain/case-claim.ts';
import { type UpdateCaseOptions, updateCase } from '../domain/case-update.ts';
import { nextRoute } from '../domain/dunning-plan.ts';
import {
  type CaseEvent,
  type Effect,
  effectsOf,
  type LifecycleContext,
  lifecycleContext,
  restartReason,
  type Transition,
  transition,
} from '../domain/lifecycle.ts';
import type { NextStep } from '../domain/vocabulary.ts';
import type { LetterAmounts, Creditor as LetterCreditor } from '../letters/letter-model.ts';
import { type CalendarDate, calendarDateAt } from '../rules/calendar.ts';
import type { ClaimOnResult } from '../rules/claim.ts';
import type { CaseDependencies } from './dependencies.ts';
import { type PublishFailure, publishPending } from './event-publishing.ts';

export interface ChangeCaseOptions extends UpdateCaseOptions {
  /** What a failed publication of the change's events does (default `throw`: a step is retried). */
  publishFailure?: PublishFailure;
}

export { claimOfCase } from '../domain/case-claim.ts';

/**
 * What a person sees of a case on a day: the amounts owed and the next step with its date. One function, so a
 * case list's summary and GET /cases/{id} always agree.
 */
export function amountsAndNextStep(c: Case, now: Date, on: CalendarDate, settings: Settings) {
  const claim = claimOfCase(c, on, settings);
  const next = nextRoute(c, now, on, settings.policy);
  // A failed workflow runs no step until an operator restarts it: its planned date would mislead.
  const nextStep: { step: NextStep; on: CalendarDate | null } =
    restartReason(c) === 'failed'
      ? { step: 'await-restart', on: null }
      : { step: next.route, on: next.wait?.until ?? null };
  return {
    amounts: {
      on,
      principalCents: claim.principalCents,
      interestCents: claim.interestCents,
      costsCents: claim.costsCents,
      paidCents: claim.paidCents,
      totalCents: claim.totalCents,
    },
    nextStep,
  };
}

export function today(deps: Pick<CaseDependencies, 'clock'>): { now: Date; today: CalendarDate } {
  const now = deps.clock.now();
  return { now, today: calendarDateAt(now) };
}

export function contextOf(deps: Pick<CaseDependencies, 'clock' | 'settings'>): LifecycleContext {
  return lifecycleContext(deps.clock.now(), deps.settings);
}

/**
 * The use-case cycle: 1. load the case; 2. apply the event's transition (which checks its preconditions
 * against the case as read); 3. save it under the version condition, starting again from 1 when another
 * writer came first, so a retried write re-validates; 4. publish the events of the entries recorded (and of
 * any a crashed run left unpublished); 5. run the effects (wake the workflow). `event` may
 * be a function of the case as read, for events built from it (a letter rendered from the case).
 * Resolves with the case as saved (or as read, when the event changed nothing).
 */
export async function changeCase(
  deps: CaseDependencies,
  caseId: string,
  event: CaseEvent | ((current: Case) => CaseEvent | null),
  options: ChangeCaseOptions = {},
): Promise<Case> {
  const ctx = contextOf(deps);
  // The effects of the transition that ran on the case as saved (the last attempt's).
  let effects: Effect[] | null = null;
  const saved = await updateCase(
    deps.store,
    caseId,
    (current) => {
      const e = typeof event === 'function' ? event(current) : event;
      effects = null;
      if (e === null) return null;
      const result: Transition = transition(current, e, ctx);
      effects = result.effects;
      return result.case === current ? null : result.case;
    },
    options,
  );
  // Before the wake-up, so the step it wakes finds the events published.
  const published = await publishPending(deps, saved, options.publishFailure);
  return runEffects(deps, published, effects ?? effectsOf(saved, ctx), ctx);
}

/**
 * Wakes a workflow whose stored token waits for what the case no longer waits for, then forgets the
 * token. A token no longer waited on (timed out, completed) is dropped: the step that runs next re-reads
 * the case anyway.
 */
async function runEffects(
  deps: CaseDependencies,
  c: Case,
  effects: Effect[],
  ctx: LifecycleContext,
): Promise<Case> {
  let current = c;
  for (const effect of effects) {
    await deps.workflow.signal(effect.taskToken, { event: effect.event, caseId: c.caseId });
    current = await updateCase(deps.store, c.caseId, (fresh) => {
      const woken = transition(fresh, { type: 'workflow-woken', taskToken: effect.taskToken }, ctx);
      return woken.case === fresh ? null : woken.case;
    });
  }
  return current;
}

export function letterAmounts(claim: ClaimOnResult): LetterAmounts {
  return {
    // An invoice with nothing left on it (paid, or no share of a settlement) is not named in a letter.
    perInvoice: claim.perInvoice
      .filter((i) => i.principalCents + i.interestCents > 0)
      .map((i) => ({ number: i.number, principalCents: i.principalCents, interestCents: i.interestCents })),
    principalCents: claim.principalCents,
    interestCents: claim.interestCents,
    costsCents: claim.costsCents,
    paidCents: claim.paidCents,
    totalCents: claim.totalCents,
    ratesUnconfirmed: claim.ratesUnconfirmed,
  };
}

export function letterCreditor(settings: Settings): LetterCreditor {
  const c = settings.creditor;
  return {
    name: c.name,
    address: { street: c.street, postalCode: c.postalCode, city: c.city, country: c.country },
    kvkNumber: c.kvkNumber,
    iban: c.iban,
    email: c.email,
    vatDeductible: c.vatDeductible,
  };
}

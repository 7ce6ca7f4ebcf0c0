import type { Settings } from '../config/settings.ts';
import type { Case, ChronologyEntry } from '../domain/case.ts';
import { appendChronology, updateCase } from '../domain/case-update.ts';
import { CaseClosedError, CaseDisputedError, CaseOnHoldError, CasePaidError } from '../errors.ts';
import type { LetterAmounts, Creditor as LetterCreditor } from '../letters/letter-model.ts';
import type { CaseSignal } from '../ports/workflow.ts';
import { type CalendarDate, calendarDateAt } from '../rules/calendar.ts';
import { type ClaimOnResult, claimOn } from '../rules/claim.ts';
import type { CaseDependencies } from './dependencies.ts';

export function today(deps: Pick<CaseDependencies, 'clock'>): { now: Date; today: CalendarDate } {
  const now = deps.clock.now();
  return { now, today: calendarDateAt(now) };
}

/** A chronology entry; `id` makes it idempotent: the same id is appended once. */
export function chronologyEntry(
  now: Date,
  id: string,
  type: string,
  actor: string,
  summary: string,
  refs?: Record<string, string>,
): ChronologyEntry {
  return {
    id,
    at: now.toISOString(),
    on: calendarDateAt(now),
    type,
    actor,
    summary,
    ...(refs ? { refs } : {}),
  };
}

export function record(c: Case, entry: ChronologyEntry): Case {
  return appendChronology(c, entry);
}

/**
 * Dunning steps refuse to act on a case that changed under them; the workflow routes on the error's
 * name (CasePaid -> CasePaid, CaseDisputed -> ReviewDispute, CaseOnHold -> ResumeDunning).
 */
export function assertDunningMayContinue(c: Case): void {
  if (c.stage === 'paid') throw new CasePaidError(`case ${c.caseId} is paid`);
  if (['handed-off', 'withdrawn', 'cancelled', 'not-owed', 'handoff-failed'].includes(c.stage)) {
    throw new CaseClosedError(`case ${c.caseId} is closed (${c.stage})`);
  }
  if (c.pause?.kind === 'dispute') throw new CaseDisputedError(`case ${c.caseId} has an open dispute`);
  if (c.pause?.kind === 'hold') throw new CaseOnHoldError(`case ${c.caseId} is on hold: ${c.pause.reason}`);
}

/**
 * The claim on a date, from the case's invoices, payments, demand term and settlement. Invoices a
 * valid cancellation brought to zero are left out; a case with nothing left owes nothing.
 */
export function claimOfCase(c: Case, on: CalendarDate, settings: Settings): ClaimOnResult {
  const invoices = c.invoices.filter((i) => i.amountCents > 0);
  if (invoices.length === 0 || NOT_OWED_STAGES.includes(c.stage)) return nothingOwed(c, on);
  return claimOn(
    {
      debtor: c.debtor.kind,
      invoices: invoices.map((i) => ({ number: i.number, amountCents: i.amountCents, dueOn: i.dueOn })),
      payments: c.payments
        .filter((p) => p.paidOn <= on)
        .map((p) => ({ reference: p.reference, amountCents: p.amountCents, paidOn: p.paidOn })),
      ...(c.schedule.dunningAllowedFrom ? { interestFrom: c.schedule.dunningAllowedFrom } : {}),
      costsDueFrom: c.schedule.demandTerm?.costsDueFrom ?? null,
      vatUplift: !settings.creditor.vatDeductible,
      settlement: c.settlement
        ? { amountCents: c.settlement.amountCents, agreedOn: c.settlement.agreedOn }
        : null,
    },
    on,
  );
}

/** Stages in which the debtor owes nothing (a valid withdrawal or cancellation, a dispute accepted). */
const NOT_OWED_STAGES: readonly Case['stage'][] = ['withdrawn', 'cancelled', 'not-owed'];

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
    reasons: [],
  };
}

export function letterAmounts(claim: ClaimOnResult): LetterAmounts {
  return {
    perInvoice: claim.perInvoice.map((i) => ({
      number: i.number,
      principalCents: i.principalCents,
      interestCents: i.interestCents,
    })),
    principalCents: claim.principalCents,
    interestCents: claim.interestCents,
    costsCents: claim.costsCents,
    paidCents: claim.paidCents,
    totalCents: claim.totalCents,
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

/**
 * Wakes the workflow waiting on the case (if it waits) and forgets the token. A token that is no
 * longer waited on (timed out, already completed) is simply dropped: the step that runs next re-reads
 * the case anyway.
 */
export async function wakeWorkflow(
  deps: CaseDependencies,
  c: Case,
  event: CaseSignal['event'],
): Promise<Case> {
  const waiting = c.waiting;
  if (!waiting) return c;
  await deps.workflow.signal(waiting.taskToken, { event, caseId: c.caseId });
  return updateCase(deps.store, c.caseId, (current) =>
    current.waiting?.taskToken === waiting.taskToken ? { ...current, waiting: null } : null,
  );
}

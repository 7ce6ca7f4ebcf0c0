import { createHash } from 'node:crypto';
import {
  CASE_LIMITS,
  type Case,
  type Contract,
  type Debtor,
  type DisputeEvidence,
  type Invoice,
  type PaymentDesignation,
} from '../domain/case.ts';
import { appendChronology as record } from '../domain/case-update.ts';
import { coolingOffOfContract, limitationClaimKind } from '../domain/contract-rules.ts';
import { planReminderDay } from '../domain/dunning-plan.ts';
import { currentExecutionName, entry, nextDisputeId, restartReason } from '../domain/lifecycle.ts';
import { openDisputeOf } from '../domain/pauses.ts';
import {
  type DisputeKind,
  ERASURE_BASES,
  type ErasureBasis,
  type RestartCause,
  type ReviewerDecision,
} from '../domain/vocabulary.ts';
import { buildDossier } from '../dossier/build.ts';
import type { Dossier } from '../dossier/schema.ts';
import { CaseNotFoundError, IntakeConflictError, InvalidInputError, StageConflictError } from '../errors.ts';
import { invoiceIntakeKey } from '../ports/case-store.ts';
import { addDays, type CalendarDate, LEGAL_HOLIDAY_YEARS } from '../rules/calendar.ts';
import { INTEREST_TABLE_FROM } from '../rules/data/interest-rates.ts';
import { isTimeBarred } from '../rules/limitation.ts';
import {
  amountsAndNextStep,
  type ChangeCaseOptions,
  changeCase,
  claimOfCase,
  letterCreditor,
  today,
} from './case-support.ts';
import type { CaseDependencies } from './dependencies.ts';
import { dossierClaim } from './dossier-claim.ts';
import { publishPending } from './event-publishing.ts';

const API = 'api';

/**
 * How long (real time) an API write keeps retrying against other writers before it answers 503 with
 * Retry-After: far below API Gateway's 29 s integration timeout, so the caller always learns the outcome
 * and a write given up on is never applied later (docs/api.md).
 */
export const API_WRITE_BUDGET_MS = 5_000;

/**
 * API commands may meet many writers on one case at once (a payment run, a dispute, the workflow):
 * they retry the optimistic write longer than a workflow step does before giving up with a 503.
 */
const API_UPDATE: ChangeCaseOptions = {
  maxAttempts: 60,
  budgetMs: API_WRITE_BUDGET_MS,
  // The change is saved: a failed publication does not turn its answer into an error (docs/events.md).
  publishFailure: 'defer',
};

export interface OpenCaseCommand {
  debtor: Debtor;
  contract: Contract | null;
  invoices: Invoice[];
}

/** The same creditor and invoice numbers always give the same case id, so a repeated intake is harmless. */
export function caseIdFor(creditorId: string, invoiceNumbers: string[]): string {
  const digest = createHash('sha256')
    .update(`${creditorId}\n${[...invoiceNumbers].sort().join('\n')}`)
    .digest('hex');
  return `case-${digest.slice(0, 20)}`;
}

/**
 * Intake of overdue invoices of one debtor.
 * 1. Check what the rules will need later: dates the interest table and holiday calendar cover, a claim
 *    not time-barred, an invoice overdue today.
 * 2. The same invoice numbers again: the existing case when the facts are the same, a conflict naming the
 *    first differing field when they are not.
 * 3. Claim each invoice number for this case (an invoice already in another case is a conflict).
 * 4. Plan the reminder day: after the due date plus the policy delay, a working day, and for an
 *    off-premises consumer contract not before its cooling-off period has ended (6:230t lid 5).
 * 5. Create the case unless it exists, and start its workflow (named after the case: at most one).
 */
export async function openCase(
  deps: CaseDependencies,
  command: OpenCaseCommand,
): Promise<{ created: boolean; record: Case }> {
  const { now, today: on } = today(deps);
  const numbers = command.invoices.map((i) => i.number);
  if (new Set(numbers).size !== numbers.length) {
    throw new InvalidInputError('invoices', 'invoice numbers must be unique within a case');
  }
  checkIntakeFacts(command, on);
  // Checked before any invoice number is claimed, so a refused intake leaves nothing behind.
  const dunningAllowedFrom = firstDayPaymentMayBeDemanded(command);
  const creditorId = deps.settings.creditor.id;
  const caseId = caseIdFor(creditorId, numbers);
  const existing = await deps.store.get(caseId);
  if (existing) {
    refuseDifferentFacts(existing, command);
    // Only an intake that stopped between creating the case and starting its workflow starts it now: a
    // workflow that ran may have ended more than 90 days ago, when Step Functions would take the name again.
    if (!existing.chronology.some((e) => e.type === 'workflow-started'))
      await deps.workflow.startCase(caseId);
    return { created: false, record: await publishPending(deps, existing, 'defer') };
  }
  const claimed: string[] = [];
  for (const number of numbers) {
    const key = invoiceIntakeKey(creditorId, number);
    const holder = await deps.store.claimIntakeKey(key, caseId);
    if (holder !== caseId) {
      // Refused as a whole: the invoice numbers this intake claimed are free again.
      for (const own of claimed) await deps.store.releaseIntakeKey(own, caseId);
      throw new StageConflictError(`invoice ${number} already belongs to case ${holder}`);
    }
    claimed.push(key);
  }

  const draft: Case = {
    caseId,
    creditorId,
    debtor: command.debtor,
    contract: command.contract,
    invoices: command.invoices,
    stage: 'opened',
    pauses: [],
    schedule: { reminderOn: null, demandOn: null, demandTerm: null, handoffOn: null, dunningAllowedFrom },
    payments: [],
    disputes: [],
    letters: [],
    settlement: null,
    waiting: null,
    handoff: null,
    chronology: [],
    openedAt: now.toISOString(),
    version: 1,
  };
  draft.schedule.reminderOn = planReminderDay(draft, on, deps.settings.policy);
  const opened = record(
    draft,
    entry(
      { now },
      'case-opened',
      'case-opened',
      API,
      `Case opened for ${numbers.length} invoice(s), ${command.invoices.reduce((s, i) => s + i.amountCents, 0)} cents; reminder planned for ${draft.schedule.reminderOn}`,
      {
        invoices: numbers.join(','),
        principalCents: String(command.invoices.reduce((s, i) => s + i.amountCents, 0)),
      },
    ),
  );
  const result = await deps.store.create(opened);
  if (!result.created) refuseDifferentFacts(result.record, command);
  const saved = await publishPending(deps, result.record, 'defer');
  if (!saved.chronology.some((e) => e.type === 'workflow-started')) await deps.workflow.startCase(caseId);
  return { created: result.created, record: saved };
}

/**
 * What the rules cannot carry through is refused at intake: an invoice not yet overdue or issued in the
 * future, interest from before the rate table starts, contract dates outside the holiday calendar, and a
 * claim already time-barred (3:307, 7:28 BW).
 */
function checkIntakeFacts(command: OpenCaseCommand, on: CalendarDate): void {
  if (command.invoices.length > CASE_LIMITS.invoices) {
    throw new InvalidInputError('invoices', `at most ${CASE_LIMITS.invoices} invoices per case`);
  }
  const calendarFrom = `${LEGAL_HOLIDAY_YEARS.first}-01-01`;
  const contract = command.contract;
  const contractDates: [string, CalendarDate | null | undefined][] = [
    ['contract.concludedOn', contract?.concludedOn],
    ['contract.goodsReceivedOn', contract?.goodsReceivedOn],
    ['contract.coolingOffInformedOn', contract?.coolingOffInformedOn],
  ];
  for (const [field, date] of contractDates) {
    if (!date) continue;
    if (date > on) throw new InvalidInputError(field, `lies in the future (today is ${on})`);
    if (date < calendarFrom) {
      throw new InvalidInputError(
        field,
        `lies before ${calendarFrom}, where the legal holiday calendar starts`,
      );
    }
  }
  command.invoices.forEach((invoice, i) => {
    if (invoice.issuedOn > on) {
      throw new InvalidInputError(`invoices.${i}.issuedOn`, `lies in the future (today is ${on})`);
    }
    if (invoice.dueOn >= on) {
      throw new InvalidInputError(`invoices.${i}.dueOn`, `is not overdue yet (today is ${on})`);
    }
    if (addDays(invoice.dueOn, 1) < INTEREST_TABLE_FROM) {
      throw new InvalidInputError(
        `invoices.${i}.dueOn`,
        `interest would run from before ${INTEREST_TABLE_FROM}, where the statutory interest table starts`,
      );
    }
    const barred = isTimeBarred({
      claimKind: limitationClaimKind(command.debtor.kind, contract),
      dueOn: invoice.dueOn,
      interruptions: [],
      on,
    });
    if (barred.timeBarred) {
      throw new InvalidInputError(
        `invoices.${i}.dueOn`,
        `the claim lapsed at the end of ${barred.lastDayToAct} (3:307 / 7:28 BW) and cannot be collected`,
      );
    }
  });
}

/** The same invoice numbers sent again must carry the same facts; the first that differs is named. */
function refuseDifferentFacts(existing: Case, command: OpenCaseCommand): void {
  const pairs: [string, unknown, unknown][] = [
    ['debtor', existing.debtor, command.debtor],
    ['contract', existing.contract, command.contract],
    ...command.invoices.map((invoice, i): [string, unknown, unknown] => [
      `invoices.${i}`,
      existing.invoices.find((x) => x.number === invoice.number),
      invoice,
    ]),
  ];
  for (const [field, stored, sent] of pairs) {
    const difference = firstDifference(stored, sent, field);
    if (difference) {
      throw new IntakeConflictError(
        difference,
        `case ${existing.caseId} holds these invoice numbers with another value for ${difference}`,
      );
    }
  }
}

/** The path of the first field in which `a` and `b` differ (undefined and absent count as the same). */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (a === b) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return (a ?? undefined) === (b ?? undefined) ? null : path;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found) return found;
  }
  return null;
}

/** Off-premises consumer contracts: no demand before the cooling-off period has ended. */
function firstDayPaymentMayBeDemanded(command: OpenCaseCommand): CalendarDate | null {
  const contract = command.contract;
  if (!contract || command.debtor.kind !== 'consumer' || contract.channel !== 'off-premises') return null;
  const result = coolingOffOfContract('consumer', contract);
  return result.applies ? result.paymentDemandableFrom : null;
}

export interface PaymentCommand {
  reference: string;
  amountCents: number;
  paidOn: CalendarDate;
  /** The debtor's designation of invoices (6:43 lid 1 BW); an unknown invoice is refused naming the field. */
  designation?: PaymentDesignation;
  /** The signed-in person who records it (the back office); recorded as the entry's actor. */
  by?: string;
}

/**
 * A payment, allocated by law to costs, interest and principal (6:44). Idempotent on its reference.
 * Paid in full closes the case and wakes the workflow; a part payment lowers what is owed and dunning
 * goes on for the rest.
 */
export async function recordPayment(
  deps: CaseDependencies,
  caseId: string,
  payment: PaymentCommand,
): Promise<Case> {
  const { today: on } = today(deps);
  if (payment.paidOn > on) throw new InvalidInputError('paidOn', `lies in the future (today is ${on})`);
  return changeCase(
    deps,
    caseId,
    (current) => {
      const known = current.payments.some((p) => p.reference === payment.reference);
      if (!known && current.payments.length >= CASE_LIMITS.payments) {
        throw new StageConflictError(`case ${caseId} holds the maximum of ${CASE_LIMITS.payments} payments`);
      }
      return { type: 'payment-received', ...payment };
    },
    API_UPDATE,
  );
}

export interface DisputeCommand {
  kind: DisputeKind;
  statement: string;
  raisedOn?: CalendarDate;
  evidence: DisputeEvidence;
}

/** Records the debtor's dispute: dunning pauses at once and the workflow goes to dispute review. */
export async function recordDispute(
  deps: CaseDependencies,
  caseId: string,
  dispute: DisputeCommand,
): Promise<{ case: Case; disputeId: string }> {
  let disputeId = '';
  const c = await changeCase(
    deps,
    caseId,
    (current) => {
      if (current.disputes.length >= CASE_LIMITS.disputes) {
        throw new StageConflictError(`case ${caseId} holds the maximum of ${CASE_LIMITS.disputes} disputes`);
      }
      disputeId = nextDisputeId(current);
      return { type: 'dispute-raised', ...dispute };
    },
    API_UPDATE,
  );
  return { case: c, disputeId };
}

export interface DecisionCommand {
  decision: ReviewerDecision;
  reviewer: string;
  note: string;
  settlementCents?: number;
}

/** A person's decision on a dispute the rules could not decide. */
export async function decideDispute(
  deps: CaseDependencies,
  caseId: string,
  disputeId: string,
  command: DecisionCommand,
): Promise<Case> {
  return changeCase(deps, caseId, { type: 'dispute-decided-by-reviewer', disputeId, ...command }, API_UPDATE);
}

/**
 * The creditor corrects the debtor's e-mail address: a bounced letter's hold can then be released and
 * the next letter goes to the new address.
 */
export async function correctDebtorEmail(
  deps: CaseDependencies,
  caseId: string,
  command: { email: string; by?: string },
): Promise<Case> {
  return changeCase(
    deps,
    caseId,
    { type: 'debtor-email-corrected', email: command.email, ...(command.by ? { by: command.by } : {}) },
    API_UPDATE,
  );
}

/** The creditor pauses dunning, optionally until a date after which it resumes by itself. */
export async function holdCase(
  deps: CaseDependencies,
  caseId: string,
  command: { reason: string; until?: CalendarDate | null; by?: string },
): Promise<Case> {
  return changeCase(
    deps,
    caseId,
    {
      type: 'hold-placed',
      reason: command.reason,
      until: command.until ?? null,
      ...(command.by ? { by: command.by } : {}),
    },
    API_UPDATE,
  );
}

export async function releaseCase(
  deps: CaseDependencies,
  caseId: string,
  command: { note?: string; by?: string },
): Promise<Case> {
  return changeCase(
    deps,
    caseId,
    {
      type: 'hold-released',
      ...(command.note ? { note: command.note } : {}),
      ...(command.by ? { by: command.by } : {}),
    },
    API_UPDATE,
  );
}

/**
 * An operator restarts the workflow of a case whose execution failed, once the cause is fixed: a new
 * execution `<caseId>-<n>` enters through OpenCase and RouteCase and continues from what the case record
 * says. A repeated request starts the same execution (a name Step Functions accepts once).
 */
export async function restartCase(
  deps: CaseDependencies,
  caseId: string,
  command: { note?: string; because?: RestartCause; by?: string },
): Promise<Case> {
  let because = command.because;
  if (because === undefined) {
    // Neither failed nor restarted: stuck when the case is open but its execution no longer runs.
    const c = await deps.store.get(caseId);
    if (!c) throw new CaseNotFoundError(caseId);
    if (restartReason(c) === null && !(await deps.workflow.isRunning(currentExecutionName(c)))) {
      because = 'execution-lost';
    }
  }
  const c = await changeCase(
    deps,
    caseId,
    {
      type: 'workflow-restarted',
      ...(command.note ? { note: command.note } : {}),
      ...(because ? { because } : {}),
      ...(command.by ? { by: command.by } : {}),
    },
    API_UPDATE,
  );
  await deps.workflow.startCase(caseId, currentExecutionName(c));
  return c;
}

/** What a user sees of a case: stage, amounts now, the next step and its date, and the record. */
export async function caseView(deps: CaseDependencies, caseId: string) {
  const { now, today: on } = today(deps);
  const c = await deps.store.get(caseId);
  if (!c) throw new CaseNotFoundError(caseId);
  return {
    caseId: c.caseId,
    stage: c.stage,
    debtor: c.debtor,
    pauses: c.pauses,
    ...amountsAndNextStep(c, now, on, deps.settings),
    openDispute: openDisputeOf(c),
    disputes: c.disputes,
    invoices: c.invoices,
    payments: c.payments,
    letters: c.letters,
    schedule: c.schedule,
    settlement: c.settlement,
    handoff: c.handoff,
    chronology: c.chronology,
    version: c.version,
  };
}

/** The evidence record of a case on today's date, with the claim as the rules engine computes it now. */
export async function caseDossier(deps: CaseDependencies, caseId: string): Promise<Dossier> {
  const { today: on } = today(deps);
  const c = await deps.store.get(caseId);
  if (!c) throw new CaseNotFoundError(caseId);
  const claim = claimOfCase(c, on, deps.settings);
  return buildDossier({ case: c, creditor: letterCreditor(deps.settings), claim: dossierClaim(claim), on });
}

export interface EraseCommand {
  basis: ErasureBasis;
  /** Who erases (an operator's id), recorded as the chronology entry's actor. */
  operator: string;
}

/**
 * Erases the personal data of a closed case (shared/domain/retention.ts withoutPersonalData), keeping the
 * amounts and the legal chronology, and records the erasure as a chronology entry. Refused (409) for an
 * open case or a failed handoff an operator may restart; a repeat changes nothing.
 */
export async function erasePersonalData(deps: CaseDependencies, caseId: string, command: EraseCommand) {
  if (!(ERASURE_BASES as readonly string[]).includes(command.basis)) {
    throw new InvalidInputError('basis', `must be one of ${ERASURE_BASES.join(', ')}`);
  }
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(command.operator)) {
    throw new InvalidInputError('operator', 'must be an operator id of 1 to 64 letters, digits or ._@-');
  }
  return changeCase(deps, caseId, { type: 'personal-data-erased', ...command }, API_UPDATE);
}

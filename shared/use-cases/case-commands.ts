import { createHash } from 'node:crypto';
import type { Case, Contract, Debtor, DisputeEvidence, DisputeKind, Invoice } from '../domain/case.ts';
import { isClosed } from '../domain/case.ts';
import { type UpdateCaseOptions, updateCase } from '../domain/case-update.ts';
import { coolingOffOfContract } from '../domain/contract-rules.ts';
import { nextRoute, planReminderDay } from '../domain/dunning-plan.ts';
import { buildDossier } from '../dossier/build.ts';
import type { Dossier } from '../dossier/schema.ts';
import { CaseNotFoundError, DisputeNotFoundError, InvalidInputError, StageConflictError } from '../errors.ts';
import type { CalendarDate } from '../rules/calendar.ts';
import { chronologyEntry, claimOfCase, letterCreditor, record, today, wakeWorkflow } from './case-support.ts';
import type { CaseDependencies } from './dependencies.ts';
import { dossierClaim } from './dossier-claim.ts';

const API = 'api';

/**
 * API commands may meet many writers on one case at once (a payment run, a dispute, the workflow):
 * they retry the optimistic write longer than a workflow step does before giving up with a 503.
 */
const API_UPDATE: UpdateCaseOptions = { maxAttempts: 60 };

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
 * 1. Claim each invoice number for this case (an invoice already in another case is a conflict).
 * 2. Plan the reminder day: after the due date plus the policy delay, a working day, and for an
 *    off-premises consumer contract not before its cooling-off period has ended (6:230t lid 5).
 * 3. Create the case unless it exists, and start its workflow (named after the case: at most one).
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
  command.invoices.forEach((invoice, i) => {
    if (invoice.issuedOn > on) {
      throw new InvalidInputError(`invoices.${i}.issuedOn`, `lies in the future (today is ${on})`);
    }
    if (invoice.dueOn >= on) {
      throw new InvalidInputError(`invoices.${i}.dueOn`, `is not overdue yet (today is ${on})`);
    }
  });
  // Checked before any invoice number is claimed, so a refused intake leaves nothing behind.
  const dunningAllowedFrom = firstDayPaymentMayBeDemanded(command);
  const creditorId = deps.settings.creditor.id;
  const caseId = caseIdFor(creditorId, numbers);
  const claimed: string[] = [];
  for (const number of numbers) {
    const key = `${creditorId}#${number}`;
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
    pause: null,
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
    chronologyEntry(
      now,
      'case-opened',
      'case-opened',
      API,
      `Case opened for ${numbers.length} invoice(s), ${command.invoices.reduce((s, i) => s + i.amountCents, 0)} cents; reminder planned for ${draft.schedule.reminderOn}`,
      { invoices: numbers.join(',') },
    ),
  );
  const result = await deps.store.create(opened);
  await deps.workflow.startCase(caseId);
  return result;
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
  const { now, today: on } = today(deps);
  if (payment.paidOn > on) throw new InvalidInputError('paidOn', `lies in the future (today is ${on})`);
  const c = await updateCase(
    deps.store,
    caseId,
    (current) => {
      const earlier = current.payments.find((p) => p.reference === payment.reference);
      if (earlier) {
        if (earlier.amountCents === payment.amountCents && earlier.paidOn === payment.paidOn) return null;
        throw new StageConflictError(
          `payment ${payment.reference} was already recorded with ${earlier.amountCents} cents on ${earlier.paidOn}`,
        );
      }
      if (isClosed(current.stage)) {
        throw new StageConflictError(`case ${caseId} is closed (${current.stage}); payment not recorded`);
      }
      const withPayment: Case = {
        ...current,
        payments: [...current.payments, { ...payment, receivedAt: now.toISOString() }],
      };
      const claim = claimOfCase(withPayment, on, deps.settings);
      const paidInFull = claim.totalCents <= 0;
      return record(
        paidInFull ? { ...withPayment, stage: 'paid', pause: null } : withPayment,
        chronologyEntry(
          now,
          `payment:${payment.reference}`,
          paidInFull ? 'paid-in-full' : 'payment-received',
          API,
          paidInFull
            ? `Payment ${payment.reference} of ${payment.amountCents} cents on ${payment.paidOn}: paid in full`
            : `Payment ${payment.reference} of ${payment.amountCents} cents on ${payment.paidOn}; still owed ${claim.totalCents} cents`,
          { reference: payment.reference },
        ),
      );
    },
    API_UPDATE,
  );
  return c.stage === 'paid' ? wakeWorkflow(deps, c, 'paid') : c;
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
  const { now, today: on } = today(deps);
  let disputeId = '';
  const c = await updateCase(
    deps.store,
    caseId,
    (current) => {
      if (isClosed(current.stage))
        throw new StageConflictError(`case ${caseId} is closed (${current.stage})`);
      checkDisputeFacts(current, dispute, on);
      const open = current.disputes.find((d) => d.status === 'open' || d.status === 'awaiting-reviewer');
      if (open)
        throw new StageConflictError(`case ${caseId} already has an open dispute (${open.disputeId})`);
      disputeId = `dispute-${current.disputes.length + 1}`;
      return record(
        {
          ...current,
          pause: { kind: 'dispute', disputeId, since: on },
          disputes: [
            ...current.disputes,
            {
              disputeId,
              kind: dispute.kind,
              raisedOn: dispute.raisedOn ?? on,
              statement: dispute.statement,
              evidence: dispute.evidence,
              status: 'open',
            },
          ],
        },
        chronologyEntry(
          now,
          `dispute-raised:${disputeId}`,
          'dispute-raised',
          'debtor',
          `${dispute.kind} dispute: ${dispute.statement}`,
          { disputeId },
        ),
      );
    },
    API_UPDATE,
  );
  return { case: await wakeWorkflow(deps, c, 'disputed'), disputeId };
}

/**
 * The dates of a dispute must fit the case, or the rules could not judge it later: none in the future,
 * no notice before the contract was concluded.
 */
function checkDisputeFacts(c: Case, dispute: DisputeCommand, on: CalendarDate): void {
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

export interface DecisionCommand {
  decision: 'reject' | 'accept' | 'settle';
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
  const { now, today: on } = today(deps);
  const c = await updateCase(
    deps.store,
    caseId,
    (current) => {
      const dispute = current.disputes.find((d) => d.disputeId === disputeId);
      if (!dispute) throw new DisputeNotFoundError(caseId, disputeId);
      if (dispute.status !== 'open' && dispute.status !== 'awaiting-reviewer') {
        throw new StageConflictError(`dispute ${disputeId} is already decided (${dispute.status})`);
      }
      if (isClosed(current.stage)) {
        throw new StageConflictError(
          `case ${caseId} is closed (${current.stage}); dispute ${disputeId} cannot be decided`,
        );
      }
      if (command.decision === 'settle') {
        const owed = claimOfCase(current, on, deps.settings).totalCents;
        if ((command.settlementCents ?? 0) > owed) {
          throw new InvalidInputError(
            'settlementCents',
            `must not exceed what is owed today (${owed} cents)`,
          );
        }
      }
      const reasons = [
        { code: `REVIEWER_${command.decision.toUpperCase()}`, text: command.note, article: 'beoordeling' },
      ];
      const verdict = {
        by: 'reviewer' as const,
        verdict: command.decision === 'reject' ? ('invalid' as const) : ('valid' as const),
        reasons,
        decidedOn: on,
      };
      const status =
        command.decision === 'reject' ? 'rejected' : command.decision === 'accept' ? 'upheld' : 'settled';
      let next: Case = {
        ...current,
        pause: null,
        disputes: current.disputes.map((d) =>
          d.disputeId === disputeId
            ? {
                ...d,
                status,
                verdict,
                ...(command.settlementCents !== undefined
                  ? { settlementCents: command.settlementCents }
                  : {}),
              }
            : d,
        ),
      };
      if (command.decision === 'accept') next = { ...next, stage: 'not-owed' };
      if (command.decision === 'settle') {
        next = {
          ...next,
          settlement: { amountCents: command.settlementCents ?? 0, agreedOn: on, disputeId },
        };
        if (claimOfCase(next, on, deps.settings).totalCents <= 0) next = { ...next, stage: 'paid' };
      }
      return record(
        next,
        chronologyEntry(
          now,
          `dispute-decided:${disputeId}`,
          'dispute-decided',
          `reviewer:${command.reviewer}`,
          `${command.decision}${command.decision === 'settle' ? ` for ${command.settlementCents} cents` : ''}: ${command.note}`,
          { disputeId },
        ),
      );
    },
    API_UPDATE,
  );
  return wakeWorkflow(deps, c, isClosed(c.stage) ? (c.stage === 'paid' ? 'paid' : 'closed') : 'resumed');
}

/** The creditor pauses dunning, optionally until a date after which it resumes by itself. */
export async function holdCase(
  deps: CaseDependencies,
  caseId: string,
  command: { reason: string; until?: CalendarDate | null },
): Promise<Case> {
  const { now, today: on } = today(deps);
  if (command.until && command.until <= on)
    throw new InvalidInputError('until', `must lie after today (${on})`);
  const c = await updateCase(
    deps.store,
    caseId,
    (current) => {
      if (isClosed(current.stage))
        throw new StageConflictError(`case ${caseId} is closed (${current.stage})`);
      if (current.pause?.kind === 'dispute')
        throw new StageConflictError(`case ${caseId} is paused by a dispute`);
      if (current.pause?.kind === 'hold') throw new StageConflictError(`case ${caseId} is already on hold`);
      return record(
        {
          ...current,
          pause: { kind: 'hold', reason: command.reason, since: on, until: command.until ?? null },
        },
        chronologyEntry(
          now,
          `hold:${current.version}`,
          'hold-placed',
          API,
          `On hold${command.until ? ` until ${command.until}` : ''}: ${command.reason}`,
        ),
      );
    },
    API_UPDATE,
  );
  return wakeWorkflow(deps, c, 'on-hold');
}

export async function releaseCase(
  deps: CaseDependencies,
  caseId: string,
  command: { note?: string },
): Promise<Case> {
  const { now } = today(deps);
  const c = await updateCase(
    deps.store,
    caseId,
    (current) => {
      if (current.pause?.kind !== 'hold') throw new StageConflictError(`case ${caseId} is not on hold`);
      return record(
        { ...current, pause: null },
        chronologyEntry(
          now,
          `release:${current.version}`,
          'hold-released',
          API,
          `Hold released${command.note ? `: ${command.note}` : ''}`,
        ),
      );
    },
    API_UPDATE,
  );
  return wakeWorkflow(deps, c, 'resumed');
}

/** What a user sees of a case: stage, amounts now, the next step and its date, and the record. */
export async function caseView(deps: CaseDependencies, caseId: string) {
  const { now, today: on } = today(deps);
  const c = await deps.store.get(caseId);
  if (!c) throw new CaseNotFoundError(caseId);
  const claim = claimOfCase(c, on, deps.settings);
  const next = nextRoute(c, now, on, deps.settings.policy);
  return {
    caseId: c.caseId,
    stage: c.stage,
    debtor: c.debtor,
    pause: c.pause,
    amounts: {
      on,
      principalCents: claim.principalCents,
      interestCents: claim.interestCents,
      costsCents: claim.costsCents,
      paidCents: claim.paidCents,
      totalCents: claim.totalCents,
    },
    nextStep: { step: next.route, on: next.wait?.until ?? null },
    openDispute: c.disputes.find((d) => d.status === 'open' || d.status === 'awaiting-reviewer') ?? null,
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

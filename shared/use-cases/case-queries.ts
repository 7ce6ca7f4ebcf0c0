import { currentDispute } from '../adapters/case-index.ts';
import type { Case } from '../domain/case.ts';
import { isPersonalDataErased } from '../domain/retention.ts';
import { type DisputeStatus, isOpenDisputeStatus, type NextStep } from '../domain/vocabulary.ts';
import { CaseNotFoundError, LetterNotFoundError } from '../errors.ts';
import type { CaseListFilters, Page, PageRequest } from '../ports/case-queries.ts';
import { workingDaysBetween } from '../rules/calendar.ts';
import { amountsAndNextStep, today } from './case-support.ts';
import type { CaseDependencies } from './dependencies.ts';

type QueryDependencies = Pick<CaseDependencies, 'queries' | 'clock' | 'settings'>;

/** One line of the case list: who owes what now, where the case stands, and what happens next, when. */
export interface CaseSummary {
  caseId: string;
  debtor: { kind: Case['debtor']['kind']; name: string };
  openedAt: string;
  stage: Case['stage'];
  pauses: Case['pauses'];
  amounts: {
    on: string;
    principalCents: number;
    interestCents: number;
    costsCents: number;
    paidCents: number;
    totalCents: number;
  };
  nextStep: { step: NextStep; on: string | null };
}

/** A line of the reviewer's worklist: the case's current dispute, its age in working days and its escalations. */
export interface DisputeWorkItem {
  caseId: string;
  disputeId: string;
  kind: NonNullable<ReturnType<typeof currentDispute>>['kind'];
  status: DisputeStatus;
  raisedOn: string;
  decidedOn: string | null;
  /** Working days (Dutch legal calendar) from the day it was raised to today, or to its decision. */
  ageWorkingDays: number;
  /** How often an undecided review of it was escalated (`review-escalated` in the chronology). */
  escalationCount: number;
  case: CaseSummary;
}

/** The summary of a case on a day: the same amounts and next step GET /cases/{id} shows. */
export function caseSummary(
  c: Case,
  now: Date,
  on: string,
  settings: CaseDependencies['settings'],
): CaseSummary {
  return {
    caseId: c.caseId,
    debtor: { kind: c.debtor.kind, name: c.debtor.name },
    openedAt: c.openedAt,
    stage: c.stage,
    pauses: c.pauses,
    ...amountsAndNextStep(c, now, on, settings),
  };
}

/** GET /cases: the creditor's cases that pass every filter given, a page at a time. */
export async function listCases(
  deps: QueryDependencies,
  filters: CaseListFilters,
  page: PageRequest,
): Promise<Page<CaseSummary>> {
  const { now, today: on } = today(deps);
  const found = await deps.queries.listCases(deps.settings.creditor.id, filters, page);
  return { ...found, items: found.items.map((c) => caseSummary(c, now, on, deps.settings)) };
}

/** GET /disputes: the disputes with a status (the reviewer's worklist: awaiting-reviewer), oldest first. */
export async function listDisputes(
  deps: QueryDependencies,
  status: DisputeStatus,
  page: PageRequest,
): Promise<Page<DisputeWorkItem>> {
  const { now, today: on } = today(deps);
  const found = await deps.queries.listDisputes(deps.settings.creditor.id, status, page);
  const items = found.items.flatMap((c): DisputeWorkItem[] => {
    const dispute = currentDispute(c);
    if (!dispute || dispute.status !== status) return [];
    // The rules' needs-review verdict carries a date too; a dispute is decided once it is no longer open.
    const open = isOpenDisputeStatus(dispute.status);
    const decidedOn = open ? null : (dispute.verdict?.decidedOn ?? null);
    return [
      {
        caseId: c.caseId,
        disputeId: dispute.disputeId,
        kind: dispute.kind,
        status: dispute.status,
        raisedOn: dispute.raisedOn,
        decidedOn,
        ageWorkingDays: workingDaysBetween(dispute.raisedOn, decidedOn ?? on),
        escalationCount: c.chronology.filter(
          (e) => e.type === 'review-escalated' && e.refs?.disputeId === dispute.disputeId,
        ).length,
        case: caseSummary(c, now, on, deps.settings),
      },
    ];
  });
  return { ...found, items };
}

/** A letter as the debtor got it: what `GET /cases/{id}/letters/{letterId}` answers. */
export interface LetterAsSent {
  letterId: string;
  kind: Case['letters'][number]['kind'];
  date: string;
  subject: string;
  html: string;
  text: string;
  contentHash: string;
}

/**
 * A letter of the case as it was sent: the kept copy the case's letter record names (same hash). Unknown
 * case: CaseNotFoundError; a letter the case has no kept copy of, or whose text was erased with the case's
 * personal data: LetterNotFoundError.
 */
export async function letterAsSent(
  deps: Pick<CaseDependencies, 'store'>,
  caseId: string,
  letterId: string,
): Promise<LetterAsSent> {
  const [c, kept] = await Promise.all([deps.store.get(caseId), deps.store.getLetter(caseId, letterId)]);
  if (!c) throw new CaseNotFoundError(caseId);
  if (isPersonalDataErased(c)) {
    throw new LetterNotFoundError(caseId, letterId, "erased with the case's personal data");
  }
  const record = c.letters.find((l) => l.letterId === letterId);
  if (!record || !kept) throw new LetterNotFoundError(caseId, letterId);
  // A copy no record names (kept by a step that then found the case changed) was never sent.
  if (kept.contentHash !== record.contentHash) {
    throw new LetterNotFoundError(caseId, letterId, 'the kept copy is not the letter the case records');
  }
  const { kind, date, subject, html, text, contentHash } = kept;
  return { letterId, kind, date, subject, html, text, contentHash };
}

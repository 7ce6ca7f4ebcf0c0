import { createHash } from 'node:crypto';
import type { DunningPolicy } from '../config/settings.ts';
import type { Case, Dispute } from '../domain/case.ts';
import { nextRoute } from '../domain/dunning-plan.ts';
import { restartReason } from '../domain/lifecycle.ts';
import { openDisputeOf } from '../domain/pauses.ts';
import { type DisputeStatus, isClosedStage, isOpenDisputeStatus } from '../domain/vocabulary.ts';
import { InvalidInputError } from '../errors.ts';
import type { CaseListFilters, SortKey, SortOrder } from '../ports/case-queries.ts';
import { addDays, type CalendarDate, calendarDateAt, startOfDayInAmsterdam } from '../rules/calendar.ts';

/**
 * The case table's global secondary indexes, one per way people look for cases (docs/data-model.md).
 * Declared once: the CDK table (infra/collections-stack.ts) and the local engines' table
 * (local/dynamodb/case-table.ts) are both built from this list. Every key is a string attribute that
 * the case store writes on the case item itself, derived from the case by `caseIndexAttributes`; an
 * index whose sort key a case lacks does not hold that case (sparse).
 */
export const CASE_INDEX = {
  /** Every case of a creditor, by when it was opened. */
  byOpened: { name: 'cases-by-opened', partitionKey: 'creditorId', sortKey: 'openedSort' },
  /** Cases of a creditor in one stage, by when they were opened. */
  byStage: { name: 'cases-by-stage', partitionKey: 'creditorStage', sortKey: 'openedSort' },
  /** Sparse: cases with a dated next step (open, dunning or waiting for a date), by that date. */
  byNextStep: { name: 'cases-by-next-step', partitionKey: 'creditorId', sortKey: 'nextStepSort' },
  /** Every case of a creditor, by the debtor's name folded to lower-case ASCII. */
  byDebtorName: { name: 'cases-by-debtor-name', partitionKey: 'creditorId', sortKey: 'debtorNameSort' },
  /** Sparse: cases paused by a dispute and/or a hold, by the day the earliest pause began. */
  paused: { name: 'paused-cases', partitionKey: 'creditorId', sortKey: 'pausedSort' },
  /** Sparse: cases with a dispute, under the status of their current dispute, by the day it was raised. */
  disputesByStatus: {
    name: 'disputes-by-status',
    partitionKey: 'creditorDisputeStatus',
    sortKey: 'disputeSort',
  },
} as const;
export type CaseIndex = (typeof CASE_INDEX)[keyof typeof CASE_INDEX];
export const CASE_INDEXES: readonly CaseIndex[] = Object.values(CASE_INDEX);

/**
 * The plain values the filters test, copied into every index (projection INCLUDE) so a filter never
 * needs the case document. Small: together with the keys about 0.5 KB per case.
 */
export const INDEX_FILTER_ATTRIBUTES = [
  'caseId',
  'stage',
  'debtorKind',
  'debtorName',
  'openedAt',
  'pauseKinds',
  'nextStepOn',
  'disputeStatus',
] as const;
type FilterAttribute = (typeof INDEX_FILTER_ATTRIBUTES)[number];
type KeyAttribute = CaseIndex['partitionKey'] | CaseIndex['sortKey'];
export type IndexAttributes = Partial<Record<FilterAttribute | KeyAttribute, string>>;

/** The debtor's name as the name index sorts and matches it: accents dropped, lower case, words of a-z0-9. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The dispute the dispute index keys a case under: its open dispute, else the last one. */
export function currentDispute(c: Pick<Case, 'disputes'>): Dispute | null {
  return openDisputeOf(c) ?? c.disputes.at(-1) ?? null;
}

/**
 * Every index attribute of a case, derived from the case alone (and the instant it is saved, for the
 * next step's date as the workflow plans it then). The case store writes these on every save, so the
 * indexes can never disagree with the case for longer than index propagation takes.
 */
export function caseIndexAttributes(c: Case, savedAt: Date, policy: DunningPolicy): IndexAttributes {
  const creditor = c.creditorId;
  const attributes: IndexAttributes = {
    caseId: c.caseId,
    stage: c.stage,
    debtorKind: c.debtor.kind,
    debtorName: foldName(c.debtor.name),
    openedAt: c.openedAt,
    creditorId: creditor,
    creditorStage: `${creditor}#${c.stage}`,
    openedSort: `${c.openedAt}#${c.caseId}`,
    debtorNameSort: `${foldName(c.debtor.name)}#${c.caseId}`,
  };
  // A failed workflow waits for an operator, not for a date: it is on no "next step before" list.
  const next =
    restartReason(c) === 'failed'
      ? undefined
      : nextRoute(c, savedAt, calendarDateAt(savedAt), policy).wait?.until;
  if (next) {
    attributes.nextStepOn = next;
    attributes.nextStepSort = `${next}#${c.caseId}`;
  }
  if (c.pauses.length > 0) {
    attributes.pauseKinds = c.pauses.map((p) => p.kind).join(',');
    const since = c.pauses.map((p) => p.since).sort()[0] as string;
    attributes.pausedSort = `${since}#${c.caseId}`;
  }
  const dispute = currentDispute(c);
  // A closed case's undecided dispute can no longer be decided (the API answers 409): it is on no
  // worklist. The case page still shows it.
  const undecidable = dispute !== null && isClosedStage(c.stage) && isOpenDisputeStatus(dispute.status);
  if (dispute && !undecidable) {
    attributes.disputeStatus = dispute.status;
    attributes.creditorDisputeStatus = `${creditor}#${dispute.status}`;
    attributes.disputeSort = `${dispute.raisedOn}#${dispute.disputeId}#${c.caseId}`;
  }
  return attributes;
}

/** A condition on one attribute; an absent attribute satisfies only `absent-or-ne`. */
export type IndexFilter =
  | {
      attribute: FilterAttribute;
      op: 'eq' | 'absent-or-ne' | 'contains' | 'lt' | 'begins-with';
      value: string;
    }
  | { attribute: FilterAttribute; op: 'from-to'; from: string; toExclusive: string };

/** How a query runs: which index, which partition, which stretch of its sort key, and what else must hold. */
export interface QueryPlan {
  index: CaseIndex;
  partition: string;
  range?: { op: 'begins-with' | 'lt'; value: string } | { op: 'between'; from: string; to: string };
  filters: IndexFilter[];
  order: SortOrder;
  sortedBy: SortKey;
}

/** An exact invoice-number lookup needs no index: the intake key of the invoice names its case. */
export interface InvoicePlan {
  invoiceNumber: string;
  filters: IndexFilter[];
}

/** The instants [from, toExclusive) of a stretch of Amsterdam calendar days, as openedAt compares. */
function openedStretch(from: CalendarDate | undefined, to: CalendarDate | undefined) {
  return {
    // '0' and '~' bound every ISO instant (a key condition may not compare with an empty string).
    from: from ? startOfDayInAmsterdam(from).toISOString() : '0',
    toExclusive: to ? startOfDayInAmsterdam(addDays(to, 1)).toISOString() : '~',
  };
}

/**
 * The index a case-list query runs on: the most selective filter given picks it (invoice number, then
 * debtor name, a dispute awaiting a reviewer, a pause, the next step's date, the stage; else every case
 * by opening), and the other filters are checked on the index's projected values.
 */
export function planCaseQuery(
  creditorId: string,
  filters: CaseListFilters,
  order: SortOrder = 'asc',
): QueryPlan | InvoicePlan {
  const rest: IndexFilter[] = [];
  const uses = new Set<keyof CaseListFilters>();
  const opened =
    filters.openedFrom !== undefined || filters.openedTo !== undefined
      ? openedStretch(filters.openedFrom, filters.openedTo)
      : null;
  const name = filters.debtorName === undefined ? undefined : foldName(filters.debtorName);
  if (name === '') throw new InvalidInputError('debtorName', 'must hold a letter or a digit');

  let plan: QueryPlan | InvoicePlan;
  if (filters.invoiceNumber !== undefined) {
    plan = { invoiceNumber: filters.invoiceNumber, filters: rest };
    uses.add('invoiceNumber');
  } else if (name !== undefined) {
    plan = keyed(CASE_INDEX.byDebtorName, creditorId, 'debtorName', { op: 'begins-with', value: name });
    uses.add('debtorName');
  } else if (filters.awaitingReviewer === true) {
    plan = keyed(CASE_INDEX.disputesByStatus, `${creditorId}#awaiting-reviewer`, 'disputeRaisedOn');
    uses.add('awaitingReviewer');
  } else if (filters.pause !== undefined) {
    plan = keyed(CASE_INDEX.paused, creditorId, 'pausedSince');
    rest.push({ attribute: 'pauseKinds', op: 'contains', value: filters.pause });
    uses.add('pause');
  } else if (filters.nextStepBefore !== undefined) {
    plan = keyed(CASE_INDEX.byNextStep, creditorId, 'nextStepOn', {
      op: 'lt',
      value: filters.nextStepBefore,
    });
    uses.add('nextStepBefore');
  } else if (filters.stage !== undefined) {
    plan = keyed(CASE_INDEX.byStage, `${creditorId}#${filters.stage}`, 'openedAt', openedRange());
    uses.add('stage');
  } else {
    plan = keyed(CASE_INDEX.byOpened, creditorId, 'openedAt', openedRange());
  }

  function keyed(
    index: CaseIndex,
    partition: string,
    sortedBy: SortKey,
    range?: QueryPlan['range'],
  ): QueryPlan {
    return { index, partition, ...(range ? { range } : {}), filters: rest, order, sortedBy };
  }
  function openedRange(): QueryPlan['range'] {
    if (!opened) return undefined;
    uses.add('openedFrom');
    uses.add('openedTo');
    return { op: 'between', from: opened.from, to: opened.toExclusive };
  }

  if (filters.stage !== undefined && !uses.has('stage'))
    rest.push({ attribute: 'stage', op: 'eq', value: filters.stage });
  if (filters.pause !== undefined && !uses.has('pause'))
    rest.push({ attribute: 'pauseKinds', op: 'contains', value: filters.pause });
  if (filters.awaitingReviewer !== undefined && !uses.has('awaitingReviewer'))
    rest.push({
      attribute: 'disputeStatus',
      op: filters.awaitingReviewer ? 'eq' : 'absent-or-ne',
      value: 'awaiting-reviewer',
    });
  if (filters.nextStepBefore !== undefined && !uses.has('nextStepBefore'))
    rest.push({ attribute: 'nextStepOn', op: 'lt', value: filters.nextStepBefore });
  if (filters.debtorKind !== undefined)
    rest.push({ attribute: 'debtorKind', op: 'eq', value: filters.debtorKind });
  if (name !== undefined && !uses.has('debtorName'))
    rest.push({ attribute: 'debtorName', op: 'begins-with', value: name });
  if (opened && !uses.has('openedFrom'))
    rest.push({ attribute: 'openedAt', op: 'from-to', from: opened.from, toExclusive: opened.toExclusive });
  return plan;
}

/** The dispute worklist: cases under the status of their current dispute, by the day it was raised. */
export function planDisputeQuery(
  creditorId: string,
  status: DisputeStatus,
  order: SortOrder = 'asc',
): QueryPlan {
  return {
    index: CASE_INDEX.disputesByStatus,
    partition: `${creditorId}#${status}`,
    filters: [],
    order,
    sortedBy: 'disputeRaisedOn',
  };
}

function holds(filter: IndexFilter, value: string | undefined): boolean {
  if (filter.op === 'absent-or-ne') return value !== filter.value;
  if (value === undefined) return false;
  switch (filter.op) {
    case 'eq':
      return value === filter.value;
    case 'contains':
      return value.split(',').includes(filter.value);
    case 'lt':
      return value < filter.value;
    case 'begins-with':
      return value.startsWith(filter.value);
    case 'from-to':
      return value >= filter.from && value < filter.toExclusive;
  }
}

/** Whether a case's index attributes satisfy the filters (the memory adapter, and the re-check of every hit). */
export function matchesFilters(attributes: IndexAttributes, filters: readonly IndexFilter[]): boolean {
  return filters.every((f) => holds(f, attributes[f.attribute]));
}

/** Whether a case's index attributes put it in the plan's partition and sort-key stretch. */
export function inPlan(attributes: IndexAttributes, plan: QueryPlan): boolean {
  if (attributes[plan.index.partitionKey] !== plan.partition) return false;
  const sort = attributes[plan.index.sortKey];
  if (sort === undefined) return false;
  const range = plan.range;
  if (range?.op === 'begins-with' && !sort.startsWith(range.value)) return false;
  if (range?.op === 'lt' && !(sort < range.value)) return false;
  if (range?.op === 'between' && !(sort >= range.from && sort <= range.to)) return false;
  return matchesFilters(attributes, plan.filters);
}

/** Where a page ended: the table keys and the index keys of the last item read. */
export type CursorPosition = Record<string, string>;

function fingerprint(plan: QueryPlan): string {
  const { index, partition, range, filters, order } = plan;
  return createHash('sha256')
    .update(JSON.stringify({ index: index.name, partition, range, filters, order }))
    .digest('base64url')
    .slice(0, 16);
}

/** The opaque cursor: the position, and a fingerprint of the query so it is not used with another. */
export function encodeCursor(plan: QueryPlan, position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ q: fingerprint(plan), k: position })).toString('base64url');
}

/** The position a cursor holds; InvalidInputError naming `cursor` for anything that is not one of this query. */
export function decodeCursor(plan: QueryPlan, cursor: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidInputError('cursor', 'is not a cursor this API gave out');
  }
  const { q, k } = (parsed ?? {}) as { q?: unknown; k?: unknown };
  const keys = ['pk', 'sk', plan.index.partitionKey, plan.index.sortKey];
  const position = k as Record<string, unknown> | null;
  const wellFormed =
    typeof q === 'string' &&
    typeof position === 'object' &&
    position !== null &&
    Object.keys(position).length === new Set(keys).size &&
    keys.every((key) => typeof position[key] === 'string' && (position[key] as string).length > 0) &&
    (position.pk as string).startsWith('CASE#');
  if (!wellFormed) throw new InvalidInputError('cursor', 'is not a cursor this API gave out');
  if (q !== fingerprint(plan)) {
    throw new InvalidInputError(
      'cursor',
      'belongs to a query with other filters or order; start without a cursor',
    );
  }
  return position as CursorPosition;
}

/** The cursor position of a case: its table keys and the plan's index keys. */
export function positionOf(caseId: string, attributes: IndexAttributes, plan: QueryPlan): CursorPosition {
  return {
    pk: `CASE#${caseId}`,
    sk: 'CASE',
    [plan.index.partitionKey]: attributes[plan.index.partitionKey] as string,
    [plan.index.sortKey]: attributes[plan.index.sortKey] as string,
  };
}

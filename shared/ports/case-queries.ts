import type { Case } from '../domain/case.ts';
import type {
  CaseStage,
  DebtorKind,
  DisputeStatus,
  LIST_SORT_KEYS,
  PauseKind,
  SORT_ORDERS,
} from '../domain/vocabulary.ts';
import type { CalendarDate } from '../rules/calendar.ts';

/** Filters of the case list; every filter given must hold (AND). */
export interface CaseListFilters {
  stage?: CaseStage;
  /** Cases paused by this kind of pause (a case may have both). */
  pause?: PauseKind;
  /** true: a dispute waits for a reviewer; false: none does. */
  awaitingReviewer?: boolean;
  /** The next step's date lies strictly before this day. */
  nextStepBefore?: CalendarDate;
  debtorKind?: DebtorKind;
  /** Exact invoice number (the creditor's own). */
  invoiceNumber?: string;
  /** Prefix of the debtor's name, case- and accent-insensitive. */
  debtorName?: string;
  /** Opened on or after this day (Europe/Amsterdam). */
  openedFrom?: CalendarDate;
  /** Opened on or before this day (Europe/Amsterdam). */
  openedTo?: CalendarDate;
}

export type SortOrder = (typeof SORT_ORDERS)[number];

export interface PageRequest {
  /** Page size: at most MAX_PAGE_SIZE. */
  limit: number;
  /** The opaque cursor of the previous page of the same query. */
  cursor?: string;
  order?: SortOrder;
}

/** What a list is sorted by: the key of the index the query runs on. */
export type SortKey = (typeof LIST_SORT_KEYS)[number];

export interface Page<T> {
  items: T[];
  /** Cursor of the next page; null when there is none. A page may hold fewer than `limit` items and a cursor. */
  cursor: string | null;
  sortedBy: SortKey;
  order: SortOrder;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/**
 * Lists of cases for the people who work them. Reads indexes, which follow a write after a moment
 * (eventually consistent); each case returned is read whole and checked again against the filters, so
 * an item never contradicts them.
 */
export interface CaseQueries {
  listCases(creditorId: string, filters: CaseListFilters, page: PageRequest): Promise<Page<Case>>;
  /**
   * Cases whose current dispute (the open one, else the last one decided) has this status, oldest
   * dispute first by default.
   */
  listDisputes(creditorId: string, status: DisputeStatus, page: PageRequest): Promise<Page<Case>>;
}

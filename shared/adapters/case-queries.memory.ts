import type { Case } from '../domain/case.ts';
import type { DisputeStatus } from '../domain/vocabulary.ts';
import { InvalidInputError } from '../errors.ts';
import type { CaseListFilters, CaseQueries, Page, PageRequest } from '../ports/case-queries.ts';
import { invoiceIntakeKey } from '../ports/case-store.ts';
import {
  decodeCursor,
  encodeCursor,
  type IndexAttributes,
  inPlan,
  matchesFilters,
  planCaseQuery,
  planDisputeQuery,
  positionOf,
  type QueryPlan,
} from './case-index.ts';
import type { MemoryCaseStore } from './case-store.memory.ts';

/**
 * The case lists over a MemoryCaseStore, with the same plans, index attributes, order and cursors as
 * the DynamoDB adapter (for the fast test tier and the back office's tests without an engine).
 */
export class MemoryCaseQueries implements CaseQueries {
  constructor(private readonly store: MemoryCaseStore) {}

  async listCases(creditorId: string, filters: CaseListFilters, page: PageRequest): Promise<Page<Case>> {
    const plan = planCaseQuery(creditorId, filters, page.order);
    if (!('invoiceNumber' in plan)) return this.run(plan, page);
    if (page.cursor !== undefined) {
      throw new InvalidInputError('cursor', 'an invoice-number lookup has a single page');
    }
    const base = {
      items: [] as Case[],
      cursor: null,
      sortedBy: 'openedAt' as const,
      order: page.order ?? 'asc',
    };
    const caseId = this.store.intakeHolder(invoiceIntakeKey(creditorId, plan.invoiceNumber));
    const entry = this.store.indexed().find((e) => e.caseId === caseId);
    if (!entry || !matchesFilters(entry.attributes, plan.filters)) return base;
    const found = await this.store.get(entry.caseId);
    return found ? { ...base, items: [found] } : base;
  }

  async listDisputes(creditorId: string, status: DisputeStatus, page: PageRequest): Promise<Page<Case>> {
    return this.run(planDisputeQuery(creditorId, status, page.order), page);
  }

  private async run(plan: QueryPlan, page: PageRequest): Promise<Page<Case>> {
    const sortKey = (a: IndexAttributes) => a[plan.index.sortKey] as string;
    // DynamoDB orders an index by its sort key, then by the table's keys; the sort keys here are unique.
    const entries = this.store
      .indexed()
      .filter((e) => inPlan(e.attributes, plan))
      .sort((a, b) => (sortKey(a.attributes) < sortKey(b.attributes) ? -1 : 1));
    if (plan.order === 'desc') entries.reverse();
    let from = 0;
    if (page.cursor !== undefined) {
      const after = decodeCursor(plan, page.cursor)[plan.index.sortKey] as string;
      const beyond = (key: string) => (plan.order === 'asc' ? key > after : key < after);
      from = entries.findIndex((e) => beyond(sortKey(e.attributes)));
      if (from === -1) from = entries.length;
    }
    const taken = entries.slice(from, from + page.limit);
    const last = taken.at(-1);
    const more = from + page.limit < entries.length;
    const items = (await Promise.all(taken.map((e) => this.store.get(e.caseId)))).filter(
      (c): c is Case => c !== null,
    );
    return {
      items,
      cursor: more && last ? encodeCursor(plan, positionOf(last.caseId, last.attributes, plan)) : null,
      sortedBy: plan.sortedBy,
      order: plan.order,
    };
  }
}

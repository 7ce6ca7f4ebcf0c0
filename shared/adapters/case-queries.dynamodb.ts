import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { Case } from '../domain/case.ts';
import type { DisputeStatus } from '../domain/vocabulary.ts';
import { InvalidInputError, TransientError } from '../errors.ts';
import type { CaseListFilters, CaseQueries, Page, PageRequest } from '../ports/case-queries.ts';
import { invoiceIntakeKey } from '../ports/case-store.ts';
import {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  type IndexAttributes,
  type IndexFilter,
  type InvoicePlan,
  inPlan,
  matchesFilters,
  planCaseQuery,
  planDisputeQuery,
  type QueryPlan,
} from './case-index.ts';
import { caseFromItem, caseKey, intakeKey } from './case-store.dynamodb.ts';
import { translateDynamoDbError } from './dynamodb-errors.ts';

/** Query requests one page may make before it answers with what it found and a cursor (bounds a selective filter's cost). */
const MAX_REQUESTS_PER_PAGE = 5;
/** Items a filtered Query reads per request (DynamoDB's Limit counts items read, before the filter). */
const FILTERED_READ = 200;

export interface DynamoDbCaseQueriesOptions {
  client: DynamoDBClient;
  tableName: string;
}

/**
 * The case lists on the case table's global secondary indexes (shared/adapters/case-index.ts): one
 * Query per index partition (never a Scan), the hits read whole with one consistent BatchGetItem and
 * checked again, so an index entry that has not caught up with its case is left out.
 */
export class DynamoDbCaseQueries implements CaseQueries {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;

  constructor(options: DynamoDbCaseQueriesOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  async listCases(creditorId: string, filters: CaseListFilters, page: PageRequest): Promise<Page<Case>> {
    const plan = planCaseQuery(creditorId, filters, page.order);
    if ('invoiceNumber' in plan) return this.byInvoice(creditorId, plan, page);
    return this.run(plan, page);
  }

  async listDisputes(creditorId: string, status: DisputeStatus, page: PageRequest): Promise<Page<Case>> {
    return this.run(planDisputeQuery(creditorId, status, page.order), page);
  }

  private async run(plan: QueryPlan, page: PageRequest): Promise<Page<Case>> {
    let start = page.cursor === undefined ? undefined : decodeCursor(plan, page.cursor);
    const expression = queryExpression(plan);
    const hits: Record<string, AttributeValue>[] = [];
    let next: CursorPosition | null = null;
    for (let request = 1; ; request++) {
      const out = await this.send('Query', () =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: plan.index.name,
            ...expression,
            ScanIndexForward: plan.order === 'asc',
            Limit: plan.filters.length > 0 ? Math.max(FILTERED_READ, page.limit) : page.limit,
            ...(start ? { ExclusiveStartKey: toAttributes(start) } : {}),
          }),
        ),
      );
      const items = out.Items ?? [];
      const taken = items.slice(0, page.limit - hits.length);
      hits.push(...taken);
      if (hits.length === page.limit) {
        const more = taken.length < items.length || out.LastEvaluatedKey !== undefined;
        next = more ? positionOfItem(hits.at(-1) as Record<string, AttributeValue>, plan) : null;
        break;
      }
      if (out.LastEvaluatedKey === undefined) break;
      start = fromAttributes(out.LastEvaluatedKey);
      if (request === MAX_REQUESTS_PER_PAGE) {
        next = start;
        break;
      }
    }
    const items = await this.readCases(hits.map((h) => h.pk?.S as string));
    const cases = items.filter((item) => inPlan(indexAttributesOf(item), plan)).map(caseFromItem);
    return {
      items: cases,
      cursor: next ? encodeCursor(plan, next) : null,
      sortedBy: plan.sortedBy,
      order: plan.order,
    };
  }

  private async byInvoice(creditorId: string, plan: InvoicePlan, page: PageRequest): Promise<Page<Case>> {
    if (page.cursor !== undefined) {
      throw new InvalidInputError('cursor', 'an invoice-number lookup has a single page');
    }
    const base = {
      items: [] as Case[],
      cursor: null,
      sortedBy: 'openedAt' as const,
      order: page.order ?? 'asc',
    };
    const intake = await this.send('GetItem', () =>
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: toAttributes(intakeKey(invoiceIntakeKey(creditorId, plan.invoiceNumber))),
          ConsistentRead: true,
        }),
      ),
    );
    const caseId = intake.Item?.caseId?.S;
    if (caseId === undefined) return base;
    const [item] = await this.readCases([caseKey(caseId).pk]);
    if (item === undefined || !matchesFilters(indexAttributesOf(item), plan.filters)) return base;
    return { ...base, items: [caseFromItem(item)] };
  }

  /** The case items with these partition keys, in this order, read consistently. */
  private async readCases(pks: string[]): Promise<Record<string, AttributeValue>[]> {
    if (pks.length === 0) return [];
    const found = new Map<string, Record<string, AttributeValue>>();
    let keys: Record<string, AttributeValue>[] | undefined = pks.map((pk) => ({
      pk: { S: pk },
      sk: { S: 'CASE' },
    }));
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt === 5) throw new TransientError('DynamoDB BatchGetItem left keys unprocessed five times');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const requested: Record<string, AttributeValue>[] = keys;
      const out = await this.send('BatchGetItem', () =>
        this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: requested, ConsistentRead: true } },
          }),
        ),
      );
      for (const item of out.Responses?.[this.tableName] ?? []) found.set(item.pk?.S as string, item);
      keys = out.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return pks
      .map((pk) => found.get(pk))
      .filter((item): item is Record<string, AttributeValue> => item !== undefined);
  }

  private async send<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw translateDynamoDbError(error, '(case list)', operation);
    }
  }
}

/** KeyConditionExpression and FilterExpression of a plan, with their names and values. */
function queryExpression(plan: QueryPlan) {
  const names: Record<string, string> = { '#pk': plan.index.partitionKey };
  if (plan.range) names['#sk'] = plan.index.sortKey;
  const values: Record<string, AttributeValue> = { ':pk': { S: plan.partition } };
  let key = '#pk = :pk';
  const range = plan.range;
  if (range?.op === 'begins-with') {
    key += ' AND begins_with(#sk, :sk)';
    values[':sk'] = { S: range.value };
  } else if (range?.op === 'lt') {
    key += ' AND #sk < :sk';
    values[':sk'] = { S: range.value };
  } else if (range?.op === 'between') {
    key += ' AND #sk BETWEEN :skFrom AND :skTo';
    values[':skFrom'] = { S: range.from };
    values[':skTo'] = { S: range.to };
  }
  const conditions = plan.filters.map((filter, i) => condition(filter, i, names, values));
  return {
    KeyConditionExpression: key,
    ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

function condition(
  filter: IndexFilter,
  i: number,
  names: Record<string, string>,
  values: Record<string, AttributeValue>,
): string {
  const name = `#f${i}`;
  names[name] = filter.attribute;
  if (filter.op === 'from-to') {
    values[`:f${i}a`] = { S: filter.from };
    values[`:f${i}b`] = { S: filter.toExclusive };
    return `(${name} >= :f${i}a AND ${name} < :f${i}b)`;
  }
  const value = `:f${i}`;
  values[value] = { S: filter.value };
  switch (filter.op) {
    case 'eq':
      return `${name} = ${value}`;
    case 'absent-or-ne':
      return `(attribute_not_exists(${name}) OR ${name} <> ${value})`;
    // pauseKinds is a comma-separated list of kinds, none of which is part of another.
    case 'contains':
      return `contains(${name}, ${value})`;
    case 'lt':
      return `${name} < ${value}`;
    case 'begins-with':
      return `begins_with(${name}, ${value})`;
  }
}

function indexAttributesOf(item: Record<string, AttributeValue>): IndexAttributes {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(item)) if (value.S !== undefined) attributes[name] = value.S;
  return attributes as IndexAttributes;
}

function positionOfItem(item: Record<string, AttributeValue>, plan: QueryPlan): CursorPosition {
  const position: CursorPosition = {};
  for (const name of ['pk', 'sk', plan.index.partitionKey, plan.index.sortKey]) {
    position[name] = item[name]?.S as string;
  }
  return position;
}

function toAttributes(position: Record<string, string>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(position).map(([name, value]) => [name, { S: value }]));
}

function fromAttributes(key: Record<string, AttributeValue>): CursorPosition {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, value.S as string]));
}

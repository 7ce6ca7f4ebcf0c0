import {
  type AttributeValue,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DEFAULT_SETTINGS, type DunningPolicy } from '../config/settings.ts';
import type { Case } from '../domain/case.ts';
import { CaseRecordTooLargeError, InvalidInputError } from '../errors.ts';
import type { CaseStore } from '../ports/case-store.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import { caseIndexAttributes } from './case-index.ts';
import { isConditionalCheckFailed, translateDynamoDbError } from './dynamodb-errors.ts';

/**
 * Case records in one DynamoDB table (partition key `pk`, sort key `sk`, both strings).
 *
 *   case:   pk = CASE#<caseId>    sk = CASE     caseId, stage, version (N), updatedAt, document (JSON of Case),
 *                                               and the index attributes (shared/adapters/case-index.ts)
 *   intake: pk = INTAKE#<key>     sk = INTAKE   caseId, claimedAt
 *
 * One item per case, so a transition and its chronology entry are one conditional PutItem: no
 * transactions, which dynalite lacks. See docs/data-model.md.
 */
export const CASE_SORT_KEY = 'CASE';
export const INTAKE_SORT_KEY = 'INTAKE';
export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: CASE_SORT_KEY });
export const intakeKey = (key: string) => ({ pk: `INTAKE#${key}`, sk: INTAKE_SORT_KEY });

/** DynamoDB's item size limit: attribute names plus values, in UTF-8 bytes. */
export const MAX_ITEM_BYTES = 400 * 1024;

export interface DynamoDbClientOptions {
  /**
   * e.g. http://127.0.0.1:8000 for a local engine (the source-mode tests). None on AWS; the deployed
   * bundles, locally too, reach their endpoint through the SDK's own AWS_ENDPOINT_URL_DYNAMODB.
   */
  endpoint?: string;
  /** Defaults to env AWS_REGION; `eu-west-1` for a local endpoint when unset. */
  region?: string;
  /** Attempts per request including the SDK's own retries (SDK default 3). */
  maxAttempts?: number;
}

/**
 * Builds the client the case store uses. On AWS (no endpoint) the SDK's region and credential chain
 * apply; against a local engine the credentials are fixed dummies so nothing looks for real ones.
 */
export function createDynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDBClient {
  const endpoint = options.endpoint;
  const region = options.region ?? nonEmpty(process.env.AWS_REGION);
  if (endpoint === undefined) {
    return new DynamoDBClient({ region, maxAttempts: options.maxAttempts });
  }
  return new DynamoDBClient({
    endpoint,
    region: region ?? 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: options.maxAttempts,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export interface DynamoDbCaseStoreOptions {
  client: DynamoDBClient;
  tableName: string;
  /** Stamps `updatedAt` and `claimedAt`; the system clock unless the local runtime drives time. */
  clock?: Clock;
  /** Dates the next step in the next-step index as the workflow plans it (the process's settings). */
  policy?: DunningPolicy;
}

export class DynamoDbCaseStore implements CaseStore {
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly clock: Clock;
  private readonly policy: DunningPolicy;

  constructor(options: DynamoDbCaseStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.clock = options.clock ?? systemClock;
    this.policy = options.policy ?? DEFAULT_SETTINGS.policy;
  }

  async get(caseId: string): Promise<Case | null> {
    requireId('caseId', caseId);
    try {
      const out = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: keyAttributes(caseKey(caseId)),
          ConsistentRead: true,
        }),
      );
      return out.Item === undefined ? null : caseFromItem(out.Item);
    } catch (error) {
      throw translateDynamoDbError(error, caseId, 'GetItem');
    }
  }

  async create(record: Case): Promise<{ created: boolean; record: Case }> {
    requireId('caseId', record.caseId);
    const item = caseToItem(record, this.clock.now(), this.policy);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, record };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw translateDynamoDbError(error, record.caseId, 'PutItem');
    }
    // Someone created it first (or this is a retry of our own create): hand back what is stored.
    const stored = await this.get(record.caseId);
    if (stored === null) {
      // Created and deleted in between; the product never deletes cases, so report it as a race.
      throw translateDynamoDbError(conditionFailed(), record.caseId, 'PutItem');
    }
    return { created: false, record: stored };
  }

  async replace(record: Case, expectedVersion: number): Promise<void> {
    requireId('caseId', record.caseId);
    if (!Number.isSafeInteger(expectedVersion) || record.version !== expectedVersion + 1) {
      throw new InvalidInputError(
        'version',
        `a replacement of version ${expectedVersion} must carry version ${expectedVersion + 1}, not ${record.version}`,
      );
    }
    const item = caseToItem(record, this.clock.now(), this.policy);
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          // Fails when the case is missing too: a missing attribute never equals :expected.
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
        }),
      );
    } catch (error) {
      throw translateDynamoDbError(error, record.caseId, 'PutItem');
    }
  }

  async claimIntakeKey(key: string, caseId: string): Promise<string> {
    requireId('key', key);
    requireId('caseId', caseId);
    const Key = keyAttributes(intakeKey(key));
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: { ...Key, caseId: { S: caseId }, claimedAt: { S: this.clock.now().toISOString() } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return caseId;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw translateDynamoDbError(error, caseId, 'PutItem');
    }
    try {
      const out = await this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key, ConsistentRead: true }),
      );
      const holder = out.Item?.caseId?.S;
      if (holder === undefined) throw new Error(`intake key ${key} exists without a caseId`);
      return holder;
    } catch (error) {
      throw translateDynamoDbError(error, caseId, 'GetItem');
    }
  }

  async releaseIntakeKey(key: string, caseId: string): Promise<void> {
    requireId('key', key);
    requireId('caseId', caseId);
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.tableName,
          Key: keyAttributes(intakeKey(key)),
          ConditionExpression: 'caseId = :caseId',
          ExpressionAttributeValues: { ':caseId': { S: caseId } },
        }),
      );
    } catch (error) {
      // Held by another case, or already gone: either way not this case's to release.
      if (!isConditionalCheckFailed(error)) throw translateDynamoDbError(error, caseId, 'DeleteItem');
    }
  }
}

function requireId(field: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0)
    throw new InvalidInputError(field, 'must be a non-empty string');
}

function keyAttributes(key: { pk: string; sk: string }): Record<string, AttributeValue> {
  return { pk: { S: key.pk }, sk: { S: key.sk } };
}

function conditionFailed(): Error {
  const error = new Error('the case vanished between a failed create and the read that followed');
  error.name = 'ConditionalCheckFailedException';
  return error;
}

/**
 * The stored form of a case, with its index attributes derived from it (every save writes them, so the
 * indexes follow the case). Throws CaseRecordTooLargeError when it would not fit one item.
 */
export function caseToItem(
  record: Case,
  savedAt: Date,
  policy: DunningPolicy = DEFAULT_SETTINGS.policy,
): Record<string, AttributeValue> {
  if (!Number.isSafeInteger(record.version) || record.version < 0) {
    throw new InvalidInputError('version', `must be a non-negative integer, not ${record.version}`);
  }
  const indexed = Object.entries(caseIndexAttributes(record, savedAt, policy)).map(([name, value]) => [
    name,
    { S: value },
  ]);
  const item: Record<string, AttributeValue> = {
    ...Object.fromEntries(indexed),
    ...keyAttributes(caseKey(record.caseId)),
    caseId: { S: record.caseId },
    stage: { S: record.stage },
    version: { N: String(record.version) },
    updatedAt: { S: savedAt.toISOString() },
    document: { S: JSON.stringify(record) },
  };
  const size = itemSizeBytes(item);
  if (size > MAX_ITEM_BYTES) throw new CaseRecordTooLargeError(record.caseId, size, MAX_ITEM_BYTES);
  return item;
}

export function caseFromItem(item: Record<string, AttributeValue>): Case {
  const document = item.document?.S;
  const version = item.version?.N;
  if (document === undefined || version === undefined) {
    throw new Error(`case item ${item.pk?.S ?? '?'} has no document or version`);
  }
  const record = JSON.parse(document) as Case;
  // The top-level attribute is what the conditions guard; it is written together with the document.
  record.version = Number(version);
  return record;
}

/**
 * Size of an item as DynamoDB counts it: UTF-8 bytes of each attribute name plus its value. Numbers
 * are counted at their upper bound (21 bytes) so the estimate never undercounts.
 */
export function itemSizeBytes(item: Record<string, AttributeValue>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name, 'utf8');
    if (value.S !== undefined) size += Buffer.byteLength(value.S, 'utf8');
    else if (value.N !== undefined) size += 21;
    else throw new Error(`itemSizeBytes: unsupported attribute type for ${name}`);
  }
  return size;
}

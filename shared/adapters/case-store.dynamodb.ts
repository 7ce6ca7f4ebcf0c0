import {
  type AttributeValue,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DEFAULT_SETTINGS, type DunningPolicy } from '../config/settings.ts';
import type { Case } from '../domain/case.ts';
import { isPersonalDataErased, retentionExpiresAt } from '../domain/retention.ts';
import {
  CaseRecordTooLargeError,
  ConcurrentUpdateError,
  InvalidInputError,
  TransientError,
} from '../errors.ts';
import type { CaseStore, KeptLetter } from '../ports/case-store.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import { caseIndexAttributes } from './case-index.ts';
import { isConditionalCheckFailed, translateDynamoDbError } from './dynamodb-errors.ts';

/**
 * Case records in one DynamoDB table (partition key `pk`, sort key `sk`, both strings).
 *
 *   case:   pk = CASE#<caseId>    sk = CASE     caseId, stage, version (N), updatedAt, document (JSON of Case),
 *                                              expiresAt (N, the TTL: only on a closed case)
 *                                               and the index attributes (shared/adapters/case-index.ts)
 *   letter: pk = CASE#<caseId>    sk = LETTER#<letterId>   a letter as sent: letterId, kind, date, subject,
 *                                              html, text, recipient (JSON), contentHash, keptAt, caseVersion (N),
 *                                              expiresAt (N: the case's, set with it); no index attributes
 *   intake: pk = INTAKE#<key>     sk = INTAKE   caseId, claimedAt
 *
 * One item per case, so a transition and its chronology entry are one conditional PutItem. A write that
 * changes a case's retention carries it to the case's letters in the same TransactWriteItems (dynalite
 * has none: there, the letters follow right after the case). See docs/data-model.md.
 */
export const CASE_SORT_KEY = 'CASE';
export const LETTER_SORT_KEY_PREFIX = 'LETTER#';
/** The table's time-to-live attribute (Unix seconds), set on a closed case (shared/domain/retention.ts). */
export const TTL_ATTRIBUTE = 'expiresAt';
export const INTAKE_SORT_KEY = 'INTAKE';
/** Partition key prefixes: the IAM grants limit each function to the item kinds it uses (dynamodb:LeadingKeys). */
export const CASE_KEY_PREFIX = 'CASE#';
export const INTAKE_KEY_PREFIX = 'INTAKE#';
export const caseKey = (caseId: string) => ({ pk: `${CASE_KEY_PREFIX}${caseId}`, sk: CASE_SORT_KEY });
export const intakeKey = (key: string) => ({ pk: `${INTAKE_KEY_PREFIX}${key}`, sk: INTAKE_SORT_KEY });
export const letterKey = (caseId: string, letterId: string) => ({
  pk: `${CASE_KEY_PREFIX}${caseId}`,
  sk: `${LETTER_SORT_KEY_PREFIX}${letterId}`,
});
/** What a letter item holds of the letter's text and recipient: erased with the case's personal data. */
const LETTER_PERSONAL_ATTRIBUTES = ['subject', 'html', 'text', 'recipient'] as const;

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
  /** False once the engine said it has no TransactWriteItems (dynalite). */
  private transactions = true;

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
    const expiresAt = retentionExpiresAt(record);
    if (expiresAt !== null) {
      // A closed case: its letters carry its retention (and lose their text when its personal data went).
      await this.replaceWithLetters(record, item, expectedVersion, expiresAt);
      return;
    }
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          // Fails when the case is missing too: a missing attribute never equals :expected. An open case
          // whose stored record has a retention is being reopened: its letters lose theirs (below).
          ConditionExpression: '#version = :expected AND attribute_not_exists(#ttl)',
          ExpressionAttributeNames: { '#version': 'version', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error) || !(await this.isClosedAt(record.caseId, expectedVersion))) {
        throw translateDynamoDbError(error, record.caseId, 'PutItem');
      }
      await this.replaceWithLetters(record, item, expectedVersion, null);
    }
  }

  /** Whether the stored case is at `version` and carries a retention (closed). */
  private async isClosedAt(caseId: string, version: number): Promise<boolean> {
    try {
      const out = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: keyAttributes(caseKey(caseId)),
          ConsistentRead: true,
          ProjectionExpression: '#version, #ttl',
          ExpressionAttributeNames: { '#version': 'version', '#ttl': TTL_ATTRIBUTE },
        }),
      );
      return out.Item?.version?.N === String(version) && out.Item[TTL_ATTRIBUTE] !== undefined;
    } catch (error) {
      throw translateDynamoDbError(error, caseId, 'GetItem');
    }
  }

  /**
   * Writes the case and sets its retention (`null`: none) on each of its kept letters, erasing their text
   * when the case's personal data is erased: one TransactWriteItems. An engine without transactions
   * (dynalite) gets the case first and then each letter, each letter update guarded by the case version it
   * follows, so a slower writer of an older version never overwrites a newer one's retention.
   */
  private async replaceWithLetters(
    record: Case,
    item: Record<string, AttributeValue>,
    expectedVersion: number,
    expiresAt: number | null,
  ): Promise<void> {
    const caseId = record.caseId;
    const letters = await this.keptLetterKeys(caseId);
    const put = {
      TableName: this.tableName,
      Item: item,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': { N: String(expectedVersion) } },
    };
    const erase = isPersonalDataErased(record);
    const updates = letters.map((Key) =>
      letterRetentionUpdate(this.tableName, Key, record.version, expiresAt, erase),
    );
    if (letters.length > 0 && this.transactions) {
      if (updates.length + 1 > MAX_TRANSACTION_ITEMS) {
        throw new Error(
          `case ${caseId} has ${letters.length} kept letters; one write carries at most ${MAX_TRANSACTION_ITEMS - 1}`,
        );
      }
      const TransactItems: TransactWriteItem[] = [{ Put: put }, ...updates.map((Update) => ({ Update }))];
      try {
        await this.client.send(new TransactWriteItemsCommand({ TransactItems }));
        return;
      } catch (error) {
        if (!isUnknownOperation(error)) throw translateTransactionError(error, caseId);
        // GAP: dynalite has no TransactWriteItems; from now on this store writes the letters after the case.
        this.transactions = false;
      }
    }
    try {
      await this.client.send(new PutItemCommand(put));
    } catch (error) {
      throw translateDynamoDbError(error, caseId, 'PutItem');
    }
    for (const update of updates) {
      try {
        await this.client.send(
          new UpdateItemCommand({
            ...update,
            ConditionExpression: `${update.ConditionExpression} AND (attribute_not_exists(caseVersion) OR caseVersion < :version)`,
          }),
        );
      } catch (error) {
        // A newer write of the case already carried its retention to this letter.
        if (!isConditionalCheckFailed(error)) throw translateDynamoDbError(error, caseId, 'UpdateItem');
      }
    }
  }

  /** The keys of the case's kept letters (a Query on the case's partition; the case item is not read). */
  private async keptLetterKeys(caseId: string): Promise<Record<string, AttributeValue>[]> {
    const keys: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    try {
      do {
        const out = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :letters)',
            ExpressionAttributeValues: {
              ':pk': { S: caseKey(caseId).pk },
              ':letters': { S: LETTER_SORT_KEY_PREFIX },
            },
            ProjectionExpression: 'pk, sk',
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const { pk, sk } of out.Items ?? []) if (pk && sk) keys.push({ pk, sk });
        start = out.LastEvaluatedKey;
      } while (start);
    } catch (error) {
      throw translateDynamoDbError(error, caseId, 'Query');
    }
    return keys;
  }

  async keepLetter(letter: KeptLetter, c: Case): Promise<void> {
    requireId('caseId', c.caseId);
    requireId('letterId', letter.letterId);
    if (letter.caseId !== c.caseId) {
      throw new InvalidInputError(
        'caseId',
        `letter ${letter.letterId} is of case ${letter.caseId}, not ${c.caseId}`,
      );
    }
    const item = letterToItem(letter, c, this.clock.now());
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: item }));
    } catch (error) {
      throw translateDynamoDbError(error, c.caseId, 'PutItem');
    }
  }

  async getLetter(caseId: string, letterId: string): Promise<KeptLetter | null> {
    requireId('caseId', caseId);
    requireId('letterId', letterId);
    try {
      const out = await this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: keyAttributes(letterKey(caseId, letterId)),
          ConsistentRead: true,
        }),
      );
      return out.Item === undefined ? null : letterFromItem(caseId, out.Item);
    } catch (error) {
      throw translateDynamoDbError(error, caseId, 'GetItem');
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

/** DynamoDB's limit of items in one TransactWriteItems. */
const MAX_TRANSACTION_ITEMS = 100;

function isUnknownOperation(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'UnknownOperationException';
}

/**
 * A cancelled transaction whose first item (the case's Put) failed its version condition is a
 * ConcurrentUpdateError; a conflict with another transaction is transient; the rest as any other error.
 */
function translateTransactionError(error: unknown, caseId: string): unknown {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  if ((error as { name?: unknown }).name === 'TransactionCanceledException') {
    if (reasons?.[0]?.Code === 'ConditionalCheckFailed') {
      return new ConcurrentUpdateError(caseId, { cause: error });
    }
    if (reasons?.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError')) {
      return new TransientError(`DynamoDB TransactWriteItems for case ${caseId} conflicted; try again`, {
        cause: error,
      });
    }
  }
  return translateDynamoDbError(error, caseId, 'TransactWriteItems');
}

/** Sets a letter's retention to its case's (removes it for an open case), erasing its text with the case's. */
function letterRetentionUpdate(
  TableName: string,
  Key: Record<string, AttributeValue>,
  caseVersion: number,
  expiresAt: number | null,
  erase: boolean,
) {
  const set = ['caseVersion = :version', ...(expiresAt === null ? [] : ['#ttl = :ttl'])];
  const remove = [
    ...(expiresAt === null ? ['#ttl'] : []),
    ...(erase ? LETTER_PERSONAL_ATTRIBUTES.map((a) => `#${a}`) : []),
  ];
  return {
    TableName,
    Key,
    UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeNames: {
      '#ttl': TTL_ATTRIBUTE,
      ...(erase ? Object.fromEntries(LETTER_PERSONAL_ATTRIBUTES.map((a) => [`#${a}`, a])) : {}),
    },
    ExpressionAttributeValues: {
      ':version': { N: String(caseVersion) },
      ...(expiresAt === null ? {} : { ':ttl': { N: String(expiresAt) } }),
    },
  };
}

/** The stored form of a kept letter: no index attributes (no case list ever shows it), the case's retention. */
export function letterToItem(letter: KeptLetter, c: Case, keptAt: Date): Record<string, AttributeValue> {
  const item: Record<string, AttributeValue> = {
    ...keyAttributes(letterKey(c.caseId, letter.letterId)),
    letterId: { S: letter.letterId },
    kind: { S: letter.kind },
    date: { S: letter.date },
    subject: { S: letter.subject },
    html: { S: letter.html },
    text: { S: letter.text },
    recipient: { S: JSON.stringify(letter.recipient) },
    contentHash: { S: letter.contentHash },
    keptAt: { S: keptAt.toISOString() },
    caseVersion: { N: String(c.version) },
  };
  const expiresAt = retentionExpiresAt(c);
  if (expiresAt !== null) item[TTL_ATTRIBUTE] = { N: String(expiresAt) };
  const size = itemSizeBytes(item);
  if (size > MAX_ITEM_BYTES) throw new CaseRecordTooLargeError(c.caseId, size, MAX_ITEM_BYTES);
  return item;
}

/** A letter item as the port gives it; null when its text was erased. */
export function letterFromItem(caseId: string, item: Record<string, AttributeValue>): KeptLetter | null {
  const { letterId, kind, date, subject, html, text, recipient, contentHash } = item;
  if (
    html?.S === undefined ||
    text?.S === undefined ||
    subject?.S === undefined ||
    recipient?.S === undefined
  ) {
    return null;
  }
  return {
    letterId: letterId?.S ?? '',
    caseId,
    kind: kind?.S as KeptLetter['kind'],
    date: date?.S ?? '',
    recipient: JSON.parse(recipient.S) as KeptLetter['recipient'],
    subject: subject.S,
    html: html.S,
    text: text.S,
    contentHash: contentHash?.S ?? '',
  };
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
  // The table's TTL attribute: a closed case's record is deleted by DynamoDB once its retention ends.
  const expiresAt = retentionExpiresAt(record);
  if (expiresAt !== null) item[TTL_ATTRIBUTE] = { N: String(expiresAt) };
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

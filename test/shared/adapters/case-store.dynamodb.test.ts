import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseStore, MAX_ITEM_BYTES } from '../../../shared/adapters/case-store.dynamodb.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { CaseRecordTooLargeError, ConcurrentUpdateError, InvalidInputError } from '../../../shared/errors.ts';
import { aCase, anEntry } from '../../support/case-fixture.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

let db: TestDynamoDb;
let store: DynamoDbCaseStore;
const fixedClock = { now: () => new Date('2026-02-05T08:00:01.000Z') };
let counter = 0;
const newId = (label: string) => `case-${label}-${++counter}`;

beforeAll(async () => {
  db = await startTestDynamoDb();
  store = new DynamoDbCaseStore({ client: db.client, tableName: db.tableName, clock: fixedClock });
});
afterAll(() => db?.stop());

describe(`the DynamoDB case store (${process.env.DYNAMODB_ENGINE || 'dynalite'})`, () => {
  it('stores a newly opened case and reads it back exactly as written', async () => {
    const opened = aCase({ caseId: newId('opened') });

    const result = await store.create(opened);

    expect(result).toEqual({ created: true, record: opened });
    expect(await store.get(opened.caseId)).toEqual(opened);
  });

  it('keeps one item per case, keyed CASE#<caseId>, with stage and version beside the document', async () => {
    const opened = aCase({ caseId: newId('item') });
    await store.create(opened);

    const { Item } = await db.client.send(
      new GetItemCommand({
        TableName: db.tableName,
        Key: { pk: { S: `CASE#${opened.caseId}` }, sk: { S: 'CASE' } },
        ConsistentRead: true,
      }),
    );

    expect(Item).toEqual({
      pk: { S: `CASE#${opened.caseId}` },
      sk: { S: 'CASE' },
      caseId: { S: opened.caseId },
      stage: { S: 'opened' },
      version: { N: '1' },
      updatedAt: { S: '2026-02-05T08:00:01.000Z' },
      document: { S: JSON.stringify(opened) },
      // The case lists' index attributes, derived from the case (shared/adapters/case-index.ts).
      creditorId: { S: opened.creditorId },
      creditorStage: { S: `${opened.creditorId}#opened` },
      openedAt: { S: opened.openedAt },
      openedSort: { S: `${opened.openedAt}#${opened.caseId}` },
      debtorKind: { S: 'consumer' },
      debtorName: { S: 'j de vries' },
      debtorNameSort: { S: `j de vries#${opened.caseId}` },
      nextStepOn: { S: '2026-02-11' },
      nextStepSort: { S: `2026-02-11#${opened.caseId}` },
    });
  });

  it('answers null for a case it never stored', async () => {
    expect(await store.get('case-that-was-never-opened')).toBeNull();
  });

  it('opening the same case twice creates it once and hands the stored case to the second caller', async () => {
    const first = aCase({ caseId: newId('twice') });
    await store.create(first);
    const retry = { ...first, debtor: { ...first.debtor, name: 'Someone Else' } };

    const second = await store.create(retry);

    expect(second).toEqual({ created: false, record: first });
    expect(await store.get(first.caseId)).toEqual(first);
  });

  it('writes the next version over the version it was read at', async () => {
    const opened = aCase({ caseId: newId('next') });
    await store.create(opened);
    const reminded: Case = { ...opened, stage: 'reminded', version: 2 };

    await store.replace(reminded, 1);

    expect(await store.get(opened.caseId)).toEqual(reminded);
  });

  it('refuses a write based on a stale version with ConcurrentUpdateError and leaves the case as it was', async () => {
    const opened = aCase({ caseId: newId('stale') });
    await store.create(opened);
    const paid: Case = { ...opened, stage: 'paid', version: 2 };
    await store.replace(paid, 1);
    const staleReminder: Case = { ...opened, stage: 'reminded', version: 2 };

    const error = await store.replace(staleReminder, 1).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConcurrentUpdateError);
    expect(error).toMatchObject({
      name: 'ConcurrentUpdateError',
      code: 'CONCURRENT_UPDATE',
      caseId: opened.caseId,
    });
    expect((error as Error).cause).toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await store.get(opened.caseId)).toEqual(paid);
  });

  it('refuses to replace a case that does not exist instead of creating it', async () => {
    const ghost = aCase({ caseId: newId('ghost'), version: 2 });

    await expect(store.replace(ghost, 1)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(await store.get(ghost.caseId)).toBeNull();
  });

  it('refuses a replacement whose version is not the expected version plus one, before writing', async () => {
    const opened = aCase({ caseId: newId('skip') });
    await store.create(opened);

    await expect(store.replace({ ...opened, stage: 'reminded', version: 5 }, 1)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    expect(await store.get(opened.caseId)).toEqual(opened);
  });

  it('refuses a case that would not fit in one 400 KB item, on create and on replace, writing nothing', async () => {
    const opened = aCase({ caseId: newId('huge') });
    await store.create(opened);
    const longStory = 'x'.repeat(MAX_ITEM_BYTES);
    const bloated: Case = {
      ...opened,
      version: 2,
      chronology: [...opened.chronology, anEntry({ id: 'long-note', summary: longStory })],
    };

    const onReplace = await store.replace(bloated, 1).catch((e: unknown) => e);
    const onCreate = await store
      .create({ ...bloated, caseId: newId('huge'), version: 1 })
      .catch((e: unknown) => e);

    expect(onReplace).toBeInstanceOf(CaseRecordTooLargeError);
    expect(onReplace).toMatchObject({ code: 'CASE_RECORD_TOO_LARGE', limitBytes: 400 * 1024 });
    expect(onCreate).toBeInstanceOf(CaseRecordTooLargeError);
    expect(await store.get(opened.caseId)).toEqual(opened);
  });

  it('stores a case just under the item limit, counting multi-byte characters as DynamoDB does', async () => {
    const opened = aCase({ caseId: newId('edge') });
    const overhead = new TextEncoder().encode(JSON.stringify(opened)).length + 200;
    // 'é' is two bytes in UTF-8: a character count would think this half the size it is.
    const summary = 'é'.repeat(Math.floor((MAX_ITEM_BYTES - overhead) / 2) - 100);
    const nearlyFull: Case = { ...opened, chronology: [anEntry({ id: 'long', summary })] };

    await store.create(nearlyFull);
    const overfull: Case = {
      ...nearlyFull,
      version: 2,
      chronology: [anEntry({ id: 'long', summary: `${summary}${'é'.repeat(200)}` })],
    };

    expect(await store.get(opened.caseId)).toEqual(nearlyFull);
    await expect(store.replace(overfull, 1)).rejects.toBeInstanceOf(CaseRecordTooLargeError);
  });

  it('gives an intake key to the first claimant and tells a second claimant which case holds it', async () => {
    const key = `creditor-stroomlijn:INV-2026-${++counter}`;

    const first = await store.claimIntakeKey(key, 'case-first');
    const second = await store.claimIntakeKey(key, 'case-second');
    const firstAgain = await store.claimIntakeKey(key, 'case-first');

    expect(first).toBe('case-first');
    expect(second).toBe('case-first');
    expect(firstAgain).toBe('case-first');
  });

  it('releases an intake key only for the case that holds it', async () => {
    const key = `creditor-stroomlijn:INV-2026-${++counter}`;
    await store.claimIntakeKey(key, 'case-holder');

    await store.releaseIntakeKey(key, 'case-other');
    expect(await store.claimIntakeKey(key, 'case-other')).toBe('case-holder');

    await store.releaseIntakeKey(key, 'case-holder');
    expect(await store.claimIntakeKey(key, 'case-other')).toBe('case-other');
  });

  it('lets exactly one of many simultaneous claimants of an intake key win', async () => {
    const key = `creditor-stroomlijn:INV-2026-${++counter}`;

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.claimIntakeKey(key, `case-claimant-${i}`)),
    );

    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^case-claimant-\d+$/);
  });
});

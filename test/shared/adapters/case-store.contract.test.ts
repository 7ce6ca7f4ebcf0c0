import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseStore } from '../../../shared/adapters/case-store.dynamodb.ts';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import { CaseRecordTooLargeError, ConcurrentUpdateError, InvalidInputError } from '../../../shared/errors.ts';
import type { CaseStore } from '../../../shared/ports/case-store.ts';
import { aCase, anEntry } from '../../support/case-fixture.ts';
import { engineKindFromEnv, startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

/**
 * The CaseStore port's contract, run on every adapter: the in-memory store the fast tiers use and the
 * DynamoDB store on the embedded engine (dynalite in `npm test`, DynamoDB Local in CI).
 */
let db: TestDynamoDb;
beforeAll(async () => {
  db = await startTestDynamoDb();
});
afterAll(() => db?.stop());

const adapters: [string, () => CaseStore][] = [
  ['memory', () => new MemoryCaseStore()],
  [engineKindFromEnv(), () => new DynamoDbCaseStore({ client: db.client, tableName: db.tableName })],
];

let counter = 0;
const newId = (label: string) => `case-contract-${label}-${++counter}`;

describe.each(adapters)('the case store contract (%s)', (_name, makeStore) => {
  let store: CaseStore;
  beforeAll(() => {
    store = makeStore();
  });

  it('creates a case once and hands the stored case to a second creator', async () => {
    const c = aCase({ caseId: newId('create') });
    expect(await store.create(c)).toEqual({ created: true, record: c });
    expect(await store.create({ ...c, stage: 'reminded' })).toEqual({ created: false, record: c });
    expect(await store.get(c.caseId)).toEqual(c);
    expect(await store.get(newId('never'))).toBeNull();
  });

  it('writes the next version over the expected one and refuses a stale or skipped version, changing nothing', async () => {
    const c = aCase({ caseId: newId('replace') });
    await store.create(c);
    const next = { ...c, stage: 'reminded' as const, version: 2 };
    await store.replace(next, 1);
    await expect(store.replace({ ...c, stage: 'paid', version: 2 }, 1)).rejects.toBeInstanceOf(
      ConcurrentUpdateError,
    );
    await expect(store.replace({ ...next, version: 7 }, 2)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await store.get(c.caseId)).toEqual(next);
    const ghost = aCase({ caseId: newId('ghost'), version: 2 });
    await expect(store.replace(ghost, 1)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect(await store.get(ghost.caseId)).toBeNull();
  });

  it('refuses a case too large for one DynamoDB item, writing nothing', async () => {
    const c = aCase({ caseId: newId('large') });
    await store.create(c);
    const huge = { ...c, version: 2, chronology: [anEntry({ id: 'big', summary: 'x'.repeat(420_000) })] };
    await expect(store.replace(huge, 1)).rejects.toBeInstanceOf(CaseRecordTooLargeError);
    expect(await store.get(c.caseId)).toEqual(c);
  });

  it('gives an intake key to one claimant and releases it only for that claimant', async () => {
    const key = `creditor#${newId('key')}`;
    expect(await store.claimIntakeKey(key, 'case-a')).toBe('case-a');
    expect(await store.claimIntakeKey(key, 'case-b')).toBe('case-a');
    await store.releaseIntakeKey(key, 'case-b');
    expect(await store.claimIntakeKey(key, 'case-c')).toBe('case-a');
    await store.releaseIntakeKey(key, 'case-a');
    expect(await store.claimIntakeKey(key, 'case-c')).toBe('case-c');
  });
});

import { type AttributeValue, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_INDEXES } from '../../../shared/adapters/case-index.ts';
import {
  caseKey,
  DynamoDbCaseStore,
  letterKey,
  TTL_ATTRIBUTE,
} from '../../../shared/adapters/case-store.dynamodb.ts';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import type { Case } from '../../../shared/domain/case.ts';
import {
  PERSONAL_DATA_ERASED,
  retentionExpiresAt,
  withoutPersonalData,
} from '../../../shared/domain/retention.ts';
import { ConcurrentUpdateError } from '../../../shared/errors.ts';
import { letterContentHash } from '../../../shared/letters/index.ts';
import type { CaseStore, KeptLetter } from '../../../shared/ports/case-store.ts';
import { aCase, anEntry } from '../../support/case-fixture.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

/**
 * Kept letters beside their case, on both engines: DynamoDB Local carries a case's retention to its
 * letters in one TransactWriteItems (as on AWS), dynalite (no transactions) right after the case. The
 * memory store keeps the same contract for the fast tiers.
 */
let counter = 0;
const newId = () => `case-letters-${++counter}`;

function aLetter(c: Case, letterId = `${c.caseId}-reminder`): KeptLetter {
  const html = '<p style="color:#333">Wij hebben nog geen betaling ontvangen van <b>€ 89,00</b>.</p>';
  const rendered = {
    letterId,
    caseId: c.caseId,
    kind: 'reminder' as const,
    date: '2026-02-11',
    recipient: {
      name: 'J. de Vries',
      email: 'j.devries@example.nl',
      address: ['Oudegracht 12', '3511 AP Utrecht'],
    },
    subject: 'Betalingsherinnering factuur INV-2026-0042',
    html,
    text: 'Wij hebben nog geen betaling ontvangen van € 89,00.',
  };
  return { ...rendered, contentHash: letterContentHash(rendered) };
}

/** The case as the next write makes it: `change` applied, version one up. */
const next = (c: Case, change: Partial<Case> = {}): Case => ({ ...c, ...change, version: c.version + 1 });

/** Closed (paid) on `on`: kept until 1 January of the eighth year after. */
const paidOn = (c: Case, on: string): Case =>
  next(c, {
    stage: 'paid',
    chronology: [
      ...c.chronology,
      anEntry({ id: `paid-${on}`, on, at: `${on}T09:00:00.000Z`, type: 'paid-in-full' }),
    ],
  });

const erased = (c: Case): Case => ({
  ...next(withoutPersonalData(c)),
  chronology: [
    ...withoutPersonalData(c).chronology,
    anEntry({ id: PERSONAL_DATA_ERASED, type: PERSONAL_DATA_ERASED, actor: 'operator:ops-1' }),
  ],
});

type Engine = 'dynalite' | 'dynamodb-local';
const engines: Engine[] = ['dynalite', 'dynamodb-local'];
const dbs = new Map<Engine, TestDynamoDb>();
beforeAll(async () => {
  for (const kind of engines) dbs.set(kind, await startTestDynamoDb({ kind }));
});
afterAll(async () => {
  for (const db of dbs.values()) await db.stop();
});

describe.each(engines)('kept letters in the case table (%s)', (kind) => {
  let db: TestDynamoDb;
  let store: DynamoDbCaseStore;
  /** The commands the store sent, by name. */
  const sent: string[] = [];
  beforeAll(() => {
    db = dbs.get(kind) as TestDynamoDb;
    store = new DynamoDbCaseStore({ client: db.client, tableName: db.tableName });
    db.client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize' },
    );
  });
  const item = async (key: { pk: string; sk: string }) =>
    (
      await db.client.send(
        new GetItemCommand({
          TableName: db.tableName,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          ConsistentRead: true,
        }),
      )
    ).Item as Record<string, AttributeValue> | undefined;
  const letterTtl = async (c: Case, letterId = `${c.caseId}-reminder`) =>
    (await item(letterKey(c.caseId, letterId)))?.[TTL_ATTRIBUTE]?.N;
  const caseTtl = async (c: Case) => (await item(caseKey(c.caseId)))?.[TTL_ATTRIBUTE]?.N;

  it('keeps a letter as one item beside its case (LETTER#<letterId>), with no index attribute and no retention while the case is open', async () => {
    const c = aCase({ caseId: newId() });
    await store.create(c);
    const letter = aLetter(c);
    await store.keepLetter(letter, c);
    expect(await store.getLetter(c.caseId, letter.letterId)).toEqual(letter);
    const stored = (await item(letterKey(c.caseId, letter.letterId))) as Record<string, AttributeValue>;
    expect(stored.sk?.S).toBe(`LETTER#${letter.letterId}`);
    const indexKeys = CASE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]);
    for (const key of indexKeys) expect(stored).not.toHaveProperty(key);
    expect(stored).not.toHaveProperty(TTL_ATTRIBUTE);
    expect(await store.getLetter(c.caseId, 'no-such-letter')).toBeNull();
  });

  it('gives the letters the retention of their case when it closes, and moves it with the case', async () => {
    const open = aCase({ caseId: newId() });
    await store.create(open);
    await store.keepLetter(aLetter(open), open);
    await store.keepLetter(aLetter(open, `${open.caseId}-fourteen-day-letter`), open);
    const closed = paidOn(open, '2026-04-10');
    sent.length = 0;
    // A store that has not yet met the engine: dynalite refuses its first transaction.
    await new DynamoDbCaseStore({ client: db.client, tableName: db.tableName }).replace(closed, open.version);
    // One transaction where the engine has them (as AWS); dynalite gets the case, then each letter.
    const found = ['QueryCommand', 'TransactWriteItemsCommand'];
    expect(sent).toEqual(
      kind === 'dynamodb-local'
        ? found
        : [...found, 'PutItemCommand', 'UpdateItemCommand', 'UpdateItemCommand'],
    );
    expect(await caseTtl(closed)).toBe(String(retentionExpiresAt(closed)));
    expect(await letterTtl(closed)).toBe(String(retentionExpiresAt(closed)));
    expect(await letterTtl(closed, `${open.caseId}-fourteen-day-letter`)).toBe(
      String(retentionExpiresAt(closed)),
    );
    // An event in a later year (a late payment recorded in 2027) moves the case's retention and its letters'.
    const later = next(closed, {
      chronology: [
        ...closed.chronology,
        anEntry({ id: 'late', on: '2027-01-15', at: '2027-01-15T09:00:00.000Z' }),
      ],
    });
    await store.replace(later, closed.version);
    expect(retentionExpiresAt(later)).not.toBe(retentionExpiresAt(closed));
    expect(await letterTtl(later)).toBe(String(retentionExpiresAt(later)));
  });

  it('gives a letter to an already closed case its retention at once', async () => {
    const closed = paidOn(aCase({ caseId: newId() }), '2026-04-10');
    await store.create(closed);
    await store.keepLetter(aLetter(closed), closed);
    expect(await letterTtl(closed)).toBe(String(retentionExpiresAt(closed)));
  });

  it('takes the retention off the letters when a handoff-failed case is restarted (reopened)', async () => {
    const open = aCase({ caseId: newId(), stage: 'handing-off' });
    await store.create(open);
    await store.keepLetter(aLetter(open), open);
    const failed = next(open, { stage: 'handoff-failed' });
    await store.replace(failed, open.version);
    expect(await letterTtl(failed)).toBeDefined();
    const reopened = next(failed, { stage: 'handing-off' });
    await store.replace(reopened, failed.version);
    expect(await caseTtl(reopened)).toBeUndefined();
    expect(await letterTtl(reopened)).toBeUndefined();
  });

  it('erases the letters’ text in the same write that erases the case’s personal data', async () => {
    const open = aCase({ caseId: newId() });
    await store.create(open);
    const letter = aLetter(open);
    await store.keepLetter(letter, open);
    const closed = paidOn(open, '2026-04-10');
    await store.replace(closed, open.version);
    await store.replace(erased(closed), closed.version);
    expect(await store.getLetter(open.caseId, letter.letterId)).toBeNull();
    const stored = (await item(letterKey(open.caseId, letter.letterId))) as Record<string, AttributeValue>;
    for (const personal of ['subject', 'html', 'text', 'recipient'])
      expect(stored).not.toHaveProperty(personal);
    // What is left (kind, date, hash) is what the case record keeps of the letter anyway; it expires with it.
    expect(stored[TTL_ATTRIBUTE]?.N).toBe(String(retentionExpiresAt(closed)));
  });

  it('changes neither the case nor its letters on a write of a stale version', async () => {
    const open = aCase({ caseId: newId() });
    await store.create(open);
    await store.keepLetter(aLetter(open), open);
    await store.replace(next(open, { stage: 'reminded' }), open.version);
    await expect(store.replace(paidOn(open, '2026-04-10'), open.version)).rejects.toBeInstanceOf(
      ConcurrentUpdateError,
    );
    expect((await store.get(open.caseId))?.stage).toBe('reminded');
    expect(await letterTtl(open)).toBeUndefined();
  });
});

describe('kept letters in the memory store (the fast tiers)', () => {
  const store: CaseStore & MemoryCaseStore = new MemoryCaseStore();

  it('keeps, closes, and erases as the DynamoDB store does', async () => {
    const open = aCase({ caseId: newId() });
    await store.create(open);
    const letter = aLetter(open);
    await store.keepLetter(letter, open);
    expect(await store.getLetter(open.caseId, letter.letterId)).toEqual(letter);
    expect(store.letterExpiresAt(open.caseId, letter.letterId)).toBeNull();
    const closed = paidOn(open, '2026-04-10');
    await store.replace(closed, open.version);
    expect(store.letterExpiresAt(open.caseId, letter.letterId)).toBe(retentionExpiresAt(closed));
    await store.replace(erased(closed), closed.version);
    expect(await store.getLetter(open.caseId, letter.letterId)).toBeNull();
  });
});

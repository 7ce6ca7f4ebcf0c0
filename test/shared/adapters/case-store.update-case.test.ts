import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseStore } from '../../../shared/adapters/case-store.dynamodb.ts';
import type { Case, Payment } from '../../../shared/domain/case.ts';
import { appendChronology, hasChronologyEntry, updateCase } from '../../../shared/domain/case-update.ts';
import { CaseNotFoundError, ConcurrentUpdateError, StageConflictError } from '../../../shared/errors.ts';
import type { CaseStore } from '../../../shared/ports/case-store.ts';
import { aCase, anEntry } from '../../support/case-fixture.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

let db: TestDynamoDb;
let store: DynamoDbCaseStore;
let counter = 0;
const newId = (label: string) => `case-${label}-${++counter}`;

beforeAll(async () => {
  db = await startTestDynamoDb();
  store = new DynamoDbCaseStore({ client: db.client, tableName: db.tableName });
});
afterAll(() => db?.stop());

const totalPaid = (c: Case) => c.payments.reduce((sum, p) => sum + p.amountCents, 0);

function recordPayment(payment: Payment) {
  return (c: Case): Case =>
    appendChronology(
      { ...c, payments: [...c.payments, payment] },
      anEntry({
        id: `payment-received:${payment.reference}`,
        type: 'payment-received',
        actor: 'system:bank-feed',
        summary: `Received ${payment.amountCents} cents (${payment.reference})`,
      }),
    );
}

describe(`updating a case under optimistic locking (${process.env.DYNAMODB_ENGINE || 'dynalite'})`, () => {
  it('fifty partial payments recorded at the same moment all land: fifty chronology lines and the exact total', async () => {
    const opened = await store.create(aCase({ caseId: newId('fifty') }));
    const payments = Array.from(
      { length: 50 },
      (_, i): Payment => ({
        reference: `BANK-${i + 1}`,
        amountCents: 100 + i,
        paidOn: '2026-02-10',
        receivedAt: '2026-02-10T12:00:00.000Z',
      }),
    );

    // 50 attempts always suffice: an attempt only fails because another of the 49 writers succeeded.
    await Promise.all(
      payments.map((p) => updateCase(store, opened.record.caseId, recordPayment(p), { maxAttempts: 50 })),
    );

    const stored = await store.get(opened.record.caseId);
    expect(stored?.version).toBe(51);
    expect(stored?.payments).toHaveLength(50);
    expect(totalPaid(stored as Case)).toBe(payments.reduce((sum, p) => sum + p.amountCents, 0));
    const paymentLines = stored?.chronology.filter((e) => e.type === 'payment-received') ?? [];
    expect(new Set(paymentLines.map((e) => e.id))).toEqual(
      new Set(payments.map((p) => `payment-received:${p.reference}`)),
    );
  });

  it('a reminder step retried after it already wrote appends its chronology line once', async () => {
    const opened = await store.create(aCase({ caseId: newId('retry') }));
    const sendReminder = (c: Case): Case | null => {
      const entryId = 'reminder-sent:letter-1';
      if (hasChronologyEntry(c, entryId)) return null;
      return appendChronology(
        { ...c, stage: 'reminded' },
        anEntry({ id: entryId, type: 'reminder-sent', actor: 'system:workflow', summary: 'Reminder sent' }),
      );
    };

    const first = await updateCase(store, opened.record.caseId, sendReminder);
    const retried = await updateCase(store, opened.record.caseId, sendReminder);

    const stored = await store.get(opened.record.caseId);
    expect(stored?.chronology.filter((e) => e.id === 'reminder-sent:letter-1')).toHaveLength(1);
    expect(stored?.version).toBe(2);
    expect(retried).toEqual(first);
  });

  it('a retried mutation that only appends a known chronology id changes nothing and writes nothing', async () => {
    const opened = await store.create(aCase({ caseId: newId('same-id') }));
    const note = anEntry({ id: 'note:call-2026-02-06' });

    await updateCase(store, opened.record.caseId, (c) => appendChronology(c, note));
    const again = await updateCase(store, opened.record.caseId, (c) => appendChronology(c, note));

    const stored = await store.get(opened.record.caseId);
    expect(stored?.chronology.map((e) => e.id)).toEqual(['case-opened', 'note:call-2026-02-06']);
    expect(stored?.version).toBe(2);
    expect(again).toEqual(stored);
  });

  it('a mutation that changes the case in place is still written', async () => {
    const opened = await store.create(aCase({ caseId: newId('in-place') }));

    const updated = await updateCase(store, opened.record.caseId, (c) => {
      c.stage = 'reminded';
      return c;
    });

    expect(updated).toMatchObject({ stage: 'reminded', version: 2 });
    expect(await store.get(opened.record.caseId)).toEqual(updated);
  });

  it('re-reads and re-applies the change when another writer got there first', async () => {
    const opened = await store.create(aCase({ caseId: newId('interleaved') }));
    const racing = interleavingStore(store, 1, (c) => ({ ...c, stage: 'reminded', version: c.version + 1 }));
    const seen: number[] = [];

    const updated = await updateCase(racing, opened.record.caseId, (c) => {
      seen.push(c.version);
      return { ...c, pause: { kind: 'hold', reason: 'creditor asked', since: '2026-02-06', until: null } };
    });

    expect(seen).toEqual([1, 2]);
    expect(updated).toMatchObject({ stage: 'reminded', version: 3, pause: { kind: 'hold' } });
    expect(await store.get(opened.record.caseId)).toEqual(updated);
  });

  it('gives up with ConcurrentUpdateError after maxAttempts when another writer always wins', async () => {
    const opened = await store.create(aCase({ caseId: newId('starved') }));
    const racing = interleavingStore(store, Number.POSITIVE_INFINITY, (c) => ({
      ...c,
      version: c.version + 1,
    }));
    let calls = 0;

    const error = await updateCase(
      racing,
      opened.record.caseId,
      (c) => {
        calls++;
        return { ...c, stage: 'reminded' };
      },
      { maxAttempts: 3 },
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConcurrentUpdateError);
    expect(calls).toBe(3);
    expect((await store.get(opened.record.caseId))?.stage).toBe('opened');
  });

  it('an unknown case id is a CaseNotFoundError', async () => {
    const error = await updateCase(store, 'case-nobody-opened', (c) => c).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CaseNotFoundError);
    expect(error).toMatchObject({
      name: 'CaseNotFoundError',
      code: 'CASE_NOT_FOUND',
      caseId: 'case-nobody-opened',
    });
  });

  it('an error thrown by the mutation ends the update at once, without a write', async () => {
    const opened = await store.create(aCase({ caseId: newId('refused'), stage: 'paid' }));
    let calls = 0;

    const error = await updateCase(store, opened.record.caseId, () => {
      calls++;
      throw new StageConflictError('a paid case gets no reminder');
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StageConflictError);
    expect(calls).toBe(1);
    expect(await store.get(opened.record.caseId)).toEqual(opened.record);
  });
});

describe('appending to the chronology', () => {
  it('adds a line with a new id at the end', () => {
    const c = aCase();
    const next = appendChronology(c, anEntry({ id: 'note-2' }));
    expect(next.chronology.map((e) => e.id)).toEqual(['case-opened', 'note-2']);
    expect(c.chronology).toHaveLength(1);
  });

  it('returns the case itself when a line with that id is already there, even if its text differs', () => {
    const c = appendChronology(aCase(), anEntry({ id: 'note-2', summary: 'first wording' }));
    expect(appendChronology(c, anEntry({ id: 'note-2', summary: 'second wording' }))).toBe(c);
  });
});

/**
 * A real store with a second writer that changes the case right after each of the first `times`
 * reads, so the caller's write always comes second: the interleaving that optimistic locking exists for.
 */
function interleavingStore(inner: CaseStore, times: number, change: (c: Case) => Case): CaseStore {
  let interleaved = 0;
  return {
    get: async (caseId) => {
      const read = await inner.get(caseId);
      if (read !== null && interleaved < times) {
        interleaved++;
        await inner.replace(change(read), read.version);
      }
      return read;
    },
    create: (record) => inner.create(record),
    replace: (record, expected) => inner.replace(record, expected),
    claimIntakeKey: (key, caseId) => inner.claimIntakeKey(key, caseId),
    releaseIntakeKey: (key, caseId) => inner.releaseIntakeKey(key, caseId),
    keepLetter: (letter, c) => inner.keepLetter(letter, c),
    getLetter: (caseId, letterId) => inner.getLetter(caseId, letterId),
  };
}

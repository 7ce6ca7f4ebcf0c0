import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchCases, caseIdOf, copySample } from '../../bench/cases.ts';
import { DynamoDbCounter } from '../../bench/dynamodb-counter.ts';
import { median, table } from '../../bench/stats.ts';
import { VirtualScheduler } from '../../local/runtime/scheduler.ts';
import { VirtualClock } from '../../local/runtime/virtual-clock.ts';
import { SAMPLE_CASES } from '../../local/sample-cases.ts';
import { MemoryCaseStore } from '../../shared/adapters/case-store.memory.ts';
import type { Case } from '../../shared/domain/case.ts';
import { ConcurrentUpdateError } from '../../shared/errors.ts';
import { aCase } from '../support/case-fixture.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../support/dynamodb-engine.ts';

const neverPays = SAMPLE_CASES.find((s) => s.key === 'never-pays');
if (!neverPays) throw new Error('sample case never-pays is missing');

describe('copies of the sample cases for the throughput benchmark', () => {
  it('every copy is its own case: its own invoice numbers, so its own case id and intake keys', () => {
    const copies = benchCases(
      12,
      SAMPLE_CASES.map((s) => s.key),
    );
    const ids = new Set(copies.map((c) => caseIdOf(c, 'creditor')));
    expect(ids.size).toBe(12);
    const numbers = copies.flatMap((c) => (c.intake.invoices as { number: string }[]).map((i) => i.number));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('a copy keeps the story: the same debtor, amounts and action days as its sample case', () => {
    const copy = copySample(neverPays, 7);
    expect(copy.intake.debtor).toEqual(neverPays.intake.debtor);
    expect(copy.actions.map((a) => a.on)).toEqual(neverPays.actions.map((a) => a.on));
    expect((copy.intake.invoices as { number: string; amountCents: number }[])[0]).toMatchObject({
      number: 'INV-2026-0101-B7',
      amountCents: 8900,
    });
  });
});

function caseRecord(version: number): Case {
  return aCase({ caseId: 'case-memory-1', version, stage: 'opened', chronology: [] });
}

describe('the in-memory case store used to separate runtime cost from DynamoDB cost', () => {
  it('refuses a write based on a stale version, as the DynamoDB store does', async () => {
    const store = new MemoryCaseStore();
    await store.create(caseRecord(0));
    await store.replace(caseRecord(1), 0);
    await expect(store.replace(caseRecord(1), 0)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await store.get('case-memory-1'))?.version).toBe(1);
  });

  it('hands back copies, never the stored object', async () => {
    const store = new MemoryCaseStore();
    await store.create(caseRecord(0));
    const read = (await store.get('case-memory-1')) as Case;
    (read as unknown as { stage: string }).stage = 'changed';
    expect((await store.get('case-memory-1'))?.stage).toBe('opened');
  });

  it('gives an intake key to the first case that claims it', async () => {
    const store = new MemoryCaseStore();
    expect(await store.claimIntakeKey('c#INV-1', 'case-a')).toBe('case-a');
    expect(await store.claimIntakeKey('c#INV-1', 'case-b')).toBe('case-a');
  });
});

describe('counting DynamoDB requests per case with a middleware on the client', () => {
  let db: TestDynamoDb;
  beforeAll(async () => {
    db = await startTestDynamoDb();
  });
  afterAll(() => db.stop());

  it('bills a 2.5 KB write as 3 write units and its consistent read as 1 read unit, to the case', async () => {
    const counter = new DynamoDbCounter();
    const detach = counter.attach(db.client);
    const Item = { pk: { S: 'CASE#case-x' }, sk: { S: 'CASE' }, document: { S: 'x'.repeat(2500) } };
    await db.client.send(new PutItemCommand({ TableName: db.tableName, Item }));
    await db.client.send(
      new GetItemCommand({
        TableName: db.tableName,
        Key: { pk: Item.pk, sk: Item.sk },
        ConsistentRead: true,
      }),
    );
    detach();
    expect(counter.usageOf('case-x')).toEqual({
      reads: 1,
      writes: 1,
      readRequestUnits: 1,
      writeRequestUnits: 3,
    });
  });

  it('attributes an intake key to the case that claims it, and bills a failed conditional write too', async () => {
    const counter = new DynamoDbCounter();
    const detach = counter.attach(db.client);
    const Item = { pk: { S: 'INTAKE#c#INV-9' }, sk: { S: 'INTAKE' }, caseId: { S: 'case-y' } };
    const put = () =>
      db.client.send(
        new PutItemCommand({
          TableName: db.tableName,
          Item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    await put();
    await expect(put()).rejects.toThrow();
    detach();
    expect(counter.usageOf('case-y')).toMatchObject({ writes: 2, writeRequestUnits: 2 });
  });
});

describe('firing same-instant timers together (the benchmark runs many cases this way)', () => {
  it('with the default batch of 1, a timer finishes before the next one due at the same instant starts', async () => {
    const clock = new VirtualClock('2026-03-02T09:00:00Z');
    const scheduler = new VirtualScheduler(clock);
    const log: string[] = [];
    const at = clock.nowMs() + 1000;
    for (const name of ['a', 'b']) {
      scheduler.schedule(at, async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`${name} end`);
      });
    }
    await scheduler.run(undefined);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('with a batch of 2, both start (in the order they were scheduled) before either ends', async () => {
    const clock = new VirtualClock('2026-03-02T09:00:00Z');
    const scheduler = new VirtualScheduler(clock, { sameInstantBatch: 2 });
    const log: string[] = [];
    const at = clock.nowMs() + 1000;
    for (const name of ['a', 'b', 'c']) {
      scheduler.schedule(at, async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`${name} end`);
      });
    }
    scheduler.schedule(at + 1, () => {
      log.push(`later at +${clock.nowMs() - at} ms`);
    });
    await scheduler.run(undefined);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
    expect(log.slice(4)).toEqual(['c start', 'c end', 'later at +1 ms']);
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(
      () => new VirtualScheduler(new VirtualClock('2026-03-02T09:00:00Z'), { sameInstantBatch: 0 }),
    ).toThrow(RangeError);
  });
});

describe('figures and tables', () => {
  it('the median of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
  });

  it('a table right-aligns figures and left-aligns words', () => {
    expect(
      table([
        ['name', 'KB'],
        ['a', '1.5'],
        ['long name', '120.0'],
      ]).split('\n'),
    ).toEqual(['name       KB', '---------  -----', 'a            1.5', 'long name  120.0']);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseQueries } from '../../../shared/adapters/case-queries.dynamodb.ts';
import { MemoryCaseQueries } from '../../../shared/adapters/case-queries.memory.ts';
import { DynamoDbCaseStore } from '../../../shared/adapters/case-store.dynamodb.ts';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import type { Case, Dispute } from '../../../shared/domain/case.ts';
import { InvalidInputError } from '../../../shared/errors.ts';
import type { CaseListFilters, CaseQueries, PageRequest } from '../../../shared/ports/case-queries.ts';
import { type CaseStore, invoiceIntakeKey } from '../../../shared/ports/case-store.ts';
import { aCase, anEntry } from '../../support/case-fixture.ts';
import { engineKindFromEnv, startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

/**
 * The CaseQueries port's contract on both adapters: the memory one and the DynamoDB one on the table's
 * global secondary indexes (dynalite in `npm test`, DynamoDB Local in CI). Saved on Tuesday 10 March 2026.
 */
const clock = { now: () => new Date('2026-03-10T09:00:00Z') };
const sent: string[] = [];
let db: TestDynamoDb;
beforeAll(async () => {
  db = await startTestDynamoDb();
  db.client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName as string);
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
});
afterAll(() => db?.stop());

const adapters: [string, () => { store: CaseStore; queries: CaseQueries }][] = [
  [
    'memory',
    () => {
      const store = new MemoryCaseStore({ clock });
      return { store, queries: new MemoryCaseQueries(store) };
    },
  ],
  [
    engineKindFromEnv(),
    () => ({
      store: new DynamoDbCaseStore({ client: db.client, tableName: db.tableName, clock }),
      queries: new DynamoDbCaseQueries({ client: db.client, tableName: db.tableName }),
    }),
  ],
];

const dispute = (over: Partial<Dispute>): Dispute => ({
  disputeId: 'dispute-1',
  kind: 'non-performance',
  raisedOn: '2026-02-16',
  statement: 'Het werk is te laat opgeleverd.',
  evidence: {},
  status: 'awaiting-reviewer',
  ...over,
});

/** Five cases of one creditor, each in another situation. */
function fiveCases(creditorId: string): Record<'A' | 'B' | 'C' | 'D' | 'E', Case> {
  const one = (label: string, over: Partial<Case>) =>
    aCase({ caseId: `case-${creditorId}-${label}`, creditorId, ...over });
  const debtor = aCase().debtor;
  return {
    // Waits for its reminder day, 12 March.
    A: one('A', {
      openedAt: '2026-02-05T08:00:00.000Z',
      schedule: { ...aCase().schedule, reminderOn: '2026-03-12' },
    }),
    // Reminded, on hold until 15 March.
    B: one('B', {
      debtor: { ...debtor, kind: 'business', name: 'Bakker Bouw B.V.' },
      openedAt: '2026-02-10T10:00:00.000Z',
      stage: 'reminded',
      schedule: { ...aCase().schedule, demandOn: '2026-03-20' },
      pauses: [{ kind: 'hold', reason: 'Regeling', since: '2026-03-01', until: '2026-03-15' }],
    }),
    // Demanded; a dispute raised 16 February waits for a reviewer, escalated once on 2 March.
    C: one('C', {
      debtor: { ...debtor, name: 'Émile Bakker' },
      openedAt: '2026-02-12T09:00:00.000Z',
      stage: 'demanded',
      pauses: [{ kind: 'dispute', disputeId: 'dispute-1', since: '2026-02-16' }],
      disputes: [dispute({})],
      chronology: [
        anEntry({ id: 'rr', on: '2026-02-16', type: 'review-requested', refs: { disputeId: 'dispute-1' } }),
        anEntry({ id: 're', on: '2026-03-02', type: 'review-escalated', refs: { disputeId: 'dispute-1' } }),
      ],
    }),
    // Paid, after a dispute that was rejected.
    D: one('D', {
      debtor: { ...debtor, name: 'M. Jansen' },
      openedAt: '2026-03-01T12:00:00.000Z',
      stage: 'paid',
      disputes: [
        dispute({
          raisedOn: '2026-03-02',
          status: 'rejected',
          verdict: { by: 'reviewer', verdict: 'invalid', reasons: [], decidedOn: '2026-03-04' },
        }),
      ],
    }),
    // A business debtor's new dispute (not yet reviewed) while the creditor also holds the case.
    E: one('E', {
      debtor: { ...debtor, kind: 'business', name: 'Bakkerij Zoet' },
      openedAt: '2026-03-05T07:00:00.000Z',
      pauses: [
        { kind: 'hold', reason: 'Overleg', since: '2026-03-06', until: null },
        { kind: 'dispute', disputeId: 'dispute-1', since: '2026-03-06' },
      ],
      disputes: [dispute({ raisedOn: '2026-03-06', status: 'open' })],
    }),
  };
}

describe.each(adapters)('the case queries contract (%s)', (name, make) => {
  const creditor = `cr${randomUUID().slice(0, 8)}`;
  const cases = fiveCases(creditor);
  let store: CaseStore;
  let queries: CaseQueries;
  const ids = (list: Case[]) => list.map((c) => c.caseId.slice(-1)).join('');
  const list = async (filters: CaseListFilters, page: Partial<PageRequest> = {}) =>
    ids((await queries.listCases(creditor, filters, { limit: 25, ...page })).items);

  beforeAll(async () => {
    ({ store, queries } = make());
    for (const c of Object.values(cases)) await store.create(c);
    await store.claimIntakeKey(invoiceIntakeKey(creditor, 'INV-C-1'), cases.C.caseId);
    // Another creditor's case never shows.
    await store.create(aCase({ caseId: `case-${creditor}-other`, creditorId: `${creditor}-other` }));
  });

  it('lists every case of the creditor by opening, oldest first, or newest first', async () => {
    const page = await queries.listCases(creditor, {}, { limit: 25 });
    expect(ids(page.items)).toBe('ABCDE');
    expect(page).toMatchObject({ cursor: null, sortedBy: 'openedAt', order: 'asc' });
    expect(await list({}, { order: 'desc' })).toBe('EDCBA');
  });

  it('pages with an opaque cursor until the last page, which has none', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await queries.listCases(creditor, {}, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(ids(page.items));
      if (page.cursor === null) break;
      cursor = page.cursor;
    }
    expect(seen).toEqual(['AB', 'CD', 'E']);
    const filtered: string[] = [];
    cursor = undefined;
    for (;;) {
      const page = await queries.listCases(
        creditor,
        { debtorKind: 'consumer' },
        { limit: 1, order: 'desc', ...(cursor ? { cursor } : {}) },
      );
      filtered.push(ids(page.items));
      if (page.cursor === null) break;
      cursor = page.cursor;
    }
    expect(filtered.join('')).toBe('DCA');
  });

  it('filters on stage, pause, a dispute awaiting a reviewer, debtor kind, and combinations', async () => {
    expect(await list({ stage: 'opened' })).toBe('AE');
    expect(await list({ stage: 'handed-off' })).toBe('');
    expect(await list({ pause: 'hold' })).toBe('BE');
    expect(await list({ pause: 'dispute' })).toBe('CE');
    expect(await list({ awaitingReviewer: true })).toBe('C');
    expect(await list({ awaitingReviewer: false })).toBe('ABDE');
    expect(await list({ debtorKind: 'business' })).toBe('BE');
    expect(await list({ debtorKind: 'consumer', pause: 'dispute' })).toBe('C');
    expect(await list({ stage: 'opened', pause: 'hold', debtorKind: 'business' })).toBe('E');
  });

  it('finds the cases whose next step falls before a day, soonest first', async () => {
    const page = await queries.listCases(creditor, { nextStepBefore: '2026-03-16' }, { limit: 25 });
    // A: reminder day 12 March; B: the hold ends 15 March; C escalates on 16 March, not before.
    expect(ids(page.items)).toBe('AB');
    expect(page.sortedBy).toBe('nextStepOn');
    expect(await list({ nextStepBefore: '2026-03-17' })).toBe('ABC');
    expect(await list({ nextStepBefore: '2026-03-17', stage: 'reminded' })).toBe('B');
  });

  it("leaves a case whose workflow failed off the next-step list: it waits for an operator's restart", async () => {
    const before = (await store.get(cases.A.caseId)) as Case;
    const failed = anEntry({ id: 'failed', on: '2026-03-09', type: 'step-failed', actor: 'workflow' });
    await store.replace(
      { ...before, chronology: [...before.chronology, failed], version: before.version + 1 },
      before.version,
    );
    expect(await list({ nextStepBefore: '2026-03-16' })).toBe('B');
    expect(await list({ stage: 'opened' })).toBe('AE');
    const restored = (await store.get(cases.A.caseId)) as Case;
    await store.replace({ ...before, version: restored.version + 1 }, restored.version);
    expect(await list({ nextStepBefore: '2026-03-16' })).toBe('AB');
  });

  it('finds a debtor by the start of the name, whatever the case and accents', async () => {
    expect(await list({ debtorName: 'BAKK' })).toBe('BE');
    expect(await list({ debtorName: 'émile b' })).toBe('C');
    expect(await list({ debtorName: 'emile', stage: 'paid' })).toBe('');
    expect(await list({ debtorName: 'Bakker' })).toBe('BE');
    expect(await list({ debtorName: 'bakker b' })).toBe('B');
    await expect(queries.listCases(creditor, { debtorName: '!!' }, { limit: 5 })).rejects.toMatchObject({
      field: 'debtorName',
    });
  });

  it('finds the case of an invoice number exactly, through its intake key', async () => {
    expect(await list({ invoiceNumber: 'INV-C-1' })).toBe('C');
    expect(await list({ invoiceNumber: 'INV-C' })).toBe('');
    expect(await list({ invoiceNumber: 'INV-C-1', stage: 'opened' })).toBe('');
  });

  it('finds cases opened between two days (Amsterdam), inclusive', async () => {
    expect(await list({ openedFrom: '2026-02-10', openedTo: '2026-02-12' })).toBe('BC');
    expect(await list({ openedFrom: '2026-03-01' })).toBe('DE');
    expect(await list({ openedTo: '2026-02-05' })).toBe('A');
    expect(await list({ openedFrom: '2026-02-10', stage: 'reminded' })).toBe('B');
    expect(await list({ openedFrom: '2026-02-01', pause: 'hold' })).toBe('BE');
  });

  it('lists the disputes of a status: the open dispute of a case, else its last one', async () => {
    const byStatus = async (status: Dispute['status']) =>
      ids((await queries.listDisputes(creditor, status, { limit: 25 })).items);
    expect(await byStatus('awaiting-reviewer')).toBe('C');
    expect(await byStatus('open')).toBe('E');
    expect(await byStatus('rejected')).toBe('D');
    expect(await byStatus('settled')).toBe('');
  });

  it('follows a case on every save: the indexes hold what the case says now', async () => {
    const current = (await store.get(cases.A.caseId)) as Case;
    await store.replace({ ...current, stage: 'reminded', version: current.version + 1 }, current.version);
    expect(await list({ stage: 'opened' })).toBe('E');
    expect(await list({ stage: 'reminded' })).toBe('AB');
    const back = (await store.get(cases.A.caseId)) as Case;
    await store.replace({ ...back, stage: 'opened', version: back.version + 1 }, back.version);
    expect(await list({ stage: 'opened' })).toBe('AE');
  });

  it('drops a dispute from the worklist when its case closes undecided (paid in full): nobody can decide it', async () => {
    const before = (await store.get(cases.C.caseId)) as Case;
    await store.replace(
      { ...before, stage: 'paid', pauses: [], version: before.version + 1 },
      before.version,
    );
    expect(ids((await queries.listDisputes(creditor, 'awaiting-reviewer', { limit: 25 })).items)).toBe('');
    expect(await list({ awaitingReviewer: true })).toBe('');
    expect(await list({ stage: 'paid' })).toBe('CD');
    const paid = (await store.get(cases.C.caseId)) as Case;
    await store.replace({ ...before, version: paid.version + 1 }, paid.version);
    expect(await list({ awaitingReviewer: true })).toBe('C');
  });

  it('refuses a cursor it did not give out, or one of another query, naming the cursor', async () => {
    const first = await queries.listCases(creditor, { stage: 'opened' }, { limit: 1 });
    expect(first.cursor).not.toBeNull();
    for (const cursor of ['nonsense', Buffer.from('{"q":"x","k":{}}').toString('base64url')]) {
      await expect(queries.listCases(creditor, {}, { limit: 1, cursor })).rejects.toMatchObject({
        name: 'InvalidInputError',
        field: 'cursor',
      });
    }
    const misuse = queries.listCases(
      creditor,
      { stage: 'paid' },
      { limit: 1, cursor: first.cursor as string },
    );
    await expect(misuse).rejects.toBeInstanceOf(InvalidInputError);
    await expect(misuse).rejects.toMatchObject({ field: 'cursor' });
    const next = await queries.listCases(
      creditor,
      { stage: 'opened' },
      { limit: 1, cursor: first.cursor as string },
    );
    expect(ids(next.items)).toBe('E');
  });

  if (name !== 'memory') {
    it('reads through Query, GetItem and BatchGetItem only, never a Scan', () => {
      expect(sent).not.toContain('ScanCommand');
      expect(sent).toContain('QueryCommand');
      expect(new Set(sent.filter((c) => !/Put|Create|Describe|List/.test(c)))).toEqual(
        new Set(['QueryCommand', 'GetItemCommand', 'BatchGetItemCommand']),
      );
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseQueries } from '../../../shared/adapters/case-queries.dynamodb.ts';
import { DynamoDbCaseStore } from '../../../shared/adapters/case-store.dynamodb.ts';
import { MemoryEventPublisher } from '../../../shared/adapters/events.memory.ts';
import { MemoryOperatorAlerts } from '../../../shared/adapters/operator-alerts.memory.ts';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import { type OpenCaseCommand, openCase } from '../../../shared/use-cases/case-commands.ts';
import type { CaseDependencies } from '../../../shared/use-cases/dependencies.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

const intake = (...numbers: string[]): OpenCaseCommand => ({
  debtor: {
    kind: 'business',
    name: 'Drukkerij Oost B.V.',
    address: { street: 'Kanaalweg 9', postalCode: '7500 AA', city: 'Enschede', country: 'NL' },
  },
  contract: null,
  invoices: numbers.map((number) => ({
    number,
    amountCents: 50_000,
    issuedOn: '2026-01-05',
    dueOn: '2026-02-04',
  })),
});

describe('opening a case', () => {
  let db: TestDynamoDb;
  let deps: CaseDependencies;
  const started: string[] = [];

  beforeAll(async () => {
    db = await startTestDynamoDb();
    deps = {
      store: new DynamoDbCaseStore({ client: db.client, tableName: db.tableName }),
      queries: new DynamoDbCaseQueries({ client: db.client, tableName: db.tableName }),
      clock: { now: () => new Date('2026-03-02T09:00:00Z') },
      workflow: {
        startCase: async (caseId) => {
          started.push(caseId);
          return { started: true, executionId: caseId };
        },
        signal: async () => true,
        isRunning: async () => true,
      },
      letters: { deliver: async () => ({ deliveryReference: 'x' }) },
      agency: { handOff: async () => ({ agencyReference: 'x' }) },
      alerts: new MemoryOperatorAlerts(),
      events: new MemoryEventPublisher(),
      settings: DEFAULT_SETTINGS,
    };
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('refused because one invoice is in another case, leaves the other invoice numbers free', async () => {
    const first = await openCase(deps, intake('OOST-2'));
    await expect(openCase(deps, intake('OOST-1', 'OOST-2'))).rejects.toMatchObject({
      name: 'StageConflictError',
      message: `invoice OOST-2 already belongs to case ${first.record.caseId}`,
    });
    // OOST-1 was claimed before OOST-2 was found taken; the refused intake gave it back.
    const alone = await openCase(deps, intake('OOST-1'));
    expect(alone.created).toBe(true);
    expect(started).toEqual([first.record.caseId, alone.record.caseId]);
  });

  it('the same intake again starts no second workflow once the first one ran (a name AWS may take again after 90 days)', async () => {
    const first = await openCase(deps, intake('OOST-9'));
    const startsBefore = started.length;
    // Before its workflow recorded its start (an intake that stopped halfway): started again, which is idempotent.
    await openCase(deps, intake('OOST-9'));
    expect(started.length).toBe(startsBefore + 1);
    const c = await deps.store.get(first.record.caseId);
    if (!c) throw new Error('case missing');
    await deps.store.replace(
      {
        ...c,
        version: c.version + 1,
        chronology: [
          ...c.chronology,
          {
            id: `workflow-started:${c.caseId}`,
            at: c.openedAt,
            on: '2026-03-02',
            type: 'workflow-started',
            actor: 'workflow',
            summary: 'started',
          },
        ],
      },
      c.version,
    );
    const again = await openCase(deps, intake('OOST-9'));
    expect(again.created).toBe(false);
    expect(started.length).toBe(startsBefore + 1);
  });
});

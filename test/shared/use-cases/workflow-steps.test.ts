import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbCaseQueries } from '../../../shared/adapters/case-queries.dynamodb.ts';
import { DynamoDbCaseStore } from '../../../shared/adapters/case-store.dynamodb.ts';
import { MemoryEventPublisher } from '../../../shared/adapters/events.memory.ts';
import { MemoryOperatorAlerts } from '../../../shared/adapters/operator-alerts.memory.ts';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { retentionExpiresAt } from '../../../shared/domain/retention.ts';
import { ConcurrentUpdateError } from '../../../shared/errors.ts';
import { letterContentHash } from '../../../shared/letters/index.ts';
import type { RenderedLetter } from '../../../shared/ports/letter-delivery.ts';
import type { CaseSignal } from '../../../shared/ports/workflow.ts';
import type { CaseDependencies } from '../../../shared/use-cases/dependencies.ts';
import {
  awaitCaseEvent,
  escalateReview,
  handOffToAgency,
  resumeDunning,
  sendReminder,
} from '../../../shared/use-cases/workflow-steps.ts';
import { aCase } from '../../support/case-fixture.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

/** The workflow port as the steps see it: records signals instead of completing real callbacks. */
class RecordingWorkflow {
  readonly signals: { taskToken: string; signal: CaseSignal }[] = [];
  async startCase(caseId: string) {
    return { started: true, executionId: caseId };
  }
  async isRunning() {
    return true;
  }
  async signal(taskToken: string, signal: CaseSignal) {
    this.signals.push({ taskToken, signal });
    return true;
  }
}

describe('workflow steps against a real DynamoDB store', () => {
  let db: TestDynamoDb;
  let store: DynamoDbCaseStore;
  let workflow: RecordingWorkflow;
  let deps: CaseDependencies;
  let n = 0;

  beforeAll(async () => {
    db = await startTestDynamoDb();
    store = new DynamoDbCaseStore({ client: db.client, tableName: db.tableName });
  });
  afterAll(async () => {
    await db?.stop();
  });

  const fresh = async (overrides: Partial<Case>) => {
    workflow = new RecordingWorkflow();
    deps = {
      store,
      queries: new DynamoDbCaseQueries({ client: db.client, tableName: db.tableName }),
      clock: { now: () => new Date('2026-03-10T09:00:00Z') },
      workflow,
      letters: { deliver: async () => ({ deliveryReference: 'outbox' }) },
      agency: {
        handOff: async () => {
          throw new Error('not in these tests');
        },
      },
      alerts: new MemoryOperatorAlerts(),
      events: new MemoryEventPublisher(),
      settings: DEFAULT_SETTINGS,
    };
    const c = aCase({ caseId: `case-steps-${++n}`, ...overrides });
    await store.create(c);
    return c;
  };

  it('keeps the task token on the case while dunning waits for the reminder day', async () => {
    const c = await fresh({ schedule: { ...aCase().schedule, reminderOn: '2026-03-16' } });
    await awaitCaseEvent(deps, {
      caseId: c.caseId,
      taskToken: 'token-1',
      waitingFor: 'reminder-day',
      until: '2026-03-16',
    });
    expect((await store.get(c.caseId))?.waiting).toEqual({
      taskToken: 'token-1',
      waitingFor: 'reminder-day',
      until: '2026-03-16',
    });
    expect(workflow.signals).toEqual([]);
  });

  it('wakes the workflow at once when the case was paid before the token could be stored', async () => {
    const c = await fresh({ stage: 'paid' });
    await awaitCaseEvent(deps, {
      caseId: c.caseId,
      taskToken: 'token-2',
      waitingFor: 'reminder-day',
      until: '2026-03-16',
    });
    expect(workflow.signals).toEqual([{ taskToken: 'token-2', signal: { event: 'paid', caseId: c.caseId } }]);
    expect((await store.get(c.caseId))?.waiting).toBeNull();
    expect(await resumeDunning(deps, { caseId: c.caseId })).toEqual({ route: 'paid', wait: null });
  });

  it('sends no reminder on a disputed case and routes it to dispute review', async () => {
    const c = await fresh({ pauses: [{ kind: 'dispute', disputeId: 'dispute-1', since: '2026-03-09' }] });
    expect(await sendReminder(deps, { caseId: c.caseId })).toEqual({ route: 'review-dispute', wait: null });
    expect((await store.get(c.caseId))?.letters).toEqual([]);
  });

  it('does not hand off a case disputed after the handoff was prepared', async () => {
    const c = await fresh({
      stage: 'handing-off',
      pauses: [{ kind: 'dispute', disputeId: 'dispute-1', since: '2026-03-10' }],
    });
    expect(await handOffToAgency(deps, { caseId: c.caseId })).toEqual({
      route: 'review-dispute',
      wait: null,
    });
    expect((await store.get(c.caseId))?.stage).toBe('handing-off');
  });

  it('after the reminder, waits for the demand day two weeks later', async () => {
    const c = await fresh({});
    const result = await sendReminder(deps, { caseId: c.caseId });
    expect(result).toMatchObject({ route: 'await-demand-day', wait: { until: '2026-03-24' } });
    const stored = await store.get(c.caseId);
    expect(stored?.stage).toBe('reminded');
    expect(stored?.letters.map((l) => [l.kind, l.status])).toEqual([['reminder', 'delivered']]);
  });

  it('a provider that accepted a letter is not called again when the write after it meets other writers', async () => {
    const c = await fresh({});
    let deliveries = 0;
    let conflictsLeft = 12;
    deps.letters = {
      deliver: async () => {
        deliveries++;
        return { deliveryReference: `ses-${deliveries}` };
      },
    };
    // Another writer wins the case twelve times in a row, right after the provider accepted the letter.
    deps.store = {
      ...store,
      get: (id) => store.get(id),
      create: (r) => store.create(r),
      claimIntakeKey: (k, id) => store.claimIntakeKey(k, id),
      releaseIntakeKey: (k, id) => store.releaseIntakeKey(k, id),
      keepLetter: (letter, c) => store.keepLetter(letter, c),
      getLetter: (id, letterId) => store.getLetter(id, letterId),
      replace: async (record, expected) => {
        if (deliveries > 0 && conflictsLeft-- > 0) throw new ConcurrentUpdateError(record.caseId);
        return store.replace(record, expected);
      },
    };
    const result = await sendReminder(deps, { caseId: c.caseId });
    expect(result.route).toBe('await-demand-day');
    expect(deliveries).toBe(1);
    expect((await store.get(c.caseId))?.letters).toEqual([
      expect.objectContaining({ kind: 'reminder', status: 'delivered', deliveryReference: 'ses-1' }),
    ]);
  });

  it('a letter left pending by a step that died is recorded as of unknown outcome and delivered again, once', async () => {
    const c = await fresh({});
    let deliveries = 0;
    deps.letters = {
      deliver: async () => {
        deliveries++;
        if (deliveries === 1) throw new Error('the function was stopped before it heard the answer');
        return { deliveryReference: `ses-${deliveries}` };
      },
    };
    // The first run: recorded, handed to the provider, and no outcome written (as if the process died).
    const withoutBookkeeping = {
      ...deps,
      store: {
        ...store,
        get: (id: string) => store.get(id),
        create: (r: Case) => store.create(r),
        claimIntakeKey: store.claimIntakeKey.bind(store),
        releaseIntakeKey: store.releaseIntakeKey.bind(store),
        keepLetter: store.keepLetter.bind(store),
        getLetter: store.getLetter.bind(store),
        replace: async (r: Case, v: number) => {
          if (r.letters.some((l) => l.status === 'failed')) throw new Error('process died');
          return store.replace(r, v);
        },
      },
    };
    await expect(sendReminder(withoutBookkeeping, { caseId: c.caseId })).rejects.toThrow();
    expect((await store.get(c.caseId))?.letters[0]?.status).toBe('pending');
    await sendReminder(deps, { caseId: c.caseId });
    await sendReminder(deps, { caseId: c.caseId });
    const after = (await store.get(c.caseId)) as Case;
    expect(deliveries).toBe(2);
    expect(after.letters[0]).toMatchObject({ status: 'delivered', deliveryReference: 'ses-2' });
    expect(after.chronology.filter((e) => e.type === 'letter-delivery-unknown')).toHaveLength(1);
  });

  it('keeps the letter before it is delivered, and a retry delivers the letter as kept, not a rendering of the case as it is now', async () => {
    const c = await fresh({});
    const delivered: RenderedLetter[] = [];
    deps.letters = {
      deliver: async (letter) => {
        delivered.push(letter);
        // The letter must be kept by the time the provider has it.
        expect(await store.getLetter(c.caseId, letter.letterId)).not.toBeNull();
        if (delivered.length === 1) throw new Error('the function was stopped before it heard the answer');
        return { deliveryReference: `ses-${delivered.length}` };
      },
    };
    await expect(sendReminder(deps, { caseId: c.caseId })).rejects.toThrow();
    // Meanwhile the debtor's name was corrected: a new rendering would read differently.
    const between = (await store.get(c.caseId)) as Case;
    const renamed = { ...between, debtor: { ...between.debtor, name: 'J. de Vries-Bakker' } };
    await store.replace({ ...renamed, version: between.version + 1 }, between.version);
    await sendReminder(deps, { caseId: c.caseId });
    const after = (await store.get(c.caseId)) as Case;
    const record = after.letters[0];
    expect(record).toMatchObject({ status: 'delivered', deliveryReference: 'ses-2' });
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toEqual(delivered[0]);
    expect(delivered[1]?.html).toContain('J. de Vries');
    expect(delivered[1]?.html).not.toContain('Vries-Bakker');
    const kept = await store.getLetter(c.caseId, record?.letterId ?? '');
    expect(kept?.contentHash).toBe(record?.contentHash);
    expect(letterContentHash(delivered[1] as RenderedLetter)).toBe(record?.contentHash);
  });

  it('a letter kept for a case paid before it could be recorded is not sent, and takes the closed case’s retention', async () => {
    const c = await fresh({});
    let deliveries = 0;
    deps.letters = {
      deliver: async () => {
        deliveries++;
        return { deliveryReference: 'never' };
      },
    };
    // The debtor's payment closes the case while the step keeps the reminder it rendered from the open case:
    // the closing write found no letter to carry its retention to.
    deps.store = {
      ...store,
      get: (id) => store.get(id),
      create: (r) => store.create(r),
      replace: (r, v) => store.replace(r, v),
      claimIntakeKey: (k, id) => store.claimIntakeKey(k, id),
      releaseIntakeKey: (k, id) => store.releaseIntakeKey(k, id),
      getLetter: (id, letterId) => store.getLetter(id, letterId),
      keepLetter: async (letter, asRead) => {
        const now = (await store.get(asRead.caseId)) as Case;
        if (now.stage !== 'paid')
          await store.replace({ ...now, stage: 'paid', version: now.version + 1 }, now.version);
        await store.keepLetter(letter, asRead);
      },
    };
    expect(await sendReminder(deps, { caseId: c.caseId })).toEqual({ route: 'paid', wait: null });
    expect(deliveries).toBe(0);
    const paid = (await store.get(c.caseId)) as Case;
    expect(paid.letters).toEqual([]);
    const item = await db.client.send(
      new GetItemCommand({
        TableName: db.tableName,
        Key: { pk: { S: `CASE#${c.caseId}` }, sk: { S: `LETTER#${c.caseId}-reminder` } },
      }),
    );
    expect(item.Item?.expiresAt?.N).toBe(String(retentionExpiresAt(paid)));
  });

  it('tells operators of an escalated review, once, with how often it was escalated (no personal data)', async () => {
    const c = await fresh({
      pauses: [{ kind: 'dispute', disputeId: 'dispute-1', since: '2026-02-10' }],
      disputes: [
        {
          disputeId: 'dispute-1',
          kind: 'non-performance',
          raisedOn: '2026-02-10',
          statement: 'De software is te laat opgeleverd',
          evidence: {},
          status: 'awaiting-reviewer',
        } as Case['disputes'][number],
      ],
      chronology: [
        {
          id: 'review-requested:dispute-1',
          at: '2026-02-10T09:00:00.000Z',
          on: '2026-02-10',
          type: 'review-requested',
          actor: 'rules',
          summary: 'a reviewer must decide',
          refs: { disputeId: 'dispute-1' },
        },
      ],
    });
    await escalateReview(deps, { caseId: c.caseId });
    const alerts = (deps.alerts as MemoryOperatorAlerts).sent;
    expect(alerts).toEqual([
      {
        alert: 'review-escalated',
        caseId: c.caseId,
        disputeId: 'dispute-1',
        escalation: 1,
        on: '2026-03-10',
      },
    ]);
    // Woken again the same day (e.g. for a hold's end date): no new escalation, no second alert.
    await escalateReview(deps, { caseId: c.caseId });
    expect(alerts).toHaveLength(1);
    expect((await store.get(c.caseId))?.chronology.filter((e) => e.type === 'review-escalated')).toHaveLength(
      1,
    );
  });
});

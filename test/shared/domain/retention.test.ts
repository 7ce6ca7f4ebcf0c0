import { describe, expect, it } from 'vitest';
import { caseToItem, TTL_ATTRIBUTE } from '../../../shared/adapters/case-store.dynamodb.ts';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { claimOfCase } from '../../../shared/domain/case-claim.ts';
import {
  ERASED,
  retentionEndsOn,
  retentionExpiresAt,
  withoutPersonalData,
} from '../../../shared/domain/retention.ts';
import { erasePersonalData, restartCase } from '../../../shared/use-cases/case-commands.ts';
import type { CaseDependencies } from '../../../shared/use-cases/dependencies.ts';
import { aCase, anEntry } from '../../support/case-fixture.ts';

/** A consumer's case that ended paid, with a rejected dispute, a released hold and letters sent. */
function paidCase(): Case {
  const c = aCase();
  return {
    ...c,
    stage: 'paid',
    payments: [
      { reference: 'BANK-1', amountCents: 8_900, paidOn: '2026-04-10', receivedAt: '2026-04-10T09:00:00Z' },
    ],
    disputes: [
      {
        disputeId: 'd1',
        kind: 'cancellation',
        raisedOn: '2026-03-01',
        statement: 'Ik heb in januari telefonisch opgezegd bij mevrouw Pietersen.',
        evidence: {
          cancellation: {
            noticeReceivedOn: null,
            noticeSentOn: '2026-01-10',
            channel: 'phone',
            confirmedByTrader: false,
          },
          usage: { lastUsedOn: '2026-02-20', description: 'Ingelogd vanaf Oudegracht 12' },
          correspondence: [
            { on: '2026-03-01', summary: 'Mail van J. de Vries over opzegging', reference: 'M-1' },
          ],
        },
        status: 'settled',
        verdict: {
          by: 'reviewer',
          verdict: 'invalid',
          reasons: [
            { code: 'REVIEWER_SETTLE', text: 'Gebeld met J. de Vries, akkoord', article: 'beoordeling' },
          ],
          decidedOn: '2026-03-20',
        },
      },
    ],
    letters: [
      {
        letterId: 'l1',
        kind: 'reminder',
        date: '2026-02-11',
        recipient: 'J. de Vries <j.devries@example.nl>',
        contentHash: 'abc',
        amounts: { principalCents: 8_900, interestCents: 0, costsCents: 0, totalCents: 8_900 },
        status: 'delivered',
        deliveryReference: 'ref-1',
      },
    ],
    chronology: [
      ...c.chronology,
      anEntry({
        id: 'release:1',
        type: 'hold-released',
        summary: 'Hold released: debtor J. de Vries in hospital',
      }),
      anEntry({
        id: 'paid',
        on: '2026-04-10',
        at: '2026-04-10T09:00:00.000Z',
        type: 'paid-in-full',
        actor: 'api',
        summary: 'Paid in full',
      }),
    ],
  };
}

const PERSONAL = [
  'J. de Vries',
  'j.devries@example.nl',
  'Oudegracht 12',
  '3511 AP',
  'Utrecht',
  'Pietersen',
  'hospital',
  'Gebeld met',
];

describe('how long a closed case is kept', () => {
  it('an open case is kept as long as it runs: no expiry', () => {
    expect(retentionEndsOn(aCase())).toBeNull();
    expect(caseToItem(aCase(), new Date('2026-04-10T09:00:00Z'))[TTL_ATTRIBUTE]).toBeUndefined();
  });

  it('a case closed in 2026 expires seven years after the end of 2026 (art. 52 AWR): on 1 January 2034', () => {
    expect(retentionEndsOn(paidCase())).toBe('2034-01-01');
    // The TTL attribute: the start of that day in Amsterdam (UTC+1 in winter), in Unix seconds.
    expect(retentionExpiresAt(paidCase())).toBe(Date.parse('2033-12-31T23:00:00Z') / 1000);
    expect(caseToItem(paidCase(), new Date('2026-04-10T09:00:00Z'))[TTL_ATTRIBUTE]).toEqual({
      N: '2019682800',
    });
  });
});

describe("erasing a closed case's personal data", () => {
  it('keeps the amounts, invoices, payments, letters and the chronology, without the personal fields', () => {
    const before = paidCase();
    const after = withoutPersonalData(before);
    const text = JSON.stringify(after);
    expect(PERSONAL.filter((p) => text.includes(p))).toEqual([]);
    expect(after.debtor).toEqual({
      kind: 'consumer',
      name: ERASED,
      address: { street: ERASED, postalCode: '', city: '', country: 'NL' },
    });
    expect(after.invoices).toEqual(before.invoices);
    expect(after.payments).toEqual(before.payments);
    expect(after.letters.map((l) => ({ ...l, recipient: 'x' }))).toEqual(
      before.letters.map((l) => ({ ...l, recipient: 'x' })),
    );
    expect(after.chronology.map(({ summary: _s, ...rest }) => rest)).toEqual(
      before.chronology.map(({ summary: _s, ...rest }) => rest),
    );
    expect(after.disputes[0]?.evidence.cancellation).toEqual(before.disputes[0]?.evidence.cancellation);
    expect(after.disputes[0]?.evidence.usage).toEqual({ lastUsedOn: '2026-02-20' });
    const on = '2026-05-01';
    expect(claimOfCase(after, on, DEFAULT_SETTINGS)).toEqual(claimOfCase(before, on, DEFAULT_SETTINGS));
  });

  function deps(store: MemoryCaseStore): CaseDependencies {
    return {
      store,
      clock: { now: () => new Date('2026-06-01T09:00:00Z') },
      workflow: {
        startCase: async (caseId) => ({ started: true, executionId: caseId }),
        signal: async () => true,
        isRunning: async () => false,
      },
      letters: { deliver: async () => ({ deliveryReference: 'x' }) },
      agency: { handOff: async () => ({ agencyReference: 'x' }) },
      alerts: { reviewEscalated: async () => {} },
      events: { publish: async () => {} },
      queries: {
        listCases: async () => {
          throw new Error('no lists here');
        },
        listDisputes: async () => {
          throw new Error('no lists here');
        },
      },
      settings: DEFAULT_SETTINGS,
    };
  }

  it('is recorded as a chronology entry, once, and the case cannot be restarted afterwards', async () => {
    const store = new MemoryCaseStore();
    await store.create(paidCase());
    const d = deps(store);
    const erased = await erasePersonalData(d, 'case-2026-000123', {
      basis: 'debtor-request',
      operator: 'ops-anna',
    });
    expect(erased.debtor.name).toBe(ERASED);
    expect(erased.chronology.at(-1)).toMatchObject({
      type: 'personal-data-erased',
      actor: 'operator:ops-anna',
      on: '2026-06-01',
      refs: { basis: 'debtor-request' },
    });
    const again = await erasePersonalData(d, 'case-2026-000123', {
      basis: 'debtor-request',
      operator: 'ops-anna',
    });
    expect(again.chronology.filter((e) => e.type === 'personal-data-erased')).toHaveLength(1);
    await expect(restartCase(d, 'case-2026-000123', {})).rejects.toMatchObject({
      name: 'StageConflictError',
    });
  });

  it('is refused for an open case, and for a failed handoff that may still be restarted, changing nothing', async () => {
    const store = new MemoryCaseStore();
    await store.create(aCase());
    await store.create(aCase({ caseId: 'case-failed', stage: 'handoff-failed' }));
    const d = deps(store);
    for (const caseId of ['case-2026-000123', 'case-failed']) {
      await expect(
        erasePersonalData(d, caseId, { basis: 'no-longer-needed', operator: 'ops-anna' }),
      ).rejects.toMatchObject({ name: 'StageConflictError', code: 'STAGE_CONFLICT' });
      expect((await store.get(caseId))?.debtor.name).toBe('J. de Vries');
    }
  });

  it('names the field of bad input', async () => {
    const store = new MemoryCaseStore();
    await store.create(paidCase());
    await expect(
      // biome-ignore lint/suspicious/noExplicitAny: bad input on purpose
      erasePersonalData(deps(store), 'case-2026-000123', { basis: 'because' as any, operator: 'ops' }),
    ).rejects.toMatchObject({ name: 'InvalidInputError', field: 'basis' });
    await expect(
      erasePersonalData(deps(store), 'case-2026-000123', { basis: 'debtor-request', operator: '' }),
    ).rejects.toMatchObject({ name: 'InvalidInputError', field: 'operator' });
  });
});

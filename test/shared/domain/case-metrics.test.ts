import { describe, expect, it } from 'vitest';
import { MeasuredCaseStore } from '../../../shared/adapters/case-store.measured.ts';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { type CaseMetric, caseFacts, caseMetrics } from '../../../shared/domain/case-metrics.ts';
import { aCase } from '../../support/case-fixture.ts';

const entry = (type: string, refs: Record<string, string> = {}) => ({
  id: `${type}:${Math.random()}`,
  at: '2026-03-10T09:00:00.000Z',
  on: '2026-03-10',
  type,
  actor: 'workflow',
  summary: type,
  refs,
});

describe('the metrics a change of a case amounts to', () => {
  it('counts a new case, a letter delivered by kind, a dispute raised by kind and decided by outcome', () => {
    const opened = aCase({ caseId: 'm-1' });
    expect(caseMetrics(null, caseFacts(opened))).toContainEqual({ name: 'CasesOpened', value: 1 });
    const letter = {
      letterId: 'm-1-reminder',
      kind: 'reminder' as const,
      date: '2026-03-10',
      recipient: 'x',
      contentHash: 'h',
      amounts: { principalCents: 1, interestCents: 0, costsCents: 0, totalCents: 1 },
      status: 'pending' as const,
    };
    const pending = { ...opened, letters: [letter] };
    const delivered = { ...opened, letters: [{ ...letter, status: 'delivered' as const }] };
    expect(caseMetrics(caseFacts(opened), caseFacts(pending))).toEqual([]);
    expect(caseMetrics(caseFacts(pending), caseFacts(delivered))).toEqual([
      { name: 'LettersSent', value: 1, dimension: { name: 'LetterKind', value: 'reminder' } },
    ]);
    // The same write again (a retried step) counts nothing.
    expect(caseMetrics(caseFacts(delivered), caseFacts(delivered))).toEqual([]);

    const dispute = {
      disputeId: 'd1',
      kind: 'withdrawal' as const,
      raisedOn: '2026-03-10',
      statement: 'Ik herroep',
      evidence: {},
      status: 'open' as const,
    } as Case['disputes'][number];
    const disputed = { ...opened, disputes: [dispute] };
    const upheld = { ...opened, disputes: [{ ...dispute, status: 'upheld' as const }] };
    expect(caseMetrics(caseFacts(opened), caseFacts(disputed))).toEqual([
      { name: 'DisputesRaised', value: 1, dimension: { name: 'DisputeKind', value: 'withdrawal' } },
    ]);
    expect(caseMetrics(caseFacts(disputed), caseFacts(upheld))).toEqual([
      { name: 'DisputesDecided', value: 1, dimension: { name: 'Decision', value: 'upheld' } },
    ]);
  });

  it('counts an escalation with how often that review has now been escalated, handoffs and failures', () => {
    const c = aCase({ caseId: 'm-2', stage: 'handing-off' });
    const once = { ...c, chronology: [entry('review-escalated', { disputeId: 'd1' })] };
    const twice = {
      ...once,
      chronology: [...once.chronology, entry('review-escalated', { disputeId: 'd1' })],
    };
    expect(caseMetrics(caseFacts(once), caseFacts(twice))).toEqual([
      { name: 'ReviewsEscalated', value: 1 },
      { name: 'ReviewEscalations', value: 2 },
    ]);
    const handedOff = { ...c, stage: 'handed-off' as const };
    expect(caseMetrics(caseFacts(c), caseFacts(handedOff))).toEqual([
      { name: 'HandoffsCompleted', value: 1 },
    ]);
    const failed = { ...c, stage: 'handoff-failed' as const, chronology: [entry('step-failed')] };
    expect(caseMetrics(caseFacts(c), caseFacts(failed))).toEqual([
      { name: 'HandoffsFailed', value: 1 },
      { name: 'CaseFailures', value: 1 },
    ]);
  });

  it('reports from the store what each successful write changed, and nothing for a write that failed', async () => {
    const reported: CaseMetric[] = [];
    const store = new MeasuredCaseStore(new MemoryCaseStore(), (m) => reported.push(...m));
    const c = aCase({ caseId: 'm-3', version: 1 });
    await store.create(c);
    expect(reported).toEqual([{ name: 'CasesOpened', value: 1 }]);
    const read = (await store.get('m-3')) as Case;
    const failed = { ...read, stage: 'handed-off' as const, version: read.version + 1 };
    await store.replace(failed, read.version);
    expect(reported.at(-1)).toEqual({ name: 'HandoffsCompleted', value: 1 });
    // A stale writer's replacement is refused: nothing more is counted.
    await expect(store.replace({ ...failed, version: read.version + 1 }, read.version)).rejects.toThrow();
    expect(reported).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessIntake, LocalApi } from './support/local-api.ts';

describe('many requests on one case at the same instant', () => {
  let api: LocalApi;

  beforeAll(async () => {
    api = await LocalApi.start();
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('100 concurrent payments, reads and a dispute leave amounts and chronology consistent: each payment answered 200 is recorded once, each answered 503 never', async () => {
    const today = await api.today();
    const opened = await api.post('/cases', businessIntake(today, [10_000_000]));
    const caseId = opened.body.caseId as string;

    // 40 distinct payments, 5 of them sent twice, 54 reads and one dispute: 100 requests at once. Forty
    // writers on one case already meet each other on nearly every write; more only make the test slower.
    const references = Array.from({ length: 40 }, (_, i) => `BANK-${String(i).padStart(3, '0')}`);
    const payment = (reference: string) => ({ reference, amountCents: 1_000, paidOn: today });
    const requests = [
      ...references.map((r) => () => api.post(`/cases/${caseId}/payments`, payment(r))),
      ...references.slice(0, 5).map((r) => () => api.post(`/cases/${caseId}/payments`, payment(r))),
      ...Array.from({ length: 54 }, () => () => api.get(`/cases/${caseId}`)),
      () =>
        api.post(`/cases/${caseId}/disputes`, {
          kind: 'non-performance',
          statement: 'De levering was onvolledig.',
        }),
    ];
    expect(requests).toHaveLength(100);
    // Interleave the kinds so payments, reads and the dispute really overlap.
    const shuffled = requests.map((r, i) => ({ r, k: (i * 7919) % 100 })).sort((a, b) => a.k - b.k);
    const answers = await Promise.all(shuffled.map(({ r }) => r()));

    // Contention is answered honestly: a write that met too many other writers within its time budget
    // gives up with 503, a code and Retry-After, and is never applied later.
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    const refused = shuffled
      .map(({ r }, i) => ({ r, answer: answers[i] }))
      .filter(({ answer }) => answer?.status === 503);
    for (const { answer } of refused) {
      expect(answer?.headers.get('retry-after')).toBe('1');
      expect(answer?.body).toMatchObject({ code: 'CONCURRENT_UPDATE' });
    }
    const accepted = new Set(
      references.filter((_, i) => answers[shuffled.findIndex((x) => x.r === requests[i])]?.status === 200),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const afterBurst = await api.stored(caseId);
    for (const p of afterBurst.payments) {
      // A payment sent twice may have one answer of each kind; one sent once must have been answered 200.
      const twice = references.slice(0, 5).includes(p.reference);
      if (!twice) expect(accepted.has(p.reference)).toBe(true);
    }
    // The client honours Retry-After and sends what was refused again, until every request is answered.
    let pending = refused.map(({ r }) => r);
    while (pending.length > 0) {
      const again = await Promise.all(pending.map((r) => r()));
      expect(again.filter((a) => a.status !== 200 && a.status !== 201 && a.status !== 503)).toEqual([]);
      pending = pending.filter((_, i) => again[i]?.status === 503);
    }

    const stored = await api.stored(caseId);
    expect(stored.payments.map((p) => p.reference).sort()).toEqual(references);
    const paymentEntries = stored.chronology.filter(
      (e) => e.type === 'payment-received' || e.type === 'paid-in-full',
    );
    expect(paymentEntries.map((e) => e.refs?.reference).sort()).toEqual(references);
    expect(new Set(stored.chronology.map((e) => e.id)).size).toBe(stored.chronology.length);
    expect(stored.chronology.filter((e) => e.type === 'dispute-raised')).toHaveLength(1);
    // Every accepted change was a write of its own: one case version per payment and the dispute at least.
    expect(stored.version).toBeGreaterThanOrEqual(1 + references.length + 1);

    const view = (await api.get(`/cases/${caseId}`)).body;
    expect(view.amounts.paidCents).toBe(40_000);
    expect(view.payments).toHaveLength(40);
    expect(view.pauses).toEqual([expect.objectContaining({ kind: 'dispute', disputeId: 'dispute-1' })]);
    // A workflow step that lost the race for the case (ConcurrentUpdateError) is retried by the state
    // machine a few seconds later; a minute on, the dispute review has run whatever the interleaving.
    await api.server.advanceTo(new Date(api.app.clock.nowMs() + 60_000));
    const reviewed = (await api.get(`/cases/${caseId}`)).body;
    expect(reviewed.openDispute.status).toBe('awaiting-reviewer');
    expect(reviewed.amounts.paidCents).toBe(40_000);
    expect(api.app.runtime.describeExecution(caseId)?.currentState).toBe('AwaitReviewerDecision');
    expect(view.amounts.totalCents).toBe(
      view.amounts.principalCents + view.amounts.interestCents + view.amounts.costsCents,
    );
    expect(api.contractProblems).toEqual([]);
  });
});

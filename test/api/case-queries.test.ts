import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessIntake, consumerIntake, LocalApi } from './support/local-api.ts';

/**
 * The case lists over HTTP: GET /cases with its filters and paging, GET /disputes as the reviewer's
 * worklist, on the local server with the synthesized table and its indexes (dynalite). Every answer is
 * checked against the OpenAPI document.
 */
describe('finding cases over HTTP', () => {
  let api: LocalApi;
  const ids: Record<'consumer' | 'business' | 'bakker', string> = { consumer: '', business: '', bakker: '' };
  let bakkerInvoice = '';

  beforeAll(async () => {
    api = await LocalApi.start();
    // One case a day from Monday 2 March 2026, so the order of opening is the order of intake.
    ids.consumer = (await api.post('/cases', consumerIntake(await api.today()))).body.caseId;
    const tuesday = await api.advanceDays(1);
    ids.business = (await api.post('/cases', businessIntake(tuesday, [250_000_00, 250_000_00]))).body.caseId;
    const wednesday = await api.advanceDays(1);
    const bakker = consumerIntake(wednesday, 12_000);
    bakker.debtor.name = 'Émile Bakker';
    bakkerInvoice = bakker.invoices[0].number;
    ids.bakker = (await api.post('/cases', bakker)).body.caseId;
    // The project client disputes over delays (a person must decide); the consumer Bakker is held.
    const disputed = await api.post(`/cases/${ids.business}/disputes`, {
      kind: 'non-performance',
      statement: 'De oplevering is maanden te laat.',
    });
    expect(disputed.status).toBe(201);
    expect(
      (await api.post(`/cases/${ids.bakker}/hold`, { reason: 'Betalingsregeling in overleg' })).status,
    ).toBe(200);
  });

  afterAll(async () => {
    expect(api?.contractProblems ?? []).toEqual([]);
    await api?.stop();
  });

  const list = async (query: string) => {
    const res = await api.get(`/cases${query}`);
    expect(res.status, res.text).toBe(200);
    return res.body.items.map((i: { caseId: string }) => i.caseId);
  };

  it('lists every case with what is owed today, its stage, pauses and next step, oldest first', async () => {
    const res = await api.get('/cases');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cursor: null, sortedBy: 'openedAt', order: 'asc' });
    expect(res.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([
      ids.consumer,
      ids.business,
      ids.bakker,
    ]);
    const consumer = res.body.items[0];
    const full = (await api.get(`/cases/${ids.consumer}`)).body;
    expect(consumer).toEqual({
      caseId: ids.consumer,
      debtor: { kind: 'consumer', name: 'J. de Vries' },
      openedAt: consumer.openedAt,
      // Due 16 days before intake: the reminder went out at once.
      stage: 'reminded',
      pauses: [],
      amounts: full.amounts,
      nextStep: full.nextStep,
    });
    expect(consumer.amounts.principalCents).toBe(8_900);
    expect(consumer.nextStep).toEqual({ step: 'await-demand-day', on: '2026-03-16' });
  });

  it('filters by stage, pause, reviewer, debtor kind, name prefix, invoice number and next step', async () => {
    // Bakker was held on the day of intake, before the reminder went out.
    expect(await list('?stage=reminded&debtorKind=consumer')).toEqual([ids.consumer]);
    expect(await list('?stage=opened')).toEqual([ids.bakker]);
    expect(await list('?pause=hold')).toEqual([ids.bakker]);
    expect(await list('?pause=dispute')).toEqual([ids.business]);
    expect(await list('?awaitingReviewer=true')).toEqual([ids.business]);
    expect(await list('?awaitingReviewer=false')).toEqual([ids.consumer, ids.bakker]);
    expect(await list('?debtorKind=business')).toEqual([ids.business]);
    expect(await list(`?debtorName=${encodeURIComponent('EMILE b')}`)).toEqual([ids.bakker]);
    expect(await list(`?invoiceNumber=${bakkerInvoice}`)).toEqual([ids.bakker]);
    expect(await list('?invoiceNumber=NOT-AN-INVOICE')).toEqual([]);
    expect(await list('?openedFrom=2026-03-02&openedTo=2026-03-04&order=desc')).toEqual([
      ids.bakker,
      ids.business,
      ids.consumer,
    ]);
    expect(await list('?openedFrom=2026-03-03&openedTo=2026-03-03')).toEqual([ids.business]);
    expect(await list('?openedFrom=2026-03-05')).toEqual([]);
    // The consumer's demand day is Monday 16 March; the held case is looked at again 30 days after its hold.
    const demandDay = (await api.get(`/cases/${ids.consumer}`)).body.nextStep.on as string;
    expect(demandDay).toBe('2026-03-16');
    const before = await api.get('/cases?nextStepBefore=2026-03-17&debtorKind=consumer');
    expect(before.body.sortedBy).toBe('nextStepOn');
    expect(before.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([ids.consumer]);
    expect(await list('?nextStepBefore=2026-03-16')).toEqual([]);
    expect(await list('?nextStepBefore=2026-04-04&debtorKind=consumer')).toEqual([ids.consumer, ids.bakker]);
  });

  it('pages with an opaque cursor, a page size of at most 100', async () => {
    const seen: string[] = [];
    let query = '?limit=1';
    for (let pages = 0; pages < 10; pages++) {
      const res = await api.get(`/cases${query}`);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((i: { caseId: string }) => i.caseId));
      if (res.body.cursor === null) break;
      query = `?limit=1&cursor=${encodeURIComponent(res.body.cursor)}`;
    }
    expect(seen).toEqual([ids.consumer, ids.business, ids.bakker]);
  });

  it('answers 400 naming the parameter for a bad filter, page size or cursor, and an unknown parameter', async () => {
    const refused = async (query: string, field: string) => {
      const res = await api.get(`/cases${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({ error: 'InvalidInputError', code: 'INVALID_INPUT', field });
    };
    await refused('?limit=101', 'query.limit');
    await refused('?limit=0', 'query.limit');
    await refused('?limit=2.5', 'query.limit');
    await refused('?stage=lost', 'query.stage');
    await refused('?awaitingReviewer=yes', 'query.awaitingReviewer');
    await refused('?nextStepBefore=2026-02-30', 'query.nextStepBefore');
    await refused('?openedFrom=2026-03-05&openedTo=2026-03-01', 'query.openedTo');
    await refused('?debtorName=%21%21', 'query.debtorName');
    await refused('?cursor=not-a-cursor', 'query.cursor');
    await refused('?stag=opened', 'query.stag');
    const first = await api.get('/cases?limit=1');
    await refused(`?limit=1&stage=paid&cursor=${encodeURIComponent(first.body.cursor)}`, 'query.cursor');
    const disputes = await api.get('/disputes?status=pending');
    expect(disputes.status).toBe(400);
    expect(disputes.body.field).toBe('query.status');
  });

  it("gives the reviewer's worklist oldest first, with the age in working days and the escalations", async () => {
    const now = await api.get('/disputes');
    expect(now.status).toBe(200);
    expect(now.body.items).toHaveLength(1);
    expect(now.body.items[0]).toMatchObject({
      caseId: ids.business,
      disputeId: 'dispute-1',
      kind: 'non-performance',
      status: 'awaiting-reviewer',
      raisedOn: '2026-03-04',
      decidedOn: null,
      ageWorkingDays: 0,
      escalationCount: 0,
      case: { caseId: ids.business, stage: 'reminded', debtor: { kind: 'business' } },
    });

    // Ten working days undecided (to Wednesday 18 March) escalate the review once; on Thursday 19 March
    // it is 11 working days old.
    await api.advanceDays(15);
    const later = await api.get('/disputes?status=awaiting-reviewer');
    expect(later.body.items[0]).toMatchObject({ ageWorkingDays: 11, escalationCount: 1 });

    const decided = await api.post(`/cases/${ids.business}/disputes/dispute-1/decision`, {
      decision: 'reject',
      reviewer: 'j.de.boer',
      note: 'Vertraging lag aan de klant.',
    });
    expect(decided.status).toBe(200);
    expect((await api.get('/disputes')).body.items).toEqual([]);
    const rejected = await api.get('/disputes?status=rejected');
    expect(rejected.body.items).toMatchObject([
      { caseId: ids.business, status: 'rejected', decidedOn: '2026-03-19', ageWorkingDays: 11 },
    ]);
    expect(await list('?awaitingReviewer=true')).toEqual([]);
  });
});

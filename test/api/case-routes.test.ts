import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDossier } from '../../shared/dossier/validate.ts';
import { addDays } from '../../shared/rules/calendar.ts';
import { erasePersonalData } from '../../shared/use-cases/case-commands.ts';
import { sendReminder } from '../../shared/use-cases/workflow-steps.ts';
import { businessIntake, consumerIntake, LocalApi } from './support/local-api.ts';

/** What a 4xx must leave untouched: the stored version and chronology of the case. */
async function snapshot(api: LocalApi, caseId: string) {
  const c = await api.stored(caseId);
  return {
    version: c.version,
    chronology: c.chronology.length,
    payments: c.payments.length,
    pauses: c.pauses,
  };
}

describe('the case API over HTTP, route by route', () => {
  let api: LocalApi;
  let today: string;

  beforeAll(async () => {
    api = await LocalApi.start();
    today = await api.today();
  });

  afterAll(async () => {
    await api?.stop();
  });

  describe('POST /cases', () => {
    it('opens a case for an overdue invoice and starts its workflow, named after the case', async () => {
      const res = await api.post('/cases', consumerIntake(today));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ created: true, stage: 'opened' });
      const execution = api.app.runtime.describeExecution(res.body.caseId);
      expect(execution?.status).toBe('RUNNING');
      expect(execution?.name).toBe(res.body.caseId);
    });

    it('answers the same case (200) and starts no second workflow when the same invoices come again', async () => {
      const intake = consumerIntake(today);
      const first = await api.post('/cases', intake);
      const before = await snapshot(api, first.body.caseId);
      const again = await api.post('/cases', intake);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ caseId: first.body.caseId, created: false });
      expect(await snapshot(api, first.body.caseId)).toEqual(before);
      const executions = api.app.runtime.listExecutions().filter((e) => e.name === first.body.caseId);
      expect(executions).toHaveLength(1);
    });

    it('refuses an invoice that already belongs to another case (409), and opens nothing', async () => {
      const intake = consumerIntake(today);
      const first = await api.post('/cases', intake);
      const other = consumerIntake(today);
      other.invoices.push(intake.invoices[0]);
      const res = await api.post('/cases', other);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('STAGE_CONFLICT');
      expect(res.body.message).toContain(first.body.caseId);
    });

    it('names the field that is wrong (400)', async () => {
      const intake = consumerIntake(today);
      delete intake.debtor.name;
      const res = await api.post('/cases', intake);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        error: 'InvalidInputError',
        code: 'INVALID_INPUT',
        field: 'body.debtor.name',
      });

      const badDate = consumerIntake(today);
      badDate.invoices[0].dueOn = '2026-02-30';
      expect((await api.post('/cases', badDate)).body.field).toBe('body.invoices.0.dueOn');

      const floatCents = consumerIntake(today);
      floatCents.invoices[0].amountCents = 89.5;
      expect((await api.post('/cases', floatCents)).body.field).toBe('body.invoices.0.amountCents');
    });

    it('refuses an invoice that is not overdue yet, and claims none of its invoice numbers', async () => {
      const intake = consumerIntake(today);
      intake.invoices[0].dueOn = addDays(today, 5);
      const res = await api.post('/cases', intake);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('body.invoices.0.dueOn');
      // Fixed, the same invoice number is still free.
      intake.invoices[0].dueOn = addDays(today, -3);
      expect((await api.post('/cases', intake)).status).toBe(201);
    });

    it('refuses a debtor without an e-mail address: letters go by e-mail only, so the case could not start', async () => {
      const intake = consumerIntake(today);
      delete intake.debtor.email;
      const res = await api.post('/cases', intake);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        field: 'body.debtor.email',
        message: expect.stringContaining('is required'),
      });
      intake.debtor.email = 'geen-adres';
      expect((await api.post('/cases', intake)).body.field).toBe('body.debtor.email');
      intake.debtor.email = 'j.devries@example.nl';
      expect((await api.post('/cases', intake)).status).toBe(201);
    });

    it('refuses contract facts the rules cannot work with, and claims none of its invoice numbers', async () => {
      const intake = consumerIntake(today);
      intake.contract = {
        reference: 'C-1',
        subject: 'goods',
        channel: 'off-premises',
        concludedVia: 'in-person',
        concludedOn: addDays(today, -20),
        goodsReceivedOn: addDays(today, -25),
        priceCents: 12_000,
        coolingOffInformedOn: addDays(today, -20),
      };
      const res = await api.post('/cases', intake);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('body.contract.goodsReceivedOn');
      intake.contract.goodsReceivedOn = addDays(today, -18);
      expect((await api.post('/cases', intake)).status).toBe(201);
    });

    it('answers 400 for a body that is not JSON, and for no body at all', async () => {
      const res = await api.post('/cases', '{"debtor": ');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ field: 'body', message: 'body: is not valid JSON' });
      const empty = await api.call('POST', '/cases');
      expect(empty.status).toBe(400);
      expect(empty.body.field).toBe('body');
    });
  });

  describe('GET /cases/{id}', () => {
    it('shows stage, amounts today, the next step with its date, and the chronology', async () => {
      const opened = await api.post('/cases', consumerIntake(today, 8_900));
      const res = await api.get(`/cases/${opened.body.caseId}`);
      expect(res.status).toBe(200);
      expect(res.body.amounts).toMatchObject({
        on: today,
        principalCents: 8_900,
        costsCents: 0,
        paidCents: 0,
      });
      expect(res.body.amounts.interestCents).toBeGreaterThan(0);
      expect(res.body.nextStep).toEqual({ step: 'await-reminder-day', on: opened.body.schedule.reminderOn });
      expect(res.body.chronology.map((e: { type: string }) => e.type)).toEqual([
        'case-opened',
        'workflow-started',
      ]);
      expect(res.body.openDispute).toBeNull();
    });

    it('answers 404 for an unknown case and 400 for an id that cannot be one', async () => {
      const missing = await api.get('/cases/case-does-not-exist');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('CASE_NOT_FOUND');
      const bad = await api.get('/cases/not%20an%20id');
      expect(bad.status).toBe(400);
      expect(bad.body.field).toBe('path.id');
    });
  });

  describe('POST /cases/{id}/payments', () => {
    it('allocates a part payment and dunning goes on for the rest', async () => {
      const opened = await api.post('/cases', businessIntake(today, [100_000]));
      const res = await api.post(`/cases/${opened.body.caseId}/payments`, {
        reference: 'BANK-1',
        amountCents: 40_000,
        paidOn: today,
      });
      expect(res.status).toBe(200);
      expect(res.body.stage).toBe('opened');
      expect(res.body.amounts.paidCents).toBe(40_000);
      expect(res.body.nextStep.step).toBe('await-reminder-day');
      expect(res.body.chronology.at(-1)).toMatchObject({
        type: 'payment-received',
        refs: { reference: 'BANK-1' },
      });
    });

    it('closes the case when everything owed is paid, and refuses a later payment (409) without change', async () => {
      const opened = await api.post('/cases', consumerIntake(today, 5_000));
      const caseId = opened.body.caseId;
      const owed = (await api.get(`/cases/${caseId}`)).body.amounts.totalCents;
      const paid = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-2',
        amountCents: owed,
        paidOn: today,
      });
      expect(paid.body.stage).toBe('paid');
      expect(paid.body.amounts.totalCents).toBe(0);
      expect(api.app.runtime.describeExecution(caseId)?.status).toBe('SUCCEEDED');

      const before = await snapshot(api, caseId);
      const late = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-3',
        amountCents: 100,
        paidOn: today,
      });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('STAGE_CONFLICT');
      expect(await snapshot(api, caseId)).toEqual(before);
    });

    it('records a payment reference once: a repeat changes nothing, a different amount under it is a conflict', async () => {
      const opened = await api.post('/cases', businessIntake(today, [50_000]));
      const caseId = opened.body.caseId;
      const payment = { reference: 'BANK-4', amountCents: 10_000, paidOn: today };
      await api.post(`/cases/${caseId}/payments`, payment);
      const before = await snapshot(api, caseId);
      const again = await api.post(`/cases/${caseId}/payments`, payment);
      expect(again.status).toBe(200);
      expect(again.body.amounts.paidCents).toBe(10_000);
      expect(await snapshot(api, caseId)).toEqual(before);
      const changed = await api.post(`/cases/${caseId}/payments`, { ...payment, amountCents: 20_000 });
      expect(changed.status).toBe(409);
      expect(await snapshot(api, caseId)).toEqual(before);
    });

    it('refuses a payment dated in the future or before the invoices, of zero, or without a reference (400), without change', async () => {
      const opened = await api.post('/cases', businessIntake(today, [50_000]));
      const caseId = opened.body.caseId;
      const before = await snapshot(api, caseId);
      const future = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-5',
        amountCents: 100,
        paidOn: addDays(today, 1),
      });
      expect(future.status).toBe(400);
      expect(future.body.field).toBe('body.paidOn');
      const beforeInvoice = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-5',
        amountCents: 100,
        paidOn: '2020-01-01',
      });
      expect(beforeInvoice.status).toBe(400);
      expect(beforeInvoice.body).toMatchObject({
        field: 'body.paidOn',
        message: expect.stringContaining('before the case'),
      });
      const zero = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-5',
        amountCents: 0,
        paidOn: today,
      });
      expect(zero.body.field).toBe('body.amountCents');
      const noRef = await api.post(`/cases/${caseId}/payments`, { amountCents: 100, paidOn: today });
      expect(noRef.body.field).toBe('body.reference');
      expect(await snapshot(api, caseId)).toEqual(before);
      const unknown = await api.post('/cases/case-unknown/payments', {
        reference: 'B',
        amountCents: 1,
        paidOn: today,
      });
      expect(unknown.status).toBe(404);
    });
  });

  describe('POST /cases/{id}/payments with the debtor designation (6:43 lid 1 BW)', () => {
    it('records the designation and says on the case that one to principal is refused (6:44 lid 2)', async () => {
      const opened = await api.post('/cases', businessIntake(today, [50_000, 30_000]));
      const caseId = opened.body.caseId;
      const second = (await api.get(`/cases/${caseId}`)).body.invoices[1].number;
      const res = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-D1',
        amountCents: 10_000,
        paidOn: today,
        designation: { invoices: [second], toPrincipal: true },
      });
      expect(res.status).toBe(200);
      expect(res.body.payments.at(-1).designation).toEqual({ invoices: [second], toPrincipal: true });
      expect(res.body.chronology.at(-1).summary).toMatch(/refused.*6:44 lid 2/);
    });

    it('refuses an unknown invoice or a malformed designation (400 naming the field), without change', async () => {
      const opened = await api.post('/cases', businessIntake(today, [50_000]));
      const caseId = opened.body.caseId;
      const before = await snapshot(api, caseId);
      const unknown = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-D2',
        amountCents: 100,
        paidOn: today,
        designation: { invoices: ['NO-SUCH-INVOICE'] },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.field).toBe('body.designation.invoices[0]');
      const empty = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-D2',
        amountCents: 100,
        paidOn: today,
        designation: { invoices: [] },
      });
      expect(empty.status).toBe(400);
      expect(empty.body.field).toBe('body.designation.invoices');
      const notBool = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-D2',
        amountCents: 100,
        paidOn: today,
        designation: { invoices: ['X'], toPrincipal: 'yes' },
      });
      expect(notBool.body.field).toBe('body.designation.toPrincipal');
      expect(await snapshot(api, caseId)).toEqual(before);
    });
  });

  describe('POST /cases/{id}/disputes and the decision', () => {
    it('pauses dunning at once and refuses a second open dispute (409) without change', async () => {
      const opened = await api.post('/cases', businessIntake(today, [80_000]));
      const caseId = opened.body.caseId;
      const res = await api.post(`/cases/${caseId}/disputes`, {
        kind: 'amount',
        statement: 'Het bedrag klopt niet: wij hadden 10% korting afgesproken.',
      });
      expect(res.status).toBe(201);
      expect(res.body.disputeId).toBe('dispute-1');
      expect(res.body.case.pauses).toEqual([
        expect.objectContaining({ kind: 'dispute', disputeId: 'dispute-1' }),
      ]);
      const view = await api.get(`/cases/${caseId}`);
      expect(view.body.openDispute).toMatchObject({ disputeId: 'dispute-1', status: 'awaiting-reviewer' });
      expect(view.body.nextStep.step).toBe('await-reviewer');

      const before = await snapshot(api, caseId);
      const second = await api.post(`/cases/${caseId}/disputes`, { kind: 'other', statement: 'Nog iets.' });
      expect(second.status).toBe(409);
      expect(await snapshot(api, caseId)).toEqual(before);
    });

    it('refuses an unknown dispute kind, a notice dated in the future, or before the contract (400)', async () => {
      const opened = await api.post('/cases', businessIntake(today, [80_000]));
      const caseId = opened.body.caseId;
      const before = await snapshot(api, caseId);
      const kind = await api.post(`/cases/${caseId}/disputes`, { kind: 'refund', statement: 'x' });
      expect(kind.body.field).toBe('body.kind');
      const future = await api.post(`/cases/${caseId}/disputes`, {
        kind: 'other',
        statement: 'x',
        evidence: { correspondence: [{ on: addDays(today, 2), summary: 'brief' }] },
      });
      expect(future.status).toBe(400);
      expect(future.body.field).toBe('body.evidence.correspondence.0.on');
      const backwards = await api.post(`/cases/${caseId}/disputes`, {
        kind: 'cancellation',
        statement: 'x',
        evidence: {
          cancellation: {
            noticeSentOn: today,
            noticeReceivedOn: addDays(today, -1),
            channel: 'email',
            confirmedByTrader: false,
          },
        },
      });
      expect(backwards.body.field).toBe('body.evidence.cancellation.noticeReceivedOn');
      expect(await snapshot(api, caseId)).toEqual(before);
    });

    it("takes a reviewer's rejection: dunning resumes; a second decision on it is a conflict (409)", async () => {
      const opened = await api.post('/cases', businessIntake(today, [80_000]));
      const caseId = opened.body.caseId;
      await api.post(`/cases/${caseId}/disputes`, { kind: 'other', statement: 'Ik betaal niet.' });
      const decision = { decision: 'reject', reviewer: 'r.visser', note: 'Geen grond voor de betwisting.' };
      const res = await api.post(`/cases/${caseId}/disputes/dispute-1/decision`, decision);
      expect(res.status).toBe(200);
      expect(res.body.pauses).toEqual([]);
      expect(res.body.disputes[0]).toMatchObject({
        status: 'rejected',
        verdict: { by: 'reviewer', verdict: 'invalid' },
      });
      expect((await api.get(`/cases/${caseId}`)).body.nextStep.step).toBe('await-reminder-day');

      const before = await snapshot(api, caseId);
      const again = await api.post(`/cases/${caseId}/disputes/dispute-1/decision`, decision);
      expect(again.status).toBe(409);
      expect(await snapshot(api, caseId)).toEqual(before);
    });

    it("takes a reviewer's acceptance: the case closes as not owed", async () => {
      const opened = await api.post('/cases', businessIntake(today, [80_000]));
      const caseId = opened.body.caseId;
      await api.post(`/cases/${caseId}/disputes`, { kind: 'other', statement: 'Nooit besteld.' });
      const res = await api.post(`/cases/${caseId}/disputes/dispute-1/decision`, {
        decision: 'accept',
        reviewer: 'r.visser',
        note: 'Order niet aantoonbaar.',
      });
      expect(res.body.stage).toBe('not-owed');
      expect(res.body.amounts.totalCents).toBe(0);
      expect(api.app.runtime.describeExecution(caseId)?.status).toBe('SUCCEEDED');
    });

    it('answers 404 for an unknown dispute, 400 for a settlement without an amount, without change', async () => {
      const opened = await api.post('/cases', businessIntake(today, [80_000]));
      const caseId = opened.body.caseId;
      await api.post(`/cases/${caseId}/disputes`, { kind: 'other', statement: 'x' });
      const before = await snapshot(api, caseId);
      const unknown = await api.post(`/cases/${caseId}/disputes/dispute-9/decision`, {
        decision: 'reject',
        reviewer: 'r',
        note: 'n',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('DISPUTE_NOT_FOUND');
      const noAmount = await api.post(`/cases/${caseId}/disputes/dispute-1/decision`, {
        decision: 'settle',
        reviewer: 'r',
        note: 'n',
      });
      expect(noAmount.status).toBe(400);
      expect(noAmount.body.field).toBe('body.settlementCents');
      const tooMuch = await api.post(`/cases/${caseId}/disputes/dispute-1/decision`, {
        decision: 'settle',
        reviewer: 'r',
        note: 'n',
        settlementCents: 10_000_000,
      });
      expect(tooMuch.status).toBe(400);
      expect(tooMuch.body.field).toBe('body.settlementCents');
      expect(await snapshot(api, caseId)).toEqual(before);
    });
  });

  describe('POST /cases/{id}/debtor-email', () => {
    it("corrects the debtor's address for later letters, naming no address in the chronology", async () => {
      const caseId = (await api.post('/cases', consumerIntake(today))).body.caseId;
      const before = await snapshot(api, caseId);
      for (const [body, field] of [
        [{}, 'body.email'],
        [{ email: 'geen-adres' }, 'body.email'],
      ] as const) {
        const refused = await api.post(`/cases/${caseId}/debtor-email`, body);
        expect(refused.status).toBe(400);
        expect(refused.body.field).toBe(field);
      }
      expect(await snapshot(api, caseId)).toEqual(before);
      const res = await api.post(`/cases/${caseId}/debtor-email`, { email: 'j.devries@nieuw.example' });
      expect(res.status).toBe(200);
      expect(res.body.debtor.email).toBe('j.devries@nieuw.example');
      const entries = res.body.chronology.filter(
        (e: { type: string }) => e.type === 'debtor-email-corrected',
      );
      expect(entries).toHaveLength(1);
      expect(JSON.stringify(entries)).not.toContain('nieuw.example');
      // The same address again records nothing more.
      const again = await api.post(`/cases/${caseId}/debtor-email`, { email: 'j.devries@nieuw.example' });
      expect(again.body.chronology).toEqual(res.body.chronology);
      expect((await api.post('/cases/case-unknown/debtor-email', { email: 'a@b.nl' })).status).toBe(404);
    });

    it('refuses a closed case (409), without change', async () => {
      const opened = await api.post('/cases', consumerIntake(today, 1_000));
      const caseId = opened.body.caseId;
      const owed = (await api.get(`/cases/${caseId}`)).body.amounts.totalCents;
      await api.post(`/cases/${caseId}/payments`, { reference: 'PAID-1', amountCents: owed, paidOn: today });
      const before = await snapshot(api, caseId);
      const res = await api.post(`/cases/${caseId}/debtor-email`, { email: 'x@nieuw.example' });
      expect(res.status).toBe(409);
      expect(await snapshot(api, caseId)).toEqual(before);
    });
  });

  describe('POST /cases/{id}/hold and /release', () => {
    it('holds a case (409 when already held), and releases it at once (409 when not held)', async () => {
      const opened = await api.post('/cases', consumerIntake(today));
      const caseId = opened.body.caseId;
      const held = await api.post(`/cases/${caseId}/hold`, { reason: 'Klant belt terug over een regeling' });
      expect(held.status).toBe(200);
      expect(held.body.pauses).toEqual([expect.objectContaining({ kind: 'hold', until: null })]);
      expect((await api.get(`/cases/${caseId}`)).body.nextStep.step).toBe('await-release');

      const before = await snapshot(api, caseId);
      const again = await api.post(`/cases/${caseId}/hold`, { reason: 'nogmaals' });
      expect(again.status).toBe(409);
      expect(await snapshot(api, caseId)).toEqual(before);

      const released = await api.post(`/cases/${caseId}/release`);
      expect(released.status).toBe(200);
      expect(released.body.pauses).toEqual([]);
      const view = await api.get(`/cases/${caseId}`);
      expect(view.body.nextStep.step).toBe('await-reminder-day');
      expect(view.body.chronology.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['hold-placed', 'hold-released']),
      );
      const notHeld = await api.post(`/cases/${caseId}/release`, { note: 'nog eens' });
      expect(notHeld.status).toBe(409);
    });

    it('refuses a hold without a reason, with a blank one, a misspelt field or ending today (400), without change', async () => {
      const opened = await api.post('/cases', consumerIntake(today));
      const caseId = opened.body.caseId;
      const before = await snapshot(api, caseId);
      expect((await api.post(`/cases/${caseId}/hold`, {})).body.field).toBe('body.reason');
      // A misspelt field is refused, not dropped: "untill" would otherwise place a hold without an end.
      const typo = await api.post(`/cases/${caseId}/hold`, { reason: 'Regeling', untill: addDays(today, 9) });
      expect(typo.status).toBe(400);
      expect(typo.body.field).toBe('body.untill');
      const designaton = await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-T',
        amountCents: 100,
        paidOn: today,
        designaton: { invoices: ['X'] },
      });
      expect(designaton.body.field).toBe('body.designaton');
      const blank = await api.post(`/cases/${caseId}/hold`, { reason: ' \n\t ' });
      expect(blank.status).toBe(400);
      expect(blank.body).toMatchObject({ field: 'body.reason', message: expect.stringContaining('blank') });
      const past = await api.post(`/cases/${caseId}/hold`, { reason: 'r', until: today });
      expect(past.status).toBe(400);
      expect(past.body.field).toBe('body.until');
      expect(await snapshot(api, caseId)).toEqual(before);
      expect((await api.post('/cases/case-unknown/hold', { reason: 'r' })).status).toBe(404);
    });
  });

  describe('GET /cases/{id}/dossier', () => {
    it('gives the evidence record as schema-valid JSON, and as HTML on request', async () => {
      const opened = await api.post('/cases', businessIntake(today, [30_000, 20_000]));
      const caseId = opened.body.caseId;
      await api.post(`/cases/${caseId}/payments`, { reference: 'BANK-D', amountCents: 5_000, paidOn: today });
      const res = await api.get(`/cases/${caseId}/dossier`);
      expect(res.status).toBe(200);
      const validation = validateDossier(res.body);
      expect(validation.ok ? [] : validation.errors).toEqual([]);
      expect(res.body).toMatchObject({ caseId, createdOn: today });
      expect(res.body.invoices).toHaveLength(2);
      expect(res.body.claim.paid.amountCents).toBe(5_000);
      expect(res.body.claim.paid.computation[0].label).toContain('BANK-D');

      const html = await api.get(`/cases/${caseId}/dossier?format=html`);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toContain('text/html');
      expect(html.text).toContain(caseId);

      expect((await api.get(`/cases/${caseId}/dossier?format=pdf`)).body.field).toBe('query.format');
      expect((await api.get('/cases/case-unknown/dossier')).status).toBe(404);
    });
  });

  describe('GET /cases/{id}/letters/{letterId}', () => {
    it('gives a letter as the debtor got it; 404 naming path.letterId for a letter never sent, and once erased', async () => {
      const opened = await api.post('/cases', consumerIntake(today, 12_345));
      const caseId = opened.body.caseId as string;
      // The reminder step, as the workflow runs it on the reminder day.
      await sendReminder(api.app.deps, { caseId });
      const [record] = (await api.stored(caseId)).letters;
      const res = await api.get(`/cases/${caseId}/letters/${record?.letterId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        letterId: record?.letterId,
        kind: 'reminder',
        date: record?.date,
        contentHash: record?.contentHash,
      });
      expect(res.body.subject).toMatch(/herinnering/i);
      expect(res.body.html).toContain('123,45');
      expect(res.body.text).toContain('123,45');
      expect(createHash('sha256').update(res.body.html, 'utf8').digest('hex')).toBe(record?.contentHash);

      const unknown = await api.get(`/cases/${caseId}/letters/${caseId}-demand`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'LETTER_NOT_FOUND', field: 'path.letterId' });
      expect((await api.get(`/cases/case-unknown/letters/${record?.letterId}`)).body.code).toBe(
        'CASE_NOT_FOUND',
      );
      expect((await api.get(`/cases/${caseId}/letters/not%20an%20id`)).body.field).toBe('path.letterId');

      // Paid in full, then the debtor asks to be forgotten: the letter's text goes with the rest.
      await api.post(`/cases/${caseId}/payments`, {
        reference: 'BANK-L',
        amountCents: 20_000,
        paidOn: today,
      });
      await erasePersonalData(api.app.deps, caseId, { basis: 'debtor-request', operator: 'ops-1' });
      const erased = await api.get(`/cases/${caseId}/letters/${record?.letterId}`);
      expect(erased.status).toBe(404);
      expect(erased.body).toMatchObject({ code: 'LETTER_NOT_FOUND', field: 'path.letterId' });
      expect(erased.body.message).toContain('erased');
    });
  });

  describe('the local server itself', () => {
    it('answers 404 for an unknown route, 405 for a wrong method, 413 for a body over 1 MB', async () => {
      const unknown = await api.get('/invoices');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('ROUTE_NOT_FOUND');
      const wrong = await api.call('DELETE', '/cases/case-1');
      expect(wrong.status).toBe(405);
      expect(wrong.headers.get('allow')).toBe('GET');
      const big = await api.post('/cases', JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }));
      expect(big.status).toBe(413);
      // The same name and code as the handlers' own limit: one refusal, one name.
      expect(big.body).toMatchObject({ error: 'RequestTooLargeError', code: 'REQUEST_TOO_LARGE' });
    });

    it('every answer matched the OpenAPI document', () => {
      expect(api.contractProblems).toEqual([]);
    });
  });
});

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/config/settings.ts';
import { addDays } from '../../shared/rules/calendar.ts';
import { businessIntake, invoiceNumber, LocalApi } from './support/local-api.ts';

const address = { street: 'Lindelaan 8', postalCode: '3456 CD', city: 'Amersfoort', country: 'NL' };
const types = (view: { chronology: { type: string }[] }) => view.chronology.map((e) => e.type);

/**
 * A door-to-door energy contract concluded `daysAgo`, the consumer informed of the cooling-off right that
 * day, with one invoice due `dueDaysAgo`.
 */
function doorToDoorIntake(today: string, daysAgo: number, dueDaysAgo: number) {
  const concludedOn = addDays(today, -daysAgo);
  return {
    debtor: { kind: 'consumer', name: 'M. Bakker', email: 'm.bakker@example.nl', address },
    contract: {
      reference: `ENERGY-${daysAgo}`,
      subject: 'service',
      channel: 'off-premises',
      concludedVia: 'in-person',
      concludedOn,
      priceCents: 144_000,
      coolingOffInformedOn: concludedOn,
    },
    invoices: [
      {
        number: invoiceNumber('ENERGY'),
        amountCents: 12_000,
        issuedOn: addDays(concludedOn, 1),
        dueOn: addDays(today, -dueDaysAgo),
      },
    ],
  };
}

describe('disputes reviewed by the rules and by people, over HTTP', () => {
  let api: LocalApi;
  let today: string;

  beforeAll(async () => {
    api = await LocalApi.start({
      settings: {
        ...DEFAULT_SETTINGS,
        policy: { ...DEFAULT_SETTINGS.policy, reviewEscalationWorkingDays: 3 },
      },
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('a door-to-door customer who withdrew within the cooling-off period owes nothing: the case ends withdrawn', async () => {
    today = await api.today();
    const opened = await api.post('/cases', doorToDoorIntake(today, 5, 1));
    const caseId = opened.body.caseId;
    const res = await api.post(`/cases/${caseId}/disputes`, {
      kind: 'withdrawal',
      statement: 'Ik herroep de overeenkomst binnen de bedenktijd.',
      evidence: { withdrawalNotice: { sentOn: today, channel: 'post' } },
    });
    expect(res.status).toBe(201);

    const view = (await api.get(`/cases/${caseId}`)).body;
    expect(view.stage).toBe('withdrawn');
    expect(view.amounts.totalCents).toBe(0);
    expect(view.disputes[0]).toMatchObject({ status: 'upheld', verdict: { by: 'rules', verdict: 'valid' } });
    expect(view.letters.map((l: { kind: string }) => l.kind)).toEqual(['withdrawal-confirmation']);
    // The confirmation says what the decision means: nothing owed (no "proportional amount" for a service
    // the customer never asked to start early).
    const letterId = view.letters[0].letterId as string;
    const text = readFileSync(path.join(api.app.outboxDir, `${letterId}.txt`), 'utf8');
    expect(text).toContain('U bent ons niets verschuldigd');
    expect(text).not.toContain('evenredig bedrag');
    expect(types(view)).toContain('withdrawal-accepted');
    expect(api.app.runtime.describeExecution(caseId)?.status).toBe('SUCCEEDED');
  });

  it('a withdrawal sent after the cooling-off period is refused with the article, and dunning resumes', async () => {
    today = await api.today();
    const opened = await api.post('/cases', doorToDoorIntake(today, 40, 20));
    const caseId = opened.body.caseId;
    await api.post(`/cases/${caseId}/disputes`, {
      kind: 'withdrawal',
      statement: 'Ik wil er vanaf.',
      evidence: { withdrawalNotice: { sentOn: today, channel: 'email' } },
    });

    const view = (await api.get(`/cases/${caseId}`)).body;
    expect(view.pauses).toEqual([]);
    expect(view.disputes[0]).toMatchObject({
      status: 'rejected',
      verdict: { by: 'rules', verdict: 'invalid' },
    });
    expect(view.disputes[0].verdict.reasons.map((r: { article: string }) => r.article).join(' ')).toMatch(
      /6:230/,
    );
    expect(view.letters.map((l: { kind: string }) => l.kind)).toEqual(['dispute-rejection']);
    expect(view.nextStep.step).toBe('await-reminder-day');

    await api.advanceDays(1);
    const later = (await api.get(`/cases/${caseId}`)).body;

    expect(later.stage).toBe('reminded');
    expect(later.letters.map((l: { kind: string }) => l.kind)).toEqual(['dispute-rejection', 'reminder']);
  });

  it('a consumer who cancelled by phone a contract concluded by phone cancelled validly, despite a written-only clause', async () => {
    today = await api.today();
    const concludedOn = addDays(today, -300);
    const before = { number: invoiceNumber('TEL'), amountCents: 5_000 };
    const after = { number: invoiceNumber('TEL'), amountCents: 5_000 };
    const opened = await api.post('/cases', {
      debtor: { kind: 'consumer', name: 'P. Smit', email: 'p.smit@example.nl', address },
      contract: {
        reference: 'TEL-4411',
        subject: 'service',
        channel: 'distance',
        concludedVia: 'phone',
        concludedOn,
        priceCents: 60_000,
        coolingOffInformedOn: concludedOn,
        cancellationTerms: {
          requiredForm: 'written',
          acceptedChannels: ['email', 'post'],
          noticePeriodMonths: 1,
          initialTermMonths: 0,
          tacitRenewal: false,
        },
      },
      invoices: [
        {
          ...before,
          issuedOn: addDays(today, -100),
          dueOn: addDays(today, -86),
          periodStart: addDays(today, -100),
          periodEnd: addDays(today, -91),
        },
        {
          ...after,
          issuedOn: addDays(today, -30),
          dueOn: addDays(today, -16),
          periodStart: addDays(today, -30),
          periodEnd: addDays(today, -1),
        },
      ],
    });
    const caseId = opened.body.caseId;
    await api.post(`/cases/${caseId}/disputes`, {
      kind: 'cancellation',
      statement: 'Ik heb telefonisch opgezegd, zoals ik ook telefonisch had afgesloten.',
      evidence: {
        cancellation: {
          noticeSentOn: addDays(today, -90),
          noticeReceivedOn: addDays(today, -90),
          channel: 'phone',
          confirmedByTrader: false,
        },
      },
    });

    const view = (await api.get(`/cases/${caseId}`)).body;
    expect(view.disputes[0]).toMatchObject({ status: 'upheld', verdict: { by: 'rules', verdict: 'valid' } });
    expect(types(view)).toContain('cancellation-accepted');
    const amounts = Object.fromEntries(
      view.invoices.map((i: { number: string; amountCents: number }) => [i.number, i.amountCents]),
    );
    expect(amounts).toEqual({ [before.number]: 5_000, [after.number]: 0 });
    expect(view.amounts.principalCents).toBe(5_000);
    expect(view.letters.map((l: { kind: string }) => l.kind)).toContain('cancellation-confirmation');
    expect(view.pauses).toEqual([]);
  });

  it('a project client withholding payment over delays waits for a person; a 50% settlement closes when that is paid', async () => {
    today = await api.today();
    const opened = await api.post('/cases', businessIntake(today, [12_500_000, 12_500_000]));
    const caseId = opened.body.caseId;
    const disputed = await api.post(`/cases/${caseId}/disputes`, {
      kind: 'non-performance',
      statement: 'Het project loopt maanden vertraging op; wij schorten betaling op.',
      evidence: {
        correspondence: [
          { on: addDays(today, -10), summary: 'Klacht over vertraging fase 3', reference: 'MAIL-3312' },
        ],
      },
    });
    const disputeId = disputed.body.disputeId;

    const waiting = (await api.get(`/cases/${caseId}`)).body;
    expect(waiting.openDispute).toMatchObject({
      disputeId,
      status: 'awaiting-reviewer',
      verdict: { verdict: 'needs-review' },
    });
    expect(waiting.openDispute.verdict.reasons[0].article).toContain('6:262');
    expect(waiting.nextStep.step).toBe('await-reviewer');
    expect(types(waiting)).toContain('review-requested');

    const settled = await api.post(`/cases/${caseId}/disputes/${disputeId}/decision`, {
      decision: 'settle',
      reviewer: 'j.de.boer',
      note: 'Verzekeraar betaalt 50% van de openstaande facturen.',
      settlementCents: 12_500_000,
    });
    expect(settled.status).toBe(200);
    expect(settled.body.stage).not.toBe('paid');
    expect(settled.body.pauses).toEqual([]);
    expect(settled.body.settlement).toMatchObject({ amountCents: 12_500_000, disputeId });
    expect(settled.body.amounts.totalCents).toBe(12_500_000);

    const paid = await api.post(`/cases/${caseId}/payments`, {
      reference: 'INSURER-1',
      amountCents: 12_500_000,
      paidOn: today,
    });
    expect(paid.body.stage).toBe('paid');
    expect(paid.body.amounts.totalCents).toBe(0);
    expect(api.app.runtime.describeExecution(caseId)?.status).toBe('SUCCEEDED');
  });

  it('a review nobody decides escalates after the configured working days, and keeps waiting for a person', async () => {
    today = await api.today();
    const opened = await api.post('/cases', businessIntake(today, [400_000]));
    const caseId = opened.body.caseId;
    await api.post(`/cases/${caseId}/disputes`, {
      kind: 'non-performance',
      statement: 'Niet geleverd zoals afgesproken.',
    });
    const requestedOn = today;

    await api.advanceDays(2);
    expect(types((await api.get(`/cases/${caseId}`)).body)).not.toContain('review-escalated');

    await api.advanceDays(5);
    const view = (await api.get(`/cases/${caseId}`)).body;
    const escalation = view.chronology.find((e: { type: string }) => e.type === 'review-escalated');
    expect(escalation).toMatchObject({ refs: { disputeId: 'dispute-1' } });
    expect(escalation.on > requestedOn).toBe(true);
    expect(view.openDispute.status).toBe('awaiting-reviewer');
    expect(api.app.runtime.describeExecution(caseId)?.currentState).toBe('AwaitReviewerDecision');
  });

  it('a hold with an end date ends by itself on that date and dunning resumes', async () => {
    today = await api.today();
    const opened = await api.post('/cases', businessIntake(today, [90_000]));
    const caseId = opened.body.caseId;
    const until = addDays(today, 3);
    const held = await api.post(`/cases/${caseId}/hold`, { reason: 'Betalingsregeling in overleg', until });
    expect(held.body.nextStep).toEqual({ step: 'await-release', on: until });

    await api.advanceDays(2);
    expect((await api.get(`/cases/${caseId}`)).body.pauses).toEqual([
      expect.objectContaining({ kind: 'hold', until }),
    ]);

    await api.advanceDays(2);
    const view = (await api.get(`/cases/${caseId}`)).body;
    expect(view.pauses).toEqual([]);
    expect(types(view)).toEqual(expect.arrayContaining(['hold-placed', 'hold-ended']));
    expect(view.chronology.find((e: { type: string }) => e.type === 'hold-ended').on).toBe(until);
    expect(view.nextStep.step).not.toBe('await-release');
  });

  it('every answer matched the OpenAPI document', () => {
    expect(api.contractProblems).toEqual([]);
  });
});

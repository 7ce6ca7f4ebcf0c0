/**
 * Events that land while a workflow step runs, through the synthesized workflow and the real handlers.
 * Each case here was reproduced on the product before the lifecycle model: the event came in between a
 * step's read and its write (during a letter's delivery, during the agency's answer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/local-app.ts';
import type { Case } from '../../shared/domain/case.ts';
import type { RenderedLetter } from '../../shared/ports/letter-delivery.ts';
import { startTestApp, testEngine } from '../support/local-app.ts';

const debtor = (kind: 'consumer' | 'business') => ({
  kind,
  name: 'A. Mulder',
  email: 'a.mulder@example.nl',
  address: { street: 'Kerkstraat 8', postalCode: '9711 AA', city: 'Groningen', country: 'NL' },
});

describe(`events that land while a step runs (${testEngine})`, () => {
  let app: LocalApp;
  /** Runs once, just before the next letter of `kind` is delivered. */
  let beforeDelivery: { caseId: string; kind: string; action: () => Promise<void> } | null = null;
  /** Runs once, when the agency has taken the dossier of this case but before the step hears its answer. */
  let beforeAgencyAnswer: { caseId: string; action: () => Promise<void> } | null = null;
  const delivered: RenderedLetter[] = [];
  let n = 0;

  beforeAll(async () => {
    app = await startTestApp('2026-03-02');
    const letters = app.deps.letters;
    app.deps.letters = {
      async deliver(letter) {
        const hook = beforeDelivery;
        if (hook && hook.kind === letter.kind && hook.caseId === letter.caseId) {
          beforeDelivery = null;
          await hook.action();
        }
        delivered.push(letter);
        return letters.deliver(letter);
      },
    };
    const agency = app.deps.agency;
    app.deps.agency = {
      async handOff(dossier, key) {
        const answer = await agency.handOff(dossier, key);
        const hook = beforeAgencyAnswer;
        if (hook && hook.caseId === (dossier as { caseId: string }).caseId) {
          beforeAgencyAnswer = null;
          await hook.action();
        }
        return answer;
      },
    };
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  async function open(kind: 'consumer' | 'business', amountCents = 30_000): Promise<string> {
    const today = app.clock.now().toISOString().slice(0, 10);
    const day = (offset: number) =>
      new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
    const opened = await app.api('POST', '/cases', {
      debtor: debtor(kind),
      invoices: [{ number: `LIVE-${++n}`, amountCents, issuedOn: day(-30), dueOn: day(-14) }],
    });
    expect(opened.status).toBe(201);
    return opened.body.caseId;
  }

  const stored = async (caseId: string) => (await app.store.get(caseId)) as Case;
  const owed = async (caseId: string) =>
    (await app.api('GET', `/cases/${caseId}`)).body.amounts.totalCents as number;
  const later = async (days: number) => app.runtime.runUntil(new Date(app.clock.nowMs() + days * 86_400_000));
  const lettersOf = (caseId: string) => delivered.filter((l) => l.caseId === caseId).map((l) => l.kind);

  it('a full payment recorded while the reminder is delivered ends the case paid: no further letter, no failed execution', async () => {
    const caseId = await open('consumer');
    beforeDelivery = {
      caseId,
      kind: 'reminder',
      action: async () => {
        const total = await owed(caseId);
        const res = await app.api('POST', `/cases/${caseId}/payments`, {
          reference: 'PAID-DURING-REMINDER',
          amountCents: total,
          paidOn: app.clock.now().toISOString().slice(0, 10),
        });
        expect(res.status).toBe(200);
      },
    };
    await later(60);
    const c = await stored(caseId);
    expect(c.stage).toBe('paid');
    expect(lettersOf(caseId)).toEqual(['reminder']);
    expect(c.letters.map((l) => [l.kind, l.status])).toEqual([['reminder', 'delivered']]);
    expect(app.runtime.describeExecution(caseId)).toMatchObject({
      status: 'SUCCEEDED',
      currentState: 'CasePaid',
    });
  });

  it('a dispute recorded while the 14-day letter is delivered goes to review: the execution waits for a reviewer', async () => {
    const caseId = await open('consumer');
    beforeDelivery = {
      caseId,
      kind: 'fourteen-day-letter',
      action: async () => {
        const res = await app.api('POST', `/cases/${caseId}/disputes`, {
          kind: 'amount',
          statement: 'Het bedrag klopt niet.',
        });
        expect(res.status).toBe(201);
      },
    };
    await later(40);
    const c = await stored(caseId);
    expect(c.stage).toBe('demanded');
    expect(c.pauses.map((p) => p.kind)).toEqual(['dispute']);
    expect(c.disputes[0]?.status).toBe('awaiting-reviewer');
    const execution = app.runtime.describeExecution(caseId);
    expect(execution).toMatchObject({ status: 'RUNNING', currentState: 'AwaitReviewerDecision' });
    expect(c.waiting?.taskToken).toBe(execution?.waiting?.taskToken);
  });

  it('a dispute raised while the creditor holds the case: deciding it leaves the hold in force until released', async () => {
    const caseId = await open('business');
    expect((await app.api('POST', `/cases/${caseId}/hold`, { reason: 'Betalingsregeling' })).status).toBe(
      200,
    );
    const disputed = await app.api('POST', `/cases/${caseId}/disputes`, {
      kind: 'other',
      statement: 'Onjuist.',
    });
    expect(disputed.status).toBe(201);
    await later(1);
    const decided = await app.api('POST', `/cases/${caseId}/disputes/${disputed.body.disputeId}/decision`, {
      decision: 'reject',
      reviewer: 'r.jansen',
      note: 'Vordering is juist.',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.pauses).toEqual([expect.objectContaining({ kind: 'hold' })]);
    const lettersBefore = lettersOf(caseId).length;
    await later(20);
    expect(lettersOf(caseId).length).toBe(lettersBefore);
    expect(app.runtime.describeExecution(caseId)?.currentState).toBe('AwaitRelease');
    const released = await app.api('POST', `/cases/${caseId}/release`, {});
    expect(released.status).toBe(200);
    expect(released.body.pauses).toEqual([]);
  });

  it('a full payment recorded while the agency takes the dossier: the case stays paid, no handoff notice, the agency reference is kept', async () => {
    const caseId = await open('business');
    beforeAgencyAnswer = {
      caseId,
      action: async () => {
        const total = await owed(caseId);
        const res = await app.api('POST', `/cases/${caseId}/payments`, {
          reference: 'PAID-DURING-HANDOFF',
          amountCents: total,
          paidOn: app.clock.now().toISOString().slice(0, 10),
        });
        expect(res.status).toBe(200);
      },
    };
    await later(90);
    const c = await stored(caseId);
    expect(c.stage).toBe('paid');
    expect(c.handoff?.agencyReference).toBeTruthy();
    expect(c.chronology.map((e) => e.type)).toContain('handed-off-after-close');
    expect(lettersOf(caseId)).not.toContain('handoff-notice');
    expect(app.runtime.describeExecution(caseId)).toMatchObject({
      status: 'SUCCEEDED',
      currentState: 'CasePaid',
    });
  });

  it('a settlement fixes what stays owed: payments before it do not count against it, payments after it do', async () => {
    const caseId = await open('business', 100_000);
    const today = app.clock.now().toISOString().slice(0, 10);
    await app.api('POST', `/cases/${caseId}/payments`, {
      reference: 'BEFORE',
      amountCents: 20_000,
      paidOn: today,
    });
    const disputed = await app.api('POST', `/cases/${caseId}/disputes`, {
      kind: 'non-performance',
      statement: 'Te laat geleverd.',
    });
    await app.runtime.settle();
    const settled = await app.api('POST', `/cases/${caseId}/disputes/${disputed.body.disputeId}/decision`, {
      decision: 'settle',
      reviewer: 'r.jansen',
      note: 'Schikking.',
      settlementCents: 50_000,
    });
    expect(settled.status).toBe(200);
    expect(settled.body.amounts.totalCents).toBe(50_000);
    const after = await app.api('POST', `/cases/${caseId}/payments`, {
      reference: 'AFTER',
      amountCents: 10_000,
      paidOn: today,
    });
    expect(after.body.amounts.totalCents).toBe(40_000);
  });

  it('a consumer settled before the 14-day letter gets a 14-day letter for the settled amount, with costs on it', async () => {
    const caseId = await open('consumer', 60_000);
    const disputed = await app.api('POST', `/cases/${caseId}/disputes`, {
      kind: 'amount',
      statement: 'Te hoog.',
    });
    await app.runtime.settle();
    const settled = await app.api('POST', `/cases/${caseId}/disputes/${disputed.body.disputeId}/decision`, {
      decision: 'settle',
      reviewer: 'r.jansen',
      note: 'Schikking op de helft.',
      settlementCents: 30_000,
    });
    expect(settled.status).toBe(200);
    await later(30);
    const c = await stored(caseId);
    const letter = delivered.find((l) => l.caseId === caseId && l.kind === 'fourteen-day-letter');
    expect(letter?.text).toContain('300,00');
    // BIK on EUR 300.00: 15% = EUR 45.00 (the 21% VAT uplift applies by default: EUR 54.45).
    expect(letter?.text).toMatch(/54,45|45,00/);
    expect(c.stage).toBe('demanded');
    expect(app.runtime.describeExecution(caseId)?.status).toBe('RUNNING');
  });

  it('a hold with an end date ends on that date while a dispute waits for a reviewer; the review escalates on its own day', async () => {
    const caseId = await open('business');
    const today = app.clock.now().toISOString().slice(0, 10);
    const until = new Date(Date.parse(today) + 3 * 86_400_000).toISOString().slice(0, 10);
    expect((await app.api('POST', `/cases/${caseId}/hold`, { reason: 'Afspraak', until })).status).toBe(200);
    expect(
      (await app.api('POST', `/cases/${caseId}/disputes`, { kind: 'other', statement: 'Onjuist.' })).status,
    ).toBe(201);
    await later(5);
    const held = await stored(caseId);
    expect(held.pauses.map((p) => p.kind)).toEqual(['dispute']);
    expect(held.chronology.find((e) => e.type === 'hold-ended')?.on).toBe(until);
    expect(held.chronology.filter((e) => e.type === 'review-escalated')).toHaveLength(0);
    await later(14);
    expect((await stored(caseId)).chronology.filter((e) => e.type === 'review-escalated')).toHaveLength(1);
    expect(app.runtime.describeExecution(caseId)?.currentState).toBe('AwaitReviewerDecision');
  });
});

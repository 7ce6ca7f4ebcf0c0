/**
 * A letter that does not arrive, on the deployed bundles: the SES stand-in bounces the 14-day letter of one
 * debtor and publishes the bounce as SES does (through the letters' configuration set to EventBridge); the
 * local runtime hands it to the function the stack's rule targets. The case shows the bounce, is never
 * handed off on that letter, and waits on hold until a person has a working address; then a new 14-day
 * letter goes out and the term runs from that one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SES_SIMULATOR } from '../../local/aws-stand-ins.ts';
import type { LocalApp } from '../../local/local-app.ts';
import { actionInstant } from '../../local/scenario.ts';
import type { Case } from '../../shared/domain/case.ts';
import { LETTER_UNDELIVERABLE_HOLD } from '../../shared/domain/vocabulary.ts';
import { startTestApp, testEngine } from '../support/local-app.ts';

describe(`a bounced 14-day letter, on the deployed bundles (${testEngine})`, () => {
  let app: LocalApp;
  let bounced: string;
  let complained: string;

  beforeAll(async () => {
    app = await startTestApp('2026-03-02', { mode: 'bundles' });
    const open = async (number: string, email: string) => {
      const res = await app.api('POST', '/cases', {
        debtor: {
          kind: 'consumer',
          name: 'P. Visser',
          email,
          address: { street: 'Kerkstraat 3', postalCode: '9711 AA', city: 'Groningen', country: 'NL' },
        },
        invoices: [{ number, amountCents: 30_000, issuedOn: '2026-01-20', dueOn: '2026-02-10' }],
      });
      expect(res.status).toBe(201);
      return res.body.caseId as string;
    };
    bounced = await open('BOUNCE-1', 'p.visser@example.nl');
    // SES's mailbox simulator address that reports a complaint: the debtor marks the letters as spam.
    complained = await open('BOUNCE-2', SES_SIMULATOR.complaint);
    const standIns = (app.bundles as NonNullable<typeof app.bundles>).standIns;
    const simulator = standIns.sesFeedback;
    // The debtor's mailbox is gone by the time the 14-day letter goes out (the reminder still arrived).
    standIns.sesFeedback = (mail) =>
      mail.to === 'p.visser@example.nl'
        ? mail.kind === 'fourteen-day-letter'
          ? 'bounce'
          : null
        : simulator(mail);
    await app.runtime.runUntil(actionInstant('2026-05-29'));
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
  });

  const stored = async (caseId: string) => (await app.store.get(caseId)) as Case;

  it('shows the bounce on the case, starts no term from it and hands nothing to the agency', async () => {
    const letterId = `${bounced}-fourteen-day-letter`;
    expect(app.bundles?.standIns.emails.get(letterId)).toBe(1);
    const view = await app.api('GET', `/cases/${bounced}`);
    expect(view.status).toBe(200);
    const letter = view.body.letters.find((l: { letterId: string }) => l.letterId === letterId);
    expect(letter).toMatchObject({ status: 'bounced', bounce: { bounceType: 'permanent' } });
    expect(view.body.stage).toBe('reminded');
    expect(view.body.pauses).toMatchObject([
      { kind: 'hold', reason: LETTER_UNDELIVERABLE_HOLD, until: null },
    ]);
    expect(view.body.schedule).toMatchObject({ demandTerm: null, handoffOn: null, demandRound: 2 });
    expect(view.body.amounts.costsCents).toBe(0);
    expect(view.body.handoff).toBeNull();
    expect(view.body.chronology.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['letter-sent', 'letter-bounced', 'hold-placed']),
    );
    expect(app.agencyReceiver?.received().filter((d) => d.caseId === bounced)).toEqual([]);
    expect(app.runtime.describeExecution(bounced)).toMatchObject({ status: 'RUNNING' });
  });

  it('once a person records a working address and releases the hold, a new 14-day letter goes there and the term runs from it', async () => {
    // The old mailbox stays gone: the letter reaches the debtor only at the corrected address.
    const corrected = await app.api('POST', `/cases/${bounced}/debtor-email`, {
      email: 'p.visser@nieuw.example',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.debtor.email).toBe('p.visser@nieuw.example');
    expect(corrected.body.pauses).toMatchObject([{ kind: 'hold', reason: LETTER_UNDELIVERABLE_HOLD }]);
    expect(
      (await app.api('POST', `/cases/${bounced}/release`, { note: 'Nieuw adres bevestigd' })).status,
    ).toBe(200);
    await app.runtime.runUntil(actionInstant('2026-07-31'));
    const c = await stored(bounced);
    const second = c.letters.find((l) => l.letterId === `${bounced}-fourteen-day-letter-2`);
    expect(second?.status).toBe('delivered');
    expect(second?.recipient).toBe('p.visser@nieuw.example');
    expect(app.bundles?.standIns.emails.get(`${bounced}-fourteen-day-letter`)).toBe(1);
    expect(c.stage).toBe('handed-off');
    expect(
      c.handoff?.handedOffOn && c.handoff.handedOffOn > (c.schedule.demandTerm?.lastDayToPay ?? ''),
    ).toBe(true);
    expect((second?.date ?? '') > (c.letters.find((l) => l.status === 'bounced')?.date ?? '')).toBe(true);
  });

  it('a letter marked as spam was delivered: recorded on the letter, and dunning went on to the agency', async () => {
    const c = await stored(complained);
    expect(c.letters.find((l) => l.kind === 'reminder')?.complaint).toBeDefined();
    expect(c.chronology.filter((e) => e.type === 'letter-complaint').length).toBe(c.letters.length);
    expect(c.stage).toBe('handed-off');
  });
});

/**
 * The case lifecycle with the claim rules of issue 11: a payment with the debtor's designation (6:43 lid 1
 * within 6:44), what the 14-day letter stated kept on the case (6:96 lid 6), and no handoff on a demand that
 * reached the debtor after the claim lapsed (3:317 with 3:37 lid 3).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case, LetterRecord } from '../../../shared/domain/case.ts';
import { claimOfCase } from '../../../shared/domain/case-claim.ts';
import {
  type CaseEvent,
  claimTimeBarred,
  lifecycleContext,
  transition,
} from '../../../shared/domain/lifecycle.ts';
import { InvalidInputError, StageConflictError } from '../../../shared/errors.ts';
import { aCase } from '../../support/case-fixture.ts';

const ctx = lifecycleContext(new Date('2026-03-10T09:00:00Z'), DEFAULT_SETTINGS);
const apply = (c: Case, ...events: CaseEvent[]) => events.reduce((x, e) => transition(x, e, ctx).case, c);

const twoInvoices = (): Case =>
  aCase({
    invoices: [
      { number: 'A', amountCents: 8_900, issuedOn: '2026-01-05', dueOn: '2026-02-04' },
      { number: 'B', amountCents: 8_900, issuedOn: '2026-01-20', dueOn: '2026-02-19' },
    ],
  });

describe('a payment with the debtor designation', () => {
  it('is recorded with its designation, applied to the invoice named, and the chronology says so', () => {
    const c = apply(twoInvoices(), {
      type: 'payment-received',
      reference: 'bank-1',
      amountCents: 8_900,
      paidOn: '2026-03-10',
      designation: { invoices: ['B'] },
    });
    expect(c.payments[0]?.designation).toEqual({ invoices: ['B'] });
    const claim = claimOfCase(c, '2026-03-10', DEFAULT_SETTINGS);
    expect(claim.perInvoice.find((i) => i.number === 'A')?.principalCents).toBe(8_900);
    expect(c.chronology.at(-1)?.summary).toMatch(
      /designated by the debtor to invoice B \(art\. 6:43 lid 1 BW\)/,
    );
  });

  it('a designation to principal is refused and the case says so (6:44 lid 2)', () => {
    const c = apply(twoInvoices(), {
      type: 'payment-received',
      reference: 'bank-1',
      amountCents: 5_000,
      paidOn: '2026-03-10',
      designation: { invoices: ['A'], toPrincipal: true },
    });
    const entry = c.chronology.at(-1);
    expect(entry?.summary).toMatch(
      /designation to principal before costs and interest is refused.*art\. 6:44 lid 2 BW/,
    );
    expect(entry?.refs).toMatchObject({ designation: 'A', principalDesignation: 'refused' });
    const claim = claimOfCase(c, '2026-03-10', DEFAULT_SETTINGS);
    expect(claim.allocations[0]?.interestCents).toBeGreaterThan(0);
  });

  it('an invoice the case does not have is refused, naming the field, and nothing changes', () => {
    const c = twoInvoices();
    const event: CaseEvent = {
      type: 'payment-received',
      reference: 'bank-1',
      amountCents: 100,
      paidOn: '2026-03-10',
      designation: { invoices: ['A', 'Z'] },
    };
    expect(() => transition(c, event, ctx)).toThrow(InvalidInputError);
    expect(() => transition(c, event, ctx)).toThrow(/designation\.invoices\[1\]/);
  });

  it('the same reference with another designation is a conflict; the same one again changes nothing', () => {
    const pay = (invoices: string[]): CaseEvent => ({
      type: 'payment-received',
      reference: 'bank-1',
      amountCents: 100,
      paidOn: '2026-03-10',
      designation: { invoices },
    });
    const c = apply(twoInvoices(), pay(['A']));
    expect(transition(c, pay(['A']), ctx).case).toBe(c);
    expect(() => transition(c, pay(['B']), ctx)).toThrow(StageConflictError);
  });
});

describe('what the 14-day letter stated', () => {
  const letter: LetterRecord = {
    letterId: 'case-2026-000123-fourteen-day-letter',
    kind: 'fourteen-day-letter',
    date: '2026-02-23',
    recipient: 'j.devries@example.nl',
    contentHash: 'x',
    amounts: { principalCents: 8_900, interestCents: 3, costsCents: 0, totalCents: 8_903 },
    status: 'pending',
  };

  it('is kept with the demand term; paying it within the term closes the case as paid without costs', () => {
    const reminded = aCase({ stage: 'reminded', letters: [letter] });
    const demanded = apply(reminded, {
      type: 'letter-delivered',
      letterId: letter.letterId,
      deliveryReference: 'ses-1',
      totalCents: 8_903,
    });
    expect(demanded.schedule.demandTerm).toMatchObject({
      lastDayToPay: '2026-03-11',
      stated: { amountCents: 8_903, sentOn: '2026-02-23' },
    });
    const paid = apply(demanded, {
      type: 'payment-received',
      reference: 'bank-1',
      amountCents: 8_903,
      paidOn: '2026-03-10',
    });
    expect(paid.stage).toBe('paid');
    const later = claimOfCase(paid, '2026-03-30', DEFAULT_SETTINGS);
    expect(later).toMatchObject({ costsCents: 0, totalCents: 0 });
  });
});

describe('limitation and the handoff', () => {
  const barredCase = (sentOn: string): Case =>
    aCase({
      stage: 'demanded',
      invoices: [{ number: 'OLD', amountCents: 8_900, issuedOn: '2021-01-27', dueOn: '2021-02-26' }],
      letters: [
        {
          letterId: 'l-1',
          kind: 'fourteen-day-letter',
          date: sentOn,
          recipient: 'x',
          contentHash: 'x',
          amounts: { principalCents: 8_900, interestCents: 0, costsCents: 0, totalCents: 8_900 },
          status: 'delivered',
        },
      ],
      schedule: {
        reminderOn: null,
        demandOn: sentOn,
        demandTerm: { deliveredOn: '2026-02-28', lastDayToPay: '2026-03-04', costsDueFrom: '2026-03-05' },
        handoffOn: '2026-03-05',
        dunningAllowedFrom: null,
      },
    });

  it('a demand sent on the last day and received after it does not interrupt: the case closes time-barred, not handed off', () => {
    const c = barredCase('2026-02-26');
    expect(claimTimeBarred(c, '2026-03-10')).toBe(true);
    expect(apply(c, { type: 'handoff-prepared' }).stage).toBe('time-barred');
  });

  it('a demand received on the last day interrupts: the case may go to the agency', () => {
    const c = barredCase('2026-02-24');
    expect(claimTimeBarred(c, '2026-03-10')).toBe(false);
    expect(apply(c, { type: 'handoff-prepared' }).stage).toBe('handing-off');
  });
});

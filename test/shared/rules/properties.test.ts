/** Properties that must hold for every input, checked with fast-check over 2000-2099. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePayment } from '../../../shared/rules/allocation.ts';
import { addDays, daysBetween, isLegalHoliday, isoWeekday, termEnd } from '../../../shared/rules/calendar.ts';
import { claimOn } from '../../../shared/rules/claim.ts';
import { coolingOff } from '../../../shared/rules/cooling-off.ts';
import { collectionCosts } from '../../../shared/rules/costs.ts';
import { demandTerm } from '../../../shared/rules/demand-term.ts';
import { statutoryInterest } from '../../../shared/rules/interest.ts';

const DAYS_2000_2099 = daysBetween('2000-01-01', '2099-11-30');
const anyDate = fc.integer({ min: 0, max: DAYS_2000_2099 }).map((n) => addDays('2000-01-01', n));
const interestDate = fc
  .integer({ min: 0, max: daysBetween('2015-07-01', '2030-12-31') })
  .map((n) => addDays('2015-07-01', n));
const cents = fc.integer({ min: 1, max: 10_000_000_000 });

const isWeekendOrHoliday = (d: string) => isoWeekday(d) >= 6 || isLegalHoliday(d);

describe('term ends', () => {
  it('a cooling-off period never ends on a weekend day or holiday, nor before the raw 14th day', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.constantFrom('off-premises', 'distance') as fc.Arbitrary<'off-premises' | 'distance'>,
        (concludedOn, channel) => {
          const { periodEnd } = coolingOff({
            buyer: 'consumer',
            channel,
            subject: 'service',
            concludedOn,
            priceCents: 10_000,
            informedOn: concludedOn,
          });
          expect(periodEnd).not.toBeNull();
          expect(isWeekendOrHoliday(periodEnd as string)).toBe(false);
          expect((periodEnd as string) >= addDays(concludedOn, 14)).toBe(true);
          // the extension never jumps further than the longest run of non-working days: Good Friday to
          // Easter Monday, plus King's Day on the Tuesday when Easter falls on 25 April (2038): 5 days
          expect(daysBetween(addDays(concludedOn, 14), periodEnd as string)).toBeLessThanOrEqual(5);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('the 14-day letter term never ends on a weekend day or holiday, nor before day 14 after delivery', () => {
    fc.assert(
      fc.property(anyDate, (sentOn) => {
        const term = demandTerm(sentOn);
        expect(isWeekendOrHoliday(term.lastDayToPay)).toBe(false);
        expect(term.lastDayToPay >= addDays(term.deliveredOn, 14)).toBe(true);
        expect(term.deliveredOn > sentOn).toBe(true);
        expect([1, 7]).not.toContain(isoWeekday(term.deliveredOn));
        expect(term.costsDueFrom).toBe(addDays(term.lastDayToPay, 1));
      }),
      { numRuns: 2_000 },
    );
  });

  it('termEnd is idempotent and returns the day itself when it is a working day', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const end = termEnd(d);
        expect(termEnd(end)).toBe(end);
        if (!isWeekendOrHoliday(d)) expect(end).toBe(d);
      }),
    );
  });
});

describe('collection costs', () => {
  it('are monotone in the principal and within EUR 40 - 6,775 before VAT', () => {
    fc.assert(
      fc.property(cents, cents, fc.boolean(), (a, b, vat) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const cLow = collectionCosts({ debtor: 'consumer', principalCents: low, vatUplift: vat });
        const cHigh = collectionCosts({ debtor: 'consumer', principalCents: high, vatUplift: vat });
        expect(cLow.costsBeforeVatCents).toBeLessThanOrEqual(cHigh.costsBeforeVatCents);
        expect(cLow.costsCents).toBeLessThanOrEqual(cHigh.costsCents);
        for (const c of [cLow, cHigh]) {
          expect(c.costsBeforeVatCents).toBeGreaterThanOrEqual(4_000);
          expect(c.costsBeforeVatCents).toBeLessThanOrEqual(677_500);
          expect(c.costsCents).toBe(c.costsBeforeVatCents + c.vatCents);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('band amounts add up to the banded total', () => {
    fc.assert(
      fc.property(cents, (principalCents) => {
        const c = collectionCosts({ debtor: 'consumer', principalCents });
        const banded = c.bands.reduce((sum, b) => sum + b.amountCents, 0);
        expect(c.bands.reduce((sum, b) => sum + b.baseCents, 0)).toBe(principalCents);
        expect(c.costsBeforeVatCents).toBe(Math.min(677_500, Math.max(4_000, banded)));
      }),
    );
  });
});

describe('payments', () => {
  it('allocation conserves money and never leaves a negative amount', () => {
    const amount = fc.integer({ min: 0, max: 1_000_000_000 });
    fc.assert(
      fc.property(
        amount,
        amount,
        amount,
        amount,
        (paymentCents, costsCents, interestCents, principalCents) => {
          const a = allocatePayment({ paymentCents, costsCents, interestCents, principalCents });
          const applied = a.applied.costsCents + a.applied.interestCents + a.applied.principalCents;
          expect(applied + a.unallocatedCents).toBe(paymentCents);
          expect(a.costsCents + a.interestCents + a.principalCents + applied).toBe(
            costsCents + interestCents + principalCents,
          );
          for (const v of [a.costsCents, a.interestCents, a.principalCents, a.unallocatedCents])
            expect(v).toBeGreaterThanOrEqual(0);
          // costs before interest before principal
          if (a.applied.interestCents > 0) expect(a.costsCents).toBe(0);
          if (a.applied.principalCents > 0) expect(a.interestCents).toBe(0);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('the ledger replay conserves money: what was paid went to costs, interest, principal, settlement or credit', () => {
    const payment = fc.record({
      amountCents: fc.integer({ min: 1, max: 200_000 }),
      offset: fc.integer({ min: 0, max: 700 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('consumer', 'business') as fc.Arbitrary<'consumer' | 'business'>,
        fc.array(fc.integer({ min: 1, max: 500_000 }), { minLength: 1, maxLength: 3 }),
        fc.array(payment, { maxLength: 5 }),
        (debtor, amounts, pays) => {
          const result = claimOn(
            {
              debtor,
              invoices: amounts.map((amountCents, i) => ({
                number: `F${i}`,
                amountCents,
                dueOn: addDays('2023-01-31', 30 * i),
              })),
              payments: pays.map((p, i) => ({
                reference: `P${i}`,
                amountCents: p.amountCents,
                paidOn: addDays('2023-02-01', p.offset),
              })),
              costsDueFrom: debtor === 'consumer' ? '2023-03-20' : null,
            },
            '2025-01-31',
          );
          const paid = pays.reduce((s, p) => s + p.amountCents, 0);
          const allocated = result.allocations.reduce(
            (s, a) =>
              s + a.costsCents + a.interestCents + a.principalCents + a.unallocatedCents + a.settlementCents,
            0,
          );
          expect(allocated).toBe(paid);
          expect(result.paidCents).toBe(paid);
          const principal = amounts.reduce((s, x) => s + x, 0);
          const toPrincipal = result.allocations.reduce((s, a) => s + a.principalCents, 0);
          expect(result.principalCents).toBe(principal - toPrincipal);
          expect(result.interestCents).toBe(
            result.interest.accruedCents - result.allocations.reduce((s, a) => s + a.interestCents, 0),
          );
          expect(result.totalCents).toBe(result.principalCents + result.interestCents + result.costsCents);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('interest', () => {
  it('is never negative, grows with the principal and with the days', () => {
    fc.assert(
      fc.property(
        interestDate,
        fc.integer({ min: 0, max: 2_000 }),
        fc.integer({ min: 1, max: 100_000_000 }),
        (from, days, principalCents) => {
          const through = addDays(from, days);
          const base = statutoryInterest({ kind: 'statutory', principalCents, from, through });
          const more = statutoryInterest({
            kind: 'statutory',
            principalCents: principalCents * 2,
            from,
            through,
          });
          const longer = statutoryInterest({
            kind: 'statutory',
            principalCents,
            from,
            through: addDays(through, 30),
          });
          expect(base.interestCents).toBeGreaterThanOrEqual(0);
          expect(more.interestCents).toBeGreaterThanOrEqual(base.interestCents);
          expect(longer.interestCents).toBeGreaterThanOrEqual(base.interestCents);
          expect(base.stretches.reduce((s, x) => s + x.days, 0)).toBe(days + 1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

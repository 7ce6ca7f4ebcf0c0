/**
 * The claim rule's second pass (issue 11), one worked example per rule, numbered as in docs/rules.md
 * ("Worked examples, second pass"): business costs per invoice in default (R1), the 14-day letter's stated
 * amount (R2), equally old invoices and the debtor's designation (R4), recurring invoices of one contract (R5)
 * and the flag for unconfirmed rates (R6).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors.ts';
import { type ClaimInput, claimOn, shareInProportion } from '../../../shared/rules/claim.ts';
import { collectionCostsOverInvoices } from '../../../shared/rules/costs.ts';
import { demandTerm } from '../../../shared/rules/demand-term.ts';

const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('R1: a business owes collection costs only on invoices past their own last payment day', () => {
  const business: ClaimInput = {
    debtor: 'business',
    invoices: [
      { number: 'A', amountCents: 100_000, dueOn: '2025-01-31' },
      { number: 'B', amountCents: 200_000, dueOn: '2025-02-28' },
    ],
    payments: [],
    costsDueFrom: null,
  };

  it('a reminder on 15 February claims costs on invoice A only (EUR 150.00); from 1 March on A and B together (EUR 425.00)', () => {
    const feb = claimOn(business, '2025-02-15');
    expect(feb.costs).toMatchObject({ status: 'due', dueFrom: '2025-02-01', amountCents: 15_000 });
    expect(feb.costs.perInvoice).toEqual([
      { number: 'A', dueFrom: '2025-02-01', baseCents: 100_000 },
      { number: 'B', dueFrom: '2025-03-01', baseCents: null },
    ]);
    expect(claimOn(business, '2025-02-28').costsCents).toBe(15_000);
    const mar = claimOn(business, '2025-03-01');
    expect(mar.costs.amountCents).toBe(42_500); // BIK on EUR 3,000, not 2 x BIK
    expect(codes(mar)).toContain('COSTS_BUSINESS_DUE');
  });

  it('nothing is in default on the due day itself: no costs, and the letter may not claim any', () => {
    const r = claimOn(business, '2025-01-31');
    expect(r.costs).toMatchObject({ status: 'not-yet-due', amountCents: 0, dueFrom: '2025-02-01' });
    expect(r.costsCents).toBe(0);
  });

  it('an invoice paid within its own term never enters the costs base', () => {
    const r = claimOn(
      {
        ...business,
        payments: [
          {
            reference: 'b-on-time',
            amountCents: 200_000,
            paidOn: '2025-02-20',
            designation: { invoices: ['B'] },
          },
        ],
      },
      '2025-03-10',
    );
    // The payment went to the costs due on A first (6:44), then to B; B's rest entered the base on 1 March.
    expect(r.allocations[0]).toMatchObject({ costsCents: 15_000, principalCents: 185_000 });
    expect(r.costs.perInvoice?.find((i) => i.number === 'B')?.baseCents).toBe(15_000);
  });
});

describe('R5: recurring invoices of one contract do not stack collection costs', () => {
  const monthly: ClaimInput = {
    debtor: 'business',
    invoices: Array.from({ length: 12 }, (_, m) => ({
      number: `E-2025-${String(m + 1).padStart(2, '0')}`,
      amountCents: 3_000,
      dueOn: `2025-${String(m + 1).padStart(2, '0')}-01`,
    })),
    payments: [],
    costsDueFrom: null,
  };

  it('twelve monthly energy invoices of EUR 30 owe EUR 54.00 (15% of EUR 360), not 12 x EUR 40', () => {
    expect(claimOn(monthly, '2026-01-15').costs.amountCents).toBe(5_400);
  });

  it('the minimum of EUR 40 is owed once while the sum stays small, and grows only when the bands pass it', () => {
    expect(claimOn(monthly, '2025-01-02').costsCents).toBe(4_000);
    expect(claimOn(monthly, '2025-09-15').costsCents).toBe(4_050); // 9 x 30 = 270 -> 40.50
    expect(claimOn(monthly, '2025-10-02').costsCents).toBe(4_500);
  });
});

describe('R2: paying what the 14-day letter asked within its term', () => {
  const term = demandTerm('2025-03-03'); // delivered 03-05, last day 03-19, costs from 03-20 (example 9)
  const consumer: ClaimInput = {
    debtor: 'consumer',
    invoices: [{ number: 'F1', amountCents: 100_000, dueOn: '2025-01-31' }],
    payments: [],
    costsDueFrom: term.costsDueFrom,
  };
  const stated = claimOn(consumer, '2025-03-03').totalCents; // what the letter asked: 1,000.00 + 5.10 interest

  it('the stated EUR 1,005.10 paid on 18 March: no costs and nothing owed, though interest ran until the payment', () => {
    expect(stated).toBe(100_510);
    const input: ClaimInput = {
      ...consumer,
      payments: [{ reference: 'p1', amountCents: stated, paidOn: '2025-03-18' }],
      demandStatement: { sentOn: '2025-03-03', amountCents: stated, lastDayToPay: term.lastDayToPay },
    };
    const r = claimOn(input, '2025-04-30');
    expect(r).toMatchObject({ totalCents: 0, costsCents: 0, costs: { status: 'none' } });
    expect(r.demandStatement).toMatchObject({ met: true, paidInTermCents: stated, waivedCents: 248 });
    expect(codes(r)).toContain('DEMAND_STATED_AMOUNT_PAID');
  });

  it('without the statement on record the same payment would leave EUR 2.46 of principal and bring EUR 40 costs: the defect', () => {
    const r = claimOn(
      { ...consumer, payments: [{ reference: 'p1', amountCents: stated, paidOn: '2025-03-18' }] },
      '2025-03-20',
    );
    expect(r.costsCents).toBe(4_000);
  });

  it('the stated amount paid one day late, or one cent short, is not compliance: costs are due', () => {
    const late = claimOn(
      {
        ...consumer,
        payments: [{ reference: 'p1', amountCents: stated, paidOn: '2025-03-20' }],
        demandStatement: { sentOn: '2025-03-03', amountCents: stated, lastDayToPay: term.lastDayToPay },
      },
      '2025-03-20',
    );
    expect(late.demandStatement?.met).toBe(false);
    expect(late.costs.status).toBe('due');
    const short = claimOn(
      {
        ...consumer,
        payments: [{ reference: 'p1', amountCents: stated - 1, paidOn: '2025-03-19' }],
        demandStatement: { sentOn: '2025-03-03', amountCents: stated, lastDayToPay: term.lastDayToPay },
      },
      '2025-03-20',
    );
    expect(short.demandStatement?.met).toBe(false);
    expect(short.costsCents).toBe(4_000);
  });

  it('refuses a statement whose last day is before its letter, naming the field', () => {
    expect(() =>
      claimOn(
        {
          ...consumer,
          demandStatement: { sentOn: '2025-03-03', amountCents: 1, lastDayToPay: '2025-03-01' },
        },
        '2025-03-20',
      ),
    ).toThrow(/demandStatement.lastDayToPay/);
  });
});

describe('R4: equally old invoices share a payment pro rata; the debtor may designate invoices', () => {
  const sameDay: ClaimInput = {
    debtor: 'consumer',
    invoices: [
      { number: 'X', amountCents: 30_000, dueOn: '2025-03-31' },
      { number: 'Y', amountCents: 10_000, dueOn: '2025-03-31' },
    ],
    payments: [{ reference: 'p', amountCents: 20_000, paidOn: '2025-03-31' }],
    costsDueFrom: null,
  };

  it('EUR 200 on two invoices of EUR 300 and EUR 100 due the same day: EUR 150 and EUR 50 (6:43 lid 2)', () => {
    const r = claimOn(sameDay, '2025-03-31');
    expect(r.allocations[0]?.perInvoice).toEqual([
      { number: 'X', interestCents: 0, principalCents: 15_000 },
      { number: 'Y', interestCents: 0, principalCents: 5_000 },
    ]);
    expect(codes(r)).toContain('PAYMENT_SHARED_PRO_RATA');
  });

  it('a payment designated to the newer invoice goes there first (6:43 lid 1), the rest to the oldest', () => {
    const r = claimOn(
      {
        debtor: 'consumer',
        invoices: [
          { number: 'OLD', amountCents: 10_000, dueOn: '2025-01-31' },
          { number: 'NEW', amountCents: 20_000, dueOn: '2025-02-28' },
        ],
        payments: [
          { reference: 'p', amountCents: 25_000, paidOn: '2025-02-28', designation: { invoices: ['NEW'] } },
        ],
        costsDueFrom: null,
      },
      '2025-02-28',
    );
    const [oldInv, newInv] = r.perInvoice;
    expect(newInv?.principalCents).toBe(0);
    expect(r.allocations[0]?.perInvoice[0]?.number).toBe('NEW');
    expect((oldInv?.principalCents ?? 0) + (oldInv?.interestCents ?? 0)).toBe(10_000 + 46 - 5_000);
  });

  it('a designation to principal before costs and interest is refused by default, and the case says so (6:44 lid 2)', () => {
    const input: ClaimInput = {
      debtor: 'business',
      invoices: [{ number: 'A', amountCents: 100_000, dueOn: '2025-01-31' }],
      payments: [
        {
          reference: 'p',
          amountCents: 50_000,
          paidOn: '2025-03-02',
          designation: { invoices: ['A'], toPrincipal: true },
        },
      ],
      costsDueFrom: null,
    };
    const refused = claimOn(input, '2025-03-02');
    expect(refused.allocations[0]).toMatchObject({
      costsCents: 15_000,
      principalCents: 50_000 - 15_000 - 916,
    });
    expect(codes(refused)).toContain('PAYMENT_DESIGNATION_TO_PRINCIPAL_REFUSED');
    const accepted = claimOn({ ...input, principalDesignation: 'accept' }, '2025-03-02');
    expect(accepted.allocations[0]).toMatchObject({
      costsCents: 0,
      interestCents: 0,
      principalCents: 50_000,
    });
    expect(codes(accepted)).toContain('PAYMENT_DESIGNATION_TO_PRINCIPAL_ACCEPTED');
  });

  it('a designation naming an invoice the claim does not have is refused, naming the field', () => {
    expect(() =>
      claimOn(
        {
          ...sameDay,
          payments: [
            { reference: 'p', amountCents: 1, paidOn: '2025-03-31', designation: { invoices: ['Z'] } },
          ],
        },
        '2025-03-31',
      ),
    ).toThrow(InvalidInputError);
    expect(() =>
      claimOn(
        {
          ...sameDay,
          payments: [
            { reference: 'p', amountCents: 1, paidOn: '2025-03-31', designation: { invoices: ['Z'] } },
          ],
        },
        '2025-03-31',
      ),
    ).toThrow(/payments\[0\]\.designation\.invoices\[0\]/);
  });

  it('property: shares add up to the amount and none exceeds its weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, f) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const amount = Math.floor(sum * f);
          const shares = shareInProportion(amount, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(sum === 0 ? 0 : amount);
          shares.forEach((s, i) => {
            expect(s).toBeLessThanOrEqual(weights[i] as number);
          });
        },
      ),
    );
  });

  it('property: every cent of every payment goes somewhere, whatever the designation and due dates', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ amount: fc.integer({ min: 1, max: 500_000 }), day: fc.integer({ min: 1, max: 3 }) }),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(
          fc.record({
            amount: fc.integer({ min: 1, max: 400_000 }),
            designate: fc.integer({ min: -1, max: 3 }),
            toPrincipal: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        fc.constantFrom('consumer', 'business') as fc.Arbitrary<'consumer' | 'business'>,
        (invs, pays, debtor) => {
          const invoices = invs.map((x, i) => ({
            number: `I${i}`,
            amountCents: x.amount,
            dueOn: `2025-0${x.day}-15`,
          }));
          const payments = pays.map((p, i) => ({
            reference: `P${i}`,
            amountCents: p.amount,
            paidOn: `2025-0${4 + i}-10`,
            ...(p.designate >= 0 && p.designate < invoices.length
              ? { designation: { invoices: [`I${p.designate}`], toPrincipal: p.toPrincipal } }
              : {}),
          }));
          const r = claimOn(
            { debtor, invoices, payments, costsDueFrom: debtor === 'consumer' ? '2025-03-20' : null },
            '2025-09-30',
          );
          for (const a of r.allocations) {
            expect(a.costsCents + a.interestCents + a.principalCents + a.unallocatedCents).toBe(
              a.amountCents,
            );
            expect(a.perInvoice.reduce((s, x) => s + x.interestCents + x.principalCents, 0)).toBe(
              a.interestCents + a.principalCents,
            );
          }
          for (const i of r.perInvoice) expect(i.principalCents).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('R6: interest past the last confirmed half-year carries a visible flag', () => {
  const one = (dueOn: string): ClaimInput => ({
    debtor: 'consumer',
    invoices: [{ number: 'F', amountCents: 100_000, dueOn }],
    payments: [],
    costsDueFrom: null,
  });

  it('January 2026 at the confirmed 4%: EUR 3.40 on EUR 1,000 for 31 days, no flag', () => {
    const r = claimOn(one('2025-12-31'), '2026-01-31');
    expect(r.interestCents).toBe(340);
    expect(r.ratesUnconfirmed).toBeNull();
  });

  it('interest through July 2026 runs past 2026-06-30: the claim carries the flag from 2026-07-01', () => {
    const r = claimOn(one('2026-05-31'), '2026-07-31');
    expect(r.ratesUnconfirmed).toEqual({ from: '2026-07-01', confirmedThrough: '2026-06-30' });
    expect(codes(r)).toContain('RATES_NOT_CONFIRMED');
  });

  it('the statutory rate of 2025-07-01 is still to be confirmed: flagged from its first day used', () => {
    const r = claimOn(one('2025-07-31'), '2025-08-31');
    expect(r.ratesUnconfirmed?.from).toBe('2025-08-01');
    expect(claimOn({ ...one('2025-07-31'), debtor: 'business' }, '2025-08-31').ratesUnconfirmed).toBeNull();
  });
});

describe('R5 across cases: an invoice of a contract whose earlier invoices already carried costs', () => {
  it('EUR 30 more after EUR 270 already charged EUR 40.50: EUR 4.50 more (BIK on EUR 300 is EUR 45.00), not a new EUR 40', () => {
    const r = collectionCostsOverInvoices({
      debtor: 'consumer',
      invoices: [{ principalCents: 3_000 }],
      earlierOnContractCents: 27_000,
    });
    expect(r.costsCents).toBe(450);
    expect(r.reasons.map((x) => x.code)).toContain('COSTS_CONTRACT_NOT_STACKED');
    const small = collectionCostsOverInvoices({
      debtor: 'consumer',
      invoices: [{ principalCents: 3_000 }],
      earlierOnContractCents: 3_000,
    });
    expect(small.costsCents).toBe(0); // EUR 60 in all is still within the one EUR 40 minimum
  });
});

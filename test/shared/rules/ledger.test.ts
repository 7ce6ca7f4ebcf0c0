/** Interest, limitation and the claim on a date, replayed from the ledger. */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors.ts';
import { claimOn } from '../../../shared/rules/claim.ts';
import { collectionCosts } from '../../../shared/rules/costs.ts';
import { statutoryInterest } from '../../../shared/rules/interest.ts';
import { isTimeBarred } from '../../../shared/rules/limitation.ts';

describe('statutory and commercial interest', () => {
  it('a business owing EUR 1,000 for July 2024 pays commercial interest at 12.25%: EUR 10.40', () => {
    const r = statutoryInterest({
      kind: 'commercial',
      principalCents: 100_000,
      from: '2024-07-01',
      through: '2024-07-31',
    });
    expect(r.interestCents).toBe(1_040); // 1000 x 12.25% x 31 / 365 = 10.404
    expect(r.stretches).toHaveLength(1);
  });

  it('one day of interest is counted when the debtor pays on the first day interest runs', () => {
    expect(
      statutoryInterest({
        kind: 'statutory',
        principalCents: 365_000,
        from: '2025-02-01',
        through: '2025-02-01',
      }).interestCents,
    ).toBe(60);
  });

  it('the 2025-07-01 statutory rate is flagged as still to be confirmed', () => {
    const r = statutoryInterest({
      kind: 'statutory',
      principalCents: 100_000,
      from: '2025-07-01',
      through: '2025-07-31',
    });
    expect(r.reasons.map((x) => x.code)).toContain('RATE_TO_BE_CONFIRMED');
  });

  it('refuses interest from before the rate table and a through-date before the from-date', () => {
    expect(() =>
      statutoryInterest({ kind: 'statutory', principalCents: 1, from: '2014-01-01', through: '2015-01-01' }),
    ).toThrow(/from/);
    expect(() =>
      statutoryInterest({ kind: 'statutory', principalCents: 1, from: '2025-01-02', through: '2025-01-01' }),
    ).toThrow(InvalidInputError);
  });
});

describe('limitation', () => {
  it('an invoice due on 2020-03-15 can be claimed through 2025-03-15 and is time-barred the day after', () => {
    const alive = isTimeBarred({ claimKind: 'payment', dueOn: '2020-03-15', on: '2025-03-15' });
    expect(alive).toMatchObject({ timeBarred: false, lastDayToAct: '2025-03-15' });
    expect(isTimeBarred({ claimKind: 'payment', dueOn: '2020-03-15', on: '2025-03-16' }).timeBarred).toBe(
      true,
    );
  });

  it("a consumer's energy bill lapses after two years, and a written demand starts two new years", () => {
    expect(
      isTimeBarred({ claimKind: 'consumer-purchase-price', dueOn: '2022-01-31', on: '2024-02-01' })
        .timeBarred,
    ).toBe(true);
    const interrupted = isTimeBarred({
      claimKind: 'consumer-purchase-price',
      dueOn: '2022-01-31',
      interruptions: [{ on: '2023-06-01', kind: 'written-demand' }],
      on: '2024-02-01',
    });
    expect(interrupted).toMatchObject({
      timeBarred: false,
      lastDayToAct: '2025-06-01',
      interruptedOn: ['2023-06-01'],
    });
  });

  it('a demand sent after the claim lapsed does not revive it, and the period is never extended past a weekend', () => {
    const r = isTimeBarred({
      claimKind: 'consumer-purchase-price',
      dueOn: '2021-03-14',
      interruptions: [{ on: '2023-03-20' }],
      on: '2023-03-21',
    });
    expect(r.lastDayToAct).toBe('2023-03-14');
    expect(r.timeBarred).toBe(true);
    expect(r.reasons.map((x) => x.code)).toContain('LIMITATION_INTERRUPTION_TOO_LATE');
  });
});

describe('the claim on a date', () => {
  const twoInvoices = {
    debtor: 'consumer' as const,
    invoices: [
      { number: '2025-002', amountCents: 20_000, dueOn: '2025-02-28' },
      { number: '2025-001', amountCents: 15_000, dueOn: '2025-01-31' },
    ],
    payments: [] as { reference: string; amountCents: number; paidOn: string }[],
    costsDueFrom: '2025-03-20',
  };

  it('reproduces example 22 as a ledger: EUR 1,000 due 2023-05-31, unpaid on 2024-06-30, owes EUR 68.80 interest', () => {
    const r = claimOn(
      {
        debtor: 'consumer',
        invoices: [{ number: 'F1', amountCents: 100_000, dueOn: '2023-05-31' }],
        payments: [],
        costsDueFrom: null,
      },
      '2024-06-30',
    );
    expect(r).toMatchObject({
      principalCents: 100_000,
      interestCents: 6_880,
      costsCents: 0,
      totalCents: 106_880,
    });
    expect(r.costs.status).toBe('none');
  });

  it('charges the consumer costs on the summed principal once the letter term has passed (example 7 as a ledger)', () => {
    const before = claimOn(twoInvoices, '2025-03-19');
    expect(before.costs.status).toBe('not-yet-due');
    expect(before.costsCents).toBe(0);
    const after = claimOn(twoInvoices, '2025-03-20');
    expect(after.costs).toMatchObject({ status: 'due', amountCents: 5_250 });
    expect(after.totalCents).toBe(35_000 + after.interestCents + 5_250);
  });

  it('a part paid within the term lowers the cost base; later payments go to costs, then interest, oldest invoice first', () => {
    const r = claimOn(
      {
        ...twoInvoices,
        payments: [
          { reference: 'in-term', amountCents: 10_000, paidOn: '2025-03-10' },
          { reference: 'later', amountCents: 10_000, paidOn: '2025-04-10' },
        ],
      },
      '2025-04-10',
    );
    const [inTerm, later] = r.allocations;
    expect(inTerm?.costsCents).toBe(0);
    expect(inTerm?.perInvoice[0]?.number).toBe('2025-001'); // the oldest due first
    expect(r.costs.breakdown?.baseCents).toBe(35_000 - (inTerm?.principalCents ?? 0));
    expect(later?.costsCents).toBe(r.costs.amountCents);
    expect(r.paidCents).toBe(20_000);
  });

  it('a business owes costs without any letter, only on the invoice in default: at least EUR 40 from the day after its due date', () => {
    const r = claimOn({ ...twoInvoices, debtor: 'business', costsDueFrom: null }, '2025-02-01');
    expect(r.costs).toMatchObject({ status: 'due', dueFrom: '2025-02-01' });
    // 2025-002 is due on 2025-02-28 and still inside its term: not in the base.
    expect(r.costsCents).toBe(collectionCosts({ debtor: 'business', principalCents: 15_000 }).costsCents);
    expect(claimOn({ ...twoInvoices, debtor: 'business', costsDueFrom: null }, '2025-03-01').costsCents).toBe(
      collectionCosts({ debtor: 'business', principalCents: 35_000 }).costsCents,
    );
    expect(r.interest.kind).toBe('commercial');
  });

  it('no interest runs before an off-premises cooling-off period has ended', () => {
    const r = claimOn({ ...twoInvoices, interestFrom: '2025-03-01', costsDueFrom: null }, '2025-03-31');
    expect(r.perInvoice.map((i) => i.interestFrom)).toEqual(['2025-03-01', '2025-03-01']);
  });

  it('after a settlement for half, only the settlement less later payments stays owed, with no more interest', () => {
    const settled = {
      ...twoInvoices,
      payments: [{ reference: 'part', amountCents: 5_000, paidOn: '2025-06-01' }],
      settlement: { amountCents: 17_500, agreedOn: '2025-05-15' },
    };
    const r = claimOn(settled, '2026-01-01');
    expect(r).toMatchObject({ principalCents: 12_500, interestCents: 0, costsCents: 0, totalCents: 12_500 });
    expect(r.settlement).toMatchObject({ paidSinceCents: 5_000, leftCents: 12_500 });
    expect(claimOn(settled, '2025-05-14').settlement).toBeNull();
  });

  it('an overpayment leaves nothing owed and a credit', () => {
    const r = claimOn(
      { ...twoInvoices, payments: [{ reference: 'all', amountCents: 40_000, paidOn: '2025-02-15' }] },
      '2025-06-01',
    );
    expect(r.totalCents).toBe(0);
    expect(r.unallocatedCents).toBe(40_000 - 35_000 - (r.allocations[0]?.interestCents ?? 0));
    expect(r.costs.amountCents).toBe(0);
  });

  it('names the field of a bad invoice or payment', () => {
    expect(() =>
      claimOn(
        { ...twoInvoices, invoices: [{ number: 'x', amountCents: -1, dueOn: '2025-01-01' }] },
        '2025-02-01',
      ),
    ).toThrow(/invoices\[0\]\.amountCents/);
    expect(() =>
      claimOn(
        { ...twoInvoices, payments: [{ reference: 'p', amountCents: 100, paidOn: '2025-02-30' }] },
        '2025-03-01',
      ),
    ).toThrow(/payments\[0\]\.paidOn/);
  });
});

/** DOMAIN.md section 10: every worked example, reproduced exactly. */
import { describe, expect, it } from 'vitest';
import { allocatePayment } from '../../../shared/rules/allocation.ts';
import { isoWeekday } from '../../../shared/rules/calendar.ts';
import { assessCancellation } from '../../../shared/rules/cancellation.ts';
import { type CoolingOffInput, coolingOff } from '../../../shared/rules/cooling-off.ts';
import { collectionCosts, collectionCostsOverInvoices } from '../../../shared/rules/costs.ts';
import { demandTerm } from '../../../shared/rules/demand-term.ts';
import { statutoryInterest } from '../../../shared/rules/interest.ts';

const costs = (principalCents: number, vatUplift = false) =>
  collectionCosts({ debtor: 'consumer', principalCents, vatUplift });

/** An off-premises service contract above EUR 50 whose consumer was informed when signing. */
const informedService = (concludedOn: string): CoolingOffInput => ({
  buyer: 'consumer',
  channel: 'off-premises',
  subject: 'service',
  concludedOn,
  priceCents: 12_000,
  informedOn: concludedOn,
});

describe('DOMAIN.md worked examples: collection costs', () => {
  it('1: a EUR 30.00 debt costs the EUR 40.00 minimum, EUR 48.40 with VAT', () => {
    expect(costs(3_000).costsCents).toBe(4_000);
    expect(costs(3_000, true).costsCents).toBe(4_840);
  });
  it('2: a EUR 267.00 debt costs 15%, EUR 40.05', () => {
    expect(costs(26_700).costsCents).toBe(4_005);
  });
  it('3: a EUR 2,500.00 debt costs EUR 375.00, EUR 453.75 with VAT', () => {
    expect(costs(250_000).costsCents).toBe(37_500);
    expect(costs(250_000, true).costsCents).toBe(45_375);
  });
  it('4: a EUR 3,000.00 debt costs EUR 425.00', () => {
    expect(costs(300_000).costsCents).toBe(42_500);
  });
  it('5: a EUR 300,000.00 debt costs EUR 3,275.00', () => {
    expect(costs(30_000_000).costsCents).toBe(327_500);
  });
  it('6: a EUR 1,000,000.00 debt costs the EUR 6,775.00 maximum', () => {
    expect(costs(100_000_000).costsCents).toBe(677_500);
  });
  it('7: a consumer with two invoices of EUR 150 and 200 in one letter owes costs on the sum, EUR 52.50', () => {
    const result = collectionCostsOverInvoices({
      debtor: 'consumer',
      invoices: [{ principalCents: 15_000 }, { principalCents: 20_000 }],
    });
    expect(result.costsCents).toBe(5_250);
    expect(result.reasons.map((r) => r.code)).toContain('COSTS_INVOICES_SUMMED');
  });
  it('8: a consumer who pays EUR 1,000 of 3,000 within the 14 days owes costs on 2,000, EUR 300.00', () => {
    const result = collectionCostsOverInvoices({
      debtor: 'consumer',
      invoices: [{ principalCents: 300_000 }],
      paidWithinTermCents: 100_000,
    });
    expect(result.costsCents).toBe(30_000);
    expect(result.baseCents).toBe(200_000);
  });
});

describe('DOMAIN.md worked examples: the 14-day letter', () => {
  it('9: a letter sent Monday 2025-03-03 arrives Wednesday 03-05; pay by Wednesday 03-19; costs from 03-20', () => {
    const term = demandTerm('2025-03-03');
    expect(term).toMatchObject({
      deliveredOn: '2025-03-05',
      lastDayToPay: '2025-03-19',
      costsDueFrom: '2025-03-20',
    });
    expect(isoWeekday(term.deliveredOn)).toBe(3);
  });
  it('10: a letter sent Friday 2025-03-07 arrives Tuesday 03-11 (Sunday and Monday do not count); pay by 03-25', () => {
    expect(demandTerm('2025-03-07')).toMatchObject({ deliveredOn: '2025-03-11', lastDayToPay: '2025-03-25' });
  });
  it('11: a letter sent Tuesday 2025-05-13 arrives 05-15; day 14 is Ascension Day, so pay by Friday 05-30', () => {
    const term = demandTerm('2025-05-13');
    expect(term).toMatchObject({ deliveredOn: '2025-05-15', lastDayToPay: '2025-05-30' });
    expect(term.reasons.map((r) => r.code)).toContain('TERM_EXTENDED');
  });
});

describe('DOMAIN.md worked examples: cooling-off', () => {
  it("12: the consumer authority's example: signed 2026-04-02, the period ends 2026-04-16", () => {
    expect(coolingOff(informedService('2026-04-02')).periodEnd).toBe('2026-04-16');
  });
  it('13: concluded Wednesday 2025-03-05, the period ends Wednesday 2025-03-19', () => {
    expect(coolingOff(informedService('2025-03-05')).periodEnd).toBe('2025-03-19');
  });
  it('14: concluded Saturday 2025-03-01, day 14 is a Saturday, so it ends Monday 2025-03-17', () => {
    expect(coolingOff(informedService('2025-03-01')).periodEnd).toBe('2025-03-17');
  });
  it("15: concluded Saturday 2025-04-12, day 14 is King's Day (Saturday 04-26), so it ends Monday 2025-04-28", () => {
    expect(coolingOff(informedService('2025-04-12')).periodEnd).toBe('2025-04-28');
  });
  it('16: concluded Friday 2025-04-04, day 14 is Good Friday, so it ends Tuesday 2025-04-22 after Easter', () => {
    expect(coolingOff(informedService('2025-04-04')).periodEnd).toBe('2025-04-22');
  });
  it('17: concluded Thursday 2025-12-11, day 14 is Christmas, so it ends Monday 2025-12-29', () => {
    expect(coolingOff(informedService('2025-12-11')).periodEnd).toBe('2025-12-29');
  });
  it('18: concluded 2025-03-05 and never informed of the right, the period ends 2026-03-19', () => {
    const result = coolingOff({ ...informedService('2025-03-05'), informedOn: null });
    expect(result.periodEnd).toBe('2026-03-19');
    expect(result.reasons.map((r) => r.code)).toContain('COOLING_OFF_NOT_INFORMED');
  });
  it('19: the same contract, information received late on 2025-06-10, the period ends 2025-06-24', () => {
    expect(coolingOff({ ...informedService('2025-03-05'), informedOn: '2025-06-10' }).periodEnd).toBe(
      '2025-06-24',
    );
  });
  it('20: a withdrawal posted on the last day is in time, even though it arrives three days later', () => {
    const result = coolingOff({ ...informedService('2025-03-05'), noticeSentOn: '2025-03-19' });
    expect(result.periodEnd).toBe('2025-03-19');
    expect(result.withdrawalInTime).toBe(true);
    const posted = result.reasons.find((r) => r.code === 'WITHDRAWAL_IN_TIME');
    expect(posted?.article).toBe('art. 6:230o lid 3 BW');
  });
  it('21: off-premises, a consumer paying EUR 50.00 has no right; at EUR 50.01 the right applies', () => {
    const at50 = coolingOff({ ...informedService('2025-03-05'), priceCents: 5_000 });
    expect(at50).toMatchObject({ applies: false, periodEnd: null, withdrawalInTime: null });
    expect(at50.reasons[0]?.code).toBe('COOLING_OFF_UNDER_THRESHOLD');
    expect(coolingOff({ ...informedService('2025-03-05'), priceCents: 5_001 }).applies).toBe(true);
  });
});

describe('DOMAIN.md worked examples: interest, payments, cancellation', () => {
  it('22: a consumer owing EUR 1,000 from 2023-06-01 through 2024-06-30 owes EUR 68.80 interest', () => {
    const result = statutoryInterest({
      kind: 'statutory',
      principalCents: 100_000,
      from: '2023-06-01',
      through: '2024-06-30',
    });
    expect(result.interestCents).toBe(6_880);
    expect(result.stretches.map((s) => [s.baseCents, s.interestCents])).toEqual([
      [100_000, 329],
      [100_000, 3_025],
      [100_000, 2_915],
      [106_269, 611],
    ]);
    expect(result.stretches[3]?.from).toBe('2024-06-01');
  });
  it('23: a EUR 500 payment against costs 150, interest 20 and principal 1,000 leaves EUR 670 principal', () => {
    const result = allocatePayment({
      paymentCents: 50_000,
      costsCents: 15_000,
      interestCents: 2_000,
      principalCents: 100_000,
    });
    expect(result).toMatchObject({
      costsCents: 0,
      interestCents: 0,
      principalCents: 67_000,
      unallocatedCents: 0,
    });
  });
  it('24: a monthly-notice consumer subscription whose notice reaches the trader on 03-07 ends on 04-06', () => {
    const result = assessCancellation({
      buyer: 'consumer',
      concludedOn: '2024-01-10',
      concludedVia: 'online',
      terms: {
        requiredForm: 'written',
        acceptedChannels: [],
        noticePeriodMonths: 1,
        initialTermMonths: 0,
        tacitRenewal: false,
      },
      claim: {
        noticeReceivedOn: '2025-03-07',
        noticeSentOn: '2025-03-07',
        channel: 'email',
        confirmedByTrader: true,
      },
    });
    expect(result.verdict).toBe('valid');
    expect(result.effectiveEnd).toBe('2025-04-06');
  });
});

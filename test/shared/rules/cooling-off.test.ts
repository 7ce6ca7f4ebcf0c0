import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../shared/errors.ts';
import {
  type CoolingOffInput,
  coolingOff,
  owedForServiceStartedEarly,
} from '../../../shared/rules/cooling-off.ts';

const doorToDoorEnergy: CoolingOffInput = {
  buyer: 'consumer',
  channel: 'off-premises',
  subject: 'service',
  concludedOn: '2025-03-05',
  priceCents: 60_000,
  informedOn: '2025-03-05',
};

describe('cooling-off', () => {
  it('a business buyer and an on-premises sale have no right of withdrawal, and a notice then does not count', () => {
    const business = coolingOff({ ...doorToDoorEnergy, buyer: 'business', noticeSentOn: '2025-03-06' });
    expect(business).toMatchObject({ applies: false, periodEnd: null, withdrawalInTime: false });
    expect(business.reasons[0]?.code).toBe('COOLING_OFF_NOT_CONSUMER');
    expect(coolingOff({ ...doorToDoorEnergy, channel: 'on-premises' }).reasons[0]?.code).toBe(
      'COOLING_OFF_ON_PREMISES',
    );
  });

  it('a distance sale of EUR 20 still has the right: the EUR 50 floor is for off-premises sales only', () => {
    expect(coolingOff({ ...doorToDoorEnergy, channel: 'distance', priceCents: 2_000 }).applies).toBe(true);
  });

  it('goods: the 14 days run from receipt, and a withdrawal before receipt is in time', () => {
    const goods = { ...doorToDoorEnergy, subject: 'goods' as const };
    expect(coolingOff({ ...goods, goodsReceivedOn: '2025-03-10' }).periodEnd).toBe('2025-03-24');
    const notYet = coolingOff({ ...goods, noticeSentOn: '2025-03-07' });
    expect(notYet).toMatchObject({ applies: true, periodEnd: null, withdrawalInTime: true });
  });

  it('a withdrawal sent the day after the period is too late', () => {
    const late = coolingOff({ ...doorToDoorEnergy, noticeSentOn: '2025-03-20' });
    expect(late.withdrawalInTime).toBe(false);
    expect(late.reasons.map((r) => r.code)).toContain('WITHDRAWAL_TOO_LATE');
  });

  it('information given after the 12-month maximum cannot reopen the period', () => {
    expect(coolingOff({ ...doorToDoorEnergy, informedOn: '2026-05-01' }).periodEnd).toBe('2026-03-19');
  });

  it('off-premises: payment may not be demanded before the day after the period', () => {
    expect(coolingOff(doorToDoorEnergy).paymentDemandableFrom).toBe('2025-03-20');
    expect(coolingOff({ ...doorToDoorEnergy, channel: 'distance' }).paymentDemandableFrom).toBeNull();
  });

  it('rejects input that names no date for informedOn, or a notice before the contract', () => {
    const { informedOn: _omitted, ...noInformed } = doorToDoorEnergy;
    expect(() => coolingOff(noInformed as CoolingOffInput)).toThrow(/informedOn/);
    expect(() => coolingOff({ ...doorToDoorEnergy, noticeSentOn: '2025-03-01' })).toThrow(InvalidInputError);
    expect(() => coolingOff({ ...doorToDoorEnergy, concludedOn: '5 March' })).toThrow(/concludedOn/);
  });
});

describe('a service started during the cooling-off period', () => {
  const early = {
    channel: 'off-premises' as const,
    expressRequest: true,
    requestOnDurableMedium: true,
    informed: true,
    priceCents: 3_000,
    coversFrom: '2025-04-01',
    coversThrough: '2025-04-30',
    serviceStartedOn: '2025-04-01',
    withdrawnOn: '2025-04-10',
  };
  it('a consumer who asked for the early start in writing owes the days provided, pro rata', () => {
    expect(owedForServiceStartedEarly(early)).toMatchObject({
      owedCents: 1_000,
      providedDays: 10,
      coveredDays: 30,
    });
  });
  it('a door-to-door consumer who asked only orally owes nothing', () => {
    const result = owedForServiceStartedEarly({ ...early, requestOnDurableMedium: false });
    expect(result.owedCents).toBe(0);
    expect(result.reasons[0]?.article).toMatch(/6:230s lid 5/);
  });
  it('a consumer who was not told what an early start costs owes nothing (CJEU C-97/22)', () => {
    expect(owedForServiceStartedEarly({ ...early, channel: 'distance', informed: false }).owedCents).toBe(0);
  });
});

describe('every cooling-off reason reaches the debtor in Dutch', () => {
  const service = {
    buyer: 'consumer' as const,
    channel: 'off-premises' as const,
    subject: 'service' as const,
    concludedOn: '2025-04-04',
    priceCents: 12_000,
    informedOn: '2025-04-04',
  };
  it.each([
    ['a business', { ...service, buyer: 'business' as const, noticeSentOn: '2025-04-10' }],
    ['an on-premises sale', { ...service, channel: 'on-premises' as const, noticeSentOn: '2025-04-10' }],
    ['EUR 50 off premises', { ...service, priceCents: 5_000 }],
    ['goods not yet received', { ...service, subject: 'goods' as const, noticeSentOn: '2025-04-10' }],
    ['day 14 on Good Friday, in time', { ...service, noticeSentOn: '2025-04-22' }],
    ['too late', { ...service, noticeSentOn: '2025-04-23' }],
    ['never informed', { ...service, informedOn: null }],
    ['informed late', { ...service, informedOn: '2025-06-10' }],
  ])('%s', (_name, input) => {
    const r = coolingOff(input);
    for (const x of r.reasons) {
      expect(x.textNl, x.code).toMatch(/\S/);
      expect(x.textNl, x.code).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b|EUR \d|\b(the|and|notice|period)\b/);
    }
  });

  it('a service started early: owed or not, the reason is in Dutch', () => {
    const base = {
      channel: 'off-premises' as const,
      expressRequest: true,
      requestOnDurableMedium: true,
      informed: true,
      priceCents: 3_000,
      coversFrom: '2025-04-01',
      coversThrough: '2025-04-30',
      serviceStartedOn: '2025-04-01',
      withdrawnOn: '2025-04-10',
    };
    expect(owedForServiceStartedEarly(base).reasons[0]?.textNl).toBe(
      'U heeft gevraagd om tijdens de bedenktijd te beginnen en u bent daarover geïnformeerd. U betaalt voor 10 van de 30 dagen: € 10,00 van € 30,00.',
    );
    expect(owedForServiceStartedEarly({ ...base, informed: false }).reasons[0]?.textNl).toContain(
      'U bent niets verschuldigd voor de dienst tijdens de bedenktijd: u bent niet geïnformeerd',
    );
  });
});

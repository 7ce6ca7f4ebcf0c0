import type { CalendarDate } from '../rules/calendar.ts';
import { coolingOff } from '../rules/cooling-off.ts';
import type { ClaimKind } from '../rules/limitation.ts';
import type { Contract, DebtorKind } from './case.ts';

/** Which limitation period a case's claim has: a consumer's purchase price 2 years (7:28), else 5 (3:307). */
export function limitationClaimKind(buyer: DebtorKind, contract: Contract | null): ClaimKind {
  return buyer === 'consumer' && contract?.subject === 'goods' ? 'consumer-purchase-price' : 'payment';
}

/** The cooling-off rule applied to a case's contract, with the day a withdrawal notice was sent if any. */
export function coolingOffOfContract(buyer: DebtorKind, contract: Contract, noticeSentOn?: CalendarDate) {
  return coolingOff({
    buyer,
    channel: contract.channel,
    subject: contract.subject,
    concludedOn: contract.concludedOn,
    ...(contract.goodsReceivedOn ? { goodsReceivedOn: contract.goodsReceivedOn } : {}),
    priceCents: contract.priceCents,
    informedOn: contract.coolingOffInformedOn,
    ...(noticeSentOn ? { noticeSentOn } : {}),
  });
}

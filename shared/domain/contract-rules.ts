import type { CalendarDate } from '../rules/calendar.ts';
import { coolingOff } from '../rules/cooling-off.ts';
import type { Contract, DebtorKind } from './case.ts';

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

/**
 * Payment allocation (art. 6:44 BW; DOMAIN.md section 8): a payment goes first to the costs, then to the
 * interest, then to the principal. What is left over is reported as unallocated (an overpayment to refund or
 * to set against another debt). Returns the amounts LEFT after the payment.
 */
import { euros } from './money.ts';
import { type Reason, reason } from './reason.ts';
import { requireCents, requireObject } from './validate.ts';

export interface AllocationInput {
  paymentCents: number;
  costsCents: number;
  interestCents: number;
  principalCents: number;
}

export interface Allocation {
  /** Amounts left after the payment. */
  costsCents: number;
  interestCents: number;
  principalCents: number;
  /** Part of the payment that exceeded the debt. */
  unallocatedCents: number;
  /** What the payment went to. */
  applied: { costsCents: number; interestCents: number; principalCents: number };
  reasons: Reason[];
}

export function allocatePayment(input: AllocationInput): Allocation {
  const obj = requireObject(input, 'input');
  const payment = requireCents(obj.paymentCents, 'paymentCents');
  const costs = requireCents(obj.costsCents, 'costsCents');
  const interest = requireCents(obj.interestCents, 'interestCents');
  const principal = requireCents(obj.principalCents, 'principalCents');
  let left = payment;
  const toCosts = Math.min(left, costs);
  left -= toCosts;
  const toInterest = Math.min(left, interest);
  left -= toInterest;
  const toPrincipal = Math.min(left, principal);
  left -= toPrincipal;
  const reasons: Reason[] = [
    reason(
      'PAYMENT_ORDER',
      `${euros(payment)} goes first to costs (${euros(toCosts)}), then interest (${euros(toInterest)}), then principal (${euros(toPrincipal)}).`,
      'art. 6:44 lid 1 BW',
    ),
  ];
  if (left > 0) {
    reasons.push(
      reason(
        'PAYMENT_EXCEEDS_DEBT',
        `${euros(left)} exceeds what was owed and is left unallocated.`,
        'art. 6:44 BW',
      ),
    );
  }
  return {
    costsCents: costs - toCosts,
    interestCents: interest - toInterest,
    principalCents: principal - toPrincipal,
    unallocatedCents: left,
    applied: { costsCents: toCosts, interestCents: toInterest, principalCents: toPrincipal },
    reasons,
  };
}

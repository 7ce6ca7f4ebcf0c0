/**
 * Extrajudicial collection costs (DOMAIN.md sections 5 and 6): the BIK bands on the principal, minimum
 * EUR 40, maximum EUR 6,775, optional 21% VAT uplift, several invoices summed (art. 6:96 lid 7 BW) and a part
 * paid within the 14-day term lowering the base.
 */
import { InvalidInputError } from '../errors.ts';
import {
  BIK_BANDS,
  BIK_MAXIMUM_CENTS,
  BIK_MINIMUM_CENTS,
  BIK_SOURCE,
  BUSINESS_MINIMUM_CENTS,
  VAT_RATE_PERCENT,
  VAT_SOURCE,
} from './data/collection-costs.ts';
import { divideRoundHalfUp, euros } from './money.ts';
import { type Reason, reason } from './reason.ts';
import { optionalBoolean, requireArray, requireCents, requireObject, requireOneOf } from './validate.ts';

export type DebtorKind = 'consumer' | 'business';

export interface CostsBand {
  fromCents: number;
  /** Upper bound of the band, or null for the open top band. */
  toCents: number | null;
  ratePercent: number;
  /** Part of the principal that falls in this band. */
  baseCents: number;
  /** Band amount, rounded half up (only the highest band used can have a fraction, so these add up). */
  amountCents: number;
}

export interface CollectionCostsInput {
  debtor: DebtorKind;
  principalCents: number;
  /** Add 21% VAT: only when the creditor cannot deduct VAT and says so in the letter. */
  vatUplift?: boolean;
}

export interface CollectionCosts {
  costsCents: number;
  costsBeforeVatCents: number;
  vatCents: number;
  /** Principal the bands were applied to. */
  baseCents: number;
  bands: CostsBand[];
  reasons: Reason[];
}

const DEBTORS: readonly DebtorKind[] = ['consumer', 'business'];

export function collectionCosts(input: CollectionCostsInput): CollectionCosts {
  const obj = requireObject(input, 'input');
  const debtor = requireOneOf(obj.debtor, 'debtor', DEBTORS);
  const principalCents = requireCents(obj.principalCents, 'principalCents');
  const vatUplift = optionalBoolean(obj.vatUplift, 'vatUplift', false);
  return costsOnBase(debtor, principalCents, vatUplift, []);
}

export interface CostsOverInvoicesInput {
  debtor: DebtorKind;
  /** Principals of the invoices named in one letter. */
  invoices: { number?: string; principalCents: number }[];
  /** Paid within the 14-day term: lowers the base (costs on the unpaid part only). */
  paidWithinTermCents?: number;
  vatUplift?: boolean;
  /**
   * Recurring invoices of one contract (subscription, energy): the principal of earlier invoices of the same
   * contract on which collection costs were already charged. The costs are then what the BIK bands give on
   * the whole, less what was charged on the earlier part: no second minimum, no stacking.
   */
  earlierOnContractCents?: number;
}

/** Costs over several invoices in one letter: their principals added up (6:96 lid 7), less what was paid in time. */
export function collectionCostsOverInvoices(
  input: CostsOverInvoicesInput,
): CollectionCosts & { summedCents: number } {
  const obj = requireObject(input, 'input');
  const debtor = requireOneOf(obj.debtor, 'debtor', DEBTORS);
  const invoices = requireArray(obj.invoices, 'invoices');
  if (invoices.length === 0) throw new InvalidInputError('invoices', 'must name at least one invoice');
  let summedCents = 0;
  invoices.forEach((inv, i) => {
    summedCents += requireCents(
      requireObject(inv, `invoices[${i}]`).principalCents,
      `invoices[${i}].principalCents`,
    );
  });
  const paid =
    obj.paidWithinTermCents === undefined ? 0 : requireCents(obj.paidWithinTermCents, 'paidWithinTermCents');
  const vatUplift = optionalBoolean(obj.vatUplift, 'vatUplift', false);
  const reasons: Reason[] = [];
  if (invoices.length > 1) {
    reasons.push(
      reason(
        'COSTS_INVOICES_SUMMED',
        `The principals of ${invoices.length} invoices in one letter are added up: ${euros(summedCents)}.`,
        'art. 6:96 lid 7 BW',
      ),
    );
  }
  const base = Math.max(0, summedCents - paid);
  if (paid > 0) {
    reasons.push(
      reason(
        'COSTS_PART_PAID_IN_TERM',
        `${euros(Math.min(paid, summedCents))} was paid within the term, so the costs are on the unpaid ${euros(base)}.`,
        'art. 6:96 lid 6 BW',
      ),
    );
  }
  const earlier =
    obj.earlierOnContractCents === undefined
      ? 0
      : requireCents(obj.earlierOnContractCents, 'earlierOnContractCents');
  if (earlier === 0 || base === 0) return { ...costsOnBase(debtor, base, vatUplift, reasons), summedCents };
  const whole = costsOnBase(debtor, earlier + base, vatUplift, reasons);
  const charged = costsOnBase(debtor, earlier, vatUplift, []);
  reasons.push(
    reason(
      'COSTS_CONTRACT_NOT_STACKED',
      `Earlier invoices of the same contract (${euros(earlier)}) already carried ${euros(charged.costsCents)}; the costs on the whole ${euros(earlier + base)} are ${euros(whole.costsCents)}, so ${euros(whole.costsCents - charged.costsCents)} more.`,
      'art. 6:96 lid 7 BW; BIK art. 2; product decision (docs/rules.md, R5)',
    ),
  );
  return {
    costsCents: whole.costsCents - charged.costsCents,
    costsBeforeVatCents: whole.costsBeforeVatCents - charged.costsBeforeVatCents,
    vatCents: whole.vatCents - charged.vatCents,
    baseCents: base,
    bands: whole.bands,
    reasons,
    summedCents,
  };
}

/** The BIK amount on a base, before VAT, with the band breakdown (no minimum or maximum applied). */
function bandsOn(baseCents: number): { exact: bigint; bands: CostsBand[] } {
  let exact = 0n; // in cents x 10,000 (basis points)
  let from = 0;
  const bands: CostsBand[] = [];
  for (const band of BIK_BANDS) {
    if (baseCents <= from) break;
    const to = band.upToCents;
    const slice = (to === null ? baseCents : Math.min(baseCents, to)) - from;
    const part = BigInt(slice) * BigInt(band.rateBasisPoints);
    exact += part;
    bands.push({
      fromCents: from,
      toCents: to,
      ratePercent: band.rateBasisPoints / 100,
      baseCents: slice,
      amountCents: divideRoundHalfUp(part, 10_000n),
    });
    if (to === null) break;
    from = to;
  }
  return { exact, bands };
}

function costsOnBase(
  debtor: DebtorKind,
  baseCents: number,
  vatUplift: boolean,
  reasons: Reason[],
): CollectionCosts {
  if (baseCents === 0) {
    reasons.push(
      reason('COSTS_NO_PRINCIPAL', 'Nothing is unpaid, so no collection costs are due.', BIK_SOURCE),
    );
    return { costsCents: 0, costsBeforeVatCents: 0, vatCents: 0, baseCents, bands: [], reasons };
  }
  const { exact, bands } = bandsOn(baseCents);
  const banded = divideRoundHalfUp(exact, 10_000n);
  reasons.push(
    reason(
      'COSTS_BIK_BANDS',
      `The BIK bands on ${euros(baseCents)} (15% / 10% / 5% / 1% / 0.5%) give ${euros(banded)}.`,
      BIK_SOURCE,
    ),
  );
  let before = banded;
  if (banded < BIK_MINIMUM_CENTS) {
    before = BIK_MINIMUM_CENTS;
    reasons.push(
      reason(
        'COSTS_MINIMUM',
        `The costs are at least ${euros(BIK_MINIMUM_CENTS)}.`,
        debtor === 'business' ? 'art. 6:96 lid 4 BW; BIK art. 2' : BIK_SOURCE,
      ),
    );
  } else if (banded > BIK_MAXIMUM_CENTS) {
    before = BIK_MAXIMUM_CENTS;
    reasons.push(reason('COSTS_MAXIMUM', `The costs are at most ${euros(BIK_MAXIMUM_CENTS)}.`, BIK_SOURCE));
  }
  if (debtor === 'business') {
    before = Math.max(before, BUSINESS_MINIMUM_CENTS);
    reasons.push(
      reason(
        'COSTS_BUSINESS_BANDS',
        'For a business debtor the BIK bands apply unless the contract agrees otherwise; at least EUR 40.',
        'art. 6:96 lid 4 BW',
      ),
    );
  }
  let vatCents = 0;
  if (vatUplift) {
    vatCents = divideRoundHalfUp(BigInt(before) * BigInt(VAT_RATE_PERCENT), 100n);
    reasons.push(
      reason(
        'COSTS_VAT_UPLIFT',
        `The creditor cannot deduct VAT, so ${VAT_RATE_PERCENT}% VAT (${euros(vatCents)}) is added.`,
        VAT_SOURCE,
      ),
    );
  }
  return { costsCents: before + vatCents, costsBeforeVatCents: before, vatCents, baseCents, bands, reasons };
}

import type { DossierClaim } from '../dossier/build.ts';
import type { ClaimOnResult } from '../rules/claim.ts';

const euro = (cents: number) => `EUR ${(cents / 100).toFixed(2)}`;

/** The rules engine's claim in the dossier's terms: every amount with the lines it was computed from. */
export function dossierClaim(claim: ClaimOnResult): DossierClaim {
  const costs = claim.costs.breakdown;
  return {
    principal: {
      amountCents: claim.principalCents,
      computation: claim.perInvoice.map((i) => ({
        label: `Invoice ${i.number}`,
        detail: `due ${i.dueOn}; principal still unpaid`,
        amountCents: i.principalCents,
      })),
    },
    interest: {
      kind: claim.interest.kind === 'statutory' ? 'wettelijke-rente' : 'wettelijke-handelsrente',
      amountCents: claim.interestCents,
      computation: claim.interest.stretches.map((s) => ({
        label: `Invoice ${s.invoice}: ${s.from} to ${s.through}`,
        detail: `${s.days} days at ${s.rate}% on ${euro(s.baseCents)} (actual/365)`,
        amountCents: s.interestCents,
      })),
    },
    costs: {
      amountCents: claim.costsCents,
      vatCents: costs?.vatCents ?? 0,
      computation: [
        ...(costs?.bands ?? []).map((b) => ({
          label: `BIK band ${euro(b.fromCents)}${b.toCents === null ? '+' : ` - ${euro(b.toCents)}`}`,
          detail: `${b.ratePercent}% of ${euro(b.baseCents)}`,
          amountCents: b.amountCents,
        })),
        ...(costs && costs.vatCents > 0
          ? [{ label: 'VAT 21%', detail: 'creditor cannot deduct VAT', amountCents: costs.vatCents }]
          : []),
        ...(costs && claim.costsCents !== costs.costsCents
          ? [
              {
                label: 'Paid towards costs',
                detail: 'allocated by art. 6:44 BW',
                amountCents: claim.costsCents - costs.costsCents,
              },
            ]
          : []),
      ],
    },
    paid: {
      amountCents: claim.paidCents,
      computation: claim.allocations.map((a) => ({
        label: `Payment ${a.reference} on ${a.paidOn}`,
        detail: `costs ${euro(a.costsCents)}, interest ${euro(a.interestCents)}, principal ${euro(a.principalCents)}`,
        amountCents: a.amountCents,
      })),
    },
    total: {
      amountCents: claim.totalCents,
      computation: [
        { label: 'Principal', detail: 'unpaid principal', amountCents: claim.principalCents },
        { label: 'Interest', detail: 'unpaid interest', amountCents: claim.interestCents },
        { label: 'Collection costs', detail: 'unpaid costs', amountCents: claim.costsCents },
      ],
    },
    sources: claim.reasons.map((r) => ({ label: r.code, source: r.article })),
    ratesUnconfirmed: claim.ratesUnconfirmed,
  };
}

import type { DossierClaim } from '../dossier/build.ts';
import type { ComputationLine } from '../dossier/schema.ts';
import type { ClaimOnResult } from '../rules/claim.ts';
import { formatDutchDate as date, formatEuro as euro } from '../rules/format-nl.ts';

const sum = (lines: ComputationLine[]) => lines.reduce((s, l) => s + l.amountCents, 0);

/**
 * The rules engine's claim in the dossier's terms: every amount with the lines it was computed from, in Dutch,
 * and each part's lines adding up to its amount (what was paid on a part, or fell away by a settlement, is a
 * line of its own).
 */
export function dossierClaim(claim: ClaimOnResult): DossierClaim {
  const costs = claim.costs.breakdown;
  const paidTo = (part: 'costsCents' | 'interestCents') => claim.allocations.reduce((s, a) => s + a[part], 0);
  const settled = claim.settlement
    ? `Vervallen door de schikking van ${date(claim.settlement.agreedOn)}`
    : 'Correctie';

  const interestLines: ComputationLine[] = claim.interest.stretches.map((s) => ({
    label: `Factuur ${s.invoice}: ${date(s.from)} t/m ${date(s.through)}`,
    detail: `${s.days} dagen tegen ${String(s.rate).replace('.', ',')}% over ${euro(s.baseCents)} (werkelijke dagen/365)`,
    amountCents: s.interestCents,
  }));
  const interestPaid = paidTo('interestCents');
  if (interestPaid > 0)
    interestLines.push({
      label: 'Betaald op rente',
      detail: 'toegerekend volgens art. 6:44 BW',
      amountCents: -interestPaid,
    });
  balance(interestLines, claim.interestCents, settled, 'art. 7:900 BW');

  const costLines: ComputationLine[] = (costs?.bands ?? []).map((b) => ({
    label: `BIK-staffel ${euro(b.fromCents)}${b.toCents === null ? ' en meer' : ` tot ${euro(b.toCents)}`}`,
    detail: `${String(b.ratePercent).replace('.', ',')}% van ${euro(b.baseCents)}`,
    amountCents: b.amountCents,
  }));
  if (costs) {
    const beforeVat = costs.costsCents - costs.vatCents;
    const bands = sum(costLines);
    if (bands !== beforeVat)
      costLines.push({
        label:
          bands < beforeVat && beforeVat === 4_000
            ? 'Aangevuld tot het minimum van € 40,00'
            : bands > beforeVat && beforeVat === 677_500
              ? 'Begrensd op het maximum van € 6.775,00'
              : 'Afronding op centen',
        detail: 'Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2',
        amountCents: beforeVat - bands,
      });
    if (costs.vatCents > 0)
      costLines.push({
        label: 'Btw 21%',
        detail: 'de schuldeiser kan de btw niet verrekenen',
        amountCents: costs.vatCents,
      });
  }
  const costsPaid = paidTo('costsCents');
  if (costsPaid > 0)
    costLines.push({
      label: 'Betaald op incassokosten',
      detail: 'toegerekend volgens art. 6:44 BW',
      amountCents: -costsPaid,
    });
  balance(costLines, claim.costsCents, settled, 'art. 7:900 BW');

  return {
    principal: {
      amountCents: claim.principalCents,
      computation: claim.perInvoice.map((i) => ({
        label: `Factuur ${i.number}`,
        detail: `vervaldatum ${date(i.dueOn)}; nog onbetaalde hoofdsom`,
        amountCents: i.principalCents,
      })),
    },
    interest: {
      kind: claim.interest.kind === 'statutory' ? 'wettelijke-rente' : 'wettelijke-handelsrente',
      amountCents: claim.interestCents,
      computation: interestLines,
    },
    costs: {
      amountCents: claim.costsCents,
      vatCents: costs?.vatCents ?? 0,
      computation: costLines,
    },
    paid: {
      amountCents: claim.paidCents,
      computation: claim.allocations.map((a) => ({
        label: `Betaling ${a.reference} op ${date(a.paidOn)}`,
        detail: `naar incassokosten ${euro(a.costsCents)}, rente ${euro(a.interestCents)}, hoofdsom ${euro(a.principalCents)}${a.settlementCents > 0 ? `, schikkingsbedrag ${euro(a.settlementCents)}` : ''}${a.unallocatedCents > 0 ? `, te veel betaald ${euro(a.unallocatedCents)}` : ''}`,
        amountCents: a.amountCents,
      })),
    },
    total: {
      amountCents: claim.totalCents,
      computation: [
        { label: 'Hoofdsom', detail: 'nog onbetaalde hoofdsom', amountCents: claim.principalCents },
        { label: 'Rente', detail: 'nog onbetaalde rente', amountCents: claim.interestCents },
        {
          label: 'Buitengerechtelijke incassokosten',
          detail: 'nog onbetaalde incassokosten',
          amountCents: claim.costsCents,
        },
      ],
    },
    sources: claim.reasons.map((r) => ({ label: r.code, source: r.article })),
    ratesUnconfirmed: claim.ratesUnconfirmed,
  };
}

/**
 * What the lines leave unexplained after payments: interest and costs that a settlement replaced (7:900 BW).
 * Without a settlement a difference would be a fault in the engine, and it is shown, not hidden.
 */
function balance(lines: ComputationLine[], amountCents: number, label: string, source: string): void {
  const rest = amountCents - sum(lines);
  if (rest !== 0) lines.push({ label, detail: source, amountCents: rest });
}

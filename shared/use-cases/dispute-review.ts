import type { Case, Dispute, ReasonRecord } from '../domain/case.ts';
import { coolingOffOfContract } from '../domain/contract-rules.ts';
import type { CaseEvent } from '../domain/lifecycle.ts';
import type { DisputeVerdict } from '../domain/vocabulary.ts';
import type { CalendarDate } from '../rules/calendar.ts';
import { assessCancellation } from '../rules/cancellation.ts';

/** A dispute decided by the rules, as the lifecycle event that records it (verdict filled in by the step). */
export type RulesOutcome = Omit<Extract<CaseEvent, { type: 'dispute-decided-by-rules' }>, 'verdict'>;

export interface RulesDecision {
  verdict: DisputeVerdict;
  reasons: ReasonRecord[];
  effectiveEnd?: CalendarDate;
  /** For a valid claim: the case closed (withdrawn, cancelled) or its invoices reduced. */
  upheld?: RulesOutcome;
}

const NON_PERFORMANCE_CHECKS: ReasonRecord[] = [
  {
    code: 'REVIEW_NON_PERFORMANCE',
    text: 'Suspension for non-performance (6:262 BW): a reviewer checks whether the supplier was put in default in writing, whether deadlines were fatal, and whether withholding the whole invoice is proportionate to the shortcoming.',
    textNl:
      'Opschorting wegens tekortkoming (6:262 BW): een beoordelaar gaat na of de leverancier schriftelijk in gebreke is gesteld, of termijnen fataal waren en of het inhouden van de hele factuur in verhouding staat tot de tekortkoming.',
    article: 'art. 6:262 BW; art. 6:119a lid 7 BW',
  },
];

const needsReview = (reasons: ReasonRecord[]): RulesDecision => ({ verdict: 'needs-review', reasons });

/**
 * What the rules can decide about a dispute: withdrawals (cooling-off) and cancellations, when the
 * contract facts and the claim are on file. Everything else needs a person.
 */
export function decideDisputeByRules(c: Case, dispute: Dispute): RulesDecision {
  const contract = c.contract;
  if (dispute.kind === 'withdrawal') {
    const notice = dispute.evidence.withdrawalNotice;
    if (!contract || !notice) {
      return needsReview([
        {
          code: 'WITHDRAWAL_FACTS_MISSING',
          text: 'The contract facts or the day the withdrawal was sent are missing: a person reviews.',
          textNl: 'De gegevens van de overeenkomst of de datum waarop u de herroeping verstuurde, ontbreken.',
          article: 'art. 6:230o BW',
        },
      ]);
    }
    const result = coolingOffOfContract(c.debtor.kind, contract, notice.sentOn);
    if (result.applies && result.withdrawalInTime === true) {
      return {
        verdict: 'valid',
        reasons: result.reasons,
        upheld: {
          type: 'dispute-decided-by-rules',
          disputeId: dispute.disputeId,
          outcome: 'upheld',
          closesAs: 'withdrawn',
          entryType: 'withdrawal-accepted',
          summary: `Withdrawal sent ${notice.sentOn} within the cooling-off period ending ${result.periodEnd}: nothing owed`,
        },
      };
    }
    return { verdict: 'invalid', reasons: result.reasons };
  }

  if (dispute.kind === 'cancellation') {
    const claim = dispute.evidence.cancellation;
    if (!contract?.cancellationTerms || !claim) {
      return needsReview([
        {
          code: 'CANCELLATION_FACTS_MISSING',
          text: "The contract's cancellation terms or the facts of the notice are missing: a person reviews.",
          textNl: 'De opzeggingsvoorwaarden van de overeenkomst of de gegevens van uw opzegging ontbreken.',
          article: 'art. 6:236-6:237 BW',
        },
      ]);
    }
    const assess = (invoicePeriod?: { start: string; end: string; amountCents: number }) =>
      assessCancellation({
        buyer: c.debtor.kind,
        concludedOn: contract.concludedOn,
        concludedVia: contract.concludedVia,
        terms: contract.cancellationTerms as NonNullable<typeof contract.cancellationTerms>,
        claim,
        ...(dispute.evidence.usage ? { usage: dispute.evidence.usage } : {}),
        ...(invoicePeriod ? { invoicePeriod } : {}),
      });
    const overall = assess();
    if (overall.verdict !== 'valid') {
      return overall.verdict === 'needs-review'
        ? needsReview(overall.reasons)
        : { verdict: 'invalid', reasons: overall.reasons };
    }
    const owed = c.invoices.map((invoice) => {
      if (!invoice.periodStart || !invoice.periodEnd) return invoice;
      const result = assess({
        start: invoice.periodStart,
        end: invoice.periodEnd,
        amountCents: invoice.amountCents,
      });
      return { ...invoice, amountCents: result.owedCents ?? invoice.amountCents };
    });
    const nothingOwed = owed.every((i) => i.amountCents === 0);
    return {
      verdict: 'valid',
      reasons: overall.reasons,
      ...(overall.effectiveEnd ? { effectiveEnd: overall.effectiveEnd } : {}),
      upheld: {
        type: 'dispute-decided-by-rules',
        disputeId: dispute.disputeId,
        outcome: 'upheld',
        ...(nothingOwed ? { closesAs: 'cancelled' as const } : {}),
        invoices: owed,
        entryType: 'cancellation-accepted',
        summary: `Cancellation valid, contract ended ${overall.effectiveEnd}; ${nothingOwed ? 'nothing owed' : `still owed ${owed.reduce((s, i) => s + i.amountCents, 0)} cents`}`,
      },
    };
  }

  if (dispute.kind === 'non-performance') return needsReview(NON_PERFORMANCE_CHECKS);
  return needsReview([
    {
      code: 'REVIEW_REQUIRED',
      text: `A dispute about ${dispute.kind === 'amount' ? 'the amount' : 'this claim'} is decided by a reviewer.`,
      textNl: `Een bezwaar tegen ${dispute.kind === 'amount' ? 'het bedrag' : 'deze vordering'} wordt door een medewerker beoordeeld.`,
      article: 'art. 6:44 BW',
    },
  ]);
}

import type { Case } from '../domain/case.ts';
import { cancellationTermsSummary } from '../letters/cancellation-clause.ts';
import type { Creditor } from '../letters/letter-model.ts';
import type { RenderedLetter } from '../ports/letter-delivery.ts';
import type { CalendarDate } from '../rules/calendar.ts';
import type { CancellationTerms } from '../rules/cancellation-terms.ts';
import { chronologySummaryNl } from './chronology-nl.ts';
import type { ComputationLine, Dossier } from './schema.ts';
import { DOSSIER_SCHEMA_VERSION } from './version.ts';

/** One part of the claim and how it was computed (interest stretches, cost bands, payments...). */
export interface ClaimPart {
  amountCents: number;
  computation: ComputationLine[];
}

/**
 * The claim on the handoff date, as the rules engine computed it. Declared loosely so the engine's
 * output maps onto it line by line; the dossier copies it and never recomputes money.
 */
export interface DossierClaim {
  principal: ClaimPart;
  /** `kind` defaults to the statutory rate that fits the debtor (consumer: 6:119, business: 6:119a). */
  interest: ClaimPart & { kind?: 'wettelijke-rente' | 'wettelijke-handelsrente' };
  /** `vatCents` is the VAT included in `amountCents` (0 when the creditor deducts VAT). */
  costs: ClaimPart & { vatCents?: number };
  paid: ClaimPart;
  total: ClaimPart;
  /** The legal sources the computation rests on (article, decree, rate publication). */
  sources?: { label: string; source: string }[];
  /** Interest ran at a rate not yet confirmed from `from` (shared/rules/interest.ts): shown, never silent. */
  ratesUnconfirmed?: { from: CalendarDate; confirmedThrough: CalendarDate } | null;
}

/** Evidence of use of the service that is not part of a dispute (e.g. a usage export). */
export interface ServiceUseEvidence {
  source: string;
  lastUsedOn: CalendarDate | null;
  description: string;
}

export interface BuildDossierInput {
  case: Case;
  creditor: Creditor;
  claim: DossierClaim;
  /** The handoff date. */
  on: CalendarDate;
  /** The letters as rendered, to include their text (matched on letterId); the record alone is kept otherwise. */
  renderedLetters?: RenderedLetter[];
  serviceUse?: ServiceUseEvidence[];
}

export { cancellationTermsSummary };

/** The idempotency key of a case's handoff: one handoff per case, so a repeat is always recognisable. */
export function handoffIdempotencyKey(caseId: string): string {
  return `handoff:${caseId}`;
}

const byInstantThenId = (a: { at: string; id: string }, b: { at: string; id: string }) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The dossier the agency receives (seed 000: debtor, contract and its cancellation terms, every invoice,
 * every letter with its date, the chronology of all contact, disputes with verdicts and reasons, evidence
 * of service use, and the claim on the handoff date with how each amount was computed). Pure.
 */
export function buildDossier(input: BuildDossierInput): Dossier {
  const c = input.case;
  const rendered = new Map((input.renderedLetters ?? []).map((l) => [l.letterId, l]));
  const serviceUse = [
    ...c.disputes.flatMap((d) =>
      d.evidence.usage
        ? [
            {
              source: `dispute ${d.disputeId}`,
              lastUsedOn: d.evidence.usage.lastUsedOn,
              description: d.evidence.usage.description ?? 'Gebruik van de dienst vastgelegd',
            },
          ]
        : [],
    ),
    ...(input.serviceUse ?? []),
  ];
  return {
    schemaVersion: DOSSIER_SCHEMA_VERSION,
    dossierId: `${c.caseId}:${input.on}`,
    caseId: c.caseId,
    createdOn: input.on,
    creditor: {
      name: input.creditor.name,
      address: { ...input.creditor.address },
      kvkNumber: input.creditor.kvkNumber,
      iban: input.creditor.iban,
      email: input.creditor.email,
      vatDeductible: input.creditor.vatDeductible,
    },
    debtor: {
      kind: c.debtor.kind,
      name: c.debtor.name,
      address: { ...c.debtor.address },
      ...(c.debtor.email ? { email: c.debtor.email } : {}),
    },
    contract: c.contract
      ? {
          reference: c.contract.reference,
          subject: c.contract.subject,
          channel: c.contract.channel,
          concludedVia: c.contract.concludedVia,
          concludedOn: c.contract.concludedOn,
          ...(c.contract.goodsReceivedOn ? { goodsReceivedOn: c.contract.goodsReceivedOn } : {}),
          priceCents: c.contract.priceCents,
          coolingOffInformedOn: c.contract.coolingOffInformedOn,
          cancellationTerms: c.contract.cancellationTerms ? dossierTerms(c.contract.cancellationTerms) : null,
        }
      : null,
    invoices: c.invoices.map((i) => ({ ...i })),
    letters: [...c.letters]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((l) => {
        const r = rendered.get(l.letterId);
        return {
          letterId: l.letterId,
          kind: l.kind,
          date: l.date,
          recipient: l.recipient,
          status: l.status,
          ...(l.deliveryReference ? { deliveryReference: l.deliveryReference } : {}),
          contentHash: l.contentHash,
          amounts: { ...l.amounts },
          ...(r ? { content: { subject: r.subject, text: r.text } } : {}),
        };
      }),
    // In Dutch, as the agency reads it; the case keeps the operators' summaries.
    chronology: [...c.chronology]
      .sort(byInstantThenId)
      .map((e) => ({ ...e, summary: chronologySummaryNl(e, c), ...(e.refs ? { refs: { ...e.refs } } : {}) })),
    disputes: c.disputes.map((d) => ({
      disputeId: d.disputeId,
      kind: d.kind,
      raisedOn: d.raisedOn,
      statement: d.statement,
      status: d.status,
      // The reasons in Dutch (a reviewer's note as written): the dossier is read by the agency and a court.
      ...(d.verdict
        ? {
            verdict: {
              ...d.verdict,
              reasons: d.verdict.reasons.map((r) => ({
                code: r.code,
                text: r.textNl ?? r.text,
                article: r.article,
              })),
            },
          }
        : {}),
      ...(d.settlementCents !== undefined ? { settlementCents: d.settlementCents } : {}),
      ...(d.evidence.withdrawalNotice ? { withdrawalNotice: { ...d.evidence.withdrawalNotice } } : {}),
      ...(d.evidence.cancellation ? { cancellation: { ...d.evidence.cancellation } } : {}),
      ...(d.evidence.correspondence
        ? { correspondence: d.evidence.correspondence.map((x) => ({ ...x })) }
        : {}),
    })),
    serviceUse,
    payments: [...c.payments].sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0)),
    settlement: c.settlement
      ? {
          amountCents: c.settlement.amountCents,
          agreedOn: c.settlement.agreedOn,
          disputeId: c.settlement.disputeId,
        }
      : null,
    demandTerm: c.schedule.demandTerm ? { ...c.schedule.demandTerm } : null,
    claim: {
      on: input.on,
      principal: part(input.claim.principal),
      interest: {
        ...part(input.claim.interest),
        kind:
          input.claim.interest.kind ??
          (c.debtor.kind === 'business' ? 'wettelijke-handelsrente' : 'wettelijke-rente'),
      },
      costs: { ...part(input.claim.costs), vatCents: input.claim.costs.vatCents ?? 0 },
      paid: part(input.claim.paid),
      total: part(input.claim.total),
      sources: (input.claim.sources ?? []).map((s) => ({ label: s.label, source: s.source })),
      ...(input.claim.ratesUnconfirmed ? { ratesUnconfirmed: { ...input.claim.ratesUnconfirmed } } : {}),
    },
  };
}

/** The cancellation terms as schema version 1 holds them; a clause's own wording goes into the summary. */
function dossierTerms(terms: CancellationTerms) {
  const summary = cancellationTermsSummary(terms);
  return {
    requiredForm: terms.requiredForm,
    acceptedChannels: [...terms.acceptedChannels],
    noticePeriodMonths: terms.noticePeriodMonths,
    initialTermMonths: terms.initialTermMonths,
    tacitRenewal: terms.tacitRenewal,
    summary: terms.clauseText ? `${summary} Bepaling in de overeenkomst: "${terms.clauseText}"` : summary,
  };
}

function part(p: ClaimPart): ClaimPart {
  return {
    amountCents: p.amountCents,
    computation: p.computation.map((l) => ({ label: l.label, detail: l.detail, amountCents: l.amountCents })),
  };
}

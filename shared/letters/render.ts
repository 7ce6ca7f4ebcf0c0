import type { RenderedLetter } from '../ports/letter-delivery.ts';
import { unconfirmedRatesNoticeNl } from '../rules/interest.ts';
import type { Reason } from '../rules/reason.ts';
import { cancellationClauseQuote } from './cancellation-clause.ts';
import { formatDutchDate, formatEuro } from './format.ts';
import type { LetterInput } from './letter-model.ts';
import {
  escapeHtml,
  expandTemplate,
  markupToHtml,
  markupToText,
  TemplateError,
  type TemplateView,
} from './template-engine.ts';
import { layout, TEMPLATES_NL } from './templates/index.ts';

const INTEREST_LABEL = {
  consumer: 'Wettelijke rente',
  business: 'Wettelijke handelsrente',
} as const;

/**
 * The salutation: the contact person when one is known, else "Geachte heer/mevrouw"; never the debtor's
 * (company) name.
 */
export function salutation(debtor: { contactPerson?: string }): string {
  const person = debtor.contactPerson?.trim();
  return person ? `Geachte ${person}` : 'Geachte heer/mevrouw';
}

/** A reason as the debtor reads it: its Dutch text; a reason without one is refused, never printed in English. */
function dutchReason(r: Reason): { text: string; article: string } {
  if (!r.textNl) throw new TemplateError(`reason ${r.code} has no Dutch text (textNl)`);
  return { text: r.textNl, article: r.article };
}

function listPhrase(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/** What the templates may use: every amount and date already formatted the Dutch way. */
export function letterView(input: LetterInput): TemplateView {
  const c = input.case;
  const { amounts } = input;
  const invoiceByNumber = new Map(c.invoices.map((i) => [i.number, i]));
  const numbers = amounts.perInvoice.map((p) => p.number);
  const dispute = input.disputeId ? c.disputes.find((d) => d.disputeId === input.disputeId) : undefined;
  const reasons = input.reasons ?? dispute?.verdict?.reasons ?? [];
  const terms = c.contract?.cancellationTerms;
  const clause = dispute?.kind === 'cancellation' && terms ? cancellationClauseQuote(terms) : null;
  const agency = input.agencyContact;
  return {
    salutation: salutation(c.debtor),
    letterId: input.letterId,
    caseId: c.caseId,
    date: formatDutchDate(input.date),
    creditor: {
      name: input.creditor.name,
      street: input.creditor.address.street,
      postalCode: input.creditor.address.postalCode,
      city: input.creditor.address.city,
      kvkNumber: input.creditor.kvkNumber,
      iban: input.creditor.iban,
      email: input.creditor.email,
    },
    debtor: {
      name: c.debtor.name,
      street: c.debtor.address.street,
      postalCode: c.debtor.address.postalCode,
      city: c.debtor.address.city,
      country: c.debtor.address.country,
      foreign: !['NL', 'Nederland', 'The Netherlands', 'Netherlands'].includes(c.debtor.address.country),
    },
    hasContract: c.contract !== null,
    contractReference: c.contract?.reference,
    invoicesPhrase:
      numbers.length === 1 ? `factuur ${numbers[0]}` : `de facturen ${listPhrase(numbers.map(String))}`,
    invoicesWithdrawnPhrase:
      numbers.length === 0
        ? ''
        : numbers.length === 1
          ? `Factuur ${numbers[0]} is vervallen.`
          : `De facturen ${listPhrase(numbers)} zijn vervallen.`,
    invoices: amounts.perInvoice.map((p) => {
      const invoice = invoiceByNumber.get(p.number);
      return {
        number: p.number,
        principal: formatEuro(p.principalCents),
        interest: formatEuro(p.interestCents),
        issuedOn: invoice ? formatDutchDate(invoice.issuedOn) : 'onbekend',
        dueOn: invoice ? formatDutchDate(invoice.dueOn) : 'onbekend',
      };
    }),
    interestLabel: INTEREST_LABEL[c.debtor.kind],
    principal: formatEuro(amounts.principalCents),
    interest: formatEuro(amounts.interestCents),
    hasInterest: amounts.interestCents > 0,
    costs: formatEuro(amounts.costsCents),
    hasCosts: amounts.costsCents > 0,
    paid: formatEuro(amounts.paidCents ?? 0),
    hasPaid: (amounts.paidCents ?? 0) > 0,
    total: formatEuro(amounts.totalCents),
    owesNothing: amounts.totalCents === 0,
    costsIfUnpaid: input.costsIfUnpaidCents === undefined ? undefined : formatEuro(input.costsIfUnpaidCents),
    vatStatement: input.vatStatement ?? false,
    hasDemandTerm: input.demandTerm !== undefined,
    deliveredOn: input.demandTerm ? formatDutchDate(input.demandTerm.deliveredOn) : undefined,
    lastDayToPay: input.demandTerm ? formatDutchDate(input.demandTerm.lastDayToPay) : undefined,
    payBy: input.payBy ? formatDutchDate(input.payBy) : undefined,
    effectiveOn: input.effectiveOn ? formatDutchDate(input.effectiveOn) : undefined,
    hasReasons: reasons.length > 0,
    reasons: reasons.map(dutchReason),
    hasClause: clause !== null,
    clauseVerbatim: clause?.verbatim ?? false,
    clauseText: clause?.text,
    hasDispute: dispute !== undefined,
    disputeRaisedOn: dispute ? formatDutchDate(dispute.raisedOn) : undefined,
    disputeStatement: dispute?.statement,
    agencyName: input.agencyName,
    ratesNotice: amounts.ratesUnconfirmed ? unconfirmedRatesNoticeNl(amounts.ratesUnconfirmed) : undefined,
    agency: agency
      ? {
          street: agency.street,
          postalCode: agency.postalCode,
          city: agency.city,
          phone: agency.phone,
          email: agency.email,
        }
      : undefined,
    hasAgencyReference: Boolean(c.handoff),
    agencyReference: c.handoff?.agencyReference,
  };
}

function htmlDocument(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: Georgia, 'Times New Roman', serif; max-width: 42em; margin: 2em auto; line-height: 1.45; color: #111; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { padding: 0.2em 0.8em 0.2em 0; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #999; }
.amount { text-align: right; white-space: nowrap; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * Renders a letter in Dutch from its template. Throws TemplateError when the input lacks a value the
 * template needs (e.g. a 14-day letter without the cost amount): a letter is never rendered with a gap.
 */
export function renderLetter(input: LetterInput): RenderedLetter {
  const template = TEMPLATES_NL[input.kind];
  const view = letterView(input);
  const subject = expandTemplate(template.subject, view);
  const body = expandTemplate(template.body, view);
  const markup = expandTemplate(layout, { ...view, subject, body });
  const debtor = input.case.debtor;
  return {
    letterId: input.letterId,
    caseId: input.case.caseId,
    kind: input.kind,
    date: input.date,
    recipient: {
      name: debtor.name,
      ...(debtor.email ? { email: debtor.email } : {}),
      address: [
        debtor.address.street,
        `${debtor.address.postalCode} ${debtor.address.city}`,
        debtor.address.country,
      ],
    },
    subject,
    html: htmlDocument(subject, markupToHtml(markup)),
    text: markupToText(markup),
  };
}

import type { LetterTemplate } from './types.ts';

/**
 * Aanmaning: the demand (for business debtors; consumers receive the 14-day letter instead). The claim table
 * adds up to the total; earlier payments are already deducted and named in a sentence.
 */
export const demand: LetterTemplate = {
  kind: 'demand',
  subject: 'Aanmaning',
  body: `{{salutation}},

Ondanks onze eerdere herinnering hebben wij de betaling van {{invoicesPhrase}} nog niet ontvangen. Op {{date}} is het volgende verschuldigd:

| Factuur | Vervaldatum | Hoofdsom | Rente
{{#invoices}}
| {{number}} | {{dueOn}} | {{principal}} | {{interest}}
{{/invoices}}

| Vordering per {{date}} | Bedrag
| Hoofdsom | {{principal}}
| {{interestLabel}} | {{interest}}
{{#hasCosts}}
| Buitengerechtelijke incassokosten | {{costs}}
{{/hasCosts}}
| Totaal te betalen | {{total}}
{{#hasPaid}}

Wat u al betaalde ({{paid}}), is hierin verrekend.
{{/hasPaid}}

Wij sommeren u het totaalbedrag van **{{total}}** {{#payBy}}uiterlijk {{payBy}}{{/payBy}}{{^payBy}}per omgaande{{/payBy}} over te maken op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}. De rente loopt door tot de dag van betaling.

Blijft betaling uit, dan geven wij de vordering zonder verdere aankondiging uit handen aan een incassobureau. Bent u het niet eens met de vordering, laat het ons dan direct weten via {{creditor.email}}.`,
};

import type { LetterTemplate } from './types.ts';

/** Reactie op een bezwaar dat wij afwijzen: each reason with the clause or article it rests on. */
export const disputeRejection: LetterTemplate = {
  kind: 'dispute-rejection',
  subject: 'Reactie op uw bezwaar',
  body: `Geachte {{debtor.name}},

{{#hasDispute}}
Op {{disputeRaisedOn}} maakte u bezwaar tegen onze vordering: "{{disputeStatement}}"
{{/hasDispute}}
{{^hasDispute}}
U maakte bezwaar tegen onze vordering.
{{/hasDispute}}

Wij hebben uw bezwaar zorgvuldig beoordeeld, maar kunnen het niet toewijzen. De redenen zijn:

{{#reasons}}
- {{text}} (grondslag: {{article}})
{{/reasons}}

De vordering blijft daarom bestaan. Op {{date}} is het volgende verschuldigd:

| Vordering per {{date}} | Bedrag
| Hoofdsom | {{principal}}
{{#hasInterest}}
| {{interestLabel}} | {{interest}}
{{/hasInterest}}
{{#hasCosts}}
| Buitengerechtelijke incassokosten | {{costs}}
{{/hasCosts}}
{{#hasPaid}}
| Reeds betaald | {{paid}}
{{/hasPaid}}
| Totaal te betalen | {{total}}

Wij hervatten de incassoprocedure. Wij verzoeken u het bedrag van {{total}} {{#payBy}}uiterlijk {{payBy}}{{/payBy}}{{^payBy}}zo spoedig mogelijk{{/payBy}} over te maken op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}. Heeft u nieuwe informatie die wij niet kenden, stuur die dan naar {{creditor.email}}.`,
};

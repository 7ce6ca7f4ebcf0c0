import type { LetterTemplate } from './types.ts';

/**
 * Reactie op een bezwaar dat wij afwijzen: each reason in Dutch with the clause or article it rests on, and
 * for a cancellation the contract's cancellation clause the notice did not meet (DOMAIN.md section 3).
 */
export const disputeRejection: LetterTemplate = {
  kind: 'dispute-rejection',
  subject: 'Reactie op uw bezwaar',
  body: `{{salutation}},

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

{{#hasClause}}
{{#clauseVerbatim}}
De bepaling over opzeggen in uw overeenkomst{{#hasContract}} {{contractReference}}{{/hasContract}} luidt: "{{clauseText}}"
{{/clauseVerbatim}}
{{^clauseVerbatim}}
In uw overeenkomst{{#hasContract}} {{contractReference}}{{/hasContract}} is over opzeggen afgesproken: {{clauseText}}
{{/clauseVerbatim}}
{{/hasClause}}

De vordering blijft daarom bestaan. Op {{date}} is het volgende verschuldigd:

| Vordering per {{date}} | Bedrag
| Hoofdsom | {{principal}}
{{#hasInterest}}
| {{interestLabel}} | {{interest}}
{{/hasInterest}}
{{#hasCosts}}
| Buitengerechtelijke incassokosten | {{costs}}
{{/hasCosts}}
| Totaal te betalen | {{total}}
{{#hasPaid}}

Wat u al betaalde ({{paid}}), is hierin verrekend.
{{/hasPaid}}

Wij hervatten de incassoprocedure. Wij verzoeken u het bedrag van {{total}} {{#payBy}}uiterlijk {{payBy}}{{/payBy}}{{^payBy}}zo spoedig mogelijk{{/payBy}} over te maken op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}. Heeft u nieuwe informatie die wij niet kenden, stuur die dan naar {{creditor.email}}.`,
};

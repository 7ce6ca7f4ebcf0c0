import type { LetterTemplate } from './types.ts';

/**
 * Bevestiging van de opzegging: the contract's end date and what, if anything, is still owed. The table adds
 * up to the total: what stays owed per invoice, and interest and costs where the claim has them.
 */
export const cancellationConfirmation: LetterTemplate = {
  kind: 'cancellation-confirmation',
  subject: 'Bevestiging van uw opzegging',
  body: `{{salutation}},

Wij bevestigen de opzegging van {{#hasContract}}uw overeenkomst {{contractReference}}{{/hasContract}}{{^hasContract}}uw overeenkomst{{/hasContract}}.{{#effectiveOn}} De overeenkomst eindigt op {{effectiveOn}}.{{/effectiveOn}}

{{#hasReasons}}
Onze beoordeling:

{{#reasons}}
- {{text}} ({{article}})
{{/reasons}}
{{/hasReasons}}

{{#owesNothing}}
U bent ons niets verschuldigd. {{invoicesWithdrawnPhrase}}
{{/owesNothing}}
{{^owesNothing}}
Over de periode tot het einde van de overeenkomst bent u nog het volgende verschuldigd:

| Factuur | Verschuldigd
{{#invoices}}
| {{number}} | {{principal}}
{{/invoices}}
{{#hasInterest}}
| {{interestLabel}} tot en met {{date}} | {{interest}}
{{/hasInterest}}
{{#hasCosts}}
| Buitengerechtelijke incassokosten | {{costs}}
{{/hasCosts}}
| Totaal | {{total}}
{{#hasPaid}}

Wat u al betaalde ({{paid}}), is hierin verrekend.
{{/hasPaid}}

Wij verzoeken u dit bedrag over te maken op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}.
{{/owesNothing}}

Heeft u vragen, neem dan contact met ons op via {{creditor.email}}.`,
};

import type { LetterTemplate } from './types.ts';

/**
 * Betalingsherinnering: the first, friendly reminder after the due date. Its table adds up to the total:
 * the open principal per invoice, the interest and, where the claim says they are already due, the
 * collection costs (a business's; a consumer's only after a 14-day letter). Earlier payments are already
 * deducted from these amounts, so they are a sentence below the table, not a line in it.
 */
export const reminder: LetterTemplate = {
  kind: 'reminder',
  subject: 'Betalingsherinnering',
  body: `{{salutation}},

Volgens onze administratie hebben wij de betaling van {{invoicesPhrase}} nog niet (volledig) ontvangen:

| Factuur | Factuurdatum | Vervaldatum | Openstaand
{{#invoices}}
| {{number}} | {{issuedOn}} | {{dueOn}} | {{principal}}
{{/invoices}}
{{#hasInterest}}
| {{interestLabel}} tot en met {{date}} | | | {{interest}}
{{/hasInterest}}
{{#hasCosts}}
| Buitengerechtelijke incassokosten | | | {{costs}}
{{/hasCosts}}
| Totaal | | | {{total}}
{{#hasPaid}}

Wat u al betaalde ({{paid}}), is hierin verrekend.
{{/hasPaid}}
{{#hasCosts}}

De incassokosten zijn berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten (art. 6:96 BW).
{{/hasCosts}}

Mogelijk is dit aan uw aandacht ontsnapt. Wij verzoeken u het bedrag van {{total}} {{#payBy}}uiterlijk {{payBy}}{{/payBy}}{{^payBy}}zo spoedig mogelijk{{/payBy}} over te maken op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}.

Heeft u inmiddels betaald, dan kunt u deze herinnering als niet verzonden beschouwen. Heeft u vragen over de factuur of bent u het er niet mee eens, laat het ons dan weten via {{creditor.email}}.`,
};

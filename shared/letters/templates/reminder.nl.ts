import type { LetterTemplate } from './types.ts';

/** Betalingsherinnering: the first, friendly reminder after the due date. */
export const reminder: LetterTemplate = {
  kind: 'reminder',
  subject: 'Betalingsherinnering',
  body: `Geachte {{debtor.name}},

Volgens onze administratie hebben wij de betaling van {{invoicesPhrase}} nog niet (volledig) ontvangen:

| Factuur | Factuurdatum | Vervaldatum | Openstaand
{{#invoices}}
| {{number}} | {{issuedOn}} | {{dueOn}} | {{principal}}
{{/invoices}}
{{#hasInterest}}
| {{interestLabel}} tot en met {{date}} | | | {{interest}}
{{/hasInterest}}
{{#hasPaid}}
| Reeds betaald | | | {{paid}}
{{/hasPaid}}
| Totaal | | | {{total}}

Mogelijk is dit aan uw aandacht ontsnapt. Wij verzoeken u het bedrag van {{total}} {{#payBy}}uiterlijk {{payBy}}{{/payBy}}{{^payBy}}zo spoedig mogelijk{{/payBy}} over te maken op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}.

Heeft u inmiddels betaald, dan kunt u deze herinnering als niet verzonden beschouwen. Heeft u vragen over de factuur of bent u het er niet mee eens, laat het ons dan weten via {{creditor.email}}.`,
};

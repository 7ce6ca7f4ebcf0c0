import type { LetterTemplate } from './types.ts';

/**
 * Kennisgeving: the claim was "uit handen gegeven" to a collection agency, which collects it for the
 * creditor ("overgedragen" would read as an assignment of the claim, which it is not). Names the agency, how
 * to reach it, and the references to quote.
 */
export const handoffNotice: LetterTemplate = {
  kind: 'handoff-notice',
  subject: 'Wij hebben de vordering uit handen gegeven aan {{agencyName}}',
  body: `{{salutation}},

Ondanks onze herinnering en aanmaning hebben wij de betaling van {{invoicesPhrase}} niet ontvangen. Wij hebben de vordering daarom op {{date}} uit handen gegeven aan incassobureau {{agencyName}}. {{agencyName}} int de vordering voor ons.

| Vordering per {{date}} | Bedrag
| Hoofdsom | {{principal}}
| {{interestLabel}} | {{interest}}
{{#hasCosts}}
| Buitengerechtelijke incassokosten | {{costs}}
{{/hasCosts}}
| Totaal | {{total}}
{{#hasPaid}}

Wat u al betaalde ({{paid}}), is hierin verrekend.
{{/hasPaid}}

{{agencyName}} neemt contact met u op. Voor betalingen en vragen over deze vordering kunt u zich vanaf nu tot {{agencyName}} wenden:

{{agencyName}}
{{agency.street}}
{{agency.postalCode}} {{agency.city}}
Telefoon: {{agency.phone}}
E-mail: {{agency.email}}

Vermeld daarbij {{#hasAgencyReference}}het kenmerk {{agencyReference}} van {{agencyName}} en {{/hasAgencyReference}}ons dossiernummer {{caseId}}.`,
};

import type { LetterTemplate } from './types.ts';

/**
 * De veertiendagenbrief (art. 6:96 lid 6 BW; DOMAIN.md section 5): the principal per invoice, the term in
 * the statutory wording, and the exact collection costs that become due when the term passes unpaid.
 * The term sentence must stay word for word: "binnen veertien dagen vanaf de dag nadat deze brief bij u
 * is bezorgd" (checkLetterBeforeSending refuses a letter without it).
 */
export const fourteenDayLetter: LetterTemplate = {
  kind: 'fourteen-day-letter',
  subject: 'Laatste herinnering: betaal binnen veertien dagen en voorkom incassokosten',
  body: `{{salutation}},

Ondanks onze eerdere herinnering hebben wij de betaling van {{invoicesPhrase}} nog niet ontvangen. U bent daarom in verzuim. Het gaat om:

| Factuur | Factuurdatum | Vervaldatum | Hoofdsom
{{#invoices}}
| {{number}} | {{issuedOn}} | {{dueOn}} | {{principal}}
{{/invoices}}
| Totaal hoofdsom | | | {{principal}}
{{#hasInterest}}
| {{interestLabel}} tot en met {{date}} | | | {{interest}}
{{/hasInterest}}
| Nu te betalen | | | {{total}}
{{#hasPaid}}

Wat u al betaalde ({{paid}}), is hierin verrekend.
{{/hasPaid}}

Wij geven u de gelegenheid het bedrag van {{total}} binnen veertien dagen vanaf de dag nadat deze brief bij u is bezorgd te betalen, zonder dat u incassokosten verschuldigd bent. Maak het bedrag over op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}.
{{#hasDemandTerm}}

Wij gaan ervan uit dat deze brief op {{deliveredOn}} bij u wordt bezorgd; de termijn loopt dan tot en met {{lastDayToPay}}. Is de brief later bezorgd, dan eindigt de termijn ook later.
{{/hasDemandTerm}}

Betaalt u niet binnen deze termijn, dan bent u naast het bovenstaande bedrag buitengerechtelijke incassokosten verschuldigd van **{{costsIfUnpaid}}**.{{#vatStatement}} Dit bedrag is inclusief btw, omdat wij de btw niet kunnen verrekenen.{{/vatStatement}} Deze kosten zijn berekend volgens het Besluit vergoeding voor buitengerechtelijke incassokosten over de totale hoofdsom van {{principal}}. Betaalt u binnen de termijn een deel, dan berekenen wij de incassokosten alleen over het deel dat onbetaald blijft. De wettelijke rente loopt door tot de dag van betaling.

Bent u het niet eens met de vordering, laat het ons dan binnen deze termijn weten via {{creditor.email}}. Zolang wij uw bezwaar beoordelen, nemen wij geen verdere stappen.`,
};

import type { LetterTemplate } from './types.ts';

/** Kennisgeving van overdracht: the claim has gone to a collection agency. */
export const handoffNotice: LetterTemplate = {
  kind: 'handoff-notice',
  subject: 'Overdracht van uw dossier aan {{agencyName}}',
  body: `Geachte {{debtor.name}},

Ondanks onze herinnering en aanmaning hebben wij de betaling van {{invoicesPhrase}} niet ontvangen. Wij hebben de vordering daarom op {{date}} overgedragen aan {{agencyName}}.

| Vordering per {{date}} | Bedrag
| Hoofdsom | {{principal}}
| {{interestLabel}} | {{interest}}
{{#hasCosts}}
| Buitengerechtelijke incassokosten | {{costs}}
{{/hasCosts}}
{{#hasPaid}}
| Reeds betaald | {{paid}}
{{/hasPaid}}
| Totaal | {{total}}

{{agencyName}} neemt contact met u op. Voor betalingen en vragen over deze vordering kunt u zich vanaf nu tot {{agencyName}} wenden, onder vermelding van dossiernummer {{caseId}}.`,
};

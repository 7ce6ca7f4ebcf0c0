import type { LetterTemplate } from './types.ts';

/** Bevestiging van de herroeping (cooling-off, arts. 6:230g-6:230z BW), on a durable medium. */
export const withdrawalConfirmation: LetterTemplate = {
  kind: 'withdrawal-confirmation',
  subject: 'Bevestiging van uw herroeping',
  body: `Geachte {{debtor.name}},

Wij bevestigen dat wij uw herroeping{{#hasContract}} van de overeenkomst {{contractReference}}{{/hasContract}} hebben ontvangen en dat u binnen de bedenktijd heeft herroepen. De overeenkomst is daarmee ontbonden.

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
U had uitdrukkelijk gevraagd om tijdens de bedenktijd met de dienst te beginnen. Voor wat tot de herroeping is geleverd, bent u een evenredig bedrag van {{total}} verschuldigd. Wij verzoeken u dit bedrag over te maken op rekening {{creditor.iban}} ten name van {{creditor.name}}, onder vermelding van dossiernummer {{caseId}}.
{{/owesNothing}}

Heeft u vragen, neem dan contact met ons op via {{creditor.email}}.`,
};

import type { LetterTemplate } from './types.ts';

/**
 * Bevestiging van de herroeping (cooling-off, arts. 6:230g-6:230z BW), on a durable medium. It states that
 * payments are refunded within 14 days of the day the trader learned of the withdrawal (6:230r lid 1).
 */
export const withdrawalConfirmation: LetterTemplate = {
  kind: 'withdrawal-confirmation',
  subject: 'Bevestiging van uw herroeping',
  body: `{{salutation}},

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

{{#hasPaid}}
U heeft ons {{paid}} betaald. {{#owesNothing}}Dat bedrag betalen wij u terug{{/owesNothing}}{{^owesNothing}}Wat u meer betaalde dan het bedrag hierboven, betalen wij u terug{{/owesNothing}} binnen 14 dagen na de dag waarop wij uw herroeping ontvingen (art. 6:230r BW).
{{/hasPaid}}
{{^hasPaid}}
Heeft u ons voor deze overeenkomst al iets betaald, dan betalen wij dat{{^owesNothing}} voor zover het meer is dan het bedrag hierboven{{/owesNothing}} terug binnen 14 dagen na de dag waarop wij uw herroeping ontvingen (art. 6:230r BW).
{{/hasPaid}}

Heeft u vragen, neem dan contact met ons op via {{creditor.email}}.`,
};

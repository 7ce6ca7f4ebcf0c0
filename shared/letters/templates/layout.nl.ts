/**
 * The frame every letter shares: the creditor's details, the recipient, place and date, subject and
 * references, the body of the letter's kind (`{{body}}` is replaced by it) and the closing.
 */
export const layout = `{{creditor.name}}
{{creditor.street}}
{{creditor.postalCode}} {{creditor.city}}
KvK {{creditor.kvkNumber}} · IBAN {{creditor.iban}} · {{creditor.email}}

{{debtor.name}}
{{debtor.street}}
{{debtor.postalCode}} {{debtor.city}}
{{#debtor.foreign}}
{{debtor.country}}
{{/debtor.foreign}}

{{creditor.city}}, {{date}}

**Betreft: {{subject}}**
Dossiernummer: {{caseId}}
Kenmerk brief: {{letterId}}

{{body}}
{{#ratesNotice}}

{{ratesNotice}}
{{/ratesNotice}}

Met vriendelijke groet,

{{creditor.name}}
`;

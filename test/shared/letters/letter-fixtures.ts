import type { Case } from '../../../shared/domain/case.ts';
import type { Creditor, LetterInput } from '../../../shared/letters/letter-model.ts';
import { aCase } from '../../support/case-fixture.ts';

/**
 * A consumer who signed up door to door for a service and left two invoices unpaid (DOMAIN.md example 7:
 * EUR 150 + EUR 200 in one letter, costs EUR 52.50), built on the shared `aCase`.
 */
export function consumerCase(overrides: Partial<Case> = {}): Case {
  return aCase({
    caseId: 'case-0001',
    creditorId: 'energie-direct',
    debtor: {
      kind: 'consumer',
      name: 'J. de Vries',
      address: { street: 'Kerkstraat 12', postalCode: '1017 GB', city: 'Amsterdam', country: 'NL' },
      email: 'j.devries@example.nl',
    },
    contract: {
      reference: 'ED-2024-7781',
      subject: 'service',
      channel: 'off-premises',
      concludedVia: 'in-person',
      concludedOn: '2024-10-01',
      priceCents: 42_000,
      coolingOffInformedOn: '2024-10-01',
      cancellationTerms: {
        requiredForm: 'written',
        acceptedChannels: [],
        noticePeriodMonths: 1,
        initialTermMonths: 12,
        tacitRenewal: true,
      },
    },
    invoices: [
      { number: 'F-2025-0012', amountCents: 15_000, issuedOn: '2025-01-02', dueOn: '2025-01-16' },
      { number: 'F-2025-0047', amountCents: 20_000, issuedOn: '2025-02-01', dueOn: '2025-02-15' },
    ],
    stage: 'reminded',
    pauses: [],
    schedule: {
      reminderOn: '2025-02-20',
      demandOn: '2025-03-03',
      demandTerm: null,
      handoffOn: null,
      dunningAllowedFrom: '2024-10-16',
    },
    payments: [],
    disputes: [],
    letters: [],
    settlement: null,
    waiting: null,
    handoff: null,
    chronology: [
      {
        id: 'opened',
        at: '2025-02-17T09:00:00.000Z',
        on: '2025-02-17',
        type: 'case-opened',
        actor: 'intake',
        summary: 'Dossier geopend voor 2 onbetaalde facturen',
      },
    ],
    openedAt: '2025-02-17T09:00:00.000Z',
    version: 3,
    ...overrides,
  });
}

export const creditor: Creditor = {
  name: 'Energie Direct B.V.',
  address: { street: 'Stationsplein 1', postalCode: '3511 ED', city: 'Utrecht', country: 'NL' },
  kvkNumber: '12345678',
  iban: 'NL91 ABNA 0417 1643 00',
  email: 'debiteuren@energiedirect.example',
  vatDeductible: false,
};

/** A collection agency's contact details, as the handoff notice gives them. */
export const agencyContact = {
  street: 'Postbus 500',
  postalCode: '9700 AM',
  city: 'Groningen',
  phone: '050 123 45 67',
  email: 'info@incassonoord.example',
};

/** The 14-day letter of DOMAIN.md example 9: sent Mon 2025-03-03, delivered Wed 03-05, last day 03-19. */
export function fourteenDayLetterInput(overrides: Partial<LetterInput> = {}): LetterInput {
  return {
    kind: 'fourteen-day-letter',
    letterId: 'case-0001:fourteen-day-letter:1',
    date: '2025-03-03',
    creditor,
    case: consumerCase(),
    amounts: {
      perInvoice: [
        { number: 'F-2025-0012', principalCents: 15_000, interestCents: 74 },
        { number: 'F-2025-0047', principalCents: 20_000, interestCents: 49 },
      ],
      principalCents: 35_000,
      interestCents: 123,
      costsCents: 0,
      totalCents: 35_123,
    },
    demandTerm: { deliveredOn: '2025-03-05', lastDayToPay: '2025-03-19', costsDueFrom: '2025-03-20' },
    // EUR 52.50 (BIK on 350.00) plus VAT, because this creditor cannot deduct VAT: EUR 63.53.
    costsIfUnpaidCents: 6_353,
    vatStatement: true,
    ...overrides,
  };
}

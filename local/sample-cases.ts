import type { CalendarDate } from '../shared/rules/calendar.ts';

/** What happens to a sample case, on which day (10:00 Amsterdam), through the case API. */
export type SampleAction =
  | { on: CalendarDate; do: 'open' }
  | { on: CalendarDate; do: 'pay'; reference: string; amountCents: number | 'everything-owed' }
  | { on: CalendarDate; do: 'dispute'; body: Record<string, unknown> }
  | {
      on: CalendarDate;
      do: 'decide';
      decision: 'reject' | 'accept' | 'settle';
      note: string;
      settlementCents?: number;
    };

export interface SampleCase {
  key: string;
  title: string;
  /** What the demo must end in: a closed stage, or waiting for a person. */
  expected: { stage: string; workflow: 'SUCCEEDED' | 'RUNNING' | 'FAILED'; waitingIn?: string };
  intake: Record<string, unknown>;
  actions: SampleAction[];
}

const address = (street: string, postalCode: string, city: string) => ({
  street,
  postalCode,
  city,
  country: 'NL',
});

export const DEMO_START = '2026-03-02';
export const DEMO_END = '2026-10-30';

export const SAMPLE_CASES: SampleCase[] = [
  {
    key: 'never-pays',
    title: 'Consumer who never pays (SaaS subscription)',
    expected: { stage: 'handed-off', workflow: 'SUCCEEDED' },
    intake: {
      debtor: {
        kind: 'consumer',
        name: 'J. de Vries',
        email: 'j.devries@example.nl',
        address: address('Dorpsstraat 1', '1234 AB', 'Utrecht'),
      },
      contract: null,
      invoices: [{ number: 'INV-2026-0101', amountCents: 8900, issuedOn: '2026-02-01', dueOn: '2026-02-15' }],
    },
    actions: [{ on: '2026-03-02', do: 'open' }],
  },
  {
    key: 'pays-after-reminder',
    title: 'Consumer who pays after the reminder',
    expected: { stage: 'paid', workflow: 'SUCCEEDED' },
    intake: {
      debtor: {
        kind: 'consumer',
        name: 'A. Jansen',
        email: 'a.jansen@example.nl',
        address: address('Kerkweg 12', '2345 BC', 'Leiden'),
      },
      contract: null,
      invoices: [{ number: 'INV-2026-0102', amountCents: 4550, issuedOn: '2026-02-03', dueOn: '2026-02-17' }],
    },
    actions: [
      { on: '2026-03-02', do: 'open' },
      { on: '2026-03-12', do: 'pay', reference: 'BANK-0102-1', amountCents: 'everything-owed' },
    ],
  },
  {
    key: 'business-pays-in-parts',
    title: 'Business client who pays part and then the rest',
    expected: { stage: 'paid', workflow: 'SUCCEEDED' },
    intake: {
      debtor: {
        kind: 'business',
        name: 'Bouwbedrijf Noord B.V.',
        email: 'administratie@bouwbedrijf-noord.example',
        address: address('Industrieweg 5', '9723 AA', 'Groningen'),
      },
      contract: null,
      invoices: [
        { number: 'INV-2026-0103', amountCents: 1_200_000, issuedOn: '2026-01-20', dueOn: '2026-02-19' },
      ],
    },
    actions: [
      { on: '2026-03-02', do: 'open' },
      { on: '2026-03-20', do: 'pay', reference: 'BANK-0103-1', amountCents: 500_000 },
      { on: '2026-03-27', do: 'pay', reference: 'BANK-0103-2', amountCents: 'everything-owed' },
    ],
  },
  {
    key: 'door-to-door-withdrawal',
    title: 'Door-to-door energy customer who withdraws by post within the cooling-off period',
    expected: { stage: 'withdrawn', workflow: 'SUCCEEDED' },
    intake: {
      debtor: {
        kind: 'consumer',
        name: 'M. Bakker',
        email: 'm.bakker@example.nl',
        address: address('Lindelaan 8', '3456 CD', 'Amersfoort'),
      },
      contract: {
        reference: 'ENERGY-77812',
        subject: 'service',
        channel: 'off-premises',
        concludedVia: 'in-person',
        concludedOn: '2026-04-02',
        priceCents: 144_000,
        coolingOffInformedOn: '2026-04-02',
      },
      invoices: [
        { number: 'INV-2026-0104', amountCents: 12_000, issuedOn: '2026-04-03', dueOn: '2026-04-10' },
      ],
    },
    actions: [
      { on: '2026-04-11', do: 'open' },
      {
        on: '2026-04-20',
        do: 'dispute',
        body: {
          kind: 'withdrawal',
          statement: 'Ik heb het contract binnen de bedenktijd per brief herroepen.',
          evidence: { withdrawalNotice: { sentOn: '2026-04-16', channel: 'post' } },
        },
      },
    ],
  },
  {
    key: 'phone-cancellation-kept-using',
    title: 'Customer who says they cancelled by phone (contract: in writing) and kept using the service',
    expected: { stage: 'handed-off', workflow: 'SUCCEEDED' },
    intake: {
      debtor: {
        kind: 'business',
        name: 'Kapsalon Knip B.V.',
        email: 'info@kapsalon-knip.example',
        address: address('Marktplein 3', '5611 AB', 'Eindhoven'),
      },
      contract: {
        reference: 'SAAS-5521',
        subject: 'service',
        channel: 'distance',
        concludedVia: 'online',
        concludedOn: '2025-01-10',
        priceCents: 59_880,
        coolingOffInformedOn: '2025-01-10',
        cancellationTerms: {
          requiredForm: 'written',
          acceptedChannels: ['email', 'post'],
          noticePeriodMonths: 1,
          initialTermMonths: 12,
          tacitRenewal: true,
        },
      },
      invoices: [
        {
          number: 'INV-2026-0105',
          amountCents: 4_990,
          issuedOn: '2026-02-01',
          dueOn: '2026-02-15',
          periodStart: '2026-02-01',
          periodEnd: '2026-02-28',
        },
      ],
    },
    actions: [
      { on: '2026-03-02', do: 'open' },
      {
        on: '2026-03-12',
        do: 'dispute',
        body: {
          kind: 'cancellation',
          statement: 'Ik heb in januari telefonisch opgezegd.',
          evidence: {
            cancellation: {
              noticeSentOn: '2026-01-05',
              noticeReceivedOn: '2026-01-05',
              channel: 'phone',
              confirmedByTrader: false,
            },
            usage: {
              lastUsedOn: '2026-02-26',
              description: 'Ingelogd en afspraken gemaakt in de salonagenda',
            },
          },
        },
      },
    ],
  },
  {
    key: 'software-project-dispute',
    title: 'Software-project client who stops paying over delays (waits for a reviewer)',
    expected: { stage: 'reminded', workflow: 'RUNNING', waitingIn: 'AwaitReviewerDecision' },
    intake: {
      debtor: {
        kind: 'business',
        name: 'Logistiek Centraal B.V.',
        email: 'crediteuren@logistiek-centraal.example',
        address: address('Havenstraat 40', '3011 AA', 'Rotterdam'),
      },
      contract: null,
      invoices: [
        { number: 'INV-2026-0106', amountCents: 12_500_000, issuedOn: '2026-01-15', dueOn: '2026-02-14' },
        { number: 'INV-2026-0107', amountCents: 12_500_000, issuedOn: '2026-01-31', dueOn: '2026-03-02' },
      ],
    },
    actions: [
      { on: '2026-03-09', do: 'open' },
      {
        on: '2026-03-11',
        do: 'dispute',
        body: {
          kind: 'non-performance',
          statement:
            'Het project loopt maanden vertraging op; wij schorten betaling op en houden u aansprakelijk voor de schade en rente.',
          evidence: {
            correspondence: [
              {
                on: '2026-02-20',
                summary: 'E-mail van de klant over vertraging fase 3',
                reference: 'MAIL-3312',
              },
            ],
          },
        },
      },
    ],
  },
];

import type { Case, ChronologyEntry } from '../../shared/domain/case.ts';

/**
 * A complete, valid case as intake opens it: a consumer in Utrecht who took out a streaming
 * subscription online and left one invoice of EUR 89.00 unpaid. Every field the model has is set
 * (nothing left to "undefined by accident"); pass overrides for what a test is about.
 */
export function aCase(overrides: Partial<Case> = {}): Case {
  const base: Case = {
    caseId: 'case-2026-000123',
    creditorId: 'creditor-stroomlijn',
    debtor: {
      kind: 'consumer',
      name: 'J. de Vries',
      address: { street: 'Oudegracht 12', postalCode: '3511 AP', city: 'Utrecht', country: 'NL' },
      email: 'j.devries@example.nl',
    },
    contract: {
      reference: 'SUB-88812',
      subject: 'service',
      channel: 'distance',
      concludedVia: 'online',
      concludedOn: '2025-09-01',
      priceCents: 8_900,
      coolingOffInformedOn: '2025-09-01',
      cancellationTerms: {
        requiredForm: 'any',
        acceptedChannels: [],
        noticePeriodMonths: 1,
        initialTermMonths: 0,
        tacitRenewal: false,
      },
    },
    invoices: [
      {
        number: 'INV-2026-0042',
        amountCents: 8_900,
        issuedOn: '2026-01-05',
        dueOn: '2026-02-04',
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
      },
    ],
    stage: 'opened',
    pauses: [],
    schedule: {
      reminderOn: '2026-02-11',
      demandOn: null,
      demandTerm: null,
      handoffOn: null,
      dunningAllowedFrom: null,
    },
    payments: [],
    disputes: [],
    letters: [],
    settlement: null,
    waiting: null,
    handoff: null,
    chronology: [
      anEntry({
        id: 'case-opened',
        at: '2026-02-05T08:00:00.000Z',
        on: '2026-02-05',
        type: 'case-opened',
        actor: 'system:intake',
        summary: 'Case opened for unpaid invoice INV-2026-0042 (EUR 89.00)',
        refs: { invoice: 'INV-2026-0042' },
      }),
    ],
    openedAt: '2026-02-05T08:00:00.000Z',
    version: 1,
  };
  return { ...base, ...overrides };
}

/** A chronology line; `id` is what makes appending it idempotent. */
export function anEntry(overrides: Partial<ChronologyEntry> = {}): ChronologyEntry {
  return {
    id: 'note-1',
    at: '2026-02-06T09:30:00.000Z',
    on: '2026-02-06',
    type: 'note',
    actor: 'user:case-handler',
    summary: 'Debtor called; says the payment is on its way',
    ...overrides,
  };
}

import type { Case } from '../../../shared/domain/case.ts';
import type { BuildDossierInput, DossierClaim } from '../../../shared/dossier/build.ts';
import { renderLetter } from '../../../shared/letters/render.ts';
import { consumerCase, creditor, fourteenDayLetterInput } from '../letters/letter-fixtures.ts';

/**
 * The consumer of the letters' fixture, three weeks after the 14-day letter: it was delivered, the term
 * ran through 19 March 2025, the debtor claimed to have cancelled by phone, the rules rejected it
 * (registered usage after the claimed date), and nothing was paid. Handoff on 24 March 2025.
 */
export function caseReadyForHandoff(overrides: Partial<Case> = {}): Case {
  const letter = renderLetter(fourteenDayLetterInput());
  return consumerCase({
    stage: 'demanded',
    schedule: {
      reminderOn: '2025-02-20',
      demandOn: '2025-03-03',
      demandTerm: { deliveredOn: '2025-03-05', lastDayToPay: '2025-03-19', costsDueFrom: '2025-03-20' },
      handoffOn: '2025-03-20',
      dunningAllowedFrom: '2024-10-16',
    },
    letters: [
      {
        letterId: letter.letterId,
        kind: 'fourteen-day-letter',
        date: '2025-03-03',
        recipient: 'j.devries@example.nl',
        contentHash: 'c0ffee'.padEnd(64, '0'),
        amounts: { principalCents: 35_000, interestCents: 123, costsCents: 0, totalCents: 35_123 },
        status: 'delivered',
        deliveryReference: 'ses-0100018f',
      },
      {
        letterId: 'case-0001:reminder:1',
        kind: 'reminder',
        date: '2025-02-20',
        recipient: 'j.devries@example.nl',
        contentHash: 'abc123'.padEnd(64, '0'),
        amounts: { principalCents: 35_000, interestCents: 0, costsCents: 0, totalCents: 35_000 },
        status: 'delivered',
        deliveryReference: 'ses-0100017a',
      },
    ],
    disputes: [
      {
        disputeId: 'd-1',
        kind: 'cancellation',
        raisedOn: '2025-03-06',
        statement: 'Ik heb in december telefonisch opgezegd.',
        evidence: {
          cancellation: {
            noticeSentOn: '2024-12-10',
            noticeReceivedOn: null,
            channel: 'phone',
            confirmedByTrader: false,
          },
          usage: {
            lastUsedOn: '2025-02-27',
            description: 'Slimme meter: verbruik geregistreerd t/m 27 februari 2025',
          },
        },
        status: 'rejected',
        verdict: {
          by: 'rules',
          verdict: 'invalid',
          decidedOn: '2025-03-07',
          reasons: [
            {
              code: 'form-not-met',
              text: 'De overeenkomst vraagt een schriftelijke opzegging; een telefonische melding is niet vastgelegd',
              article: 'art. 9.1 algemene voorwaarden',
            },
          ],
        },
      },
    ],
    chronology: [
      {
        id: 'dispute-d-1',
        at: '2025-03-06T10:15:00.000Z',
        on: '2025-03-06',
        type: 'dispute-raised',
        actor: 'debtor',
        summary: 'Debiteur stelt in december te hebben opgezegd',
      },
      {
        id: 'opened',
        at: '2025-02-17T09:00:00.000Z',
        on: '2025-02-17',
        type: 'case-opened',
        actor: 'intake',
        summary: 'Dossier geopend voor 2 onbetaalde facturen',
      },
      {
        id: 'letter-14d',
        at: '2025-03-03T07:00:00.000Z',
        on: '2025-03-03',
        type: 'letter-sent',
        actor: 'system',
        summary: 'Veertiendagenbrief verzonden',
        refs: { letterId: letter.letterId },
      },
    ],
    ...overrides,
  });
}

/** The claim on 24 March 2025 as the rules engine would state it (6% wettelijke rente, BIK plus VAT). */
export const claimOnHandoff: DossierClaim = {
  principal: {
    amountCents: 35_000,
    computation: [
      { label: 'Factuur F-2025-0012', detail: 'vervallen 16 januari 2025', amountCents: 15_000 },
      { label: 'Factuur F-2025-0047', detail: 'vervallen 15 februari 2025', amountCents: 20_000 },
    ],
  },
  interest: {
    amountCents: 287,
    computation: [
      {
        label: 'F-2025-0012',
        detail: '2025-01-17 t/m 2025-03-24, 67 dagen × 6% × € 150,00 / 365',
        amountCents: 165,
      },
      {
        label: 'F-2025-0047',
        detail: '2025-02-16 t/m 2025-03-24, 37 dagen × 6% × € 200,00 / 365',
        amountCents: 122,
      },
    ],
  },
  costs: {
    amountCents: 6_353,
    vatCents: 1_103,
    computation: [
      { label: 'Staffel 15%', detail: '15% over € 350,00', amountCents: 5_250 },
      { label: 'Btw 21%', detail: 'schuldeiser kan btw niet verrekenen', amountCents: 1_103 },
    ],
  },
  paid: { amountCents: 0, computation: [] },
  total: {
    amountCents: 41_640,
    computation: [
      { label: 'Hoofdsom', detail: '', amountCents: 35_000 },
      { label: 'Rente', detail: '', amountCents: 287 },
      { label: 'Incassokosten', detail: '', amountCents: 6_353 },
    ],
  },
  sources: [
    { label: 'Wettelijke rente', source: 'art. 6:119 BW; 6% vanaf 1 januari 2025' },
    {
      label: 'Incassokosten',
      source: 'Besluit vergoeding voor buitengerechtelijke incassokosten, Stb. 2012/141',
    },
  ],
};

export function handoffInput(overrides: Partial<BuildDossierInput> = {}): BuildDossierInput {
  return {
    case: caseReadyForHandoff(),
    creditor,
    claim: claimOnHandoff,
    on: '2025-03-24',
    renderedLetters: [renderLetter(fourteenDayLetterInput())],
    ...overrides,
  };
}

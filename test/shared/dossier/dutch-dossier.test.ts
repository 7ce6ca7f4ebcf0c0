/**
 * The dossier an agency and a court read (issue 11): computation lines in Dutch that add up to each amount,
 * also for a settled case; reasons and chronology in Dutch; a handoff date only for a case handed off.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { claimOfCase } from '../../../shared/domain/case-claim.ts';
import { buildDossier } from '../../../shared/dossier/build.ts';
import { renderDossierHtml } from '../../../shared/dossier/render-html.ts';
import type { Dossier } from '../../../shared/dossier/schema.ts';
import { validateDossier } from '../../../shared/dossier/validate.ts';
import { assessCancellation } from '../../../shared/rules/cancellation.ts';
import { letterCreditor } from '../../../shared/use-cases/case-support.ts';
import { dossierClaim } from '../../../shared/use-cases/dossier-claim.ts';
import { caseReadyForHandoff } from './dossier-fixtures.ts';

const ENGLISH_WORDS =
  /\b(the|and|with|notice|owed|invoice|payment|withdrawal|cancellation|consumer|trader|business|period|reviewer|dispute|costs|interest|principal|unpaid|days|cents|due|paid|allocated|band|creditor|cannot|deduct|dossier accepted|sent|started)\b|EUR \d/i;

const dossierOn = (c: Case, on: string): Dossier =>
  buildDossier({
    case: c,
    creditor: letterCreditor(DEFAULT_SETTINGS),
    claim: dossierClaim(claimOfCase(c, on, DEFAULT_SETTINGS)),
    on,
  });

const partsOf = (d: Dossier) =>
  (['principal', 'interest', 'costs', 'paid', 'total'] as const).map(
    (name) => [name, d.claim[name]] as const,
  );

/** The fixture's consumer, who paid part, settled for EUR 200 on 1 April and paid EUR 50 of it since. */
function settledCase(): Case {
  const c = caseReadyForHandoff();
  return {
    ...c,
    payments: [
      { reference: 'bank-1', amountCents: 10_000, paidOn: '2025-03-25', receivedAt: '2025-03-25T10:00:00Z' },
      { reference: 'bank-2', amountCents: 5_000, paidOn: '2025-04-10', receivedAt: '2025-04-10T10:00:00Z' },
    ],
    settlement: { amountCents: 20_000, agreedOn: '2025-04-01', paymentsBefore: 1, disputeId: 'd-1' },
  };
}

describe('the claim in the dossier, line by line', () => {
  it.each([
    ['an unpaid case at handoff', caseReadyForHandoff(), '2025-03-24'],
    [
      'a case paid in part after its costs fell due',
      { ...caseReadyForHandoff(), payments: settledCase().payments.slice(0, 1) },
      '2025-04-20',
    ],
    ['a settled case', settledCase(), '2025-04-20'],
  ])('%s: every part’s lines add up to its amount, and the parts to what is owed', (_name, c, on) => {
    const d = dossierOn(c, on);
    for (const [name, part] of partsOf(d)) {
      expect(
        part.computation.reduce((s, l) => s + l.amountCents, 0),
        `${name}: ${JSON.stringify(part.computation)}`,
      ).toBe(part.amountCents);
      expect(part.computation.map((l) => l.label)).not.toContain('Correctie');
    }
    expect(d.claim.principal.amountCents + d.claim.interest.amountCents + d.claim.costs.amountCents).toBe(
      d.claim.total.amountCents,
    );
    expect(validateDossier(JSON.parse(JSON.stringify(d))).ok).toBe(true);
  });

  it('a settled case owes the settled amount less what was paid since, and says what fell away', () => {
    const d = dossierOn(settledCase(), '2025-04-20');
    expect(d.claim.total.amountCents).toBe(15_000);
    const fellAway = [...d.claim.interest.computation, ...d.claim.costs.computation].filter((l) =>
      l.label.startsWith('Vervallen door de schikking van 1 april 2025'),
    );
    expect(fellAway.length).toBeGreaterThan(0);
  });

  it('every computation line is Dutch: labels, details, dates and amounts', () => {
    for (const c of [caseReadyForHandoff(), settledCase()]) {
      for (const [, part] of partsOf(dossierOn(c, '2025-04-20')))
        for (const line of part.computation) {
          expect(`${line.label} ${line.detail}`).not.toMatch(ENGLISH_WORDS);
          expect(`${line.label} ${line.detail}`).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
        }
    }
    const d = dossierOn(caseReadyForHandoff(), '2025-03-24');
    expect(d.claim.interest.computation[0]?.detail).toMatch(
      /^\d+ dagen tegen \d+(,\d+)?% over € [\d.]+,\d{2} \(werkelijke dagen\/365\)$/,
    );
  });
});

describe('reasons and the chronology in Dutch', () => {
  it('a dispute decided by the rules shows its Dutch reasons, not the operators’ English', () => {
    const c = caseReadyForHandoff();
    const assessed = assessCancellation({
      buyer: 'consumer',
      concludedOn: '2024-10-01',
      concludedVia: 'post',
      terms: {
        requiredForm: 'written',
        acceptedChannels: [],
        noticePeriodMonths: 1,
        initialTermMonths: 0,
        tacitRenewal: false,
      },
      claim: {
        noticeSentOn: '2024-12-10',
        noticeReceivedOn: '2024-12-10',
        channel: 'phone',
        confirmedByTrader: false,
      },
    });
    const withReasons: Case = {
      ...c,
      disputes: c.disputes.map((x) => ({
        ...x,
        status: 'rejected',
        verdict: { by: 'rules', verdict: 'invalid', reasons: assessed.reasons, decidedOn: '2025-03-07' },
      })),
    };
    const d = dossierOn(withReasons, '2025-03-24');
    const shown = d.disputes[0]?.verdict?.reasons ?? [];
    expect(shown.map((r) => r.text)).toEqual(assessed.reasons.map((r) => r.textNl));
    const html = renderDossierHtml(d);
    for (const r of assessed.reasons) expect(html).not.toContain(r.text);
  });

  it('every chronology line is Dutch, whatever the case recorded for its operators', () => {
    const c = caseReadyForHandoff({
      chronology: [
        {
          id: 'opened',
          at: '2025-02-17T09:00:00.000Z',
          on: '2025-02-17',
          type: 'case-opened',
          actor: 'api',
          summary: 'Case opened for 2 invoice(s), 35000 cents; reminder planned for 2025-02-20',
        },
        {
          id: 'letter-sent:case-0001:reminder:1',
          at: '2025-02-20T09:00:00.000Z',
          on: '2025-02-20',
          type: 'letter-sent',
          actor: 'workflow',
          summary: 'reminder sent (total 35000 cents)',
          refs: { letterId: 'case-0001:reminder:1' },
        },
        {
          id: 'dispute-raised:d-1',
          at: '2025-03-06T09:00:00.000Z',
          on: '2025-03-06',
          type: 'dispute-raised',
          actor: 'debtor',
          summary: 'cancellation dispute raised',
          refs: { disputeId: 'd-1' },
        },
        {
          id: 'handoff-prepared',
          at: '2025-03-24T09:00:00.000Z',
          on: '2025-03-24',
          type: 'handoff-prepared',
          actor: 'workflow',
          summary: 'Demand term passed unpaid and undisputed; dossier prepared for the agency',
        },
      ],
    });
    const d = dossierOn(c, '2025-03-24');
    expect(d.chronology.map((e) => e.summary)).toEqual([
      'Dossier geopend voor 2 facturen.',
      'Betalingsherinnering verzonden (totaal € 350,00).',
      'Bezwaar ingediend: opzegging.',
      'Betalingstermijn verstreken zonder betaling of bezwaar; dossier voorbereid voor het incassobureau.',
    ]);
    for (const e of d.chronology) expect(e.summary).not.toMatch(ENGLISH_WORDS);
  });
});

describe('the readable dossier names a handoff date only when the case was handed off', () => {
  it('a dossier asked for before any handoff is "opgesteld", never "overgedragen"', () => {
    const html = renderDossierHtml(dossierOn(caseReadyForHandoff(), '2025-03-24'));
    expect(html).toContain('Opgesteld op 24 maart 2025');
    expect(html).not.toMatch(/Overgedragen op|Uit handen gegeven op/);
  });

  it('a case the agency accepted shows the day it was handed off', () => {
    const c = caseReadyForHandoff();
    const handedOff: Case = {
      ...c,
      stage: 'handed-off',
      handoff: { agencyReference: 'IB-1', handedOffOn: '2025-03-24' },
      chronology: [
        ...c.chronology,
        {
          id: 'handed-off',
          at: '2025-03-24T10:00:00.000Z',
          on: '2025-03-24',
          type: 'handed-off',
          actor: 'workflow',
          summary: 'Dossier accepted by X (reference IB-1); claim 1 cents',
          refs: { agencyReference: 'IB-1' },
        },
      ],
    };
    const html = renderDossierHtml(dossierOn(handedOff, '2025-04-02'));
    expect(html).toContain('Uit handen gegeven op 24 maart 2025');
    expect(html).toContain('Vordering uit handen gegeven aan het incassobureau (kenmerk IB-1).');
  });

  it('the summary table adds up: payments are a sentence beside it, not a line in it', () => {
    const d = dossierOn(settledCase(), '2025-04-20');
    const html = renderDossierHtml(d);
    expect(html).not.toContain('<td>Reeds betaald</td>');
    expect(html).toContain('Reeds betaald en hierin verrekend: <span class="amount">€ 150,00</span>.');
  });
});

import { describe, expect, it } from 'vitest';
import { buildDossier, cancellationTermsSummary } from '../../../shared/dossier/build.ts';
import { renderDossierHtml } from '../../../shared/dossier/render-html.ts';
import { validateDossier } from '../../../shared/dossier/validate.ts';
import { claimOnHandoff, handoffInput } from './dossier-fixtures.ts';

describe('the dossier the agency receives', () => {
  const dossier = buildDossier(handoffInput());

  it('validates against the published schema', () => {
    expect(validateDossier(JSON.parse(JSON.stringify(dossier)))).toEqual({ ok: true, dossier });
  });

  it('states the claim on the handoff date exactly as the rules engine computed it', () => {
    expect(dossier.claim.on).toBe('2025-03-24');
    expect(dossier.claim.principal).toEqual(claimOnHandoff.principal);
    expect(dossier.claim.interest).toEqual({ ...claimOnHandoff.interest, kind: 'wettelijke-rente' });
    expect(dossier.claim.costs).toEqual(claimOnHandoff.costs);
    expect(dossier.claim.paid).toEqual(claimOnHandoff.paid);
    expect(dossier.claim.total.amountCents).toBe(41_640);
    expect(dossier.claim.sources).toHaveLength(2);
  });

  it('carries the debtor, the contract with its cancellation terms, and every invoice', () => {
    expect(dossier.debtor.name).toBe('J. de Vries');
    expect(dossier.contract?.cancellationTerms?.summary).toBe(
      'Opzeggen schriftelijk (brief of e-mail); via elk kanaal; opzegtermijn 1 maand; eerste looptijd 12 maanden; daarna stilzwijgende verlenging.',
    );
    expect(dossier.invoices.map((i) => i.number)).toEqual(['F-2025-0012', 'F-2025-0047']);
  });

  it('lists every letter by date, with the text of those it has', () => {
    expect(dossier.letters.map((l) => [l.date, l.kind])).toEqual([
      ['2025-02-20', 'reminder'],
      ['2025-03-03', 'fourteen-day-letter'],
    ]);
    expect(dossier.letters[1]?.content?.text).toContain(
      'binnen veertien dagen vanaf de dag nadat deze brief bij u is bezorgd',
    );
    expect(dossier.letters[0]?.content).toBeUndefined();
  });

  it('tells the chronology oldest first, and the dispute with its verdict, reason and the usage evidence', () => {
    expect(dossier.chronology.map((c) => c.id)).toEqual(['opened', 'letter-14d', 'dispute-d-1']);
    expect(dossier.disputes[0]?.verdict?.reasons[0]?.article).toBe('art. 9.1 algemene voorwaarden');
    expect(dossier.disputes[0]?.cancellation?.channel).toBe('phone');
    expect(dossier.serviceUse).toEqual([
      {
        source: 'dispute d-1',
        lastUsedOn: '2025-02-27',
        description: 'Slimme meter: verbruik geregistreerd t/m 27 februari 2025',
      },
    ]);
  });

  it('uses commercial interest for a business debtor unless told otherwise', () => {
    const input = handoffInput();
    const business = buildDossier({
      ...input,
      case: { ...input.case, debtor: { ...input.case.debtor, kind: 'business' } },
    });
    expect(business.claim.interest.kind).toBe('wettelijke-handelsrente');
  });
});

describe('the schema refuses a dossier an agency could not use', () => {
  const good = JSON.parse(JSON.stringify(buildDossier(handoffInput())));

  it.each([
    ['without a claim', (d: Record<string, unknown>) => delete d.claim],
    ['with an impossible date', (d: Record<string, unknown>) => (d.createdOn = '2025-02-30')],
    [
      'with amounts in euros instead of cents',
      (d: { claim: { total: { amountCents: number } } }) => (d.claim.total.amountCents = 416.4),
    ],
    ['of another schema version', (d: Record<string, unknown>) => (d.schemaVersion = '2')],
    ['with a field the schema does not know', (d: Record<string, unknown>) => (d.notes = 'x')],
  ])('%s', (_name, spoil: (d: never) => unknown) => {
    const copy = structuredClone(good);
    spoil(copy as never);
    const result = validateDossier(copy);
    expect(result.ok).toBe(false);
  });
});

describe('the readable dossier', () => {
  const html = renderDossierHtml(buildDossier(handoffInput()));

  it('shows the claim in euros, the letters and the chronology in Dutch', () => {
    expect(html).toContain('<h2>Vordering per 24 maart 2025</h2>');
    expect(html).toContain('€ 416,40');
    expect(html).toContain('(waarvan btw € 11,03)');
    expect(html).toContain('Veertiendagenbrief (art. 6:96 lid 6 BW)');
    expect(html).toContain('24 maart 2025');
    expect(html).toContain('67 dagen × 6% × € 150,00 / 365');
    expect(html).toContain('Slimme meter: verbruik geregistreerd t/m 27 februari 2025');
  });

  it('escapes what the debtor wrote', () => {
    const input = handoffInput();
    const c = input.case;
    const spoilt = renderDossierHtml(
      buildDossier({
        ...input,
        case: { ...c, disputes: c.disputes.map((d) => ({ ...d, statement: '<script>alert(1)</script>' })) },
      }),
    );
    expect(spoilt).not.toContain('<script>');
    expect(spoilt).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('cancellation terms in a sentence', () => {
  it('warns that registered post only is presumed unreasonable for consumers', () => {
    expect(
      cancellationTermsSummary({
        requiredForm: 'registered-post',
        acceptedChannels: ['registered-post'],
        noticePeriodMonths: 0,
        initialTermMonths: 0,
        tacitRenewal: false,
      }),
    ).toBe(
      'Opzeggen alleen per aangetekende post (voor consumenten vermoedelijk onredelijk bezwarend, art. 6:237 sub m BW); alleen per aangetekende brief; zonder opzegtermijn; onbepaalde looptijd.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { LetterKind } from '../../../shared/domain/case.ts';
import { formatDutchDate, formatEuro } from '../../../shared/letters/format.ts';
import { STATUTORY_TERM_WORDING } from '../../../shared/letters/letter-model.ts';
import { renderLetter } from '../../../shared/letters/render.ts';
import { TemplateError } from '../../../shared/letters/template-engine.ts';
import { agencyContact, consumerCase, creditor, fourteenDayLetterInput } from './letter-fixtures.ts';

describe('Dutch amounts and dates', () => {
  it('writes euros with a point for thousands and a comma for cents', () => {
    expect(formatEuro(123_456)).toBe('€ 1.234,56');
    expect(formatEuro(5)).toBe('€ 0,05');
    expect(formatEuro(677_500)).toBe('€ 6.775,00');
    expect(formatEuro(100_000_000)).toBe('€ 1.000.000,00');
    expect(formatEuro(-1_250)).toBe('€ -12,50');
  });

  it('writes dates the Dutch way', () => {
    expect(formatDutchDate('2025-03-19')).toBe('19 maart 2025');
    expect(formatDutchDate('2026-01-01')).toBe('1 januari 2026');
  });
});

describe('the 14-day letter of a consumer with two unpaid invoices', () => {
  const letter = renderLetter(fourteenDayLetterInput());

  it('states the principal of each invoice and their total', () => {
    for (const text of [letter.text, letter.html]) {
      expect(text).toMatch(/F-2025-0012[^\n]*€ 150,00/);
      expect(text).toMatch(/F-2025-0047[^\n]*€ 200,00/);
      expect(text).toMatch(/Totaal hoofdsom[^\n]*€ 350,00/);
    }
  });

  it('gives the term in the statutory wording, as one unbroken sentence', () => {
    expect(letter.text).toContain(
      `Wij geven u de gelegenheid het bedrag van € 351,23 ${STATUTORY_TERM_WORDING} te betalen, zonder dat u incassokosten verschuldigd bent.`,
    );
    expect(letter.html).toContain(STATUTORY_TERM_WORDING);
  });

  it('names the exact collection costs that become due, with the VAT statement', () => {
    expect(letter.text).toContain('buitengerechtelijke incassokosten verschuldigd van € 63,53.');
    expect(letter.text).toContain('Dit bedrag is inclusief btw, omdat wij de btw niet kunnen verrekenen.');
    expect(letter.html).toContain('<strong>€ 63,53</strong>');
  });

  it('leaves out the VAT statement for a creditor that deducts VAT', () => {
    const plain = renderLetter(
      fourteenDayLetterInput({
        creditor: { ...creditor, vatDeductible: true },
        vatStatement: false,
        costsIfUnpaidCents: 5_250,
      }),
    );
    expect(plain.text).toContain('incassokosten verschuldigd van € 52,50.');
    expect(plain.text).not.toContain('btw');
  });

  it("lists the creditor's details, the letter's date in Dutch and the presumed delivery", () => {
    expect(letter.text).toContain('Energie Direct B.V.\nStationsplein 1\n3511 ED Utrecht');
    expect(letter.text).toContain(
      'KvK 12345678 · IBAN NL91 ABNA 0417 1643 00 · debiteuren@energiedirect.example',
    );
    expect(letter.text).toContain('Utrecht, 3 maart 2025');
    expect(letter.text).toContain(
      'op 5 maart 2025 bij u wordt bezorgd; de termijn loopt dan tot en met 19 maart 2025',
    );
  });

  it('is addressed to the debtor', () => {
    expect(letter.recipient).toEqual({
      name: 'J. de Vries',
      email: 'j.devries@example.nl',
      address: ['Kerkstraat 12', '1017 GB Amsterdam', 'NL'],
    });
    expect(letter.html.startsWith('<!doctype html>')).toBe(true);
    expect(letter.html).toContain('<html lang="nl">');
  });

  it('is not rendered at all without the cost amount: a letter never has a gap', () => {
    expect(() => renderLetter(fourteenDayLetterInput({ costsIfUnpaidCents: undefined }))).toThrow(
      TemplateError,
    );
  });
});

describe('the other letters', () => {
  const base = fourteenDayLetterInput();
  const amounts = {
    perInvoice: base.amounts.perInvoice,
    principalCents: 35_000,
    interestCents: 410,
    costsCents: 5_250,
    paidCents: 0,
    totalCents: 40_660,
  };

  it('escapes what the debtor wrote before it goes into HTML', () => {
    const c = consumerCase({
      disputes: [
        {
          disputeId: 'd-1',
          kind: 'cancellation',
          raisedOn: '2025-03-10',
          statement: 'Ik heb <b>opgezegd</b> & betaal niet',
          evidence: {},
          status: 'rejected',
          verdict: {
            by: 'rules',
            verdict: 'invalid',
            decidedOn: '2025-03-11',
            reasons: [
              {
                code: 'NOTICE_TOO_LATE',
                text: 'The notice reached the trader after the notice period had ended',
                textNl: 'Uw opzegging bereikte ons na het einde van de opzegtermijn',
                article: 'art. 7.2 algemene voorwaarden; art. 3:37 lid 3 BW',
              },
            ],
          },
        },
      ],
    });
    const letter = renderLetter({ ...base, kind: 'dispute-rejection', case: c, amounts, disputeId: 'd-1' });
    expect(letter.html).toContain('&lt;b&gt;opgezegd&lt;/b&gt; &amp; betaal niet');
    expect(letter.html).not.toContain('<b>opgezegd');
    expect(letter.text).toContain(
      '- Uw opzegging bereikte ons na het einde van de opzegtermijn (grondslag: art. 7.2 algemene voorwaarden; art. 3:37 lid 3 BW)',
    );
    expect(letter.text).toContain('Op 10 maart 2025 maakte u bezwaar');
    expect(letter.text).toMatch(/Totaal te betalen\s+€ 406,60/);
  });

  it.each<[LetterKind, string]>([
    ['reminder', 'Betalingsherinnering'],
    ['demand', 'Aanmaning'],
    ['withdrawal-confirmation', 'Bevestiging van uw herroeping'],
    ['cancellation-confirmation', 'Bevestiging van uw opzegging'],
    ['handoff-notice', 'Wij hebben de vordering uit handen gegeven aan Incasso Noord B.V.'],
  ])('renders a %s with its Dutch subject and the amounts', (kind, subject) => {
    const letter = renderLetter({
      ...base,
      kind,
      amounts,
      agencyName: 'Incasso Noord B.V.',
      agencyContact: agencyContact,
      effectiveOn: '2025-04-06',
      reasons: [
        {
          code: 'NOTICE_RECEIVED',
          text: 'The notice reached the trader on 2025-03-07',
          textNl: 'Opzegging ontvangen op 7 maart 2025',
          article: 'art. 3:37 lid 3 BW',
        },
      ],
    });
    expect(letter.subject).toBe(subject);
    expect(letter.text).toContain(`Betreft: ${subject}`);
    expect(letter.text).toContain('€ 406,60');
    expect(letter.text).toContain('Energie Direct B.V.');
  });

  it('tells a consumer who withdrew in time that nothing is owed', () => {
    const letter = renderLetter({
      ...base,
      kind: 'withdrawal-confirmation',
      amounts: {
        perInvoice: base.amounts.perInvoice,
        principalCents: 0,
        interestCents: 0,
        costsCents: 0,
        totalCents: 0,
      },
    });
    expect(letter.text).toContain(
      'U bent ons niets verschuldigd. De facturen F-2025-0012 en F-2025-0047 zijn vervallen.',
    );
    expect(letter.text).toContain('van de overeenkomst ED-2024-7781');
  });

  it('calls interest on a business debt "wettelijke handelsrente"', () => {
    const c = consumerCase({
      debtor: { ...consumerCase().debtor, kind: 'business', name: 'Bouwbedrijf Jansen B.V.' },
    });
    const letter = renderLetter({ ...base, kind: 'demand', case: c, amounts });
    expect(letter.text).toMatch(/Wettelijke handelsrente\s+€ 4,10/);
    expect(letter.text).toMatch(/Buitengerechtelijke incassokosten\s+€ 52,50/);
  });

  it("a rejected cancellation quotes the recorded terms in Dutch when the contract's own wording is not on file", () => {
    const c = consumerCase({
      disputes: [
        {
          disputeId: 'd-2',
          kind: 'cancellation',
          raisedOn: '2025-03-10',
          statement: 'Ik heb gebeld om op te zeggen.',
          evidence: {},
          status: 'rejected',
          verdict: {
            by: 'rules',
            verdict: 'invalid',
            decidedOn: '2025-03-11',
            reasons: [
              {
                code: 'NOTICE_FORM_NOT_MET',
                text: 'The contract requires a written notice; a notice by phone does not meet it.',
                textNl: 'De overeenkomst vraagt een schriftelijke opzegging (brief of e-mail).',
                article: 'art. 6:248 BW',
              },
            ],
          },
        },
      ],
    });
    const letter = renderLetter({ ...base, kind: 'dispute-rejection', case: c, amounts, disputeId: 'd-2' });
    expect(letter.text).toContain(
      'In uw overeenkomst ED-2024-7781 is over opzeggen afgesproken: Opzeggen schriftelijk (brief of e-mail); via elk kanaal; opzegtermijn 1 maand; eerste looptijd 12 maanden; daarna stilzwijgende verlenging.',
    );
    expect(letter.text).not.toContain('The contract requires');
  });

  it('addresses a debtor as "heer/mevrouw" or by the contact person, never by the company name', () => {
    const company = consumerCase({
      debtor: { ...consumerCase().debtor, kind: 'business', name: 'Bouwbedrijf Jansen B.V.' },
    });
    const plain = renderLetter({ ...base, kind: 'reminder', case: company, amounts });
    expect(plain.text).toContain('\nGeachte heer/mevrouw,\n');
    expect(plain.text).not.toContain('Geachte Bouwbedrijf');
    const person = renderLetter({
      ...base,
      kind: 'reminder',
      case: { ...company, debtor: { ...company.debtor, contactPerson: 'heer Jansen' } },
      amounts,
    });
    expect(person.text).toContain('\nGeachte heer Jansen,\n');
  });
});

import { describe, expect, it } from 'vitest';
import { assessCancellation, type CancellationInput } from '../../../shared/rules/cancellation.ts';

const monthlySubscription: CancellationInput = {
  buyer: 'consumer',
  concludedOn: '2024-01-10',
  concludedVia: 'online',
  terms: {
    requiredForm: 'written',
    acceptedChannels: [],
    noticePeriodMonths: 1,
    initialTermMonths: 0,
    tacitRenewal: false,
  },
  claim: {
    noticeReceivedOn: '2025-03-07',
    noticeSentOn: '2025-03-06',
    channel: 'email',
    confirmedByTrader: false,
  },
};
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('a debtor who says they cancelled', () => {
  it('owes April pro rata when the contract ended on 6 April: 6 of 30 days', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      invoicePeriod: { start: '2025-04-01', end: '2025-04-30', amountCents: 3_000 },
    });
    expect(r).toMatchObject({ verdict: 'valid', effectiveEnd: '2025-04-06', owedCents: 600 });
  });

  it('owes nothing for May and all of March', () => {
    const may = assessCancellation({
      ...monthlySubscription,
      invoicePeriod: { start: '2025-05-01', end: '2025-05-31', amountCents: 3_000 },
    });
    expect(may.owedCents).toBe(0);
    const march = assessCancellation({
      ...monthlySubscription,
      invoicePeriod: { start: '2025-03-01', end: '2025-03-31', amountCents: 3_000 },
    });
    expect(march.owedCents).toBe(3_000);
    expect(march.verdict).toBe('valid');
  });

  it('a consumer cancelling by plain letter where the contract demands registered post is valid (6:237 sub m)', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      terms: {
        ...monthlySubscription.terms,
        requiredForm: 'registered-post',
        acceptedChannels: ['registered-post'],
      },
      claim: { ...monthlySubscription.claim, channel: 'post' },
    });
    expect(r.verdict).toBe('valid');
    expect(codes(r)).toContain('FORM_STRICTER_THAN_WRITTEN');
  });

  it('a business cancelling by e-mail where the contract (signed on paper) demands registered post is invalid, owing the invoice', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      buyer: 'business',
      concludedVia: 'post',
      terms: { ...monthlySubscription.terms, requiredForm: 'registered-post', acceptedChannels: [] },
      invoicePeriod: { start: '2025-05-01', end: '2025-05-31', amountCents: 3_000 },
    });
    expect(r).toMatchObject({ verdict: 'invalid', effectiveEnd: null, owedCents: 3_000 });
    expect(codes(r)).toContain('NOTICE_FORM_NOT_MET');
  });

  it('a consumer who signed up by phone may cancel by phone whatever the contract says (6:236 sub o)', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      concludedVia: 'phone',
      claim: { ...monthlySubscription.claim, channel: 'phone' },
    });
    expect(r.verdict).toBe('valid');
    expect(codes(r)).toContain('CANCELLED_SAME_WAY_AS_CONCLUDED');
  });

  it('a phone cancellation of a contract concluded online that requires writing is invalid', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      claim: { ...monthlySubscription.claim, channel: 'phone' },
    });
    expect(r.verdict).toBe('invalid');
  });

  it('a notice the trader has no record of goes to a person, with the end it would have', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      claim: {
        ...monthlySubscription.claim,
        noticeReceivedOn: null,
        channel: 'post',
        noticeSentOn: '2025-03-07',
      },
      invoicePeriod: { start: '2025-04-01', end: '2025-04-30', amountCents: 3_000 },
    });
    expect(r.verdict).toBe('needs-review');
    expect(r.noticeReceivedOn).toBe('2025-03-11'); // posted Friday: Saturday counts, Sunday and Monday do not
    expect(r.owedCents).toBeNull();
    expect(codes(r)).toContain('NOTICE_RECEIPT_UNPROVEN');
  });

  it('logins after the end weaken the claim but never decide it: a person reviews', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      usage: { lastUsedOn: '2025-05-02', description: 'logged in to the portal' },
      invoicePeriod: { start: '2025-05-01', end: '2025-05-31', amountCents: 3_000 },
    });
    expect(r).toMatchObject({
      verdict: 'needs-review',
      effectiveEnd: '2025-04-06',
      owedCents: null,
      owedIfUpheldCents: 0,
    });
    expect(codes(r)).toContain('USAGE_AFTER_END');
  });

  it('after a tacit renewal a consumer has at most one month of notice, whatever the contract says', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      concludedOn: '2023-01-15',
      terms: {
        requiredForm: 'written',
        acceptedChannels: [],
        noticePeriodMonths: 3,
        initialTermMonths: 12,
        tacitRenewal: true,
      },
    });
    expect(r.effectiveEnd).toBe('2025-04-06');
    expect(codes(r)).toContain('CONSUMER_RENEWED_INDEFINITE');
  });

  it('a notice in good time before the end of the initial year ends the contract at the end of that year', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      concludedOn: '2024-06-01',
      terms: {
        requiredForm: 'written',
        acceptedChannels: [],
        noticePeriodMonths: 1,
        initialTermMonths: 12,
        tacitRenewal: true,
      },
    });
    expect(r.effectiveEnd).toBe('2025-05-31');
  });

  it('a business notice too late for the end of the year runs to the end of the renewed year', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      buyer: 'business',
      concludedOn: '2024-04-01',
      terms: {
        requiredForm: 'written',
        acceptedChannels: [],
        noticePeriodMonths: 3,
        initialTermMonths: 12,
        tacitRenewal: true,
      },
    });
    expect(r.effectiveEnd).toBe('2026-03-31');
    expect(codes(r)).toContain('BUSINESS_TERM_END');
  });

  it('a trader who confirmed a notice sent the wrong way leaves the call to a person', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      claim: { ...monthlySubscription.claim, channel: 'phone', confirmedByTrader: true },
    });
    expect(r.verdict).toBe('needs-review');
  });

  it('takes the clause as the contract words it, and refuses an empty one naming the field', () => {
    const clauseText = 'Artikel 9.2: Opzeggen kan alleen per brief.';
    expect(() =>
      assessCancellation({ ...monthlySubscription, terms: { ...monthlySubscription.terms, clauseText } }),
    ).not.toThrow();
    expect(() =>
      assessCancellation({
        ...monthlySubscription,
        terms: { ...monthlySubscription.terms, clauseText: ' ' },
      }),
    ).toThrow(/terms\.clauseText/);
  });

  it('rejects a receipt before the notice was sent, naming the field', () => {
    expect(() =>
      assessCancellation({
        ...monthlySubscription,
        claim: { ...monthlySubscription.claim, noticeReceivedOn: '2025-03-01' },
      }),
    ).toThrow(/claim\.noticeReceivedOn/);
    expect(() =>
      assessCancellation({
        ...monthlySubscription,
        terms: { ...monthlySubscription.terms, acceptedChannels: ['fax' as never] },
      }),
    ).toThrow(/terms\.acceptedChannels\[0\]/);
  });

  it('every reason carries a Dutch text for the letter', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      invoicePeriod: { start: '2025-04-01', end: '2025-04-30', amountCents: 3_000 },
    });
    for (const x of r.reasons) expect(x.textNl, x.code).toMatch(/\S/);
    expect(r.reasons.find((x) => x.code === 'INVOICE_PRO_RATA')?.textNl).toContain('€ 6,00 van € 30,00');
  });
});

/**
 * Cancelling "op overeenkomstige wijze" (6:236 sub o) and electronically (6:267): decided per mode, oral
 * (phone, in person), written on paper (post, registered post) and electronic (web form, e-mail), not per
 * identical channel.
 */
describe('a notice given in the mode the contract was concluded in', () => {
  const strictTerms = {
    requiredForm: 'registered-post' as const,
    acceptedChannels: ['registered-post' as const],
    noticePeriodMonths: 1,
    initialTermMonths: 0,
    tacitRenewal: false,
  };

  it('a consumer who bought in a web shop may cancel by e-mail although the clause asks for registered post (6:236 sub o, 6:267)', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      concludedVia: 'online',
      terms: strictTerms,
      claim: { ...monthlySubscription.claim, channel: 'email' },
    });
    expect(r).toMatchObject({ verdict: 'valid', effectiveEnd: '2025-04-06' });
    const same = r.reasons.find((x) => x.code === 'CANCELLED_SAME_WAY_AS_CONCLUDED');
    expect(same?.article).toBe('art. 6:236 sub o BW; art. 6:267 BW');
    expect(same?.textNl).toContain('elektronisch');
  });

  it('a consumer who signed in person may cancel by phone: both are oral (6:236 sub o)', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      concludedVia: 'in-person',
      terms: { ...strictTerms, requiredForm: 'written', acceptedChannels: ['post'] },
      claim: { ...monthlySubscription.claim, channel: 'phone' },
    });
    expect(r.verdict).toBe('valid');
    expect(r.reasons.find((x) => x.code === 'CANCELLED_SAME_WAY_AS_CONCLUDED')?.article).toBe(
      'art. 6:236 sub o BW',
    );
  });

  it('a consumer who signed on paper and cancels by phone is refused when the clause asks for writing: another mode', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      concludedVia: 'post',
      terms: { ...strictTerms, requiredForm: 'written', acceptedChannels: [] },
      claim: { ...monthlySubscription.claim, channel: 'phone' },
    });
    expect(r.verdict).toBe('invalid');
    const notMet = r.reasons.find((x) => x.code === 'NOTICE_FORM_NOT_MET');
    expect(notMet?.textNl).toBe(
      'De overeenkomst vraagt een schriftelijke opzegging (brief of e-mail). Een opzegging telefonisch voldoet daar niet aan, en u heeft de overeenkomst niet mondeling gesloten maar op papier.',
    );
  });

  it('a business that contracted online and cancels by e-mail against a registered-post clause goes to a person (6:267)', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      buyer: 'business',
      concludedVia: 'online',
      terms: strictTerms,
      claim: { ...monthlySubscription.claim, channel: 'email' },
    });
    expect(r).toMatchObject({ verdict: 'needs-review', effectiveEnd: null, owedCents: null });
    expect(r.reasons.map((x) => x.code)).toContain('ELECTRONIC_NOTICE_OF_ELECTRONIC_CONTRACT');
  });

  it('a business that contracted by phone and cancels by phone against a written clause is refused: the terms apply as written', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      buyer: 'business',
      concludedVia: 'phone',
      claim: { ...monthlySubscription.claim, channel: 'phone' },
    });
    expect(r.verdict).toBe('invalid');
  });
});

/**
 * Notice periods of consumer contracts (6:237 sub o from the start, 6:236 sub j after a tacit renewal): a
 * period over one month counts at one month; the clause is voidable, not void.
 */
describe("a consumer's notice period over one month", () => {
  it('an indefinite contract with three months of notice ends one month after receipt: 7 March -> 6 April (6:237 sub o)', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      terms: { ...monthlySubscription.terms, noticePeriodMonths: 3 },
    });
    expect(r).toMatchObject({ verdict: 'valid', effectiveEnd: '2025-04-06' });
    const presumption = r.reasons.find((x) => x.code === 'CONSUMER_NOTICE_PRESUMED_UNREASONABLE');
    expect(presumption?.article).toBe('art. 6:237 sub o BW; art. 6:233 sub a BW');
    expect(presumption?.text).toContain('voidable, not void');
    expect(presumption?.textNl).toContain('vernietigbaar');
    expect(presumption?.textNl).toContain('6 april 2025');
  });

  it('in the initial year, a notice one and a half months before its end is in time at one month (6:237 sub o)', () => {
    // Concluded 2024-04-22, 12 months, 3 months' notice: the year ends 2025-04-21; notice reached 2025-03-07.
    const r = assessCancellation({
      ...monthlySubscription,
      concludedOn: '2024-04-22',
      terms: {
        ...monthlySubscription.terms,
        noticePeriodMonths: 3,
        initialTermMonths: 12,
        tacitRenewal: true,
      },
    });
    expect(r.effectiveEnd).toBe('2025-04-21');
    expect(r.reasons.map((x) => x.code)).toEqual(
      expect.arrayContaining(['CONSUMER_NOTICE_PRESUMED_UNREASONABLE', 'FIXED_TERM_END']),
    );
  });

  it('a business in the same position is held to its three months: the contract runs on for a renewed year', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      buyer: 'business',
      concludedOn: '2024-04-22',
      terms: {
        ...monthlySubscription.terms,
        noticePeriodMonths: 3,
        initialTermMonths: 12,
        tacitRenewal: true,
      },
    });
    expect(r.effectiveEnd).toBe('2026-04-21');
  });

  it('after a tacit renewal the reason cites 6:236 sub j and says the longer period is voidable, not void', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      concludedOn: '2023-01-15',
      terms: {
        ...monthlySubscription.terms,
        noticePeriodMonths: 3,
        initialTermMonths: 12,
        tacitRenewal: true,
      },
    });
    const renewed = r.reasons.find((x) => x.code === 'CONSUMER_RENEWED_INDEFINITE');
    expect(renewed?.article).toBe('art. 6:236 sub j BW; art. 6:233 sub a BW');
    expect(renewed?.text).toContain('voidable, not void');
    expect(renewed?.text).not.toMatch(/\bare void\b/);
    expect(renewed?.textNl).toContain('vernietigbaar');
  });

  it('one month of notice in an indefinite contract is simply applied', () => {
    const r = assessCancellation(monthlySubscription);
    expect(r.reasons.map((x) => x.code)).toContain('NOTICE_PERIOD');
    expect(r.reasons.map((x) => x.code)).not.toContain('CONSUMER_NOTICE_PRESUMED_UNREASONABLE');
  });
});

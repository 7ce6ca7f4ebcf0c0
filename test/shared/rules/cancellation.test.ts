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

  it('a business cancelling by e-mail where the contract demands registered post is invalid, owing the invoice', () => {
    const r = assessCancellation({
      ...monthlySubscription,
      buyer: 'business',
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
});

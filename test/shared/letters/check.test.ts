import { describe, expect, it } from 'vitest';
import type { Case } from '../../../shared/domain/case.ts';
import { checkLetterBeforeSending } from '../../../shared/letters/check.ts';
import type { LetterCheck } from '../../../shared/letters/letter-model.ts';
import { agencyContact, consumerCase, creditor, fourteenDayLetterInput } from './letter-fixtures.ts';

function codes(check: LetterCheck): string[] {
  return check.ok ? [] : check.problems.map((p) => p.code);
}

const disputed: Case = consumerCase({
  pauses: [{ kind: 'dispute', disputeId: 'd-7', since: '2025-03-02' }],
  disputes: [
    {
      disputeId: 'd-7',
      kind: 'cancellation',
      raisedOn: '2025-03-02',
      statement: 'Ik heb in januari opgezegd',
      evidence: {},
      status: 'open',
    },
  ],
});

describe('the check before a letter is sent', () => {
  it('lets a complete 14-day letter go to a consumer whose case is open', () => {
    const input = fourteenDayLetterInput();
    expect(checkLetterBeforeSending(input, input.case)).toEqual({ ok: true });
  });

  it('refuses a 14-day letter that does not name the collection costs', () => {
    const input = fourteenDayLetterInput({ costsIfUnpaidCents: undefined });
    expect(codes(checkLetterBeforeSending(input, input.case))).toEqual(['missing-costs-amount']);
  });

  it('refuses a 14-day letter without the principal per invoice', () => {
    const input = fourteenDayLetterInput();
    const bare = { ...input, amounts: { ...input.amounts, perInvoice: [] } };
    expect(codes(checkLetterBeforeSending(bare, input.case))).toContain('missing-invoice-principal');
  });

  it('refuses a 14-day letter that already charges the costs it announces', () => {
    const input = fourteenDayLetterInput();
    const early = { ...input, amounts: { ...input.amounts, costsCents: 5_250, totalCents: 40_373 } };
    expect(codes(checkLetterBeforeSending(early, input.case))).toEqual(['costs-charged-early']);
  });

  it('refuses VAT on costs when the creditor can deduct VAT', () => {
    const input = fourteenDayLetterInput({ creditor: { ...creditor, vatDeductible: true } });
    expect(codes(checkLetterBeforeSending(input, input.case))).toEqual(['vat-not-chargeable']);
  });

  it('sends no letter at all while a dispute is open', () => {
    const input = fourteenDayLetterInput();
    for (const kind of ['reminder', 'demand', 'fourteen-day-letter', 'handoff-notice'] as const) {
      const check = checkLetterBeforeSending(
        { ...input, kind, agencyName: 'Incasso Noord B.V.', agencyContact },
        disputed,
      );
      expect(codes(check)).toEqual(['case-disputed']);
    }
  });

  it('sends nothing once the case is paid, even though the letter was prepared before', () => {
    const input = fourteenDayLetterInput();
    expect(codes(checkLetterBeforeSending(input, consumerCase({ stage: 'paid' })))).toEqual(['case-paid']);
  });

  it('holds letters while the creditor holds the case, until the hold has ended', () => {
    const input = fourteenDayLetterInput();
    const held = (until: string | null) =>
      consumerCase({
        pauses: [{ kind: 'hold', reason: 'betalingsregeling in overleg', since: '2025-02-28', until }],
      });
    expect(codes(checkLetterBeforeSending(input, held(null)))).toEqual(['case-on-hold']);
    expect(codes(checkLetterBeforeSending(input, held('2025-03-03')))).toEqual(['case-on-hold']);
    // A hold ends only by its own event (release, or the workflow on its end date), never by the calendar alone.
    expect(codes(checkLetterBeforeSending(input, held('2025-03-02')))).toEqual(['case-on-hold']);
    expect(checkLetterBeforeSending(input, consumerCase({ pauses: [] }))).toEqual({ ok: true });
  });

  it('confirms a withdrawal on the case it closed, but sends no reminder there', () => {
    const input = fourteenDayLetterInput();
    const withdrawn = consumerCase({ stage: 'withdrawn' });
    const zero = {
      perInvoice: input.amounts.perInvoice,
      principalCents: 0,
      interestCents: 0,
      costsCents: 0,
      totalCents: 0,
    };
    expect(
      checkLetterBeforeSending({ ...input, kind: 'withdrawal-confirmation', amounts: zero }, withdrawn),
    ).toEqual({
      ok: true,
    });
    expect(codes(checkLetterBeforeSending({ ...input, kind: 'reminder' }, withdrawn))).toEqual([
      'case-closed',
    ]);
  });

  it('refuses a dispute rejection that gives no reason', () => {
    const input = fourteenDayLetterInput({ kind: 'dispute-rejection' });
    expect(codes(checkLetterBeforeSending(input, input.case))).toEqual(['missing-reasons']);
  });

  it('refuses a letter that would print a reason without its Dutch text', () => {
    const input = fourteenDayLetterInput();
    const english = {
      ...input,
      kind: 'cancellation-confirmation' as const,
      reasons: [
        {
          code: 'NOTICE_RECEIVED',
          text: 'The notice reached the trader on 2025-03-07.',
          article: 'art. 3:37 lid 3 BW',
        },
      ],
    };
    expect(codes(checkLetterBeforeSending(english, input.case))).toContain('reason-not-in-dutch');
  });

  it('refuses a handoff notice without the agency’s contact details', () => {
    const input = fourteenDayLetterInput();
    const c = { ...input.case, stage: 'handed-off' as const };
    const notice = { ...input, kind: 'handoff-notice' as const, case: c, agencyName: 'Incasso Noord B.V.' };
    expect(codes(checkLetterBeforeSending(notice, c))).toEqual(['missing-agency']);
    expect(checkLetterBeforeSending({ ...notice, agencyContact }, c)).toEqual({ ok: true });
  });
});

import { describe, expect, it } from 'vitest';
import { preHandoffCheck } from '../../../shared/domain/lifecycle.ts';
import { caseReadyForHandoff } from '../dossier/dossier-fixtures.ts';

const notBarred = { timeBarred: false };

describe('before a case goes to the agency', () => {
  it('lets an unpaid, undisputed case go the day after its demand term ended', () => {
    expect(preHandoffCheck(caseReadyForHandoff(), '2025-03-20', notBarred)).toEqual({ ok: true });
  });

  it('waits while the demand term still runs, through its last day', () => {
    const check = preHandoffCheck(caseReadyForHandoff(), '2025-03-19', notBarred);
    expect(check).toMatchObject({ ok: false, reason: 'term-not-passed' });
  });

  it('waits when no demand term is on record', () => {
    const c = caseReadyForHandoff();
    const check = preHandoffCheck(
      { ...c, schedule: { ...c.schedule, demandTerm: null } },
      '2025-04-01',
      notBarred,
    );
    expect(check).toMatchObject({ ok: false, reason: 'term-not-passed' });
  });

  it('never hands off a time-barred claim', () => {
    expect(preHandoffCheck(caseReadyForHandoff(), '2025-03-24', { timeBarred: true })).toMatchObject({
      ok: false,
      reason: 'time-barred',
    });
  });

  it('does not hand off while a dispute is open', () => {
    const c = caseReadyForHandoff({ pauses: [{ kind: 'dispute', disputeId: 'd-2', since: '2025-03-18' }] });
    expect(preHandoffCheck(c, '2025-03-24', notBarred)).toMatchObject({ ok: false, reason: 'dispute-open' });
    const awaiting = caseReadyForHandoff();
    awaiting.disputes = awaiting.disputes.map((d) => ({ ...d, status: 'awaiting-reviewer' as const }));
    expect(preHandoffCheck(awaiting, '2025-03-24', notBarred)).toMatchObject({
      ok: false,
      reason: 'dispute-open',
    });
  });

  it('does not hand off while the creditor holds the case', () => {
    const c = caseReadyForHandoff({
      pauses: [{ kind: 'hold', reason: 'betalingsregeling', since: '2025-03-21', until: '2025-04-30' }],
    });
    expect(preHandoffCheck(c, '2025-03-24', notBarred)).toMatchObject({ ok: false, reason: 'on-hold' });
  });

  it('stops when something was paid since the demand, even a part', () => {
    const c = caseReadyForHandoff({
      payments: [
        { reference: 'bank-1', amountCents: 5_000, paidOn: '2025-03-18', receivedAt: '2025-03-18T12:00:00Z' },
      ],
    });
    expect(preHandoffCheck(c, '2025-03-24', notBarred)).toMatchObject({ ok: false, reason: 'paid' });
  });

  it('does not count a payment made before the demand', () => {
    const c = caseReadyForHandoff({
      payments: [
        { reference: 'bank-0', amountCents: 1_000, paidOn: '2025-02-25', receivedAt: '2025-02-25T12:00:00Z' },
      ],
    });
    expect(preHandoffCheck(c, '2025-03-24', notBarred)).toEqual({ ok: true });
  });

  it('routes a paid or closed case to its end', () => {
    expect(preHandoffCheck(caseReadyForHandoff({ stage: 'paid' }), '2025-03-24', notBarred)).toMatchObject({
      reason: 'paid',
    });
    expect(
      preHandoffCheck(caseReadyForHandoff({ stage: 'handed-off' }), '2025-03-24', notBarred),
    ).toMatchObject({
      reason: 'closed',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { claimOfCase } from '../../../shared/domain/case-claim.ts';
import {
  type CaseEvent,
  dunningBlock,
  effectsOf,
  lifecycleContext,
  transition,
} from '../../../shared/domain/lifecycle.ts';
import { StageConflictError } from '../../../shared/errors.ts';
import { aCase } from '../../support/case-fixture.ts';

const ctx = lifecycleContext(new Date('2026-03-10T09:00:00Z'), DEFAULT_SETTINGS);
const apply = (c: Case, ...events: CaseEvent[]) => events.reduce((x, e) => transition(x, e, ctx).case, c);

const hold: CaseEvent = { type: 'hold-placed', reason: 'Betalingsregeling', until: null };
const dispute: CaseEvent = { type: 'dispute-raised', kind: 'amount', statement: 'Te hoog.', evidence: {} };
const decide = (decision: 'reject' | 'accept' | 'settle', settlementCents?: number): CaseEvent => ({
  type: 'dispute-decided-by-reviewer',
  disputeId: 'dispute-1',
  decision,
  reviewer: 'r.jansen',
  note: 'Beoordeeld.',
  ...(settlementCents === undefined ? {} : { settlementCents }),
});
const payment = (reference: string, amountCents: number): CaseEvent => ({
  type: 'payment-received',
  reference,
  amountCents,
  paidOn: '2026-03-10',
});

describe('the case lifecycle', () => {
  it('lets a hold and a dispute be in force together; deciding the dispute leaves the hold', () => {
    const c = apply(aCase(), hold, dispute, decide('reject'));
    expect(c.pauses.map((p) => p.kind)).toEqual(['hold']);
    expect(dunningBlock(c)?.reason).toBe('on-hold');
    const released = apply(c, { type: 'hold-released' });
    expect(released.pauses).toEqual([]);
    expect(dunningBlock(released)).toBeNull();
  });

  it('answers why a case may not be dunned: paid before closed before disputed before held', () => {
    expect(dunningBlock(aCase({ stage: 'paid' }))?.reason).toBe('paid');
    expect(dunningBlock(aCase({ stage: 'time-barred' }))?.reason).toBe('closed');
    expect(dunningBlock(apply(aCase(), hold, dispute))?.reason).toBe('disputed');
  });

  it('a settlement counts only the payments recorded after it', () => {
    const c = apply(
      aCase(),
      payment('BEFORE', 1_000),
      dispute,
      decide('settle', 5_000),
      payment('AFTER', 2_000),
    );
    expect(c.settlement).toMatchObject({ amountCents: 5_000, paymentsBefore: 1 });
    expect(claimOfCase(c, '2026-03-10', DEFAULT_SETTINGS).totalCents).toBe(3_000);
    const owed = apply(c, payment('REST', 3_000));
    expect(owed.stage).toBe('paid');
  });

  it('a settlement after the demand brings a new demand for the settled claim', () => {
    const demanded = aCase({ stage: 'demanded', schedule: { ...aCase().schedule, demandRound: 1 } });
    const c = apply(demanded, dispute, decide('settle', 5_000));
    expect(c.stage).toBe('reminded');
    expect(c.schedule).toMatchObject({ demandOn: '2026-03-10', demandRound: 2, demandTerm: null });
  });

  it('a second decision on a decided dispute is a conflict, and a closed stage refuses payments', () => {
    const c = apply(aCase(), dispute, decide('reject'));
    expect(() => transition(c, decide('accept'), ctx)).toThrow(StageConflictError);
    expect(() => transition(aCase({ stage: 'handed-off' }), payment('LATE', 100), ctx)).toThrow(
      StageConflictError,
    );
  });

  it('a payment in full closes the case with its pauses, and wakes the workflow that waits on a token', () => {
    const waiting = aCase({ waiting: { taskToken: 't-1', waitingFor: 'reminder-day', until: '2026-03-16' } });
    const result = transition(apply(waiting, hold), payment('ALL', 1_000_000), ctx);
    expect(result.case.stage).toBe('paid');
    expect(result.case.pauses).toEqual([]);
    expect(result.effects).toEqual([{ kind: 'wake-workflow', taskToken: 't-1', event: 'paid' }]);
    expect(effectsOf(waiting, ctx)).toEqual([]);
  });

  it('a claim found time-barred at the handoff closes the case as time-barred instead of failing it', () => {
    const goods = aCase({
      contract: { ...(aCase().contract as NonNullable<Case['contract']>), subject: 'goods' },
      invoices: [{ number: 'OLD-1', amountCents: 8_900, issuedOn: '2023-12-01', dueOn: '2024-01-01' }],
      stage: 'demanded',
      schedule: {
        ...aCase().schedule,
        demandTerm: { deliveredOn: '2026-02-12', lastDayToPay: '2026-02-26', costsDueFrom: '2026-02-27' },
      },
    });
    const c = apply(goods, { type: 'handoff-prepared' });
    expect(c.stage).toBe('time-barred');
    expect(c.chronology.at(-1)?.type).toBe('claim-time-barred');
    expect(dunningBlock(c)?.reason).toBe('closed');
  });

  it('a hold with an end date more than the workflow can wait is refused, naming the field', () => {
    expect(() => transition(aCase(), { type: 'hold-placed', reason: 'x', until: '2027-03-10' }, ctx)).toThrow(
      /until: must lie within 300 days/,
    );
  });

  // Found by the model-based tests: a settlement landed while PrepareHandoff ran, and the step failed.
  it('a handoff prepared on a case a settlement sent back to a new demand changes nothing (the step routes it)', () => {
    const demanded = aCase({ stage: 'demanded', schedule: { ...aCase().schedule, demandRound: 1 } });
    const settled = apply(demanded, dispute, decide('settle', 5_000));
    expect(settled.stage).toBe('reminded');
    expect(transition(settled, { type: 'handoff-prepared' }, ctx).case).toBe(settled);
  });

  // Found by the model-based tests: a reviewer decided while the rules were deciding, and the step failed.
  it("the rules' verdict on a dispute a reviewer decided meanwhile changes nothing", () => {
    const decided = apply(aCase(), dispute, decide('reject'));
    const rules: CaseEvent = {
      type: 'dispute-decided-by-rules',
      disputeId: 'dispute-1',
      outcome: 'rejected',
      verdict: { by: 'rules', verdict: 'invalid', reasons: [], decidedOn: '2026-03-10' },
      entryType: 'dispute-rejected',
      summary: 'rejected',
    };
    expect(transition(decided, rules, ctx).case).toBe(decided);
  });

  it('a reminder delivered after the case was paid leaves it paid', () => {
    const recorded = apply(aCase(), {
      type: 'letter-recorded',
      letter: {
        letterId: 'L-1',
        kind: 'reminder',
        date: '2026-03-10',
        recipient: 'x',
        contentHash: 'h',
        amounts: { principalCents: 8_900, interestCents: 0, costsCents: 0, totalCents: 8_900 },
        status: 'pending',
      },
    });
    const paid = apply(recorded, payment('ALL', 1_000_000));
    const after = apply(paid, {
      type: 'letter-delivered',
      letterId: 'L-1',
      deliveryReference: 'ref',
      totalCents: 8_900,
    });
    expect(after.stage).toBe('paid');
    expect(after.letters[0]?.status).toBe('delivered');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case, LetterRecord } from '../../../shared/domain/case.ts';
import { claimOfCase } from '../../../shared/domain/case-claim.ts';
import {
  type CaseEvent,
  dunningBlock,
  lifecycleContext,
  preHandoffCheck,
  transition,
} from '../../../shared/domain/lifecycle.ts';
import { LETTER_UNDELIVERABLE_HOLD, type LetterKind } from '../../../shared/domain/vocabulary.ts';
import { aCase } from '../../support/case-fixture.ts';

const ctx = lifecycleContext(new Date('2026-03-05T09:00:00Z'), DEFAULT_SETTINGS);
const apply = (c: Case, ...events: CaseEvent[]) => events.reduce((x, e) => transition(x, e, ctx).case, c);

function aLetter(kind: LetterKind, letterId: string, date: string): LetterRecord {
  return {
    letterId,
    kind,
    date,
    recipient: 'J. de Vries',
    contentHash: `sha256-${letterId}`,
    amounts: { principalCents: 8_900, interestCents: 10, costsCents: 0, totalCents: 8_910 },
    status: 'pending',
  };
}

const sent = (letter: LetterRecord): CaseEvent[] => [
  { type: 'letter-recorded', letter },
  {
    type: 'letter-delivered',
    letterId: letter.letterId,
    deliveryReference: `ses-${letter.letterId}`,
    totalCents: 8_910,
  },
];
const reminder = aLetter('reminder', 'case-1-reminder', '2026-02-11');
const fourteenDay = aLetter('fourteen-day-letter', 'case-1-fourteen-day-letter', '2026-03-02');
const bounced = (letterId: string, feedbackId = 'fb-1'): CaseEvent => ({
  type: 'letter-bounced',
  letterId,
  feedbackId,
  bounceType: 'permanent',
  at: '2026-03-02T10:01:00.000Z',
});

/** A consumer's case whose 14-day letter went out on Monday 2 March 2026: the term runs through 18 March. */
const demanded = () => apply(aCase(), ...sent(reminder), ...sent(fourteenDay));

describe('a letter that did not reach the debtor', () => {
  it('a bounced 14-day letter starts no term: no costs, no handoff, a new demand round, on hold for a correct address', () => {
    const before = demanded();
    expect(before.stage).toBe('demanded');
    expect(before.schedule.demandTerm?.lastDayToPay).toBe('2026-03-18');

    const c = apply(before, bounced(fourteenDay.letterId));
    expect(c.letters.find((l) => l.letterId === fourteenDay.letterId)).toMatchObject({
      status: 'bounced',
      bounce: { feedbackId: 'fb-1', bounceType: 'permanent', at: '2026-03-02T10:01:00.000Z' },
      deliveryReference: `ses-${fourteenDay.letterId}`,
    });
    expect(c.stage).toBe('reminded');
    expect(c.schedule).toMatchObject({ demandTerm: null, handoffOn: null, demandRound: 2 });
    expect(c.pauses).toEqual([
      { kind: 'hold', reason: LETTER_UNDELIVERABLE_HOLD, since: '2026-03-05', until: null },
    ]);
    expect(dunningBlock(c)?.reason).toBe('on-hold');
    // Long after the term the letter named, still no costs and no handoff.
    expect(claimOfCase(c, '2026-04-30', DEFAULT_SETTINGS).costsCents).toBe(0);
    expect(preHandoffCheck(c, '2026-04-30', { timeBarred: false }).ok).toBe(false);
    const released = apply(c, { type: 'hold-released' });
    expect(preHandoffCheck(released, '2026-04-30', { timeBarred: false })).toMatchObject({
      ok: false,
      reason: 'term-not-passed',
    });
    expect(c.chronology.slice(-2).map((e) => [e.type, e.actor, e.refs?.letterId])).toEqual([
      ['letter-bounced', 'ses', fourteenDay.letterId],
      ['hold-placed', 'ses', fourteenDay.letterId],
    ]);
  });

  it('wakes a workflow that waited for the end of the term: it now waits for the release', () => {
    const waiting = apply(demanded(), {
      type: 'workflow-waiting',
      taskToken: 'token-term',
      waitingFor: 'demand-term',
      until: '2026-03-19',
    });
    const { effects } = transition(waiting, bounced(fourteenDay.letterId), ctx);
    expect(effects).toEqual([{ kind: 'wake-workflow', taskToken: 'token-term', event: 'on-hold' }]);
  });

  it('is recorded once per letter: the same report again, or another report of the same bounce, changes nothing', () => {
    const once = apply(demanded(), bounced(fourteenDay.letterId));
    const again = transition(once, bounced(fourteenDay.letterId), ctx);
    expect(again.case).toBe(once);
    expect(again.entries).toEqual([]);
    expect(transition(once, bounced(fourteenDay.letterId, 'fb-2'), ctx).case).toBe(once);
  });

  it('a bounce that comes back before the step recorded the delivery: the late delivery moves nothing on', () => {
    const pending = apply(aCase(), ...sent(reminder), { type: 'letter-recorded', letter: fourteenDay });
    const c = apply(pending, bounced(fourteenDay.letterId), {
      type: 'letter-delivered',
      letterId: fourteenDay.letterId,
      deliveryReference: 'ses-late',
      totalCents: 8_910,
    });
    expect(c.stage).toBe('reminded');
    expect(c.schedule.demandTerm).toBeNull();
    expect(c.schedule.demandRound).toBe(2);
    expect(c.letters.find((l) => l.letterId === fourteenDay.letterId)).toMatchObject({
      status: 'bounced',
      deliveryReference: 'ses-late',
    });
    expect(
      c.chronology.some((e) => e.type === 'letter-sent' && e.refs?.letterId === fourteenDay.letterId),
    ).toBe(true);
  });

  it('a bounced reminder holds the case; the plan moves on to the demand, which is the letter the law asks for', () => {
    const pending = apply(aCase(), { type: 'letter-recorded', letter: reminder });
    const c = apply(pending, bounced(reminder.letterId));
    expect(c.stage).toBe('reminded');
    expect(c.schedule.demandOn).not.toBeNull();
    expect(c.pauses.map((p) => p.kind)).toEqual(['hold']);
    // A failed-delivery report arriving afterwards does not undo the bounce.
    const failed = apply(c, { type: 'letter-failed', letterId: reminder.letterId, error: 'TimeoutError' });
    expect(failed.letters[0]?.status).toBe('bounced');
  });

  it('an earlier letter that bounces late is recorded, but dunning stands on the later one', () => {
    const c = apply(demanded(), bounced(reminder.letterId));
    expect(c.letters[0]?.status).toBe('bounced');
    expect(c.stage).toBe('demanded');
    expect(c.schedule.demandTerm).not.toBeNull();
    expect(c.pauses).toEqual([]);
  });

  it('a closed case only records the bounce (the agency must know); it never reopens', () => {
    const handedOff = { ...demanded(), stage: 'handed-off' as const };
    const c = apply(handedOff, bounced(fourteenDay.letterId));
    expect(c.stage).toBe('handed-off');
    expect(c.pauses).toEqual([]);
    expect(c.letters[1]?.status).toBe('bounced');
  });

  it("keeps the creditor's own hold rather than placing a second one", () => {
    const held = apply(demanded(), { type: 'hold-placed', reason: 'Betalingsregeling', until: null });
    const c = apply(held, bounced(fourteenDay.letterId));
    expect(c.pauses).toEqual(held.pauses);
    expect(c.stage).toBe('reminded');
  });

  it('a letter the debtor marked as spam was delivered: recorded once, dunning goes on', () => {
    const before = demanded();
    const complaint: CaseEvent = {
      type: 'letter-complaint',
      letterId: fourteenDay.letterId,
      feedbackId: 'fb-spam',
      at: '2026-03-03T08:00:00.000Z',
    };
    const c = apply(before, complaint);
    expect(c.letters[1]).toMatchObject({
      status: 'delivered',
      complaint: { feedbackId: 'fb-spam', at: '2026-03-03T08:00:00.000Z' },
    });
    expect(c.stage).toBe('demanded');
    expect(c.schedule.demandTerm).toEqual(before.schedule.demandTerm);
    expect(c.chronology.at(-1)).toMatchObject({ type: 'letter-complaint', refs: { feedbackId: 'fb-spam' } });
    expect(transition(c, complaint, ctx).case).toBe(c);
  });
});

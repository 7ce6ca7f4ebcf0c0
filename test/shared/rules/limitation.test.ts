/**
 * Limitation interrupted on receipt, not on sending (3:317 with 3:37 lid 3 BW): a written demand interrupts on
 * the day it reaches the debtor, for a posted letter the presumed delivery day (HR 25-11-2016,
 * ECLI:NL:HR:2016:2704). docs/rules.md, worked example R3.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/rules/calendar.ts';
import { presumedDelivery } from '../../../shared/rules/demand-term.ts';
import { isTimeBarred } from '../../../shared/rules/limitation.ts';

describe('R3: a written demand interrupts limitation when it is received', () => {
  // Invoice due Fri 2021-02-26: the 5-year period ends at the end of Thu 2026-02-26.
  const claim = { claimKind: 'payment' as const, dueOn: '2021-02-26' };

  it('a letter sent on the last day (Thu 2026-02-26) is presumed delivered on Sat 02-28, after it: no interruption', () => {
    const r = isTimeBarred({ ...claim, interruptions: [{ sentOn: '2026-02-26' }], on: '2026-03-10' });
    expect(r).toMatchObject({ timeBarred: true, lastDayToAct: '2026-02-26', interruptedOn: [] });
    expect(r.reasons.map((x) => x.code)).toContain('LIMITATION_INTERRUPTION_TOO_LATE');
  });

  it('a letter sent on Tue 2026-02-24 is presumed delivered on Thu 02-26, the last day: a new period to 2031-02-26', () => {
    const r = isTimeBarred({ ...claim, interruptions: [{ sentOn: '2026-02-24' }], on: '2026-03-10' });
    expect(r).toMatchObject({ timeBarred: false, lastDayToAct: '2031-02-26', interruptedOn: ['2026-02-26'] });
  });

  it('a letter not yet received on the day judged does not interrupt yet', () => {
    const r = isTimeBarred({ ...claim, interruptions: [{ sentOn: '2026-02-24' }], on: '2026-02-25' });
    expect(r.interruptedOn).toEqual([]);
  });

  it('a receipt date given as `on` is used as it is; giving both on and sentOn is refused, naming the field', () => {
    expect(
      isTimeBarred({ ...claim, interruptions: [{ on: '2026-02-26' }], on: '2026-03-10' }).timeBarred,
    ).toBe(false);
    expect(() =>
      isTimeBarred({
        ...claim,
        interruptions: [{ on: '2026-02-26', sentOn: '2026-02-24' }],
        on: '2026-03-10',
      }),
    ).toThrow(/interruptions\[0\]\.on/);
  });

  it('property: a posted demand interrupts exactly when its presumed delivery falls on or before the last day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: -10, max: 10 }),
        (dueOffset, sendOffset) => {
          const dueOn = addDays('2018-01-01', dueOffset);
          const alive = isTimeBarred({ claimKind: 'payment', dueOn, on: dueOn });
          const sentOn = addDays(alive.lastDayToAct, sendOffset);
          const r = isTimeBarred({
            claimKind: 'payment',
            dueOn,
            interruptions: [{ sentOn }],
            on: addDays(sentOn, 10),
          });
          const received = presumedDelivery(sentOn);
          expect(r.interruptedOn.length === 1).toBe(received <= alive.lastDayToAct);
        },
      ),
      { numRuns: 200 },
    );
  });
});

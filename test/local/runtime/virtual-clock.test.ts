import { describe, expect, it } from 'vitest';
import { ClockMovedBackwardsError } from '../../../local/runtime/errors.ts';
import { VirtualClock } from '../../../local/runtime/virtual-clock.ts';

describe('the virtual clock handlers read', () => {
  it('stands still until the scheduler moves it forward', () => {
    const clock = new VirtualClock('2026-03-01T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-01T08:00:00.000Z');
    clock.advanceTo(Date.parse('2026-06-01T08:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-06-01T08:00:00.000Z');
  });

  it('never goes backwards', () => {
    const clock = new VirtualClock('2026-03-01T08:00:00Z');
    expect(() => clock.advanceTo(Date.parse('2026-02-28T08:00:00Z'))).toThrow(ClockMovedBackwardsError);
    expect(() => new VirtualClock('not a date')).toThrow(RangeError);
  });
});

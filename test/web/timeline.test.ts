import { describe, expect, it } from 'vitest';
import { timelineEntries } from '../../web/src/timeline.ts';

const at = (time: string, type: string, letterId?: string) => ({
  at: `2026-03-02T${time}:00.000Z`,
  on: '2026-03-02',
  type,
  ...(letterId ? { refs: { letterId } } : {}),
});

describe('the timeline of a case', () => {
  it("draws a step's repeated failures on one day as one line with how often, in time order", () => {
    const drawn = timelineEntries([
      at('09:05', 'letter-failed', 'c-reminder'),
      at('09:00', 'case-opened'),
      at('09:06', 'letter-failed', 'c-reminder'),
      at('09:07', 'letter-failed', 'c-reminder'),
      at('09:08', 'letter-failed', 'c-demand'),
      at('09:09', 'step-failed'),
      at('09:10', 'payment-received'),
      at('09:11', 'payment-received'),
    ]);
    expect(drawn.map(({ e, times }) => [e.type, e.refs?.letterId ?? '', times])).toEqual([
      ['case-opened', '', 1],
      ['letter-failed', 'c-reminder', 3],
      ['letter-failed', 'c-demand', 1],
      ['step-failed', '', 1],
      // Two payments are two events, never merged.
      ['payment-received', '', 1],
      ['payment-received', '', 1],
    ]);
  });
});

import type { Clock } from '../../shared/ports/clock.ts';
import { ClockMovedBackwardsError } from './errors.ts';

/**
 * A clock that stands still until the local scheduler moves it. Handlers read it through the Clock
 * port; only the scheduler of the LocalWorkflowRuntime calls `advanceTo`, and only forwards.
 */
export class VirtualClock implements Clock {
  #nowMs: number;

  constructor(start: Date | string) {
    const ms = new Date(start).getTime();
    if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(start)}`);
    this.#nowMs = ms;
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  /** Milliseconds since the epoch, for the scheduler's arithmetic. */
  nowMs(): number {
    return this.#nowMs;
  }

  /** Moves the clock forward to `instantMs`. For the scheduler only; never goes backwards. */
  advanceTo(instantMs: number): void {
    if (instantMs < this.#nowMs) {
      throw new ClockMovedBackwardsError(
        `virtual clock at ${new Date(this.#nowMs).toISOString()} cannot go back to ${new Date(instantMs).toISOString()}`,
      );
    }
    this.#nowMs = instantMs;
  }
}

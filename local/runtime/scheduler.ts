import { SchedulerBusyError } from './errors.ts';
import type { VirtualClock } from './virtual-clock.ts';

/** A timer in virtual time; `cancel()` makes it never fire. */
export interface TimerHandle {
  readonly atMs: number;
  cancel(): void;
}

interface Timer extends TimerHandle {
  seq: number;
  cancelled: boolean;
  fire: () => void | Promise<void>;
}

export interface VirtualSchedulerOptions {
  /**
   * Optional, 1 by default: how many timers due at the same instant fire together (started in the order
   * they were scheduled, then settled once) instead of one after the other with a settle in between.
   * Above 1, work at one instant overlaps its real I/O (the embedded DynamoDB, the outbox, the agency
   * socket), which is what many independent cases need (benchmarks); the order in which same-instant
   * work *finishes* is then no longer fixed, so tests that rely on it keep the default.
   */
  sameInstantBatch?: number;
}

/**
 * Deterministic discrete-event scheduler over a VirtualClock.
 *
 * Work is either *running* (an execution between two virtual waits, maybe doing real I/O) or *blocked*
 * on a timer or a callback. Virtual time moves only when nothing runs: the scheduler then jumps to the
 * earliest timer (same instant: the order they were scheduled in), fires it, and lets whatever that
 * woke run until it blocks again before it looks at the next timer.
 */
export class VirtualScheduler {
  readonly #clock: VirtualClock;
  readonly #heap: Timer[] = [];
  #seq = 0;
  #running = 0;
  #quietWaiters: (() => void)[] = [];
  #busy = false;
  #firedTimers = 0;
  readonly #sameInstantBatch: number;

  constructor(clock: VirtualClock, options: VirtualSchedulerOptions = {}) {
    this.#clock = clock;
    const batch = options.sameInstantBatch ?? 1;
    if (!Number.isInteger(batch) || batch < 1) {
      throw new RangeError(`sameInstantBatch must be a positive integer, not ${batch}`);
    }
    this.#sameInstantBatch = batch;
  }

  get clock(): VirtualClock {
    return this.#clock;
  }

  /** Timers fired so far (for benchmarks). */
  get firedTimers(): number {
    return this.#firedTimers;
  }

  /** Timers still to fire. */
  get pendingTimers(): number {
    return this.#heap.filter((t) => !t.cancelled).length;
  }

  /** Schedules `fire` at `atMs` (or now, if that has passed). An async `fire` is awaited before time moves on. */
  schedule(atMs: number, fire: () => void | Promise<void>): TimerHandle {
    const timer: Timer = {
      atMs: Math.max(atMs, this.#clock.nowMs()),
      seq: this.#seq++,
      cancelled: false,
      fire,
      cancel() {
        timer.cancelled = true;
      },
    };
    this.#push(timer);
    return timer;
  }

  /** Some unit of work (an execution) started running. */
  enterRunning(): void {
    this.#running++;
  }

  /** A unit of work blocked or ended. */
  leaveRunning(): void {
    this.#running--;
    if (this.#running === 0 && this.#quietWaiters.length > 0) {
      const waiters = this.#quietWaiters;
      this.#quietWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves once nothing runs (all work is blocked on timers/callbacks or has ended). */
  async settle(): Promise<void> {
    do {
      while (this.#running > 0) {
        await new Promise<void>((resolve) => {
          this.#quietWaiters.push(resolve);
        });
      }
      // Let follow-up microtasks (event-log consumers, promise chains of ended work) drain.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } while (this.#running > 0);
  }

  /**
   * Fires timers in virtual-time order up to and including `limitMs` (all of them when undefined),
   * settling after each, then moves the clock to `limitMs`. Returns the number of timers fired.
   */
  async run(limitMs: number | undefined, maxTimers = Number.POSITIVE_INFINITY): Promise<number> {
    if (this.#busy)
      throw new SchedulerBusyError('the scheduler is already running (runUntil called from inside a run?)');
    this.#busy = true;
    let fired = 0;
    try {
      await this.settle();
      for (;;) {
        const next = this.#peek();
        if (!next || (limitMs !== undefined && next.atMs > limitMs) || fired >= maxTimers) break;
        this.#pop();
        if (next.atMs > this.#clock.nowMs()) this.#clock.advanceTo(next.atMs);
        fired++;
        this.#firedTimers++;
        if (this.#sameInstantBatch > 1) {
          const batch = [next.fire()];
          for (
            let t = this.#peek();
            t && t.atMs === next.atMs && batch.length < this.#sameInstantBatch && fired < maxTimers;
            t = this.#peek()
          ) {
            this.#pop();
            fired++;
            this.#firedTimers++;
            batch.push(t.fire());
          }
          await Promise.all(batch);
        } else {
          await next.fire();
        }
        await this.settle();
      }
      if (limitMs !== undefined && limitMs > this.#clock.nowMs()) this.#clock.advanceTo(limitMs);
      return fired;
    } finally {
      this.#busy = false;
    }
  }

  /** Drops every timer (used when the runtime is disposed). */
  clear(): void {
    for (const t of this.#heap) t.cancelled = true;
    this.#heap.length = 0;
  }

  // Binary min-heap on (atMs, seq); cancelled timers are dropped lazily.
  #peek(): Timer | undefined {
    while (this.#heap.length > 0 && (this.#heap[0] as Timer).cancelled) this.#pop();
    return this.#heap[0];
  }

  #less(a: Timer, b: Timer): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  #push(timer: Timer): void {
    const h = this.#heap;
    h.push(timer);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(h[i] as Timer, h[parent] as Timer)) break;
      [h[i], h[parent]] = [h[parent] as Timer, h[i] as Timer];
      i = parent;
    }
  }

  #pop(): Timer | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l] as Timer, h[m] as Timer)) m = l;
        if (r < h.length && this.#less(h[r] as Timer, h[m] as Timer)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m] as Timer, h[i] as Timer];
        i = m;
      }
    }
    return top;
  }
}

import type { PublishedEvent } from '../events/schema.ts';
import type { EventPublisher } from '../ports/events.ts';

/** Events kept in memory, in the order published (a repeat is kept again): for tests and benchmarks. */
export class MemoryEventPublisher implements EventPublisher {
  readonly published: PublishedEvent[] = [];
  /** Set to make the next publications fail (before anything is kept), e.g. to test a retried step. */
  failWith: Error | null = null;

  async publish(events: readonly PublishedEvent[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.published.push(...events);
  }
}

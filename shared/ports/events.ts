import type { PublishedEvent } from '../events/schema.ts';

/**
 * Where events for the creditor's other systems go (EventBridge on AWS; locally an outbox folder and a
 * webhook). Idempotent by event id: publishing an event again delivers the same id, which a consumer
 * drops (docs/events.md). Resolves once every event was accepted; throws TransientError otherwise.
 */
export interface EventPublisher {
  publish(events: readonly PublishedEvent[]): Promise<void>;
}

import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import { TransientError } from '../errors.ts';
import type { PublishedEvent } from '../events/schema.ts';
import { EVENT_SOURCE } from '../events/version.ts';
import type { EventPublisher } from '../ports/events.ts';

/** PutEvents takes at most 10 entries a call. */
const BATCH = 10;

export interface EventBridgeEventPublisherOptions {
  client: Pick<EventBridgeClient, 'send'>;
  /** The bus the stack creates (env EVENT_BUS_NAME). */
  eventBusName: string;
  /** Calls per batch, the first included, before entries that keep failing give up (default 3). */
  attempts?: number;
  /** Wait before the second call; doubles for each next one (default 100 ms). */
  backoffMs?: number;
}

/**
 * Events on Amazon EventBridge: one entry per event, `Source` collections.cases, `DetailType` the event
 * type, `Detail` the event itself (its `id` is the one to deduplicate on: EventBridge gives every
 * PutEvents entry an id of its own). PutEvents can accept a call and refuse some of its entries
 * (`FailedEntryCount`): only those are sent again; what still fails is a TransientError naming them.
 */
export class EventBridgeEventPublisher implements EventPublisher {
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(private readonly options: EventBridgeEventPublisherOptions) {
    this.attempts = options.attempts ?? 3;
    this.backoffMs = options.backoffMs ?? 100;
  }

  async publish(events: readonly PublishedEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += BATCH) await this.putBatch(events.slice(i, i + BATCH));
  }

  private async putBatch(batch: readonly PublishedEvent[]): Promise<void> {
    let pending = batch.map((event) => ({ event, entry: this.entryOf(event) }));
    let failures: string[] = [];
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > this.attempts) {
        throw new TransientError(
          `EventBridge refused ${pending.length} event(s) after ${this.attempts} attempts: ${failures.join('; ')}`,
        );
      }
      if (attempt > 1) await new Promise((r) => setTimeout(r, this.backoffMs * 2 ** (attempt - 2)));
      let results: PutEventsResultEntry[];
      try {
        const out = await this.options.client.send(
          new PutEventsCommand({ Entries: pending.map((p) => p.entry) }),
        );
        results = out.Entries ?? [];
        if ((out.FailedEntryCount ?? 0) === 0) return;
      } catch (error) {
        // The whole call failed (the SDK retried it already): all of it again, then give up.
        failures = [`${(error as Error).name}: ${(error as Error).message}`];
        if (attempt >= this.attempts) {
          throw new TransientError(`EventBridge PutEvents failed: ${failures[0]}`, { cause: error });
        }
        continue;
      }
      // Results are in the order of the entries sent; a failed one has an ErrorCode.
      const failed = pending
        .map((p, i) => ({ ...p, result: results[i] }))
        .filter((p) => p.result === undefined || p.result.ErrorCode !== undefined);
      failures = failed.map((p) => `${p.event.id}: ${p.result?.ErrorCode ?? 'no result'}`);
      pending = failed.map(({ event, entry }) => ({ event, entry }));
    }
  }

  private entryOf(event: PublishedEvent): PutEventsRequestEntry {
    return {
      EventBusName: this.options.eventBusName,
      Source: EVENT_SOURCE,
      DetailType: event.type,
      Detail: JSON.stringify(event),
      Time: new Date(event.occurredAt),
      Resources: [],
    };
  }
}

export function createEventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient({});
}

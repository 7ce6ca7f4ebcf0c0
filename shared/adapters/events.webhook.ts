import { TransientError } from '../errors.ts';
import type { PublishedEvent } from '../events/schema.ts';
import type { EventPublisher } from '../ports/events.ts';
import { signRequest } from './request-signature.ts';

export interface WebhookEventPublisherOptions {
  url: string;
  /** The key shared with the receiver (shared/adapters/request-signature.ts). */
  secret: string;
  timeoutMs?: number;
  /** Source of the X-Signature-Timestamp header. */
  now?: () => Date;
}

/**
 * Events to a webhook over HTTP: one POST per event, the event as the JSON body, signed like the agency
 * handoff (shared/adapters/request-signature.ts: timestamp, idempotency key and body), with
 * `Idempotency-Key` the event id so the receiver drops a repeat. Any answer but 2xx, or none in time, is a TransientError.
 */
export class WebhookEventPublisher implements EventPublisher {
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: WebhookEventPublisherOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.now = options.now ?? (() => new Date());
  }

  async publish(events: readonly PublishedEvent[]): Promise<void> {
    for (const event of events) await this.post(event);
  }

  private async post(event: PublishedEvent): Promise<void> {
    const body = JSON.stringify(event);
    let status: number;
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'X-Event-Type': event.type,
          ...signRequest(
            { current: this.options.secret },
            { idempotencyKey: event.id, body, at: this.now() },
          ),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      throw new TransientError(`webhook ${this.options.url} did not answer for event ${event.id}`, {
        cause: error,
      });
    }
    if (status < 200 || status >= 300) {
      throw new TransientError(`webhook ${this.options.url} answered ${status} for event ${event.id}`);
    }
  }
}

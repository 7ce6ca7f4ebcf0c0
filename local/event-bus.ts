/**
 * The event bus on one machine, as EventBridge behaves: publishing puts each event into the outbox
 * folder (the bus accepted it) and returns; a webhook, when configured, receives the events afterwards
 * (EventBridge's API destination is a rule target, delivered apart from PutEvents), in order, retried with
 * backoff, and an event it keeps refusing is kept in `<outbox>/_undelivered/` (a rule's dead-letter queue
 * on AWS). A webhook that is down never fails a case's step.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutboxEventPublisher } from '../shared/adapters/events.outbox.ts';
import { WebhookEventPublisher } from '../shared/adapters/events.webhook.ts';
import type { PublishedEvent } from '../shared/events/schema.ts';
import type { EventPublisher } from '../shared/ports/events.ts';

export interface LocalEventBusOptions {
  /** The outbox folder: `<dir>/<caseId>/<entryId>.json`. */
  dir: string;
  webhook?: { url: string; secret: string } | null;
  /** Deliveries of one event to the webhook, the first included (default 5). */
  attempts?: number;
  /** Wait before the second delivery; doubles for each next one (default 200 ms, real time). */
  backoffMs?: number;
}

/** The webhook settings from the environment: EVENTS_WEBHOOK_URL and EVENTS_WEBHOOK_SECRET. */
export function webhookFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): LocalEventBusOptions['webhook'] {
  const url = env.EVENTS_WEBHOOK_URL;
  if (!url) return null;
  return { url, secret: env.EVENTS_WEBHOOK_SECRET ?? 'local-events-secret' };
}

export class LocalEventBus implements EventPublisher {
  readonly outbox: OutboxEventPublisher;
  private readonly webhook: WebhookEventPublisher | null;
  private readonly attempts: number;
  private readonly backoffMs: number;
  /** Webhook deliveries in order: one event at a time, as they were published. */
  private queue: Promise<void> = Promise.resolve();
  /** Events accepted by publish, by event id (a repeated publication counts again). */
  readonly accepted = new Map<string, number>();

  constructor(private readonly options: LocalEventBusOptions) {
    this.outbox = new OutboxEventPublisher(options.dir);
    this.webhook = options.webhook ? new WebhookEventPublisher(options.webhook) : null;
    this.attempts = options.attempts ?? 5;
    this.backoffMs = options.backoffMs ?? 200;
  }

  async publish(events: readonly PublishedEvent[]): Promise<void> {
    await this.outbox.publish(events);
    for (const event of events) {
      this.accepted.set(event.id, (this.accepted.get(event.id) ?? 0) + 1);
      if (this.webhook) this.queue = this.queue.then(() => this.deliver(event));
    }
  }

  /** Resolves once every event published so far went to the webhook (or to `_undelivered`). */
  settled(): Promise<void> {
    return this.queue;
  }

  private async deliver(event: PublishedEvent): Promise<void> {
    const webhook = this.webhook as WebhookEventPublisher;
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, this.backoffMs * 2 ** (attempt - 2)));
      try {
        await webhook.publish([event]);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    const folder = join(this.options.dir, '_undelivered', encodeURIComponent(event.caseId));
    await mkdir(folder, { recursive: true });
    await writeFile(
      join(folder, `${encodeURIComponent(event.entryId)}.json`),
      `${JSON.stringify({ event, error: (lastError as Error).message }, null, 2)}\n`,
    );
    console.warn(
      `event ${event.id} not delivered to ${this.options.webhook?.url}: ${(lastError as Error).message}`,
    );
  }
}

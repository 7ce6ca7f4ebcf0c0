/**
 * A creditor's system that receives the case events over a webhook, played locally by a real HTTP server
 * on 127.0.0.1: it verifies the signature as the agency does (shared/adapters/request-signature.ts, 401), validates the event against its published schema
 * (422), keeps each event id once (a repeat is answered 200 and dropped) and answers 204. Tests script
 * failures with `behaviour`.
 *
 * Standalone: `EVENTS_WEBHOOK_SECRET=... npx tsx local/events-receiver.ts [port]`, then
 * `EVENTS_WEBHOOK_URL=http://127.0.0.1:<port>/ npm run serve`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyRequest } from '../shared/adapters/request-signature.ts';
import type { PublishedEvent } from '../shared/events/schema.ts';
import { validateEvent } from '../shared/events/validate.ts';

export interface EventsReceiverOptions {
  secret: string;
  port?: number;
  /** Status codes to answer the first requests with, in order, before accepting (e.g. [503]). */
  behaviour?: number[];
  /** Called with each event accepted the first time. */
  onEvent?: (event: PublishedEvent) => void;
}

export interface EventsReceiver {
  url: string;
  /** Events accepted, one per event id, in order of arrival. */
  received(): PublishedEvent[];
  /** What was answered to each request, repeats and refusals included. */
  log(): { eventId: string | null; status: number }[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startEventsReceiver(options: EventsReceiverOptions): Promise<EventsReceiver> {
  const byId = new Map<string, PublishedEvent>();
  const log: { eventId: string | null; status: number }[] = [];
  const scripted = [...(options.behaviour ?? [])];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const eventId = (req.headers['idempotency-key'] as string | undefined) ?? null;
      const answer = (status: number, message?: string) => {
        log.push({ eventId, status });
        res.writeHead(status, message ? { 'content-type': 'application/json' } : {});
        res.end(message ? JSON.stringify({ message }) : undefined);
      };
      const scriptedStatus = scripted.shift();
      if (scriptedStatus !== undefined) return answer(scriptedStatus, 'scripted');
      const verified = verifyRequest(
        {
          timestamp: req.headers[TIMESTAMP_HEADER.toLowerCase()] as string | undefined,
          idempotencyKey: eventId ?? undefined,
          signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined,
          body,
        },
        [options.secret],
        new Date(),
      );
      if (!verified.ok) return answer(401, verified.refusal);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        return answer(422, 'body is not JSON');
      }
      const validation = validateEvent(json);
      if (!validation.ok) return answer(422, validation.errors.join('; '));
      if (validation.event.id !== eventId) return answer(422, 'Idempotency-Key is not the event id');
      if (byId.has(eventId)) return answer(200);
      byId.set(eventId, validation.event);
      options.onEvent?.(validation.event);
      return answer(204);
    });
  });
  await new Promise<void>((ready) => server.listen(options.port ?? 0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    received: () => [...byId.values()],
    log: () => [...log],
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const receiver = await startEventsReceiver({
    secret: process.env.EVENTS_WEBHOOK_SECRET ?? 'local-events-secret',
    port: Number(process.argv[2] ?? 0),
    onEvent: (event) => console.log(`${event.occurredAt} ${event.type} ${event.id}`),
  });
  console.log(`events receiver on ${receiver.url}`);
}

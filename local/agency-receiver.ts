/**
 * A collection agency's intake endpoint, played locally by a real HTTP server on 127.0.0.1: it verifies
 * the HMAC signature (401), validates the dossier against the published schema (422), drops a repeat of
 * an Idempotency-Key by answering its first reference again (200) without storing twice, and answers
 * `{ agencyReference }`. Tests script failures with `behaviour`.
 *
 * Standalone: `AGENCY_HMAC_SECRET=... npx tsx local/agency-receiver.ts [port]`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Dossier } from '../shared/dossier/schema.ts';
import { validateDossier } from '../shared/dossier/validate.ts';

/**
 * What the agency does with one request:
 * - `'accept'`: the normal path (verify, validate, store once, answer the reference);
 * - a status code (e.g. 500, 503, 429): answer it at once without looking at the request;
 * - `'hang'`: process and store the dossier, then never answer (the answer is lost: the client times out);
 * - `'hang-before'`: never answer and store nothing.
 */
export type AgencyBehaviour = 'accept' | 'hang' | 'hang-before' | number;

export interface AgencyReceiverOptions {
  secret: string;
  port?: number;
  /** Scripted behaviour per request, in order; once used up every request is accepted. */
  behaviour?: AgencyBehaviour[];
  /** Prefix of the references it hands out. */
  referencePrefix?: string;
}

export interface AgencyRequestLog {
  idempotencyKey: string | null;
  status: number | 'no answer';
}

export interface AgencyReceiver {
  url: string;
  /** Dossiers accepted, one per Idempotency-Key, in order of arrival. */
  received(): Dossier[];
  /** Requests that reached the server, repeats and failures included. */
  requests(): number;
  /** What was answered to each request. */
  log(): AgencyRequestLog[];
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

function signatureMatches(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startAgencyReceiver(options: AgencyReceiverOptions): Promise<AgencyReceiver> {
  const script = [...(options.behaviour ?? [])];
  const stored = new Map<string, { agencyReference: string; dossier: Dossier }>();
  const log: AgencyRequestLog[] = [];
  const prefix = options.referencePrefix ?? 'AG';
  let requestCount = 0;

  const answer = (res: ServerResponse, entry: AgencyRequestLog, status: number, body: unknown) => {
    entry.status = status;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requestCount++;
    const key = req.headers['idempotency-key'];
    const entry: AgencyRequestLog = {
      idempotencyKey: typeof key === 'string' ? key : null,
      status: 'no answer',
    };
    log.push(entry);
    const body = await readBody(req);
    const behaviour = script.shift() ?? 'accept';
    if (typeof behaviour === 'number')
      return answer(res, entry, behaviour, { error: `scripted ${behaviour}` });
    if (behaviour === 'hang-before') return;
    if (req.method !== 'POST') return answer(res, entry, 405, { error: 'POST only' });
    if (typeof key !== 'string' || key === '')
      return answer(res, entry, 400, { error: 'Idempotency-Key is required' });
    const signature = req.headers['x-signature'];
    if (!signatureMatches(options.secret, body, typeof signature === 'string' ? signature : undefined)) {
      return answer(res, entry, 401, { error: 'signature does not match the body' });
    }
    const repeat = stored.get(key);
    if (repeat) {
      if (behaviour === 'hang') return;
      return answer(res, entry, 200, { agencyReference: repeat.agencyReference, repeat: true });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return answer(res, entry, 400, { error: 'body is not JSON' });
    }
    const validation = validateDossier(json);
    if (!validation.ok)
      return answer(res, entry, 422, {
        error: 'dossier does not match the schema',
        details: validation.errors,
      });
    const agencyReference = `${prefix}-${String(stored.size + 1).padStart(6, '0')}`;
    stored.set(key, { agencyReference, dossier: validation.dossier });
    if (behaviour === 'hang') return;
    return answer(res, entry, 201, { agencyReference });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/dossiers`,
    received: () => [...stored.values()].map((s) => s.dossier),
    requests: () => requestCount,
    log: () => log.map((l) => ({ ...l })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const secret = process.env.AGENCY_HMAC_SECRET;
  if (!secret) {
    console.error('set AGENCY_HMAC_SECRET');
    process.exit(2);
  }
  const receiver = await startAgencyReceiver({ secret, port: Number(process.argv[2] ?? 8787) });
  console.log(`agency receiver listening on ${receiver.url}`);
}

/**
 * A collection agency's intake endpoint, played locally by a real HTTP server on 127.0.0.1, verifying as
 * docs/letters-and-handoff.md tells an agency to: the signature over timestamp, idempotency key and body
 * with either of its two keys, and a timestamp within the replay window (else 401 with a code); the
 * dossier against the published schema (422); a repeat of an Idempotency-Key with the same body is
 * answered its first reference again (200) without storing twice, one with another body is refused
 * (409 with the first reference: the agency keeps what it first received). Tests script failures with
 * `behaviour`.
 *
 * Standalone: `AGENCY_HMAC_SECRET=... npx tsx local/agency-receiver.ts [port]` (the secret as a plain key
 * or JSON `{"current": "...", "previous": "..."}`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  activeKeys,
  bodyDigest,
  IDEMPOTENCY_KEY_HEADER,
  parseSigningKeys,
  REPLAY_WINDOW_SECONDS,
  SIGNATURE_HEADER,
  type SignatureRefusal,
  type SigningKeys,
  TIMESTAMP_HEADER,
  verifyRequest,
} from '../shared/adapters/request-signature.ts';
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
  /** The key it verifies with, or both keys during a rotation (a string may be JSON as in a secret). */
  secret: string | SigningKeys;
  /** The agency's clock, which the replay window is measured on (the local runtime's virtual clock). */
  now?: () => Date;
  /** Seconds a timestamp may lie from `now` (REPLAY_WINDOW_SECONDS). */
  windowSeconds?: number;
  port?: number;
  /** Scripted behaviour per request, in order; once used up every request is accepted. */
  behaviour?: AgencyBehaviour[];
  /** Prefix of the references it hands out. */
  referencePrefix?: string;
}

export interface AgencyRequestLog {
  idempotencyKey: string | null;
  status: number | 'no answer';
  /** The code of a refusal (401, 409), as answered. */
  code?: string;
}

/** The code a 401 carries for each reason a signature check fails. */
const REFUSAL_CODES: Record<SignatureRefusal, string> = {
  'signature-missing': 'SIGNATURE_MISSING',
  'timestamp-invalid': 'TIMESTAMP_INVALID',
  'timestamp-outside-window': 'TIMESTAMP_OUTSIDE_WINDOW',
  'signature-mismatch': 'SIGNATURE_MISMATCH',
};

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

function keysOf(secret: string | SigningKeys): string[] {
  const keys = typeof secret === 'string' ? parseSigningKeys(secret) : secret;
  if (!keys) throw new Error('the agency receiver needs a signing key');
  return activeKeys(keys);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
};

export async function startAgencyReceiver(options: AgencyReceiverOptions): Promise<AgencyReceiver> {
  const script = [...(options.behaviour ?? [])];
  const keys = keysOf(options.secret);
  const now = options.now ?? (() => new Date());
  const stored = new Map<string, { agencyReference: string; dossier: Dossier; digest: string }>();
  const log: AgencyRequestLog[] = [];
  const prefix = options.referencePrefix ?? 'AG';
  let requestCount = 0;

  const answer = (
    res: ServerResponse,
    entry: AgencyRequestLog,
    status: number,
    body: { code?: string; [k: string]: unknown },
  ) => {
    entry.status = status;
    if (body.code) entry.code = body.code;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requestCount++;
    const key = header(req, IDEMPOTENCY_KEY_HEADER);
    const entry: AgencyRequestLog = {
      idempotencyKey: key ?? null,
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
    const verdict = verifyRequest(
      {
        timestamp: header(req, TIMESTAMP_HEADER),
        idempotencyKey: key,
        signature: header(req, SIGNATURE_HEADER),
        body,
      },
      keys,
      now(),
      options.windowSeconds ?? REPLAY_WINDOW_SECONDS,
    );
    if (!verdict.ok) {
      return answer(res, entry, 401, { error: 'Unauthorized', code: REFUSAL_CODES[verdict.refusal] });
    }
    const digest = bodyDigest(body);
    const repeat = stored.get(key);
    if (repeat) {
      if (behaviour === 'hang') return;
      // The same key with another body: not a repeat of what it holds. It keeps the first dossier.
      if (repeat.digest !== digest) {
        return answer(res, entry, 409, {
          error: 'Conflict',
          code: 'IDEMPOTENCY_KEY_REUSED',
          agencyReference: repeat.agencyReference,
        });
      }
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
    stored.set(key, { agencyReference, dossier: validation.dossier, digest });
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

import { AgencyRejectedError, AgencyUnavailableError, InvalidInputError } from '../errors.ts';
import type { AgencyClient } from '../ports/agency.ts';
import { parseSigningKeys, type SigningKeys, signRequest } from './request-signature.ts';

/**
 * How long one handoff call may take at worst: it must end well inside the function's timeout (30 s), so a
 * slow agency is an AgencyUnavailableError the workflow retries later, never a Lambda timeout. The
 * workflow owns the long retries (minutes apart); the client only rides out a brief hiccup.
 */
export const AGENCY_CLIENT_DEFAULTS = {
  /** Per attempt; an attempt that takes longer is aborted and counts as a failure to retry. */
  timeoutMs: 7_000,
  /** Attempts in one call, the first included. */
  attempts: 3,
  /** Wait before the second attempt; doubles for each next one. */
  backoffMs: 500,
  /** The longest Retry-After (429, 503) the client waits out itself; a longer one is left to the workflow. */
  maxRetryAfterMs: 2_000,
  /** The most of an answer the client reads: an agency answers a reference, never a document. */
  maxResponseBytes: 64 * 1024,
} as const;

/** The longest one call can take: every attempt timing out, and the longest wait between them. */
export function agencyClientWorstCaseMs(config: Partial<typeof AGENCY_CLIENT_DEFAULTS> = {}): number {
  const c = { ...AGENCY_CLIENT_DEFAULTS, ...config };
  let waits = 0;
  for (let attempt = 2; attempt <= c.attempts; attempt++) {
    waits += Math.max(c.backoffMs * 2 ** (attempt - 2), c.maxRetryAfterMs);
  }
  return c.attempts * c.timeoutMs + waits;
}

/**
 * Where the signing keys come from: fetched (Secrets Manager on AWS) and cached by the source; asked with
 * `refresh` to fetch again, which the client does once after a 401 (the key may have rotated).
 */
export type SigningKeySource = (options?: { refresh?: boolean }) => Promise<SigningKeys | string>;

export interface HttpAgencyClientConfig {
  endpoint: string;
  /** The HMAC key(s) (a string is one key; JSON as in a secret is parsed), or a source that fetches them. */
  secret: string | SigningKeys | SigningKeySource;
  /** Per attempt (AGENCY_CLIENT_DEFAULTS.timeoutMs). */
  timeoutMs?: number;
  /** Attempts in one call, the first included (AGENCY_CLIENT_DEFAULTS.attempts). */
  attempts?: number;
  /** Wait before the second attempt; doubles for each next one (AGENCY_CLIENT_DEFAULTS.backoffMs). */
  backoffMs?: number;
  /** The longest Retry-After waited out within the call (AGENCY_CLIENT_DEFAULTS.maxRetryAfterMs). */
  maxRetryAfterMs?: number;
  /** The most of an answer read (AGENCY_CLIENT_DEFAULTS.maxResponseBytes); a longer answer is a failure. */
  maxResponseBytes?: number;
  /** Source of the X-Signature-Timestamp header. */
  now?: () => Date;
}

type Attempt =
  | { ok: true; agencyReference: string }
  | { ok: false; failure: string; retryAfterMs?: number; unauthorized?: boolean };

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Hands a dossier to the agency over HTTP: POST of the JSON body with `Idempotency-Key` (the agency drops
 * a repeat and answers its first reference again), `X-Signature-Timestamp` and `X-Signature` over the
 * timestamp, the key and the exact body (request-signature.ts), signed afresh for every attempt.
 * - 401: the keys are fetched again once (they may have rotated) and the request is signed and sent again;
 *   a second 401 is final.
 * - a redirect is not followed (final, like a 4xx); at most `maxResponseBytes` of an answer are read.
 * - 2xx with `agencyReference`: handed off.
 * - 409 for the same key with `agencyReference`: the agency already holds this dossier: handed off.
 * - 429 and 503: retried after `Retry-After` (seconds or an HTTP date) when it fits the call's budget,
 *   else left to the workflow (AgencyUnavailableError); 5xx, network errors and timeouts: retried with
 *   exponential backoff.
 * - any other 4xx: AgencyRejectedError (final: the case ends handoff-failed, visibly).
 * When every attempt failed: AgencyUnavailableError, which the workflow retries minutes later and finally
 * routes to the failed state.
 */
export class HttpAgencyClient implements AgencyClient {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxResponseBytes: number;
  private readonly now: () => Date;

  constructor(private readonly config: HttpAgencyClientConfig) {
    this.timeoutMs = config.timeoutMs ?? AGENCY_CLIENT_DEFAULTS.timeoutMs;
    this.attempts = Math.max(1, config.attempts ?? AGENCY_CLIENT_DEFAULTS.attempts);
    this.backoffMs = config.backoffMs ?? AGENCY_CLIENT_DEFAULTS.backoffMs;
    this.maxRetryAfterMs = config.maxRetryAfterMs ?? AGENCY_CLIENT_DEFAULTS.maxRetryAfterMs;
    this.maxResponseBytes = config.maxResponseBytes ?? AGENCY_CLIENT_DEFAULTS.maxResponseBytes;
    this.now = config.now ?? (() => new Date());
  }

  async handOff(dossier: unknown, idempotencyKey: string): Promise<{ agencyReference: string }> {
    const body = JSON.stringify(dossier);
    let keys = await this.keys(false);
    let refreshed = false;
    let resend = false;
    const failures: string[] = [];
    let retryAfterMs: number | null = null;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1 && !resend) await sleep(retryAfterMs ?? this.backoffMs * 2 ** (attempt - 2));
      resend = false;
      const outcome = await this.attempt(body, keys, idempotencyKey);
      if (!outcome.ok && outcome.unauthorized) {
        if (refreshed || typeof this.config.secret !== 'function') {
          throw new AgencyRejectedError(401, `agency refused the signature of ${idempotencyKey} (HTTP 401)`);
        }
        // The cached key may have been rotated since this container fetched it: fetch once and sign again
        // at once (the resend takes the next attempt, so the call's worst case stays as computed; after
        // the last one the workflow's retry signs with the fresh key).
        refreshed = true;
        keys = await this.keys(true);
        resend = true;
        failures.push(`attempt ${attempt}: HTTP 401, signing key fetched again`);
        continue;
      }
      if (outcome.ok) return { agencyReference: outcome.agencyReference };
      failures.push(`attempt ${attempt}: ${outcome.failure}`);
      retryAfterMs = outcome.retryAfterMs ?? null;
      if (retryAfterMs !== null && retryAfterMs > this.maxRetryAfterMs) {
        failures.push(`Retry-After ${Math.ceil(retryAfterMs / 1000)} s is left to the workflow`);
        break;
      }
    }
    throw new AgencyUnavailableError(
      `agency at ${this.config.endpoint} did not accept ${idempotencyKey} after ${this.attempts} attempts (${failures.join('; ')})`,
    );
  }

  private async keys(refresh: boolean): Promise<SigningKeys> {
    const source = this.config.secret;
    const raw = typeof source === 'function' ? await source({ refresh }) : source;
    const keys = typeof raw === 'string' ? parseSigningKeys(raw) : raw;
    // A key that cannot sign is a configuration fault the workflow cannot retry away.
    if (!keys) throw new InvalidInputError('secret', 'the agency signing key is empty or not readable');
    return keys;
  }

  private async attempt(body: string, keys: SigningKeys, idempotencyKey: string): Promise<Attempt> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      const response = await fetch(this.config.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          ...signRequest(keys, { idempotencyKey, body, at: this.now() }),
        },
        body,
        signal: abort.signal,
        // A redirect would carry the signed dossier to an address nobody configured.
        redirect: 'manual',
      });
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        throw new AgencyRejectedError(
          response.status,
          `agency answered ${idempotencyKey} with a redirect (HTTP ${response.status}), which is not followed`,
        );
      }
      if (response.status === 401) {
        await response.body?.cancel();
        return { ok: false, failure: 'HTTP 401', unauthorized: true };
      }
      const text = await readCapped(response, this.maxResponseBytes);
      if (text === null) {
        return {
          ok: false,
          failure: `HTTP ${response.status} with an answer over ${this.maxResponseBytes} bytes`,
        };
      }
      const reference = agencyReferenceIn(text);
      // The agency already holds the dossier under this key: the handoff happened.
      if (response.status === 409 && reference) return { ok: true, agencyReference: reference };
      if (response.status === 429 || response.status === 503) {
        const retryAfterMs = retryAfter(response.headers.get('retry-after'), this.now());
        return {
          ok: false,
          failure: `HTTP ${response.status}`,
          ...(retryAfterMs === null ? {} : { retryAfterMs }),
        };
      }
      if (response.status >= 400 && response.status < 500) {
        throw new AgencyRejectedError(
          response.status,
          `agency refused ${idempotencyKey} with HTTP ${response.status}`,
        );
      }
      if (!response.ok) return { ok: false, failure: `HTTP ${response.status}` };
      if (!reference) {
        // Accepted but unreadable: a retry with the same key gets the reference again.
        return { ok: false, failure: `HTTP ${response.status} without an agencyReference` };
      }
      return { ok: true, agencyReference: reference };
    } catch (error) {
      if (error instanceof AgencyRejectedError) throw error;
      if (abort.signal.aborted) return { ok: false, failure: `no answer within ${this.timeoutMs} ms` };
      return {
        ok: false,
        failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The answer's text, or null when it is longer than `limit` bytes (the rest is not read). */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.cancel();
    return null;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function agencyReferenceIn(text: string): string | null {
  try {
    const reference = (JSON.parse(text) as { agencyReference?: unknown }).agencyReference;
    return typeof reference === 'string' && reference !== '' ? reference : null;
  } catch {
    return null;
  }
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date (RFC 9110 10.2.3). */
function retryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

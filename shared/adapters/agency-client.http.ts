import { createHmac } from 'node:crypto';
import { AgencyRejectedError, AgencyUnavailableError } from '../errors.ts';
import type { AgencyClient } from '../ports/agency.ts';

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

export interface HttpAgencyClientConfig {
  endpoint: string;
  /** The HMAC secret, or a function that fetches it (Secrets Manager on AWS). */
  secret: string | (() => Promise<string>);
  /** Per attempt (AGENCY_CLIENT_DEFAULTS.timeoutMs). */
  timeoutMs?: number;
  /** Attempts in one call, the first included (AGENCY_CLIENT_DEFAULTS.attempts). */
  attempts?: number;
  /** Wait before the second attempt; doubles for each next one (AGENCY_CLIENT_DEFAULTS.backoffMs). */
  backoffMs?: number;
  /** The longest Retry-After waited out within the call (AGENCY_CLIENT_DEFAULTS.maxRetryAfterMs). */
  maxRetryAfterMs?: number;
  /** Source of the X-Signature-Timestamp header. */
  now?: () => Date;
}

/** `sha256=<hex HMAC-SHA256 of the exact body>`: what X-Signature carries. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Hands a dossier to the agency over HTTP: POST of the JSON body with `Idempotency-Key` (the agency drops
 * a repeat and answers its first reference again), `X-Signature` over the exact body and
 * `X-Signature-Timestamp`.
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
  private readonly now: () => Date;

  constructor(private readonly config: HttpAgencyClientConfig) {
    this.timeoutMs = config.timeoutMs ?? AGENCY_CLIENT_DEFAULTS.timeoutMs;
    this.attempts = Math.max(1, config.attempts ?? AGENCY_CLIENT_DEFAULTS.attempts);
    this.backoffMs = config.backoffMs ?? AGENCY_CLIENT_DEFAULTS.backoffMs;
    this.maxRetryAfterMs = config.maxRetryAfterMs ?? AGENCY_CLIENT_DEFAULTS.maxRetryAfterMs;
    this.now = config.now ?? (() => new Date());
  }

  async handOff(dossier: unknown, idempotencyKey: string): Promise<{ agencyReference: string }> {
    const body = JSON.stringify(dossier);
    const secret = typeof this.config.secret === 'string' ? this.config.secret : await this.config.secret();
    const failures: string[] = [];
    let retryAfterMs: number | null = null;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await sleep(retryAfterMs ?? this.backoffMs * 2 ** (attempt - 2));
      const outcome = await this.attempt(body, secret, idempotencyKey);
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

  private async attempt(
    body: string,
    secret: string,
    idempotencyKey: string,
  ): Promise<{ ok: true; agencyReference: string } | { ok: false; failure: string; retryAfterMs?: number }> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      const response = await fetch(this.config.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Idempotency-Key': idempotencyKey,
          'X-Signature': signBody(secret, body),
          'X-Signature-Timestamp': this.now().toISOString(),
        },
        body,
        signal: abort.signal,
      });
      const text = await response.text();
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

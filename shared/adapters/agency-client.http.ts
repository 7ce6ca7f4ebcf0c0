import { createHmac } from 'node:crypto';
import { AgencyRejectedError, AgencyUnavailableError } from '../errors.ts';
import type { AgencyClient } from '../ports/agency.ts';

export interface HttpAgencyClientConfig {
  endpoint: string;
  /** The HMAC secret, or a function that fetches it (Secrets Manager on AWS). */
  secret: string | (() => Promise<string>);
  /** Per attempt; an attempt that takes longer is aborted and counts as a failure to retry. Default 10 s. */
  timeoutMs?: number;
  /** Attempts in one call, the first included. Default 3. */
  attempts?: number;
  /** Wait before the second attempt; doubles for each next one. Default 500 ms. */
  backoffMs?: number;
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
 * `X-Signature-Timestamp`. Retries with exponential backoff on 5xx, network errors and timeouts; never
 * on 4xx (AgencyRejectedError). When every attempt failed: AgencyUnavailableError, which the workflow
 * retries in its turn and finally routes to the failed state.
 */
export class HttpAgencyClient implements AgencyClient {
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly now: () => Date;

  constructor(private readonly config: HttpAgencyClientConfig) {
    this.timeoutMs = config.timeoutMs ?? 10_000;
    this.attempts = Math.max(1, config.attempts ?? 3);
    this.backoffMs = config.backoffMs ?? 500;
    this.now = config.now ?? (() => new Date());
  }

  async handOff(dossier: unknown, idempotencyKey: string): Promise<{ agencyReference: string }> {
    const body = JSON.stringify(dossier);
    const secret = typeof this.config.secret === 'string' ? this.config.secret : await this.config.secret();
    const failures: string[] = [];
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      if (attempt > 1) await sleep(this.backoffMs * 2 ** (attempt - 2));
      const outcome = await this.attempt(body, secret, idempotencyKey);
      if (outcome.ok) return { agencyReference: outcome.agencyReference };
      failures.push(`attempt ${attempt}: ${outcome.failure}`);
    }
    throw new AgencyUnavailableError(
      `agency at ${this.config.endpoint} did not accept ${idempotencyKey} after ${this.attempts} attempts (${failures.join('; ')})`,
    );
  }

  private async attempt(
    body: string,
    secret: string,
    idempotencyKey: string,
  ): Promise<{ ok: true; agencyReference: string } | { ok: false; failure: string }> {
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
      if (response.status >= 400 && response.status < 500) {
        throw new AgencyRejectedError(
          response.status,
          `agency refused ${idempotencyKey}: ${response.status} ${text.slice(0, 500)}`,
        );
      }
      if (!response.ok) return { ok: false, failure: `HTTP ${response.status}` };
      let reference: unknown;
      try {
        reference = (JSON.parse(text) as { agencyReference?: unknown }).agencyReference;
      } catch {
        reference = undefined;
      }
      if (typeof reference !== 'string' || reference === '') {
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

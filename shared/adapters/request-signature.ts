/**
 * Signed HTTP requests between the product and another party (the collection agency today; outgoing
 * webhooks can use the same scheme). Pure node:crypto, no I/O: the sender signs, the receiver verifies.
 *
 * The signature covers what makes a request unique and fresh: the timestamp, the idempotency key and the
 * exact body bytes, joined by line feeds (neither the timestamp nor a header value can hold one):
 *
 *     string to sign = <X-Signature-Timestamp> "\n" <Idempotency-Key> "\n" <body>
 *     X-Signature    = "sha256=" hex(HMAC-SHA256(key, string to sign))   [", sha256=..." per further key]
 *
 * Two keys may be active at once (`current` and `previous`), so a key rotates without a refused request:
 * the sender signs with each, the receiver accepts a request when any signature matches any key it holds.
 * The receiver refuses a timestamp more than REPLAY_WINDOW_SECONDS from its own clock; within the window
 * a repeat is recognised by its idempotency key. docs/letters-and-handoff.md walks through an example.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Signature';
export const TIMESTAMP_HEADER = 'X-Signature-Timestamp';
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** How far a request's timestamp may lie from the receiver's clock, either way. */
export const REPLAY_WINDOW_SECONDS = 300;

const SCHEME = 'sha256=';

/** The keys a party signs with: `current`, and during a rotation the `previous` one as well. */
export interface SigningKeys {
  current: string;
  previous?: string;
}

export interface SignedParts {
  /** Unix time in whole seconds, as sent in X-Signature-Timestamp. */
  timestamp: string;
  idempotencyKey: string;
  body: string;
}

/**
 * The keys as a secret stores them: JSON `{"current": "...", "previous": "..."}`, or a plain string (one
 * key). The older JSON form `{"hmacSecret": "..."}` is read as the current key. Null when unusable.
 */
export function parseSigningKeys(raw: string): SigningKeys | null {
  const text = raw.trim();
  if (text === '') return null;
  if (!text.startsWith('{')) return { current: text };
  let parsed: { current?: unknown; previous?: unknown; hmacSecret?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    return null;
  }
  const current = nonEmpty(parsed.current) ?? nonEmpty(parsed.hmacSecret);
  if (!current) return null;
  const previous = nonEmpty(parsed.previous);
  return previous && previous !== current ? { current, previous } : { current };
}

function nonEmpty(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The keys in the order they sign: current first. */
export function activeKeys(keys: SigningKeys): string[] {
  return keys.previous ? [keys.current, keys.previous] : [keys.current];
}

export function stringToSign(parts: SignedParts): string {
  return `${parts.timestamp}\n${parts.idempotencyKey}\n${parts.body}`;
}

/** `sha256=<hex>`: one key's signature of the parts. */
export function signatureOf(key: string, parts: SignedParts): string {
  return `${SCHEME}${createHmac('sha256', key).update(stringToSign(parts), 'utf8').digest('hex')}`;
}

/** Unix seconds of an instant, as X-Signature-Timestamp carries it. */
export function timestampOf(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

/** The headers a signed request carries: the timestamp, the idempotency key, a signature per active key. */
export function signRequest(
  keys: SigningKeys,
  request: { idempotencyKey: string; body: string; at: Date },
): Record<string, string> {
  const parts = {
    timestamp: timestampOf(request.at),
    idempotencyKey: request.idempotencyKey,
    body: request.body,
  };
  return {
    [TIMESTAMP_HEADER]: parts.timestamp,
    [IDEMPOTENCY_KEY_HEADER]: parts.idempotencyKey,
    [SIGNATURE_HEADER]: activeKeys(keys)
      .map((key) => signatureOf(key, parts))
      .join(', '),
  };
}

/** Why a request is refused, as a code the receiver answers with (no request text is echoed). */
export type SignatureRefusal =
  | 'signature-missing'
  | 'timestamp-invalid'
  | 'timestamp-outside-window'
  | 'signature-mismatch';

export interface ReceivedRequest {
  /** Header values as received (undefined when absent). */
  timestamp: string | undefined;
  idempotencyKey: string | undefined;
  signature: string | undefined;
  body: string;
}

/**
 * The receiver's check, in this order: a timestamp and a signature are present; the timestamp is whole
 * seconds within `windowSeconds` of `now`; one of the listed signatures equals the HMAC of the parts under
 * one of `keys` (compared in constant time). The idempotency key is part of what is signed.
 */
export function verifyRequest(
  request: ReceivedRequest,
  keys: readonly string[],
  now: Date,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): { ok: true } | { ok: false; refusal: SignatureRefusal } {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || request.idempotencyKey === undefined) {
    return { ok: false, refusal: 'signature-missing' };
  }
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, refusal: 'timestamp-invalid' };
  if (Math.abs(Number(timestamp) - now.getTime() / 1000) > windowSeconds) {
    return { ok: false, refusal: 'timestamp-outside-window' };
  }
  const parts = { timestamp, idempotencyKey: request.idempotencyKey, body: request.body };
  const given = signature
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith(SCHEME))
    .map((s) => Buffer.from(s));
  for (const key of keys) {
    const expected = Buffer.from(signatureOf(key, parts));
    if (given.some((g) => g.length === expected.length && timingSafeEqual(g, expected))) return { ok: true };
  }
  return { ok: false, refusal: 'signature-mismatch' };
}

/** SHA-256 of a body, hex: what a receiver keeps to tell an exact repeat from a changed body. */
export function bodyDigest(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

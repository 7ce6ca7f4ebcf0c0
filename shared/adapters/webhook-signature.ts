import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How the local event webhook signs what it sends: `X-Signature: sha256=<hex HMAC-SHA256 of
 * "<X-Signature-Timestamp>.<body>">` with a shared key, the timestamp bound in so a captured request
 * cannot be replayed later under a new one. The one place that signs and verifies event deliveries; the
 * agency's request-signing module may replace it (docs/events.md).
 */
export const SIGNATURE_HEADER = 'X-Signature';
export const SIGNATURE_TIMESTAMP_HEADER = 'X-Signature-Timestamp';

export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** Whether `signature` is what `signWebhookBody` gives for this key, timestamp and exact body. */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhookBody(secret, timestamp, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../infra/constructs/collections-function.ts';
import {
  parseSigningKeys,
  REPLAY_WINDOW_SECONDS,
  signRequest,
  stringToSign,
  verifyRequest,
} from '../../../shared/adapters/request-signature.ts';

/** The worked example as docs/letters-and-handoff.md gives it to the agency. */
function workedExample() {
  const doc = readFileSync(path.join(PROJECT_ROOT, 'docs', 'letters-and-handoff.md'), 'utf8');
  const block = /<!-- worked-example -->\s*```text\n([\s\S]*?)```\s*<!-- \/worked-example -->/.exec(doc)?.[1];
  if (!block) throw new Error('docs/letters-and-handoff.md has no worked example');
  const field = (label: string) => {
    const line = block.split('\n').find((l) => l.startsWith(`${label}:`));
    if (!line) throw new Error(`the worked example has no "${label}"`);
    return line.slice(label.length + 1).trim();
  };
  return {
    current: field('current key'),
    previous: field('previous key'),
    timestamp: field('X-Signature-Timestamp').split(/\s+/)[0] as string,
    at: new Date(/\((.+)\)/.exec(field('X-Signature-Timestamp'))?.[1] ?? ''),
    idempotencyKey: field('Idempotency-Key'),
    body: field('body'),
    stringToSign: JSON.parse(field('string to sign')) as string,
    signature: field('X-Signature'),
  };
}

describe('the signature the agency verifies', () => {
  it("reproduces the documentation's worked example exactly", () => {
    const ex = workedExample();
    expect(String(ex.at.getTime() / 1000)).toBe(ex.timestamp);
    const parts = { timestamp: ex.timestamp, idempotencyKey: ex.idempotencyKey, body: ex.body };
    expect(stringToSign(parts)).toBe(ex.stringToSign);
    expect(signRequest({ current: ex.current, previous: ex.previous }, { ...parts, at: ex.at })).toEqual({
      'X-Signature-Timestamp': ex.timestamp,
      'Idempotency-Key': ex.idempotencyKey,
      'X-Signature': ex.signature,
    });
    // An agency holding only one of the two keys accepts it.
    const received = { ...parts, signature: ex.signature };
    expect(verifyRequest(received, [ex.current], ex.at)).toEqual({ ok: true });
    expect(verifyRequest(received, [ex.previous], ex.at)).toEqual({ ok: true });
    expect(verifyRequest(received, ['another-key'], ex.at)).toEqual({
      ok: false,
      refusal: 'signature-mismatch',
    });
  });

  const keys = ['k1'];
  const at = new Date('2026-06-01T10:00:00Z');
  const request = (over: Partial<Parameters<typeof verifyRequest>[0]> = {}) => {
    const headers = signRequest({ current: 'k1' }, { idempotencyKey: 'handoff:c', body: '{}', at });
    return {
      timestamp: headers['X-Signature-Timestamp'],
      idempotencyKey: headers['Idempotency-Key'],
      signature: headers['X-Signature'],
      body: '{}',
      ...over,
    };
  };

  it('is fresh for five minutes either side of the receiver clock, and stale after', () => {
    const later = (s: number) => new Date(at.getTime() + s * 1000);
    expect(REPLAY_WINDOW_SECONDS).toBe(300);
    expect(verifyRequest(request(), keys, later(300)).ok).toBe(true);
    expect(verifyRequest(request(), keys, later(-300)).ok).toBe(true);
    expect(verifyRequest(request(), keys, later(301))).toEqual({
      ok: false,
      refusal: 'timestamp-outside-window',
    });
    expect(verifyRequest(request(), keys, later(-301)).ok).toBe(false);
  });

  it('covers the timestamp, the idempotency key and the body', () => {
    expect(verifyRequest(request({ body: '{ }' }), keys, at).ok).toBe(false);
    expect(verifyRequest(request({ idempotencyKey: 'handoff:d' }), keys, at).ok).toBe(false);
    expect(verifyRequest(request({ timestamp: String(at.getTime() / 1000 + 1) }), keys, at).ok).toBe(false);
  });

  it('refuses missing headers and a timestamp that is not whole seconds', () => {
    expect(verifyRequest(request({ signature: undefined }), keys, at)).toEqual({
      ok: false,
      refusal: 'signature-missing',
    });
    expect(verifyRequest(request({ timestamp: at.toISOString() }), keys, at)).toEqual({
      ok: false,
      refusal: 'timestamp-invalid',
    });
  });

  it('reads the keys as a secret stores them', () => {
    expect(parseSigningKeys('plain')).toEqual({ current: 'plain' });
    expect(parseSigningKeys('{"current":"b","previous":"a"}')).toEqual({ current: 'b', previous: 'a' });
    expect(parseSigningKeys('{"hmacSecret":"legacy"}')).toEqual({ current: 'legacy' });
    expect(parseSigningKeys('{"previous":"a"}')).toBeNull();
    expect(parseSigningKeys('{not json')).toBeNull();
    expect(parseSigningKeys('')).toBeNull();
  });
});

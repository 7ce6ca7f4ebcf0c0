import { afterEach, describe, expect, it } from 'vitest';
import { type AgencyReceiver, startAgencyReceiver } from '../../local/agency-receiver.ts';
import { type SigningKeys, signRequest } from '../../shared/adapters/request-signature.ts';
import { buildDossier } from '../../shared/dossier/build.ts';
import { handoffInput } from '../shared/dossier/dossier-fixtures.ts';

const SECRET = 'receiver-secret';
let receiver: AgencyReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function post(url: string, body: string, headers: Record<string, string>) {
  return fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** The headers of a request signed now (or `at`) with `keys`. */
function signed(
  idempotencyKey: string,
  body: string,
  keys: SigningKeys = { current: SECRET },
  at = new Date(),
) {
  return signRequest(keys, { idempotencyKey, body, at });
}

describe('the local agency', () => {
  const body = JSON.stringify(buildDossier(handoffInput()));

  it('accepts a signed dossier and answers its reference, and the same reference for a repeat', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, referencePrefix: 'INC' });
    const first = await post(receiver.url, body, signed('handoff:case-0001', body));
    // The sender's retry: signed again, a moment later.
    const repeat = await post(
      receiver.url,
      body,
      signed('handoff:case-0001', body, undefined, new Date(Date.now() + 1000)),
    );
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ agencyReference: 'INC-000001' });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ agencyReference: 'INC-000001', repeat: true });
    expect(receiver.received()).toHaveLength(1);
    expect(receiver.requests()).toBe(2);
  });

  it('gives each case its own reference', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    await post(receiver.url, body, signed('handoff:a', body));
    const second = await post(receiver.url, body, signed('handoff:b', body));
    expect(await second.json()).toEqual({ agencyReference: 'AG-000002' });
  });

  it('wants an idempotency key and a signature', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const { 'Idempotency-Key': _key, ...withoutKey } = signed('k', body);
    expect((await post(receiver.url, body, withoutKey)).status).toBe(400);
    const unsigned = await post(receiver.url, body, { 'Idempotency-Key': 'k' });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'Unauthorized', code: 'SIGNATURE_MISSING' });
    expect(receiver.received()).toHaveLength(0);
  });

  it('answers 422 with the schema errors for a dossier it cannot use', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const bad = JSON.stringify({ schemaVersion: '1' });
    const response = await post(receiver.url, bad, signed('k', bad));
    expect(response.status).toBe(422);
    const answer = (await response.json()) as { details: string[] };
    expect(answer.details.some((d) => d.includes("must have required property 'claim'"))).toBe(true);
  });

  it('plays back a script of failures before it behaves', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, behaviour: [503] });
    expect((await post(receiver.url, body, signed('k', body))).status).toBe(503);
    expect((await post(receiver.url, body, signed('k', body))).status).toBe(201);
  });
});

describe('the local agency refuses what is stale or replayed, and rides out a key rotation', () => {
  const body = JSON.stringify(buildDossier(handoffInput()));
  const changed = body.replace('"createdOn":', '"createdOn" :');
  // The agency's clock; requests are signed relative to it.
  const agencyNow = new Date('2026-06-01T10:00:00Z');
  const at = (seconds: number) => new Date(agencyNow.getTime() + seconds * 1000);

  it('refuses a request signed more than five minutes before or after its clock, and stores nothing', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, now: () => agencyNow });
    const stale = await post(receiver.url, body, signed('handoff:a', body, undefined, at(-301)));
    const early = await post(receiver.url, body, signed('handoff:a', body, undefined, at(301)));
    expect([stale.status, early.status]).toEqual([401, 401]);
    expect(await stale.json()).toEqual({ error: 'Unauthorized', code: 'TIMESTAMP_OUTSIDE_WINDOW' });
    expect(receiver.received()).toHaveLength(0);
    // At the edge of the window it is still fresh.
    expect((await post(receiver.url, body, signed('handoff:a', body, undefined, at(-300)))).status).toBe(201);
  });

  it('refuses a captured request replayed with another body (the signature covers the body)', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, now: () => agencyNow });
    const headers = signed('handoff:a', body, undefined, at(0));
    expect((await post(receiver.url, body, headers)).status).toBe(201);
    const replayed = await post(receiver.url, changed, headers);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toEqual({ error: 'Unauthorized', code: 'SIGNATURE_MISMATCH' });
    // Nor can the captured signature carry the body under another key, or with a later timestamp.
    const moved = { ...headers, 'Idempotency-Key': 'handoff:b' };
    expect((await post(receiver.url, body, moved)).status).toBe(401);
    const later = {
      ...headers,
      'X-Signature-Timestamp': String(Number(headers['X-Signature-Timestamp']) + 60),
    };
    expect((await post(receiver.url, body, later)).status).toBe(401);
    expect(receiver.received()).toHaveLength(1);
  });

  it('keeps the first dossier when a signed request reuses its idempotency key with another body', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, now: () => agencyNow });
    await post(receiver.url, body, signed('handoff:a', body, undefined, at(0)));
    const reused = await post(receiver.url, changed, signed('handoff:a', changed, undefined, at(5)));
    expect(reused.status).toBe(409);
    expect(await reused.json()).toEqual({
      error: 'Conflict',
      code: 'IDEMPOTENCY_KEY_REUSED',
      agencyReference: 'AG-000001',
    });
    expect(receiver.received()).toHaveLength(1);
    expect(JSON.stringify(receiver.received()[0])).toBe(body);
  });

  it('answers an exact repeat of a request (same signature, inside the window) with the first reference', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, now: () => agencyNow });
    const headers = signed('handoff:a', body, undefined, at(0));
    const first = await post(receiver.url, body, headers);
    const again = await post(receiver.url, body, headers);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(await again.json()).toEqual({ agencyReference: 'AG-000001', repeat: true });
    expect(receiver.received()).toHaveLength(1);
  });

  it('accepts requests signed with either key while the key rotates, and no other key', async () => {
    const keys = { current: 'key-2026-06', previous: 'key-2026-01' };
    receiver = await startAgencyReceiver({ secret: keys, now: () => agencyNow });
    const byOld = await post(
      receiver.url,
      body,
      signed('handoff:a', body, { current: 'key-2026-01' }, at(0)),
    );
    const byNew = await post(
      receiver.url,
      body,
      signed('handoff:b', body, { current: 'key-2026-06' }, at(0)),
    );
    // A sender mid-rotation signs with both; an agency that holds either accepts.
    const byBoth = await post(receiver.url, body, signed('handoff:c', body, keys, at(0)));
    const byOther = await post(receiver.url, body, signed('handoff:d', body, { current: 'key-2025' }, at(0)));
    expect([byOld.status, byNew.status, byBoth.status, byOther.status]).toEqual([201, 201, 201, 401]);
    expect(receiver.received()).toHaveLength(3);
  });

  it('accepts a sender signing with both keys when it holds only the new one, or only the old one', async () => {
    const sender = { current: 'key-2026-06', previous: 'key-2026-01' };
    for (const agencyKey of ['key-2026-06', 'key-2026-01']) {
      const agency = await startAgencyReceiver({ secret: agencyKey, now: () => agencyNow });
      try {
        expect((await post(agency.url, body, signed('handoff:a', body, sender, at(0)))).status).toBe(201);
      } finally {
        await agency.close();
      }
    }
  });
});

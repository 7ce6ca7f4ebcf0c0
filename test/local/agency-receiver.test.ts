import { afterEach, describe, expect, it } from 'vitest';
import { type AgencyReceiver, startAgencyReceiver } from '../../local/agency-receiver.ts';
import { signBody } from '../../shared/adapters/agency-client.http.ts';
import { buildDossier } from '../../shared/dossier/build.ts';
import { handoffInput } from '../shared/dossier/dossier-fixtures.ts';

const SECRET = 'receiver-secret';
let receiver: AgencyReceiver | undefined;
afterEach(async () => receiver?.close());

function post(url: string, body: string, headers: Record<string, string>) {
  return fetch(url, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('the local agency', () => {
  const body = JSON.stringify(buildDossier(handoffInput()));

  it('accepts a signed dossier and answers its reference, and the same reference for a repeat', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, referencePrefix: 'INC' });
    const headers = { 'Idempotency-Key': 'handoff:case-0001', 'X-Signature': signBody(SECRET, body) };
    const first = await post(receiver.url, body, headers);
    const repeat = await post(receiver.url, body, headers);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ agencyReference: 'INC-000001' });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ agencyReference: 'INC-000001', repeat: true });
    expect(receiver.received()).toHaveLength(1);
    expect(receiver.requests()).toBe(2);
  });

  it('gives each case its own reference', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const sign = { 'X-Signature': signBody(SECRET, body) };
    await post(receiver.url, body, { ...sign, 'Idempotency-Key': 'handoff:a' });
    const second = await post(receiver.url, body, { ...sign, 'Idempotency-Key': 'handoff:b' });
    expect(await second.json()).toEqual({ agencyReference: 'AG-000002' });
  });

  it('wants an idempotency key and a signature', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    expect((await post(receiver.url, body, { 'X-Signature': signBody(SECRET, body) })).status).toBe(400);
    expect((await post(receiver.url, body, { 'Idempotency-Key': 'k' })).status).toBe(401);
    expect(receiver.received()).toHaveLength(0);
  });

  it('answers 422 with the schema errors for a dossier it cannot use', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const bad = JSON.stringify({ schemaVersion: '1' });
    const response = await post(receiver.url, bad, {
      'Idempotency-Key': 'k',
      'X-Signature': signBody(SECRET, bad),
    });
    expect(response.status).toBe(422);
    const answer = (await response.json()) as { details: string[] };
    expect(answer.details.some((d) => d.includes("must have required property 'claim'"))).toBe(true);
  });

  it('plays back a script of failures before it behaves', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, behaviour: [503] });
    const headers = { 'Idempotency-Key': 'k', 'X-Signature': signBody(SECRET, body) };
    expect((await post(receiver.url, body, headers)).status).toBe(503);
    expect((await post(receiver.url, body, headers)).status).toBe(201);
  });
});

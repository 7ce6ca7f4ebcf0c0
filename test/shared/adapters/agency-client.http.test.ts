import { afterEach, describe, expect, it } from 'vitest';
import { type AgencyReceiver, startAgencyReceiver } from '../../../local/agency-receiver.ts';
import { HttpAgencyClient } from '../../../shared/adapters/agency-client.http.ts';
import { signRequest } from '../../../shared/adapters/request-signature.ts';
import { buildDossier, handoffIdempotencyKey } from '../../../shared/dossier/build.ts';
import { AgencyRejectedError, AgencyUnavailableError } from '../../../shared/errors.ts';
import { claimOnHandoff, handoffInput } from '../dossier/dossier-fixtures.ts';

const SECRET = 'agency-test-secret';
const dossier = buildDossier(handoffInput());
const key = handoffIdempotencyKey(dossier.caseId);

let receiver: AgencyReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function client(url: string, overrides: Partial<ConstructorParameters<typeof HttpAgencyClient>[0]> = {}) {
  return new HttpAgencyClient({
    endpoint: url,
    secret: SECRET,
    timeoutMs: 250,
    attempts: 3,
    backoffMs: 5,
    ...overrides,
  });
}

describe('handing a dossier to the agency over HTTP', () => {
  it('arrives once, although the agency failed twice and its answer was lost once, and the step was retried', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, behaviour: [500, 500, 'hang'] });
    const agency = client(receiver.url);

    // The step's first run: 500, 500, then the agency stores the dossier but its answer never comes.
    await expect(agency.handOff(dossier, key)).rejects.toThrow(AgencyUnavailableError);
    // The workflow retries the step: same key, so the agency recognises the repeat.
    const first = await agency.handOff(dossier, key);
    // A retry after success (e.g. the Lambda died before the case was saved) changes nothing.
    const again = await agency.handOff(dossier, key);

    expect(first).toEqual({ agencyReference: 'AG-000001' });
    expect(again).toEqual(first);
    expect(receiver.received()).toHaveLength(1);
    expect(receiver.requests()).toBe(5);
    expect(receiver.log().map((l) => l.status)).toEqual([500, 500, 'no answer', 200, 200]);
  });

  it('gets through within one call when it has attempts to spare', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, behaviour: [503, 'hang-before', 500] });
    const result = await client(receiver.url, { attempts: 4 }).handOff(dossier, key);
    expect(result).toEqual({ agencyReference: 'AG-000001' });
    expect(receiver.received()).toHaveLength(1);
    expect(receiver.log().map((l) => l.status)).toEqual([503, 'no answer', 500, 201]);
  });

  it('delivers a dossier that validates against the schema and whose totals equal the claim', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    await client(receiver.url).handOff(dossier, key);
    const [arrived] = receiver.received();
    expect(arrived).toEqual(dossier);
    expect(arrived?.claim.total.amountCents).toBe(claimOnHandoff.total.amountCents);
    expect(arrived?.claim.principal.amountCents).toBe(claimOnHandoff.principal.amountCents);
    expect(arrived?.claim.interest.amountCents).toBe(claimOnHandoff.interest.amountCents);
    expect(arrived?.claim.costs.amountCents).toBe(claimOnHandoff.costs.amountCents);
    expect(arrived?.claim.paid.amountCents).toBe(claimOnHandoff.paid.amountCents);
  });

  it('stops at a 4xx without retrying, and says why', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET, behaviour: [409] });
    const error = await client(receiver.url)
      .handOff(dossier, key)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgencyRejectedError);
    expect((error as AgencyRejectedError).status).toBe(409);
    expect((error as AgencyRejectedError).name).toBe('AgencyRejectedError');
    expect(receiver.requests()).toBe(1);
    expect(receiver.received()).toHaveLength(0);
  });

  it('is refused (422) when the dossier does not match the schema', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const broken = { ...dossier, claim: undefined };
    const error = await client(receiver.url)
      .handOff(broken, key)
      .catch((e: unknown) => e);
    expect((error as AgencyRejectedError).status).toBe(422);
    expect(receiver.received()).toHaveLength(0);
  });

  it('is refused (401) when signed with another secret', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const error = await client(receiver.url, { secret: 'not-the-secret' })
      .handOff(dossier, key)
      .catch((e: unknown) => e);
    expect((error as AgencyRejectedError).status).toBe(401);
    expect(receiver.received()).toHaveLength(0);
  });

  it('signs the exact body: a body changed on the way is refused', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const body = JSON.stringify(dossier);
    const tampered = body.replace('"amountCents":41640', '"amountCents":51640');
    expect(tampered).not.toBe(body);
    const send = (payload: string) =>
      fetch(receiver?.url ?? '', {
        method: 'POST',
        headers: {
          ...signRequest({ current: SECRET }, { idempotencyKey: key, body, at: new Date() }),
          'Content-Type': 'application/json',
        },
        body: payload,
      });
    expect((await send(tampered)).status).toBe(401);
    expect((await send(body)).status).toBe(201);
    expect(receiver.received()).toHaveLength(1);
  });

  it('fetches the secret when it is given as a function (Secrets Manager on AWS)', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    let fetched = 0;
    const agency = client(receiver.url, {
      secret: async () => {
        fetched++;
        return SECRET;
      },
    });
    await expect(agency.handOff(dossier, key)).resolves.toEqual({ agencyReference: 'AG-000001' });
    expect(fetched).toBe(1);
  });

  it('fetches the key again once after a 401 (it was rotated) and hands off with the new one', async () => {
    receiver = await startAgencyReceiver({ secret: { current: 'rotated-key' } });
    const asked: boolean[] = [];
    let stored = SECRET; // what this container cached before the rotation
    const agency = client(receiver.url, {
      secret: async (options) => {
        asked.push(options?.refresh === true);
        if (options?.refresh) stored = 'rotated-key';
        return stored;
      },
    });
    await expect(agency.handOff(dossier, key)).resolves.toEqual({ agencyReference: 'AG-000001' });
    expect(asked).toEqual([false, true]);
    expect(receiver.log().map((l) => [l.status, l.code])).toEqual([
      [401, 'SIGNATURE_MISMATCH'],
      [201, undefined],
    ]);
  });

  it('gives up after one refresh when the agency still refuses the signature (final, no loop)', async () => {
    receiver = await startAgencyReceiver({ secret: 'the-agency-key' });
    let asked = 0;
    const agency = client(receiver.url, {
      attempts: 5,
      secret: async () => {
        asked++;
        return 'an-old-key';
      },
    });
    const error = await agency.handOff(dossier, key).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgencyRejectedError);
    expect((error as AgencyRejectedError).status).toBe(401);
    expect(asked).toBe(2);
    expect(receiver.requests()).toBe(2);
  });

  it('reports an unreachable agency as unavailable, so the workflow retries and then fails visibly', async () => {
    receiver = await startAgencyReceiver({ secret: SECRET });
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    await expect(client(url, { attempts: 2 }).handOff(dossier, key)).rejects.toMatchObject({
      name: 'AgencyUnavailableError',
      code: 'AGENCY_UNAVAILABLE',
    });
  });
});

/** An agency that answers each request with the next of `answers` (status, headers, body). */
async function scriptedAgency(
  answers: { status: number; headers?: Record<string, string>; body?: unknown }[],
) {
  const { createServer } = await import('node:http');
  const arrivals: number[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push(Date.now());
      const next = answers.shift() ?? { status: 500 };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body ?? {}));
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/dossiers`,
    arrivals,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe('what the agency answers, and what the handoff makes of it', () => {
  it('a 409 for the same idempotency key with the reference means the agency holds it: handed off', async () => {
    const agency = await scriptedAgency([{ status: 409, body: { agencyReference: 'AG-77' } }]);
    try {
      expect(await client(agency.url).handOff(dossier, key)).toEqual({ agencyReference: 'AG-77' });
    } finally {
      await agency.close();
    }
  });

  it('a 429 with Retry-After is waited out within the call when it fits, then retried', async () => {
    const agency = await scriptedAgency([
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 201, body: { agencyReference: 'AG-78' } },
    ]);
    try {
      const result = await client(agency.url, { maxRetryAfterMs: 2_000 }).handOff(dossier, key);
      expect(result).toEqual({ agencyReference: 'AG-78' });
      expect(agency.arrivals).toHaveLength(2);
    } finally {
      await agency.close();
    }
  });

  it('a 503 asking for more time than the call may take is left to the workflow: AgencyUnavailableError at once', async () => {
    const agency = await scriptedAgency([{ status: 503, headers: { 'retry-after': '120' } }]);
    try {
      const failed = client(agency.url, { maxRetryAfterMs: 2_000 }).handOff(dossier, key);
      await expect(failed).rejects.toThrow(AgencyUnavailableError);
      expect(agency.arrivals).toHaveLength(1);
    } finally {
      await agency.close();
    }
  });

  it('does not follow a redirect: the signed dossier goes only to the configured endpoint', async () => {
    const elsewhere = await scriptedAgency([{ status: 201, body: { agencyReference: 'AG-ELSEWHERE' } }]);
    const agency = await scriptedAgency([{ status: 307, headers: { location: elsewhere.url } }]);
    try {
      const error = await client(agency.url)
        .handOff(dossier, key)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AgencyRejectedError);
      expect((error as AgencyRejectedError).status).toBe(307);
      expect(elsewhere.arrivals).toHaveLength(0);
      expect(agency.arrivals).toHaveLength(1);
    } finally {
      await agency.close();
      await elsewhere.close();
    }
  });

  it('reads at most maxResponseBytes of an answer; a longer one is a failed attempt', async () => {
    const huge = { agencyReference: 'AG-79', padding: 'x'.repeat(200_000) };
    const agency = await scriptedAgency([
      { status: 201, body: huge },
      { status: 201, body: { agencyReference: 'AG-79' } },
    ]);
    try {
      const result = await client(agency.url, { maxResponseBytes: 64 * 1024 }).handOff(dossier, key);
      expect(result).toEqual({ agencyReference: 'AG-79' });
      expect(agency.arrivals).toHaveLength(2);
    } finally {
      await agency.close();
    }
  });

  it('any other 4xx is final (AgencyRejectedError), and its message carries no agency response text', async () => {
    const agency = await scriptedAgency([{ status: 422, body: { error: 'Naam J. de Vries onbekend' } }]);
    try {
      const error = await client(agency.url)
        .handOff(dossier, key)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AgencyRejectedError);
      expect((error as Error).message).not.toContain('Vries');
    } finally {
      await agency.close();
    }
  });
});

import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/local-app.ts';
import { actionInstant } from '../../local/scenario.ts';
import type { Case } from '../../shared/domain/case.ts';
import { AgencyRejectedError } from '../../shared/errors.ts';
import { startTestApp, testEngine } from '../support/local-app.ts';

describe(`an operator restarts a failed case from its record (${testEngine})`, () => {
  let app: LocalApp;
  let caseId: string;
  let agencyRefuses = true;
  let handoffs = 0;

  beforeAll(async () => {
    app = await startTestApp('2026-03-02');
    const agency = app.deps.agency;
    app.deps.agency = {
      async handOff(dossier, key) {
        handoffs++;
        // The agency's endpoint was misconfigured until the operator fixed it.
        if (agencyRefuses) throw new AgencyRejectedError(404, 'agency endpoint not found');
        return agency.handOff(dossier, key);
      },
    };
    const opened = await app.api('POST', '/cases', {
      debtor: {
        kind: 'business',
        name: 'Bouwbedrijf Oost B.V.',
        email: 'bouwbedrijf.oost.b.v@example.nl',
        address: { street: 'Havenweg 4', postalCode: '7500 AA', city: 'Enschede', country: 'NL' },
      },
      invoices: [{ number: 'RESTART-1', amountCents: 120_000, issuedOn: '2026-01-15', dueOn: '2026-02-14' }],
    });
    caseId = opened.body.caseId;
    await app.runtime.runUntil(actionInstant('2026-05-01'));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('a refused handoff ends visibly: handoff-failed on the case, CaseFailed in the workflow', async () => {
    const c = (await app.store.get(caseId)) as Case;
    expect(c.stage).toBe('handoff-failed');
    expect(c.chronology.at(-1)?.type).toBe('step-failed');
    expect(app.runtime.describeExecution(caseId)).toMatchObject({
      status: 'FAILED',
      currentState: 'CaseFailed',
    });
    // What a person sees: the case waits for an operator's restart, not for a date.
    expect((await app.api('GET', `/cases/${caseId}`)).body.nextStep).toEqual({
      step: 'await-restart',
      on: null,
    });
  });

  it('a restart of a case that did not fail is a conflict and changes nothing', async () => {
    const other = await app.api('POST', '/cases', {
      debtor: {
        kind: 'business',
        name: 'Installatie West B.V.',
        email: 'installatie.west.b.v@example.nl',
        address: { street: 'Dijk 2', postalCode: '1600 AA', city: 'Enkhuizen', country: 'NL' },
      },
      invoices: [{ number: 'RESTART-2', amountCents: 10_000, issuedOn: '2026-04-01', dueOn: '2026-04-15' }],
    });
    await app.runtime.settle();
    const before = await app.store.get(other.body.caseId);
    const res = await app.api('POST', `/cases/${other.body.caseId}/restart`, {});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'STAGE_CONFLICT' });
    expect(await app.store.get(other.body.caseId)).toEqual(before);
  });

  it('after the fix, a restart runs a new execution <caseId>-2 from the record: handed off, no letter sent twice', async () => {
    agencyRefuses = false;
    const lettersBefore = ((await app.store.get(caseId)) as Case).letters.map((l) => l.letterId);
    const res = await app.api('POST', `/cases/${caseId}/restart`, { note: 'Agency endpoint corrected' });
    expect(res.status).toBe(200);
    await app.runtime.runUntil(new Date(app.clock.nowMs() + 86_400_000));
    expect(
      app.runtime
        .listExecutions()
        .filter((e) => e.name.startsWith(caseId))
        .map((e) => e.name),
    ).toEqual([caseId, `${caseId}-2`]);
    // Once the new execution runs, the case is no longer failed: another restart is a conflict.
    expect((await app.api('POST', `/cases/${caseId}/restart`, {})).status).toBe(409);
    expect((await app.api('GET', `/cases/${caseId}`)).body.nextStep.step).not.toBe('await-restart');
    const c = (await app.store.get(caseId)) as Case;
    expect(c.stage).toBe('handed-off');
    expect(c.handoff?.agencyReference).toBeTruthy();
    expect(app.runtime.describeExecution(`${caseId}-2`)).toMatchObject({
      status: 'SUCCEEDED',
      currentState: 'HandedOff',
    });
    expect(c.letters.map((l) => l.letterId)).toEqual([...lettersBefore, `${caseId}-handoff-notice`]);
    for (const letterId of lettersBefore) {
      expect(readdirSync(app.outboxDir).filter((f) => f.startsWith(`${letterId}.`))).toHaveLength(2);
    }
    expect(c.chronology.filter((e) => e.type === 'workflow-restarted')).toHaveLength(1);
    expect(handoffs).toBeGreaterThanOrEqual(2);
  });

  it('a case whose execution no longer runs (stuck) may be restarted too, and carries on from its record', async () => {
    const other = await app.api('POST', '/cases', {
      debtor: {
        kind: 'business',
        name: 'Metaal Midden B.V.',
        email: 'metaal.midden.b.v@example.nl',
        address: { street: 'Industrieweg 7', postalCode: '3800 AA', city: 'Amersfoort', country: 'NL' },
      },
      invoices: [{ number: 'RESTART-3', amountCents: 30_000, issuedOn: '2026-04-01', dueOn: '2026-04-20' }],
    });
    const stuckId = other.body.caseId as string;
    await app.runtime.settle();
    // The execution was stopped from outside (a console StopExecution, a bad deployment).
    expect(app.runtime.stopExecution(stuckId, 'stopped by an operator')).toBe(true);
    const res = await app.api('POST', `/cases/${stuckId}/restart`, { note: 'Stopped by mistake' });
    expect(res.status).toBe(200);
    await app.runtime.settle();
    expect(app.runtime.describeExecution(`${stuckId}-2`)?.status).toBe('RUNNING');
    expect((await app.store.get(stuckId))?.waiting).not.toBeNull();
  });
});

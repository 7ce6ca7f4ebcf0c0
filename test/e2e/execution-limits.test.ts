import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/local-app.ts';
import { actionInstant } from '../../local/scenario.ts';
import type { Case } from '../../shared/domain/case.ts';
import { startTestApp, testEngine } from '../support/local-app.ts';

/**
 * Step Functions ends a Standard execution TIMED_OUT one year after it started (the local runtime models
 * it). A case that lives longer (a hold without end, a review nobody decides) continues in a fresh
 * execution `<caseId>-<n>` started from its record before the limit, and never times out.
 */
describe(`cases that outlive an execution (${testEngine})`, () => {
  let app: LocalApp;
  let held: string;
  let undecided: string;

  beforeAll(async () => {
    app = await startTestApp('2026-03-02', { mode: 'bundles' });
    const open = async (number: string) => {
      const res = await app.api('POST', '/cases', {
        debtor: {
          kind: 'business',
          name: 'Transport Zuid B.V.',
          email: `admin-${number.toLowerCase()}@transport-zuid.example`,
          address: { street: 'Weg 1', postalCode: '5000 AA', city: 'Tilburg', country: 'NL' },
        },
        invoices: [{ number, amountCents: 80_000, issuedOn: '2026-01-10', dueOn: '2026-02-09' }],
      });
      expect(res.status).toBe(201);
      return res.body.caseId as string;
    };
    held = await open('LIMIT-HOLD');
    undecided = await open('LIMIT-REVIEW');
    await app.runtime.settle();
    expect(
      (await app.api('POST', `/cases/${held}/hold`, { reason: 'Faillissement aangevraagd' })).status,
    ).toBe(200);
    const disputed = await app.api('POST', `/cases/${undecided}/disputes`, {
      kind: 'non-performance',
      statement: 'Levering onvolledig.',
    });
    expect(disputed.status).toBe(201);
    await app.runtime.runUntil(actionInstant('2028-06-01'));
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
  });

  it.each([
    ['a hold without end date', () => held, 'AwaitRelease'],
    ['a review nobody decides', () => undecided, 'AwaitReviewerDecision'],
  ])(
    '%s continues in fresh executions before the one-year limit, none timing out',
    async (_story, id, waiting) => {
      const caseId = id();
      const executions = app.runtime
        .listExecutions()
        .filter((e) => e.name === caseId || e.name.startsWith(`${caseId}-`));
      expect(executions.map((e) => e.name)).toEqual([caseId, `${caseId}-2`, `${caseId}-3`]);
      expect(executions.map((e) => e.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'RUNNING']);
      expect(executions.slice(0, 2).map((e) => e.currentState)).toEqual(['ContinuedAsNew', 'ContinuedAsNew']);
      for (const e of executions) {
        const lifetimeMs = Date.parse(e.stoppedAt ?? app.clock.now().toISOString()) - Date.parse(e.startedAt);
        expect(lifetimeMs).toBeLessThan(365 * 86_400_000);
      }
      expect(executions[2]?.currentState).toBe(waiting);
      const c = (await app.store.get(caseId)) as Case;
      expect(c.chronology.filter((e) => e.type === 'workflow-restarted')).toHaveLength(2);
      expect(c.waiting?.taskToken).toBe(executions[2]?.waiting?.taskToken);
      // Nothing was sent twice on the way: one reminder at most, no letter while paused.
      expect(new Set(c.letters.map((l) => l.letterId)).size).toBe(c.letters.length);
    },
  );
});

/**
 * AWS's own faults, injected at each kind of step of the deployed bundles: throttling and service errors
 * (the invocation never happened) and a timed-out or crashed function (its work done, its answer lost).
 * Each fault once: the case ends as it would have without it, every letter e-mailed exactly once and the
 * dossier received once. A fault that persists: the case ends visibly failed.
 */

import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseState } from '../../infra/constructs/case-workflow.ts';
import type { EventsFault, SesFault } from '../../local/aws-stand-ins.ts';
import type { LocalApp } from '../../local/local-app.ts';
import { LAMBDA_FAULTS, type LambdaFault } from '../../local/runtime/workflow-runtime.ts';
import { actionInstant } from '../../local/scenario.ts';
import type { Case } from '../../shared/domain/case.ts';
import { eventIdOf, publishesEvent } from '../../shared/events/derive.ts';
import { startTestApp, testEngine } from '../support/local-app.ts';

/** The step each scenario faults, and what the debtor or the creditor does to reach it. */
const STEP_KINDS = {
  reminder: { state: CaseState.SendReminder },
  demand: { state: CaseState.SendDemand },
  handoff: { state: CaseState.HandOffToAgency },
  review: { state: CaseState.ReviewDispute },
  hold: { state: CaseState.ReleaseHold },
} as const;
type StepKind = keyof typeof STEP_KINDS;

describe(`AWS faults at every step kind, on the deployed bundles (${testEngine})`, () => {
  let app: LocalApp;
  const scenarios = new Map<
    string,
    { kind: StepKind; fault: LambdaFault | 'persistent' | 'none'; caseId: string }
  >();
  const faulted = new Set<string>();
  const eventFaults = new Map<
    string,
    { fault: EventsFault; caseId: string; failedAt: number | null; acceptedAt: number | null }
  >();

  beforeAll(async () => {
    app = await startTestApp('2026-03-02', { mode: 'bundles' });
    let n = 0;
    const open = async (key: string, kind: StepKind, fault: LambdaFault | 'persistent' | 'none') => {
      const res = await app.api('POST', '/cases', {
        debtor: {
          kind: 'consumer',
          name: 'S. de Boer',
          email: `debtor-${++n}@example.nl`,
          address: { street: 'Markt 1', postalCode: '8011 AA', city: 'Zwolle', country: 'NL' },
        },
        invoices: [
          { number: `FAULT-${n}`, amountCents: 20_000, issuedOn: '2026-01-20', dueOn: '2026-02-10' },
        ],
      });
      expect(res.status).toBe(201);
      scenarios.set(key, { kind, fault, caseId: res.body.caseId });
      return res.body.caseId as string;
    };
    for (const kind of Object.keys(STEP_KINDS) as StepKind[]) {
      for (const fault of LAMBDA_FAULTS) {
        const caseId = await open(`${kind}/${fault}`, kind, fault);
        if (kind === 'review') {
          app.runtime.at(actionInstant('2026-03-05'), async () => {
            const disputed = await app.api('POST', `/cases/${caseId}/disputes`, {
              kind: 'amount',
              statement: 'Het bedrag klopt niet.',
            });
            expect(disputed.status).toBe(201);
          });
          app.runtime.at(actionInstant('2026-03-09'), async () => {
            await app.api('POST', `/cases/${caseId}/disputes/dispute-1/decision`, {
              decision: 'reject',
              reviewer: 'r.jansen',
              note: 'Bedrag klopt.',
            });
          });
        }
        if (kind === 'hold') {
          app.runtime.at(actionInstant('2026-03-05'), async () => {
            await app.api('POST', `/cases/${caseId}/hold`, {
              reason: 'Betalingsregeling',
              until: '2026-03-12',
            });
          });
        }
      }
    }
    await open('reminder/persistent', 'reminder', 'persistent');
    const sesFaulted = new Map<string, SesFault>();
    for (const fault of ['throttle', 'error', 'lost'] as const) {
      const caseId = await open(`ses/${fault}`, 'reminder', 'none');
      sesFaulted.set(`${caseId}-reminder`, fault);
    }
    (app.bundles as NonNullable<typeof app.bundles>).standIns.sesFaults = ({ letterId, attempt }) =>
      attempt === 1 ? (sesFaulted.get(letterId) ?? null) : null;
    // EventBridge faults, each on one event of its own case (the entry ids are fixed by the lifecycle).
    for (const fault of ['error', 'partial', 'lost'] as const) {
      const caseId = await open(`events/${fault}`, 'reminder', 'none');
      const entryId = {
        // The handoff's event: refused on every call of the step that recorded it, so that step fails after
        // its write and is retried by the workflow (a later virtual instant), which publishes it.
        error: 'handed-off',
        partial: `letter-sent:${caseId}-reminder`,
        lost: `letter-sent:${caseId}-fourteen-day-letter`,
      }[fault];
      eventFaults.set(eventIdOf(caseId, entryId), { fault, caseId, failedAt: null, acceptedAt: null });
    }
    (app.bundles as NonNullable<typeof app.bundles>).standIns.eventsFaults = ({ eventId, attempt }) => {
      const planned = eventFaults.get(eventId);
      if (!planned) return null;
      const now = app.clock.nowMs();
      if (planned.fault === 'error') {
        planned.failedAt ??= now;
        if (now === planned.failedAt) return 'error';
        planned.acceptedAt ??= now;
        return null;
      }
      return attempt === 1 ? planned.fault : null;
    };
    const byExecution = new Map([...scenarios.values()].map((s) => [s.caseId, s]));
    app.runtime.faults = ({ execution, state, attempt }) => {
      const s = byExecution.get(execution);
      if (!s || s.fault === 'none' || state !== STEP_KINDS[s.kind].state) return null;
      if (s.fault === 'persistent') return 'Runtime.ExitError';
      if (attempt !== 1) return null;
      faulted.add(execution);
      return s.fault;
    };
    await app.runtime.runUntil(actionInstant('2026-06-30'));
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
  });

  const stored = async (caseId: string) => (await app.store.get(caseId)) as Case;

  /** The events in the outbox folder for a case, and the ids its chronology says must be there. */
  const eventsOf = async (caseId: string) => {
    const c = await stored(caseId);
    const files = readdirSync(path.join(app.events.outbox.dir, caseId)).filter((f) => f.endsWith('.json'));
    return {
      c,
      files: files.map((f) => eventIdOf(caseId, decodeURIComponent(f.slice(0, -'.json'.length)))).sort(),
      expected: c.chronology
        .filter(publishesEvent)
        .map((e) => eventIdOf(caseId, e.id))
        .sort(),
    };
  };

  it('every case, whatever fault hit its steps, has each event published exactly once, after its entry was recorded', async () => {
    for (const { caseId } of scenarios.values()) {
      if ([...eventFaults.values()].some((f) => f.caseId === caseId)) continue;
      const { c, files, expected } = await eventsOf(caseId);
      expect(c.unpublished, caseId).toBeUndefined();
      expect(files, caseId).toEqual(expected);
      for (const id of expected) expect(app.events.accepted.get(id), id).toBe(1);
    }
  });

  it.each([
    [
      'error',
      'refused on every call of the step that recorded it: the step fails after its write, its retry publishes it once',
      1,
    ],
    [
      'partial',
      'refused as one entry of a call (FailedEntryCount): that entry alone is sent again and taken',
      1,
    ],
    ['lost', 'accepted, its answer lost: sent again, the same event id overwrites the same file', 2],
  ] as const)('an event %s %s', async (fault, _story, acceptances) => {
    const [eventId, planned] = [...eventFaults.entries()].find(([, f]) => f.fault === fault) as [
      string,
      { caseId: string; failedAt: number | null; acceptedAt: number | null },
    ];
    const { c, files, expected } = await eventsOf(planned.caseId);
    expect(c.stage).toBe('handed-off');
    expect(c.unpublished).toBeUndefined();
    expect(files).toEqual(expected);
    expect(files).toContain(eventId);
    expect(app.bundles?.standIns.putEventsCalls.get(eventId)).toBeGreaterThan(1);
    expect(app.events.accepted.get(eventId)).toBe(acceptances);
    if (fault === 'error') {
      // Taken at a later virtual instant than it was refused: by the retried step, not the first one.
      expect(planned.acceptedAt).toBeGreaterThan(planned.failedAt as number);
    }
  });

  it.each(
    (Object.keys(STEP_KINDS) as StepKind[]).flatMap((kind) =>
      LAMBDA_FAULTS.map((fault) => [kind, fault] as const),
    ),
  )(
    'a %s step hit once by %s: the case still ends handed off, each letter e-mailed exactly once',
    async (kind, fault) => {
      const { caseId } = scenarios.get(`${kind}/${fault}`) as { caseId: string };
      expect(faulted.has(caseId)).toBe(true);
      const c = await stored(caseId);
      expect(c.stage).toBe('handed-off');
      expect(app.runtime.describeExecution(caseId)).toMatchObject({
        status: 'SUCCEEDED',
        currentState: 'HandedOff',
      });
      const letters = c.letters.map((l) => l.letterId);
      expect(letters.length).toBeGreaterThanOrEqual(3);
      for (const letterId of letters) expect(app.bundles?.standIns.emails.get(letterId)).toBe(1);
      expect(app.agencyReceiver?.received().filter((d) => d.caseId === caseId)).toHaveLength(1);
    },
  );

  it.each([
    ['throttle', 1],
    ['error', 1],
    ['lost', 2],
  ] as const)(
    'SES answering the reminder with %s once: handed off all the same, the reminder sent %i time(s)',
    async (fault, sends) => {
      const { caseId } = scenarios.get(`ses/${fault}`) as { caseId: string };
      const c = await stored(caseId);
      expect(c.stage).toBe('handed-off');
      expect(app.bundles?.standIns.emails.get(`${caseId}-reminder`)).toBe(sends);
      for (const l of c.letters.filter((x) => x.kind !== 'reminder')) {
        expect(app.bundles?.standIns.emails.get(l.letterId)).toBe(1);
      }
      // The reminder is on the case once, delivered, whatever the provider answered.
      expect(c.letters.filter((l) => l.kind === 'reminder')).toEqual([
        expect.objectContaining({ status: 'delivered' }),
      ]);
    },
  );

  it('a fault that persists ends the case visibly failed: recorded on the case, the execution in CaseFailed', async () => {
    const { caseId } = scenarios.get('reminder/persistent') as { caseId: string };
    const c = await stored(caseId);
    expect(c.chronology.at(-1)).toMatchObject({ type: 'step-failed', refs: { error: 'Runtime.ExitError' } });
    expect(app.runtime.describeExecution(caseId)).toMatchObject({
      status: 'FAILED',
      currentState: 'CaseFailed',
    });
    // The reminder went out once, however often the crashed step was retried.
    expect(app.bundles?.standIns.emails.get(`${caseId}-reminder`)).toBe(1);
  });
});

/**
 * Model-based tests of the case lifecycle: random sequences of payments (partial, full, over), disputes
 * of every kind, reviewer decisions, holds with and without an end date, releases, SES bounces and
 * complaints of the latest letter, and clock advances run against the real use cases and the synthesized
 * workflow in the local runtime. An API command may also
 * land *inside* a workflow step: between any two port calls the step makes (the store, the letter
 * delivery and the agency are preemptible). After every command the invariants a collections team relies
 * on are checked against the stored case and the execution.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineKind } from '../../../local/dynamodb/engines.ts';
import { LocalApp } from '../../../local/local-app.ts';
import { actionInstant } from '../../../local/scenario.ts';
import { MemoryCaseStore } from '../../../shared/adapters/case-store.memory.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { DUNNING_LETTER_KINDS, isClosedStage } from '../../../shared/domain/vocabulary.ts';
import type { CaseStore } from '../../../shared/ports/case-store.ts';
import { addDays, calendarDateAt } from '../../../shared/rules/calendar.ts';
import { recordLetterFeedback } from '../../../shared/use-cases/letter-feedback.ts';

/** Marks work done on behalf of an API request; everything else that touches a port is a workflow step. */
const apiContext = new AsyncLocalStorage<true>();

interface Harness {
  app: LocalApp;
  caseId: string;
  /** API commands waiting to land inside the next workflow step's port call. */
  interjections: (() => Promise<void>)[];
  /** Payment references the API accepted (200) and refused (4xx) in this run. */
  accepted: Set<string>;
  refused: Set<string>;
  violations: string[];
  seq: number;
}

let current: Harness | null = null;
/** How many API commands landed inside a workflow step, over all runs (the test proves it happens). */
let landedInsideSteps = 0;

/** Runs the queued API commands before a port call a workflow step makes on the case under test. */
async function preempt(caseId: string | undefined): Promise<void> {
  const h = current;
  if (!h || apiContext.getStore() || caseId !== h.caseId) return;
  while (h.interjections.length > 0) {
    const command = h.interjections.shift() as () => Promise<void>;
    landedInsideSteps++;
    await apiContext.run(true, command);
  }
}

/** Checks every write of the case under test against the lifecycle's invariants. */
function checkWrite(before: Case | undefined, after: Case): void {
  const h = current;
  if (!h || after.caseId !== h.caseId || !before) return;
  const problems = h.violations;
  if (isClosedStage(before.stage) && after.stage !== before.stage) {
    problems.push(`closed stage ${before.stage} reopened as ${after.stage}`);
  }
  const known = new Set(before.letters.map((l) => l.letterId));
  for (const letter of after.letters) {
    if (known.has(letter.letterId) || !(DUNNING_LETTER_KINDS as readonly string[]).includes(letter.kind))
      continue;
    if (before.stage === 'paid' || isClosedStage(before.stage) || before.pauses.length > 0) {
      problems.push(
        `${letter.kind} decided while the case was ${before.stage}, paused by ${before.pauses.map((p) => p.kind)}`,
      );
    }
  }
  // The agency never gets a case whose demand did not reach the debtor.
  if (before.stage === 'demanded' && after.stage === 'handing-off') {
    const demand = after.letters
      .filter((l) => l.kind === 'demand' || l.kind === 'fourteen-day-letter')
      .at(-1);
    if (demand?.status !== 'delivered')
      problems.push(`handed off on ${demand?.letterId} (${demand?.status})`);
  }
  const newEntries = new Set(after.chronology.slice(before.chronology.length).map((e) => e.type));
  const closedNow = isClosedStage(after.stage) && !isClosedStage(before.stage);
  for (const pause of before.pauses) {
    if (after.pauses.some((p) => p.kind === pause.kind)) continue;
    const ownEvent =
      pause.kind === 'hold'
        ? newEntries.has('hold-released') || newEntries.has('hold-ended')
        : after.disputes.find((d) => d.disputeId === pause.disputeId)?.status !== 'open' &&
          after.disputes.find((d) => d.disputeId === pause.disputeId)?.status !== 'awaiting-reviewer';
    if (!ownEvent && !closedNow) problems.push(`${pause.kind} pause ended without its own event`);
  }
}

/** The store every handler uses, preemptible and watched. */
function watchedStore(inner: CaseStore): CaseStore {
  const lastSeen = new Map<string, Case>();
  return {
    async get(caseId) {
      await preempt(caseId);
      const c = await inner.get(caseId);
      return c;
    },
    async create(record) {
      const result = await inner.create(record);
      lastSeen.set(record.caseId, result.record);
      return result;
    },
    async replace(record, expectedVersion) {
      await preempt(record.caseId);
      const before = await inner.get(record.caseId);
      await inner.replace(record, expectedVersion);
      checkWrite(before ?? undefined, record);
    },
    claimIntakeKey: (key, caseId) => inner.claimIntakeKey(key, caseId),
    releaseIntakeKey: (key, caseId) => inner.releaseIntakeKey(key, caseId),
    keepLetter: (letter, c) => inner.keepLetter(letter, c),
    getLetter: (caseId, letterId) => inner.getLetter(caseId, letterId),
  };
}

type Command = { name: string; run: (h: Harness) => Promise<void> };

async function api(h: Harness, method: 'GET' | 'POST', url: string, body?: unknown) {
  return apiContext.run(true, () => h.app.api(method, url, body));
}

function pay(share: 'part' | 'all' | 'over', designated = false): Command {
  return {
    name: `pay ${share}${designated ? ' designated to principal' : ''}`,
    run: async (h) => {
      const view = (await api(h, 'GET', `/cases/${h.caseId}`)).body;
      const total = view.amounts.totalCents as number;
      // The debtor's designation (6:43 lid 1) to principal: recorded, refused within 6:44 lid 2, never an error.
      const designation = designated
        ? { designation: { invoices: [view.invoices[0].number as string], toPrincipal: true } }
        : {};
      const amountCents = Math.max(
        1,
        share === 'part' ? Math.floor(total / 3) : share === 'all' ? total : total + 500,
      );
      const reference = `PAY-${++h.seq}`;
      const on = calendarDateAt(h.app.clock.now());
      const res = await api(h, 'POST', `/cases/${h.caseId}/payments`, {
        reference,
        amountCents,
        paidOn: on,
        ...designation,
      });
      if (res.status === 200) h.accepted.add(reference);
      else if (res.status === 409 || res.status === 400) h.refused.add(reference);
      else h.violations.push(`payment answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
  };
}

function dispute(kind: 'non-performance' | 'amount' | 'other' | 'withdrawal' | 'cancellation'): Command {
  return {
    name: `dispute ${kind}`,
    run: async (h) => {
      const on = calendarDateAt(h.app.clock.now());
      const evidence =
        kind === 'withdrawal'
          ? { withdrawalNotice: { sentOn: on, channel: 'post' } }
          : kind === 'cancellation'
            ? {
                cancellation: {
                  noticeSentOn: on,
                  noticeReceivedOn: on,
                  channel: 'email',
                  confirmedByTrader: false,
                },
              }
            : {};
      const res = await api(h, 'POST', `/cases/${h.caseId}/disputes`, {
        kind,
        statement: 'Ik betwist dit.',
        evidence,
      });
      if (![201, 409].includes(res.status))
        h.violations.push(`dispute answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
  };
}

function decide(decision: 'reject' | 'accept' | 'settle'): Command {
  return {
    name: `decide ${decision}`,
    run: async (h) => {
      const view = (await api(h, 'GET', `/cases/${h.caseId}`)).body;
      const disputeId = view.openDispute?.disputeId ?? 'dispute-1';
      const total = view.amounts.totalCents as number;
      const res = await api(h, 'POST', `/cases/${h.caseId}/disputes/${disputeId}/decision`, {
        decision,
        reviewer: 'r.jansen',
        note: 'Beoordeeld.',
        ...(decision === 'settle' ? { settlementCents: Math.max(1, Math.floor(total / 2)) } : {}),
      });
      if (![200, 400, 404, 409].includes(res.status))
        h.violations.push(`decision answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
  };
}

function hold(days: number | null): Command {
  return {
    name: `hold ${days ?? 'open'}`,
    run: async (h) => {
      const until = days === null ? null : addDays(calendarDateAt(h.app.clock.now()), days);
      const res = await api(h, 'POST', `/cases/${h.caseId}/hold`, { reason: 'Betalingsregeling', until });
      if (![200, 409].includes(res.status))
        h.violations.push(`hold answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
  };
}

const release: Command = {
  name: 'release',
  run: async (h) => {
    const res = await api(h, 'POST', `/cases/${h.caseId}/release`, {});
    if (![200, 409].includes(res.status))
      h.violations.push(`release answered ${res.status}: ${JSON.stringify(res.body)}`);
  },
};

/** SES reports on the latest letter: it bounced, or the debtor marked it as spam (the bounce function's use case). */
function feedback(kind: 'bounce' | 'complaint'): Command {
  return {
    name: kind,
    // Like an API request, it comes from outside the workflow: not a step.
    run: (h) =>
      apiContext.run(true, async () => {
        const letter = ((await h.app.store.get(h.caseId)) as Case).letters.at(-1);
        if (!letter) return;
        const at = h.app.clock.now().toISOString();
        const report = { caseId: h.caseId, letterId: letter.letterId, feedbackId: `fb-${++h.seq}`, at };
        await recordLetterFeedback(
          h.app.deps,
          kind === 'bounce' ? { ...report, kind, bounceType: 'permanent' } : { ...report, kind },
        );
      }),
  };
}

function advance(days: number): Command {
  return {
    name: `advance ${days}d`,
    run: async (h) => {
      await h.app.runtime.runUntil(new Date(h.app.clock.nowMs() + days * 86_400_000));
    },
  };
}

/** The command lands inside the next workflow step, between two of its port calls. */
function during(command: Command): Command {
  return {
    name: `during-step(${command.name})`,
    run: async (h) => {
      h.interjections.push(() => command.run(h));
    },
  };
}

const apiCommand = fc.oneof(
  fc.constantFrom(pay('part'), pay('all'), pay('over'), pay('part', true)),
  fc.constantFrom(
    dispute('non-performance'),
    dispute('amount'),
    dispute('other'),
    dispute('withdrawal'),
    dispute('cancellation'),
  ),
  fc.constantFrom(decide('reject'), decide('accept'), decide('settle')),
  fc.constantFrom(hold(null), hold(5), hold(20), release),
  fc.constantFrom(feedback('bounce'), feedback('complaint')),
);
const command = fc.oneof(
  { arbitrary: apiCommand, weight: 3 },
  { arbitrary: apiCommand.map(during), weight: 2 },
  { arbitrary: fc.integer({ min: 1, max: 20 }).map(advance), weight: 4 },
);

/**
 * What must hold after every command. The harness's own reads are not a workflow step: they run in the
 * API context, so no queued command lands inside them (it would set the workflow going mid-check).
 */
function checkInvariants(h: Harness): Promise<void> {
  return apiContext.run(true, () => invariants(h));
}

async function invariants(h: Harness): Promise<void> {
  expect(h.violations).toEqual([]);
  const c = (await h.app.store.get(h.caseId)) as Case;
  const refs = c.payments.map((p) => p.reference);
  expect(new Set(refs).size).toBe(refs.length);
  for (const ref of h.accepted) expect(refs).toContain(ref);
  for (const ref of h.refused) expect(refs).not.toContain(ref);
  for (const ref of refs) expect(h.accepted.has(ref)).toBe(true);
  const view = (await api(h, 'GET', `/cases/${h.caseId}`)).body;
  const a = view.amounts;
  expect(a.totalCents).toBe(a.principalCents + a.interestCents + a.costsCents);
  const today = calendarDateAt(h.app.clock.now());
  expect(a.paidCents).toBe(
    c.payments.filter((p) => p.paidOn <= today).reduce((s, p) => s + p.amountCents, 0),
  );
  expect(Math.min(a.principalCents, a.interestCents, a.costsCents)).toBeGreaterThanOrEqual(0);
  if (c.stage === 'paid') expect(a.totalCents).toBe(0);
  expect(c.pauses.filter((p) => p.kind === 'hold').length).toBeLessThanOrEqual(1);
  expect(c.pauses.filter((p) => p.kind === 'dispute').length).toBeLessThanOrEqual(1);
  // The execution is in a named end state, or it waits: on a callback whose token the case holds, or on a
  // timer (a retry) that will run it on.
  const execution = h.app.runtime.describeExecution(h.caseId);
  expect(execution?.status, `${execution?.error}: ${execution?.cause}`).not.toBe('FAILED');
  if (execution?.status === 'SUCCEEDED') {
    expect(['CasePaid', 'CaseClosed', 'HandedOff']).toContain(execution.currentState);
  } else if (execution?.status === 'RUNNING' && execution.waiting?.kind === 'callback') {
    expect(
      c.waiting?.taskToken,
      JSON.stringify({
        history: execution.history.map((x) => x.state),
        chronology: c.chronology.map((e) => [e.type, e.at]),
      }),
    ).toBe(execution.waiting.taskToken);
  }
}

// Many sequences on the in-memory store, a tenth as many on the embedded DynamoDB; the CI tier on DynamoDB
// Local (DYNAMODB_ENGINE set) runs the DynamoDB ones only. Each run draws new sequences (a new seed), so
// the default count keeps `npm test` short; MODEL_RUNS=<n> runs n (and n/10) for a deeper search.
const memoryRuns = Number(process.env.MODEL_RUNS ?? 200);
if (!Number.isInteger(memoryRuns) || memoryRuns < 10) {
  throw new Error(`MODEL_RUNS=${process.env.MODEL_RUNS}: expected a whole number of at least 10`);
}
const stores = process.env.DYNAMODB_ENGINE ? (['dynamodb'] as const) : (['memory', 'dynamodb'] as const);
for (const engine of stores) {
  const runs = engine === 'memory' ? memoryRuns : Math.round(memoryRuns / 10);
  describe(`the case lifecycle under random interleavings (${engine === 'memory' ? 'memory' : (process.env.DYNAMODB_ENGINE ?? 'dynalite')} store)`, () => {
    let app: LocalApp;
    let n = 0;

    beforeAll(async () => {
      const kind = engine === 'memory' ? 'dynalite' : (process.env.DYNAMODB_ENGINE ?? 'dynalite');
      if (!isEngineKind(kind)) throw new Error(`unknown DYNAMODB_ENGINE ${kind}`);
      app = await LocalApp.start({
        start: actionInstant('2026-03-02'),
        engine: kind,
        outboxDir: mkdtempSync(path.join(tmpdir(), 'outbox-model-')),
        wrapStore: (store) => watchedStore(engine === 'memory' ? new MemoryCaseStore() : store),
      });
      // An execution started by an API request must not inherit the request's context: its steps are steps.
      const workflow = app.deps.workflow;
      app.deps.workflow = {
        startCase: (caseId, name) => apiContext.exit(() => workflow.startCase(caseId, name)),
        isRunning: (name) => workflow.isRunning(name),
        signal: (token, signal) => workflow.signal(token, signal),
      };
      // Letter delivery and the agency handoff are preemptible too: an event may land while they run.
      const letters = app.deps.letters;
      app.deps.letters = {
        deliver: async (letter) => {
          await preempt(letter.caseId);
          return letters.deliver(letter);
        },
      };
      const agency = app.deps.agency;
      app.deps.agency = {
        handOff: async (dossier, key) => {
          await preempt((dossier as { caseId?: string }).caseId);
          const answer = await agency.handOff(dossier, key);
          await preempt((dossier as { caseId?: string }).caseId);
          return answer;
        },
      };
    }, 120_000);

    afterAll(async () => {
      current = null;
      await app?.stop();
    });

    it('keeps every accepted payment once, never a refused one, no letter while paid, closed, disputed or held, pauses ended only by their own event, and an execution that is never lost', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('consumer', 'business'),
          fc.array(command, { minLength: 1, maxLength: 25 }),
          async (debtorKind, commands) => {
            const today = calendarDateAt(app.clock.now());
            const number = `MODEL-${engine}-${++n}`;
            const opened = await apiContext.run(true, () =>
              app.api('POST', '/cases', {
                debtor: {
                  kind: debtorKind,
                  name: 'M. Bakker',
                  email: 'm.bakker@example.nl',
                  address: { street: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Ede', country: 'NL' },
                },
                invoices: [
                  { number, amountCents: 45_000, issuedOn: addDays(today, -40), dueOn: addDays(today, -10) },
                ],
              }),
            );
            expect(opened.status).toBe(201);
            const h: Harness = {
              app,
              caseId: opened.body.caseId,
              interjections: [],
              accepted: new Set(),
              refused: new Set(),
              violations: [],
              seq: 0,
            };
            current = h;
            try {
              await app.runtime.settle();
              for (const cmd of commands) {
                await cmd.run(h);
                await app.runtime.settle();
                await checkInvariants(h);
              }
              // Commands still queued for a step that never came run now, as plain API calls.
              for (const pending of h.interjections.splice(0)) await apiContext.run(true, pending);
              await app.runtime.runUntil(new Date(app.clock.nowMs() + 3_600_000));
              await checkInvariants(h);
            } finally {
              current = null;
              // The next sequence runs on its own case: this one's workflow stops, as StopExecution would.
              app.runtime.stopExecution(h.caseId, 'model run ended');
            }
          },
        ),
        {
          numRuns: runs,
          endOnFailure: true,
          // MODEL_SEED=<seed> repeats a run that failed (the seed is in the failure report).
          ...(process.env.MODEL_SEED ? { seed: Number(process.env.MODEL_SEED) } : {}),
        },
      );
      expect(landedInsideSteps).toBeGreaterThan(0);
    }, 600_000);
  });
}

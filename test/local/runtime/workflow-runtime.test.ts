import { beforeAll, describe, expect, it } from 'vitest';
import { type AslDefinition, extractStateMachineDefinition } from '../../../local/runtime/definition.ts';
import { localWorkflowSignal, localWorkflowStarter } from '../../../local/runtime/ports.ts';
import { VirtualClock } from '../../../local/runtime/virtual-clock.ts';
import { type LambdaHandler, LocalWorkflowRuntime } from '../../../local/runtime/workflow-runtime.ts';
import {
  AgencyUnavailableError,
  CasePaidError,
  InvalidInputError,
  TransientError,
} from '../../../shared/errors.ts';
import { States, synthDunningTemplate } from './dunning-stack.fixture.ts';

const DAY = 86_400;
const START = '2026-01-05T09:00:00.000Z';

interface Handlers {
  sendReminder?: LambdaHandler;
  storeToken?: LambdaHandler;
  handOff?: LambdaHandler;
}

let base: ReturnType<typeof extractStateMachineDefinition>;
beforeAll(() => {
  base = extractStateMachineDefinition(synthDunningTemplate());
});

/** The synthesized workflow with in-process handlers; the reminder asks to wait `waitDays` by default. */
function dunning(handlers: Handlers = {}, waitDays = 90, definition?: AslDefinition) {
  const clock = new VirtualClock(START);
  const tokens = new Map<string, string>();
  const arn = (prefix: string) => {
    const id = Object.keys(base.lambdaArnsByLogicalId).find((k) => k.startsWith(prefix)) as string;
    return base.lambdaArnsByLogicalId[id] as string;
  };
  const defaults: Required<Handlers> = {
    sendReminder: async () => ({
      wait: {
        seconds: waitDays * DAY,
        until: new Date(clock.now().getTime() + waitDays * DAY * 1000).toISOString(),
      },
    }),
    storeToken: async (event) => {
      const { caseId, taskToken } = event as { caseId: string; taskToken: string };
      tokens.set(caseId, taskToken);
      return { stored: true };
    },
    handOff: async (event) => ({ reference: `AG-${(event as { caseId: string }).caseId}` }),
  };
  const h = { ...defaults, ...handlers };
  const runtime = new LocalWorkflowRuntime({
    definition: definition ?? base.definition,
    clock,
    lambdaHandlers: {
      [arn('SendReminderFn')]: h.sendReminder,
      [arn('StoreTokenFn')]: h.storeToken,
      [arn('HandOffFn')]: h.handOff,
    },
  });
  return { runtime, clock, tokens };
}

describe('a case waiting for payment', () => {
  it('is handed to the agency when no payment arrives within 90 days, in virtual time', async () => {
    const { runtime, clock } = dunning();

    runtime.startExecution('case-1', { caseId: 'case-1' });
    await runtime.settle();
    const waiting = runtime.describeExecution('case-1');
    expect(waiting?.currentState).toBe(States.awaitPayment);
    expect(waiting?.waiting).toMatchObject({ kind: 'callback', until: '2026-04-05T09:00:00.000Z' });
    expect(waiting?.waiting?.taskToken).toEqual(expect.any(String));

    await runtime.runUntilIdle();

    const done = runtime.describeExecution('case-1');
    expect(done?.status).toBe('SUCCEEDED');
    expect(done?.currentState).toBe(States.handedOff);
    expect(done?.stoppedAt).toBe('2026-04-05T09:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-04-05T09:00:00.000Z');
    expect(done?.output).toMatchObject({
      timeout: { Error: 'States.Timeout' },
      agency: { reference: 'AG-case-1' },
    });
    expect(done?.history.map((h) => h.state)).toEqual([
      States.sendReminder,
      States.awaitPayment,
      States.handOff,
      States.handedOff,
    ]);
    expect(done?.counters).toEqual({ stateTransitions: 4, lambdaInvocations: 3, retries: 0 });
  });

  it('resumes with the signal in ResultPath when the payment arrives before the timeout', async () => {
    const { runtime, tokens } = dunning();
    runtime.startExecution('case-2', { caseId: 'case-2' });
    let accepted: boolean | undefined;
    runtime.at('2026-01-20T12:00:00Z', () => {
      accepted = runtime.sendTaskSuccess(tokens.get('case-2') as string, { event: 'paid', caseId: 'case-2' });
    });

    await runtime.runUntilIdle();

    expect(accepted).toBe(true);
    const done = runtime.describeExecution('case-2');
    expect(done?.status).toBe('SUCCEEDED');
    expect(done?.currentState).toBe(States.paid);
    expect(done?.stoppedAt).toBe('2026-01-20T12:00:00.000Z');
    expect(done?.output).toMatchObject({ signal: { event: 'paid', caseId: 'case-2' } });
    expect(done?.output).not.toHaveProperty('timeout');
  });

  it('refuses a token the second time it is used, and a token whose wait timed out', async () => {
    const { runtime, tokens } = dunning({}, 30);
    runtime.startExecution('case-3', { caseId: 'case-3' });
    runtime.startExecution('case-4', { caseId: 'case-4' });
    await runtime.settle();
    const token3 = tokens.get('case-3') as string;

    expect(runtime.sendTaskSuccess(token3, { event: 'disputed', caseId: 'case-3' })).toBe(true);
    expect(runtime.sendTaskSuccess(token3, { event: 'paid', caseId: 'case-3' })).toBe(false);
    expect(runtime.sendTaskFailure(token3, 'CaseClosedError', 'closed')).toBe(false);

    await runtime.runUntilIdle();
    expect(runtime.describeExecution('case-3')?.currentState).toBe(States.disputed);
    expect(runtime.describeExecution('case-4')?.currentState).toBe(States.handedOff);
    expect(runtime.sendTaskSuccess(tokens.get('case-4') as string, { event: 'paid', caseId: 'case-4' })).toBe(
      false,
    );
    expect(runtime.sendTaskSuccess('not-a-token', {})).toBe(false);
  });

  it('accepts a callback completed by the invoked Lambda itself', async () => {
    let runtimeRef: LocalWorkflowRuntime | undefined;
    const { runtime } = dunning({
      storeToken: async (event) => {
        const { caseId, taskToken } = event as { caseId: string; taskToken: string };
        runtimeRef?.sendTaskSuccess(taskToken, { event: 'paid', caseId });
        return {};
      },
    });
    runtimeRef = runtime;
    runtime.startExecution('case-5', { caseId: 'case-5' });
    await runtime.runUntilIdle();
    expect(runtime.describeExecution('case-5')).toMatchObject({
      status: 'SUCCEEDED',
      currentState: States.paid,
    });
  });
});

describe('errors thrown by handlers', () => {
  it('a TransientError is retried with virtual backoff (60 s, then 120 s) and then succeeds', async () => {
    const calls: { at: string; attempt: unknown }[] = [];
    const { runtime, clock } = dunning({
      sendReminder: async (event) => {
        calls.push({ at: clock.now().toISOString(), attempt: (event as { attempt: unknown }).attempt });
        if (calls.length < 3) throw new TransientError('table throttled');
        return { wait: { seconds: DAY, until: 'tomorrow' } };
      },
    });

    runtime.startExecution('case-6', { caseId: 'case-6' });
    await runtime.runUntil('2026-01-05T09:10:00Z');

    expect(calls).toEqual([
      { at: '2026-01-05T09:00:00.000Z', attempt: 0 },
      { at: '2026-01-05T09:01:00.000Z', attempt: 1 },
      { at: '2026-01-05T09:03:00.000Z', attempt: 2 },
    ]);
    const view = runtime.describeExecution('case-6');
    expect(view?.currentState).toBe(States.awaitPayment);
    expect(view?.counters.retries).toBe(2);
    expect(view?.counters.stateTransitions).toBe(2 + 2);
  });

  it('gives up after MaxAttempts and fails as Step Functions would, with the Lambda error as Cause', async () => {
    const { runtime } = dunning({
      handOff: async () => {
        throw new AgencyUnavailableError('agency returned 503');
      },
    });
    runtime.startExecution('case-7', { caseId: 'case-7' });
    await runtime.runUntilIdle();

    const done = runtime.describeExecution('case-7');
    expect(done?.status).toBe('FAILED');
    expect(done?.error).toBe('AgencyUnavailableError');
    expect(JSON.parse(done?.cause as string)).toMatchObject({
      errorType: 'AgencyUnavailableError',
      errorMessage: 'agency returned 503',
    });
    expect(done?.counters.retries).toBe(2);
    // 90 days of waiting, then retries after 30 s and 60 s.
    expect(done?.stoppedAt).toBe('2026-04-05T09:01:30.000Z');
  });

  it('a CasePaidError is caught by name and routes to the Paid state', async () => {
    const { runtime } = dunning({
      sendReminder: async () => {
        throw new CasePaidError('paid in full yesterday');
      },
    });
    runtime.startExecution('case-8', { caseId: 'case-8' });
    await runtime.runUntilIdle();

    const done = runtime.describeExecution('case-8');
    expect(done).toMatchObject({ status: 'SUCCEEDED', currentState: States.paid });
    const error = (done?.output as { error: { Error: string; Cause: string } } | undefined)?.error ?? {
      Error: '',
      Cause: '{}',
    };
    expect(error.Error).toBe('CasePaidError');
    expect(JSON.parse(error.Cause)).toMatchObject({
      errorType: 'CasePaidError',
      errorMessage: 'paid in full yesterday',
    });
  });

  it('any other error is caught by States.ALL and ends in the Fail state', async () => {
    const { runtime } = dunning({
      sendReminder: async () => {
        throw new RangeError('bug');
      },
    });
    runtime.startExecution('case-9', { caseId: 'case-9' });
    await runtime.runUntilIdle();
    expect(runtime.describeExecution('case-9')).toMatchObject({
      status: 'FAILED',
      error: 'WorkflowBroken',
      cause: 'unexpected error',
      currentState: States.broken,
    });
  });
});

describe('executions', () => {
  it('a second execution with the same name is refused, like StartExecution', async () => {
    const { runtime } = dunning();
    const first = runtime.startExecution('case-10', { caseId: 'case-10' });
    const second = runtime.startExecution('case-10', { caseId: 'case-10' });
    expect(first.started).toBe(true);
    expect(second).toEqual({ started: false, executionId: first.executionId });
    await runtime.runUntilIdle();
    expect(runtime.startExecution('case-10', { caseId: 'case-10' }).started).toBe(false);
    expect(runtime.listExecutions()).toHaveLength(1);
  });

  it('a name Step Functions would refuse is refused', () => {
    const { runtime } = dunning();
    expect(() => runtime.startExecution('case 16', {})).toThrow(InvalidInputError);
    expect(() => runtime.startExecution('x'.repeat(81), {})).toThrow(InvalidInputError);
  });

  it('a callback failed with an error name no catcher matches fails the execution with that error', async () => {
    const { runtime, tokens } = dunning();
    runtime.startExecution('case-17', { caseId: 'case-17' });
    await runtime.settle();
    expect(
      runtime.sendTaskFailure(tokens.get('case-17') as string, 'CaseClosedError', 'closed by the creditor'),
    ).toBe(true);
    await runtime.runUntilIdle();
    expect(runtime.describeExecution('case-17')).toMatchObject({
      status: 'FAILED',
      error: 'CaseClosedError',
      cause: 'closed by the creditor',
      stoppedAt: START,
    });
  });

  it('dispose aborts executions still waiting and refuses their tokens afterwards', async () => {
    const { runtime, tokens } = dunning();
    runtime.startExecution('case-18', { caseId: 'case-18' });
    await runtime.settle();
    runtime.dispose();
    await runtime.settle();
    expect(runtime.describeExecution('case-18')).toMatchObject({ status: 'ABORTED' });
    expect(runtime.describeExecution('case-18')?.waiting).toBeUndefined();
    expect(runtime.sendTaskSuccess(tokens.get('case-18') as string, {})).toBe(false);
  });

  it('resolves $$.Execution.* and $$.State.* from virtual time', async () => {
    const events: unknown[] = [];
    const { runtime } = dunning({
      sendReminder: async (event) => {
        events.push(event);
        return { wait: { seconds: DAY, until: 'x' } };
      },
    });
    runtime.startExecution('case-11', { caseId: 'case-11' });
    await runtime.settle();
    expect(events).toEqual([
      { caseId: 'case-11', attempt: 0, execution: 'case-11', startedAt: START, enteredAt: START },
    ]);
  });

  it('100 cases with different timeouts finish in virtual-time order', async () => {
    // Case i waits (i * 37 mod 100) + 1 days: the timeouts are all different and not in start order.
    const waitDays = (i: number) => ((i * 37) % 100) + 1;
    const finished: string[] = [];
    const { runtime, clock } = dunning({
      sendReminder: async (event) => {
        const i = Number((event as { caseId: string }).caseId.slice(5));
        return { wait: { seconds: waitDays(i) * DAY, until: 'x' } };
      },
      handOff: async (event) => {
        finished.push((event as { caseId: string }).caseId);
        return { reference: clock.now().toISOString() };
      },
    });
    for (let i = 0; i < 100; i++) runtime.startExecution(`case-${i}`, { caseId: `case-${i}` });

    await runtime.runUntilIdle();

    const expected = [...Array(100).keys()].sort((a, b) => waitDays(a) - waitDays(b)).map((i) => `case-${i}`);
    expect(finished).toEqual(expected);
    for (let i = 0; i < 100; i++) {
      const view = runtime.describeExecution(`case-${i}`);
      expect(view?.status).toBe('SUCCEEDED');
      expect(view?.stoppedAt).toBe(new Date(Date.parse(START) + waitDays(i) * DAY * 1000).toISOString());
    }
    expect(runtime.stats()).toMatchObject({
      executions: { SUCCEEDED: 100, RUNNING: 0 },
      stateTransitions: 400,
      lambdaInvocations: 300,
    });
  });

  it('a Wait state of 200 days and an execution timeout run in virtual time', async () => {
    const withWait = extractStateMachineDefinition(
      synthDunningTemplate({ waitDaysBeforeReminder: 200, timeoutDays: 250 }),
    );
    const { runtime, clock } = dunning({}, 90, withWait.definition);
    runtime.startExecution('case-12', { caseId: 'case-12' });

    await runtime.runUntil('2026-07-01T00:00:00Z');
    expect(runtime.describeExecution('case-12')?.waiting).toMatchObject({
      kind: 'wait',
      stateName: 'GracePeriod',
    });

    await runtime.runUntilIdle();
    const done = runtime.describeExecution('case-12');
    // Grace period ends on day 200, the payment wait would end on day 290: the 250-day limit comes first.
    expect(done).toMatchObject({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      currentState: States.awaitPayment,
    });
    expect(done?.stoppedAt).toBe(new Date(Date.parse(START) + 250 * DAY * 1000).toISOString());
    expect(clock.now().toISOString()).toBe(done?.stoppedAt);
  });

  it('an action and a timeout due at the same instant run in the order they were scheduled', async () => {
    const { runtime, tokens } = dunning({}, 10);
    const log: string[] = [];
    const pay = (caseId: string) => () => {
      const accepted = runtime.sendTaskSuccess(tokens.get(caseId) as string, { event: 'paid', caseId });
      log.push(`${caseId} payment ${accepted ? 'accepted' : 'too late'}`);
    };
    // case-14's payment is scheduled before its wait (and timeout) begins; case-15's after.
    runtime.at('2026-01-15T09:00:00Z', pay('case-14'));
    runtime.startExecution('case-14', { caseId: 'case-14' });
    runtime.startExecution('case-15', { caseId: 'case-15' });
    await runtime.settle();
    runtime.at('2026-01-15T09:00:00Z', pay('case-15'));

    await runtime.runUntilIdle();

    expect(log).toEqual(['case-14 payment accepted', 'case-15 payment too late']);
    expect(runtime.describeExecution('case-14')?.currentState).toBe(States.paid);
    expect(runtime.describeExecution('case-15')?.currentState).toBe(States.handedOff);
  });
});

describe('the workflow ports over the local runtime', () => {
  it('a case is started once and its signal completes the wait', async () => {
    const { runtime, tokens } = dunning();
    const starter = localWorkflowStarter(runtime);
    const signal = localWorkflowSignal(runtime);

    expect((await starter.startCase('case-19')).started).toBe(true);
    expect((await starter.startCase('case-19')).started).toBe(false);
    await runtime.settle();
    const token = tokens.get('case-19') as string;
    expect(await signal.signal(token, { event: 'paid', caseId: 'case-19' })).toBe(true);
    expect(await signal.signal(token, { event: 'paid', caseId: 'case-19' })).toBe(false);
    await runtime.runUntilIdle();
    expect(runtime.describeExecution('case-19')).toMatchObject({
      status: 'SUCCEEDED',
      currentState: States.paid,
    });
  });
});

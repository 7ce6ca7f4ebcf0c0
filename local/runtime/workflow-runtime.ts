/**
 * LocalWorkflowRuntime: runs the synthesized state machine with aws-local-stepfunctions 3.0.0, the
 * real handlers in-process, under a virtual clock.
 *
 * The library runs the definition: transitions, Choice, Pass, Succeed, Fail, InputPath / ResultSelector /
 * ResultPath / OutputPath and Catch routing. This module supplies, in one place, what it lacks or gets
 * wrong (../../../shared/STACK.md lists the gaps); each workaround is marked `GAP:` below.
 *
 * Every Task and Wait state is handed to the library as a Task whose work is a local override; the
 * override runs the attempt (Parameters, Lambda handler, callback wait, timeout) and the Retry policy in
 * virtual time. Timers never touch setTimeout: they live in the VirtualScheduler.
 */
import type { Context as LambdaContext } from 'aws-lambda';
import {
  ExecutionError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { InvalidInputError } from '../../shared/errors.ts';
import { stableHash32 } from '../../shared/stable-hash.ts';
import {
  type AslDefinition,
  type AslState,
  assertRunnableLocally,
  type JsonValue,
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  type TaskKind,
  taskKind,
} from './definition.ts';
import { MissingLambdaHandlerError, UnsupportedDefinitionError } from './errors.ts';
import { type TimerHandle, VirtualScheduler } from './scheduler.ts';
import type { VirtualClock } from './virtual-clock.ts';

// GAP: the library calls Promise.withResolvers (Node 22); Node 20 lacks it.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/** An in-process Lambda handler: receives the payload Step Functions would send, returns its result. */
export type LambdaHandler = (event: unknown, context?: LambdaContext) => Promise<unknown>;

/** AWS faults the local runtime can inject into a Lambda invocation (see LocalWorkflowRuntimeOptions.faults). */
export const LAMBDA_FAULTS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Sandbox.Timedout',
  'Runtime.ExitError',
] as const;
export type LambdaFault = (typeof LAMBDA_FAULTS)[number];

/** Which fault, if any, hits an invocation: by execution, state and attempt (1 = the first). */
export type FaultPlan = (invocation: {
  execution: string;
  state: string;
  attempt: number;
}) => LambdaFault | null;

export interface LocalWorkflowRuntimeOptions {
  definition: AslDefinition;
  /** By function ARN (as in the definition: see extractStateMachineDefinition). */
  lambdaHandlers: Record<string, LambdaHandler>;
  clock: VirtualClock;
  stateMachineName?: string;
  region?: string;
  accountId?: string;
  /** Optional, 1 by default: see VirtualSchedulerOptions.sameInstantBatch. */
  sameInstantBatch?: number;
  /**
   * AWS faults to inject. Throttling and service errors hit before the function runs (the invocation never
   * happened); a timeout or a crashed runtime hits after it ran (its work done, its answer lost), the
   * worst case for a step's idempotency.
   */
  faults?: FaultPlan;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionCounters {
  /** States entered plus retries: what Step Functions Standard bills as state transitions. */
  stateTransitions: number;
  lambdaInvocations: number;
  retries: number;
}

export interface ExecutionWaiting {
  kind: 'callback' | 'retry' | 'wait';
  stateName: string;
  /** The task token, when waiting on a callback. */
  taskToken?: string;
  /** When the wait ends by itself (timer, timeout); absent for a callback without timeout. */
  until?: string;
}

export interface ExecutionView {
  name: string;
  executionId: string;
  status: ExecutionStatus;
  input: JsonValue;
  output?: JsonValue;
  error?: string;
  cause?: string;
  startedAt: string;
  stoppedAt?: string;
  /** The state the execution is in (the last one, once it stopped). */
  currentState?: string;
  waiting?: ExecutionWaiting;
  counters: ExecutionCounters;
  /** Every state entered, with the virtual time it was entered. */
  history: { state: string; enteredAt: string }[];
}

export interface RuntimeStats {
  executions: Record<ExecutionStatus, number>;
  stateTransitions: number;
  lambdaInvocations: number;
  retries: number;
  timersFired: number;
}

type Outcome = { ok: true; value: JsonValue } | { ok: false; error: unknown };

interface PendingWait {
  settle(outcome: Outcome): boolean;
}

interface TokenEntry {
  exec: ExecutionRecord;
  outcome?: Outcome;
  settle?: (outcome: Outcome) => boolean;
  timer?: TimerHandle;
}

interface ExecutionRecord {
  name: string;
  executionId: string;
  input: JsonValue;
  status: ExecutionStatus;
  output?: JsonValue;
  error?: string;
  cause?: string;
  startedAtMs: number;
  stoppedAtMs?: number;
  currentState?: string;
  waiting?: ExecutionWaiting;
  counters: ExecutionCounters;
  history: { state: string; enteredAt: string }[];
  running: boolean;
  pending: Set<PendingWait>;
  tokens: Set<string>;
  tokenSeq: number;
  invocationSeq: number;
  abort?: () => void;
  timeoutTimer?: TimerHandle;
  /** Context objects the library shares by reference (it copies the top level only). */
  ctx: {
    execution: Record<string, JsonValue>;
    state: Record<string, JsonValue>;
    task: Record<string, JsonValue>;
  };
}

/** The error a Task fails with: `name` is the Error, `message` the Cause, as the library reports them. */
class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** States.Runtime: neither retried nor caught (the library reads isRetryable/isCatchable). */
class StatesRuntimeFailure extends TaskFailure {
  constructor(cause: string) {
    super('States.Runtime', cause);
  }
  get isRetryable(): boolean {
    return false;
  }
  get isCatchable(): boolean {
    return false;
  }
}

/** Ends an execution that timed out or was aborted: neither retried nor caught. */
class ExecutionStopped extends StatesRuntimeFailure {}

/** The library's Task timer is real time; tasks get this (its setTimeout maximum) so it never fires first. */
const LIBRARY_TIMER_CAP_SECONDS = 2_147_483;
const WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/** Step Functions Standard: an execution runs for at most one year. */
export const STANDARD_EXECUTION_MAX_SECONDS = 365 * 24 * 3600;
const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/]{1,80}$/;

/** Step Functions also refuses control characters in execution names. */
function isExecutionName(name: string): boolean {
  return EXECUTION_NAME.test(name) && !/\p{Cc}/u.test(name);
}

export class LocalWorkflowRuntime {
  readonly clock: VirtualClock;
  readonly #scheduler: VirtualScheduler;
  readonly #definition: AslDefinition;
  readonly #machine: StateMachine;
  readonly #handlers = new Map<string, LambdaHandler>();
  readonly #executions = new Map<string, ExecutionRecord>();
  readonly #tokens = new Map<string, TokenEntry>();
  readonly #templates = new Map<string, StateMachine>();
  readonly #stateMachineArn: string;
  /** Faults to inject (tests); may be set or replaced at any time. */
  faults: FaultPlan | undefined;
  readonly #stateMachineName: string;
  readonly #region: string;
  readonly #accountId: string;

  constructor(options: LocalWorkflowRuntimeOptions) {
    const definition = structuredClone(options.definition);
    assertRunnableLocally(definition);
    try {
      // Validates the definition as given (asl-validator inside the library), before it is rewritten.
      new StateMachine(definition as unknown as StateMachineDefinition);
    } catch (error) {
      throw new UnsupportedDefinitionError([`invalid definition: ${(error as Error).message}`]);
    }
    this.#definition = definition;
    this.clock = options.clock;
    this.#scheduler = new VirtualScheduler(options.clock, {
      sameInstantBatch: options.sameInstantBatch ?? 1,
    });
    this.#stateMachineName = options.stateMachineName ?? 'LocalStateMachine';
    this.faults = options.faults;
    this.#region = options.region ?? LOCAL_REGION;
    this.#accountId = options.accountId ?? LOCAL_ACCOUNT;
    this.#stateMachineArn = `arn:aws:states:${this.#region}:${this.#accountId}:stateMachine:${this.#stateMachineName}`;
    for (const [arn, handler] of Object.entries(options.lambdaHandlers)) {
      this.#handlers.set(arn, handler);
      this.#handlers.set(functionNameOf(arn), handler);
    }
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task') continue;
      const fn = taskKind(state) === 'lambda-arn' ? state.Resource : asObject(state.Parameters)?.FunctionName;
      if (typeof fn === 'string' && !this.#handlerFor(fn)) throw new MissingLambdaHandlerError(name, fn);
    }
    this.#machine = new StateMachine(toLibraryDefinition(definition), {
      validationOptions: { noValidate: true },
    });
  }

  // ----- executions ---------------------------------------------------------------------------

  /** Like StartExecution: refuses (started=false) a name already used by this runtime. */
  startExecution(name: string, input: unknown): { started: boolean; executionId: string } {
    if (!isExecutionName(name)) {
      throw new InvalidInputError(
        'name',
        'an execution name has 1-80 characters, no spaces or <>{}[]?*"#%\\^|~`$&,;:/',
      );
    }
    const existing = this.#executions.get(name);
    if (existing) return { started: false, executionId: existing.executionId };

    const executionId = `arn:aws:states:${this.#region}:${this.#accountId}:execution:${this.#stateMachineName}:${name}`;
    const inputJson = cloneJson(input ?? {});
    const startedAtMs = this.clock.nowMs();
    const exec: ExecutionRecord = {
      name,
      executionId,
      input: inputJson,
      status: 'RUNNING',
      startedAtMs,
      counters: { stateTransitions: 0, lambdaInvocations: 0, retries: 0 },
      history: [],
      running: false,
      pending: new Set(),
      tokens: new Set(),
      tokenSeq: 0,
      invocationSeq: 0,
      ctx: {
        execution: {
          Id: executionId,
          Input: inputJson,
          Name: name,
          RoleArn: `arn:aws:iam::${this.#accountId}:role/LocalStateMachineRole`,
          StartTime: iso(startedAtMs),
          RedriveCount: 0,
        },
        state: {},
        task: {},
      },
    };
    this.#executions.set(name, exec);
    this.#setRunning(exec, true);

    // A Standard execution ends TIMED_OUT after a year at the latest, whatever the definition says.
    const timeoutSeconds = Math.min(
      this.#definition.TimeoutSeconds ?? STANDARD_EXECUTION_MAX_SECONDS,
      STANDARD_EXECUTION_MAX_SECONDS,
    );
    // GAP: the library's execution timeout is a real setTimeout (overflows above ~24.8 days).
    exec.timeoutTimer = this.#scheduler.schedule(startedAtMs + timeoutSeconds * 1000, () =>
      this.#stop(exec, 'TIMED_OUT', 'States.Timeout', `execution exceeded TimeoutSeconds ${timeoutSeconds}`),
    );

    const run = this.#machine.run(inputJson as never, {
      overrides: { taskResourceLocalHandlers: this.#overridesFor(exec) },
      // GAP: $$.Execution.StartTime is set by the library from the real clock, so every `$$.Execution`
      // path is rewritten to `$$.LocalExecution` (see toLibraryDefinition) and served from here.
      context: {
        Execution: { Id: executionId, Name: name },
        LocalExecution: exec.ctx.execution,
        StateMachine: { Id: this.#stateMachineArn, Name: this.#stateMachineName },
        State: exec.ctx.state,
        Task: exec.ctx.task,
      },
    });
    exec.abort = run.abort;
    const consumed = (async () => {
      for await (const event of run.eventLogs) {
        if (event.type === 'StateEntered') {
          exec.counters.stateTransitions++;
          exec.currentState = event.state.name;
          exec.history.push({ state: event.state.name, enteredAt: iso(this.clock.nowMs()) });
        }
      }
    })();
    void Promise.allSettled([run.result, consumed]).then(([result]) => this.#finish(exec, result));
    return { started: true, executionId };
  }

  /** Completes a callback. False when the token is unknown, already completed or timed out. */
  sendTaskSuccess(taskToken: string, output: unknown): boolean {
    return this.#completeToken(taskToken, { ok: true, value: cloneJson(output ?? {}) });
  }

  /** Like StopExecution: a running execution ends ABORTED. False when it is not running. */
  stopExecution(name: string, cause = 'stopped'): boolean {
    const exec = this.#executions.get(name);
    if (exec?.status !== 'RUNNING') return false;
    this.#stop(exec, 'ABORTED', 'States.Aborted', cause);
    return true;
  }

  /** Fails a callback with `error` (what Retry/Catch match) and `cause`. False as for sendTaskSuccess. */
  sendTaskFailure(taskToken: string, error: string, cause = ''): boolean {
    return this.#completeToken(taskToken, { ok: false, error: new TaskFailure(error, cause) });
  }

  // ----- virtual time -------------------------------------------------------------------------

  /** Runs an external action (a payment arriving, a customer calling) at `instant` in virtual time. */
  at(instant: Date | string, action: () => Promise<void> | void): void {
    this.#scheduler.schedule(new Date(instant).getTime(), action);
  }

  /** Runs until every execution has ended or waits on a callback without timeout, and no action is due. */
  async runUntilIdle(options: { maxTimers?: number } = {}): Promise<void> {
    await this.#scheduler.run(undefined, options.maxTimers);
  }

  /** Runs everything due up to and including `instant`, then leaves the clock at `instant`. */
  async runUntil(instant: Date | string): Promise<void> {
    await this.#scheduler.run(new Date(instant).getTime());
  }

  /** Lets running executions proceed until they block, without moving the clock. */
  async settle(): Promise<void> {
    await this.#scheduler.settle();
  }

  /** Aborts every running execution and drops all timers (releases the library's real timers). */
  dispose(): void {
    for (const exec of this.#executions.values()) {
      if (exec.status === 'RUNNING') this.#stop(exec, 'ABORTED', 'States.Aborted', 'runtime disposed');
    }
    this.#scheduler.clear();
  }

  // ----- introspection ------------------------------------------------------------------------

  describeExecution(name: string): ExecutionView | undefined {
    const exec = this.#executions.get(name);
    return exec ? view(exec) : undefined;
  }

  listExecutions(filter: { status?: ExecutionStatus } = {}): ExecutionView[] {
    const all = [...this.#executions.values()];
    return all.filter((e) => !filter.status || e.status === filter.status).map(view);
  }

  stats(): RuntimeStats {
    const executions: Record<ExecutionStatus, number> = {
      RUNNING: 0,
      SUCCEEDED: 0,
      FAILED: 0,
      TIMED_OUT: 0,
      ABORTED: 0,
    };
    let stateTransitions = 0;
    let lambdaInvocations = 0;
    let retries = 0;
    for (const e of this.#executions.values()) {
      executions[e.status]++;
      stateTransitions += e.counters.stateTransitions;
      lambdaInvocations += e.counters.lambdaInvocations;
      retries += e.counters.retries;
    }
    return {
      executions,
      stateTransitions,
      lambdaInvocations,
      retries,
      timersFired: this.#scheduler.firedTimers,
    };
  }

  // ----- Task and Wait overrides ---------------------------------------------------------------

  #overridesFor(exec: ExecutionRecord): TaskOverrides {
    const overrides: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
    for (const [name, state] of Object.entries(this.#definition.States)) {
      if (state.Type === 'Task') {
        const kind = taskKind(state) as TaskKind;
        overrides[name] = (input) => this.#runTask(exec, name, state, kind, input);
      } else if (state.Type === 'Wait') {
        overrides[name] = (input) => this.#runWait(exec, name, state, input);
      }
    }
    return overrides as unknown as TaskOverrides;
  }

  /**
   * A Task state: attempts plus Retry. GAP: the library's Retry sleeps in real time and sees neither
   * $$.State.RetryCount nor a fresh task token per attempt, so Retry is stripped from what it runs.
   */
  async #runTask(
    exec: ExecutionRecord,
    stateName: string,
    state: AslState,
    kind: TaskKind,
    rawInput: JsonValue,
  ): Promise<JsonValue> {
    const enteredAtMs = this.clock.nowMs();
    const retriers = (Array.isArray(state.Retry) ? state.Retry : []) as unknown as Retrier[];
    const attempts = retriers.map(() => 0);
    let retryCount = 0;
    for (;;) {
      this.#assertLive(exec);
      exec.currentState = stateName;
      try {
        return await this.#attempt(exec, stateName, state, kind, rawInput, enteredAtMs, retryCount);
      } catch (error) {
        this.#assertLive(exec);
        const index = retriers.findIndex((r) => errorMatches(error, r.ErrorEquals));
        const retrier = retriers[index];
        if (!retrier || (attempts[index] as number) >= (retrier.MaxAttempts ?? 3)) throw error;
        const base =
          (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** (attempts[index] as number);
        let delaySeconds = Math.min(base, retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY);
        if (retrier.JitterStrategy === 'FULL') {
          delaySeconds *= unitHash(`${exec.name}\u0000${stateName}\u0000${retryCount}`);
        }
        attempts[index] = (attempts[index] as number) + 1;
        retryCount++;
        exec.counters.retries++;
        exec.counters.stateTransitions++;
        await this.#sleep(exec, 'retry', stateName, this.clock.nowMs() + Math.round(delaySeconds * 1000));
      }
    }
  }

  async #attempt(
    exec: ExecutionRecord,
    stateName: string,
    state: AslState,
    kind: TaskKind,
    rawInput: JsonValue,
    enteredAtMs: number,
    retryCount: number,
  ): Promise<JsonValue> {
    // GAP: $$.Task.Token and $$.State.* resolve only from the `context` option, fixed per run; they are
    // set per attempt here, on objects the library holds by reference (for ResultSelector), and on a copy
    // used to resolve Parameters.
    const token = kind === 'lambda-callback' ? this.#newToken(exec, stateName) : undefined;
    replaceContents(exec.ctx.state, {
      Name: stateName,
      EnteredTime: iso(enteredAtMs),
      RetryCount: retryCount,
    });
    replaceContents(exec.ctx.task, token ? { Token: token } : {});
    const context = this.#contextSnapshot(exec);

    // GAP: the library evaluates TimeoutSecondsPath against the Parameters output; Step Functions reads
    // it from the state input. Evaluated here against the raw state input, in virtual time.
    const timeoutSeconds = await this.#timeoutSeconds(stateName, state, rawInput, context);
    const effective = await this.#resolveParameters(stateName, state, rawInput, context);

    if (kind === 'lambda-arn') return this.#invoke(exec, stateName, state.Resource as string, effective);
    const params = asObject(effective) ?? {};
    const functionName = params.FunctionName;
    if (typeof functionName !== 'string') {
      throw new StatesRuntimeFailure(`state ${stateName}: FunctionName did not resolve to a string`);
    }
    const payload = 'Payload' in params ? (params.Payload as JsonValue) : {};
    if (kind === 'lambda-invoke') {
      const result = await this.#invoke(exec, stateName, functionName, payload);
      // What arn:aws:states:::lambda:invoke returns, so ResultSelector `$.Payload...` works as on AWS.
      return { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 };
    }
    return this.#callback(exec, stateName, token as string, functionName, payload, timeoutSeconds);
  }

  /**
   * GAP: the library has no callback API for .waitForTaskToken, and its task timeout is a real
   * setTimeout with a 60 s default that overflows above ~24.8 days. The wait lives here, in virtual time.
   */
  async #callback(
    exec: ExecutionRecord,
    stateName: string,
    token: string,
    functionName: string,
    payload: JsonValue,
    timeoutSeconds: number | undefined,
  ): Promise<JsonValue> {
    const entry: TokenEntry = { exec };
    this.#tokens.set(token, entry);
    exec.tokens.add(token);
    const timeoutAtMs = timeoutSeconds === undefined ? undefined : this.clock.nowMs() + timeoutSeconds * 1000;
    if (timeoutAtMs !== undefined) {
      entry.timer = this.#scheduler.schedule(timeoutAtMs, () => {
        this.#completeToken(token, {
          ok: false,
          error: new TaskFailure('States.Timeout', `no callback within ${timeoutSeconds} s`),
        });
      });
    }
    try {
      await this.#invoke(exec, stateName, functionName, payload);
    } catch (error) {
      this.#dropToken(token);
      throw error;
    }
    // The handler (or something it called) may already have completed the token.
    if (entry.outcome) return unwrap(entry.outcome);
    return this.#block(
      exec,
      {
        kind: 'callback',
        stateName,
        taskToken: token,
        ...(timeoutAtMs !== undefined && { until: iso(timeoutAtMs) }),
      },
      (settle) => {
        entry.settle = settle;
        return () => {};
      },
    );
  }

  /** GAP: the library's Wait state sleeps in real time (and reads Timestamp against Date.now()). */
  async #runWait(
    exec: ExecutionRecord,
    stateName: string,
    state: AslState,
    input: JsonValue,
  ): Promise<JsonValue> {
    this.#assertLive(exec);
    exec.currentState = stateName;
    const now = this.clock.nowMs();
    const context = this.#contextSnapshot(exec);
    let untilMs: number;
    if (typeof state.Seconds === 'number') {
      untilMs = now + state.Seconds * 1000;
    } else if (typeof state.Timestamp === 'string') {
      untilMs = parseTimestamp(stateName, state.Timestamp);
    } else if (typeof state.SecondsPath === 'string') {
      const seconds = await this.#evaluatePath(
        `${stateName}\u0000SecondsPath`,
        state.SecondsPath,
        input,
        context,
      );
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw new StatesRuntimeFailure(
          `state ${stateName}: SecondsPath gave ${JSON.stringify(seconds)}, not an integer >= 0`,
        );
      }
      untilMs = now + seconds * 1000;
    } else if (typeof state.TimestampPath === 'string') {
      const ts = await this.#evaluatePath(
        `${stateName}\u0000TimestampPath`,
        state.TimestampPath,
        input,
        context,
      );
      untilMs = parseTimestamp(stateName, ts);
    } else {
      throw new StatesRuntimeFailure(
        `state ${stateName}: Wait without Seconds, Timestamp, SecondsPath or TimestampPath`,
      );
    }
    if (untilMs > now) await this.#sleep(exec, 'wait', stateName, untilMs);
    return input;
  }

  async #invoke(
    exec: ExecutionRecord,
    stateName: string,
    functionName: string,
    payload: JsonValue,
  ): Promise<JsonValue> {
    const handler = this.#handlerFor(functionName);
    if (!handler) {
      throw new TaskFailure(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${functionName} (state ${stateName})`,
      );
    }
    const fault = this.faults?.({
      execution: exec.name,
      state: stateName,
      attempt: Number(exec.ctx.state.RetryCount ?? 0) + 1,
    });
    if (fault === 'Lambda.TooManyRequestsException' || fault === 'Lambda.ServiceException') {
      throw new TaskFailure(fault, JSON.stringify({ errorType: fault, errorMessage: `injected ${fault}` }));
    }
    exec.counters.lambdaInvocations++;
    const requestId = `${exec.name}-${++exec.invocationSeq}`;
    const name = functionNameOf(functionName);
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: functionName,
      memoryLimitInMB: '128',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => 900_000,
      done: () => {},
      fail: () => {},
      succeed: () => {},
    } satisfies LambdaContext;
    let result: unknown;
    try {
      // The payload crosses a JSON boundary on AWS; so it does here (no shared references, no undefined).
      result = await handler(cloneJson(payload), context);
    } catch (error) {
      throw lambdaFailure(error);
    }
    if (fault === 'Sandbox.Timedout' || fault === 'Runtime.ExitError') {
      throw new TaskFailure(fault, JSON.stringify({ errorType: fault, errorMessage: `injected ${fault}` }));
    }
    return result === undefined ? null : cloneJson(result);
  }

  // ----- Parameters and paths, resolved by the library itself ----------------------------------

  /** InputPath + Parameters of a Task, resolved by a one-state Pass machine of the library (intrinsics included). */
  async #resolveParameters(
    stateName: string,
    state: AslState,
    rawInput: JsonValue,
    context: Record<string, JsonValue>,
  ): Promise<JsonValue> {
    if (!('InputPath' in state) && !('Parameters' in state)) return rawInput;
    const pass: Record<string, JsonValue> = { Type: 'Pass', End: true };
    if ('InputPath' in state) pass.InputPath = state.InputPath as JsonValue;
    if ('Parameters' in state) pass.Parameters = state.Parameters as JsonValue;
    return this.#runTemplate(`${stateName}\u0000Parameters`, pass, rawInput, context);
  }

  async #timeoutSeconds(
    stateName: string,
    state: AslState,
    rawInput: JsonValue,
    context: Record<string, JsonValue>,
  ): Promise<number | undefined> {
    if (typeof state.TimeoutSeconds === 'number') return state.TimeoutSeconds;
    if (typeof state.TimeoutSecondsPath !== 'string') return undefined;
    const seconds = await this.#evaluatePath(
      `${stateName}\u0000TimeoutSecondsPath`,
      state.TimeoutSecondsPath,
      rawInput,
      context,
    );
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
      throw new StatesRuntimeFailure(
        `state ${stateName}: TimeoutSecondsPath ${state.TimeoutSecondsPath} gave ${JSON.stringify(seconds)}, not a positive integer`,
      );
    }
    return seconds;
  }

  async #evaluatePath(
    key: string,
    path: string,
    input: JsonValue,
    context: Record<string, JsonValue>,
  ): Promise<JsonValue> {
    const result = await this.#runTemplate(
      key,
      { Type: 'Pass', Parameters: { 'value.$': path }, End: true },
      input,
      context,
    );
    return asObject(result)?.value ?? null;
  }

  async #runTemplate(
    key: string,
    pass: Record<string, JsonValue>,
    input: JsonValue,
    context: Record<string, JsonValue>,
  ): Promise<JsonValue> {
    let machine = this.#templates.get(key);
    if (!machine) {
      const definition = { StartAt: 'P', States: { P: rewriteContextPaths(pass) } };
      machine = new StateMachine(definition as unknown as StateMachineDefinition, {
        validationOptions: { noValidate: true },
      });
      this.#templates.set(key, machine);
    }
    try {
      return (await machine.run(input as never, { context }).result) as JsonValue;
    } catch (error) {
      // Keep the library's own error (States.Runtime is neither retried nor caught).
      throw error instanceof ExecutionError && error.cause ? error.cause : error;
    }
  }

  // ----- blocking, waking, stopping -------------------------------------------------------------

  #sleep(
    exec: ExecutionRecord,
    kind: 'retry' | 'wait',
    stateName: string,
    untilMs: number,
  ): Promise<JsonValue> {
    return this.#block(exec, { kind, stateName, until: iso(untilMs) }, (settle) => {
      const timer = this.#scheduler.schedule(untilMs, () => {
        settle({ ok: true, value: null });
      });
      return () => timer.cancel();
    });
  }

  /** Marks the execution blocked until `arm`'s settle is called (by a timer, a callback or a stop). */
  #block(
    exec: ExecutionRecord,
    waiting: ExecutionWaiting,
    arm: (settle: (outcome: Outcome) => boolean) => () => void,
  ): Promise<JsonValue> {
    let resolve!: (value: JsonValue) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<JsonValue>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    let done = false;
    let disarm = () => {};
    const pending: PendingWait = {
      settle: (outcome) => {
        if (done) return false;
        done = true;
        disarm();
        exec.pending.delete(pending);
        if (exec.waiting === waiting) exec.waiting = undefined;
        this.#setRunning(exec, true);
        if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
        return true;
      },
    };
    exec.pending.add(pending);
    exec.waiting = waiting;
    this.#setRunning(exec, false);
    disarm = arm(pending.settle);
    return promise;
  }

  #completeToken(token: string, outcome: Outcome): boolean {
    const entry = this.#tokens.get(token);
    if (!entry) return false;
    this.#dropToken(token);
    if (entry.settle) entry.settle(outcome);
    else entry.outcome = outcome;
    return true;
  }

  #dropToken(token: string): void {
    const entry = this.#tokens.get(token);
    if (!entry) return;
    this.#tokens.delete(token);
    entry.exec.tokens.delete(token);
    entry.timer?.cancel();
  }

  #newToken(exec: ExecutionRecord, stateName: string): string {
    exec.tokenSeq++;
    return Buffer.from(`${exec.executionId}#${stateName}#${exec.tokenSeq}`).toString('base64url');
  }

  #stop(exec: ExecutionRecord, status: 'TIMED_OUT' | 'ABORTED', error: string, cause: string): void {
    if (exec.status !== 'RUNNING') return;
    exec.status = status;
    exec.error = error;
    exec.cause = cause;
    exec.stoppedAtMs = this.clock.nowMs();
    exec.abort?.();
    for (const token of [...exec.tokens]) this.#dropToken(token);
    for (const pending of [...exec.pending])
      pending.settle({ ok: false, error: new ExecutionStopped(cause) });
  }

  #finish(exec: ExecutionRecord, result: PromiseSettledResult<unknown>): void {
    exec.timeoutTimer?.cancel();
    for (const token of [...exec.tokens]) this.#dropToken(token);
    exec.waiting = undefined;
    if (exec.status === 'RUNNING') {
      exec.stoppedAtMs = this.clock.nowMs();
      if (result.status === 'fulfilled') {
        exec.status = 'SUCCEEDED';
        exec.output = result.value as JsonValue;
      } else {
        const failure = result.reason instanceof ExecutionError ? result.reason.cause : result.reason;
        exec.status = 'FAILED';
        exec.error = (failure as Error)?.name ?? 'Error';
        exec.cause = (failure as Error)?.message ?? String(failure);
      }
    }
    this.#setRunning(exec, false);
  }

  #setRunning(exec: ExecutionRecord, running: boolean): void {
    if (exec.running === running) return;
    exec.running = running;
    if (running) this.#scheduler.enterRunning();
    else this.#scheduler.leaveRunning();
  }

  #assertLive(exec: ExecutionRecord): void {
    if (exec.status !== 'RUNNING') throw new ExecutionStopped(exec.cause ?? 'execution stopped');
  }

  #contextSnapshot(exec: ExecutionRecord): Record<string, JsonValue> {
    return {
      LocalExecution: exec.ctx.execution,
      StateMachine: { Id: this.#stateMachineArn, Name: this.#stateMachineName },
      State: { ...exec.ctx.state },
      Task: { ...exec.ctx.task },
    };
  }

  #handlerFor(functionName: string): LambdaHandler | undefined {
    return this.#handlers.get(functionName) ?? this.#handlers.get(functionNameOf(functionName));
  }
}

// ----- helpers ------------------------------------------------------------------------------------

type TaskOverrides = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'NONE' | 'FULL';
}

/**
 * What the library is given to run: Task states without InputPath/Parameters/Retry/timeouts (handled
 * by the overrides), Wait states as override Tasks, no top-level timeout, `$$.Execution` served from
 * the runtime's context, and ResultPath "$" dropped.
 */
function toLibraryDefinition(definition: AslDefinition): StateMachineDefinition {
  const states: Record<string, JsonValue> = {};
  for (const [name, original] of Object.entries(definition.States)) {
    const state = rewriteContextPaths(original) as Record<string, JsonValue>;
    // GAP: the library writes ResultPath "$" into a field named "$" instead of replacing the input.
    if (state.ResultPath === '$') delete state.ResultPath;
    if (Array.isArray(state.Catch)) {
      for (const c of state.Catch as Record<string, JsonValue>[])
        if (c.ResultPath === '$') delete c.ResultPath;
    }
    if (state.Type === 'Task') {
      for (const f of ['InputPath', 'Parameters', 'Retry', 'TimeoutSecondsPath']) delete state[f];
      // GAP: without TimeoutSeconds the library races every task against a 60 s real-time timer.
      state.TimeoutSeconds = LIBRARY_TIMER_CAP_SECONDS;
    } else if (state.Type === 'Wait') {
      const task: Record<string, JsonValue> = { Type: 'Task', Resource: WAIT_RESOURCE };
      for (const f of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) {
        if (f in state) task[f] = state[f] as JsonValue;
      }
      task.TimeoutSeconds = LIBRARY_TIMER_CAP_SECONDS;
      states[name] = task;
      continue;
    }
    states[name] = state;
  }
  const { TimeoutSeconds: _executionTimeout, ...rest } = definition;
  return { ...rest, States: states } as unknown as StateMachineDefinition;
}

/** Rewrites `$$.Execution` to `$$.LocalExecution` in path and `.$` fields (see startExecution). */
function rewriteContextPaths(value: JsonValue, key = ''): JsonValue {
  if (typeof value === 'string') {
    return key.endsWith('.$') || key.endsWith('Path') || key === 'Variable'
      ? value.replace(/\$\$\.Execution(?![A-Za-z0-9_])/g, '$$$$.LocalExecution')
      : value;
  }
  if (Array.isArray(value)) return value.map((v) => rewriteContextPaths(v, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteContextPaths(v, k)]));
  }
  return value;
}

/** Step Functions' matching: States.ALL, States.TaskFailed (all but States.Timeout), or the exact name. */
function errorMatches(error: unknown, equals: string[]): boolean {
  const e = error as { name?: string; isRetryable?: boolean };
  if (e?.isRetryable === false || e?.name === 'States.Runtime') return false;
  const name = e?.name ?? 'Error';
  return equals.some(
    (x) => x === name || x === 'States.ALL' || (x === 'States.TaskFailed' && name !== 'States.Timeout'),
  );
}

/** A handler's error as Step Functions reports it: Error = err.name, Cause = the Lambda error JSON. */
function lambdaFailure(error: unknown): TaskFailure {
  const err = error instanceof Error ? error : new Error(String(error));
  const errorType = err.name || 'Error';
  const cause = JSON.stringify({
    errorType,
    errorMessage: err.message,
    trace: (err.stack ?? '').split('\n'),
  });
  return new TaskFailure(errorType, cause);
}

function unwrap(outcome: Outcome): JsonValue {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

function parseTimestamp(stateName: string, value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms))
    throw new StatesRuntimeFailure(`state ${stateName}: ${JSON.stringify(value)} is not a timestamp`);
  return ms;
}

function view(e: ExecutionRecord): ExecutionView {
  return {
    name: e.name,
    executionId: e.executionId,
    status: e.status,
    input: e.input,
    ...(e.output !== undefined && { output: e.output }),
    ...(e.error !== undefined && { error: e.error }),
    ...(e.cause !== undefined && { cause: e.cause }),
    startedAt: iso(e.startedAtMs),
    ...(e.stoppedAtMs !== undefined && { stoppedAt: iso(e.stoppedAtMs) }),
    ...(e.currentState !== undefined && { currentState: e.currentState }),
    ...(e.waiting !== undefined && { waiting: { ...e.waiting } }),
    counters: { ...e.counters },
    history: [...e.history],
  };
}

function functionNameOf(nameOrArn: string): string {
  const m = /:function:([^:]+)/.exec(nameOrArn);
  return m ? (m[1] as string) : nameOrArn;
}

function asObject(value: unknown): Record<string, JsonValue> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, JsonValue>)
    : undefined;
}

function replaceContents(target: Record<string, JsonValue>, values: Record<string, JsonValue>): void {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, values);
}

function cloneJson(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Deterministic number in [0, 1) for full jitter, so runs repeat exactly. */
function unitHash(text: string): number {
  return stableHash32(text) / 2 ** 32;
}

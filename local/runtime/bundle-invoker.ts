/**
 * Runs the Lambda bundles the CDK synthesized the way Lambda's Node.js runtime does: one execution
 * environment (a worker thread) per concurrent invocation of a function, created on demand and reused
 * while warm, with the function's own environment variables from the template; the thrown error's name as
 * `errorType`; the configured timeout enforced (`Sandbox.Timedout`, the environment is discarded); an
 * environment that dies is `Runtime.ExitError`.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER = fileURLToPath(new URL('./lambda-worker.mjs', import.meta.url));

/** What Lambda reports for a failed invocation; the local runtime turns it into the task's Error/Cause. */
export class LambdaInvocationError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: string[] = [],
  ) {
    super(errorMessage);
    this.name = errorType;
  }
}

export interface BundledFunction {
  logicalId: string;
  /** The bundle file (the asset's index.js) and the export the handler setting names. */
  bundlePath: string;
  handlerName: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** The environment the function runs with: its template variables, resolved, plus the AWS ones. */
  environment: Record<string, string>;
}

/** One line a function wrote to its standard output or error (what CloudWatch Logs would receive). */
export interface BundleLogLine {
  logicalId: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

interface Environment {
  worker: Worker;
  busy: boolean;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>;
}

export class BundleInvoker {
  readonly #functions = new Map<string, BundledFunction>();
  readonly #environments = new Map<string, Environment[]>();
  #seq = 0;
  /** Invocations per function, and cold starts: what the tests and benchmarks read. */
  readonly invocations = new Map<string, number>();
  coldStarts = 0;

  /**
   * `logs`: receives every line the functions write, instead of this process's stdout and stderr (a
   * test that reads the logs, as CloudWatch Logs would hold them).
   */
  constructor(
    functions: BundledFunction[],
    private readonly nowMs: () => number,
    private readonly logs?: (line: BundleLogLine) => void,
  ) {
    for (const f of functions) this.#functions.set(f.logicalId, f);
  }

  has(logicalId: string): boolean {
    return this.#functions.has(logicalId);
  }

  async invoke(logicalId: string, event: unknown): Promise<unknown> {
    const fn = this.#functions.get(logicalId);
    if (!fn)
      throw new LambdaInvocationError('Lambda.ResourceNotFoundException', `Function not found: ${logicalId}`);
    this.invocations.set(logicalId, (this.invocations.get(logicalId) ?? 0) + 1);
    const env = this.#acquire(fn);
    const id = ++this.#seq;
    env.busy = true;
    const answer = new Promise<unknown>((resolve, reject) => env.pending.set(id, { resolve, reject }));
    const timer = setTimeout(() => {
      const waiting = env.pending.get(id);
      env.pending.delete(id);
      this.#discard(fn.logicalId, env);
      waiting?.reject(
        new LambdaInvocationError(
          'Sandbox.Timedout',
          `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
        ),
      );
    }, fn.timeoutSeconds * 1000);
    env.worker.postMessage({ id, event, nowMs: this.nowMs(), requestId: `local-${logicalId}-${id}` });
    try {
      return await answer;
    } finally {
      clearTimeout(timer);
      env.busy = false;
    }
  }

  /** Ends every execution environment. */
  async stop(): Promise<void> {
    const all = [...this.#environments.values()].flat();
    this.#environments.clear();
    await Promise.all(all.map((e) => e.worker.terminate()));
  }

  #acquire(fn: BundledFunction): Environment {
    const list = this.#environments.get(fn.logicalId) ?? [];
    this.#environments.set(fn.logicalId, list);
    const idle = list.find((e) => !e.busy);
    if (idle) return idle;
    this.coldStarts++;
    const worker = new Worker(WORKER, {
      env: fn.environment,
      workerData: {
        bundlePath: fn.bundlePath,
        handlerName: fn.handlerName,
        functionName: fn.logicalId,
        memoryMb: fn.memoryMb,
        timeoutMs: fn.timeoutSeconds * 1000,
      },
      // No tsx loader or flags of this process: the bundle is plain JavaScript, as on Lambda.
      execArgv: [],
      stdout: this.logs !== undefined,
      stderr: this.logs !== undefined,
    });
    worker.unref();
    if (this.logs) {
      const sink = this.logs;
      for (const stream of ['stdout', 'stderr'] as const) {
        let rest = '';
        worker[stream].setEncoding('utf8');
        worker[stream].on('data', (chunk: string) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop() ?? '';
          for (const line of lines) if (line !== '') sink({ logicalId: fn.logicalId, stream, line });
        });
        worker[stream].on('end', () => {
          if (rest !== '') sink({ logicalId: fn.logicalId, stream, line: rest });
        });
      }
    }
    const env: Environment = { worker, busy: false, pending: new Map() };
    worker.on(
      'message',
      (m: {
        id: number;
        ok: boolean;
        result?: unknown;
        errorType?: string;
        errorMessage?: string;
        trace?: string[];
      }) => {
        const waiting = env.pending.get(m.id);
        env.pending.delete(m.id);
        if (!waiting) return;
        if (m.ok) return waiting.resolve(m.result);
        // Lambda's Node.js runtime writes a failed invocation's error to the function's log as well.
        this.logs?.({
          logicalId: fn.logicalId,
          stream: 'stderr',
          line: JSON.stringify({
            timestamp: new Date(this.nowMs()).toISOString(),
            level: 'ERROR',
            message: { errorType: m.errorType, errorMessage: m.errorMessage, stackTrace: m.trace ?? [] },
          }),
        });
        waiting.reject(
          new LambdaInvocationError(m.errorType ?? 'Error', m.errorMessage ?? '', m.trace ?? []),
        );
      },
    );
    const died = (reason: string) => {
      this.#discard(fn.logicalId, env);
      for (const [, waiting] of env.pending) {
        waiting.reject(
          new LambdaInvocationError('Runtime.ExitError', `RequestId: local Error: Runtime exited: ${reason}`),
        );
      }
      env.pending.clear();
    };
    worker.on('error', (error) =>
      died(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    );
    worker.on('exit', (code) => died(`exit status ${code}`));
    list.push(env);
    return env;
  }

  #discard(logicalId: string, env: Environment): void {
    const list = this.#environments.get(logicalId);
    if (list)
      this.#environments.set(
        logicalId,
        list.filter((e) => e !== env),
      );
    void env.worker.terminate();
  }
}

export function bundleDir(outdir: string, assetPath: string): string {
  return path.isAbsolute(assetPath) ? assetPath : path.join(outdir, assetPath);
}

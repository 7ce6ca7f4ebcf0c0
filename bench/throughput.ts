/**
 * Throughput: many cases through a full simulated lifecycle in ONE LocalApp (the synthesized state
 * machine in the local runtime, the real handlers, virtual time; cases run concurrently in virtual time),
 * with the case store in dynalite (the product's local path) or in memory (to separate the runtime's and
 * handlers' own cost from the embedded DynamoDB's). Each run is its own `node` process, so its peak
 * memory is its own: `measureThroughput` spawns `tsx bench/throughput.ts --child <json>` per run.
 */
import '../local/quiet-sdk.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../infra/constructs/collections-function.ts';
import { LocalApp } from '../local/local-app.ts';
import { DEMO_END, DEMO_START, SAMPLE_CASES } from '../local/sample-cases.ts';
import { actionInstant } from '../local/scenario.ts';
import { MemoryCaseStore } from '../shared/adapters/case-store.memory.ts';
import { benchCases } from './cases.ts';
import { runLifecycle } from './lifecycle.ts';

export const TEN_THOUSAND_TARGET_SECONDS = 60;

/** Lifecycles: one sample case copied, or all sample cases in turn. */
export const LIFECYCLES = {
  'never-pays': ['never-pays'],
  mix: SAMPLE_CASES.map((s) => s.key),
} as const satisfies Record<string, readonly string[]>;
export type Lifecycle = keyof typeof LIFECYCLES;

export interface ThroughputConfig {
  cases: number;
  lifecycle: Lifecycle;
  store: 'dynalite' | 'memory';
  /** Timers due at one virtual instant fired together (see VirtualSchedulerOptions.sameInstantBatch). */
  sameInstantBatch: number;
}

export interface ThroughputFigure extends ThroughputConfig {
  /** Wall time from the first action to the end of the lifecycle (LocalApp start-up excluded). */
  seconds: number;
  casesPerSecond: number;
  msPerCase: number;
  startupSeconds: number;
  /** Peak resident set size of the process (includes the CDK synth at start-up). */
  peakRssMb: number;
  /** RSS once the LocalApp had started, before the first case. */
  rssAtStartMb: number;
  /** Highest V8 heap in use, sampled every 50 ms during the run. */
  peakHeapMb: number;
  asExpected: number;
  refusedActions: number;
  stateTransitions: number;
  lambdaInvocations: number;
  retries: number;
  timersFired: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** One run, in this process. */
export async function runThroughput(config: ThroughputConfig): Promise<ThroughputFigure> {
  const started = performance.now();
  // Letters go to a temporary outbox, removed afterwards (10,000 cases write 20,000+ files).
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'bench-outbox-'));
  const app = await LocalApp.start({
    start: actionInstant(DEMO_START),
    outboxDir,
    sameInstantBatch: config.sameInstantBatch,
    ...(config.store === 'memory' ? { wrapStore: () => new MemoryCaseStore() } : {}),
  });
  const startupSeconds = (performance.now() - started) / 1000;
  const samples = benchCases(config.cases, LIFECYCLES[config.lifecycle]);
  const rssAtStartMb = mb(process.memoryUsage().rss);
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 50);
  try {
    const t0 = performance.now();
    const run = await runLifecycle(app, samples, DEMO_END);
    const seconds = (performance.now() - t0) / 1000;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    const stats = app.runtime.stats();
    return {
      ...config,
      seconds,
      casesPerSecond: config.cases / seconds,
      msPerCase: (seconds * 1000) / config.cases,
      startupSeconds,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      rssAtStartMb,
      peakHeapMb: mb(peakHeap),
      asExpected: run.asExpected,
      refusedActions: run.refusedActions,
      stateTransitions: stats.stateTransitions,
      lambdaInvocations: stats.lambdaInvocations,
      retries: stats.retries,
      timersFired: stats.timersFired,
    };
  } finally {
    clearInterval(sampler);
    app.runtime.dispose();
    await app.stop();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}

/** One run in a fresh process (so peak memory and the heap are the run's own). */
export function runThroughputInChild(config: ThroughputConfig): ThroughputFigure {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', JSON.stringify(config)],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  const line = out.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ThroughputFigure;
}

/**
 * The runs `npm run bench` makes: the never-pays lifecycle at 1,000 and 10,000 cases on both stores, the
 * mix at both sizes in memory and at 1,000 on dynalite (10,000 mixed cases on dynalite take ~7 minutes
 * here and add nothing the never-pays row does not show). --quick: 100 and 1,000.
 */
export function throughputPlan(quick: boolean): ThroughputConfig[] {
  const [small, large] = quick ? [100, 1_000] : [1_000, 10_000];
  const sameInstantBatch = 16;
  const run = (cases: number, lifecycle: Lifecycle, store: ThroughputConfig['store']): ThroughputConfig => ({
    cases,
    lifecycle,
    store,
    sameInstantBatch,
  });
  return [
    run(small, 'never-pays', 'dynalite'),
    run(large, 'never-pays', 'dynalite'),
    run(small, 'never-pays', 'memory'),
    run(large, 'never-pays', 'memory'),
    run(small, 'mix', 'dynalite'),
    ...(quick ? [run(large, 'mix', 'dynalite')] : []),
    run(small, 'mix', 'memory'),
    run(large, 'mix', 'memory'),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--child');
  const config: ThroughputConfig =
    i >= 0
      ? (JSON.parse(process.argv[i + 1] as string) as ThroughputConfig)
      : {
          cases: Number(process.argv[2] ?? 1000),
          lifecycle: 'never-pays',
          store: 'dynalite',
          sameInstantBatch: 16,
        };
  const figure = await runThroughput(config);
  console.log(JSON.stringify(figure));
  // The agency receiver's and SDK's keep-alive sockets would otherwise hold the process open.
  process.exit(0);
}

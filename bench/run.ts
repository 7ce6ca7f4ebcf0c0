/**
 * `npm run bench`: every benchmark part, one table each, the targets and whether they are met; the
 * figures go to bench/results.json (overwritten) with the machine they were taken on, and the same
 * tables as Markdown to bench/results.md (for docs/benchmarks.md and the README).
 *
 *   npm run bench                          all parts (takes several minutes: 10,000 cases on dynalite)
 *   npm run bench -- --quick               short run: fewer repetitions, 100 and 1,000 cases
 *   npm run bench -- --only=rules,bundles  some parts: rules, bundles, backoffice, cost, throughput
 */
import '../local/quiet-sdk.ts';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../infra/constructs/collections-function.ts';
import { FIRST_RENDER_TARGET_MS, measureBackOffice, SITE_SCRIPT_TARGET_KB } from './back-office.ts';
import { BUNDLE_TARGET_KB, INIT_TARGET_MS, measureBundles } from './bundles.ts';
import { LAMBDA_ASSUMPTIONS, PRICES } from './prices.ts';
import { runMoneyRulesBench, runRulesBench } from './rules.bench.ts';
import { fmt, fmtInt, machineFacts, markdownTable, median, table } from './stats.ts';
import {
  runThroughputInChild,
  TEN_THOUSAND_TARGET_SECONDS,
  type ThroughputFigure,
  throughputPlan,
} from './throughput.ts';
import { HAPPY_PATH_CASES, HAPPY_PATH_TRANSITIONS_TARGET, measureWorkflowCost } from './workflow-cost.ts';

const PARTS = ['rules', 'bundles', 'backoffice', 'cost', 'throughput'] as const;
type Part = (typeof PARTS)[number];

interface Target {
  part: Part;
  target: string;
  measured: string;
  /** null: not measured by this run (e.g. the 10,000-case target under --quick). */
  met: boolean | null;
}

function parseArgs(argv: string[]): { quick: boolean; parts: Part[] } {
  const quick = argv.includes('--quick');
  const only = argv.find((a) => a.startsWith('--only='));
  const parts = only ? (only.slice('--only='.length).split(',') as Part[]) : [...PARTS];
  for (const p of parts)
    if (!PARTS.includes(p)) throw new Error(`unknown part ${p} (expected ${PARTS.join(', ')})`);
  return { quick, parts };
}

const usd = (n: number) => `$${n.toFixed(6)}`;

async function main(): Promise<void> {
  const { quick, parts } = parseArgs(process.argv.slice(2));
  const machine = machineFacts();
  const results: Record<string, unknown> = { machine, quick, parts };
  const targets: Target[] = [];
  const markdown: string[] = [
    `Taken ${machine.date.slice(0, 10)} on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}${quick ? ' (--quick)' : ''}.`,
  ];
  const section = (title: string, rows: (string | number)[][], note?: string) => {
    console.log(`\n== ${title}\n${table(rows)}${note ? `\n${note}` : ''}`);
    markdown.push(`\n### ${title}\n\n${markdownTable(rows)}${note ? `\n\n${note}` : ''}`);
  };
  console.log(
    `Benchmarks${quick ? ' (--quick)' : ''} on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}`,
  );

  if (parts.includes('rules')) {
    const repeats = quick ? 3 : 7;
    const seconds = quick ? 0.3 : 0.5;
    const runs = Array.from({ length: repeats }, () => runRulesBench(seconds));
    const moneyRuns = Array.from({ length: repeats }, () => runMoneyRulesBench(seconds));
    const summary = (rs: typeof runs) => ({
      engine: median(rs.map((r) => r.engine.perSecond)),
      naive: median(rs.map((r) => r.naive.perSecond)),
      ratio: median(rs.map((r) => r.ratio)),
    });
    const dates = summary(runs);
    const money = summary(moneyRuns);
    results.rules = { repeats, year: runs[0]?.year, ...dates, runs, money: { ...money, runs: moneyRuns } };
    section(
      `Rules over every date of ${runs[0]?.year}: evaluations/s (median of ${repeats} runs)`,
      [
        ['rules', 'engine', 'naive', 'ratio'],
        [
          'cooling-off + 14-day letter (naive: date-holidays per day)',
          fmtInt(dates.engine),
          fmtInt(dates.naive),
          `${fmt(dates.ratio)}x`,
        ],
        [
          'costs + statutory interest (naive: recomputed per call, interest day by day)',
          fmtInt(money.engine),
          fmtInt(money.naive),
          `${fmt(money.ratio)}x`,
        ],
      ],
      'Each naive version must give the same answers as the engine for every input before its speed is compared.',
    );
  }

  if (parts.includes('bundles')) {
    const runs = quick ? 5 : 20;
    const figures = await measureBundles({ runs });
    results.bundles = figures;
    const rows: (string | number)[][] = [
      ['function', 'KB (no SDK)', 'init ms (no SDK)', 'KB (SDK)', 'init ms (SDK)', 'largest inputs (no SDK)'],
    ];
    const fns = [...new Set(figures.map((f) => f.fn))];
    for (const fn of fns) {
      const ext = figures.find((f) => f.fn === fn && f.sdk === 'external');
      const bun = figures.find((f) => f.fn === fn && f.sdk === 'bundled');
      if (!ext || !bun) continue;
      rows.push([
        fn,
        fmt(ext.bytes / 1024),
        fmt(ext.initMs),
        fmt(bun.bytes / 1024),
        fmt(bun.initMs),
        ext.largestInputs.map((i) => `${i.input} ${fmtInt(i.bytes / 1024)} KB`).join(', '),
      ]);
    }
    section(
      `Lambda packages: esbuild as CDK bundles them (minified CJS, node24); init = require() in a fresh node, median of ${runs}`,
      rows,
    );
    const external = figures.filter((f) => f.sdk === 'external');
    const over = external.filter((f) => f.bytes > BUNDLE_TARGET_KB * 1024);
    const slow = external.filter((f) => f.initMs > INIT_TARGET_MS);
    targets.push({
      part: 'bundles',
      target: `each bundle <= ${BUNDLE_TARGET_KB} KB without the SDK`,
      measured: `largest ${fmt(Math.max(...external.map((f) => f.bytes)) / 1024)} KB; ${over.length} of ${external.length} over`,
      met: over.length === 0,
    });
    targets.push({
      part: 'bundles',
      target: `initialisation <= ${INIT_TARGET_MS} ms (without the SDK bundled)`,
      measured: `slowest ${fmt(Math.max(...external.map((f) => f.initMs)))} ms; ${slow.length} of ${external.length} over`,
      met: slow.length === 0,
    });
  }

  if (parts.includes('backoffice')) {
    const runs = quick ? 3 : 10;
    const figures = await measureBackOffice({ runs });
    results.backOffice = figures;
    section(
      `Back office: what the browser downloads (esbuild, minified) and the case page's first render in Chromium, median of ${runs}`,
      [
        ['file', 'KB', 'KB gzip'],
        ...figures.files.map((f) => [f.path, fmt(f.bytes / 1024), fmt(f.gzipBytes / 1024)]),
        ['first render of a case page (ms from navigation start)', fmt(figures.firstRenderMs), ''],
      ],
    );
    const script = figures.files.find((f) => f.path.endsWith('.js'));
    targets.push({
      part: 'backoffice',
      target: `back office script <= ${SITE_SCRIPT_TARGET_KB} KB minified`,
      measured: `${fmt((script?.bytes ?? 0) / 1024)} KB (${fmt((script?.gzipBytes ?? 0) / 1024)} KB gzip)`,
      met: (script?.bytes ?? Number.POSITIVE_INFINITY) <= SITE_SCRIPT_TARGET_KB * 1024,
    });
    targets.push({
      part: 'backoffice',
      target: `case page drawn <= ${FIRST_RENDER_TARGET_MS} ms after navigation (local server)`,
      measured: `${fmt(figures.firstRenderMs)} ms`,
      met: figures.firstRenderMs <= FIRST_RENDER_TARGET_MS,
    });
  }

  if (parts.includes('cost')) {
    const costs = await measureWorkflowCost();
    results.workflowCost = { prices: PRICES, lambda: LAMBDA_ASSUMPTIONS, cases: costs };
    section(
      'Workflow cost per sample case (lifecycle 2026-03-02 .. 2026-10-30 on the synthesized definition)',
      [
        [
          'case',
          'ends',
          'transitions',
          'step Lambdas',
          'API calls',
          'DDB reads (RRU)',
          'DDB writes (WRU)',
          'SFN',
          'Lambda',
          'DynamoDB',
          'API GW',
          'total per case',
        ],
        ...costs.map((c) => [
          c.case,
          c.outcome,
          fmtInt(c.stateTransitions),
          fmtInt(c.workflowLambdaInvocations),
          fmtInt(c.apiRequests),
          `${c.dynamoDb.reads} (${c.dynamoDb.readRequestUnits})`,
          `${c.dynamoDb.writes} (${c.dynamoDb.writeRequestUnits})`,
          usd(c.usd.stepFunctions),
          usd(c.usd.lambda),
          usd(c.usd.dynamoDb),
          usd(c.usd.apiGateway),
          usd(c.usd.total),
        ]),
      ],
      `Prices ${PRICES.region}, ${PRICES.checkedOn}; Lambda ${LAMBDA_ASSUMPTIONS.note}. Sources in bench/prices.ts.`,
    );
    const happy = costs.filter((c) => HAPPY_PATH_CASES.includes(c.case));
    const worst = Math.max(...happy.map((c) => c.stateTransitions));
    targets.push({
      part: 'cost',
      target: `<= ${HAPPY_PATH_TRANSITIONS_TARGET} transitions for a happy-path case (${HAPPY_PATH_CASES.join(', ')})`,
      measured: `at most ${worst}`,
      met: worst <= HAPPY_PATH_TRANSITIONS_TARGET,
    });
  }

  if (parts.includes('throughput')) {
    const plan = throughputPlan(quick);
    const figures: ThroughputFigure[] = [];
    for (const config of plan) {
      process.stdout.write(`  throughput: ${config.cases} ${config.lifecycle} cases, ${config.store} ... `);
      const figure = runThroughputInChild(config);
      console.log(`${fmt(figure.seconds)} s`);
      figures.push(figure);
    }
    const growth = (f: ThroughputFigure) => {
      const small = figures.find(
        (g) => g.lifecycle === f.lifecycle && g.store === f.store && g.cases < f.cases,
      );
      return small ? `${fmt(f.seconds / small.seconds)}x for ${fmt(f.cases / small.cases, 0)}x cases` : '';
    };
    results.throughput = figures;
    section(
      'Throughput: cases through the full lifecycle in one LocalApp (virtual time; start-up excluded)',
      [
        [
          'lifecycle',
          'store',
          'cases',
          'seconds',
          'cases/s',
          'ms/case',
          'growth',
          'transitions',
          'retries',
          'as expected',
          'peak RSS MB',
          'peak heap MB',
        ],
        ...figures.map((f) => [
          f.lifecycle,
          f.store,
          fmtInt(f.cases),
          fmt(f.seconds),
          fmt(f.casesPerSecond),
          fmt(f.msPerCase, 2),
          growth(f),
          fmtInt(f.stateTransitions),
          fmtInt(f.retries),
          `${fmtInt(f.asExpected)}/${fmtInt(f.cases)}`,
          fmtInt(f.peakRssMb),
          fmtInt(f.peakHeapMb),
        ]),
      ],
      'One process per row; peak RSS includes the in-process CDK synth at start-up. "memory" replaces only the case store (shared/adapters/case-store.memory.ts) to separate the runtime and handlers from the embedded DynamoDB.',
    );
    const largest = Math.max(...figures.map((f) => f.cases));
    for (const f of figures.filter((g) => g.cases === largest && g.lifecycle === 'never-pays')) {
      const measured = largest >= 10_000;
      targets.push({
        part: 'throughput',
        target: `10,000 cases in <= ${TEN_THOUSAND_TARGET_SECONDS} s (never-pays, ${f.store})`,
        measured: measured
          ? `${fmt(f.seconds)} s`
          : `not run (--quick: ${fmtInt(largest)} cases took ${fmt(f.seconds)} s)`,
        met: measured ? f.seconds <= TEN_THOUSAND_TARGET_SECONDS : null,
      });
    }
    for (const f of figures.filter((g) => g.cases === largest)) {
      const small = figures.find(
        (g) => g.lifecycle === f.lifecycle && g.store === f.store && g.cases < f.cases,
      );
      if (!small) continue;
      const factor = f.seconds / small.seconds / (f.cases / small.cases);
      targets.push({
        part: 'throughput',
        target: `linear growth (${f.lifecycle}, ${f.store}): time per case at ${fmtInt(f.cases)} within 1.5x of ${fmtInt(small.cases)}`,
        measured: `${fmt(factor, 2)}x`,
        met: factor <= 1.5,
      });
    }
  }

  results.targets = targets;
  if (targets.length > 0) {
    section('Targets', [
      ['part', 'target', 'measured', 'met'],
      ...targets.map((t) => [t.part, t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'yes' : 'NO']),
    ]);
  }
  writeFileSync(path.join(PROJECT_ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(PROJECT_ROOT, 'bench', 'results.md'), `${markdown.join('\n')}\n`);
  console.log('\nWritten bench/results.json and bench/results.md');
}

await main();
// Keep-alive sockets of the local runtime's clients would otherwise hold the process open.
process.exit(0);

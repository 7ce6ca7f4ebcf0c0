/**
 * Lambda packages: each function's bundle as the CDK's esbuild bundling builds it (same options as
 * CollectionsFunction), once with the AWS SDK left external (what is deployed: Lambda's Node.js runtime
 * provides the SDK) and once with the SDK bundled; then the module initialisation time of each bundle in a
 * fresh `node` process (median of `runs`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { API_ROUTES } from '../infra/constructs/case-api.ts';
import { STEP_ENTRIES } from '../infra/constructs/case-workflow.ts';
import { BUNDLING_DEFAULTS, PROJECT_ROOT } from '../infra/constructs/collections-function.ts';
import { LETTER_FEEDBACK_ENTRY } from '../infra/constructs/letter-feedback.ts';
import { median } from './stats.ts';

export const BUNDLE_TARGET_KB = 150;
export const INIT_TARGET_MS = 50;

export interface BundleFigure {
  fn: string;
  entry: string;
  sdk: 'external' | 'bundled';
  /** Minified bundle, bytes (the .js file; the source map is a separate file Lambda loads only on error). */
  bytes: number;
  /** Median wall time of `require(bundle)` in a fresh node process, ms. */
  initMs: number;
  initRuns: number;
  /** The biggest contributors to the bundle (package, or project folder), bytes in the output. */
  largestInputs: { input: string; bytes: number }[];
}

/** Every function of the stack: the workflow steps, the API routes and the bounce function. */
export function functionEntries(): { fn: string; entry: string }[] {
  const steps = Object.entries(STEP_ENTRIES).map(([name, entry]) => ({ fn: `step:${name}`, entry }));
  const api = API_ROUTES.map((r) => ({ fn: `api:${r.id}`, entry: r.entry }));
  return [...steps, ...api, { fn: 'letters:recordLetterFeedback', entry: LETTER_FEEDBACK_ENTRY }];
}

/** The esbuild call NodejsFunction makes for these bundling options (see aws-lambda-nodejs Bundling). */
async function bundle(
  entry: string,
  outfile: string,
  sdk: 'external' | 'bundled',
): Promise<{ bytes: number; largestInputs: BundleFigure['largestInputs'] }> {
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: BUNDLING_DEFAULTS.target,
    format: BUNDLING_DEFAULTS.format,
    minify: BUNDLING_DEFAULTS.minify,
    sourcemap: BUNDLING_DEFAULTS.sourceMap,
    external: sdk === 'external' ? [...BUNDLING_DEFAULTS.externalModules] : [],
    logLevel: 'silent',
    metafile: true,
  });
  const byGroup = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const group =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      byGroup.set(group, (byGroup.get(group) ?? 0) + bytesInOutput);
    }
  }
  const largestInputs = [...byGroup]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([input, bytes]) => ({ input, bytes }));
  return { bytes: statSync(outfile).size, largestInputs };
}

/** Loads the bundle in a fresh process and reports how long `require` took (process start excluded). */
function initTime(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const out = execFileSync(process.execPath, ['-e', script], {
    // As on Lambda: no AWS credentials are looked up at import; the region is set.
    env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  return Number(out);
}

export async function measureBundles(options: { runs: number; only?: string[] }): Promise<BundleFigure[]> {
  // Inside the project, so an external `@aws-sdk/*` resolves from node_modules as Lambda's runtime provides it.
  const dir = path.join(PROJECT_ROOT, '.local', 'bench-bundles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const figures: BundleFigure[] = [];
  try {
    for (const { fn, entry } of functionEntries()) {
      if (options.only && !options.only.includes(fn)) continue;
      for (const sdk of ['external', 'bundled'] as const) {
        const outfile = path.join(dir, `${fn.replace(':', '-')}-${sdk}`, 'index.js');
        const { bytes, largestInputs } = await bundle(entry, outfile, sdk);
        initTime(outfile); // warm the file system cache; not counted
        const times = Array.from({ length: options.runs }, () => initTime(outfile));
        figures.push({ fn, entry, sdk, bytes, initMs: median(times), initRuns: options.runs, largestInputs });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

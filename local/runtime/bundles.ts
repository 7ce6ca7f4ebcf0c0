/**
 * The CDK app synthesized with bundling, as `cdk synth` does: every function's esbuild bundle in its asset
 * folder beside the template. Kept under .local/ and reused while the sources it was built from are
 * unchanged (a hash of shared/, functions/, infra/ and the lock file), so test files share one synthesis.
 * The same for the template without bundling (source mode): one synthesis per source state, not per start.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../../infra/paths.ts';
import type { CfnTemplate } from './definition.ts';

const SOURCES = ['shared', 'functions', 'infra', 'package-lock.json'];
const STAMP = 'sources.sha256';

export interface BundledApp {
  outdir: string;
  template: CfnTemplate;
}

export function sourcesHash(root = PROJECT_ROOT): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    const abs = path.join(root, rel);
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) walk(path.join(rel, name));
    } else {
      hash.update(`${rel}\0`).update(readFileSync(abs)).update('\0');
    }
  };
  for (const s of SOURCES) walk(s);
  return hash.digest('hex');
}

/**
 * The bundled app for the sources as they are: `<root>/<sources hash>/`, synthesized when missing. A
 * folder is never replaced while it may be in use; folders of other sources older than a day are removed.
 */
export async function synthesizeBundles(
  root = path.join(PROJECT_ROOT, '.local', 'cdk.out-bundles'),
): Promise<BundledApp> {
  const stamp = sourcesHash();
  const outdir = path.join(root, stamp.slice(0, 16));
  const templateOf = (dir: string) => {
    const file = readdirSync(dir).find((f) => f.endsWith('.template.json'));
    if (!file) throw new Error(`no template in ${dir}`);
    return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CfnTemplate;
  };
  if (existsSync(path.join(outdir, STAMP)) && readFileSync(path.join(outdir, STAMP), 'utf8') === stamp) {
    return { outdir, template: templateOf(outdir) };
  }
  pruneStale(root, path.basename(outdir));
  // Built aside and moved into place, so test files synthesizing at the same time never see half a tree.
  const building = `${outdir}.${process.pid}.${Date.now()}`;
  mkdirSync(root, { recursive: true });
  const { App, buildApp } = await loadCdk();
  // CDK's built-in CloudFormation Validate only warns, and costs seconds; test/infra runs it, as errors.
  const app = new App({
    outdir: building,
    context: { 'aws:cdk:enable-asset-metadata': true },
    builtinCloudFormationValidation: false,
  });
  buildApp({ app, nag: false });
  app.synth();
  // Lambda loads index.js as CommonJS; here the project's package.json says "type": "module", so the
  // assembly gets its own, as an asset folder on Lambda has none above it.
  writeFileSync(path.join(building, 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(path.join(building, STAMP), stamp);
  try {
    renameSync(building, outdir);
  } catch {
    // Another process moved its (identical) build into place first; that one stays.
    rmSync(building, { recursive: true, force: true });
  }
  return { outdir, template: templateOf(outdir) };
}

/**
 * The CDK app synthesized in-process without bundling: the template the local runtime reads in source
 * mode. Kept in `<root>/<sources hash>.json` and reused while the sources (and CDK_CONTEXT_JSON, the
 * context an in-process app reads) are unchanged; files of other sources older than a day are removed.
 */
export async function synthesizeTemplate(
  root = path.join(PROJECT_ROOT, '.local', 'cdk-templates'),
): Promise<CfnTemplate> {
  const stamp = createHash('sha256')
    .update(sourcesHash())
    .update(process.env.CDK_CONTEXT_JSON ?? '')
    .digest('hex');
  const file = path.join(root, `${stamp.slice(0, 16)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate;
  const { App, buildApp } = await loadCdk();
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const { stack } = buildApp({ app, nag: false });
  const template = app.synth().getStackByName(stack.stackName).template as CfnTemplate;
  pruneStale(root, path.basename(file));
  mkdirSync(root, { recursive: true });
  // Written aside and moved into place, so a test file reading it at the same time never sees half a file.
  const writing = `${file}.${process.pid}.${Date.now()}`;
  writeFileSync(writing, JSON.stringify(template));
  renameSync(writing, file);
  return template;
}

/** The CDK and the app, loaded only to synthesize: a start that finds its synthesis kept skips seconds. */
async function loadCdk() {
  const [{ App }, { buildApp }] = await Promise.all([import('aws-cdk-lib'), import('../../infra/app.ts')]);
  return { App, buildApp };
}

function pruneStale(root: string, keep: string): void {
  if (!existsSync(root)) return;
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(root)) {
    const dir = path.join(root, name);
    if (name !== keep && statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLING_DEFAULTS, PROJECT_ROOT } from '../../infra/constructs/collections-function.ts';
import * as errors from '../../shared/errors.ts';

/**
 * Lambda reports a thrown error's `name` as the errorType the state machine's Retry and Catch match. The
 * functions are bundled with esbuild's minify, which renames classes: the names must survive that.
 */
async function bundled(entryText: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'errors-bundle-'));
  const entry = path.join(PROJECT_ROOT, '.local', `errors-bundle-entry-${process.pid}.ts`);
  writeFileSync(entry, entryText);
  const outfile = path.join(dir, 'index.js');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    minify: BUNDLING_DEFAULTS.minify,
    target: BUNDLING_DEFAULTS.target,
    format: 'cjs',
    external: [...BUNDLING_DEFAULTS.externalModules],
    logLevel: 'silent',
  });
  return createRequire(outfile)(outfile) as Record<string, unknown>;
}

describe('error names in the bundles Lambda runs', () => {
  it('a class that takes its name from itself loses it when bundled with the CDK settings (why names are literal)', async () => {
    const mod = await bundled(
      'export class CasePaidLikeError extends Error { constructor() { super("x"); this.name = new.target.name; } }\n' +
        'export const thrown = () => new CasePaidLikeError().name;\n',
    );
    expect((mod.thrown as () => string)()).not.toBe('CasePaidLikeError');
  });

  it('every error the workflow matches keeps its literal name in the bundle, equal to what infra matches on', async () => {
    const mod = await bundled(
      `import * as e from ${JSON.stringify(path.join(PROJECT_ROOT, 'shared/errors.ts'))};\n` +
        'export const names = Object.fromEntries(Object.entries(e).filter(([, v]) => typeof v === "function" && v.prototype instanceof Error).map(([k, C]) => { try { const i = new C("case-1", "x", "y"); return [k, Object.hasOwn(i, "name") ? i.name : null]; } catch { return [k, null]; } }));\n',
    );
    const names = mod.names as Record<string, string | null>;
    for (const name of Object.values(errors.WorkflowError)) expect(names[name]).toBe(name);
    // Every concrete error class of the module, not only the workflow's, reports its own class name.
    for (const [exported, name] of Object.entries(names)) if (name !== null) expect(name).toBe(exported);
  });
});

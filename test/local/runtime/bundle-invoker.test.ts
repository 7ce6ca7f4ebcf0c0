import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLING_DEFAULTS } from '../../../infra/constructs/collections-function.ts';
import { type BundledFunction, BundleInvoker } from '../../../local/runtime/bundle-invoker.ts';

/**
 * The execution environments behave as Lambda's Node.js runtime does, for bundles built with the CDK's
 * esbuild settings: errorType is the thrown error's name, the timeout ends the invocation and the
 * environment, a process that exits is a Runtime.ExitError, and the function sees its own environment
 * and the local runtime's virtual time.
 */
const SOURCE = `
export class LateFeeError extends Error { name = 'LateFeeError'; }
export const handler = async (event) => {
  if (event.do === 'throw') throw new LateFeeError('not payable');
  if (event.do === 'hang') return new Promise(() => {});
  if (event.do === 'exit') process.exit(3);
  if (event.do === 'env') return { table: process.env.CASE_TABLE_NAME, now: new Date().toISOString() };
  return { ok: true, invocations: (globalThis.count = (globalThis.count ?? 0) + 1) };
};
`;

let dir: string;
let invoker: BundleInvoker;
const virtualNow = Date.parse('2026-03-02T09:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bundle-invoker-'));
  writeFileSync(path.join(dir, 'handler.ts'), SOURCE);
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "commonjs" }');
  await build({
    entryPoints: [path.join(dir, 'handler.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    minify: BUNDLING_DEFAULTS.minify,
    target: BUNDLING_DEFAULTS.target,
    format: 'cjs',
    logLevel: 'silent',
  });
  const fn: BundledFunction = {
    logicalId: 'LateFee',
    bundlePath: path.join(dir, 'index.js'),
    handlerName: 'handler',
    timeoutSeconds: 1,
    memoryMb: 128,
    environment: { CASE_TABLE_NAME: 'cases-local' },
  };
  invoker = new BundleInvoker([fn], () => virtualNow);
});

afterAll(async () => {
  await invoker?.stop();
});

describe('Lambda-like execution environments for the synthesized bundles', () => {
  it('reports a thrown error by its name, as Lambda reports errorType', async () => {
    await expect(invoker.invoke('LateFee', { do: 'throw' })).rejects.toMatchObject({
      name: 'LateFeeError',
      errorType: 'LateFeeError',
      errorMessage: 'not payable',
    });
  });

  it('reuses a warm environment between invocations', async () => {
    const first = (await invoker.invoke('LateFee', {})) as { invocations: number };
    const second = (await invoker.invoke('LateFee', {})) as { invocations: number };
    expect(second.invocations).toBe(first.invocations + 1);
  });

  it('gives the function its own environment variables and the virtual time', async () => {
    expect(await invoker.invoke('LateFee', { do: 'env' })).toMatchObject({
      table: 'cases-local',
      now: expect.stringMatching(/^2026-03-02T09:00:0/),
    });
  });

  it('ends an invocation past the configured timeout with Sandbox.Timedout, and starts cold afterwards', async () => {
    const coldBefore = invoker.coldStarts;
    await expect(invoker.invoke('LateFee', { do: 'hang' })).rejects.toMatchObject({
      errorType: 'Sandbox.Timedout',
    });
    expect(await invoker.invoke('LateFee', {})).toMatchObject({ ok: true, invocations: 1 });
    expect(invoker.coldStarts).toBe(coldBefore + 1);
  });

  it('reports an environment that exits as Runtime.ExitError', async () => {
    await expect(invoker.invoke('LateFee', { do: 'exit' })).rejects.toMatchObject({
      errorType: 'Runtime.ExitError',
    });
    expect(await invoker.invoke('LateFee', {})).toMatchObject({ ok: true });
  });
});

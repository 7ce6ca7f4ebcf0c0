import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default (cores - 1) is one file at a time on a 2-core machine, though the app-level files
    // spend much of their time waiting on sockets, child processes, worker threads and the browser.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The app synthesized once, before any test file starts: the bundles `cdk synth` writes (the e2e tier)
    // and the template without bundling (source mode), both kept under .local/ per source state.
    globalSetup: ['test/global-setup.ts'],
    // The SDK is pinned; its 'Node 22 needed later' warning would repeat in every worker.
    // Handlers run in-process log at WARN and above, so routine info lines do not bury test output.
    // CDK's built-in CloudFormation Validate runs on every synthesis (a WebAssembly engine, ~10 s per
    // process) and only warns; test/infra/collections-stack.test.ts runs it once, with findings as errors.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      CDK_VALIDATION: 'false',
    },
  },
});

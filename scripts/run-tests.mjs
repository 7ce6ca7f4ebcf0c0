#!/usr/bin/env node
// Runs vitest and closes with a plain `N passed, N failed` line, so a run that executed no test shows.
// Extra arguments go to vitest (e.g. a test folder).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.local', { recursive: true });
const report = `.local/vitest-${process.pid}.json`;
const run = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  // A suite that failed to load has no failed tests of its own: count it, once.
  failed = results.numFailedTests || results.numFailedTestSuites || 0;
  skipped = results.numPendingTests + (results.numTodoTests ?? 0);
  rmSync(report);
} catch {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && passed > 0 && failed === 0 ? 0 : 1);

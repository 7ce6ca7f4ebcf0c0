import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CASES } from '../../local/sample-cases.ts';

const HANG_GUARD_MS = 10 * 60_000;

describe('npm start', () => {
  it(
    'prints every sample case timeline and a summary in which each ends as expected, then exits',
    () => {
      // The limit only guards against a demo that never exits (the bug it once had); it is far above what
      // the demo needs on a loaded machine, so the test does not depend on wall-clock speed.
      const run = spawnSync('npx', ['tsx', 'local/demo.ts'], { encoding: 'utf8', timeout: HANG_GUARD_MS });
      expect(run.error).toBeUndefined();
      expect(run.status).toBe(0);
      for (const sample of SAMPLE_CASES) {
        expect(run.stdout).toContain(`=== ${sample.title}`);
        expect(run.stdout).toMatch(new RegExp(`^${sample.key}\\s.*\\syes\\s*$`, 'm'));
      }
      expect(run.stdout).toMatch(/fourteen-day-letter: principal € 89,00/);
    },
    HANG_GUARD_MS + 60_000,
  );
});

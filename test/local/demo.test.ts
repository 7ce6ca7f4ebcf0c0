import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CASES } from '../../local/sample-cases.ts';

describe('npm start', () => {
  it('prints every sample case timeline and a summary in which each ends as expected, then exits', () => {
    const run = spawnSync('npx', ['tsx', 'local/demo.ts'], { encoding: 'utf8', timeout: 90_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    for (const sample of SAMPLE_CASES) {
      expect(run.stdout).toContain(`=== ${sample.title}`);
      expect(run.stdout).toMatch(new RegExp(`^${sample.key}\\s.*\\syes\\s*$`, 'm'));
    }
    expect(run.stdout).toMatch(/fourteen-day-letter: principal € 89,00/);
  }, 120_000);
});

import type { Context } from 'aws-lambda';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installDependencies } from '../../../functions/lib/dependencies.ts';
import { stepHandler } from '../../../functions/lib/step-handler.ts';
import { lambdaContext } from '../../../local/local-app.ts';
import { AgencyUnavailableError, CasePaidError, LetterRefusedError } from '../../../shared/errors.ts';
import type { CaseDependencies } from '../../../shared/use-cases/dependencies.ts';

// The level comes from the environment, read when the logger is built (before the imports below run).
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

/** The JSON lines the logger wrote while `run` ran. */
async function logsOf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    await run().catch(() => undefined);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('a workflow step logs its outcome with the case id and the execution name', () => {
  beforeEach(() => installDependencies({} as CaseDependencies));
  afterAll(() => {
    process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
  });
  const context = lambdaContext('SendReminder') as Context;
  const event = { caseId: 'case-7', executionName: 'case-7-1' };

  it('a step that routes the case (here: it is paid) is info, with the route', async () => {
    const handler = stepHandler(async () => ({ route: 'paid' }));
    const [line] = await logsOf(() => handler(event, context));
    expect(line).toMatchObject({
      level: 'INFO',
      message: 'step completed',
      route: 'paid',
      caseId: 'case-7',
      executionName: 'case-7-1',
      service: 'collections',
    });
  });

  it('a letter refused because the case was paid meanwhile is info, not an error', async () => {
    const handler = stepHandler(async () => {
      throw new CasePaidError('reminder for case case-7 refused: case-paid');
    });
    const lines = await logsOf(() => handler(event, context));
    expect(lines.map((l) => [l.level, l.error, l.code])).toEqual([['INFO', 'CasePaidError', 'CASE_PAID']]);
  });

  it('a retried fault is a warning; anything else an error, with its name and code', async () => {
    const retried = stepHandler(async () => {
      throw new AgencyUnavailableError('agency at http://agency did not accept handoff:case-7');
    });
    const failed = stepHandler(async () => {
      throw new LetterRefusedError('fourteen-day-letter for case case-7 refused: costs-missing');
    });
    expect((await logsOf(() => retried(event, context)))[0]).toMatchObject({
      level: 'WARN',
      code: 'AGENCY_UNAVAILABLE',
    });
    expect((await logsOf(() => failed(event, context)))[0]).toMatchObject({
      level: 'ERROR',
      error: 'LetterRefusedError',
      caseId: 'case-7',
    });
  });

  it("logs a foreign error's name only: its message may quote personal data", async () => {
    const handler = stepHandler(async () => {
      throw new Error('Email address is not verified: j.devries@example.nl');
    });
    const lines = await logsOf(() => handler(event, context));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'ERROR', error: 'Error' });
    expect(JSON.stringify(lines)).not.toContain('devries');
  });
});

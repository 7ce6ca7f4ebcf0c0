import type { LocalApp } from '../local/local-app.ts';
import type { ExecutionStatus } from '../local/runtime/workflow-runtime.ts';
import type { SampleCase } from '../local/sample-cases.ts';
import { actionInstant, performAction } from '../local/scenario.ts';
import { caseIdOf } from './cases.ts';

/** What a run of many cases did, counted from the runtime (no per-case read-back, which would cost I/O). */
export interface LifecycleRun {
  cases: number;
  /** Cases whose workflow ended as their sample case expects (SUCCEEDED, or RUNNING for one that waits). */
  asExpected: number;
  /** API calls that answered with a status >= 400 (none expected). */
  refusedActions: number;
  executions: Record<ExecutionStatus, number>;
  /** Case API calls made per case (each is an API Gateway request and a Lambda invocation on AWS). */
  apiCallsByCase: Map<string, number>;
}

/**
 * The sample cases' actions through the case API on their days, as local/scenario.ts does, for many
 * cases at once; the lifecycle then runs in the local runtime until `until`. Unlike runSampleCases it
 * reads no case back at the end (at 10,000 cases that would be 10,000 extra GETs) and keeps no log.
 */
export async function runLifecycle(
  app: LocalApp,
  samples: SampleCase[],
  until: string,
): Promise<LifecycleRun> {
  const creditorId = app.deps.settings.creditor.id;
  let refusedActions = 0;
  const ids: string[] = [];
  const apiCallsByCase = new Map<string, number>();
  for (const sample of samples) {
    const caseId = caseIdOf(sample, creditorId);
    ids.push(caseId);
    for (const action of sample.actions) {
      app.runtime.at(actionInstant(action.on), async () => {
        const { status, calls } = await performAction(app, caseId, sample, action);
        apiCallsByCase.set(caseId, (apiCallsByCase.get(caseId) ?? 0) + calls);
        if (status >= 400) refusedActions++;
      });
    }
  }
  await app.runtime.runUntil(actionInstant(until));
  let asExpected = 0;
  samples.forEach((sample, i) => {
    const execution = app.runtime.describeExecution(ids[i] as string);
    if (execution?.status === sample.expected.workflow) asExpected++;
  });
  const executions = app.runtime.stats().executions;
  return { cases: samples.length, asExpected, refusedActions, executions, apiCallsByCase };
}

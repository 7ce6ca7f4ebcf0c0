import type { LocalApp } from '../local/local-app.ts';
import type { ExecutionStatus } from '../local/runtime/workflow-runtime.ts';
import type { SampleAction, SampleCase } from '../local/sample-cases.ts';
import { actionInstant } from '../local/scenario.ts';
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
        const { status, calls } = await perform(app, caseId, sample, action);
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

async function perform(
  app: LocalApp,
  caseId: string,
  sample: SampleCase,
  action: SampleAction,
): Promise<{ status: number; calls: number }> {
  switch (action.do) {
    case 'open':
      return { status: (await app.api('POST', '/cases', sample.intake)).status, calls: 1 };
    case 'pay': {
      let amountCents = action.amountCents;
      let calls = 1;
      if (amountCents === 'everything-owed') {
        const view = await app.api('GET', `/cases/${caseId}`);
        amountCents = view.body.amounts.totalCents as number;
        calls++;
      }
      const body = { reference: action.reference, amountCents, paidOn: action.on };
      return { status: (await app.api('POST', `/cases/${caseId}/payments`, body)).status, calls };
    }
    case 'dispute':
      return { status: (await app.api('POST', `/cases/${caseId}/disputes`, action.body)).status, calls: 1 };
    case 'decide': {
      const view = await app.api('GET', `/cases/${caseId}`);
      const dispute = view.body?.openDispute;
      if (dispute?.status !== 'awaiting-reviewer') return { status: 204, calls: 1 };
      const body = {
        decision: action.decision,
        reviewer: 'bench-reviewer',
        note: action.note,
        ...(action.settlementCents !== undefined ? { settlementCents: action.settlementCents } : {}),
      };
      const path = `/cases/${caseId}/disputes/${dispute.disputeId}/decision`;
      return { status: (await app.api('POST', path, body)).status, calls: 2 };
    }
  }
}

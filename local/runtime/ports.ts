import type { CaseSignal, WorkflowSignal, WorkflowStarter } from '../../shared/ports/workflow.ts';
import type { LocalWorkflowRuntime } from './workflow-runtime.ts';

/** WorkflowStarter over the local runtime: one execution per case, named after it, input `{ caseId }`. */
export function localWorkflowStarter(runtime: LocalWorkflowRuntime): WorkflowStarter {
  return {
    async startCase(caseId, executionName = caseId) {
      return runtime.startExecution(executionName, { caseId });
    },
    async isRunning(executionName) {
      return runtime.describeExecution(executionName)?.status === 'RUNNING';
    },
  };
}

/** WorkflowSignal over the local runtime: SendTaskSuccess with the signal as output. */
export function localWorkflowSignal(runtime: LocalWorkflowRuntime): WorkflowSignal {
  return {
    async signal(taskToken: string, signal: CaseSignal) {
      return runtime.sendTaskSuccess(taskToken, signal);
    },
  };
}

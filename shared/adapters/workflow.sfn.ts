import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { CaseSignal, WorkflowSignal, WorkflowStarter } from '../ports/workflow.ts';

/** The case workflow on AWS Step Functions: one execution per case, named after the case id. */
export class StepFunctionsWorkflow implements WorkflowStarter, WorkflowSignal {
  constructor(private readonly options: { client: SFNClient; stateMachineArn: string }) {}

  async startCase(
    caseId: string,
    executionName = caseId,
  ): Promise<{ started: boolean; executionId: string }> {
    const executionId = `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    try {
      const out = await this.options.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.options.stateMachineArn,
          name: executionName,
          input: JSON.stringify({ caseId }),
        }),
      );
      return { started: true, executionId: out.executionArn ?? executionId };
    } catch (error) {
      // The same name with the same input is idempotent on AWS; a different input throws this.
      if (error instanceof ExecutionAlreadyExists) return { started: false, executionId };
      throw error;
    }
  }

  async isRunning(executionName: string): Promise<boolean> {
    const executionArn = `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    try {
      const out = await this.options.client.send(new DescribeExecutionCommand({ executionArn }));
      return out.status === 'RUNNING';
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return false;
      throw error;
    }
  }

  async signal(taskToken: string, signal: CaseSignal): Promise<boolean> {
    try {
      await this.options.client.send(
        new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(signal) }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TaskTimedOut ||
        error instanceof TaskDoesNotExist ||
        error instanceof InvalidToken
      ) {
        return false;
      }
      throw error;
    }
  }
}

export function createStepFunctionsClient(): SFNClient {
  return new SFNClient({});
}

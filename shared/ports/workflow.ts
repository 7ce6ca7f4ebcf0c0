/** Starts the lifecycle of a case: one execution at a time, the first named after the case. */
export interface WorkflowStarter {
  /**
   * Starts an execution named `executionName` (the case id by default; a restart names the next one
   * `<caseId>-<n>`). Returns started=false when an execution with that name already exists (a repeat).
   */
  startCase(caseId: string, executionName?: string): Promise<{ started: boolean; executionId: string }>;
  /** Whether the execution of that name is still running (false when it ended or does not exist). */
  isRunning(executionName: string): Promise<boolean>;
}

/** What a signal tells the waiting workflow happened to the case. */
export interface CaseSignal {
  event: 'paid' | 'disputed' | 'on-hold' | 'closed' | 'resumed' | 'changed';
  caseId: string;
}

/** Completes the callback the workflow waits on (the task token stored on the case). */
export interface WorkflowSignal {
  /** Returns false when the token is no longer waited on (timed out or already completed). */
  signal(taskToken: string, signal: CaseSignal): Promise<boolean>;
}

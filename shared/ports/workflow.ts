/** Starts the lifecycle of a case: one execution per case, named after it. */
export interface WorkflowStarter {
  /** Returns started=false when an execution for the case already exists (a repeated start). */
  startCase(caseId: string): Promise<{ started: boolean; executionId: string }>;
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

import { CollectionsError } from '../../shared/errors.ts';

/**
 * The definition uses something the local runtime cannot run faithfully (JSONata, Map, a service
 * integration without a local handler, ...). Refused up front instead of run wrong.
 */
export class UnsupportedDefinitionError extends CollectionsError {
  readonly code = 'UNSUPPORTED_DEFINITION';
  override readonly name = 'UnsupportedDefinitionError';
  constructor(
    /** One line per problem, each naming the state (or `<top level>`) and the feature. */
    readonly problems: readonly string[],
  ) {
    super(`the state machine definition cannot run locally:\n- ${problems.join('\n- ')}`);
  }
}

/** The template does not hold exactly the state machine that was asked for, or it cannot be resolved. */
export class DefinitionNotFoundError extends CollectionsError {
  readonly code = 'DEFINITION_NOT_FOUND';
  override readonly name = 'DefinitionNotFoundError';
}

/** A Task names a Lambda function for which no in-process handler was given. */
export class MissingLambdaHandlerError extends CollectionsError {
  readonly code = 'MISSING_LAMBDA_HANDLER';
  override readonly name = 'MissingLambdaHandlerError';
  constructor(
    readonly stateName: string,
    readonly functionName: string,
  ) {
    super(`state ${stateName} invokes ${functionName}, but no in-process handler was given for it`);
  }
}

/** runUntil/runUntilIdle was called while another run of the same scheduler is in progress. */
export class SchedulerBusyError extends CollectionsError {
  readonly code = 'SCHEDULER_BUSY';
  override readonly name = 'SchedulerBusyError';
}

/** The virtual clock was asked to go backwards. */
export class ClockMovedBackwardsError extends CollectionsError {
  readonly code = 'CLOCK_MOVED_BACKWARDS';
  override readonly name = 'ClockMovedBackwardsError';
}

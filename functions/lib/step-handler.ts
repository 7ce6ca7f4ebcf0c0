import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import {
  AgencyUnavailableError,
  ConcurrentUpdateError,
  DunningBlockedError,
  InvalidInputError,
  LetterDeliveryError,
  TransientError,
} from '../../shared/errors.ts';
import type { CaseDependencies } from '../../shared/use-cases/dependencies.ts';
import { checkEnvironmentAtLoad, dependencies } from './dependencies.ts';
import { errorFields, logger } from './logger.ts';

/** Errors the state machine retries: a warning each time, an error only when they end the case. */
const RETRIED = [ConcurrentUpdateError, TransientError, LetterDeliveryError, AgencyUnavailableError];

/**
 * Wraps a workflow step: checks the state machine gave a case id, puts the case id and the execution name
 * on every log line, runs the use case with the process's ports and logs its outcome. A dunning action
 * refused because the case is paid, closed, disputed or on hold is routine (info: the workflow routes
 * it); a retried fault is a warning; anything else an error. Errors are rethrown unchanged: their `name`
 * is what the state machine's Retry and Catch match on.
 */
export function stepHandler<E extends { caseId: string; executionName?: string }, R>(
  step: (deps: CaseDependencies, event: E) => Promise<R>,
) {
  // On Lambda a wrong configuration is found (and logged) in the cold start; each invocation then throws it.
  checkEnvironmentAtLoad();
  return middy<E, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .before(({ event }) => {
      if (!event || typeof event.caseId !== 'string' || event.caseId === '') {
        throw new InvalidInputError('caseId', 'the workflow passed no case id');
      }
      logger.appendKeys({
        caseId: event.caseId,
        ...(typeof event.executionName === 'string' ? { executionName: event.executionName } : {}),
      });
    })
    .after(({ response }) => {
      const route = (response as { route?: unknown } | null)?.route;
      logger.info('step completed', typeof route === 'string' ? { route } : {});
    })
    .onError(({ error }) => {
      if (!error) return;
      if (error instanceof DunningBlockedError)
        logger.info('step routed: dunning is blocked', errorFields(error));
      else if (RETRIED.some((kind) => error instanceof kind))
        logger.warn('step failed; retried', errorFields(error));
      else logger.error('step failed', errorFields(error));
    })
    .handler((event) => step(dependencies(), event));
}

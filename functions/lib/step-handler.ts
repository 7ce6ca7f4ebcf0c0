import middy from '@middy/core';
import { InvalidInputError } from '../../shared/errors.ts';
import type { CaseDependencies } from '../../shared/use-cases/dependencies.ts';
import { checkEnvironmentAtLoad, dependencies } from './dependencies.ts';

/**
 * Wraps a workflow step: checks the state machine gave a case id, runs the use case with the
 * process's ports, and logs a failure with its name. Errors are rethrown unchanged: their `name`
 * is what the state machine's Retry and Catch match on.
 */
export function stepHandler<E extends { caseId: string }, R>(
  step: (deps: CaseDependencies, event: E) => Promise<R>,
) {
  // On Lambda a wrong configuration is found (and logged) in the cold start; each invocation then throws it.
  checkEnvironmentAtLoad();
  return middy<E, R>()
    .before(({ event }) => {
      if (!event || typeof event.caseId !== 'string' || event.caseId === '') {
        throw new InvalidInputError('caseId', 'the workflow passed no case id');
      }
    })
    .onError(({ error }) => {
      if (error) {
        const code = (error as { code?: unknown }).code;
        console.error(JSON.stringify({ level: 'error', error: error.name, code, message: error.message }));
      }
    })
    .handler((event) => step(dependencies(), event));
}

import { Logger } from '@aws-lambda-powertools/logger';
import { CollectionsError } from '../../shared/errors.ts';

/**
 * The one logger of every function: Powertools Logger, JSON lines with the Lambda context, the level from
 * POWERTOOLS_LOG_LEVEL (INFO when unset). Handlers add the case id and, in the workflow, the execution
 * name to every line. What a line may carry: ids, codes, stages, routes, error names. Never a debtor's
 * name, address, e-mail, a dispute statement, a hold reason or an agency's answer: those stay in the case
 * record (see README, Personal data).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'collections' });

/**
 * What a log line says about an error: its name and code, and the message only for the product's own
 * errors, whose messages carry ids and codes. A foreign error's message (an SDK's, say) may quote an
 * address or a payload, so only its name goes in.
 */
export function errorFields(error: unknown): { error: string; code?: string; errorMessage?: string } {
  // `message` is the line's own key in Powertools: the error's goes in `errorMessage`.
  if (error instanceof CollectionsError) {
    return { error: error.name, code: error.code, errorMessage: error.message };
  }
  return { error: error instanceof Error ? error.name : typeof error };
}

import { ConcurrentUpdateError, TransientError } from '../errors.ts';

/**
 * DynamoDB error names that say "try again later": throttling, capacity and service-side failures.
 * (The SDK has already retried these a few times before they reach us.)
 */
const TRANSIENT_ERROR_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

/** Node.js socket error codes: the endpoint could not be reached or dropped the connection. */
const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function asShape(error: unknown): ErrorShape | null {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : null;
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return asShape(error)?.name === 'ConditionalCheckFailedException';
}

/** True for throttling, 5xx and network failures, looking through `cause` and AggregateError. */
export function isTransientDynamoDbError(error: unknown, depth = 0): boolean {
  const e = asShape(error);
  if (e === null || depth > 5) return false;
  if (typeof e.name === 'string' && TRANSIENT_ERROR_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NETWORK_ERROR_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 500) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isTransientDynamoDbError(inner, depth + 1))) {
    return true;
  }
  return e.cause !== undefined && isTransientDynamoDbError(e.cause, depth + 1);
}

/**
 * Translates what the DynamoDB client threw into the product's error classes:
 * a failed version condition is a ConcurrentUpdateError, throttling and outages are TransientError
 * (the original kept as `cause`); everything else (validation, access, missing table) is rethrown
 * unchanged, because retrying will not help and the workflow must not treat it as transient.
 */
export function translateDynamoDbError(error: unknown, caseId: string, operation: string): unknown {
  if (isConditionalCheckFailed(error)) return new ConcurrentUpdateError(caseId, { cause: error });
  if (isTransientDynamoDbError(error)) {
    const { name, code } = asShape(error) ?? {};
    const what = typeof code === 'string' ? code : typeof name === 'string' ? name : 'error';
    return new TransientError(`DynamoDB ${operation} for case ${caseId} failed transiently (${what})`, {
      cause: error,
    });
  }
  return error;
}

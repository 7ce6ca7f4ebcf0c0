import {
  CaseNotFoundError,
  CollectionsError,
  ConcurrentUpdateError,
  ConfigurationError,
  DisputeNotFoundError,
  ForbiddenError,
  IntakeConflictError,
  InvalidInputError,
  LetterNotFoundError,
  RequestTooLargeError,
  StageConflictError,
  TransientError,
} from '../../shared/errors.ts';

/**
 * The one error body of the case API, whoever answers: a Lambda handler, the local server
 * (local/http-server.ts) or API Gateway itself (its gateway responses, infra/constructs/case-api.ts).
 * `error` names the error class, `code` is stable, `message` is for people; `field` (bad input only) is
 * where the input was wrong, always qualified by where it came from: `body.invoices.0.dueOn`,
 * `path.id`, `query.format` (docs/api.md).
 */
export interface ErrorBody {
  error: string;
  code: string;
  message: string;
  field?: string;
}

export function errorBody(error: string, code: string, message: string, field?: string): ErrorBody {
  return { error, code, message, ...(field !== undefined ? { field } : {}) };
}

/** Where a request's input comes from; a field without one of these in front is in the body. */
const LOCATIONS = ['body', 'path', 'query'] as const;

/**
 * A field as the API names it: a use case names a field of its command (`invoices.0.dueOn`, `paidOn`),
 * which is the request body's.
 */
export function requestField(field: string): string {
  return LOCATIONS.some((l) => field === l || field.startsWith(`${l}.`)) ? field : `body.${field}`;
}

/** One place maps the domain's error classes to HTTP status codes. */
export function statusFor(error: unknown): number {
  if (error instanceof InvalidInputError) return 400;
  if (error instanceof ForbiddenError) return 403;
  if (
    error instanceof CaseNotFoundError ||
    error instanceof DisputeNotFoundError ||
    error instanceof LetterNotFoundError
  )
    return 404;
  if (error instanceof StageConflictError || error instanceof IntakeConflictError) return 409;
  if (error instanceof RequestTooLargeError) return 413;
  if (error instanceof ConcurrentUpdateError || error instanceof TransientError) return 503;
  return 500;
}

export const INTERNAL_ERROR_BODY = errorBody(
  'InternalError',
  'INTERNAL',
  'the request could not be completed',
);

/**
 * The status and body an error is answered with. A configuration error is the operator's: 500 with its
 * code, the setting named only in the log. Anything unexpected is a 500 that leaks no internals.
 */
export function errorResponseOf(error: unknown): { status: number; body: ErrorBody; logged: boolean } {
  if (error instanceof ConfigurationError) {
    return {
      status: 500,
      body: errorBody(error.name, error.code, 'the service is not configured correctly; nothing was changed'),
      logged: true,
    };
  }
  const status = statusFor(error);
  if (status === 500 || !(error instanceof CollectionsError)) {
    return { status: 500, body: INTERNAL_ERROR_BODY, logged: true };
  }
  if (error instanceof InvalidInputError) {
    const field = requestField(error.field);
    // The message names the field as the API does.
    const message = error.message.startsWith(`${error.field}: `)
      ? `${field}: ${error.message.slice(error.field.length + 2)}`
      : error.message;
    return { status, body: errorBody(error.name, error.code, message, field), logged: false };
  }
  const field =
    error instanceof IntakeConflictError || error instanceof LetterNotFoundError
      ? requestField(error.field)
      : undefined;
  return { status, body: errorBody(error.name, error.code, error.message, field), logged: false };
}

/**
 * The error body as an API Gateway gateway-response template (simple substitution, no VTL): `message`
 * and `code` may be API Gateway variables, inserted as they are (`$context.error.messageString` is quoted
 * by API Gateway itself; a `$context...` code or message inside quotes is a plain string variable).
 */
export function gatewayResponseTemplate(body: {
  error: string;
  code: string;
  /** A JSON value as API Gateway writes it, e.g. `$context.error.messageString`, or a quoted string. */
  messageValue: string;
  field?: string;
}): string {
  const placeholder = '@@message@@';
  return JSON.stringify(errorBody(body.error, body.code, placeholder, body.field)).replace(
    `"${placeholder}"`,
    body.messageValue,
  );
}

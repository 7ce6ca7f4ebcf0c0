import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { STAFF_GROUPS, type StaffGroup } from '../../shared/domain/vocabulary.ts';
import { ForbiddenError, InvalidInputError, RequestTooLargeError } from '../../shared/errors.ts';
import type { CaseDependencies } from '../../shared/use-cases/dependencies.ts';
import { checkEnvironmentAtLoad, dependencies } from './dependencies.ts';
import { errorResponseOf } from './error-body.ts';
import { errorFields, logger } from './logger.ts';

/**
 * Who calls: a person signed in to the staff user pool (the Cognito authorizer of the staff API put the
 * token's claims on the request), or a back-office system (IAM on AWS; locally the routes without `/api`).
 */
export type Caller = { kind: 'staff'; username: string; groups: StaffGroup[] } | { kind: 'system' };

export interface ApiRequest {
  caller: Caller;
  pathParameters: Record<string, string>;
  /** Query string parameters (API Gateway's `queryStringParameters`); empty when there are none. */
  query: Record<string, string>;
  body: unknown;
}
export interface ApiResponse {
  status: number;
  /** JSON-serialized, unless `contentType` is given: then `body` is the text sent as is. */
  body: unknown;
  contentType?: string;
}

export { statusFor } from './error-body.ts';

/** The case a request opened, for the log line (POST /cases answers its id). */
function openedCase(response: ApiResponse): { caseId?: string } {
  const caseId = (response.body as { caseId?: unknown } | null)?.caseId;
  return response.status === 201 && typeof caseId === 'string' ? { caseId } : {};
}

/** Seconds a client waits before trying a write that met too many other writers again. */
export const RETRY_AFTER_SECONDS = 1;

/** No request the case API takes comes near this; a larger body is refused before anything is read. */
export const MAX_REQUEST_BYTES = 256 * 1024;

function json(status: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json',
      ...(status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}),
    },
    body: JSON.stringify(body),
  };
}

/** Parses input with a zod schema; the first problem becomes a 400 naming the field. */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, root: string): z.infer<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // A parameter nobody asked for (a strict query string) is named itself.
  const unknown = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const field = [root, ...(issue?.path ?? []).map(String), ...unknown].filter(Boolean).join('.');
  throw new InvalidInputError(field || root, issue?.message ?? 'invalid');
}

/**
 * The caller of a request. Only API Gateway's Cognito authorizer (locally: the server, once it verified the
 * dev token) sets `requestContext.authorizer.claims`; a REST API passes `cognito:groups` as one string
 * ("reviewer,viewer" or "[reviewer viewer]"), so both forms and an array are read.
 */
export function callerOf(event: APIGatewayProxyEvent): Caller {
  const claims = (event.requestContext?.authorizer as { claims?: Record<string, unknown> } | null | undefined)
    ?.claims;
  if (!claims) return { kind: 'system' };
  const raw = claims['cognito:groups'];
  const names = Array.isArray(raw)
    ? raw.map(String)
    : typeof raw === 'string'
      ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  const groups = STAFF_GROUPS.filter((g) => names.includes(g));
  const username = String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? '');
  return { kind: 'staff', username, groups };
}

/** The signed-in person's name, recorded as who did what; a system (IAM) caller has none. */
export function signedInPerson(caller: Caller): { by?: string } {
  return caller.kind === 'staff' ? { by: caller.username } : {};
}

/** A signed-in person may call a route only with one of its groups; systems (IAM) pass. */
export function checkStaffAccess(caller: Caller, allowed: readonly StaffGroup[] | undefined): void {
  if (caller.kind !== 'staff') return;
  if (!allowed) throw new ForbiddenError('this route is not open to staff sign-in');
  if (!caller.username) throw new ForbiddenError('the token names no user');
  if (!caller.groups.some((g) => allowed.includes(g))) {
    throw new ForbiddenError(
      `${caller.username} may not do this: it needs the group ${allowed.join(' or ')} (has ${caller.groups.join(', ') || 'none'})`,
    );
  }
}

export interface ApiHandlerOptions {
  /** The staff groups that may call this route (functions/api/staff-access.ts); none: systems only. */
  staff?: readonly StaffGroup[];
}

/**
 * Runs a list query whose parameters the port checks further (a cursor, a name with nothing to match):
 * its InvalidInputError names the query parameter, as a zod refusal of the query string does.
 */
export async function queryErrorsNamed<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidInputError && !error.field.startsWith('query.')) {
      throw new InvalidInputError(`query.${error.field}`, error.message.slice(error.field.length + 2), {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Wraps an API route: decodes the JSON body (a malformed body is a 400), runs the route with the
 * process's ports, and answers errors with the one error body (./error-body.ts). Unexpected errors and
 * configuration errors are logged and answered with a 500 that leaks no internals. The environment is
 * checked when the handler module loads. Every log line carries the case id of the path; a refused request
 * is logged at info with its code and field (never the body), an unexpected error at error.
 */
export function apiHandler(
  route: (deps: CaseDependencies, request: ApiRequest) => Promise<ApiResponse>,
  options: ApiHandlerOptions = {},
) {
  checkEnvironmentAtLoad();
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async (event) => {
    if (event.pathParameters?.id) logger.appendKeys({ caseId: event.pathParameters.id });
    try {
      // Checked before anything is read: a person without the group learns nothing about the case.
      const caller = callerOf(event);
      checkStaffAccess(caller, options.staff);
      let body: unknown = null;
      if (
        event.body &&
        Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') > MAX_REQUEST_BYTES
      ) {
        throw new RequestTooLargeError(MAX_REQUEST_BYTES);
      }
      if (event.body) {
        try {
          body = JSON.parse(
            event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
          );
        } catch {
          throw new InvalidInputError('body', 'is not valid JSON');
        }
      }
      const response = await route(dependencies(), {
        caller,
        pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
        body,
      });
      logger.info('request completed', { status: response.status, ...openedCase(response) });
      if (response.contentType) {
        return {
          statusCode: response.status,
          headers: { 'content-type': response.contentType },
          body: String(response.body),
        };
      }
      return json(response.status, response.body);
    } catch (error) {
      const { status, body, logged } = errorResponseOf(error);
      if (logged) logger.error('request failed', errorFields(error));
      else {
        const { error: name, code, field } = body as { error: string; code: string; field?: string };
        logger.info('request refused', { status, error: name, code, ...(field ? { field } : {}) });
      }
      return json(status, body);
    }
  });
  return handler.use(injectLambdaContext(logger, { resetKeys: true }));
}

import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { STAFF_GROUPS, type StaffGroup } from '../../shared/domain/vocabulary.ts';
import {
  CaseNotFoundError,
  type CollectionsError,
  ConcurrentUpdateError,
  DisputeNotFoundError,
  ForbiddenError,
  IntakeConflictError,
  InvalidInputError,
  RequestTooLargeError,
  StageConflictError,
  TransientError,
} from '../../shared/errors.ts';
import type { CaseDependencies } from '../../shared/use-cases/dependencies.ts';
import { dependencies } from './dependencies.ts';

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

/** One place maps the domain's error classes to HTTP status codes. */
export function statusFor(error: unknown): number {
  if (error instanceof InvalidInputError) return 400;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof CaseNotFoundError || error instanceof DisputeNotFoundError) return 404;
  if (error instanceof StageConflictError || error instanceof IntakeConflictError) return 409;
  if (error instanceof RequestTooLargeError) return 413;
  if (error instanceof ConcurrentUpdateError || error instanceof TransientError) return 503;
  return 500;
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
 * process's ports, and maps errors to status codes. Unexpected errors are logged and answered with a
 * 500 that leaks no internals.
 */
export function apiHandler(
  route: (deps: CaseDependencies, request: ApiRequest) => Promise<ApiResponse>,
  options: ApiHandlerOptions = {},
) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async (event) => {
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
      if (response.contentType) {
        return {
          statusCode: response.status,
          headers: { 'content-type': response.contentType },
          body: String(response.body),
        };
      }
      return json(response.status, response.body);
    } catch (error) {
      const status = statusFor(error);
      if (status === 500) {
        console.error(
          JSON.stringify({ level: 'error', error: (error as Error).name, message: (error as Error).message }),
        );
        return json(500, { error: 'InternalError', message: 'the request could not be completed' });
      }
      const e = error as CollectionsError;
      return json(status, {
        error: e.name,
        code: e.code,
        message: e.message,
        ...(e instanceof InvalidInputError || e instanceof IntakeConflictError ? { field: e.field } : {}),
      });
    }
  });
}

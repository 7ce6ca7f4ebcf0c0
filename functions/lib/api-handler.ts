import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import {
  CaseNotFoundError,
  type CollectionsError,
  ConcurrentUpdateError,
  DisputeNotFoundError,
  IntakeConflictError,
  InvalidInputError,
  RequestTooLargeError,
  StageConflictError,
  TransientError,
} from '../../shared/errors.ts';
import type { CaseDependencies } from '../../shared/use-cases/dependencies.ts';
import { dependencies } from './dependencies.ts';

export interface ApiRequest {
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
export function apiHandler(route: (deps: CaseDependencies, request: ApiRequest) => Promise<ApiResponse>) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>().handler(async (event) => {
    try {
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

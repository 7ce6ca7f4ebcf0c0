import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { STAFF_ACCESS, STAFF_PATH_PREFIX } from '../functions/api/staff-access.ts';
import { errorBody, INTERNAL_ERROR_BODY } from '../functions/lib/error-body.ts';
import { InvalidInputError, RequestTooLargeError } from '../shared/errors.ts';
import { calendarDateAt, isCalendarDate, startOfDayInAmsterdam } from '../shared/rules/calendar.ts';
import type { SiteFile } from '../web/build.ts';
import { type LocalApp, routesForPath } from './local-app.ts';
import { LocalStaffTokens, parseSignIn } from './staff-tokens.ts';

/** API Gateway's limit is 10 MB; the case API takes nothing near that, so the local server stops at 1 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;
const DAY_MS = 86_400_000;
/** The hour of day a `{"to": "YYYY-MM-DD"}` clock move lands on, Amsterdam time (office hours). */
const TO_DATE_HOUR = 10;

export interface LocalHttpServerOptions {
  app: LocalApp;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * `real-time` (the default of `npm run serve`): virtual time follows the wall clock from the start,
   * plus whatever `POST /_local/clock` added; due workflow steps run every `tickMs`. `manual` (tests):
   * virtual time moves only through `POST /_local/clock` or `advanceTo`.
   */
  clock?: 'real-time' | 'manual';
  tickMs?: number;
  maxBodyBytes?: number;
  /** The back office's files by URL path (web/build.ts), served at `/`; none: no site. */
  site?: Map<string, SiteFile>;
  /** Signs and verifies the dev sign-in's tokens; a fresh key when omitted. */
  staffTokens?: LocalStaffTokens;
}

export interface LocalHttpServer {
  url: string;
  port: number;
  /** Moves virtual time forward to `instant` and runs every workflow step due until then. */
  advanceTo(instant: Date): Promise<void>;
  /** Runs what is due now and lets woken workflows run until they wait again. */
  runDue(): Promise<void>;
  close(): Promise<void>;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly field?: string,
  ) {
    super(message);
    this.name = error;
  }
}

/**
 * Serialises the runtime's runs (its scheduler runs one at a time) and coalesces requests for a run
 * that has not started yet, so 200 concurrent requests cause a handful of runs, not 200.
 */
class RuntimeDriver {
  #running: Promise<void> = Promise.resolve();
  #queued: Promise<void> | null = null;
  #offsetMs: number;
  #sweptOn: string | null = null;

  constructor(
    private readonly app: LocalApp,
    private readonly followRealTime: boolean,
  ) {
    this.#offsetMs = app.clock.nowMs() - Date.now();
  }

  /** Where virtual time should be now: the wall clock plus the offset (real-time), or where it is. */
  target(): number {
    const now = this.app.clock.nowMs();
    return this.followRealTime ? Math.max(now, Date.now() + this.#offsetMs) : now;
  }

  runDue(): Promise<void> {
    return this.#enqueue(() => this.target());
  }

  advanceTo(instantMs: number): Promise<void> {
    return this.#enqueue(() => {
      const target = Math.max(instantMs, this.target());
      if (this.followRealTime) this.#offsetMs = target - Date.now();
      return target;
    }, true);
  }

  #enqueue(target: () => number, exclusive = false): Promise<void> {
    if (!exclusive && this.#queued) return this.#queued;
    const run = this.#running.then(async () => {
      if (!exclusive) this.#queued = null;
      const until = target();
      // Kept before the steps run: a server killed halfway resumes at the target, never before a step
      // it already ran (whose letters and entries carry the later dates).
      this.app.checkpoint(until);
      await this.app.runtime.runUntil(new Date(until));
      // DynamoDB's TTL, which the embedded engine lacks: closed cases past their retention go (checked
      // once per virtual day, as retention ends at the start of a day).
      const day = calendarDateAt(new Date(until));
      if (day !== this.#sweptOn) {
        await this.app.sweepExpiredCases();
        this.#sweptOn = day;
      }
    });
    if (!exclusive) this.#queued = run;
    this.#running = run.catch(() => undefined);
    return run;
  }
}

/** Routes whose path matches, whatever their method; bad URL encoding of a parameter is a 400. */
function matchPath(urlPath: string): ReturnType<typeof routesForPath> {
  try {
    return routesForPath(urlPath);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new HttpProblem(400, error.name, error.code, error.message, {}, error.field);
  }
}

/**
 * Reads the body up to `limit` bytes. A larger one is read to its end (and dropped) before the 413, so
 * the client, still sending, gets the answer instead of a reset connection; past 16 MB it is cut off.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * limit) req.destroy();
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  if (size > limit) throw tooLarge(limit);
  return size === 0 ? null : Buffer.concat(chunks).toString('utf8');
}

/** The same error the handlers answer for a body over their limit (one name for one refusal). */
function tooLarge(limit: number): HttpProblem {
  const error = new RequestTooLargeError(limit);
  return new HttpProblem(413, error.name, error.code, error.message);
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number | boolean>,
  body: string | Buffer,
): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

function parseJson(body: string | null): unknown {
  try {
    return body ? JSON.parse(body) : null;
  } catch {
    throw new HttpProblem(400, 'InvalidInputError', 'INVALID_INPUT', 'body: is not valid JSON', {}, 'body');
  }
}

/** `POST /_local/clock` `{"advanceDays": n}` or `{"to": "YYYY-MM-DD" | ISO instant}`: the target instant. */
function clockTarget(body: string | null, nowMs: number): number {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : null;
  } catch {
    throw new HttpProblem(400, 'InvalidInputError', 'INVALID_INPUT', 'body: is not valid JSON', {}, 'body');
  }
  const input = (parsed ?? {}) as { advanceDays?: unknown; to?: unknown };
  const bad = (field: string, message: string) =>
    new HttpProblem(400, 'InvalidInputError', 'INVALID_INPUT', `${field}: ${message}`, {}, field);
  if (input.advanceDays !== undefined) {
    const days = input.advanceDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 3660) {
      throw bad('body.advanceDays', 'must be a whole number of days from 0 to 3660');
    }
    return nowMs + days * DAY_MS;
  }
  if (typeof input.to === 'string') {
    const ms = isCalendarDate(input.to)
      ? startOfDayInAmsterdam(input.to).getTime() + TO_DATE_HOUR * 3_600_000
      : Date.parse(input.to);
    if (Number.isNaN(ms)) throw bad('body.to', 'must be a date YYYY-MM-DD or an ISO instant');
    if (ms < nowMs) {
      throw new HttpProblem(
        409,
        'ClockMovedBackwardsError',
        'CLOCK_BACKWARDS',
        `virtual time is already past ${input.to}`,
      );
    }
    return ms;
  }
  throw bad('body', 'give {"advanceDays": n} or {"to": "YYYY-MM-DD"}');
}

/**
 * The case API over real HTTP on one machine: each request becomes an API Gateway proxy event for the
 * route's real handler (the same API_ROUTES table the CDK deploys), with the LocalApp's ports installed.
 * Unknown route 404, wrong method 405 (with Allow), body over 1 MB 413; invalid JSON is the handler's
 * 400. `/_local/clock` is a local-only admin route (not part of the API or its OpenAPI document).
 */
export async function startLocalHttpServer(options: LocalHttpServerOptions): Promise<LocalHttpServer> {
  const { app } = options;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const driver = new RuntimeDriver(app, (options.clock ?? 'real-time') === 'real-time');
  const clockView = () => {
    const now = app.clock.now();
    return { now: now.toISOString(), today: calendarDateAt(now), executions: app.runtime.stats().executions };
  };

  const tokens = options.staffTokens ?? LocalStaffTokens.create();
  const site = options.site;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();

    if (site && method === 'GET') {
      const file = site.get(url.pathname === '/' ? '/index.html' : url.pathname);
      if (file)
        return send(res, 200, { 'content-type': file.contentType, 'cache-control': 'no-cache' }, file.body);
      // What the site reads to know how staff sign in here (on AWS the stack writes its own).
      if (url.pathname === '/config.json')
        return sendJson(res, 200, { apiBase: STAFF_PATH_PREFIX, auth: { kind: 'local' } });
    }

    // LOCAL ONLY: the dev sign-in (local/staff-tokens.ts). On AWS staff sign in with Amazon Cognito.
    if (url.pathname === '/_local/sign-in') {
      if (method !== 'POST') throw methodNotAllowed(['POST'], method, url.pathname);
      const parsed = parseSignIn(parseJson(await readBody(req, limit)));
      if ('field' in parsed)
        throw new HttpProblem(
          400,
          'InvalidInputError',
          'INVALID_INPUT',
          `${parsed.field}: ${parsed.message}`,
          {},
          parsed.field,
        );
      return sendJson(res, 200, {
        username: parsed.username,
        groups: parsed.groups,
        ...tokens.issue(parsed.username, parsed.groups),
      });
    }

    if (url.pathname === '/_local/clock') {
      if (method === 'GET') return sendJson(res, 200, clockView());
      if (method !== 'POST') throw methodNotAllowed(['GET', 'POST'], method, url.pathname);
      const body = await readBody(req, limit);
      await driver.advanceTo(clockTarget(body, driver.target()));
      return sendJson(res, 200, clockView());
    }

    // The staff routes (/api/...): a bearer token from the sign-in, verified here as API Gateway's
    // Cognito authorizer verifies it on AWS; the handler checks the group.
    const staff = url.pathname === STAFF_PATH_PREFIX || url.pathname.startsWith(`${STAFF_PATH_PREFIX}/`);
    const apiPath = staff ? url.pathname.slice(STAFF_PATH_PREFIX.length) || '/' : url.pathname;
    const matches = matchPath(apiPath).filter((m) => !staff || m.route.id in STAFF_ACCESS);
    if (matches.length === 0) {
      throw new HttpProblem(404, 'RouteNotFoundError', 'ROUTE_NOT_FOUND', `no route ${url.pathname}`);
    }
    const match = matches.find((m) => m.route.method === method);
    if (!match)
      throw methodNotAllowed(
        matches.map((m) => m.route.method),
        method,
        url.pathname,
      );

    let claims: Record<string, string> | undefined;
    if (staff) {
      const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const verified = token ? tokens.verify(token) : null;
      if (!verified)
        throw new HttpProblem(
          401,
          'UnauthorizedError',
          'UNAUTHORIZED',
          'sign in: no valid staff token (Authorization: Bearer ...)',
        );
      // As a REST API's Cognito authorizer passes them: every claim a string, the groups joined.
      claims = {
        'cognito:username': verified['cognito:username'],
        'cognito:groups': verified['cognito:groups'].join(','),
        token_use: verified.token_use,
        iss: verified.iss,
      };
    }

    const body = await readBody(req, limit);
    const query = Object.fromEntries(url.searchParams.entries());
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const event = {
      resource: match.route.path,
      path: apiPath,
      httpMethod: method,
      headers,
      multiValueHeaders: {},
      queryStringParameters: Object.keys(query).length > 0 ? query : null,
      multiValueQueryStringParameters: null,
      pathParameters: Object.keys(match.params).length > 0 ? match.params : null,
      stageVariables: null,
      requestContext: {
        ...(claims ? { authorizer: { claims } } : {}),
        resourcePath: match.route.path,
        httpMethod: method,
        path: `/v1${url.pathname}`,
        stage: 'v1',
        requestId: `local-${Math.random().toString(36).slice(2)}`,
      },
      body,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent;

    await driver.runDue();
    const result = await app.invokeRoute(match.route, event);
    // Let the workflows a request woke (a dispute to review, a paid case to close) run before answering,
    // so the next request sees their effect, as it would a moment later on AWS.
    await driver.runDue();
    const resultHeaders = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    send(res, result.statusCode, resultHeaders, result.body ?? '');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpProblem) {
        if (error.status === 413) res.setHeader('connection', 'close');
        sendJson(
          res,
          error.status,
          errorBody(error.error, error.code, error.message, error.field),
          error.headers,
        );
        return;
      }
      // The name only: a foreign error's message may quote a request's personal data.
      console.error(JSON.stringify({ level: 'error', error: (error as Error).name }));
      sendJson(res, 500, INTERNAL_ERROR_BODY);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;

  const ticker =
    (options.clock ?? 'real-time') === 'real-time'
      ? setInterval(() => void driver.runDue().catch(() => undefined), options.tickMs ?? 1_000)
      : null;
  ticker?.unref();

  return {
    url: `http://${address}:${port}`,
    port,
    advanceTo: (instant) => driver.advanceTo(instant.getTime()),
    runDue: () => driver.runDue(),
    close: async () => {
      if (ticker) clearInterval(ticker);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function methodNotAllowed(allowed: string[], method: string, urlPath: string): HttpProblem {
  const allow = [...new Set(allowed)].join(', ');
  return new HttpProblem(
    405,
    'MethodNotAllowedError',
    'METHOD_NOT_ALLOWED',
    `${method} is not allowed on ${urlPath}; allowed: ${allow}`,
    {
      allow,
    },
  );
}

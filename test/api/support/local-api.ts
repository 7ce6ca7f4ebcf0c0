import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { OPENAPI_FILE } from '../../../functions/api/openapi.ts';
import {
  type LocalHttpServer,
  type LocalHttpServerOptions,
  startLocalHttpServer,
} from '../../../local/http-server.ts';
import { LocalApp } from '../../../local/local-app.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/config/settings.ts';
import type { Case } from '../../../shared/domain/case.ts';
import { addDays, type CalendarDate, isCalendarDate } from '../../../shared/rules/calendar.ts';

/** Monday 2 March 2026, 10:00 in Amsterdam: when the API tests' virtual time starts. */
export const TEST_START = new Date('2026-03-02T09:00:00Z');

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

type Json = Record<string, any>;

/** Checks answers of the documented routes against openapi/cases.v1.json, as a client generated from it would. */
class OpenApiChecker {
  readonly document: Json = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.#ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
    this.#ajv.addFormat('date-time', {
      type: 'string',
      validate: (s: string) => !Number.isNaN(Date.parse(s)),
    });
    this.#ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
    this.#ajv.addSchema(this.document, 'cases.v1.json');
  }

  /** The documented operation for a request, or undefined for paths the API does not have. */
  operation(method: string, urlPath: string): { template: string; operation: Json } | undefined {
    const parts = urlPath.split('?')[0]?.split('/').filter(Boolean) ?? [];
    for (const [template, item] of Object.entries(this.document.paths as Json)) {
      const pattern = template.split('/').filter(Boolean);
      if (pattern.length !== parts.length) continue;
      if (!pattern.every((p, i) => p.startsWith('{') || p === parts[i])) continue;
      const operation = (item as Json)[method.toLowerCase()];
      return operation ? { template, operation } : undefined;
    }
    return undefined;
  }

  /** Problems with an answer: an undocumented status, or a body its schema refuses. */
  problems(method: string, urlPath: string, answer: ApiAnswer): string[] {
    const found = this.operation(method, urlPath);
    if (!found) return [];
    const response = found.operation.responses[String(answer.status)];
    if (!response)
      return [`${method} ${found.template} answered ${answer.status}, which the document does not list`];
    const contentType = (answer.headers.get('content-type') ?? '').split(';')[0] as string;
    const media = response.content?.[contentType];
    if (!media)
      return [`${method} ${found.template} ${answer.status} answered ${contentType}, not documented`];
    if (contentType !== 'application/json') return [];
    const ref = (media.schema as Json).$ref as string;
    let validate = this.#compiled.get(ref);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `cases.v1.json${ref}` });
      this.#compiled.set(ref, validate);
    }
    if (validate(answer.body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${method} ${found.template} ${answer.status}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
}

/**
 * The product on one machine behind a real HTTP server on 127.0.0.1, with virtual time that moves only
 * when a test says so (through the local admin route). Every answer of a documented route is checked
 * against the OpenAPI document; what does not match is collected in `contractProblems`.
 */
export class LocalApi {
  readonly contractProblems: string[] = [];
  readonly openapi = new OpenApiChecker();

  private constructor(
    readonly app: LocalApp,
    readonly server: LocalHttpServer,
  ) {}

  static async start(
    options: { settings?: Settings; server?: Pick<LocalHttpServerOptions, 'site' | 'staffTokens'> } = {},
  ): Promise<LocalApi> {
    const outboxDir = mkdtempSync(path.join(tmpdir(), 'case-api-outbox-'));
    const app = await LocalApp.start({
      start: TEST_START,
      settings: options.settings ?? DEFAULT_SETTINGS,
      outboxDir,
    });
    const server = await startLocalHttpServer({ app, port: 0, clock: 'manual', ...options.server });
    return new LocalApi(app, server);
  }

  get url(): string {
    return this.server.url;
  }

  /** Sends a request; `body` is JSON-encoded unless it is a string (sent as is). */
  async call(
    method: string,
    urlPath: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer> {
    const res = await fetch(`${this.url}${urlPath}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').startsWith('application/json');
    const answer: ApiAnswer = {
      status: res.status,
      headers: res.headers,
      text,
      body: json && text ? JSON.parse(text) : text,
    };
    this.contractProblems.push(...this.openapi.problems(method, urlPath, answer));
    return answer;
  }

  get = (urlPath: string) => this.call('GET', urlPath);
  post = (urlPath: string, body?: unknown) => this.call('POST', urlPath, body);

  /** Virtual today (Europe/Amsterdam). */
  async today(): Promise<CalendarDate> {
    return (await this.get('/_local/clock')).body.today as CalendarDate;
  }

  /** `POST /_local/clock`: moves virtual time and runs every workflow step that falls due. */
  async advanceDays(days: number): Promise<CalendarDate> {
    const res = await this.post('/_local/clock', { advanceDays: days });
    if (res.status !== 200) throw new Error(`clock did not move: ${res.status} ${res.text}`);
    return res.body.today as CalendarDate;
  }

  /** The case as stored in DynamoDB (not through the API). */
  async stored(caseId: string): Promise<Case> {
    const c = await this.app.store.get(caseId);
    if (!c) throw new Error(`case ${caseId} is not stored`);
    return c;
  }

  async stop(): Promise<void> {
    await this.server.close();
    this.app.runtime.dispose();
    await this.app.stop();
    rmSync(this.app.outboxDir, { recursive: true, force: true });
  }
}

let invoiceSeq = 0;
/** An invoice number no other test uses (the intake is idempotent on invoice numbers). */
export function invoiceNumber(prefix = 'INV'): string {
  invoiceSeq += 1;
  return `${prefix}-${process.pid}-${invoiceSeq}`;
}

const address = { street: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' };

/** A consumer with one overdue invoice and no contract on file, dated relative to `today`. */
export function consumerIntake(today: CalendarDate, amountCents = 8_900): Json {
  return {
    debtor: { kind: 'consumer', name: 'J. de Vries', email: 'j.de.vries@example.nl', address },
    contract: null,
    invoices: [
      { number: invoiceNumber(), amountCents, issuedOn: addDays(today, -30), dueOn: addDays(today, -16) },
    ],
  };
}

/** A business debtor with overdue invoices (amounts in cents), dated relative to `today`. */
export function businessIntake(today: CalendarDate, amounts: number[]): Json {
  return {
    debtor: {
      kind: 'business',
      name: 'Logistiek Centraal B.V.',
      email: 'logistiek.centraal.b.v@example.nl',
      address,
    },
    contract: null,
    invoices: amounts.map((amountCents, i) => ({
      number: invoiceNumber('PRJ'),
      amountCents,
      issuedOn: addDays(today, -60 + i),
      dueOn: addDays(today, -30 + i),
    })),
  };
}

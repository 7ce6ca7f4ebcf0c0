import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { CASE_INDEXES } from '../../shared/adapters/case-index.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Template metadata the local runtime reads to run a function's real handler in-process. */
export const ENTRY_METADATA_KEY = 'collections:entry';
export const HANDLER_METADATA_KEY = 'collections:handler';

/**
 * How every function is bundled (esbuild, locally): the benchmark (bench/bundles.ts) builds with these
 * same options to report bundle sizes and initialisation times.
 */
export const BUNDLING_DEFAULTS = {
  minify: true,
  sourceMap: true,
  target: 'node24',
  format: OutputFormat.CJS,
  externalModules: ['@aws-sdk/*'],
} as const;

const TABLE_READ_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:BatchWriteItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];

export interface CollectionsFunctionProps {
  /** Handler module, relative to the project root (e.g. `functions/workflow/send-reminder.ts`). */
  entry: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  logRetention?: RetentionDays;
}

/**
 * A Lambda function with the product's defaults: Node.js 24 on ARM64, bundled locally by esbuild (no
 * Docker), the AWS SDK left to the runtime, source maps, X-Ray tracing, and its own log group with
 * retention.
 */
export class CollectionsFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CollectionsFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: { ...BUNDLING_DEFAULTS, externalModules: [...BUNDLING_DEFAULTS.externalModules] },
    });
    const cfn = this.node.defaultChild as CfnFunction;
    cfn.addMetadata(ENTRY_METADATA_KEY, props.entry);
    cfn.addMetadata(HANDLER_METADATA_KEY, 'handler');
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'Grants only logs:CreateLogGroup/CreateLogStream/PutLogEvents; the function writes to its own log group.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords support no resource-level scoping.',
      },
    );
  }

  /** Binds the case table: the env var and the least grant in one call. */
  bindCaseTable(table: ITable, access: 'read' | 'read-write' | 'query'): this {
    this.addEnvironment('CASE_TABLE_NAME', table.tableName);
    if (access !== 'query') {
      // The actions of table.grantReadData / grantReadWriteData, on the table only: those grants add
      // `<table>/index/*` once the table has indexes, and only the list routes read the indexes.
      const actions =
        access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
      this.addToRolePolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
    } else {
      // The case lists: Query on the case lists' indexes (not on the table, and no Scan), and the cases
      // they find read whole (an invoice's intake key and its case: GetItem; a page: BatchGetItem).
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: CASE_INDEXES.map((index) => `${table.tableArn}/index/${index.name}`),
        }),
      );
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
          resources: [table.tableArn],
        }),
      );
    }
    return this;
  }
}

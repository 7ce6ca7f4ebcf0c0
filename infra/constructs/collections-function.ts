import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  Architecture,
  type CfnFunction,
  type ILayerVersion,
  LayerVersion,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { PORTS_ENV } from '../../shared/config/settings.ts';
import {
  grantPortUse,
  nagResource,
  type PortResources,
  type PortUse,
  permissionsOf,
} from '../function-access.ts';
import { PROJECT_ROOT } from '../paths.ts';

export { PROJECT_ROOT };

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
  // The SDK comes with Lambda's runtime, Powertools with its official layer (below): neither is bundled.
  externalModules: ['@aws-sdk/*', '@aws-lambda-powertools/*'],
} as const;

/** The Powertools version the project pins (package.json); the layer deployed is the same release. */
export const POWERTOOLS_VERSION: string = (
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  }
).dependencies['@aws-lambda-powertools/logger'] as string;

/**
 * Powertools for AWS Lambda (TypeScript) as AWS publishes it: a layer per release, its ARN in a public
 * SSM parameter of every commercial region, resolved at deployment. One per stack.
 */
export function powertoolsLayer(scope: Construct): ILayerVersion {
  const stack = Stack.of(scope);
  const id = 'PowertoolsLayer';
  return (
    (stack.node.tryFindChild(id) as ILayerVersion | undefined) ??
    LayerVersion.fromLayerVersionArn(
      stack,
      id,
      StringParameter.valueForStringParameter(
        stack,
        `/aws/service/powertools/typescript/generic/all/${POWERTOOLS_VERSION}`,
      ),
    )
  );
}

export interface CollectionsFunctionProps {
  /** Handler module, relative to the project root (e.g. `functions/workflow/send-reminder.ts`). */
  entry: string;
  description: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  logRetention?: RetentionDays;
  /** POWERTOOLS_LOG_LEVEL: INFO by default (routine outcomes such as a paid case are info). */
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

/**
 * A Lambda function with the product's defaults: Node.js 24 on ARM64, bundled locally by esbuild (no
 * Docker), the AWS SDK left to the runtime and Powertools to its layer, source maps, X-Ray tracing,
 * JSON logs at POWERTOOLS_LOG_LEVEL, and its own log group with retention.
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
      layers: [powertoolsLayer(scope)],
      logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // Powertools Logger (functions/lib/logger.ts): JSON lines, this level and above.
        POWERTOOLS_SERVICE_NAME: 'collections',
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
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
        // test/infra/function-access.test.ts checks that the X-Ray statement is the only one on `*`.
        reason:
          'X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords support no resource-level scoping.',
      },
    );
  }

  /**
   * Grants exactly what the port methods this function calls need, sets the variables naming those
   * resources and the declaration itself (`COLLECTIONS_PORTS`, which the handler checks at load): the least
   * grant and its environment in one call.
   */
  grantPorts(uses: PortUse, resources: PortResources): this {
    this.addEnvironment(PORTS_ENV, JSON.stringify(uses));
    grantPortUse(this, uses, resources);
    if (permissionsOf(uses).some((p) => p.on === 'executions')) {
      Validations.of(this).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagResource(Stack.of(this), resources.executionArns)}]`,
        reason:
          'DescribeExecution on the executions of this one state machine: their names are case ids, unknown when the policy is written.',
      });
    }
    return this;
  }
}

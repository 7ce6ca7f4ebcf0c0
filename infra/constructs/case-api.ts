import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { z } from 'zod';
import { API_CONTRACT } from '../../functions/api/contract.ts';
import { gatewayResponseTemplate } from '../../functions/lib/error-body.ts';
import { API_ROUTES, type ApiRoute } from '../api-routes.ts';
import type { ApiThrottling } from '../deployment-config.ts';
import type { PortResources } from '../function-access.ts';
import { CollectionsFunction } from './collections-function.ts';

// The routes live in a module without the CDK, so the local runtime can read them without loading it.
export { API_ROUTES, type ApiRoute } from '../api-routes.ts';

/**
 * The request model of a route for API Gateway's validation: JSON Schema draft 4 (all API Gateway
 * understands) generated from the handler's zod schema. Refinements a JSON Schema cannot express (a date
 * that exists, settlementCents only with settle) stay with the handler, which answers in the same error
 * shape. Routes whose body is optional get no model.
 */
export function requestModelSchema(routeId: string): apigw.JsonSchema | undefined {
  const body = API_CONTRACT[routeId]?.body;
  if (!body?.required) return undefined;
  return z.toJSONSchema(body.schema, { target: 'draft-04', io: 'input' }) as unknown as apigw.JsonSchema;
}

export interface CaseApiProps {
  ports: PortResources;
  /** Requests per second (steady and burst) the stage accepts; above it API Gateway answers 429. */
  throttling: ApiThrottling;
  environment: Record<string, string>;
  routes?: readonly ApiRoute[];
  logRetention?: RetentionDays;
}

/**
 * API Gateway's own refusals, in the error body every handler answers with. A body or parameter the
 * request model refuses is bad input (`field` says where); the rest name API Gateway's response type as
 * their code (e.g. `THROTTLED`, `ACCESS_DENIED`, `MISSING_AUTHENTICATION_TOKEN`).
 */
export const GATEWAY_RESPONSES: Record<
  string,
  { type: apigw.ResponseType; statusCode?: string; body: Parameters<typeof gatewayResponseTemplate>[0] }
> = {
  BadRequestBody: {
    type: apigw.ResponseType.BAD_REQUEST_BODY,
    statusCode: '400',
    body: {
      error: 'InvalidInputError',
      code: 'INVALID_INPUT',
      field: 'body',
      messageValue: '"body: $context.error.validationErrorString"',
    },
  },
  BadRequestParameters: {
    type: apigw.ResponseType.BAD_REQUEST_PARAMETERS,
    statusCode: '400',
    body: {
      error: 'InvalidInputError',
      code: 'INVALID_INPUT',
      field: 'path',
      messageValue: '"path: $context.error.validationErrorString"',
    },
  },
  Throttled: {
    type: apigw.ResponseType.THROTTLED,
    statusCode: '429',
    body: { error: 'ThrottledError', code: 'THROTTLED', messageValue: '$context.error.messageString' },
  },
  Default4xx: {
    type: apigw.ResponseType.DEFAULT_4XX,
    body: {
      error: 'GatewayRefusedError',
      code: '$context.error.responseType',
      messageValue: '$context.error.messageString',
    },
  },
  Default5xx: {
    type: apigw.ResponseType.DEFAULT_5XX,
    body: {
      error: 'InternalError',
      code: '$context.error.responseType',
      messageValue: '$context.error.messageString',
    },
  },
};

/**
 * The REST API in front of the case functions. IAM authorization: callers are the creditor's own
 * back-office systems and staff tools, which already hold AWS credentials; no user pool to run.
 */
export class CaseApi extends Construct {
  readonly api: apigw.RestApi;
  readonly functions: Record<string, CollectionsFunction> = {};

  constructor(scope: Construct, id: string, props: CaseApiProps) {
    super(scope, id);
    const retention = props.logRetention ?? RetentionDays.THREE_MONTHS;
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const stageName = 'v1';
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: 'collections-cases',
      description: 'Dutch collections: cases, payments, disputes and reviewer decisions',
      cloudWatchRole: true,
      deployOptions: {
        stageName,
        tracingEnabled: true,
        // Execution logs only for requests that fail in API Gateway (the handlers log their own); no
        // request or response bodies (dataTrace off): they hold debtors' data.
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
      },
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    });
    // API Gateway writes execution logs to a group of this name; created here first, it gets a retention
    // (left to API Gateway, it would keep them forever).
    const executionLogs = new LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${stageName}`,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.deploymentStage.node.addDependency(executionLogs);
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-COG4',
        reason:
          'IAM (SigV4) authorization instead of Cognito: the callers are back-office systems with AWS roles.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-APIG3',
        reason:
          'Not public: every method requires IAM-signed requests, the stage is throttled and bodies over MAX_REQUEST_BYTES are refused by the handlers; WAF could not cap bodies anyway (it inspects at most 64 KB, below what a valid request may take). Put WAF in front if the API is ever opened up.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The account-level role API Gateway needs to write execution logs; AWS maintains its scope.',
      },
    );
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    // What API Gateway answers itself carries the handlers' error body (functions/lib/error-body.ts).
    for (const [id, response] of Object.entries(GATEWAY_RESPONSES)) {
      this.api.addGatewayResponse(id, {
        type: response.type,
        ...(response.statusCode ? { statusCode: response.statusCode } : {}),
        templates: { 'application/json': gatewayResponseTemplate(response.body) },
      });
    }

    for (const route of props.routes ?? API_ROUTES) {
      const fn = new CollectionsFunction(this, `${route.id}Function`, {
        entry: route.entry,
        description: route.description,
        environment: props.environment,
        logRetention: props.logRetention,
      }).grantPorts(route.uses, props.ports);
      this.functions[route.id] = fn;

      const resource = this.api.root.resourceForPath(route.path);
      const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const queryParams = Object.keys(API_CONTRACT[route.id]?.query?._zod.def.shape ?? {});
      const modelSchema = requestModelSchema(route.id);
      const model = modelSchema
        ? this.api.addModel(`${route.id}Request`, {
            modelName: `${route.id}Request`,
            contentType: 'application/json',
            schema: modelSchema,
          })
        : undefined;
      resource.addMethod(route.method, new apigw.LambdaIntegration(fn), {
        requestValidator: validator,
        requestParameters: Object.fromEntries([
          ...pathParams.map((p) => [`method.request.path.${p}`, true]),
          ...queryParams.map((q) => [`method.request.querystring.${q}`, false]),
        ]),
        ...(model ? { requestModels: { 'application/json': model } } : {}),
      });
    }
  }
}

import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_CONTRACT } from '../../functions/api/contract.ts';
import { STAFF_ACCESS, STAFF_PATH_PREFIX } from '../../functions/api/staff-access.ts';
import { gatewayResponseTemplate } from '../../functions/lib/error-body.ts';
import type { ApiThrottling } from '../deployment-config.ts';
import { API_ROUTES, type ApiRoute, GATEWAY_RESPONSES, requestModelSchema } from './case-api.ts';

export interface StaffApiProps {
  userPool: IUserPool;
  /** The case API's functions by route id: the staff API calls the same ones. */
  functions: Record<string, IFunction>;
  /** The stage's throttling (the deployment config's, as the IAM API's). */
  throttling: ApiThrottling;
  routes?: readonly ApiRoute[];
  logRetention?: RetentionDays;
}

/** The routes staff reach: those of API_ROUTES listed in STAFF_ACCESS (functions/api/staff-access.ts). */
export function staffRoutes(routes: readonly ApiRoute[] = API_ROUTES): ApiRoute[] {
  return routes.filter((r) => r.id in STAFF_ACCESS);
}

/**
 * The back office's API: the staff routes of the case API under `/api`, the same Lambda functions, with a
 * Cognito user pool authorizer (a valid ID token of the staff pool) in front of every method; each handler
 * then checks the signed-in person's group for its action (functions/lib/api-handler.ts). The IAM API
 * (CaseApi) stays as it is for the creditor's back-office systems. CloudFront sends `/api/*` of the site
 * here, so the browser calls its own origin (no CORS).
 */
export class StaffApi extends Construct {
  readonly api: apigw.RestApi;

  constructor(scope: Construct, id: string, props: StaffApiProps) {
    super(scope, id);
    const retention = props.logRetention ?? RetentionDays.THREE_MONTHS;
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention, removalPolicy: RemovalPolicy.DESTROY });
    const stageName = 'v1';
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: 'collections-staff',
      description:
        'Dutch collections back office: the staff routes, Cognito-authorized with a group check per action',
      // The case API's construct already created the account's CloudWatch role for API Gateway.
      cloudWatchRole: false,
      deployOptions: {
        stageName,
        tracingEnabled: true,
        // As on the IAM API: errors only, never request or response bodies (they hold debtors' data).
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: props.throttling.rateLimit,
        throttlingBurstLimit: props.throttling.burstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
      },
    });
    // As on the IAM API: the execution log group created first, so it has a retention (CaseApi).
    const executionLogs = new LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${stageName}`,
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.deploymentStage.node.addDependency(executionLogs);
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG3',
      reason:
        'Every method requires a valid staff token (Cognito authorizer) and the handlers check the group; browsers reach it only through the CloudFront distribution of the back office.',
    });
    const authorizer = new apigw.CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
      cognitoUserPools: [props.userPool],
      authorizerName: 'staff-user-pool',
    });
    const validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    // What API Gateway answers itself carries the handlers' error body (functions/lib/error-body.ts), as
    // on the IAM API; a request without a valid staff token is told to sign in.
    const responses = {
      ...GATEWAY_RESPONSES,
      Unauthorized: {
        type: apigw.ResponseType.UNAUTHORIZED,
        statusCode: '401',
        body: {
          error: 'UnauthorizedError',
          code: 'UNAUTHORIZED',
          messageValue: '"sign in: no valid staff token"',
        },
      },
    };
    for (const [id, response] of Object.entries(responses)) {
      this.api.addGatewayResponse(id, {
        type: response.type,
        ...(response.statusCode ? { statusCode: response.statusCode } : {}),
        templates: { 'application/json': gatewayResponseTemplate(response.body) },
      });
    }

    const root = this.api.root.addResource(STAFF_PATH_PREFIX.replace(/^\//, ''));
    for (const route of staffRoutes(props.routes)) {
      const fn = props.functions[route.id];
      if (!fn) throw new Error(`the staff route ${route.id} has no function in the case API`);
      const resource = route.path === '/' ? root : root.resourceForPath(route.path.replace(/^\//, ''));
      const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const queryParams = Object.keys(API_CONTRACT[route.id]?.query?._zod.def.shape ?? {});
      const modelSchema = requestModelSchema(route.id);
      const model = modelSchema
        ? this.api.addModel(`${route.id}Request`, {
            modelName: `Staff${route.id}Request`,
            contentType: 'application/json',
            schema: modelSchema,
          })
        : undefined;
      resource.addMethod(route.method, new apigw.LambdaIntegration(fn), {
        authorizer,
        authorizationType: apigw.AuthorizationType.COGNITO,
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

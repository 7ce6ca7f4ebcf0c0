import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_CONTRACT } from '../../functions/api/contract.ts';
import { STAFF_ACCESS, STAFF_PATH_PREFIX } from '../../functions/api/staff-access.ts';
import { API_ROUTES, type ApiRoute, requestModelSchema } from './case-api.ts';

export interface StaffApiProps {
  userPool: IUserPool;
  /** The case API's functions by route id: the staff API calls the same ones. */
  functions: Record<string, IFunction>;
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
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: 'collections-staff',
      description:
        'Dutch collections back office: the staff routes, Cognito-authorized with a group check per action',
      // The case API's construct already created the account's CloudWatch role for API Gateway.
      cloudWatchRole: false,
      deployOptions: {
        stageName: 'v1',
        tracingEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.INFO,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
      },
    });
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
    const problem = (code: string, error: string, field: string | null, message: string) =>
      `{"error":"${error}","code":"${code}",${field ? `"field":"${field}",` : ''}"message":"${message}"}`;
    this.api.addGatewayResponse('BadRequestBody', {
      type: apigw.ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      templates: {
        'application/json': problem(
          'INVALID_INPUT',
          'InvalidInputError',
          'body',
          '$context.error.validationErrorString',
        ),
      },
    });
    this.api.addGatewayResponse('Unauthorized', {
      type: apigw.ResponseType.UNAUTHORIZED,
      statusCode: '401',
      templates: {
        'application/json': problem(
          'UNAUTHORIZED',
          'UnauthorizedError',
          null,
          'sign in: no valid staff token',
        ),
      },
    });

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

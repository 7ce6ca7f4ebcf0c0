import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { CollectionsFunction } from './collections-function.ts';

export interface ApiRoute {
  id: string;
  method: 'GET' | 'POST';
  /** API Gateway resource path with `{param}` placeholders. */
  path: string;
  entry: string;
  /** What the handler needs of the workflow. */
  workflow: 'none' | 'start' | 'signal';
  tableAccess: 'read' | 'read-write';
  description: string;
}

/** Every route of the case API; the local server serves the same table. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    id: 'OpenCase',
    method: 'POST',
    path: '/cases',
    entry: 'functions/api/open-case.ts',
    workflow: 'start',
    tableAccess: 'read-write',
    description: 'Opens a case for overdue invoices and starts its workflow',
  },
  {
    id: 'GetCase',
    method: 'GET',
    path: '/cases/{id}',
    entry: 'functions/api/get-case.ts',
    workflow: 'none',
    tableAccess: 'read',
    description: 'Reads a case: stage, amounts now, next step, chronology',
  },
  {
    id: 'RecordPayment',
    method: 'POST',
    path: '/cases/{id}/payments',
    entry: 'functions/api/record-payment.ts',
    workflow: 'signal',
    tableAccess: 'read-write',
    description: 'Records a payment, allocated to costs, interest and principal',
  },
  {
    id: 'RecordDispute',
    method: 'POST',
    path: '/cases/{id}/disputes',
    entry: 'functions/api/record-dispute.ts',
    workflow: 'signal',
    tableAccess: 'read-write',
    description: 'Records a dispute and pauses dunning',
  },
  {
    id: 'DecideDispute',
    method: 'POST',
    path: '/cases/{id}/disputes/{disputeId}/decision',
    entry: 'functions/api/decide-dispute.ts',
    workflow: 'signal',
    tableAccess: 'read-write',
    description: "Records a reviewer's decision on a dispute: reject, accept or settle",
  },
  {
    id: 'HoldCase',
    method: 'POST',
    path: '/cases/{id}/hold',
    entry: 'functions/api/hold-case.ts',
    workflow: 'signal',
    tableAccess: 'read-write',
    description: 'Pauses dunning on a case, optionally until a date',
  },
  {
    id: 'ReleaseCase',
    method: 'POST',
    path: '/cases/{id}/release',
    entry: 'functions/api/release-case.ts',
    workflow: 'signal',
    tableAccess: 'read-write',
    description: 'Resumes dunning on a held case',
  },
];

export interface CaseApiProps {
  table: ITable;
  stateMachine: IStateMachine;
  environment: Record<string, string>;
  routes?: readonly ApiRoute[];
  logRetention?: RetentionDays;
}

/**
 * The REST API in front of the case functions. IAM authorization: callers are the creditor's own
 * back-office systems and staff tools, which already hold AWS credentials; no user pool to run.
 */
export class CaseApi extends Construct {
  readonly api: apigw.RestApi;
  readonly functions: Record<string, CollectionsFunction> = {};

  constructor(scope: Construct, id: string, props: CaseApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: 'collections-cases',
      description: 'Dutch collections: cases, payments, disputes and reviewer decisions',
      cloudWatchRole: true,
      deployOptions: {
        stageName: 'v1',
        tracingEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.INFO,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
      },
      defaultMethodOptions: { authorizationType: apigw.AuthorizationType.IAM },
    });
    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-COG4',
        reason:
          'IAM (SigV4) authorization instead of Cognito: the callers are back-office systems with AWS roles.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-APIG3',
        reason:
          'Not public: every method requires IAM-signed requests; put WAF in front if the API is ever opened up.',
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

    for (const route of props.routes ?? API_ROUTES) {
      const fn = new CollectionsFunction(this, `${route.id}Function`, {
        entry: route.entry,
        description: route.description,
        environment: { ...props.environment, STATE_MACHINE_ARN: props.stateMachine.stateMachineArn },
        logRetention: props.logRetention,
      }).bindCaseTable(props.table, route.tableAccess);
      if (route.workflow === 'start') props.stateMachine.grantStartExecution(fn);
      if (route.workflow === 'signal') props.stateMachine.grantTaskResponse(fn);
      this.functions[route.id] = fn;

      const resource = this.api.root.resourceForPath(route.path);
      const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      resource.addMethod(route.method, new apigw.LambdaIntegration(fn), {
        requestValidator: validator,
        requestParameters: Object.fromEntries(pathParams.map((p) => [`method.request.path.${p}`, true])),
      });
    }
  }
}

import { type CfnElement, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { z } from 'zod';
import { API_CONTRACT } from '../../functions/api/contract.ts';
import { CollectionsFunction } from './collections-function.ts';

export interface ApiRoute {
  id: string;
  method: 'GET' | 'POST';
  /** API Gateway resource path with `{param}` placeholders. */
  path: string;
  entry: string;
  /** What the handler needs of the workflow. */
  workflow: 'none' | 'start' | 'signal';
  /** `query`: the case lists, which Query the table's indexes and read the cases they find (no more). */
  tableAccess: 'read' | 'read-write' | 'query';
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
    id: 'ListCases',
    method: 'GET',
    path: '/cases',
    entry: 'functions/api/list-cases.ts',
    workflow: 'none',
    tableAccess: 'query',
    description:
      'Lists cases by filters (stage, pause, reviewer, next step, debtor, invoice, opening), paged',
  },
  {
    id: 'ListDisputes',
    method: 'GET',
    path: '/disputes',
    entry: 'functions/api/list-disputes.ts',
    workflow: 'none',
    tableAccess: 'query',
    description: "Lists the disputes of a status, oldest first: the reviewer's worklist",
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
  {
    id: 'RestartCase',
    method: 'POST',
    path: '/cases/{id}/restart',
    entry: 'functions/api/restart-case.ts',
    workflow: 'start',
    tableAccess: 'read-write',
    description: 'Restarts the workflow of a failed case from its record, in a new execution',
  },
  {
    id: 'GetDossier',
    method: 'GET',
    path: '/cases/{id}/dossier',
    entry: 'functions/api/get-dossier.ts',
    workflow: 'none',
    tableAccess: 'read',
    description: 'The evidence record of a case: terms, invoices, letters, events, verdicts, amounts',
  },
];

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
    // A body API Gateway refuses gets the handlers' error shape, with API Gateway's reason as message.
    this.api.addGatewayResponse('BadRequestBody', {
      type: apigw.ResponseType.BAD_REQUEST_BODY,
      statusCode: '400',
      templates: {
        'application/json':
          '{"error":"InvalidInputError","code":"INVALID_INPUT","field":"body","message":"$context.error.validationErrorString"}',
      },
    });
    this.api.addGatewayResponse('BadRequestParameters', {
      type: apigw.ResponseType.BAD_REQUEST_PARAMETERS,
      statusCode: '400',
      templates: {
        'application/json':
          '{"error":"InvalidInputError","code":"INVALID_INPUT","field":"path","message":"$context.error.validationErrorString"}',
      },
    });

    for (const route of props.routes ?? API_ROUTES) {
      const fn = new CollectionsFunction(this, `${route.id}Function`, {
        entry: route.entry,
        description: route.description,
        environment: { ...props.environment, STATE_MACHINE_ARN: props.stateMachine.stateMachineArn },
        logRetention: props.logRetention,
      }).bindCaseTable(props.table, route.tableAccess);
      if (route.workflow === 'start') {
        props.stateMachine.grantStartExecution(fn);
        // A restart asks whether the case's execution still runs (a stuck case may be restarted).
        props.stateMachine.grantExecution(fn, 'states:DescribeExecution');
        const machineId = Stack.of(this).getLogicalId(props.stateMachine.node.defaultChild as CfnElement);
        Validations.of(fn).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}:*]`,
          reason:
            'DescribeExecution on the executions of this one state machine: their names are case ids, unknown when the policy is written.',
        });
      }
      if (route.workflow === 'signal') props.stateMachine.grantTaskResponse(fn);
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

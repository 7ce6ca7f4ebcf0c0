import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { API_ROUTES, GATEWAY_RESPONSES } from '../../infra/constructs/case-api.ts';
import { STEP_ENTRIES } from '../../infra/constructs/case-workflow.ts';
import { ALARM_TEXT } from '../../infra/constructs/operations.ts';
import { DEFAULT_ALARMS, DEFAULT_API_THROTTLING } from '../../infra/deployment-config.ts';
import { CASE_METRICS, METRIC_NAMESPACE, METRIC_SERVICE } from '../../shared/domain/vocabulary.ts';

type Json = any;
const appWith = (collections: Record<string, unknown> = {}) =>
  new App({ context: { 'aws:cdk:bundling-stacks': [], collections } });

describe('what tells operators, and what protects the API', () => {
  let template: Template;
  let alarms: Json[];
  // Every function of ours: the steps, the API routes and the function that records letter feedback.
  const functionCount = Object.keys(STEP_ENTRIES).length + API_ROUTES.length + 1;

  beforeAll(() => {
    const { stack } = buildApp({
      app: appWith({ alarmEmail: 'ops@voorbeeld.example', api: { rateLimit: 20, burstLimit: 40 } }),
      nag: false,
    });
    template = Template.fromStack(stack);
    alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a: Json) => a.Properties);
  });

  const topicRef = () => {
    const [id] = Object.keys(template.findResources('AWS::SNS::Topic'));
    return { Ref: id };
  };

  it('e-mails the alerts topic to the address in cdk.json, over TLS only', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@voorbeeld.example',
      TopicArn: topicRef(),
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('raises an alarm on the topic (and tells it when it is over) for every failure operators must act on', () => {
    for (const a of alarms) {
      expect(a.AlarmActions).toEqual([topicRef()]);
      expect(a.OKActions).toEqual([topicRef()]);
      expect(a.TreatMissingData).toBe('notBreaching');
    }
    const byMetric = (namespace: string, name: string) =>
      alarms.filter((a) => a.Namespace === namespace && a.MetricName === name);
    for (const name of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      expect(byMetric('AWS/States', name)).toEqual([
        expect.objectContaining({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' }),
      ]);
    }
    // Errors and throttles of every function, each alarm naming its function.
    expect(byMetric('AWS/Lambda', 'Errors')).toHaveLength(functionCount);
    expect(byMetric('AWS/Lambda', 'Throttles')).toHaveLength(functionCount);
    for (const a of byMetric('AWS/Lambda', 'Errors'))
      expect(a.Threshold).toBe(DEFAULT_ALARMS.lambdaErrorsPerFiveMinutes);
    // Both APIs: the case API (IAM) and the staff API (the back office), each alarm on its own API.
    const api5xx = byMetric('AWS/ApiGateway', '5XXError');
    expect(api5xx).toEqual([
      expect.objectContaining({ Threshold: 1, Statistic: 'Sum' }),
      expect.objectContaining({ Threshold: 1, Statistic: 'Sum' }),
    ]);
    expect(api5xx.flatMap((a) => a.Dimensions.map((d: Json) => d.Value)).sort()).toEqual([
      'collections-cases',
      'collections-staff',
    ]);
    expect(byMetric('AWS/SES', 'Reputation.BounceRate')).toEqual([
      expect.objectContaining({ Threshold: DEFAULT_ALARMS.sesBounceRate, Statistic: 'Maximum' }),
    ]);
    expect(byMetric(METRIC_NAMESPACE, 'ReviewEscalations')).toEqual([
      expect.objectContaining({
        Threshold: DEFAULT_ALARMS.reviewEscalationsAbove,
        ComparisonOperator: 'GreaterThanThreshold',
        Statistic: 'Maximum',
        Dimensions: [{ Name: 'service', Value: METRIC_SERVICE }],
      }),
    ]);
    expect(alarms).toHaveLength(3 + 2 * functionCount + 4);
    // The e-mail says what the alarm means and what to do.
    for (const text of Object.values(ALARM_TEXT))
      expect(alarms.some((a) => String(a.AlarmDescription).startsWith(text))).toBe(true);
  });

  it('takes the escalation threshold from cdk.json', () => {
    const { stack } = buildApp({ app: appWith({ alarms: { reviewEscalationsAbove: 7 } }), nag: false });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ReviewEscalations',
      Threshold: 7,
    });
  });

  it('lets the escalation step publish on the topic, and only it', () => {
    const publishers = Object.values(template.findResources('AWS::IAM::Policy')).filter((p: Json) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('sns:Publish'),
    );
    expect(publishers).toHaveLength(1);
    expect(JSON.stringify(publishers[0])).toContain('EscalateReviewFunction');
  });

  it('shows the case metrics, the workflow, the functions and the API on one dashboard', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Json[];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const name of CASE_METRICS) expect(body).toContain(`\\"${name}\\"`);
    for (const dimension of ['LetterKind', 'DisputeKind', 'Decision']) expect(body).toContain(dimension);
    expect(body).toContain(METRIC_NAMESPACE);
    expect(body).toContain('ExecutionsFailed');
    expect(body).toContain('5XXError');
    expect(body).toContain('Staff API (back office)');
  });

  it('throttles the API stage with the rate and burst from cdk.json', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 20,
          ThrottlingBurstLimit: 40,
        }),
      ],
    });
    const { stack } = buildApp({ app: appWith(), nag: false });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: DEFAULT_API_THROTTLING.rateLimit,
          ThrottlingBurstLimit: DEFAULT_API_THROTTLING.burstLimit,
        }),
      ],
    });
  });

  it('logs API Gateway errors without bodies, into a log group the stack creates with a retention', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [Match.objectLike({ LoggingLevel: 'ERROR', DataTraceEnabled: false })],
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    // Each API (the IAM API and the staff API): its execution log group created before the stage, so
    // API Gateway does not create it first without a retention.
    const stages = Object.values(template.findResources('AWS::ApiGateway::Stage')) as Json[];
    const executionLogs = Object.entries(template.findResources('AWS::Logs::LogGroup')).filter(
      ([, g]: [string, Json]) =>
        JSON.stringify(g.Properties.LogGroupName ?? '').includes('API-Gateway-Execution-Logs_'),
    );
    expect(stages).toHaveLength(2);
    expect(executionLogs).toHaveLength(2);
    for (const stage of stages) {
      const ref = stage.Properties.RestApiId.Ref as string;
      const [logsId, logs] = executionLogs.find(([, g]: [string, Json]) =>
        JSON.stringify(g.Properties.LogGroupName).includes(ref),
      ) as [string, Json];
      expect(stage.DependsOn).toContain(logsId);
      expect(JSON.stringify(logs.Properties.LogGroupName)).toContain('/v1');
    }
  });

  it('creates every log group itself, each with a retention: functions, state machine, API access and execution', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Json[];
    // The state machine's, and access and execution logs of the IAM API and of the staff API.
    expect(groups).toHaveLength(functionCount + 5);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(90);
    for (const f of Object.values(template.findResources('AWS::Lambda::Function')) as Json[]) {
      if (!f.Metadata?.['collections:entry']) continue;
      expect(f.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
    }
    // Step Functions logs every state, without execution data (it holds debtors' data).
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it("answers API Gateway's own refusals with the handlers' error body", () => {
    const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse')) as Json[];
    // The IAM API's, and the staff API's the same plus its 401 (test/infra/back-office.test.ts).
    expect(responses).toHaveLength(2 * Object.keys(GATEWAY_RESPONSES).length + 1);
    for (const r of responses) {
      const body = r.Properties.ResponseTemplates['application/json'] as string;
      // As API Gateway sends it: its variables replaced by a message (messageString comes quoted).
      const sent = JSON.parse(
        body
          .replace('$context.error.messageString', '"Too Many Requests"')
          .replaceAll('$context.error.validationErrorString', 'object has missing required properties')
          .replace('$context.error.responseType', 'ACCESS_DENIED'),
      );
      expect(Object.keys(sent).sort()).toEqual(
        r.Properties.ResponseType.startsWith('BAD_REQUEST')
          ? ['code', 'error', 'field', 'message']
          : ['code', 'error', 'message'],
      );
    }
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_BODY',
      StatusCode: '400',
      ResponseTemplates: {
        'application/json':
          '{"error":"InvalidInputError","code":"INVALID_INPUT","message":"body: $context.error.validationErrorString","field":"body"}',
      },
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'THROTTLED',
      StatusCode: '429',
    });
  });
});

import { App, CloudFormationValidatePlugin, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { API_ROUTES } from '../../infra/constructs/case-api.ts';
import { CaseRoute, CaseState, STEP_ENTRIES } from '../../infra/constructs/case-workflow.ts';
import { CASE_TABLE_PROPERTIES } from '../../local/dynamodb/case-table.ts';
import { extractStateMachineDefinition } from '../../local/runtime/definition.ts';
import { agencyClientWorstCaseMs } from '../../shared/adapters/agency-client.http.ts';
import { CASE_INDEXES } from '../../shared/adapters/case-index.ts';

const unbundled = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

describe('the synthesized collections stack', () => {
  let template: Template;
  let definition: { StartAt: string; States: Record<string, any> };

  beforeAll(() => {
    const { stack } = buildApp({ app: unbundled(), nag: false });
    template = Template.fromStack(stack);
    definition = extractStateMachineDefinition(template.toJSON()).definition as typeof definition;
  });

  it('keeps cases in an on-demand, encrypted table with point-in-time recovery that survives stack deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
  });

  it("has the case lists' global secondary indexes, exactly the table the local engines create", () => {
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table')) as any[];
    const indexes = table.Properties.GlobalSecondaryIndexes as any[];
    expect(indexes.map((i) => i.IndexName).sort()).toEqual(
      [
        'cases-by-debtor-name',
        'cases-by-next-step',
        'cases-by-opened',
        'cases-by-stage',
        'disputes-by-status',
        'paused-cases',
      ].sort(),
    );
    for (const index of indexes) {
      expect(index.KeySchema.map((k: any) => k.KeyType)).toEqual(['HASH', 'RANGE']);
      expect(index.Projection.ProjectionType).toBe('INCLUDE');
      expect(index.ProvisionedThroughput).toBeUndefined();
    }
    const byName = (list: any[]) => [...list].sort((a, b) => (a.IndexName < b.IndexName ? -1 : 1));
    expect(byName(indexes)).toEqual(byName(CASE_TABLE_PROPERTIES.GlobalSecondaryIndexes ?? []));
    const attributes = (list: any[]) =>
      [...list].sort((a, b) => (a.AttributeName < b.AttributeName ? -1 : 1));
    expect(attributes(table.Properties.AttributeDefinitions)).toEqual(
      attributes(CASE_TABLE_PROPERTIES.AttributeDefinitions),
    );
    expect(table.Properties.KeySchema).toEqual(CASE_TABLE_PROPERTIES.KeySchema);
  });

  it("lets the list routes Query the case lists' indexes and read the cases found, nothing more", () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn, `/index/${name}`]] });
    const expected = {
      ListCases: CASE_INDEXES.map((i) => i.name),
      ListDisputes: ['disputes-by-status'],
    };
    for (const [route, indexes] of Object.entries(expected)) {
      const [, policy] = Object.entries(policies).find(([key]) =>
        key.startsWith(`CaseApi${route}Function`),
      ) as [string, any];
      const statements = policy.Properties.PolicyDocument.Statement.filter((s: any) =>
        [s.Action].flat().some((a: string) => a.startsWith('dynamodb:')),
      );
      // Query only on the indexes the route's lists use; on the table only reads of single keys.
      const queried = statements.filter((s: any) => [s.Action].flat().includes('dynamodb:Query'));
      expect(queried.map((s: any) => s.Resource)).toEqual(indexes.map(indexArn));
      for (const s of statements.filter((x: any) => !queried.includes(x))) {
        expect(s.Resource).toEqual(tableArn);
        for (const a of [s.Action].flat()) expect(['dynamodb:GetItem', 'dynamodb:BatchGetItem']).toContain(a);
      }
    }
  });

  it('runs every function on Node.js 24, ARM64, with its own log group that has a retention', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const ours = Object.values(functions).filter((f: any) => f.Metadata?.['collections:entry']);
    // The steps, the routes, and the function that records letter bounces and complaints.
    expect(ours).toHaveLength(Object.keys(STEP_ENTRIES).length + API_ROUTES.length + 1);
    for (const f of ours as any[]) {
      expect(f.Properties.Runtime).toBe('nodejs24.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect(f.Properties.LoggingConfig?.LogGroup).toBeDefined();
    }
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup')) as any[];
    expect(logGroups.length).toBeGreaterThanOrEqual(ours.length + 2);
    for (const g of logGroups) expect(g.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('is a Standard state machine, traced, logging to a log group', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  it('raises an alarm when a case workflow fails, such as a handoff that kept failing', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed',
      Namespace: 'AWS/States',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('shows the lifecycle in its states: open, reminder, demand, term, handoff, with dispute review', () => {
    expect(definition.StartAt).toBe(CaseState.OpenCase);
    for (const name of Object.values(CaseState)) expect(Object.keys(definition.States)).toContain(name);
    const s = definition.States;
    // Every step answers where the case stands; RouteCase takes it there (never a fixed next state).
    for (const step of [
      CaseState.OpenCase,
      CaseState.SendReminder,
      CaseState.SendDemand,
      CaseState.PrepareHandoff,
      CaseState.HandOffToAgency,
      CaseState.ReviewDispute,
      CaseState.EscalateReview,
      CaseState.ReleaseHold,
      CaseState.ResumeDunning,
      CaseState.ContinueAsNew,
    ]) {
      expect(s[step].Next).toBe(CaseState.RouteCase);
    }
    const routes = Object.fromEntries(s.RouteCase.Choices.map((c: any) => [c.StringEquals, c.Next]));
    expect(routes).toEqual({
      [CaseRoute.AwaitReminderDay]: CaseState.AwaitReminderDay,
      [CaseRoute.AwaitDemandDay]: CaseState.AwaitDemandDay,
      [CaseRoute.AwaitDemandTerm]: CaseState.AwaitDemandTerm,
      [CaseRoute.HandOff]: CaseState.PrepareHandoff,
      [CaseRoute.DeliverDossier]: CaseState.HandOffToAgency,
      [CaseRoute.HandedOff]: CaseState.HandedOff,
      [CaseRoute.ReviewDispute]: CaseState.ReviewDispute,
      [CaseRoute.AwaitReviewer]: CaseState.AwaitReviewerDecision,
      [CaseRoute.AwaitRelease]: CaseState.AwaitRelease,
      [CaseRoute.Paid]: CaseState.CasePaid,
      [CaseRoute.Closed]: CaseState.CaseClosed,
      [CaseRoute.ContinueAsNew]: CaseState.ContinueAsNew,
      [CaseRoute.Continued]: CaseState.ContinuedAsNew,
    });
    expect(definition.States.HandedOff.Type).toBe('Succeed');
    expect(definition.States.CaseFailed.Type).toBe('Fail');
  });

  it('waits with callbacks that time out on the next step date and can be woken by a signal', () => {
    const waits = [
      [CaseState.AwaitReminderDay, CaseState.SendReminder],
      [CaseState.AwaitDemandDay, CaseState.SendDemand],
      [CaseState.AwaitDemandTerm, CaseState.PrepareHandoff],
      [CaseState.AwaitReviewerDecision, CaseState.EscalateReview],
      [CaseState.AwaitRelease, CaseState.ReleaseHold],
    ];
    for (const [wait, onTimeout] of waits) {
      const state = definition.States[wait as string];
      expect(state.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(state.TimeoutSecondsPath).toBe('$.step.wait.seconds');
      expect(state.Parameters.Payload['taskToken.$']).toBe('$$.Task.Token');
      expect(state.Catch[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: onTimeout });
      expect(state.Next).toBe(CaseState.ResumeDunning);
    }
  });

  it('retries transient errors and routes a business error that escapes a step from the case record', () => {
    const step = definition.States.SendDemand;
    const retried = step.Retry.flatMap((r: any) => r.ErrorEquals);
    expect(retried).toEqual(
      expect.arrayContaining(['Lambda.ServiceException', 'ConcurrentUpdateError', 'TransientError']),
    );
    const catches = Object.fromEntries(step.Catch.map((c: any) => [c.ErrorEquals[0], c.Next]));
    expect(step.Catch[0]).toMatchObject({
      ErrorEquals: ['CasePaidError', 'CaseDisputedError', 'CaseOnHoldError', 'CaseClosedError'],
      Next: CaseState.ResumeDunning,
    });
    expect(catches['States.ALL']).toBe(CaseState.RecordFailure);
    const agencyRetry = definition.States.HandOffToAgency.Retry.find((r: any) =>
      r.ErrorEquals.includes('AgencyUnavailableError'),
    );
    expect(agencyRetry).toMatchObject({ BackoffRate: 2, MaxAttempts: 6 });
  });

  it('gives the agency client a worst case well inside the handoff function timeout, and the workflow the long retries', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const [, handOff] =
      Object.entries(functions).find(([id]) => id.startsWith('WorkflowHandOffToAgencyFunction')) ?? [];
    const timeoutMs = (handOff?.Properties.Timeout as number) * 1000;
    // Reading the case, the secret and writing the outcome need a few seconds of their own.
    expect(agencyClientWorstCaseMs() + 3_000).toBeLessThan(timeoutMs);
    const agencyRetry = definition.States.HandOffToAgency.Retry.find((r: any) =>
      r.ErrorEquals.includes('AgencyUnavailableError'),
    );
    expect(agencyRetry.IntervalSeconds * 1000).toBeGreaterThan(agencyClientWorstCaseMs());
  });

  it('grants the agency secret only to the handoff function, and task responses only where signals are sent', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const policyText = (id: string) =>
      JSON.stringify(Object.entries(policies).find(([key]) => key.startsWith(id))?.[1] ?? {});
    expect(policyText('WorkflowHandOffToAgencyFunction')).toContain('secretsmanager:GetSecretValue');
    expect(policyText('WorkflowSendReminderFunction')).not.toContain('secretsmanager:GetSecretValue');
    expect(policyText('CaseApiRecordPaymentFunction')).toContain('states:SendTaskSuccess');
    expect(policyText('CaseApiOpenCaseFunction')).toContain('states:StartExecution');
    expect(policyText('CaseApiGetCaseFunction')).not.toContain('dynamodb:PutItem');
    expect(policyText('CaseApiGetCaseFunction')).toContain('dynamodb:GetItem');
    expect(policyText('WorkflowAwaitCaseEventFunction')).toContain('states:SendTaskSuccess');
    expect(policyText('WorkflowSendDemandFunction')).toContain('ses:SendEmail');
    expect(policyText('WorkflowResumeDunningFunction')).not.toContain('ses:SendEmail');
  });

  it('puts every route behind IAM authorization and request validation', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as any[];
    // The case API's methods (the staff API's are checked in back-office.test.ts).
    const [caseApiId] = Object.keys(
      template.findResources('AWS::ApiGateway::RestApi', { Properties: { Name: 'collections-cases' } }),
    );
    const routed = methods.filter(
      (m) => m.Properties.HttpMethod !== 'OPTIONS' && m.Properties.RestApiId.Ref === caseApiId,
    );
    expect(routed).toHaveLength(API_ROUTES.length);
    for (const m of routed) {
      expect(m.Properties.AuthorizationType).toBe('AWS_IAM');
      expect(m.Properties.RequestValidatorId).toBeDefined();
    }
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it("passes cdk-nag's AwsSolutions checks, every suppression carrying a reason", () => {
    const app = unbundled();
    const { stack } = buildApp({ app, nag: false });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report).toBe('');
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors).toEqual([]);
  });

  // The one synthesis in the tests with the CDK's built-in CloudFormation Validate (the test env turns it
  // off elsewhere: it costs seconds per process), its findings errors rather than the default warnings.
  it("passes the CDK's built-in CloudFormation Validate rules, findings counted as errors", () => {
    const app = new App({
      context: { 'aws:cdk:bundling-stacks': [], '@aws-cdk/core:validateAgainstDefaultRules': true },
    });
    buildApp({ app, nag: false });
    Validations.of(app).addPlugins(new CloudFormationValidatePlugin());
    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report).toBe('');
  });
});

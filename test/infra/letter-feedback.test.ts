import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { LETTER_FEEDBACK_ENTRY } from '../../infra/constructs/letter-feedback.ts';

/** The parts of a template resource these tests read. */
interface CfnResource {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties: {
    Role?: { 'Fn::GetAtt': [string, string] };
    Roles?: { Ref: string }[];
    Environment?: { Variables?: Record<string, string> };
    PolicyDocument?: { Statement: { Action: string | string[]; Resource: unknown }[] };
  };
}

/** The IAM actions a function's role policies allow, with the resources of each statement. */
function statementsOf(
  template: Template,
  functionLogicalIdPrefix: string,
): { Action: string[]; Resource: unknown }[] {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) =>
    id.startsWith(functionLogicalIdPrefix),
  );
  return policies.flatMap(([, p]) =>
    ((p as CfnResource).Properties.PolicyDocument?.Statement ?? []).map((s) => ({
      Action: [s.Action].flat(),
      Resource: s.Resource,
    })),
  );
}

describe('letters over TLS, with bounces and complaints back on the case', () => {
  let template: Template;
  let resources: Record<string, CfnResource>;
  const configurationSetName = 'DutchCollections-letters';

  beforeAll(() => {
    const { stack } = buildApp({ app: new App({ context: { 'aws:cdk:bundling-stacks': [] } }), nag: false });
    template = Template.fromStack(stack);
    resources = template.toJSON().Resources;
  });

  it('has an SES configuration set that delivers only over TLS', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      Name: configurationSetName,
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });

  it('publishes bounces and complaints, and nothing else, to the default event bus', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: Match.anyValue(),
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        EventBridgeDestination: {
          EventBusArn: Match.objectLike({
            'Fn::Join': Match.arrayWith([Match.arrayWith([':event-bus/default'])]),
          }),
        },
      },
    });
  });

  it("routes the configuration set's bounces and complaints to the function that records them", () => {
    const [fnId] = Object.entries(resources).find(
      ([, r]) => r.Metadata?.['collections:entry'] === LETTER_FEEDBACK_ENTRY,
    ) as [string, CfnResource];
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [fnId, 'Arn'] },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
      Principal: 'events.amazonaws.com',
    });
  });

  it('grants the recording function only what it does: read and write the case, publish its events, wake its workflow', () => {
    const [fnId] = Object.entries(resources).find(
      ([, r]) => r.Metadata?.['collections:entry'] === LETTER_FEEDBACK_ENTRY,
    ) as [string, CfnResource];
    const roleId = resources[fnId]?.Properties.Role?.['Fn::GetAtt'][0];
    const policyIds = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles?.some((x) => x.Ref === roleId))
      .map(([id]) => id);
    const statements = policyIds.flatMap((id) => statementsOf(template, id));
    const actions = statements.flatMap((s) => s.Action).sort();
    expect(actions).toEqual(
      [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        // A write of a closed case (a bounce after the handoff) carries its retention to its kept letters.
        'dynamodb:Query',
        'dynamodb:UpdateItem',
        'events:PutEvents',
        'states:SendTaskSuccess',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    const dynamo = statements.find((s) => s.Action.includes('dynamodb:GetItem'));
    expect(JSON.stringify(dynamo?.Resource)).toContain('CaseTable');
    expect(JSON.stringify(dynamo?.Resource)).not.toContain('*');
    // A bounce may place a hold, which is published on the case bus.
    const events = statements.find((s) => s.Action.includes('events:PutEvents'));
    const [busId] = Object.keys(template.findResources('AWS::Events::EventBus'));
    expect(events?.Resource).toEqual({ 'Fn::GetAtt': [busId, 'Arn'] });
    const states = statements.find((s) => s.Action.includes('states:SendTaskSuccess'));
    expect(JSON.stringify(states?.Resource)).toContain(':stateMachine:');
    expect(JSON.stringify(states?.Resource)).toContain('-case-lifecycle');
  });

  it('sends every letter with the configuration set, and may send with that configuration set only', () => {
    const senders = Object.entries(resources).filter(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.LETTER_CONFIGURATION_SET,
    );
    expect(senders.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(
      [
        'WorkflowHandOffToAgencyFunction',
        'WorkflowReviewDisputeFunction',
        'WorkflowSendDemandFunction',
        'WorkflowSendReminderFunction',
      ].sort(),
    );
    for (const [, fn] of senders) {
      expect(fn.Properties.Environment?.Variables?.LETTER_CONFIGURATION_SET).toBe(configurationSetName);
    }
    const send = statementsOf(template, 'WorkflowSendDemandFunction').find((s) =>
      s.Action.includes('ses:SendEmail'),
    );
    expect(JSON.stringify(send?.Resource)).toContain(`:configuration-set/${configurationSetName}`);
  });
});

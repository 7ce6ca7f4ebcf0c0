import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { API_ROUTES } from '../../infra/constructs/case-api.ts';
import { STEP_ENTRIES } from '../../infra/constructs/case-workflow.ts';
import { LETTER_FEEDBACK_ENTRY } from '../../infra/constructs/letter-feedback.ts';
import { deploymentConfig } from '../../infra/deployment-config.ts';
import { PUBLISHED_EVENT_TYPES } from '../../shared/domain/vocabulary.ts';
import { EVENT_SOURCE } from '../../shared/events/version.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
type Json = any;

const WEBHOOK = { endpoint: 'https://erp.example.nl/hooks/collections', rateLimitPerSecond: 5 };

function synth(collections: Record<string, unknown> = {}): { app: App; template: Template } {
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      collections: { agencyEndpoint: 'https://agency.example.invalid/dossiers', ...collections },
    },
  });
  const { stack } = buildApp({ app, nag: false });
  return { app, template: Template.fromStack(stack) };
}

/** The policy statements attached to the role of the function whose entry is `entry`. */
function statementsOf(template: Template, entry: string): Json[] {
  const [, fn] = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, f]: [string, Json]) => f.Metadata?.['collections:entry'] === entry,
  ) as [string, Json];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: Json) => p.Properties.Roles.some((r: Json) => r.Ref === roleId))
    .flatMap((p: Json) => p.Properties.PolicyDocument.Statement);
}

describe('the case event bus in the stack', () => {
  let template: Template;
  let busId: string;

  beforeAll(() => {
    ({ template } = synth());
    busId = Object.keys(template.findResources('AWS::Events::EventBus'))[0] as string;
  });

  it('is one bus, named after the stack', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'DutchCollections-case-events' });
  });

  it('every function that changes a case may put events on that bus only; the read-only routes may not', () => {
    const writers = [
      ...Object.values(STEP_ENTRIES),
      ...API_ROUTES.filter((r) => r.uses.store?.includes('replace')).map((r) => r.entry),
      LETTER_FEEDBACK_ENTRY,
    ];
    // Every route that changes a case declares that it publishes (the declaration is what grants it).
    for (const route of API_ROUTES.filter((r) => r.uses.store?.includes('replace')))
      expect(route.uses.events, route.entry).toEqual(['publish']);
    for (const entry of writers) {
      const publishing = statementsOf(template, entry).filter((s) =>
        [s.Action].flat().includes('events:PutEvents'),
      );
      expect(publishing, entry).toEqual([
        { Action: 'events:PutEvents', Effect: 'Allow', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } },
      ]);
    }
    for (const route of API_ROUTES.filter((r) => !r.uses.store?.includes('replace'))) {
      const actions = statementsOf(template, route.entry).flatMap((s) => [s.Action].flat());
      expect(
        actions.filter((a: string) => a.startsWith('events:')),
        route.entry,
      ).toEqual([]);
    }
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Json[];
    const withBus = functions.filter((f) => f.Properties.Environment?.Variables?.EVENT_BUS_NAME);
    expect(withBus).toHaveLength(writers.length);
    for (const f of withBus)
      expect(f.Properties.Environment.Variables.EVENT_BUS_NAME).toEqual({ Ref: busId });
  });

  it('sends nothing to a webhook unless cdk.json configures one', () => {
    template.resourceCountIs('AWS::Events::Connection', 0);
    template.resourceCountIs('AWS::Events::ApiDestination', 0);
    // The stack's other rule (SES feedback) is on the default bus; none is on the case bus.
    const onCaseBus = Object.values(template.findResources('AWS::Events::Rule')).filter(
      (r: Json) => JSON.stringify(r.Properties.EventBusName) === JSON.stringify({ Ref: busId }),
    );
    expect(onCaseBus).toEqual([]);
  });
});

describe('the events webhook configured in cdk.json (collections.eventsWebhook)', () => {
  let app: App;
  let template: Template;

  beforeAll(() => {
    ({ app, template } = synth({ eventsWebhook: WEBHOOK }));
  });

  it('is an API destination behind a connection that sends an API key', () => {
    template.hasResourceProperties('AWS::Events::Connection', {
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'X-Api-Key' } },
    });
    template.hasResourceProperties('AWS::Events::ApiDestination', {
      InvocationEndpoint: WEBHOOK.endpoint,
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: 5,
    });
  });

  it('a rule on the bus sends every event type, its detail as the body, with the event id to deduplicate on; retried, then dead-lettered', () => {
    const busId = Object.keys(template.findResources('AWS::Events::EventBus'))[0] as string;
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: busId },
      EventPattern: { source: [EVENT_SOURCE], 'detail-type': [...PUBLISHED_EVENT_TYPES] },
      Targets: [
        Match.objectLike({
          InputPath: '$.detail',
          HttpParameters: {
            HeaderParameters: { 'Idempotency-Key': '$.detail.id', 'X-Event-Type': '$.detail-type' },
          },
          RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 },
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      ],
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });

  it("passes cdk-nag's AwsSolutions checks, every suppression carrying a reason", () => {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report).toBe('');
    const stack = app.node.children.find((c) => c.node.id === 'DutchCollections') as Json;
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual(
      [],
    );
  });

  it('refuses at synthesis an endpoint that is not https, or an event type that does not exist', () => {
    const refusal = (setting: string) => expect.objectContaining({ name: 'ConfigurationError', setting });
    expect(() => synth({ eventsWebhook: { endpoint: 'http://erp.example.nl/hook' } })).toThrow(
      refusal('collections.eventsWebhook.endpoint'),
    );
    expect(() => synth({ eventsWebhook: { endpoint: 'not a url' } })).toThrow(
      refusal('collections.eventsWebhook.endpoint'),
    );
    expect(() => synth({ eventsWebhook: { ...WEBHOOK, eventTypes: ['case-reopened'] } })).toThrow(
      'unknown event type(s) case-reopened',
    );
    expect(() => synth({ eventsWebhook: { ...WEBHOOK, rateLimitPerSecond: 0 } })).toThrow(
      refusal('collections.eventsWebhook.rateLimitPerSecond'),
    );
  });

  it('is part of the deployment config, https: also on AWS, none when cdk.json has none', () => {
    expect(deploymentConfig({}, undefined).eventsWebhook).toBeNull();
    expect(deploymentConfig({ eventsWebhook: WEBHOOK }, undefined).eventsWebhook).toEqual(WEBHOOK);
    const real = {
      agencyEndpoint: 'https://api.incasso.example/dossiers',
      alarmEmail: 'ops@energiedirect.example',
      settings: {
        creditor: {
          id: 'energiedirect',
          name: 'Energie Direct B.V.',
          kvkNumber: '87654321',
          iban: 'NL02RABO0123456789',
          email: 'debiteuren@energiedirect.example',
        },
        letters: { fromAddress: 'debiteuren@energiedirect.example' },
      },
    };
    expect(deploymentConfig({ ...real, eventsWebhook: WEBHOOK }, 'aws').eventsWebhook).toEqual(WEBHOOK);
    expect(() =>
      deploymentConfig({ ...real, eventsWebhook: { endpoint: 'http://127.0.0.1:9000/hook' } }, 'aws'),
    ).toThrow(expect.objectContaining({ setting: 'collections.eventsWebhook.endpoint' }));
  });
});

import { Duration, SecretValue, Validations } from 'aws-cdk-lib';
import {
  ApiDestination,
  Authorization,
  Connection,
  EventBus,
  HttpMethod,
  Rule,
  RuleTargetInput,
} from 'aws-cdk-lib/aws-events';
import { ApiDestination as ApiDestinationTarget } from 'aws-cdk-lib/aws-events-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PUBLISHED_EVENT_TYPES } from '../../shared/domain/vocabulary.ts';
import { EVENT_SOURCE } from '../../shared/events/version.ts';
import type { EventsWebhookConfig } from '../deployment-config.ts';

export interface CaseEventsProps {
  eventBusName: string;
  webhook?: EventsWebhookConfig | null;
}

/**
 * The case event bus the functions publish to (docs/events.md), and optionally an API destination: a rule
 * that sends each event's detail to the creditor's webhook, authenticated with an API key EventBridge
 * keeps in a connection, retried for up to 24 hours, then kept in a dead-letter queue.
 */
export class CaseEvents extends Construct {
  readonly bus: EventBus;
  readonly webhookDeadLetters: Queue | undefined;

  constructor(scope: Construct, id: string, props: CaseEventsProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: props.eventBusName,
      description: 'What happened to a case, for the creditor’s other systems (schemas/events/)',
    });
    const webhook = props.webhook;
    // Checked when cdk.json was read (infra/deployment-config.ts): https, known event types.
    if (!webhook) return;
    const key = new Secret(this, 'WebhookApiKey', {
      description: 'API key EventBridge sends to the events webhook (X-Api-Key); give it to the receiver',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(key).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason: 'The key is shared with the webhook’s owner; it is rotated by arrangement, not on a timer.',
    });
    const connection = new Connection(this, 'WebhookConnection', {
      description: 'Authenticates case events sent to the creditor’s webhook',
      authorization: Authorization.apiKey('X-Api-Key', SecretValue.secretsManager(key.secretArn)),
    });
    const destination = new ApiDestination(this, 'Webhook', {
      connection,
      endpoint: webhook.endpoint,
      httpMethod: HttpMethod.POST,
      rateLimitPerSecond: webhook.rateLimitPerSecond ?? 10,
      description: 'The creditor’s webhook for case events',
    });
    this.webhookDeadLetters = new Queue(this, 'WebhookDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.webhookDeadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the webhook rule.',
    });
    new Rule(this, 'ToWebhook', {
      eventBus: this.bus,
      description: 'Sends case events to the creditor’s webhook',
      eventPattern: {
        source: [EVENT_SOURCE],
        detailType: [...(webhook.eventTypes ?? PUBLISHED_EVENT_TYPES)],
      },
      targets: [
        new ApiDestinationTarget(destination, {
          // The event itself (schemas/events/), as the local webhook receives it.
          event: RuleTargetInput.fromEventPath('$.detail'),
          headerParameters: { 'Idempotency-Key': '$.detail.id', 'X-Event-Type': '$.detail-type' },
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: this.webhookDeadLetters,
        }),
      ],
    });
  }
}

import { type Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { CaseApi } from './constructs/case-api.ts';
import { CaseEvents, type EventsWebhookConfig } from './constructs/case-events.ts';
import { CaseWorkflow } from './constructs/case-workflow.ts';

export interface CollectionsStackProps extends StackProps {
  /** The collection agency's HTTPS endpoint that receives dossiers. */
  agencyEndpoint: string;
  /** Shared environment for every function: creditor details, dunning policy, letter sender. */
  settings: Record<string, string>;
  /** The SES sender of letters. */
  letterFromAddress: string;
  agencyRetryInterval?: Duration;
  /** An HTTPS webhook that receives the case events (cdk.json `collections.eventsWebhook`); none by default. */
  eventsWebhook?: EventsWebhookConfig | null;
}

/**
 * The whole product in one stack: the case table (retained on deletion: it is the evidence trail),
 * the case event bus (and optional webhook), the lifecycle workflow with its step functions, and the
 * case API.
 */
export class CollectionsStack extends Stack {
  readonly table: Table;
  readonly workflow: CaseWorkflow;
  readonly api: CaseApi;
  readonly events: CaseEvents;

  constructor(scope: Construct, id: string, props: CollectionsStackProps) {
    super(scope, id, props);
    this.table = new Table(this, 'CaseTable', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const agencySecret = new Secret(this, 'AgencySigningSecret', {
      description: 'HMAC key that signs dossiers sent to the collection agency',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(agencySecret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'The signing key is shared with the agency; it is rotated by arrangement with them, not on a timer.',
    });
    this.events = new CaseEvents(this, 'CaseEvents', {
      eventBusName: `${this.stackName}-case-events`,
      webhook: props.eventsWebhook ?? null,
    });
    this.workflow = new CaseWorkflow(this, 'Workflow', {
      table: this.table,
      eventBus: this.events.bus,
      stateMachineName: `${this.stackName}-case-lifecycle`,
      environment: props.settings,
      agencyEndpoint: props.agencyEndpoint,
      agencySecret,
      letterFromAddress: props.letterFromAddress,
      agencyRetryInterval: props.agencyRetryInterval,
    });
    this.api = new CaseApi(this, 'CaseApi', {
      table: this.table,
      eventBus: this.events.bus,
      stateMachine: this.workflow.stateMachine,
      environment: props.settings,
    });
  }
}

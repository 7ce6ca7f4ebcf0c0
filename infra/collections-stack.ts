import {
  ArnFormat,
  CfnOutput,
  CfnRule,
  type Duration,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { CASE_INDEXES, INDEX_FILTER_ATTRIBUTES } from '../shared/adapters/case-index.ts';
import { TTL_ATTRIBUTE } from '../shared/adapters/case-store.dynamodb.ts';
import { BackOfficeSite } from './constructs/back-office-site.ts';
import { CaseApi } from './constructs/case-api.ts';
import { CaseEvents } from './constructs/case-events.ts';
import { CaseWorkflow } from './constructs/case-workflow.ts';
import { LetterFeedback } from './constructs/letter-feedback.ts';
import { Operations } from './constructs/operations.ts';
import { StaffApi } from './constructs/staff-api.ts';
import { StaffSignIn } from './constructs/staff-sign-in.ts';
import type { DeploymentConfig } from './deployment-config.ts';
import type { PortResources } from './function-access.ts';

export interface CollectionsStackProps extends StackProps {
  config: DeploymentConfig;
  agencyRetryInterval?: Duration;
}

/**
 * The whole product in one stack: the case table (retained on deletion: it is the evidence trail),
 * the case event bus (and optional webhook, cdk.json `collections.eventsWebhook`), the lifecycle workflow
 * with its step functions, the case API, and what tells operators (metrics, dashboard, alarms on an SNS
 * topic).
 */
export class CollectionsStack extends Stack {
  readonly table: Table;
  readonly workflow: CaseWorkflow;
  readonly api: CaseApi;
  readonly alertsTopic: Topic;
  readonly operations: Operations;
  readonly letterFeedback: LetterFeedback;
  readonly events: CaseEvents;
  readonly staffSignIn: StaffSignIn;
  readonly staffApi: StaffApi;
  readonly backOffice: BackOfficeSite;

  constructor(scope: Construct, id: string, props: CollectionsStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.table = new Table(this, 'CaseTable', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      // A closed case's record expires when its retention ends (shared/domain/retention.ts).
      timeToLiveAttribute: TTL_ATTRIBUTE,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The case lists' indexes (docs/data-model.md); the local engines create the same from CASE_INDEXES.
    for (const index of CASE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...INDEX_FILTER_ATTRIBUTES],
      });
    }
    const agencySecret = new Secret(this, 'AgencySigningSecret', {
      description: 'HMAC key that signs dossiers sent to the collection agency',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(agencySecret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'The signing key is shared with the agency; it is rotated by arrangement with them, not on a timer.',
    });
    // Alarms and operator alerts (an escalated review) go to one topic, e-mailed to the operators.
    this.alertsTopic = new Topic(this, 'AlertsTopic', {
      displayName: 'Collections: alarms and operator alerts',
      enforceSSL: true,
    });
    Validations.of(this.alertsTopic).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SNS2',
      reason:
        'Messages carry alarm states, case ids and counts, no personal data; CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key, and a customer key is not worth its cost here.',
    });
    if (config.alarmEmail) this.alertsTopic.addSubscription(new EmailSubscription(config.alarmEmail));

    this.events = new CaseEvents(this, 'CaseEvents', {
      eventBusName: `${this.stackName}-case-events`,
      webhook: config.eventsWebhook,
    });

    const stateMachineName = `${this.stackName}-case-lifecycle`;
    const fromAddress = config.settings.letters.fromAddress;
    const fromDomain = fromAddress.split('@')[1] ?? fromAddress;
    // Letters go out over TLS only, and their bounces and complaints come back to the case.
    const letterConfigurationSetName = `${this.stackName}-letters`;
    const ports: PortResources = {
      table: this.table,
      // Formed from the name, not taken from the state machine: its steps are granted by it without a cycle.
      stateMachineArn: this.formatArn({
        service: 'states',
        resource: 'stateMachine',
        resourceName: stateMachineName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      executionArns: this.formatArn({
        service: 'states',
        resource: 'execution',
        resourceName: `${stateMachineName}:*`,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      // Letters go out through SES from the configured sender only (the address or its domain verified).
      letterSender: {
        identityArns: [fromAddress, fromDomain].map((identity) =>
          this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
        ),
        fromAddress,
        configurationSetName: letterConfigurationSetName,
        configurationSetArn: this.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: letterConfigurationSetName,
        }),
      },
      agencySecret,
      alertsTopic: this.alertsTopic,
      eventBus: this.events.bus,
    };
    this.workflow = new CaseWorkflow(this, 'Workflow', {
      ports,
      stateMachineName,
      environment: config.environment,
      agencyEndpoint: config.agencyEndpoint,
      agencyRetryInterval: props.agencyRetryInterval,
    });
    this.letterFeedback = new LetterFeedback(this, 'LetterFeedback', {
      ports,
      configurationSetName: letterConfigurationSetName,
      environment: config.environment,
    });
    this.api = new CaseApi(this, 'CaseApi', {
      ports,
      environment: config.environment,
      throttling: config.api,
    });
    if (config.deployment === 'demo') {
      // A template synthesized for the local demo cannot be deployed by mistake.
      new CfnRule(this, 'RefuseDemoDeployment', {
        assertions: [
          {
            assert: Fn.conditionEquals('demo', 'aws'),
            assertDescription:
              'This template was synthesized for the local demo. Synthesize a real deployment with -c deployment=aws (README, Deploy).',
          },
        ],
      });
    }
    // The back office: staff sign in with Cognito; the staff routes call the same functions as the IAM API.
    this.staffSignIn = new StaffSignIn(this, 'StaffSignIn', {
      domainPrefix: config.staffSignInDomainPrefix ?? `${this.stackName.toLowerCase()}-staff-${this.account}`,
    });
    this.staffApi = new StaffApi(this, 'StaffApi', {
      userPool: this.staffSignIn.userPool,
      functions: this.api.functions,
      throttling: config.api,
    });
    this.backOffice = new BackOfficeSite(this, 'BackOffice', {
      staffApi: this.staffApi.api,
      signIn: this.staffSignIn,
    });
    this.operations = new Operations(this, 'Operations', {
      topic: this.alertsTopic,
      stateMachine: this.workflow.stateMachine,
      functions: [
        ...Object.values(this.workflow.functions),
        ...Object.values(this.api.functions),
        this.letterFeedback.function,
      ],
      api: this.api.api,
      staffApi: this.staffApi.api,
      thresholds: config.alarms,
    });
    new CfnOutput(this, 'BackOfficeUrl', {
      value: this.backOffice.url,
      description: 'The back office for staff',
    });
    new CfnOutput(this, 'StaffUserPoolId', {
      value: this.staffSignIn.userPool.userPoolId,
      description: 'Add staff here (groups viewer, reviewer, operator)',
    });
  }
}

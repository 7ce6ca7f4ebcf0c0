import { CfnOutput, type Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { CASE_INDEXES, INDEX_FILTER_ATTRIBUTES } from '../shared/adapters/case-index.ts';
import { BackOfficeSite } from './constructs/back-office-site.ts';
import { CaseApi } from './constructs/case-api.ts';
import { CaseWorkflow } from './constructs/case-workflow.ts';
import { StaffApi } from './constructs/staff-api.ts';
import { StaffSignIn } from './constructs/staff-sign-in.ts';

export interface CollectionsStackProps extends StackProps {
  /** The collection agency's HTTPS endpoint that receives dossiers. */
  agencyEndpoint: string;
  /** Shared environment for every function: creditor details, dunning policy, letter sender. */
  settings: Record<string, string>;
  /** The SES sender of letters. */
  letterFromAddress: string;
  agencyRetryInterval?: Duration;
  /** The prefix of the staff's Cognito hosted sign-in domain; unique in the region. */
  staffSignInDomainPrefix?: string;
}

/**
 * The whole product in one stack: the case table (retained on deletion: it is the evidence trail),
 * the lifecycle workflow with its step functions, and the case API.
 */
export class CollectionsStack extends Stack {
  readonly table: Table;
  readonly workflow: CaseWorkflow;
  readonly api: CaseApi;
  readonly staffSignIn: StaffSignIn;
  readonly staffApi: StaffApi;
  readonly backOffice: BackOfficeSite;

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
    this.workflow = new CaseWorkflow(this, 'Workflow', {
      table: this.table,
      stateMachineName: `${this.stackName}-case-lifecycle`,
      environment: props.settings,
      agencyEndpoint: props.agencyEndpoint,
      agencySecret,
      letterFromAddress: props.letterFromAddress,
      agencyRetryInterval: props.agencyRetryInterval,
    });
    this.api = new CaseApi(this, 'CaseApi', {
      table: this.table,
      stateMachine: this.workflow.stateMachine,
      environment: props.settings,
    });
    // The back office: staff sign in with Cognito; the staff routes call the same functions as the IAM API.
    this.staffSignIn = new StaffSignIn(this, 'StaffSignIn', {
      domainPrefix: props.staffSignInDomainPrefix ?? `${this.stackName.toLowerCase()}-staff-${this.account}`,
    });
    this.staffApi = new StaffApi(this, 'StaffApi', {
      userPool: this.staffSignIn.userPool,
      functions: this.api.functions,
    });
    this.backOffice = new BackOfficeSite(this, 'BackOffice', {
      staffApi: this.staffApi.api,
      signIn: this.staffSignIn,
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

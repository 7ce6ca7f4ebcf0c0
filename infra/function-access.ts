import type { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { CASE_INDEX, CASE_INDEXES } from '../shared/adapters/case-index.ts';
import { CASE_KEY_PREFIX, INTAKE_KEY_PREFIX } from '../shared/adapters/case-store.dynamodb.ts';
import type { CaseDependencies } from '../shared/use-cases/dependencies.ts';

/**
 * What a function may do on AWS follows from the port methods its code calls: each function declares
 * those (the single source, `PortUse`), and PORT_PERMISSIONS says once what each method needs on AWS. The
 * grants, the environment variables and the CDK assertion test (test/infra/function-access.test.ts) are
 * all derived from the two; test/e2e/port-use.test.ts checks the declaration against the calls the
 * functions really make.
 */
type PortName = 'store' | 'queries' | 'workflow' | 'letters' | 'agency' | 'alerts' | 'events';
type MethodsOf<P extends PortName> = Exclude<keyof CaseDependencies[P], symbol>;

/** The port methods a function calls, per port. */
export type PortUse = { readonly [P in PortName]?: readonly MethodsOf<P>[] };

/** DynamoDB item actions the case store uses. */
export type TableAction = 'GetItem' | 'BatchGetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

/** One permission a port method needs, on one of the resources the stack gives a function. */
export type Permission =
  /** Item actions on the case table, limited to items whose partition key starts with `keyPrefix`. */
  | { on: 'table'; actions: readonly TableAction[]; keyPrefix: string }
  /** Query on a secondary index of the case table (the index's keys are not the item's: no key prefix). */
  | { on: 'index'; index: string; actions: readonly ['Query'] }
  | { on: 'stateMachine'; actions: readonly ('states:StartExecution' | 'states:SendTaskSuccess')[] }
  | { on: 'executions'; actions: readonly ['states:DescribeExecution'] }
  /** ses:SendEmail, from the configured sender only. */
  | { on: 'letterSender' }
  | { on: 'agencySecret'; actions: readonly ['secretsmanager:GetSecretValue'] }
  | { on: 'alertsTopic'; actions: readonly ['sns:Publish'] }
  | { on: 'eventBus'; actions: readonly ['events:PutEvents'] };

/** What each port method needs on AWS; a method that is not here needs nothing. */
export const PORT_PERMISSIONS: {
  readonly [P in PortName]: { readonly [M in MethodsOf<P>]: readonly Permission[] };
} = {
  store: {
    get: [{ on: 'table', actions: ['GetItem'], keyPrefix: CASE_KEY_PREFIX }],
    // A create that finds the case already there reads it back.
    create: [{ on: 'table', actions: ['PutItem', 'GetItem'], keyPrefix: CASE_KEY_PREFIX }],
    // A write that closes, reopens or erases a case carries its retention to its kept letters: it finds
    // them by a Query on the case's partition and updates them with the case, in one TransactWriteItems
    // (authorized per item action: PutItem for the case, UpdateItem for each letter). Reopening is noticed
    // by a read of the stored version. No DeleteItem: an erased letter loses its text by UpdateItem.
    replace: [
      { on: 'table', actions: ['PutItem', 'GetItem', 'Query', 'UpdateItem'], keyPrefix: CASE_KEY_PREFIX },
    ],
    keepLetter: [{ on: 'table', actions: ['PutItem'], keyPrefix: CASE_KEY_PREFIX }],
    getLetter: [{ on: 'table', actions: ['GetItem'], keyPrefix: CASE_KEY_PREFIX }],
    claimIntakeKey: [{ on: 'table', actions: ['PutItem', 'GetItem'], keyPrefix: INTAKE_KEY_PREFIX }],
    releaseIntakeKey: [{ on: 'table', actions: ['DeleteItem'], keyPrefix: INTAKE_KEY_PREFIX }],
  },
  // A case list: Query on the index its filters pick (never a Scan), an invoice number looked up by its
  // intake key, and the cases found read whole with one BatchGetItem.
  queries: {
    listCases: [
      ...CASE_INDEXES.map((index) => ({
        on: 'index' as const,
        index: index.name,
        actions: ['Query'] as const,
      })),
      { on: 'table', actions: ['BatchGetItem'], keyPrefix: CASE_KEY_PREFIX },
      { on: 'table', actions: ['GetItem'], keyPrefix: INTAKE_KEY_PREFIX },
    ],
    listDisputes: [
      { on: 'index', index: CASE_INDEX.disputesByStatus.name, actions: ['Query'] },
      { on: 'table', actions: ['BatchGetItem'], keyPrefix: CASE_KEY_PREFIX },
    ],
  },
  workflow: {
    startCase: [{ on: 'stateMachine', actions: ['states:StartExecution'] }],
    isRunning: [{ on: 'executions', actions: ['states:DescribeExecution'] }],
    signal: [{ on: 'stateMachine', actions: ['states:SendTaskSuccess'] }],
  },
  letters: { deliver: [{ on: 'letterSender' }] },
  agency: { handOff: [{ on: 'agencySecret', actions: ['secretsmanager:GetSecretValue'] }] },
  alerts: { reviewEscalated: [{ on: 'alertsTopic', actions: ['sns:Publish'] }] },
  events: { publish: [{ on: 'eventBus', actions: ['events:PutEvents'] }] },
};

/** The environment variable that tells a function where a port's resource is (set with its grant). */
export const PORT_ENVIRONMENT = {
  store: 'CASE_TABLE_NAME',
  queries: 'CASE_TABLE_NAME',
  workflow: 'STATE_MACHINE_ARN',
  letters: 'LETTER_CONFIGURATION_SET',
  agency: 'AGENCY_SECRET_ARN',
  alerts: 'ALERTS_TOPIC_ARN',
  events: 'EVENT_BUS_NAME',
} as const;

/** The permissions a declaration amounts to (each method's, in declaration order). */
export function permissionsOf(uses: PortUse): Permission[] {
  const out: Permission[] = [];
  for (const [port, methods] of Object.entries(uses) as [PortName, readonly string[]][]) {
    const table = PORT_PERMISSIONS[port] as Record<string, readonly Permission[]>;
    for (const method of methods) out.push(...(table[method] ?? []));
  }
  return out;
}

/** The resources a function's ports reach on AWS. */
export interface PortResources {
  table: ITable;
  stateMachineArn: string;
  /** `arn:...:execution:<state machine name>:*`: executions are named after cases, unknown beforehand. */
  executionArns: string;
  /**
   * SES identities the sender may use (the address and its domain), the one From address allowed, and the
   * configuration set every letter is sent with (TLS required, bounces reported; SendEmail is authorized on it too).
   */
  letterSender: {
    identityArns: string[];
    fromAddress: string;
    configurationSetName: string;
    configurationSetArn: string;
  };
  agencySecret: ISecret;
  alertsTopic: ITopic;
  /** The case event bus (docs/events.md). */
  eventBus: IEventBus;
}

interface Grantee {
  addEnvironment(key: string, value: string): unknown;
  addToRolePolicy(statement: PolicyStatement): void;
}

/**
 * Grants a function exactly what its declared port methods need (one statement per resource and key
 * prefix, actions merged) and sets the environment variables that name those resources: the least grant
 * and its variable in one call.
 */
export function grantPortUse(fn: Grantee, uses: PortUse, resources: PortResources): void {
  const env: Record<string, string> = {};
  const statements = new Map<
    string,
    { actions: Set<string>; make: (actions: string[]) => PolicyStatement }
  >();
  const add = (key: string, actions: readonly string[], make: (actions: string[]) => PolicyStatement) => {
    const found = statements.get(key) ?? { actions: new Set<string>(), make };
    for (const a of actions) found.actions.add(a);
    statements.set(key, found);
  };
  for (const p of permissionsOf(uses)) {
    switch (p.on) {
      case 'table':
        env[PORT_ENVIRONMENT.store] = resources.table.tableName;
        add(
          `table:${p.keyPrefix}`,
          p.actions.map((a) => `dynamodb:${a}`),
          (actions) =>
            new PolicyStatement({
              actions,
              resources: [resources.table.tableArn],
              conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${p.keyPrefix}*`] } },
            }),
        );
        break;
      case 'index':
        env[PORT_ENVIRONMENT.store] = resources.table.tableName;
        add(
          `index:${p.index}`,
          p.actions.map((a) => `dynamodb:${a}`),
          (actions) =>
            new PolicyStatement({ actions, resources: [`${resources.table.tableArn}/index/${p.index}`] }),
        );
        break;
      case 'stateMachine':
        env[PORT_ENVIRONMENT.workflow] = resources.stateMachineArn;
        add(
          'stateMachine',
          p.actions,
          (actions) => new PolicyStatement({ actions, resources: [resources.stateMachineArn] }),
        );
        break;
      case 'executions':
        env[PORT_ENVIRONMENT.workflow] = resources.stateMachineArn;
        add(
          'executions',
          p.actions,
          (actions) => new PolicyStatement({ actions, resources: [resources.executionArns] }),
        );
        break;
      case 'letterSender':
        env[PORT_ENVIRONMENT.letters] = resources.letterSender.configurationSetName;
        add(
          'letterSender',
          ['ses:SendEmail'],
          (actions) =>
            new PolicyStatement({
              actions,
              resources: [...resources.letterSender.identityArns, resources.letterSender.configurationSetArn],
              conditions: { StringEquals: { 'ses:FromAddress': resources.letterSender.fromAddress } },
            }),
        );
        break;
      case 'agencySecret':
        env[PORT_ENVIRONMENT.agency] = resources.agencySecret.secretArn;
        add(
          'agencySecret',
          p.actions,
          (actions) => new PolicyStatement({ actions, resources: [resources.agencySecret.secretArn] }),
        );
        break;
      case 'alertsTopic':
        env[PORT_ENVIRONMENT.alerts] = resources.alertsTopic.topicArn;
        add(
          'alertsTopic',
          p.actions,
          (actions) => new PolicyStatement({ actions, resources: [resources.alertsTopic.topicArn] }),
        );
        break;
      case 'eventBus':
        env[PORT_ENVIRONMENT.events] = resources.eventBus.eventBusName;
        add(
          'eventBus',
          p.actions,
          (actions) => new PolicyStatement({ actions, resources: [resources.eventBus.eventBusArn] }),
        );
        break;
    }
  }
  for (const [key, value] of Object.entries(env)) fn.addEnvironment(key, value);
  for (const { actions, make } of statements.values()) fn.addToRolePolicy(make([...actions].sort()));
}

/** How cdk-nag writes a resource in a finding id: pseudo parameters as `<AWS::Region>`, references as `<Id.Attr>`. */
export function nagResource(stack: Stack, value: string): string {
  const resolved = stack.resolve(value) as unknown;
  const render = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('Fn::Join' in o) {
        const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
        return parts.map(render).join(sep);
      }
      if ('Ref' in o) return `<${o.Ref as string}>`;
      if ('Fn::GetAtt' in o) return `<${(o['Fn::GetAtt'] as string[]).join('.')}>`;
    }
    return JSON.stringify(v);
  };
  return render(resolved);
}

import { App, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { API_ROUTES } from '../../infra/constructs/case-api.ts';
import { STEP_ENTRIES, STEP_PORTS, type StepName } from '../../infra/constructs/case-workflow.ts';
import { LETTER_FEEDBACK_ENTRY, LETTER_FEEDBACK_PORTS } from '../../infra/constructs/letter-feedback.ts';
import { type PortUse, permissionsOf } from '../../infra/function-access.ts';
import { CASE_KEY_PREFIX, INTAKE_KEY_PREFIX } from '../../shared/adapters/case-store.dynamodb.ts';
import { DEFAULT_SETTINGS, PORTS_ENV } from '../../shared/config/settings.ts';

type Json = any;
const unbundled = () => new App({ context: { 'aws:cdk:bundling-stacks': [] } });

/** The X-Ray statement the CDK adds for active tracing: the only one allowed on every resource. */
const XRAY = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

/** What a declaration grants, as the test expects it: actions by permission, without the grant code. */
function expectedActions(uses: PortUse): string[] {
  const actions = new Set<string>(XRAY);
  for (const p of permissionsOf(uses)) {
    if (p.on === 'table' || p.on === 'index') for (const a of p.actions) actions.add(`dynamodb:${a}`);
    else if (p.on === 'letterSender') actions.add('ses:SendEmail');
    else for (const a of p.actions) actions.add(a);
  }
  return [...actions].sort();
}

/** Every function of ours, by the module it runs, with the ports it declares. */
const DECLARED: { entry: string; uses: PortUse }[] = [
  ...(Object.entries(STEP_ENTRIES) as [StepName, string][]).map(([name, entry]) => ({
    entry,
    uses: STEP_PORTS[name],
  })),
  ...API_ROUTES.map((r) => ({ entry: r.entry, uses: r.uses })),
  { entry: LETTER_FEEDBACK_ENTRY, uses: LETTER_FEEDBACK_PORTS },
];

function statementsOf(template: Json, functionId: string): Json[] {
  const fn = template.Resources[functionId];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(template.Resources as Record<string, Json>)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: Json) => x.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const actionsOf = (s: Json): string[] => [s.Action].flat();

function functionIdFor(template: Json, entry: string): string {
  const found = Object.entries(template.Resources as Record<string, Json>).find(
    ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['collections:entry'] === entry,
  );
  if (!found) throw new Error(`no function runs ${entry}`);
  return found[0];
}

/** Statements of any role in the stack that grant on every resource (`*`), apart from X-Ray's. */
function wildcardStatements(template: Json): Json[] {
  return Object.values(template.Resources as Record<string, Json>)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((p) => p.Properties.PolicyDocument.Statement)
    .filter((s: Json) => [s.Resource].flat().includes('*'))
    .filter((s: Json) => JSON.stringify(actionsOf(s).sort()) !== JSON.stringify(XRAY))
    .filter((s: Json) => !actionsOf(s).every((a) => a.startsWith('logs:') || a.startsWith('xray:')));
}

describe('what each function may do on AWS', () => {
  let template: Json;
  let stack: Stack;

  beforeAll(() => {
    ({ stack } = buildApp({ app: unbundled(), nag: false }));
    template = Template.fromStack(stack).toJSON();
  });

  it('grants each function exactly the actions its declared port methods need, and nothing else', () => {
    expect(DECLARED).toHaveLength(Object.keys(STEP_ENTRIES).length + API_ROUTES.length + 1);
    for (const { entry, uses } of DECLARED) {
      const granted = [...new Set(statementsOf(template, functionIdFor(template, entry)).flatMap(actionsOf))];
      expect({ entry, actions: granted.sort() }).toEqual({ entry, actions: expectedActions(uses) });
    }
  });

  it('gives the function that talks to the agency no way to read more than one case at a time', () => {
    const statements = statementsOf(template, functionIdFor(template, STEP_ENTRIES.handOffToAgency));
    const actions = statements.flatMap(actionsOf);
    for (const broad of ['dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'])
      expect(actions).not.toContain(broad);
    // Query only on the table under the case key prefix: one partition, one case (its kept letters), never an index.
    for (const s of statements.filter((x) => actionsOf(x).includes('dynamodb:Query'))) {
      expect(s.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^CaseTable/), 'Arn'] });
      expect(s.Condition).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${CASE_KEY_PREFIX}*`] },
      });
    }
  });

  it('limits table actions to the items of the kind the function uses (dynamodb:LeadingKeys)', () => {
    for (const { entry, uses } of DECLARED) {
      const dynamodb = statementsOf(template, functionIdFor(template, entry)).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('dynamodb:')),
      );
      // Queries on a secondary index (keyed otherwise) are granted on that index alone, Query only.
      const onIndex = (s: Json) => JSON.stringify(s.Resource).includes('/index/');
      for (const s of dynamodb.filter(onIndex)) expect(actionsOf(s)).toEqual(['dynamodb:Query']);
      const statements = dynamodb.filter((s) => !onIndex(s));
      const prefixes = new Set(permissionsOf(uses).flatMap((p) => (p.on === 'table' ? [p.keyPrefix] : [])));
      expect(statements).toHaveLength(prefixes.size);
      for (const s of statements) {
        const leading = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
        expect(leading).toHaveLength(1);
        expect([...prefixes].map((p) => `${p}*`)).toContain(leading[0]);
        expect(s.Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^CaseTable/), 'Arn'] });
      }
    }
  });

  it('lets only intake claim or release invoice numbers (the case list only reads them), and delete nothing but those', () => {
    for (const { entry } of DECLARED) {
      for (const s of statementsOf(template, functionIdFor(template, entry))) {
        const leading = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']?.[0];
        if (actionsOf(s).includes('dynamodb:DeleteItem')) expect(leading).toBe(`${INTAKE_KEY_PREFIX}*`);
        if (leading === `${INTAKE_KEY_PREFIX}*` && entry !== 'functions/api/open-case.ts') {
          expect({ entry, actions: actionsOf(s) }).toEqual({
            entry: 'functions/api/list-cases.ts',
            actions: ['dynamodb:GetItem'],
          });
        }
        if (leading === `${CASE_KEY_PREFIX}*`) expect(actionsOf(s)).not.toContain('dynamodb:DeleteItem');
      }
    }
  });

  it('sends letters only from the configured sender address (ses:FromAddress)', () => {
    const senders = DECLARED.filter((d) => d.uses.letters?.includes('deliver'));
    expect(senders.length).toBeGreaterThan(0);
    for (const { entry } of senders) {
      const ses = statementsOf(template, functionIdFor(template, entry)).filter((s) =>
        actionsOf(s).includes('ses:SendEmail'),
      );
      expect(ses).toHaveLength(1);
      expect(ses[0].Condition).toEqual({
        StringEquals: { 'ses:FromAddress': DEFAULT_SETTINGS.letters.fromAddress },
      });
      expect(JSON.stringify(ses[0].Resource)).toContain(':identity/debiteuren@voorbeeld.example');
    }
  });

  it('grants no task failure or heartbeat, no DescribeSecret, and reads the agency secret only in the handoff', () => {
    const all = JSON.stringify(template);
    for (const unused of [
      'states:SendTaskFailure',
      'states:SendTaskHeartbeat',
      'secretsmanager:DescribeSecret',
    ])
      expect(all).not.toContain(unused);
    for (const { entry, uses } of DECLARED) {
      const actions = statementsOf(template, functionIdFor(template, entry)).flatMap(actionsOf);
      expect(actions.includes('secretsmanager:GetSecretValue')).toBe(entry === STEP_ENTRIES.handOffToAgency);
      expect(actions.includes('sns:Publish')).toBe(Boolean(uses.alerts));
    }
  });

  it('lets the functions that publish put events on the case bus only, and no other function', () => {
    const busId = Object.keys(template.Resources).find(
      (id) => template.Resources[id].Type === 'AWS::Events::EventBus',
    );
    const publishers = DECLARED.filter((d) => d.uses.events?.includes('publish'));
    expect(publishers.length).toBeGreaterThan(0);
    for (const { entry, uses } of DECLARED) {
      const putEvents = statementsOf(template, functionIdFor(template, entry)).filter((s) =>
        actionsOf(s).includes('events:PutEvents'),
      );
      expect({ entry, putEvents }).toEqual({
        entry,
        putEvents: uses.events
          ? [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } }]
          : [],
      });
    }
  });

  it('tells each function its declared ports, which its handler enforces', () => {
    for (const { entry, uses } of DECLARED) {
      const env = template.Resources[functionIdFor(template, entry)].Properties.Environment.Variables;
      expect(JSON.parse(env[PORTS_ENV])).toEqual(uses);
      expect('STATE_MACHINE_ARN' in env).toBe(Boolean(uses.workflow));
      expect('AGENCY_SECRET_ARN' in env).toBe(Boolean(uses.agency));
      expect('ALERTS_TOPIC_ARN' in env).toBe(Boolean(uses.alerts));
      expect('EVENT_BUS_NAME' in env).toBe(Boolean(uses.events));
    }
  });

  it('grants nothing on every resource (*) but X-Ray tracing and log delivery', () => {
    expect(wildcardStatements(template)).toEqual([]);
    // The check finds one added: cdk-nag's acknowledged `Resource::*` (X-Ray) would not tell it apart.
    const { stack: changed } = buildApp({ app: unbundled(), nag: false });
    changed.workflow.functions.prepareHandoff.addToRolePolicy(
      new PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] }),
    );
    expect(wildcardStatements(Template.fromStack(changed).toJSON())).toHaveLength(1);
  });
});

describe('cdk-nag with per-finding acknowledgements', () => {
  it('reports a wildcard resource nobody acknowledged, such as Query on every index of the case table', () => {
    const app = unbundled();
    const { stack } = buildApp({ app, nag: false });
    stack.api.functions.GetCase?.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${stack.table.tableArn}/index/*`] }),
    );
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report).toMatch(/AwsSolutions-IAM5\[Resource::<CaseTable\w+\.Arn>\/index\/\*\]/);
    expect(report).toContain('CaseApi/GetCaseFunction/ServiceRole/DefaultPolicy');
    // Nothing else is reported: every other finding is acknowledged exactly.
    expect(report.match(/Acknowledge with/g)).toHaveLength(1);
  });
});

import { DefinitionNotFoundError, UnsupportedDefinitionError } from './errors.ts';

/** Amazon States Language, as much of it as the local runtime reads. Values are plain JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type AslState = { Type: string } & Record<string, JsonValue>;
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
  Version?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: string;
}

/** A synthesized CloudFormation template (only the parts read here). */
export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
}
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface ExtractOptions {
  /** Which state machine, when the template holds more than one. */
  stateMachineLogicalId?: string;
  region?: string;
  accountId?: string;
}

export interface ExtractedDefinition {
  definition: AslDefinition;
  /** Every AWS::Lambda::Function of the template, by logical id, with the fake ARN used in the definition. */
  lambdaArnsByLogicalId: Record<string, string>;
  stateMachineLogicalId: string;
}

export const LOCAL_REGION = 'eu-west-1';
export const LOCAL_ACCOUNT = '000000000000';

export function fakeLambdaArn(logicalId: string, region = LOCAL_REGION, accountId = LOCAL_ACCOUNT): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${logicalId}`;
}

/**
 * Resolves the state machine definition the CDK synthesized (a `DefinitionString` built with
 * Fn::Join / Fn::GetAtt / Ref, plus optional `DefinitionSubstitutions`) to plain ASL JSON. Lambda
 * functions get the deterministic ARN `arn:aws:lambda:<region>:<account>:function:<LogicalId>`.
 */
export function extractStateMachineDefinition(
  template: CfnTemplate,
  options: ExtractOptions = {},
): ExtractedDefinition {
  const region = options.region ?? LOCAL_REGION;
  const accountId = options.accountId ?? LOCAL_ACCOUNT;
  const resources = template.Resources ?? {};
  const machines = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');
  const chosen = options.stateMachineLogicalId
    ? machines.filter(([id]) => id === options.stateMachineLogicalId)
    : machines;
  if (chosen.length !== 1) {
    const found = machines.map(([id]) => id).join(', ') || 'none';
    throw new DefinitionNotFoundError(
      options.stateMachineLogicalId
        ? `no state machine ${options.stateMachineLogicalId} in the template (found: ${found})`
        : `expected exactly one state machine in the template, found: ${found}; pass stateMachineLogicalId`,
    );
  }
  const [logicalId, machine] = chosen[0] as [string, CfnResource];

  const lambdaArnsByLogicalId: Record<string, string> = {};
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::Lambda::Function') lambdaArnsByLogicalId[id] = fakeLambdaArn(id, region, accountId);
  }
  const resolver = new CfnResolver(resources, lambdaArnsByLogicalId, region, accountId);

  const props = machine.Properties ?? {};
  let text: string;
  if (props.DefinitionString !== undefined) {
    text = resolver.toString(props.DefinitionString);
  } else if (props.Definition !== undefined) {
    text = JSON.stringify(resolver.resolveDeep(props.Definition));
  } else {
    throw new DefinitionNotFoundError(
      `state machine ${logicalId} has no inline definition (DefinitionS3Location is not supported locally)`,
    );
  }
  const substitutions = props.DefinitionSubstitutions as Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(substitutions ?? {})) {
    text = text.split(`\${${key}}`).join(resolver.toString(value));
  }
  let definition: AslDefinition;
  try {
    definition = JSON.parse(text) as AslDefinition;
  } catch (error) {
    throw new DefinitionNotFoundError(`state machine ${logicalId} resolves to invalid JSON`, {
      cause: error,
    });
  }
  return { definition, lambdaArnsByLogicalId, stateMachineLogicalId: logicalId };
}

/** Where a Lambda function's handler lives in the source tree, from the metadata the CDK construct adds. */
/**
 * A function's environment variables from the template, with Refs resolved to local names (`refs`: a
 * table's local name, a secret's id) and ARNs formatted for the local region and account.
 */
export function resolvedEnvironment(
  template: CfnTemplate,
  logicalId: string,
  refs: Record<string, string>,
  options: ExtractOptions = {},
): Record<string, string> {
  const resources = template.Resources ?? {};
  const region = options.region ?? LOCAL_REGION;
  const accountId = options.accountId ?? LOCAL_ACCOUNT;
  const lambdaArns: Record<string, string> = {};
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::Lambda::Function') lambdaArns[id] = fakeLambdaArn(id, region, accountId);
  }
  const resolver = new CfnResolver(resources, lambdaArns, region, accountId, refs);
  const variables = (resources[logicalId]?.Properties?.Environment as { Variables?: Record<string, unknown> })
    ?.Variables;
  return Object.fromEntries(Object.entries(variables ?? {}).map(([k, v]) => [k, resolver.toString(v)]));
}

export interface LambdaEntry {
  entry: string;
  handlerExport: string;
}

/**
 * For each AWS::Lambda::Function with `Metadata["collections:entry"]`, its source file and handler
 * export (`Metadata["collections:handler"]`, default `handler`), by logical id.
 */
export function lambdaEntriesFromTemplate(template: CfnTemplate): Record<string, LambdaEntry> {
  const entries: Record<string, LambdaEntry> = {};
  for (const [id, r] of Object.entries(template.Resources ?? {})) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const entry = r.Metadata?.['collections:entry'];
    if (typeof entry !== 'string') continue;
    const handler = r.Metadata?.['collections:handler'];
    entries[id] = { entry, handlerExport: typeof handler === 'string' ? handler : 'handler' };
  }
  return entries;
}

class CfnResolver {
  constructor(
    private readonly resources: Record<string, CfnResource>,
    private readonly lambdaArns: Record<string, string>,
    private readonly region: string,
    private readonly accountId: string,
    /** What a Ref to a resource resolves to locally (a table's local name, a secret's id). */
    private readonly refs: Record<string, string> = {},
  ) {}

  toString(value: unknown): string {
    const resolved = this.resolveDeep(value);
    if (typeof resolved !== 'string') {
      throw new DefinitionNotFoundError(`expected a string, got ${JSON.stringify(resolved)}`);
    }
    return resolved;
  }

  resolveDeep(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolveDeep(v));
    if (value === null || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const arg = obj[key];
      switch (key) {
        case 'Ref':
          return this.ref(String(arg));
        case 'Fn::GetAtt': {
          const [id, attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
          return this.getAtt(String(id), String(attr));
        }
        case 'Fn::Join': {
          const [sep, parts] = arg as [string, unknown[]];
          return (this.resolveDeep(parts) as unknown[]).map((p) => this.asText(p)).join(sep);
        }
        case 'Fn::Sub':
          return this.sub(arg);
        default:
          if (key.startsWith('Fn::')) throw new DefinitionNotFoundError(`cannot resolve ${key} locally`);
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolveDeep(obj[k])]));
  }

  private asText(value: unknown): string {
    if (typeof value === 'string') return value;
    throw new DefinitionNotFoundError(`cannot join ${JSON.stringify(value)}`);
  }

  private ref(name: string): string {
    switch (name) {
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::Region':
        return this.region;
      case 'AWS::AccountId':
        return this.accountId;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return 'LocalStack';
    }
    if (name in this.refs) return this.refs[name] as string;
    if (!(name in this.resources)) throw new DefinitionNotFoundError(`Ref to unknown resource ${name}`);
    // Ref of a Lambda function is its name; the fake name is the logical id. Other resources: the logical id.
    return name;
  }

  private getAtt(id: string, attr: string): string {
    if (id in this.lambdaArns && attr === 'Arn') return this.lambdaArns[id] as string;
    const resource = this.resources[id];
    if (!resource) throw new DefinitionNotFoundError(`Fn::GetAtt on unknown resource ${id}`);
    const service = resource.Type.split('::')[1]?.toLowerCase() ?? 'local';
    return `arn:aws:${service}:${this.region}:${this.accountId}:${id}/${attr}`;
  }

  private sub(arg: unknown): string {
    const [text, vars] = Array.isArray(arg)
      ? (arg as [string, Record<string, unknown>])
      : [String(arg), {} as Record<string, unknown>];
    return text.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
      if (name in vars) return this.toString(vars[name]);
      const dot = name.indexOf('.');
      return dot > 0 && !name.startsWith('AWS::')
        ? this.getAtt(name.slice(0, dot), name.slice(dot + 1))
        : this.ref(name);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// What the local runtime can run faithfully
// ---------------------------------------------------------------------------------------------

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_FUNCTION_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

/** How the runtime executes a Task state. */
export type TaskKind = 'lambda-invoke' | 'lambda-callback' | 'lambda-arn';

export function taskKind(state: AslState): TaskKind | undefined {
  const resource = state.Resource;
  if (resource === LAMBDA_INVOKE) return 'lambda-invoke';
  if (resource === LAMBDA_INVOKE_CALLBACK) return 'lambda-callback';
  if (typeof resource === 'string' && LAMBDA_FUNCTION_ARN.test(resource)) return 'lambda-arn';
  return undefined;
}

const SUPPORTED_TYPES = new Set(['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail']);
/** JSONata-only or variable fields: the library ignores them silently, so they are refused. */
const REFUSED_FIELDS: Record<string, string> = {
  Arguments: 'Arguments (JSONata)',
  Output: 'Output (JSONata)',
  Assign: 'Assign (workflow variables are not supported by aws-local-stepfunctions)',
  Items: 'Items (JSONata)',
  Credentials: 'Credentials (cross-account tasks)',
  HeartbeatSeconds: 'HeartbeatSeconds (no SendTaskHeartbeat locally)',
  HeartbeatSecondsPath: 'HeartbeatSecondsPath (no SendTaskHeartbeat locally)',
};
const TIMEOUT_ERRORS = new Set(['States.Timeout', 'States.ALL']);

/**
 * Throws UnsupportedDefinitionError listing everything in `definition` that the local runtime would
 * run differently from Step Functions. Supported: JSONPath Task (Lambda invoke, Lambda invoke with
 * waitForTaskToken, a Lambda function ARN), Pass, Choice, Wait, Succeed and Fail states with
 * InputPath/Parameters/ResultSelector/ResultPath/OutputPath, Retry, Catch, TimeoutSeconds(Path) and a
 * top-level TimeoutSeconds.
 */
export function assertRunnableLocally(definition: AslDefinition): void {
  const problems: string[] = [];
  if (definition.QueryLanguage !== undefined && definition.QueryLanguage !== 'JSONPath') {
    problems.push(`<top level>: QueryLanguage ${definition.QueryLanguage} (only JSONPath runs faithfully)`);
  }
  if (!definition.States || typeof definition.States !== 'object' || !definition.StartAt) {
    problems.push('<top level>: no StartAt/States');
    throw new UnsupportedDefinitionError(problems);
  }
  for (const [name, state] of Object.entries(definition.States)) {
    const where = `state "${name}"`;
    if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONPath') {
      problems.push(`${where}: QueryLanguage ${String(state.QueryLanguage)} (only JSONPath runs faithfully)`);
    }
    if (!SUPPORTED_TYPES.has(state.Type)) {
      problems.push(
        `${where}: state type ${state.Type} is not supported locally (Map and Parallel are refused)`,
      );
      continue;
    }
    for (const [field, why] of Object.entries(REFUSED_FIELDS)) {
      if (field in state) problems.push(`${where}: ${why}`);
    }
    if (state.Type === 'Pass' && 'Result' in state && !state.Result) {
      problems.push(`${where}: a falsy Pass Result (the library drops it and passes the input on)`);
    }
    const contextRefs = contextReferences(state);
    if (contextRefs.some((r) => r === '$$')) problems.push(`${where}: the whole context object "$$"`);
    if (contextRefs.some((r) => r.startsWith('$$.Map'))) problems.push(`${where}: $$.Map (no Map states)`);
    if (state.Type !== 'Task' && contextRefs.some((r) => /^\$\$\.(State|Task)\b/.test(r))) {
      problems.push(`${where}: $$.State/$$.Task outside a Task state (only resolved for Task states)`);
    }
    if (state.Type === 'Task') checkTask(where, state, problems);
  }
  if (problems.length > 0) throw new UnsupportedDefinitionError(problems);
}

function checkTask(where: string, state: AslState, problems: string[]): void {
  const kind = taskKind(state);
  if (!kind) {
    problems.push(
      `${where}: Resource ${String(state.Resource)} has no local handler (only Lambda invoke, Lambda invoke .waitForTaskToken and Lambda function ARNs run locally)`,
    );
    return;
  }
  if (kind !== 'lambda-arn') {
    const params = state.Parameters;
    if (!isObject(params) || !('FunctionName' in params || 'FunctionName.$' in params)) {
      problems.push(`${where}: Lambda invoke without Parameters.FunctionName`);
    } else if ('InvocationType' in params && params.InvocationType !== 'RequestResponse') {
      problems.push(`${where}: InvocationType ${String(params.InvocationType)} (only RequestResponse)`);
    } else if ('InvocationType.$' in params) {
      problems.push(`${where}: InvocationType.$ (only RequestResponse)`);
    }
  }
  if (kind === 'lambda-callback' && !JSON.stringify(state.Parameters ?? null).includes('$$.Task.Token')) {
    problems.push(`${where}: .waitForTaskToken without $$.Task.Token in Parameters`);
  }
  if ('TimeoutSeconds' in state && 'TimeoutSecondsPath' in state) {
    problems.push(`${where}: both TimeoutSeconds and TimeoutSecondsPath`);
  }
  // The library matches a States.Timeout raised by the local runtime against States.TaskFailed (it only
  // exempts its own timeout class). Step Functions does not; refuse the one ordering where that matters.
  const canTimeOut = kind === 'lambda-callback' || 'TimeoutSeconds' in state || 'TimeoutSecondsPath' in state;
  const catchers = Array.isArray(state.Catch) ? (state.Catch as { ErrorEquals?: string[] }[]) : [];
  if (canTimeOut) {
    const libraryPick = catchers.findIndex((c) =>
      (c.ErrorEquals ?? []).some((e) => TIMEOUT_ERRORS.has(e) || e === 'States.TaskFailed'),
    );
    const awsPick = catchers.findIndex((c) => (c.ErrorEquals ?? []).some((e) => TIMEOUT_ERRORS.has(e)));
    if (libraryPick !== awsPick) {
      problems.push(
        `${where}: a Catch on States.TaskFailed ahead of any States.Timeout catcher (the library would route a timeout there)`,
      );
    }
  }
  const retriers = Array.isArray(state.Retry) ? (state.Retry as Record<string, unknown>[]) : [];
  for (const r of retriers) {
    if (r.JitterStrategy !== undefined && r.JitterStrategy !== 'NONE' && r.JitterStrategy !== 'FULL') {
      problems.push(`${where}: JitterStrategy ${String(r.JitterStrategy)}`);
    }
  }
}

/** Every `$$...` path the state uses, in `.$` fields, path fields and intrinsic function arguments. */
function contextReferences(state: AslState): string[] {
  const refs: string[] = [];
  const visit = (value: JsonValue, key: string): void => {
    if (typeof value === 'string') {
      if (key.endsWith('.$') || key.endsWith('Path') || key === 'Variable') {
        for (const m of value.matchAll(/\$\$(?:\.[A-Za-z]+)?/g)) refs.push(m[0]);
      }
      return;
    }
    if (Array.isArray(value)) for (const v of value) visit(v, key);
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(state, '');
  return refs;
}

function isObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

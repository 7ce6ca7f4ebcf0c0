import { createDynamoDbClient, DynamoDbCaseStore } from '../../shared/adapters/case-store.dynamodb.ts';
import { MeasuredCaseStore } from '../../shared/adapters/case-store.measured.ts';
import { PORTS_ENV, SETTINGS_ENV, settingsFromEnvironment } from '../../shared/config/settings.ts';
import { ConfigurationError } from '../../shared/errors.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { CaseDependencies } from '../../shared/use-cases/dependencies.ts';
import { publishCaseMetrics } from './metrics.ts';

type PortName = 'store' | 'queries' | 'workflow' | 'letters' | 'agency' | 'alerts' | 'events';
type DeclaredPorts = Partial<Record<PortName, string[]>>;

let installed: CaseDependencies | undefined;

/**
 * The ports every handler uses. On AWS they are built once per cold start from the environment the
 * CDK sets. The local runtime installs its own (embedded DynamoDB, virtual clock, local workflow,
 * outbox, local agency) before it invokes the very same handlers.
 */
export function dependencies(): CaseDependencies {
  installed ??= dependenciesFromEnvironment(process.env);
  return installed;
}

export function installDependencies(deps: CaseDependencies): void {
  installed = deps;
}

/**
 * Run at module load by every handler: on Lambda the ports are built (and so the environment checked)
 * during the cold start. A configuration that is wrong is logged once, now; every invocation then fails
 * with the same ConfigurationError (API: 500 with its code; a step: recorded on the case as failed).
 */
export function checkEnvironmentAtLoad(env: NodeJS.ProcessEnv = process.env): ConfigurationError | null {
  if (!env.AWS_LAMBDA_FUNCTION_NAME || installed) return null;
  try {
    installed = dependenciesFromEnvironment(env);
    return null;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(
      JSON.stringify({ level: 'error', error: error.name, code: error.code, message: error.message }),
    );
    return error;
  }
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigurationError(name, 'environment variable is not set');
  return value;
}

function declaredPorts(env: NodeJS.ProcessEnv): DeclaredPorts | null {
  const raw = env[PORTS_ENV];
  if (raw === undefined) {
    // Every deployed function has it: a Lambda without it was not deployed by this stack.
    if (env.AWS_LAMBDA_FUNCTION_NAME)
      throw new ConfigurationError(PORTS_ENV, 'environment variable is not set');
    return null;
  }
  try {
    return JSON.parse(raw) as DeclaredPorts;
  } catch {
    throw new ConfigurationError(PORTS_ENV, 'is not valid JSON');
  }
}

/**
 * A port whose adapter module (and the AWS SDK client it needs) loads on its first call. Every function
 * reads the case table, but few signal the workflow, send letters or call the agency: loading those SDK
 * clients (~20 ms each here) only where they are used keeps the other functions' cold starts short.
 */
function loadOnFirstCall<T extends object>(load: () => Promise<T>): T {
  let instance: Promise<T> | undefined;
  return new Proxy({} as T, {
    get:
      (_target, method) =>
      async (...args: unknown[]) => {
        instance ??= load();
        const port = (await instance) as Record<string | symbol, (...a: unknown[]) => unknown>;
        return port[method]?.(...args);
      },
  });
}

/**
 * A port limited to the methods the function declared: calling another is a ConfigurationError naming
 * it (on AWS it would be an AccessDenied from IAM, after part of the work was done).
 */
function declaredOnly<T extends object>(port: PortName, methods: readonly string[], make: () => T): T {
  let instance: T | undefined;
  return new Proxy({} as T, {
    get: (_target, method) => {
      if (typeof method !== 'string' || method === 'then') return undefined;
      if (!methods.includes(method)) {
        throw new ConfigurationError(
          PORTS_ENV,
          `${port}.${method} is not declared for this function (infra/function-access.ts)`,
        );
      }
      instance ??= make();
      const fn = (instance as Record<string, unknown>)[method] as (...a: unknown[]) => unknown;
      return fn.bind(instance);
    },
  });
}

/**
 * Ports from Lambda environment variables. With the function's declared ports (`COLLECTIONS_PORTS`, set
 * on every deployed function) each declared port's variables are checked now and any other port refuses
 * to be used; without it (tests of one adapter) each port is built on first use.
 */
export function dependenciesFromEnvironment(env: NodeJS.ProcessEnv): CaseDependencies {
  const declared = declaredPorts(env);
  if (declared && !env[SETTINGS_ENV])
    throw new ConfigurationError(SETTINGS_ENV, 'environment variable is not set');
  const settings = settingsFromEnvironment(env);
  const build: { [P in PortName]: () => CaseDependencies[P] } = {
    store: () => {
      const tableName = required(env, 'CASE_TABLE_NAME');
      return new MeasuredCaseStore(
        new DynamoDbCaseStore({ client: createDynamoDbClient(), tableName, policy: settings.policy }),
        publishCaseMetrics,
      );
    },
    queries: () => {
      const tableName = required(env, 'CASE_TABLE_NAME');
      return loadOnFirstCall(async () => {
        const { DynamoDbCaseQueries } = await import('../../shared/adapters/case-queries.dynamodb.ts');
        return new DynamoDbCaseQueries({ client: createDynamoDbClient(), tableName });
      });
    },
    workflow: () => {
      const stateMachineArn = required(env, 'STATE_MACHINE_ARN');
      return loadOnFirstCall(async () => {
        const { StepFunctionsWorkflow, createStepFunctionsClient } = await import(
          '../../shared/adapters/workflow.sfn.ts'
        );
        return new StepFunctionsWorkflow({ client: createStepFunctionsClient(), stateMachineArn });
      });
    },
    letters: () => {
      // The configuration set requires TLS and publishes bounces and complaints: no letter goes without it.
      const configurationSetName = required(env, 'LETTER_CONFIGURATION_SET');
      return loadOnFirstCall(async () => {
        const { SesLetterDelivery } = await import('../../shared/adapters/letter-delivery.ses.ts');
        return new SesLetterDelivery({ from: settings.letters.fromAddress, configurationSetName });
      });
    },
    agency: () => {
      const secretArn = required(env, 'AGENCY_SECRET_ARN');
      const endpoint = required(env, 'AGENCY_ENDPOINT');
      return loadOnFirstCall(async () => {
        const [{ HttpAgencyClient }, { agencySecretFromSecretsManager }] = await Promise.all([
          import('../../shared/adapters/agency-client.http.ts'),
          import('../../shared/adapters/agency-secret.ts'),
        ]);
        return new HttpAgencyClient({ endpoint, secret: agencySecretFromSecretsManager(secretArn) });
      });
    },
    alerts: () => {
      const topicArn = required(env, 'ALERTS_TOPIC_ARN');
      return loadOnFirstCall(async () => {
        const { SnsOperatorAlerts } = await import('../../shared/adapters/operator-alerts.sns.ts');
        return new SnsOperatorAlerts({ topicArn });
      });
    },
    events: () => {
      const eventBusName = required(env, 'EVENT_BUS_NAME');
      return loadOnFirstCall(async () => {
        const { EventBridgeEventPublisher, createEventBridgeClient } = await import(
          '../../shared/adapters/events.eventbridge.ts'
        );
        return new EventBridgeEventPublisher({ client: createEventBridgeClient(), eventBusName });
      });
    },
  };
  const deps = { settings, clock: systemClock } as CaseDependencies;
  for (const port of Object.keys(build) as PortName[]) {
    if (declared) {
      const methods = declared[port] ?? [];
      // Built now: a missing variable of a declared port fails the cold start, not the first call.
      const instance = methods.length > 0 ? build[port]() : undefined;
      (deps as unknown as Record<PortName, unknown>)[port] = declaredOnly(
        port,
        methods,
        () => instance as object,
      );
    } else {
      let instance: CaseDependencies[typeof port] | undefined;
      Object.defineProperty(deps, port, {
        enumerable: true,
        get: () => {
          instance ??= build[port]();
          return instance;
        },
      });
    }
  }
  return deps;
}

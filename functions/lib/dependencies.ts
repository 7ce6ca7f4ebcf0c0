import { createDynamoDbClient, DynamoDbCaseStore } from '../../shared/adapters/case-store.dynamodb.ts';
import { settingsFromEnvironment } from '../../shared/config/settings.ts';
import { InvalidInputError } from '../../shared/errors.ts';
import { systemClock } from '../../shared/ports/clock.ts';
import type { CaseDependencies } from '../../shared/use-cases/dependencies.ts';

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

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new InvalidInputError(name, 'environment variable is not set');
  return value;
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

/** Ports from Lambda environment variables; each is built on first use, so a function only needs its own. */
export function dependenciesFromEnvironment(env: NodeJS.ProcessEnv): CaseDependencies {
  const settings = settingsFromEnvironment(env);
  let store: CaseDependencies['store'] | undefined;
  let queries: CaseDependencies['queries'] | undefined;
  let workflow: CaseDependencies['workflow'] | undefined;
  let letters: CaseDependencies['letters'] | undefined;
  let agency: CaseDependencies['agency'] | undefined;
  return {
    settings,
    clock: systemClock,
    get store() {
      store ??= new DynamoDbCaseStore({
        client: createDynamoDbClient(),
        tableName: required(env, 'CASE_TABLE_NAME'),
        policy: settings.policy,
      });
      return store;
    },
    get queries() {
      const tableName = required(env, 'CASE_TABLE_NAME');
      queries ??= loadOnFirstCall(async () => {
        const { DynamoDbCaseQueries } = await import('../../shared/adapters/case-queries.dynamodb.ts');
        return new DynamoDbCaseQueries({ client: createDynamoDbClient(), tableName });
      });
      return queries;
    },
    get workflow() {
      const stateMachineArn = required(env, 'STATE_MACHINE_ARN');
      workflow ??= loadOnFirstCall(async () => {
        const { StepFunctionsWorkflow, createStepFunctionsClient } = await import(
          '../../shared/adapters/workflow.sfn.ts'
        );
        return new StepFunctionsWorkflow({ client: createStepFunctionsClient(), stateMachineArn });
      });
      return workflow;
    },
    get letters() {
      letters ??= loadOnFirstCall(async () => {
        const { SesLetterDelivery } = await import('../../shared/adapters/letter-delivery.ses.ts');
        return new SesLetterDelivery({ from: settings.letters.fromAddress });
      });
      return letters;
    },
    get agency() {
      const secretArn = required(env, 'AGENCY_SECRET_ARN');
      const endpoint = required(env, 'AGENCY_ENDPOINT');
      agency ??= loadOnFirstCall(async () => {
        const [{ HttpAgencyClient }, { agencySecretFromSecretsManager }] = await Promise.all([
          import('../../shared/adapters/agency-client.http.ts'),
          import('../../shared/adapters/agency-secret.ts'),
        ]);
        return new HttpAgencyClient({ endpoint, secret: agencySecretFromSecretsManager(secretArn) });
      });
      return agency;
    },
  };
}

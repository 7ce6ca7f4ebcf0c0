import { HttpAgencyClient } from '../../shared/adapters/agency-client.http.ts';
import { agencySecretFromSecretsManager } from '../../shared/adapters/agency-secret.ts';
import { createDynamoDbClient, DynamoDbCaseStore } from '../../shared/adapters/case-store.dynamodb.ts';
import { SesLetterDelivery } from '../../shared/adapters/letter-delivery.ses.ts';
import { createStepFunctionsClient, StepFunctionsWorkflow } from '../../shared/adapters/workflow.sfn.ts';
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

/** Ports from Lambda environment variables; each is built on first use, so a function only needs its own. */
export function dependenciesFromEnvironment(env: NodeJS.ProcessEnv): CaseDependencies {
  const settings = settingsFromEnvironment(env);
  let store: CaseDependencies['store'] | undefined;
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
      });
      return store;
    },
    get workflow() {
      workflow ??= new StepFunctionsWorkflow({
        client: createStepFunctionsClient(),
        stateMachineArn: required(env, 'STATE_MACHINE_ARN'),
      });
      return workflow;
    },
    get letters() {
      letters ??= new SesLetterDelivery({ from: settings.letters.fromAddress });
      return letters;
    },
    get agency() {
      const secretArn = required(env, 'AGENCY_SECRET_ARN');
      agency ??= new HttpAgencyClient({
        endpoint: required(env, 'AGENCY_ENDPOINT'),
        secret: agencySecretFromSecretsManager(secretArn),
      });
      return agency;
    },
  };
}

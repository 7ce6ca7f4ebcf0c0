/**
 * Workflow cost: each sample case's lifecycle run by the local runtime on the synthesized definition,
 * counting what AWS bills (state transitions, Lambda invocations, DynamoDB request units, API requests)
 * and pricing it at list prices (./prices.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalApp } from '../local/local-app.ts';
import { DEMO_END, DEMO_START, SAMPLE_CASES } from '../local/sample-cases.ts';
import { actionInstant } from '../local/scenario.ts';
import { caseIdOf } from './cases.ts';
import { DynamoDbCounter } from './dynamodb-counter.ts';
import { runLifecycle } from './lifecycle.ts';
import { LAMBDA_ASSUMPTIONS, PRICES } from './prices.ts';

export const HAPPY_PATH_TRANSITIONS_TARGET = 20;
/** Cases that run the dunning path without a dispute: where the <= 20 transitions target applies. */
export const HAPPY_PATH_CASES = ['never-pays', 'pays-after-reminder', 'business-pays-in-parts'];

export interface CaseCost {
  case: string;
  /** How the lifecycle ended: workflow status (and the state it waits in, if running) on DEMO_END. */
  outcome: string;
  stateTransitions: number;
  workflowLambdaInvocations: number;
  retries: number;
  apiRequests: number;
  dynamoDb: { reads: number; writes: number; readRequestUnits: number; writeRequestUnits: number };
  usd: {
    stepFunctions: number;
    lambda: number;
    dynamoDb: number;
    apiGateway: number;
    total: number;
  };
}

export async function measureWorkflowCost(): Promise<CaseCost[]> {
  const counter = new DynamoDbCounter();
  // Letters go to a temporary outbox, removed afterwards (10,000 cases write 20,000+ files).
  const outboxDir = mkdtempSync(path.join(tmpdir(), 'bench-outbox-'));
  const app = await LocalApp.start({
    start: actionInstant(DEMO_START),
    outboxDir,
    onDynamoDbClient: (client) => counter.attach(client),
  });
  try {
    const run = await runLifecycle(app, SAMPLE_CASES, DEMO_END);
    const creditorId = app.deps.settings.creditor.id;
    return SAMPLE_CASES.map((sample) => {
      const caseId = caseIdOf(sample, creditorId);
      const exec = app.runtime.describeExecution(caseId);
      if (!exec) throw new Error(`no execution for sample case ${sample.key}`);
      const apiRequests = run.apiCallsByCase.get(caseId) ?? 0;
      const ddb = counter.usageOf(caseId);
      const invocations = exec.counters.lambdaInvocations + apiRequests;
      const gbSeconds =
        (LAMBDA_ASSUMPTIONS.memoryMb / 1024) * (LAMBDA_ASSUMPTIONS.billedMsPerInvocation / 1000);
      const usd = {
        stepFunctions: exec.counters.stateTransitions * PRICES.stepFunctionsStandardPerTransition.usd,
        lambda: invocations * (PRICES.lambdaRequest.usd + gbSeconds * PRICES.lambdaArmGbSecond.usd),
        dynamoDb:
          ddb.readRequestUnits * PRICES.dynamoDbReadRequestUnit.usd +
          ddb.writeRequestUnits * PRICES.dynamoDbWriteRequestUnit.usd,
        apiGateway: apiRequests * PRICES.apiGatewayRestRequest.usd,
        total: 0,
      };
      usd.total = usd.stepFunctions + usd.lambda + usd.dynamoDb + usd.apiGateway;
      return {
        case: sample.key,
        outcome: exec.status === 'RUNNING' ? `RUNNING @${exec.currentState}` : exec.status,
        stateTransitions: exec.counters.stateTransitions,
        workflowLambdaInvocations: exec.counters.lambdaInvocations,
        retries: exec.counters.retries,
        apiRequests,
        dynamoDb: { ...ddb },
        usd,
      };
    });
  } finally {
    app.runtime.dispose();
    await app.stop();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}

import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createCaseTable } from '../../local/dynamodb/case-table.ts';
import {
  type CfnTableProperties,
  type EngineKind,
  isEngineKind,
  startEngine,
} from '../../local/dynamodb/engines.ts';
import { createDynamoDbClient } from '../../shared/adapters/case-store.dynamodb.ts';

export interface TestDynamoDb {
  kind: EngineKind;
  client: DynamoDBClient;
  /** A table made for this call (unique name), with the case table's keys unless told otherwise. */
  tableName: string;
  endpoint: string;
  /** Stops the engine and the client; safe to call twice. */
  stop(): Promise<void>;
}

/** The engine the tests run on: env DYNAMODB_ENGINE, `dynalite` (default) or `dynamodb-local`. */
export function engineKindFromEnv(env: NodeJS.ProcessEnv = process.env): EngineKind {
  const value = env.DYNAMODB_ENGINE ?? '';
  if (value === '') return 'dynalite';
  if (!isEngineKind(value)) throw new Error(`DYNAMODB_ENGINE=${value}: expected dynalite or dynamodb-local`);
  return value;
}

/**
 * Starts the selected engine on 127.0.0.1 and creates a uniquely named case table on it. Typical use:
 *
 *   let db: TestDynamoDb;
 *   beforeAll(async () => { db = await startTestDynamoDb(); });
 *   afterAll(() => db.stop());
 */
export async function startTestDynamoDb(
  options: { kind?: EngineKind; tableProperties?: CfnTableProperties } = {},
): Promise<TestDynamoDb> {
  const kind = options.kind ?? engineKindFromEnv();
  const engine = await startEngine(kind);
  const client = createDynamoDbClient({ endpoint: engine.endpoint });
  const tableName = `cases-${randomUUID()}`;
  try {
    await createCaseTable(client, tableName, options.tableProperties);
  } catch (error) {
    client.destroy();
    await engine.stop();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    kind,
    client,
    tableName,
    endpoint: engine.endpoint,
    stop() {
      stopped ??= (async () => {
        client.destroy();
        await engine.stop();
      })();
      return stopped;
    },
  };
}

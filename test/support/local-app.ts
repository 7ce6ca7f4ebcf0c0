import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isEngineKind } from '../../local/dynamodb/engines.ts';
import { LocalApp, type LocalAppOptions } from '../../local/local-app.ts';
import { actionInstant } from '../../local/scenario.ts';

/** The engine the e2e tier runs on: env DYNAMODB_ENGINE, dynalite by default (DynamoDB Local in CI). */
export const testEngine = process.env.DYNAMODB_ENGINE ?? 'dynalite';

/** A LocalApp for one test file: on the tier's engine, from 10:00 on `startOn`, letters in a fresh folder. */
export async function startTestApp(
  startOn: string,
  options: Omit<LocalAppOptions, 'start' | 'engine'> = {},
): Promise<LocalApp> {
  if (!isEngineKind(testEngine)) throw new Error(`unknown DYNAMODB_ENGINE ${testEngine}`);
  return LocalApp.start({
    start: actionInstant(startOn),
    engine: testEngine,
    outboxDir: mkdtempSync(path.join(tmpdir(), 'outbox-')),
    eventsDir: mkdtempSync(path.join(tmpdir(), 'events-')),
    ...options,
  });
}

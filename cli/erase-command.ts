/**
 * `collections erase <caseId> --basis debtor-request|no-longer-needed --operator <id> [--data-dir DIR]`:
 * erases the personal data of a closed case (shared/use-cases/case-commands.ts erasePersonalData), keeping
 * its amounts and legal chronology; the erasure is a chronology entry. On AWS it writes to the table named
 * by CASE_TABLE_NAME with the usual AWS credentials; with `--data-dir` to the data folder of a stopped
 * `npm run serve` (dynalite on disk). Prints `{caseId, stage, erasedOn}`; bad input, an unknown case or a
 * case that may not be erased: the code and message on standard error, exit code 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startDynalite } from '../local/dynamodb/engines.ts';
import { createDynamoDbClient, DynamoDbCaseStore } from '../shared/adapters/case-store.dynamodb.ts';
import { settingsFromEnvironment } from '../shared/config/settings.ts';
import { ERASURE_BASES, type ErasureBasis } from '../shared/domain/vocabulary.ts';
import { CollectionsError } from '../shared/errors.ts';
import { type Clock, systemClock } from '../shared/ports/clock.ts';
import { erasePersonalData } from '../shared/use-cases/case-commands.ts';
import type { CaseDependencies } from '../shared/use-cases/dependencies.ts';

export const ERASE_USAGE = `usage: collections erase <caseId> --basis ${ERASURE_BASES.join('|')} --operator <id> [--data-dir DIR]`;

export interface CommandResult {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

/** Ports the erasure does not use: calling one is a bug, not an operator's mistake. */
const unused = (port: string) =>
  new Proxy({} as never, {
    get: () => () => Promise.reject(new Error(`collections erase does not use the ${port}`)),
  });

export async function runErase(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandResult> {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      const value = inline ?? args[++i];
      if (value === undefined) return { exitCode: 2, stderr: `--${name}: needs a value\n${ERASE_USAGE}\n` };
      options[name] = value;
    } else positional.push(arg);
  }
  const [caseId, ...extra] = positional;
  if (!caseId || extra.length > 0) return { exitCode: 2, stderr: `${ERASE_USAGE}\n` };
  const unknown = Object.keys(options).filter((o) => !['basis', 'operator', 'data-dir'].includes(o));
  if (unknown.length > 0) return { exitCode: 2, stderr: `unknown option --${unknown[0]}\n${ERASE_USAGE}\n` };

  let clock: Clock = systemClock;
  let stop = async () => {};
  let store: DynamoDbCaseStore;
  const dataDir = options['data-dir'];
  if (dataDir) {
    if (!existsSync(path.join(dataDir, 'dynamodb'))) {
      return { exitCode: 2, stderr: `--data-dir: ${dataDir} holds no local data (dynamodb/)\n` };
    }
    // The local server's virtual clock, so the entry is dated in the time its cases live in.
    const saved = path.join(dataDir, 'clock.json');
    if (existsSync(saved)) {
      const at = new Date((JSON.parse(readFileSync(saved, 'utf8')) as { now: string }).now);
      clock = { now: () => at };
    }
    const engine = await startDynalite(path.join(dataDir, 'dynamodb'));
    stop = () => engine.stop();
    store = new DynamoDbCaseStore({
      client: createDynamoDbClient({ endpoint: engine.endpoint }),
      tableName: 'cases',
      clock,
    });
  } else {
    const tableName = env.CASE_TABLE_NAME;
    if (!tableName) return { exitCode: 2, stderr: `CASE_TABLE_NAME is not set (or give --data-dir)\n` };
    store = new DynamoDbCaseStore({ client: createDynamoDbClient(), tableName });
  }
  const deps: CaseDependencies = {
    store,
    clock,
    settings: settingsFromEnvironment(env),
    workflow: unused('workflow'),
    letters: unused('letter delivery'),
    agency: unused('agency'),
    alerts: unused('operator alerts'),
    queries: unused('case lists'),
    // Erasure publishes no event; a case with events still unpublished keeps them listed (docs/events.md).
    events: unused('events'),
  };
  try {
    const c = await erasePersonalData(deps, caseId, {
      basis: (options.basis ?? '') as ErasureBasis,
      operator: options.operator ?? '',
    });
    const entry = c.chronology.find((e) => e.type === 'personal-data-erased');
    return {
      exitCode: 0,
      stdout: `${JSON.stringify({ caseId: c.caseId, stage: c.stage, erasedOn: entry?.on ?? null })}\n`,
    };
  } catch (error) {
    if (error instanceof CollectionsError) {
      return { exitCode: 2, stderr: `${error.code}: ${error.message}\n` };
    }
    throw error;
  } finally {
    await stop();
  }
}

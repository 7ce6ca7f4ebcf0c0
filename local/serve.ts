import './quiet-sdk.ts';
import * as path from 'node:path';
import { isEngineKind } from './dynamodb/engines.ts';
import { startLocalHttpServer } from './http-server.ts';
import { LocalApp } from './local-app.ts';

/**
 * `npm run serve`: the case API on http://127.0.0.1:$PORT (default 3000), served by the same handlers
 * the CDK deploys, with the embedded DynamoDB and the local workflow runtime. Virtual time follows the
 * wall clock from the start (or from START=YYYY-MM-DD / an ISO instant); `POST /_local/clock` moves it
 * forward and runs the workflow steps that fall due. Local only: nothing here is deployed.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  const engine = process.env.DYNAMODB_ENGINE ?? 'dynalite';
  if (!isEngineKind(engine)) throw new Error(`unknown DYNAMODB_ENGINE ${engine}`);
  const start = process.env.START
    ? new Date(
        /^\d{4}-\d{2}-\d{2}$/.test(process.env.START) ? `${process.env.START}T09:00:00Z` : process.env.START,
      )
    : new Date();
  if (Number.isNaN(start.getTime()))
    throw new Error(`START must be a date YYYY-MM-DD or an ISO instant, not ${process.env.START}`);

  // The data stays in DATA_DIR (default .local/serve): delete that folder to start afresh.
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join('.local', 'serve'));
  // What AWS runs: the bundles cdk synth writes, in Lambda-like execution environments.
  const app = await LocalApp.start({
    start,
    engine,
    mode: 'bundles',
    // LOCAL_SES_BOUNCE=a@x,b@y: letters to these addresses bounce (as bounce@simulator.amazonses.com does).
    bouncingAddresses: (process.env.LOCAL_SES_BOUNCE ?? '').split(',').filter(Boolean),
    // dynalite keeps its tables on disk; DynamoDB Local runs in memory here.
    ...(engine === 'dynalite'
      ? { dataDir }
      : { outboxDir: path.join(dataDir, 'outbox'), eventsDir: path.join(dataDir, 'events') }),
  });
  // Executions live in this process: after a restart, every open case carries on in a new one.
  const resumed = await app.resumeOpenCases();
  const server = await startLocalHttpServer({ app, port, clock: 'real-time' });
  console.log(`Case API on ${server.url} (virtual time ${app.clock.now().toISOString()}, ${engine})`);
  console.log(`  data in ${dataDir}${resumed.length > 0 ? `; ${resumed.length} open case(s) resumed` : ''}`);
  console.log(`  curl -s ${server.url}/cases/<id>            letters: ${app.outboxDir}`);
  console.log(
    `  events: ${app.events.outbox.dir}${process.env.EVENTS_WEBHOOK_URL ? ` and ${process.env.EVENTS_WEBHOOK_URL} (signed)` : ' (EVENTS_WEBHOOK_URL to also send them to a webhook)'}`,
  );
  console.log(
    `  curl -s -X POST ${server.url}/_local/clock -d '{"advanceDays": 7}'   (local only: moves virtual time)`,
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    app.runtime.dispose();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

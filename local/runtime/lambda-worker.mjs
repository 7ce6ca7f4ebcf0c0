// One Lambda execution environment: loads a bundle the CDK synthesized and runs its handler for each
// invocation the parent sends, reporting a thrown error the way Lambda's Node.js runtime does
// (errorType = the error's name, errorMessage = its message). Time is the local runtime's virtual clock:
// each invocation carries the virtual instant, and Date follows it (plus the real time the invocation
// has taken), so the bundle's code reads the same `now` the state machine runs on. Nothing in the bundle
// knows it runs locally.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const RealDate = Date;
let virtualAt = RealDate.now();
let realAt = RealDate.now();
const virtualNow = () => virtualAt + (RealDate.now() - realAt);

class VirtualDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(virtualNow());
    else super(...args);
  }
  static now() {
    return virtualNow();
  }
}
globalThis.Date = VirtualDate;

const { bundlePath, handlerName, functionName, memoryMb, timeoutMs } = workerData;
const mod = createRequire(bundlePath)(bundlePath);
const handler = mod[handlerName];
if (typeof handler !== 'function') throw new Error(`${bundlePath} exports no function ${handlerName}`);

parentPort.on('message', async ({ id, event, nowMs, requestId }) => {
  virtualAt = nowMs;
  realAt = RealDate.now();
  const deadline = RealDate.now() + timeoutMs;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - RealDate.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  try {
    const result = await handler(event, context);
    parentPort.postMessage({
      id,
      ok: true,
      result: result === undefined ? null : JSON.parse(JSON.stringify(result)),
    });
  } catch (error) {
    const isError = error instanceof Error;
    parentPort.postMessage({
      id,
      ok: false,
      errorType: isError ? error.name || 'Error' : 'Error',
      errorMessage: isError ? error.message : String(error),
      trace: isError && error.stack ? error.stack.split('\n') : [],
    });
  }
});

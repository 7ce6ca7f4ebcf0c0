import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependenciesFromEnvironment } from '../../../functions/lib/dependencies.ts';

/** A local stand-in for the Step Functions API (JSON 1.0 over HTTP), answering as AWS does. */
function stepFunctionsApi(answer: (target: string, body: any) => { status: number; body: unknown }) {
  const requests: { target: string; body: any }[] = [];
  const server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const target = String(req.headers['x-amz-target'] ?? '');
    const body = JSON.parse(raw || '{}');
    requests.push({ target, body });
    const out = answer(target, body);
    res.writeHead(out.status, { 'content-type': 'application/x-amz-json-1.0' });
    res.end(JSON.stringify(out.body));
  });
  return { server, requests };
}

describe('the ports a Lambda builds from its environment', () => {
  let api: ReturnType<typeof stepFunctionsApi>;
  let env: NodeJS.ProcessEnv;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    api = stepFunctionsApi((target, body) => {
      if (target.endsWith('SendTaskSuccess') && body.taskToken === 'expired') {
        return {
          status: 400,
          body: { __type: 'com.amazonaws.states#TaskTimedOut', message: 'Task Timed Out' },
        };
      }
      if (target.endsWith('StartExecution') && body.name === 'case-twice') {
        return {
          status: 400,
          body: { __type: 'com.amazonaws.states#ExecutionAlreadyExists', message: 'exists' },
        };
      }
      if (target.endsWith('StartExecution')) {
        return {
          status: 200,
          body: { executionArn: `arn:aws:states:eu-west-1:1:execution:m:${body.name}`, startDate: 1 },
        };
      }
      return { status: 200, body: {} };
    });
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
    const { port } = api.server.address() as AddressInfo;
    env = {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${port}`,
      CASE_TABLE_NAME: 'cases',
      STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:1:stateMachine:m',
    };
    // The SDK reads its region, credentials and endpoint from the process environment.
    for (const key of ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL_SFN']) {
      saved[key] = process.env[key];
      process.env[key] = env[key];
    }
  });

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await new Promise((resolve) => (api.server as Server).close(resolve));
  });

  it('starts one execution per case, named after it, and reports a repeated start', async () => {
    const deps = dependenciesFromEnvironment(env);
    expect(await deps.workflow.startCase('case-1')).toMatchObject({ started: true });
    expect(await deps.workflow.startCase('case-twice')).toMatchObject({ started: false });
    const start = api.requests.find((r) => r.target.endsWith('StartExecution') && r.body.name === 'case-1');
    expect(start?.body).toMatchObject({
      stateMachineArn: env.STATE_MACHINE_ARN,
      input: '{"caseId":"case-1"}',
    });
  });

  it('wakes a waiting workflow with SendTaskSuccess, and drops a token that is no longer waited on', async () => {
    const deps = dependenciesFromEnvironment(env);
    expect(await deps.workflow.signal('token-1', { event: 'paid', caseId: 'case-1' })).toBe(true);
    expect(await deps.workflow.signal('expired', { event: 'paid', caseId: 'case-1' })).toBe(false);
    const sent = api.requests.find((r) => r.body.taskToken === 'token-1');
    expect(JSON.parse(sent?.body.output)).toEqual({ event: 'paid', caseId: 'case-1' });
  });

  it('fails at once, naming the variable, when the function lacks its configuration', () => {
    const deps = dependenciesFromEnvironment({ ...env, STATE_MACHINE_ARN: '' });
    expect(() => deps.workflow).toThrow(expect.objectContaining({ field: 'STATE_MACHINE_ARN' }));
  });

  it('sends no letter without the configuration set that requires TLS and reports bounces', () => {
    const deps = dependenciesFromEnvironment(env);
    expect(() => deps.letters).toThrow(expect.objectContaining({ field: 'LETTER_CONFIGURATION_SET' }));
    expect(
      () => dependenciesFromEnvironment({ ...env, LETTER_CONFIGURATION_SET: 'letters' }).letters,
    ).not.toThrow();
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEnvironmentAtLoad, dependenciesFromEnvironment } from '../../../functions/lib/dependencies.ts';
import { DEFAULT_SETTINGS, PORTS_ENV, SETTINGS_ENV } from '../../../shared/config/settings.ts';

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
    expect(() => deps.workflow).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', setting: 'STATE_MACHINE_ARN' }),
    );
  });
});

describe('a deployed function and its declared ports', () => {
  const deployed = (uses: object, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    AWS_LAMBDA_FUNCTION_NAME: 'WorkflowSendReminderFunction',
    [PORTS_ENV]: JSON.stringify(uses),
    [SETTINGS_ENV]: JSON.stringify(DEFAULT_SETTINGS),
    CASE_TABLE_NAME: 'cases',
    ...extra,
  });

  it('checks the variables of every declared port when it loads, not at the first call', () => {
    expect(() => dependenciesFromEnvironment(deployed({ store: ['get'], workflow: ['signal'] }))).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', setting: 'STATE_MACHINE_ARN' }),
    );
    expect(() => dependenciesFromEnvironment(deployed({ store: ['get'] }, { CASE_TABLE_NAME: '' }))).toThrow(
      expect.objectContaining({ setting: 'CASE_TABLE_NAME' }),
    );
  });

  it('refuses a port method the function did not declare (IAM would deny it on AWS)', () => {
    const deps = dependenciesFromEnvironment(deployed({ store: ['get', 'replace'] }));
    expect(typeof deps.store.get).toBe('function');
    expect(() => deps.store.releaseIntakeKey).toThrow(
      expect.objectContaining({
        name: 'ConfigurationError',
        message: expect.stringContaining('store.releaseIntakeKey'),
      }),
    );
    expect(() => deps.letters.deliver).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
  });

  it('will not run on Lambda without its declared ports or settings, which only the demo could default', () => {
    const { [PORTS_ENV]: _ports, ...noPorts } = deployed({ store: ['get'] });
    expect(() => dependenciesFromEnvironment(noPorts)).toThrow(
      expect.objectContaining({ setting: PORTS_ENV }),
    );
    const { [SETTINGS_ENV]: _settings, ...noSettings } = deployed({ store: ['get'] });
    expect(() => dependenciesFromEnvironment(noSettings)).toThrow(
      expect.objectContaining({ setting: SETTINGS_ENV }),
    );
    expect(() =>
      dependenciesFromEnvironment(deployed({ store: ['get'] }, { [SETTINGS_ENV]: '{"creditor":' })),
    ).toThrow(expect.objectContaining({ name: 'ConfigurationError', setting: SETTINGS_ENV }));
  });

  it('on Lambda, finds a wrong configuration during the cold start and logs it once, naming the setting', () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (line: string) => logged.push(line);
    try {
      const error = checkEnvironmentAtLoad(deployed({ store: ['get'], alerts: ['reviewEscalated'] }));
      expect(error).toMatchObject({ name: 'ConfigurationError', setting: 'ALERTS_TOPIC_ARN' });
      expect(logged.map((l) => JSON.parse(l))).toEqual([
        expect.objectContaining({
          level: 'error',
          code: 'CONFIGURATION_INVALID',
          error: 'ConfigurationError',
        }),
      ]);
      // Outside Lambda (tests, the local runtime's source mode) nothing is checked at load.
      expect(checkEnvironmentAtLoad({})).toBeNull();
    } finally {
      console.error = original;
    }
  });

  it('sends no letter without the configuration set that requires TLS and reports bounces', () => {
    expect(() => dependenciesFromEnvironment(deployed({ letters: ['deliver'] }))).toThrow(
      expect.objectContaining({ setting: 'LETTER_CONFIGURATION_SET' }),
    );
    expect(() =>
      dependenciesFromEnvironment(
        deployed({ letters: ['deliver'] }, { LETTER_CONFIGURATION_SET: 'letters' }),
      ),
    ).not.toThrow();
  });
});

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  agencySecretFromEnvironment,
  agencySecretFromSecretsManager,
  forgetCachedAgencySecrets,
} from '../../../shared/adapters/agency-secret.ts';
import { ConfigurationError } from '../../../shared/errors.ts';

describe('the agency secret locally', () => {
  it('comes from AGENCY_HMAC_SECRET, one key or both keys of a rotation', () => {
    expect(agencySecretFromEnvironment({ AGENCY_HMAC_SECRET: 's3cret' })).toEqual({ current: 's3cret' });
    expect(
      agencySecretFromEnvironment({
        AGENCY_HMAC_SECRET: JSON.stringify({ current: 'new', previous: 'old' }),
      }),
    ).toEqual({ current: 'new', previous: 'old' });
  });

  it('fails at start-up when it is not set', () => {
    expect(() => agencySecretFromEnvironment({})).toThrow(ConfigurationError);
  });
});

/** A local HTTP server that answers GetSecretValue the way Secrets Manager does (awsJson1_1). */
async function secretsManagerOnLocalhost(secretString: string) {
  const targets: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      targets.push(String(req.headers['x-amz-target']));
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({ ARN: SecretId, Name: 'agency-hmac', SecretString: secretString, VersionId: 'v1' }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = new SecretsManagerClient({
    region: 'eu-west-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { client, targets, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('the agency secret on AWS', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:agency-hmac-AbCdEf';
  let close: (() => Promise<void>) | undefined;
  beforeEach(() => forgetCachedAgencySecrets());
  afterEach(async () => close?.());

  it('is fetched once per cold start and then served from memory', async () => {
    const sm = await secretsManagerOnLocalhost('from-secrets-manager');
    close = sm.close;
    const secret = agencySecretFromSecretsManager(arn, sm.client);
    expect(await secret()).toEqual({ current: 'from-secrets-manager' });
    expect(await secret()).toEqual({ current: 'from-secrets-manager' });
    expect(sm.targets).toEqual(['secretsmanager.GetSecretValue']);
  });

  it('is fetched again when the client asks for a refresh (after a 401)', async () => {
    const sm = await secretsManagerOnLocalhost(JSON.stringify({ current: 'new', previous: 'old' }));
    close = sm.close;
    const secret = agencySecretFromSecretsManager(arn, sm.client);
    await secret();
    expect(await secret({ refresh: true })).toEqual({ current: 'new', previous: 'old' });
    expect(await secret()).toEqual({ current: 'new', previous: 'old' });
    expect(sm.targets).toHaveLength(2);
  });

  it('may be stored as JSON with an hmacSecret field', async () => {
    const sm = await secretsManagerOnLocalhost(JSON.stringify({ hmacSecret: 'inside-json' }));
    close = sm.close;
    expect(await agencySecretFromSecretsManager(arn, sm.client)()).toEqual({ current: 'inside-json' });
  });
});

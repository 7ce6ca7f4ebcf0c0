import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '../errors.ts';

export const AGENCY_SECRET_ENV = 'AGENCY_HMAC_SECRET';

/**
 * The agency's HMAC secret from the environment (local runs). Read at once, so a missing secret fails
 * when the handler starts, not at the first handoff.
 */
export function agencySecretFromEnvironment(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env[AGENCY_SECRET_ENV];
  if (!secret) throw new ConfigurationError(AGENCY_SECRET_ENV, 'the agency HMAC secret is not set');
  return secret;
}

const cache = new Map<string, Promise<string>>();

/**
 * The agency's HMAC secret from AWS Secrets Manager, fetched on first use and cached for the life of the
 * Lambda container (one call per cold start). The secret is either the plain string or JSON with an
 * `hmacSecret` field. A failed fetch is not cached, so the next call tries again.
 */
export function agencySecretFromSecretsManager(
  secretArn: string,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): () => Promise<string> {
  return () => {
    let pending = cache.get(secretArn);
    if (!pending) {
      pending = fetchSecret(client, secretArn);
      cache.set(secretArn, pending);
      pending.catch(() => cache.delete(secretArn));
    }
    return pending;
  };
}

async function fetchSecret(client: SecretsManagerClient, secretArn: string): Promise<string> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const raw = out.SecretString;
  if (!raw) throw new ConfigurationError('secretArn', `secret ${secretArn} has no string value`);
  if (raw.trimStart().startsWith('{')) {
    const parsed = JSON.parse(raw) as { hmacSecret?: unknown };
    if (typeof parsed.hmacSecret !== 'string' || parsed.hmacSecret === '') {
      throw new ConfigurationError('secretArn', `secret ${secretArn} is JSON without a string "hmacSecret"`);
    }
    return parsed.hmacSecret;
  }
  return raw;
}

/** Forgets cached secrets (tests, and a rotation handler that wants the new value). */
export function forgetCachedAgencySecrets(): void {
  cache.clear();
}

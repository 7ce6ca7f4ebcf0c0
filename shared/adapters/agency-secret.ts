import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigurationError } from '../errors.ts';
import type { SigningKeySource } from './agency-client.http.ts';
import { parseSigningKeys, type SigningKeys } from './request-signature.ts';

export const AGENCY_SECRET_ENV = 'AGENCY_HMAC_SECRET';

/**
 * The agency's signing keys from the environment (local runs): a plain key, or JSON
 * `{"current": "...", "previous": "..."}`. Read at once, so a missing key fails when the handler starts,
 * not at the first handoff.
 */
export function agencySecretFromEnvironment(env: NodeJS.ProcessEnv = process.env): SigningKeys {
  const keys = parseSigningKeys(env[AGENCY_SECRET_ENV] ?? '');
  if (!keys) throw new ConfigurationError(AGENCY_SECRET_ENV, 'the agency HMAC secret is not set');
  return keys;
}

const cache = new Map<string, Promise<SigningKeys>>();

/**
 * The agency's signing keys from AWS Secrets Manager, fetched on first use and cached for the life of the
 * Lambda container (one call per cold start); `{ refresh: true }` fetches them again (the client asks
 * once after a 401: the key may have rotated). The secret holds a plain key, or JSON
 * `{"current": "...", "previous": "..."}` (both sign during a rotation), or the older `{"hmacSecret": "..."}`.
 * A failed fetch is not cached, so the next call tries again.
 */
export function agencySecretFromSecretsManager(
  secretArn: string,
  client: SecretsManagerClient = new SecretsManagerClient({}),
): SigningKeySource {
  return (options) => {
    let pending = options?.refresh ? undefined : cache.get(secretArn);
    if (!pending) {
      pending = fetchSecret(client, secretArn);
      cache.set(secretArn, pending);
      pending.catch(() => cache.delete(secretArn));
    }
    return pending;
  };
}

async function fetchSecret(client: SecretsManagerClient, secretArn: string): Promise<SigningKeys> {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const keys = parseSigningKeys(out.SecretString ?? '');
  if (!keys) {
    throw new ConfigurationError(
      'secretArn',
      `secret ${secretArn} holds no signing key (a plain key, or JSON with "current" and optionally "previous")`,
    );
  }
  return keys;
}

/** Forgets cached secrets (tests, and a rotation handler that wants the new value). */
export function forgetCachedAgencySecrets(): void {
  cache.clear();
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { STAFF_GROUPS, type StaffGroup } from '../shared/domain/vocabulary.ts';

/**
 * LOCAL ONLY: the dev sign-in of `npm run serve`. It issues ID tokens shaped like Amazon Cognito's
 * (`cognito:username`, `cognito:groups`, `token_use: id`), signed HS256 with a key that never leaves this
 * machine, and verifies them the way API Gateway's Cognito authorizer does for the staff API: a valid
 * signature and an unexpired token; the handler then checks the group. Anyone who can reach the local
 * server can sign in with any group: it binds 127.0.0.1 and is not deployed.
 */
export const LOCAL_TOKEN_ISSUER = 'collections-local-dev-sign-in';
const TOKEN_HOURS = 8;

export interface StaffClaims {
  iss: string;
  token_use: 'id';
  'cognito:username': string;
  'cognito:groups': StaffGroup[];
  iat: number;
  exp: number;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class LocalStaffTokens {
  private constructor(private readonly key: Buffer) {}

  /** A fresh key per process, or the one kept in `keyFile` (so tokens survive a restart of serve). */
  static create(keyFile?: string): LocalStaffTokens {
    if (keyFile && existsSync(keyFile))
      return new LocalStaffTokens(Buffer.from(readFileSync(keyFile, 'utf8'), 'hex'));
    const key = randomBytes(32);
    if (keyFile) writeFileSync(keyFile, key.toString('hex'), { mode: 0o600 });
    return new LocalStaffTokens(key);
  }

  issue(
    username: string,
    groups: readonly StaffGroup[],
    nowMs = Date.now(),
  ): { idToken: string; expiresAt: string } {
    const iat = Math.floor(nowMs / 1000);
    const claims: StaffClaims = {
      iss: LOCAL_TOKEN_ISSUER,
      token_use: 'id',
      'cognito:username': username,
      'cognito:groups': [...groups],
      iat,
      exp: iat + TOKEN_HOURS * 3600,
    };
    const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
    return {
      idToken: `${unsigned}.${this.sign(unsigned)}`,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    };
  }

  /** The claims of a token this server issued and that has not expired; null for anything else. */
  verify(token: string, nowMs = Date.now()): StaffClaims | null {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return null;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as StaffClaims;
      if (claims.iss !== LOCAL_TOKEN_ISSUER || claims.token_use !== 'id') return null;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return null;
      return claims;
    } catch {
      return null;
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }
}

/** The body of `POST /_local/sign-in`: who signs in and with which groups; a message naming the field otherwise. */
export function parseSignIn(
  body: unknown,
): { username: string; groups: StaffGroup[] } | { field: string; message: string } {
  const input = (body ?? {}) as { username?: unknown; groups?: unknown };
  if (typeof input.username !== 'string' || !/^[A-Za-z0-9._@-]{1,100}$/.test(input.username))
    return { field: 'body.username', message: 'must be 1-100 letters, digits or . _ @ -' };
  if (
    !Array.isArray(input.groups) ||
    !input.groups.every((g) => (STAFF_GROUPS as readonly unknown[]).includes(g))
  )
    return { field: 'body.groups', message: `must be a list of ${STAFF_GROUPS.join(', ')}` };
  return { username: input.username, groups: [...new Set(input.groups as StaffGroup[])] };
}

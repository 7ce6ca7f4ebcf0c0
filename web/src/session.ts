import type { StaffGroup } from '../../shared/domain/vocabulary.ts';

/** How staff sign in here: the local dev sign-in, or Amazon Cognito's hosted sign-in (OAuth 2 code + PKCE). */
export type AuthConfig =
  | { kind: 'local' }
  | { kind: 'cognito'; domain: string; clientId: string; redirectUri?: string };

export interface SiteConfig {
  apiBase: string;
  auth: AuthConfig;
}

export interface Session {
  idToken: string;
  username: string;
  groups: StaffGroup[];
  expiresAt: number;
}

const KEY = 'backoffice.session';

/** The token's claims, read (not verified: the API verifies it) to show who is signed in. */
export function sessionFromToken(idToken: string): Session {
  const payload = JSON.parse(atob((idToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as {
    'cognito:username'?: string;
    email?: string;
    'cognito:groups'?: StaffGroup[];
    exp?: number;
  };
  return {
    idToken,
    username: payload['cognito:username'] ?? payload.email ?? '?',
    groups: payload['cognito:groups'] ?? [],
    expiresAt: (payload.exp ?? 0) * 1000,
  };
}

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  if (session.expiresAt <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

export function keepSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
}

export const may = (session: Session | null, group: StaffGroup) => session?.groups.includes(group) ?? false;

// --- Amazon Cognito hosted sign-in: authorization code with PKCE, no client secret in the browser ---

const VERIFIER = 'backoffice.pkce';
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function redirectUri(auth: Extract<AuthConfig, { kind: 'cognito' }>): string {
  return auth.redirectUri ?? `${location.origin}/`;
}

export async function startCognitoSignIn(auth: Extract<AuthConfig, { kind: 'cognito' }>): Promise<void> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem(VERIFIER, verifier);
  const challenge = b64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const url = new URL('/oauth2/authorize', auth.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(auth),
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  location.assign(url.toString());
}

/** Back from the hosted sign-in with `?code=`: exchanges it for tokens. Returns null when there is no code. */
export async function finishCognitoSignIn(
  auth: Extract<AuthConfig, { kind: 'cognito' }>,
): Promise<Session | null> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(VERIFIER);
  if (!code || !verifier) return null;
  sessionStorage.removeItem(VERIFIER);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(auth),
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new Error(`Aanmelden mislukt (${response.status})`);
  const { id_token } = (await response.json()) as { id_token: string };
  return sessionFromToken(id_token);
}

/** LOCAL ONLY: the dev sign-in of `npm run serve` issues a token for any name and groups. */
export async function localSignIn(username: string, groups: StaffGroup[]): Promise<Session> {
  const response = await fetch('/_local/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, groups }),
  });
  const body = (await response.json()) as { idToken?: string; message?: string };
  if (!response.ok || !body.idToken)
    throw new Error(body.message ?? `Aanmelden mislukt (${response.status})`);
  return sessionFromToken(body.idToken);
}

/**
 * The OpenID Connect client (openid-client 6): discovery, authorization URL with PKCE (S256),
 * state, nonce and the API audience, code exchange, refresh and revocation, and a mapping of every
 * failure to an AuthError whose kind the UI can act on. Nothing here logs or echoes token material.
 */
import * as oidc from 'openid-client';
import * as z from 'zod';
import { describeIssues } from '../../protocol';

export type AuthErrorKind =
  | 'provider-unavailable' // network failure, timeout, 5xx
  | 'misconfigured' // wrong domain/issuer, missing endpoints, unknown audience, http issuer
  | 'client-rejected' // unknown client id, callback URL not allowed, grant type not enabled
  | 'callback-invalid' // wrong state, replayed or missing code, bad ID token
  | 'access-denied' // the user or the provider refused the sign-in
  | 'session-expired' // the refresh token no longer works
  | 'cancelled'
  | 'timeout';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly kind: AuthErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What a sign-in needs to know about the tenant; `development` marks the embedded provider. */
export interface Tenant {
  readonly issuer: string;
  readonly clientId: string;
  readonly audience: string;
  /** API scopes always requested (besides the OIDC ones). */
  readonly scopes: readonly string[];
  readonly development: boolean;
}

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** Secrets of one authorization request; they live only in memory until the callback. */
export interface PendingAuthorization {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
}

export const Account = z.object({ id: z.string().min(1).max(500), name: z.string().max(200), email: z.string().max(320) });
export type Account = z.infer<typeof Account>;

/** What a token response yields, validated before anything stores it. */
export const TokenSet = z.object({
  accessToken: z.string().min(1).max(16_384),
  refreshToken: z.string().min(1).max(4096).optional(),
  expiresAt: z.number().int().positive(),
  scopes: z.array(z.string().max(200)).max(100),
  account: Account,
});
export type TokenSet = z.infer<typeof TokenSet>;

const IdTokenClaims = z.object({
  sub: z.string().min(1).max(500),
  name: z.string().max(200).optional(),
  nickname: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
});

const isLoopback = (url: string): boolean => ['127.0.0.1', '[::1]', 'localhost'].includes(new URL(url).hostname);

export function requestedScopes(tenant: Tenant, extra: readonly string[] = []): string[] {
  return [...new Set([...OIDC_SCOPES, ...tenant.scopes, ...extra])];
}

function isSocketReset(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return true;
  }
  return false;
}

export async function discover(tenant: Tenant): Promise<oidc.Configuration> {
  // Plain http only for the embedded development provider on loopback, never for a real tenant.
  const insecure = tenant.development && isLoopback(tenant.issuer);
  const attempt = () =>
    oidc.discovery(new URL(tenant.issuer), tenant.clientId, { token_endpoint_auth_method: 'none' }, oidc.None(), {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: 15,
    });
  try {
    try {
      return await attempt();
    } catch (error) {
      // A kept-alive connection to an issuer that restarted on the same address fails once; the
      // discovery GET is idempotent, so try it once more on a fresh connection.
      if (!isSocketReset(error)) throw error;
      return await attempt();
    }
  } catch (error) {
    throw toAuthError(error, 'discovery', tenant.issuer);
  }
}

export async function createAuthorization(
  config: oidc.Configuration,
  tenant: Tenant,
  redirectUri: string,
  extraScopes: readonly string[] = [],
): Promise<{ url: URL; pending: PendingAuthorization }> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const pending: PendingAuthorization = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier,
    redirectUri,
    scopes: requestedScopes(tenant, extraScopes),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: pending.scopes.join(' '),
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    audience: tenant.audience, // Auth0's name for the API (RFC 8707 `resource` elsewhere)
  });
  return { url, pending };
}

/** Exchanges the callback's code; openid-client checks state, `iss`, PKCE, nonce and the ID token. */
export async function exchangeCode(config: oidc.Configuration, pending: PendingAuthorization, params: URLSearchParams): Promise<TokenSet> {
  const current = new URL(pending.redirectUri); // the token request must repeat the exact redirect_uri
  for (const [key, value] of params) current.searchParams.append(key, value);
  try {
    const response = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    return toTokenSet(response, undefined, pending.scopes);
  } catch (error) {
    throw toAuthError(error, 'callback', config.serverMetadata().issuer);
  }
}

export async function refresh(config: oidc.Configuration, tokens: TokenSet): Promise<TokenSet> {
  if (!tokens.refreshToken) throw new AuthError('session-expired', 'The session has no refresh token; sign in again.');
  try {
    const response = await oidc.refreshTokenGrant(config, tokens.refreshToken);
    // Without rotation the provider returns no new refresh token: keep the one we have.
    return toTokenSet(response, tokens, tokens.scopes);
  } catch (error) {
    throw toAuthError(error, 'refresh', config.serverMetadata().issuer);
  }
}

export async function revoke(config: oidc.Configuration, refreshToken: string): Promise<void> {
  try {
    await oidc.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
  } catch (error) {
    throw toAuthError(error, 'revoke', config.serverMetadata().issuer);
  }
}

function toTokenSet(
  response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  previous: TokenSet | undefined,
  scopes: readonly string[],
): TokenSet {
  if (response.token_type.toLowerCase() !== 'bearer') {
    throw new AuthError('misconfigured', `Unsupported token type "${response.token_type}".`);
  }
  const rawClaims = response.claims();
  const claims = rawClaims ? IdTokenClaims.safeParse(rawClaims) : undefined;
  if (claims && !claims.success) throw new AuthError('callback-invalid', `The ID token is not usable: ${describeIssues(claims.error)}`);
  if (!claims && !previous) throw new AuthError('callback-invalid', 'The provider returned no ID token.');
  if (claims && previous && claims.data.sub !== previous.account.id) {
    throw new AuthError('callback-invalid', 'The refreshed session belongs to another account.');
  }
  const account = claims
    ? {
        id: claims.data.sub,
        name: claims.data.name ?? claims.data.nickname ?? claims.data.email ?? claims.data.sub,
        email: claims.data.email ?? '',
      }
    : (previous as TokenSet).account;
  const parsed = TokenSet.safeParse({
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    expiresAt: Date.now() + (response.expiresIn() ?? 300) * 1000,
    // The requested scopes identify the session (getSession matching); Auth0 may grant fewer.
    scopes: [...scopes],
    account,
  });
  if (!parsed.success) throw new AuthError('callback-invalid', `The token response is not usable: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

type Phase = 'discovery' | 'callback' | 'refresh' | 'revoke';
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && networkCodes.has(code)) return code;
    if (e.name === 'TimeoutError' || code === 'OAUTH_TIMEOUT') return 'timeout';
  }
  return undefined;
}

const clip = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').slice(0, 300);

/** Classifies an openid-client failure; `where` (issuer) helps the user, never a token. */
export function toAuthError(error: unknown, phase: Phase, where: string): AuthError {
  if (error instanceof AuthError) return error;
  const net = networkCode(error);
  if (net) return new AuthError('provider-unavailable', `The identity provider at ${where} cannot be reached (${net}).`, { cause: error });
  if (error instanceof oidc.AuthorizationResponseError) {
    const text = `${error.error}${error.error_description ? `: ${clip(error.error_description)}` : ''}`;
    if (error.error === 'access_denied') return new AuthError('access-denied', `Sign-in was refused (${text}).`, { cause: error });
    if (['unauthorized_client', 'invalid_client'].includes(error.error)) {
      return new AuthError('client-rejected', `The identity provider rejected the application (${text}).`, { cause: error });
    }
    return new AuthError('callback-invalid', `The identity provider returned an error (${text}).`, { cause: error });
  }
  if (error instanceof oidc.ResponseBodyError) {
    const text = `${error.error}${error.error_description ? `: ${clip(error.error_description)}` : ''}`;
    if (error.status >= 500) {
      return new AuthError('provider-unavailable', `The identity provider failed (HTTP ${error.status}, ${text}).`, { cause: error });
    }
    if (['invalid_client', 'unauthorized_client'].includes(error.error)) {
      return new AuthError(
        'client-rejected',
        `The identity provider rejected the application (${text}). Check the client id and that it is a Native application with the refresh-token grant.`,
        { cause: error },
      );
    }
    if (error.error === 'invalid_grant') {
      return phase === 'refresh'
        ? new AuthError('session-expired', 'The session has expired or was revoked; sign in again.', { cause: error })
        : new AuthError('callback-invalid', 'The authorization code is invalid, expired or was already used.', { cause: error });
    }
    return new AuthError('misconfigured', `The identity provider refused the request (${text}).`, { cause: error });
  }
  if (error instanceof oidc.ClientError) {
    const status = error.cause instanceof Response ? error.cause.status : undefined;
    if (status !== undefined && status >= 500) {
      return new AuthError('provider-unavailable', `The identity provider at ${where} failed (HTTP ${status}).`, { cause: error });
    }
    if (phase === 'callback') {
      return new AuthError('callback-invalid', `The sign-in response was rejected: ${error.message} (${error.code ?? 'no code'}).`, {
        cause: error,
      });
    }
    return new AuthError(
      'misconfigured',
      `The identity provider at ${where} does not look right: ${error.message}${status ? ` (HTTP ${status})` : ''}. Check the Auth0 domain setting.`,
      { cause: error },
    );
  }
  if (phase === 'callback') return new AuthError('callback-invalid', 'The sign-in response was rejected.', { cause: error });
  return new AuthError('misconfigured', `Unexpected failure talking to ${where}.`, { cause: error });
}

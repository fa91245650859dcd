/**
 * The embedded development identity provider: a real OpenID Connect server (oidc-provider) on
 * 127.0.0.1, configured like an Auth0 tenant (issuer with a trailing slash, Auth0's endpoint paths,
 * `audience` parameter, JWT access tokens for the API, rotating refresh tokens, revocation).
 * Used when no tenant is configured. Everything it shows says "development sign-in".
 *
 * Browser access: the extension host talks to it on loopback (discovery, token, revocation), while
 * the user's browser may only reach it through `asExternalUri` (code-server: `/proxy/<port>/`).
 * `setExternalBase` tells it that base; requests arriving with a foreign Host header are treated as
 * coming through it, so every URL and cookie path it generates carries the external prefix. The
 * issuer (and so the `iss` callback parameter) stays the loopback URL.
 *
 * Web pages in the user's browser: only the loopback host names and the external base's host are
 * answered (a DNS-rebinding page sends its own name), a request from another origin is refused, no
 * origin gets CORS (the extension host calls the token endpoints from Node, with no Origin), and the
 * only response mode is `query` (form_post would hand the code to a page that posts it on).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { Provider, errors, type Adapter, type AdapterPayload, type KoaContextWithOIDC } from 'oidc-provider';
import { DevProviderState } from './devProviderState';
import { devLoginPage, messagePage, readForm, sendHtml } from './pages';

export const DEV_CLIENT_ID = 'component-host-development';
export const DEFAULT_AUDIENCE = 'https://component-host.local/api';
export const DEFAULT_API_SCOPES = ['read:pong'];
export const DEV_ACCOUNT = {
  sub: 'dev|component-host-developer',
  name: 'Development User',
  email: 'developer@component-host.local',
} as const;
/** Redirect URI every loopback callback matches (native clients ignore the loopback port). */
export const DEV_LOOPBACK_REDIRECT = 'http://127.0.0.1/cb';
const MAX_EXTRA_REDIRECTS = 20;

export interface DevIdentityProviderOptions {
  /** Where to keep its port, signing key and grants across restarts (none: memory only). */
  stateFile?: string;
  audience?: string;
  apiScopes?: readonly string[];
  /** Access-token lifetime; short because JWT access tokens cannot be revoked. */
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
}

export interface DevIdentityProvider {
  /** `http://127.0.0.1:<port>/`, what discovery and the API server use. */
  readonly issuer: string;
  readonly port: number;
  readonly clientId: string;
  readonly audience: string;
  /** Registers a redirect URI on the fly (e.g. the code-server proxied callback). */
  allowRedirectUri(uri: string): void;
  /** Where the user's browser reaches this server (from asExternalUri), or undefined when direct. */
  setExternalBase(base: string | undefined): void;
  /** The authorization URL as the user's browser must open it. */
  browserUrl(url: URL): URL;
  close(): Promise<void>;
}

let signingKey: Promise<JWK> | undefined;
/** One RS256 key per process: tokens stay verifiable if the provider is restarted. */
function devSigningKey(): Promise<JWK> {
  signingKey ??= generateKeyPair('RS256', { extractable: true }).then(async ({ privateKey }) => ({
    ...(await exportJWK(privateKey)),
    kid: `dev-${randomUUID()}`,
    alg: 'RS256',
    use: 'sig',
  }));
  return signingKey;
}

function isNativeRedirect(uri: string): boolean {
  const url = new URL(uri);
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', '[::1]'].includes(url.hostname));
}

export async function startDevIdentityProvider(options: DevIdentityProviderOptions = {}): Promise<DevIdentityProvider> {
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const apiScopes = options.apiScopes ?? DEFAULT_API_SCOPES;
  const extraRedirects = new Set<string>();
  let external: URL | undefined;
  // The server must listen before the provider exists (the issuer contains the port).
  const handler: { current?: (req: IncomingMessage, res: ServerResponse) => void } = {};

  const server: Server = createServer((req, res) => {
    if (!handler.current) return sendHtml(res, 503, messagePage('Development sign-in', 'Starting, try again.'));
    handler.current(req, res);
  });
  const state = new DevProviderState(options.stateFile);
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  // The same port as last time keeps the issuer, so sessions survive an extension-host restart.
  await (state.port ? listen(state.port).catch(() => listen(0)) : listen(0));
  const { port } = server.address() as AddressInfo;
  const loopbackHost = `127.0.0.1:${port}`;
  const issuer = `http://${loopbackHost}/`;

  const clientMetadata = (): AdapterPayload => {
    const redirects = [DEV_LOOPBACK_REDIRECT, ...extraRedirects];
    return {
      client_id: DEV_CLIENT_ID,
      client_name: 'Component Host (development sign-in)',
      // A custom proxied redirect such as http://devbox:8080/proxy/N/cb is only valid for a web client.
      application_type: redirects.every(isNativeRedirect) ? 'native' : 'web',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      response_modes: ['query'],
      redirect_uris: redirects,
    };
  };
  const clientAdapter: Adapter = {
    find: async (id) => (id === DEV_CLIENT_ID ? clientMetadata() : undefined),
    upsert: async () => {},
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: async () => {},
    destroy: async () => {},
    revokeByGrantId: async () => {},
  };

  const signingKey = state.signingKey ?? (await devSigningKey());
  const cookieKey = state.cookieKey ?? randomBytes(32).toString('base64url');
  state.remember({ port, signingKey, cookieKey });

  const provider = new Provider(issuer, {
    adapter: (model: string) => (model === 'Client' ? clientAdapter : state.adapter(model)),
    jwks: { keys: [signingKey] },
    cookies: { keys: [cookieKey] },
    routes: { authorization: '/authorize', token: '/oauth/token', revocation: '/oauth/revoke', jwks: '/.well-known/jwks.json' },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'nickname'], email: ['email', 'email_verified'] },
    // Like Auth0: name and email go into the ID token (userinfo refuses an API-audience token).
    conformIdTokenClaims: false,
    extraParams: ['audience'],
    pkce: { required: () => true },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) =>
      sub === DEV_ACCOUNT.sub
        ? {
            accountId: sub,
            claims: () => ({ sub, name: DEV_ACCOUNT.name, nickname: 'developer', email: DEV_ACCOUNT.email, email_verified: true }),
          }
        : undefined,
    // The development tenant is first party, as an Auth0 application is: no consent page.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      const clientId = oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
      const grant = (grantId ? await oidc.provider.Grant.find(grantId) : undefined) ?? new oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
      for (const [resource, server] of Object.entries(oidc.resourceServers)) {
        const offered = new Set(server.scope?.split(' '));
        grant.addResourceScope(resource, [...oidc.requestParamScopes].filter((s) => offered.has(s)).join(' '));
      }
      await grant.save();
      return grant;
    },
    // oidc-provider only keeps offline_access with prompt=consent; Auth0 issues a refresh token
    // to an application that asks for it, so the development tenant does too, always rotating it.
    issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: { grantTypeAllowed(t: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    expiresWithSession: async () => false,
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 300,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Grant: 86_400,
      Session: 86_400,
      RefreshToken: options.refreshTokenTtlSeconds ?? 86_400,
    },
    interactions: {
      // Absolute, so code-server's proxy does not prefix it a second time.
      url: (ctx: KoaContextWithOIDC, interaction: { uid: string }) =>
        new URL(`interaction/${interaction.uid}`, ctx.oidc.urlFor('authorization')).href,
    },
    // No browser calls these endpoints: discovery, token and revocation come from the extension host.
    clientBasedCORS: () => false,
    features: {
      devInteractions: { enabled: false },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: KoaContextWithOIDC, client: { clientId: string }, token: { clientId?: string }) =>
          token.clientId === client.clientId,
      },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx: KoaContextWithOIDC) => (typeof ctx.oidc.params?.audience === 'string' ? ctx.oidc.params.audience : audience),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, resource: string) => {
          if (resource !== audience) throw new errors.InvalidTarget(`the development tenant has no API "${resource}"`);
          return {
            audience,
            scope: apiScopes.join(' '),
            accessTokenFormat: 'jwt',
            accessTokenTTL: options.accessTokenTtlSeconds ?? 300,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    renderError: (ctx: KoaContextWithOIDC, out: Record<string, unknown>) => {
      ctx.type = 'html';
      ctx.body = messagePage('Development sign-in failed', `${String(out.error)}: ${String(out.error_description ?? '')}`);
    },
  });
  // Only trusted after we strip what the client sent (see `prepare`).
  provider.proxy = true;
  const providerHandler = provider.callback();

  /** Marks requests that came through the external base, so oidc-provider builds URLs under it. */
  const prepare = (req: IncomingMessage): void => {
    for (const h of ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-for']) delete req.headers[h];
    if (!external || req.headers.host === loopbackHost) return;
    req.headers.host = external.host;
    if (external.protocol === 'https:') req.headers['x-forwarded-proto'] = 'https';
    // oidc-provider derives its mount path from originalUrl minus url.
    Object.assign(req, { originalUrl: external.pathname.replace(/\/$/, '') + (req.url ?? '/') });
  };

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, submit: boolean): Promise<void> => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      return sendHtml(res, 400, messagePage('Development sign-in', 'This sign-in page is out of date. Start again from VS Code.'));
    }
    if (!submit) {
      if (req.method !== 'GET') return sendHtml(res, 405, messagePage('Development sign-in', 'Method not allowed.'));
      return sendHtml(res, 200, devLoginPage(DEV_ACCOUNT, String(details.params.client_id ?? ''), uid), { sameOriginReferrer: true });
    }
    if (req.method !== 'POST') return sendHtml(res, 405, messagePage('Development sign-in', 'Method not allowed.'));
    const form = await readForm(req);
    const result =
      form.get('action') === 'login'
        ? { login: { accountId: DEV_ACCOUNT.sub }, consent: {} } // native clients need an explicit consent result
        : { error: 'access_denied', error_description: 'The development sign-in was cancelled.' };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  };

  /** The Host names this server answers to: its loopback address, and the external base when set. */
  const allowedHost = (host: string | undefined): boolean =>
    host === loopbackHost || host === `localhost:${port}` || (external !== undefined && host === external.host);
  /**
   * A request with an Origin must come from one of those hosts (the login page's own form post); the
   * host's own calls and top-level navigations carry none. Covers preflights, which oidc-provider always allows.
   */
  const allowedOrigin = (origin: string | undefined): boolean =>
    origin === undefined || (URL.canParse(origin) && allowedHost(new URL(origin).host));

  handler.current = (req, res) => {
    if (!allowedHost(req.headers.host)) {
      return sendHtml(res, 403, messagePage('Development sign-in', 'This address is not the development sign-in (unexpected Host).'));
    }
    if (!allowedOrigin(req.headers.origin)) {
      return sendHtml(res, 403, messagePage('Development sign-in', 'Requests from other sites are refused.'));
    }
    prepare(req);
    const requested = new URL(req.url ?? '/', 'http://x');
    const path = requested.pathname;
    if (path === '/authorize' && (req.method !== 'GET' || requested.searchParams.getAll('response_mode').some((m) => m !== 'query'))) {
      // Refused before oidc-provider, which would answer even an error through the requested mode (an auto-posting form).
      return sendHtml(res, 400, messagePage('Development sign-in', 'Only GET with response_mode=query is supported.'));
    }
    const match = /^\/interaction\/([\w-]{1,64})(\/login)?$/.exec(path);
    if (!match?.[1]) return providerHandler(req, res);
    interaction(req, res, match[1], Boolean(match[2])).catch(() => {
      if (!res.headersSent) {
        sendHtml(res, 400, messagePage('Development sign-in', 'This sign-in has expired or was already used. Start again from VS Code.'));
      }
    });
  };

  return {
    issuer,
    port,
    clientId: DEV_CLIENT_ID,
    audience,
    allowRedirectUri(uri) {
      if (uri === DEV_LOOPBACK_REDIRECT || extraRedirects.has(uri)) return;
      extraRedirects.add(uri);
      const oldest = extraRedirects.values().next().value;
      if (extraRedirects.size > MAX_EXTRA_REDIRECTS && oldest) extraRedirects.delete(oldest);
    },
    setExternalBase(base) {
      external = base && new URL(base).host !== loopbackHost ? new URL(base) : undefined;
    },
    browserUrl(url) {
      if (!external) return url;
      const rewritten = new URL(
        url.pathname.replace(/^\//, '') + url.search,
        external.href.endsWith('/') ? external.href : `${external.href}/`,
      );
      return rewritten;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The API server: public routes, routes protected by Auth0 access tokens verified with Auth0's own
 * middleware, and guards in front of everything. `createApp` is used in-process by tests and by
 * `main.ts` in the child process the extension supervises.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { auth, requiredScopes, UnauthorizedError } from 'express-oauth2-jwt-bearer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './config';
import { hostGuard, originGuard, securityHeaders, tokenLocationGuard } from './guards';
import { apiRoutes, ApiRoute } from '../protocol/server';
import { fastPath, type ProtectedRoutes, type PublicRoutes } from './fastPath';
import { rememberVerifiedTokens } from './verifiedTokens';

export interface ServerApp {
  app: express.Express;
  /** What the HTTP server runs: the fast path (server/fastPath.ts), then the express app. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** How many requests the fast path answered (tests check which path answered). */
  fastAnswers(): number;
  /** Call once the port is known: the Host guard accepts only names with that port. */
  setPort(port: number): void;
}

export function createApp(config: ServerConfig): ServerApp {
  const started = Date.now();
  let allowedHosts = new Set<string>(config.extraAllowedHosts);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders());
  app.use(hostGuard(() => allowedHosts));
  app.use(originGuard());
  // Bodies are parsed (size-limited) only when there is one, so the token guard can refuse a token
  // sent in a form body; the usual bodiless GET skips both parsers.
  const json = express.json({ limit: '16kb' });
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  app.use((req, res, next) =>
    req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined
      ? next()
      : json(req, res, (err?: unknown) => (err ? next(err) : form(req, res, next))),
  );
  app.use(tokenLocationGuard());

  const verified = config.issuerBaseUrl
    ? rememberVerifiedTokens(
        auth({
          issuerBaseURL: config.issuerBaseUrl,
          audience: config.audience,
          // Only RS256: Auth0's discovery also lists HS256, which must never be tried with a public key.
          tokenSigningAlg: 'RS256',
          // Access tokens only (`typ: at+jwt`), not ID tokens or anything else signed by the issuer.
          strict: true,
          // The host sends plain bearer tokens; DPoP-bound tokens are not issued, so the scheme is off.
          dpop: { enabled: false },
        }),
      )
    : undefined;
  const protect =
    verified ??
    ((_req: Request, res: Response) => {
      res
        .status(503)
        .json({ error: 'auth_not_configured', error_description: 'The server was started without an issuer to verify tokens against.' });
    });
  // Each route of the one route table (protocol/server.ts) is defined once here and served both by
  // express and by the fast path (server/fastPath.ts).
  const handlers: RouteHandlers = {
    health: () => ({ status: 'ok', uptimeMs: Date.now() - started, authConfigured: config.issuerBaseUrl !== undefined }),
    ping: () => ({ message: 'pong from the public route', serverTime: new Date().toISOString() }),
    pong: {
      scopes: [config.requiredScope],
      body: (a) => ({
        message: 'pong from the protected route',
        subject: String(a.payload.sub ?? ''),
        serverTime: new Date().toISOString(),
      }),
    },
    me: {
      scopes: [],
      body: (a) => ({
        subject: String(a.payload.sub ?? ''),
        scopes: typeof a.payload.scope === 'string' ? a.payload.scope.split(' ').filter(Boolean) : [],
        audience: a.payload.aud ?? '',
      }),
    },
  };
  const { publicRoutes, protectedRoutes } = routesByPath(handlers);
  for (const [path, body] of Object.entries(publicRoutes)) app.get(path, (_req, res) => void res.json(body()));
  for (const [path, route] of Object.entries(protectedRoutes)) {
    const scopes = route.scopes.length ? [requiredScopes([...route.scopes])] : [];
    app.get(path, protect, ...scopes, (req, res) => void res.json(route.body(req.auth!)));
  }
  let fast = 0;
  const answerFast = fastPath({ publicRoutes, protectedRoutes, allowedHosts: () => allowedHosts, verified: verified?.lookup });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', error_description: 'No such route.' });
  });
  /** The refusal users meet when an Auth0 API is left on its default token profile: say what to change, and where. */
  const explainRefusal = (message: string): string =>
    /Unexpected 'typ' value/.test(message)
      ? `${message}: this server accepts only RFC 9068 access tokens (typ "at+jwt"). In the Auth0 dashboard set the API's ` +
        'JSON Web Token (JWT) Profile to RFC 9068 (APIs → your API → Settings); see docs/auth0.md, "Create the API".'
      : message;
  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    if (err instanceof UnauthorizedError) {
      // The middleware's status and WWW-Authenticate header are the standard answer (RFC 6750 §3).
      const code = 'code' in err && typeof err.code === 'string' && err.code ? err.code : 'unauthorized';
      const description = explainRefusal(err.message);
      if (description !== err.message) console.error(`refused an access token: ${description}`);
      res.set(err.headers).status(err.status).json({ error: code, error_description: description });
      return;
    }
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: 'bad_request', error_description: 'The request could not be read.' });
      return;
    }
    console.error(`server error: ${err instanceof Error ? err.message : String(err)}`);
    res.status(500).json({ error: 'internal_error', error_description: 'Something went wrong on the server.' });
  };
  app.use(onError);

  return {
    app,
    handle: (req, res) => {
      if (answerFast(req, res)) fast++;
      else void app(req, res);
    },
    fastAnswers: () => fast,
    setPort(port) {
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, ...config.extraAllowedHosts]);
    },
  };
}

type PublicRoute = PublicRoutes[string];
type ProtectedRoute = ProtectedRoutes[string];
/** One handler per route of the table; the compiler checks that a protected route gets scopes and a token. */
type RouteHandlers = { [R in ApiRoute]: (typeof apiRoutes)[R]['protected'] extends true ? ProtectedRoute : PublicRoute };

function routesByPath(handlers: RouteHandlers): { publicRoutes: PublicRoutes; protectedRoutes: ProtectedRoutes } {
  const publicRoutes: Record<string, PublicRoute> = {};
  const protectedRoutes: Record<string, ProtectedRoute> = {};
  for (const route of ApiRoute.options) {
    const handler: PublicRoute | ProtectedRoute = handlers[route];
    const { path } = apiRoutes[route];
    if (typeof handler === 'function') publicRoutes[path] = handler;
    else protectedRoutes[path] = handler;
  }
  return { publicRoutes, protectedRoutes };
}

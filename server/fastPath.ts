/**
 * The plain success cases, answered by node:http before express sees the request: GET of a known path
 * with no query and no body, the Host and Origin guards passing (the same functions express's guards
 * use), and for a protected route a token that Auth0's middleware has already fully verified
 * (server/verifiedTokens.ts) carrying every required scope. Anything else — a refusal of any kind, a
 * token seen for the first time, a query (an `access_token` there must be refused), a body, HEAD —
 * goes to express, which answers exactly as it did before this path existed. Why at all: express 5's
 * router and response helpers cost about 5× a bare node:http answer here (docs/decisions.md).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthResult } from 'express-oauth2-jwt-bearer';
import { hostAllowed, originAllowed, SECURITY_HEADERS } from './guards';

/** Path → the JSON body of its answer. */
export type PublicRoutes = Readonly<Record<string, () => unknown>>;
/** Path → the scopes it requires (all of them) and the JSON body of its answer, from the token's claims. */
export type ProtectedRoutes = Readonly<Record<string, { scopes: readonly string[]; body(auth: AuthResult): unknown }>>;

export interface FastPathOptions {
  publicRoutes: PublicRoutes;
  protectedRoutes: ProtectedRoutes;
  allowedHosts(): Set<string>;
  /** Claims of an already verified token in this Authorization header (undefined: let express verify it). */
  verified?(authorization: string | undefined): AuthResult | undefined;
}

/** As express-oauth2-jwt-bearer's `requiredScopes` reads the claim: a space-separated string or an array. */
export function hasScopes(auth: AuthResult, required: readonly string[]): boolean {
  const claim = auth.payload.scope;
  const granted = new Set(typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : []);
  return required.every((scope) => granted.has(scope));
}

export function fastPath(options: FastPathOptions) {
  const answer = (res: ServerResponse, body: unknown): true => {
    const text = JSON.stringify(body);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    return true;
  };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = req.url ?? '';
    if (req.method !== 'GET' || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) return false;
    const isPublic = Object.hasOwn(options.publicRoutes, path);
    if (!isPublic && !Object.hasOwn(options.protectedRoutes, path)) return false;
    if (!hostAllowed(req.headers, options.allowedHosts()) || !originAllowed(req.headers)) return false;
    if (isPublic) return answer(res, options.publicRoutes[path]!());
    const route = options.protectedRoutes[path]!;
    const auth = options.verified?.(req.headers.authorization);
    if (!auth || !hasScopes(auth, route.scopes)) return false;
    return answer(res, route.body(auth));
  };
}

/**
 * Remembers access tokens that Auth0's middleware has fully verified, so a client that calls again
 * with the same token does not pay for the RS256 signature check on every request.
 *
 * Why this is safe: the key is the exact token string, signature included, so a token that differs
 * in any byte (another signature, claim or header) is a miss and goes through full verification; a
 * failure is never remembered; an entry ends when the token expires (checked on every hit, without
 * the verifier's clock tolerance, so never later than verification would) and after at most
 * MAX_AGE_MS, which bounds how long a key removed from the issuer's JWKS keeps working for tokens
 * already seen (no revocation exists for stateless JWTs either way); scope checks still run per
 * request on the cached claims. Bounded: the oldest entries go first. The fast path
 * (server/fastPath.ts) answers a remembered token through `lookup`, with the same checks.
 */
import type { NextFunction, Request, Response } from 'express';
import type { AuthResult } from 'express-oauth2-jwt-bearer';

export const MAX_ENTRIES = 1000;
export const MAX_AGE_MS = 5 * 60_000;

type Handler = (req: Request, res: Response, next: NextFunction) => void;

export interface VerifiedTokens {
  /** The middleware: a remembered token's claims, or the verifier (whose success is remembered). */
  (req: Request, res: Response, next: NextFunction): void;
  /** The claims of a remembered, unexpired token in this Authorization header; never verifies anything. */
  lookup(authorization: string | undefined): AuthResult | undefined;
  size(): number;
}

export function rememberVerifiedTokens(verify: Handler, now: () => number = Date.now): VerifiedTokens {
  const entries = new Map<string, { auth: AuthResult; until: number }>();
  // No syntax check needed here: only a string that the verifier accepted can be found in `entries`.
  const bearer = (authorization: string | undefined) =>
    authorization && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ' ? authorization.slice(7) : undefined;
  const lookup = (authorization: string | undefined): AuthResult | undefined => {
    const token = bearer(authorization);
    const hit = token ? entries.get(token) : undefined;
    if (!token || !hit) return undefined;
    if (hit.until > now()) return hit.auth;
    entries.delete(token);
    return undefined;
  };
  const handler = (req: Request, res: Response, next: NextFunction): void => {
    const remembered = lookup(req.headers.authorization);
    if (remembered) {
      req.auth = remembered;
      return next();
    }
    const token = bearer(req.headers.authorization);
    verify(req, res, (err?: unknown) => {
      const exp = req.auth?.payload.exp;
      if (!err && token && req.auth && typeof exp === 'number') {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(token, { auth: req.auth, until: Math.min(exp * 1000, now() + MAX_AGE_MS) });
      }
      next(err);
    });
  };
  return Object.assign(handler, { lookup, size: () => entries.size });
}

import type { NextFunction, Request, Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';

function refuse(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

/**
 * DNS rebinding defence: a page on evil.example that resolves to 127.0.0.1 still sends
 * `Host: evil.example`. Only our own loopback names (with our port) and configured extras pass.
 */
export function hostGuard(allowed: () => Set<string>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (hostAllowed(req.headers, allowed())) return next();
    refuse(res, 403, 'forbidden_host', 'This server only answers requests addressed to its loopback address.');
  };
}

/**
 * No CORS, ever: browsers send `Origin` on cross-origin requests (and on same-origin POSTs); the only
 * legitimate caller is the extension host, which sends none. Refusing before any route runs means a
 * hostile page can neither read a response nor cause a state change.
 */
export function originGuard() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (originAllowed(req.headers)) return next();
    refuse(res, 403, 'forbidden_origin', 'Browser requests are not accepted; the extension calls this server on your behalf.');
  };
}

/**
 * express-oauth2-jwt-bearer also reads `access_token` from the query string and form bodies (RFC 6750
 * §2.2–2.3) and cannot be told not to; tokens in URLs end up in logs and history, so refuse them here.
 * The check reads the same decoded objects the middleware reads (`req.query`, `req.body`), so no
 * encoding of the name (`%61ccess_token`, `access%5Ftoken`, `\u0061ccess_token` in JSON) slips past;
 * and, for any other parser, every decoded name of the raw query too.
 */
export function tokenLocationGuard() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const hasQuery = req.url.includes('?');
    const inQuery = hasQuery && (hasTokenName(req.query) || queryNames(req.url).some(isTokenName));
    const inBody = hasTokenName(req.body);
    if (!inQuery && !inBody) return next();
    refuse(res, 400, 'invalid_request', 'Send the access token in the Authorization header only.');
  };
}

/** `access_token`, in any case, with spaces or a `[…]` suffix (what a qs-style parser would fold into it). */
const isTokenName = (name: string): boolean => name.replace(/\[.*$/, '').trim().toLowerCase() === 'access_token';

function hasTokenName(parsed: unknown): boolean {
  return typeof parsed === 'object' && parsed !== null && Object.keys(parsed).some(isTokenName);
}

/** Decoded parameter names of a request URL's query; a name that does not decode counts as itself. */
function queryNames(url: string): string[] {
  return url
    .slice(url.indexOf('?') + 1)
    .split(/[&;]/)
    .map((pair) => {
      const name = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
      try {
        return decodeURIComponent(name);
      } catch {
        return name;
      }
    });
}

export function hostAllowed(headers: IncomingHttpHeaders, allowed: Set<string>): boolean {
  return allowed.has((headers.host ?? '').toLowerCase());
}

export function originAllowed(headers: IncomingHttpHeaders): boolean {
  const fetchSite = headers['sec-fetch-site'];
  return headers.origin === undefined && (fetchSite === undefined || fetchSite === 'none');
}

/** On every answer, also the fast path's (server/fastPath.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export function securityHeaders() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.set(SECURITY_HEADERS);
    next();
  };
}

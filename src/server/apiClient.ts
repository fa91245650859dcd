/**
 * Calls the API server on behalf of the webview and components (which never reach it themselves),
 * attaching the access token to protected routes. The token never appears in the result or the log.
 */
import { errorMessage } from '../util/errors';
import { apiRoutes, type ApiCallResult, type ApiRoute } from '../../protocol';

export interface ApiClientDeps {
  /** The server's base URL, starting or waiting for it as needed. */
  ensureRunning(): Promise<string>;
  /**
   * A valid access token for the server at baseUrl, or undefined when signed out (the call then goes
   * without one). Throws when the token must not go to that server; the call is then not made.
   */
  getAccessToken(baseUrl: string): Promise<string | undefined>;
  timeoutMs?: number;
}

const RETRYABLE = /ECONNRESET|ECONNREFUSED|socket hang up|other side closed|fetch failed/i;

export async function callApi(route: ApiRoute, deps: ApiClientDeps): Promise<ApiCallResult> {
  const { path, protected: isProtected } = apiRoutes[route];
  const started = performance.now();
  let token: string | undefined;
  const result = (partial: Omit<ApiCallResult, 'route' | 'path' | 'usedToken' | 'durationMs'>): ApiCallResult => ({
    route,
    path,
    usedToken: token !== undefined,
    durationMs: performance.now() - started,
    ...partial,
  });

  // GETs are idempotent: one retry after a dropped connection (the supervisor restarts a crashed server).
  for (let attempt = 1; ; attempt++) {
    let baseUrl: string;
    try {
      baseUrl = await deps.ensureRunning();
    } catch (err) {
      return result({
        status: 0,
        ok: false,
        body: null,
        error: `API server unavailable: ${errorMessage(err)}`,
      });
    }
    if (isProtected && attempt === 1) {
      try {
        token = await deps.getAccessToken(baseUrl);
      } catch (err) {
        return result({ status: 0, ok: false, body: null, error: `not called: ${errorMessage(err)}` });
      }
    }
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      const body = parseBody(text);
      const error = response.ok ? undefined : describeError(response.status, body);
      return result({ status: response.status, ok: response.ok, body, ...(error ? { error } : {}) });
    } catch (err) {
      const reason = describeCause(err);
      if (attempt === 1 && RETRYABLE.test(reason)) {
        // Give the supervisor a moment to notice the exit, so the retry waits for the restart.
        await new Promise((r) => setTimeout(r, 300));
        continue;
      }
      return result({ status: 0, ok: false, body: null, error: `no answer from the API server: ${reason}` });
    }
  }
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
}

function describeError(status: number, body: unknown): string {
  const code = typeof body === 'object' && body !== null && 'error' in body ? String((body as { error: unknown }).error) : '';
  const description =
    typeof body === 'object' && body !== null && 'error_description' in body
      ? String((body as { error_description: unknown }).error_description)
      : '';
  // A refusal that says how to fix it (the token profile) is shown whole, where the user looks.
  if (status === 401 && /RFC 9068/.test(description)) return `not authorised (${code}): ${description.slice(0, 500)}`;
  if (status === 401) return `not authorised (${code || 'no valid token'})${code === 'invalid_request' || !code ? ': sign in first' : ''}`;
  if (status === 403) return `forbidden (${code || 'refused'})`;
  return `HTTP ${status}${code ? ` (${code})` : ''}`;
}

/** fetch() hides the socket error in `cause`; that is where ECONNREFUSED and friends are. */
function describeCause(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      parts.push((current as NodeJS.ErrnoException).code ?? current.message);
      current = current.cause;
    } else break;
  }
  return parts.join(': ') || String(err);
}

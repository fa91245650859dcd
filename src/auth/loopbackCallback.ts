/**
 * One-shot HTTP listener on 127.0.0.1 that receives the authorization response at /cb.
 * Locally the browser reaches it directly; remotely (code-server, Remote-SSH) through
 * `asExternalUri`, which proxies path and query unchanged. Any web page can send a request here,
 * so only a callback carrying the expected state ends the wait (with its code or its error); anything
 * else gets a 400 page and the listener keeps waiting. It closes after that callback, on timeout or on cancel.
 */
import { createServer, type Server } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import { AuthError } from './oidcClient';
import { messagePage, sendHtml } from './pages';

export const CALLBACK_PATH = '/cb';
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

const CallbackParams = z.object({
  code: z.string().min(1).max(2048).optional(),
  state: z.string().max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks an authorization response before any code exchange. Returns only the parameters the
 * exchange needs; throws AuthError with a message that is safe to show (no code echoed).
 */
export function validateCallback(query: URLSearchParams, expectedState: string): URLSearchParams {
  const keys = [...query.keys()];
  if (new Set(keys).size !== keys.length) throw new AuthError('callback-invalid', 'The sign-in response repeats a parameter.');
  const parsed = CallbackParams.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw new AuthError('callback-invalid', 'The sign-in response is malformed.');
  const { code, state, iss, error, error_description: description } = parsed.data;
  if (state === undefined || !sameState(state, expectedState)) {
    throw new AuthError('callback-invalid', 'The sign-in response does not belong to the sign-in in progress (state mismatch).');
  }
  if (error !== undefined) {
    const text = `${error}${description ? `: ${description.replace(/\s+/g, ' ').slice(0, 300)}` : ''}`;
    if (error === 'access_denied') throw new AuthError('access-denied', `Sign-in was refused (${text}).`);
    if (error === 'invalid_target' || error === 'invalid_scope') {
      throw new AuthError(
        'misconfigured',
        `The identity provider refused the requested API or scopes (${text}). Check the audience and scopes settings.`,
      );
    }
    if (error === 'unauthorized_client') {
      throw new AuthError('client-rejected', `The identity provider rejected the application (${text}).`);
    }
    throw new AuthError('callback-invalid', `The identity provider returned an error (${text}).`);
  }
  if (code === undefined) throw new AuthError('callback-invalid', 'The sign-in response carries no authorization code.');
  const out = new URLSearchParams({ code, state });
  if (iss !== undefined) out.set('iss', iss);
  return out;
}

/** Exactly one `state` parameter, equal to the expected one: only such a request may end the sign-in. */
export function carriesState(query: URLSearchParams, expectedState: string | undefined): boolean {
  const states = query.getAll('state');
  return expectedState !== undefined && states.length === 1 && sameState(states[0]!, expectedState);
}

export interface LoopbackCallback {
  readonly port: number;
  /** `http://127.0.0.1:<port>/cb`; the browser-facing URI may differ (asExternalUri). */
  readonly loopbackRedirectUri: string;
  /** Resolves with the validated parameters of the first callback; rejects on error, timeout or cancel. */
  waitFor(expectedState: string): Promise<URLSearchParams>;
  /** Stops listening; a pending wait rejects as cancelled. */
  close(): Promise<void>;
  readonly closed: boolean;
}

export interface LoopbackCallbackOptions {
  /** 0 (default) picks a free port; a real tenant may need a fixed one in its allowed callbacks. */
  port?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function startLoopbackCallback(options: LoopbackCallbackOptions = {}): Promise<LoopbackCallback> {
  let expected: string | undefined;
  let settle: { resolve(p: URLSearchParams): void; reject(e: AuthError): void } | undefined;
  const result = new Promise<URLSearchParams>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => {}); // observed through waitFor; avoid an unhandled rejection before that
  let done = false;
  let closed = false;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== CALLBACK_PATH || req.method !== 'GET' || done) {
      return sendHtml(res, 404, messagePage('Component Host', 'Not found.'));
    }
    if (!carriesState(url.searchParams, expected)) {
      // Not the identity provider's answer to this sign-in (a stray or hostile request): refuse it, keep waiting.
      return sendHtml(
        res,
        400,
        messagePage('Component Host', 'This request does not belong to the sign-in in progress (state mismatch); the sign-in goes on.'),
      );
    }
    try {
      const params = validateCallback(url.searchParams, expected!);
      sendHtml(res, 200, messagePage('Component Host', 'Sign-in received. You can close this tab and return to VS Code.'));
      finish(undefined, params);
    } catch (error) {
      const authError = error instanceof AuthError ? error : new AuthError('callback-invalid', 'The sign-in response is malformed.');
      sendHtml(res, 400, messagePage('Component Host — sign-in failed', authError.message));
      finish(authError);
    }
  });

  const timer = setTimeout(
    () => finish(new AuthError('timeout', `Sign-in timed out after ${Math.round((options.timeoutMs ?? SIGN_IN_TIMEOUT_MS) / 1000)} s.`)),
    options.timeoutMs ?? SIGN_IN_TIMEOUT_MS,
  );
  const onAbort = (): void => finish(new AuthError('cancelled', 'Sign-in was cancelled.'));
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      closed = true;
      server.close(() => resolve());
      // Let the answer page flush before dropping keep-alive connections.
      setImmediate(() => server.closeAllConnections());
    });

  function finish(error: AuthError | undefined, params?: URLSearchParams): void {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (error) settle?.reject(error);
    else if (params) settle?.resolve(params);
    void close();
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    finish(new AuthError('cancelled', 'Sign-in could not start.'));
    const code = (error as { code?: unknown }).code;
    throw new AuthError(
      'misconfigured',
      `Cannot listen for the sign-in callback on 127.0.0.1:${options.port ?? 0} (${String(code ?? error)}).`,
      { cause: error },
    );
  }
  if (options.signal?.aborted) onAbort();
  const { port } = server.address() as AddressInfo;

  return {
    port,
    loopbackRedirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    waitFor(expectedState) {
      expected = expectedState;
      return result;
    },
    close: async () => {
      finish(new AuthError('cancelled', 'Sign-in was cancelled.'));
      await close();
    },
    get closed() {
      return closed;
    },
  };
}

/**
 * One interactive sign-in, free of `vscode` so tests drive it over real HTTP: start the loopback
 * callback, build the authorization request, hand its URL to the browser, wait for the callback,
 * exchange the code. The listener is closed on every path (success, error, timeout, cancel).
 */
import type * as oidc from 'openid-client';
import { startLoopbackCallback } from './loopbackCallback';
import { createAuthorization, exchangeCode, type Tenant, type TokenSet } from './oidcClient';

export interface SignInOptions {
  readonly tenant: Tenant;
  readonly config: oidc.Configuration;
  readonly extraScopes?: readonly string[];
  /** Opens the authorization URL in the user's browser. */
  openBrowser(url: URL): Promise<void> | void;
  /** The callback URI as the browser reaches it (asExternalUri); identity when local. */
  externalCallbackUri?(loopbackUri: string): Promise<string>;
  /** Development tenant only: registers that redirect URI before the browser uses it. */
  allowRedirectUri?(uri: string): void;
  /** Development tenant only: the authorization URL under the browser-facing base. */
  browserUrl?(url: URL): URL;
  readonly callbackPort?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Progress notes for the log; never given secrets. */
  note?(message: string): void;
}

export async function runSignIn(options: SignInOptions): Promise<TokenSet> {
  const listener = await startLoopbackCallback({ port: options.callbackPort, timeoutMs: options.timeoutMs, signal: options.signal });
  try {
    const redirectUri = options.externalCallbackUri
      ? await options.externalCallbackUri(listener.loopbackRedirectUri)
      : listener.loopbackRedirectUri;
    options.allowRedirectUri?.(redirectUri);
    const { url, pending } = await createAuthorization(options.config, options.tenant, redirectUri, options.extraScopes);
    const callback = listener.waitFor(pending.state);
    const browserUrl = options.browserUrl ? options.browserUrl(url) : url;
    options.note?.(`waiting for the sign-in callback at ${redirectUri} (authorization at ${browserUrl.origin}${browserUrl.pathname})`);
    await options.openBrowser(browserUrl);
    const params = await callback;
    options.note?.('callback received, exchanging the code');
    return await exchangeCode(options.config, pending, params);
  } finally {
    await listener.close();
  }
}

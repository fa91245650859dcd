/**
 * What the parts of the extension host offer each other, built once in `extension.ts` (the
 * composition root) and handed to the app host, the component API and the view. No `vscode` import:
 * the cores that use it are tested in plain Node.
 */
import type { ApiCallResult, ApiRoute, SessionInfo } from '../protocol';

/** A subscription, shaped so that a `vscode.Event` fits. */
export type Listen<T> = (listener: (value: T) => void) => { dispose(): void };

export interface HostServices {
  /** Who is signed in: never a token (SessionInfo is strict). */
  sessionInfo(): SessionInfo;
  readonly onDidChangeSessionInfo: Listen<SessionInfo>;
  /** Interactive sign-in; rejects when it fails or is cancelled. */
  signIn(): Promise<SessionInfo>;
  signOut(): Promise<SessionInfo>;
  /** An API server route, called by the host, which adds the access token to protected routes. */
  callApi(route: ApiRoute): Promise<ApiCallResult>;
}

/** For runs and tests without a host: signed out, no server. */
export const noHostServices: HostServices = {
  sessionInfo: () => ({ signedIn: false, development: true }),
  onDidChangeSessionInfo: () => ({ dispose: () => undefined }),
  signIn: () => Promise.reject(new Error('sign-in is not available here')),
  signOut: () => Promise.resolve({ signedIn: false, development: true }),
  callApi: (route) =>
    Promise.resolve({ route, path: '', usedToken: false, status: 0, ok: false, body: null, error: 'no API server here', durationMs: 0 }),
};

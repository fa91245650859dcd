/**
 * What an app may ask of the host beyond its elements: who is signed in (never a token), sign-in and
 * sign-out, API server routes called by the host (which adds the token), and the events components
 * sent through the notifier. The `st` API exposes these as `st.auth`, `st.api` and
 * `st.componentEvents`.
 */
import type { ApiCallResult, ApiRoute, NotifierEventName, SessionInfo } from '../../protocol';

export interface AppHostServices {
  session(): SessionInfo;
  signIn(): void;
  signOut(): void;
  callApi(route: ApiRoute): Promise<ApiCallResult>;
  /** Newest first, at most COMPONENT_EVENT_LIMIT. */
  componentEvents(): readonly ComponentEvent[];
}

export interface ComponentEvent {
  /** Increases by one per event, also across runs: tests and apps can tell events apart. */
  seq: number;
  at: number;
  component: string;
  event: NotifierEventName;
  payload: unknown;
}

/** How many the app sees (ComponentEventLog keeps them, in componentEventLog.ts). */
export const COMPONENT_EVENT_LIMIT = 50;

/** For runs without a host (unit tests of pure app logic): signed out, no server, no events. */
export const noHostServices: AppHostServices = {
  session: () => ({ signedIn: false, development: true }),
  signIn: () => undefined,
  signOut: () => undefined,
  callApi: (route) =>
    Promise.resolve({ route, path: '', usedToken: false, status: 0, ok: false, body: null, error: 'no API server here', durationMs: 0 }),
  componentEvents: () => [],
};

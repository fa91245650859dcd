import type { z } from 'zod';
import {
  PendingRequests,
  PROTOCOL_VERSION,
  HostToWebview,
  webviewRequests,
  type ErrorInfo,
  type WebviewRequestMethod,
  type WebviewRequestParams,
  type WebviewRequestResult,
  type WebviewToHost,
} from '../protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export class RequestError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

type Listener = (message: HostToWebview) => void;

/**
 * The webview's end of the protocol: typed requests with ids and timeouts, validated notifications.
 * `acquireVsCodeApi` may be called once per document, so this is a singleton.
 */
export class HostChannel {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private readonly pending = new PendingRequests((info) => new RequestError(info));
  private readonly listeners = new Set<Listener>();
  invalidFromHost = 0;
  /** How long validating the last message took, when the last event left and the last render arrived (benchmarks read them). */
  lastParseMs = 0;
  lastEventSentAt = 0;
  lastRenderArrivedAt = 0;

  constructor() {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event));
  }

  /** Tell the host we are listening: it flushes what it queued while we were loading. */
  ready(previousHistories: string[] = []): void {
    this.send({ type: 'ready', protocolVersion: PROTOCOL_VERSION, ...(previousHistories.length ? { previousHistories } : {}) });
  }

  send(message: WebviewToHost): void {
    if (message.type === 'event') this.lastEventSentAt = performance.now();
    this.api.postMessage(message);
  }

  /** Post anything (tests of bad input use this to reach the host unvalidated). */
  sendRaw(message: unknown): void {
    this.api.postMessage(message);
  }

  request<M extends WebviewRequestMethod>(
    method: M,
    params: WebviewRequestParams<M>,
    timeoutMs = 10_000,
  ): Promise<WebviewRequestResult<M>> {
    const result = webviewRequests[method].result as unknown as z.ZodType<WebviewRequestResult<M>>;
    return this.pending.start(method, result, timeoutMs, (id) => this.send({ type: 'request', id, method, params }));
  }

  onMessage(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState<T>(): T | undefined {
    return this.api.getState() as T | undefined;
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }

  /** Merge into the webview state (it survives hiding the view and reloads of the webview). */
  patchState(patch: Record<string, unknown>): void {
    const current = this.api.getState();
    this.api.setState({ ...(typeof current === 'object' && current !== null ? current : {}), ...patch });
  }

  private receive(event: MessageEvent<unknown>): void {
    // VS Code relays host messages from a frame of this document's own origin. Component frames
    // are sandboxed without `allow-same-origin` (origin "null"), so they can never pass this check.
    if (event.origin !== window.origin) return;
    const started = performance.now();
    if ((event.data as { type?: unknown } | null)?.type === 'render') this.lastRenderArrivedAt = started;
    const parsed = HostToWebview.safeParse(event.data);
    this.lastParseMs = performance.now() - started;
    if (!parsed.success) {
      this.invalidFromHost++;
      return;
    }
    const message = parsed.data;
    if (message.type === 'response') this.pending.settle(message.id, message);
    for (const listener of this.listeners) listener(message);
  }
}

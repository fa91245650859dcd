/**
 * The component's side of the protocol: Streamlit v1 (componentReady, render, setFrameHeight,
 * setComponentValue) plus Component Host's requests (notifier, storage, host APIs) with ids,
 * timeouts and typed errors. Listens to its parent only; everything received is validated.
 */
import {
  ComponentReply,
  PendingRequests,
  RenderToComponent,
  STREAMLIT_API_VERSION,
  componentMethods,
  type ComponentMethod,
  type ComponentParams,
  type ComponentResult,
  type ErrorInfo,
  type NotifierEventName,
  type StreamlitTheme,
} from '../../protocol';
import type { z } from 'zod';

export type Render = z.infer<typeof RenderToComponent>;

export class ComponentHostError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(`${info.code}: ${info.message}`);
  }
}

export class ComponentClient {
  private readonly pending = new PendingRequests((info) => new ComponentHostError(info));
  private readonly renderListeners = new Set<(render: Render) => void>();
  private readonly errorListeners = new Set<(error: ErrorInfo) => void>();
  private lastHeight = -1;
  lastRender: Render | undefined;

  constructor(private readonly parent: Window = window.parent) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.source !== this.parent) return;
      // Dispatch on `type` first: a failed parse is the expensive kind, and replies are the frequent ones.
      if ((event.data as { type?: unknown } | null)?.type === 'streamlit:render') {
        const render = RenderToComponent.safeParse(event.data);
        if (!render.success) return;
        this.lastRender = render.data;
        for (const listener of this.renderListeners) listener(render.data);
        return;
      }
      const reply = ComponentReply.safeParse(event.data);
      if (!reply.success) return;
      const message = reply.data;
      if (message.type === 'componentHost:error') {
        for (const listener of this.errorListeners) listener(message.error);
        return;
      }
      this.pending.settle(message.id, message);
    });
  }

  /** Say ready (after listening: a render sent before this would be lost, as in Streamlit). */
  ready(): void {
    this.post({ isStreamlitMessage: true, type: 'streamlit:componentReady', apiVersion: STREAMLIT_API_VERSION });
  }

  onRender(listener: (render: Render) => void): () => void {
    this.renderListeners.add(listener);
    return () => this.renderListeners.delete(listener);
  }

  onError(listener: (error: ErrorInfo) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  setFrameHeight(height = document.body.scrollHeight): void {
    if (height === this.lastHeight) return;
    this.lastHeight = height;
    this.post({ isStreamlitMessage: true, type: 'streamlit:setFrameHeight', height });
  }

  setComponentValue(value: unknown): void {
    this.post({ isStreamlitMessage: true, type: 'streamlit:setComponentValue', value, dataType: 'json' });
  }

  /** A typed request; rejects with ComponentHostError (the host's, or a local timeout). */
  request<M extends ComponentMethod>(method: M, params: ComponentParams<M>, timeoutMs = 15_000): Promise<ComponentResult<M>> {
    const result = componentMethods[method].result as unknown as z.ZodType<ComponentResult<M>>;
    return this.pending.start(method, result, timeoutMs, (id) =>
      this.post({ isComponentHostMessage: true, type: 'componentHost:request', id, method, params }),
    );
  }

  /** Round trip to the host and back (what `npm run bench` measures against raw postMessage). */
  ping(): Promise<ComponentResult<'ping'>> {
    return this.request('ping', { sentAt: performance.now() });
  }

  /** Events notifier: the host accepts only its allow-list (others: "event X is not allowed"). */
  notify(event: NotifierEventName | (string & {}), payload: unknown): Promise<ComponentResult<'notify'>> {
    return this.request('notify', { event, payload: payload as ComponentParams<'notify'>['payload'] });
  }

  /** Host-backed key-value storage (what localStorage was; an opaque-origin frame has none). */
  readonly storage = {
    get: (key: string) => this.request('storage.get', { key }).then((r) => r.value),
    set: (key: string, value: ComponentParams<'storage.set'>['value']) => this.request('storage.set', { key, value }),
    delete: (key: string) => this.request('storage.delete', { key }).then((r) => r.deleted),
    list: () => this.request('storage.list', {}).then((r) => r.keys),
  };

  readonly host = {
    sessionInfo: () => this.request('host.sessionInfo', {}),
    callApi: (route: ComponentParams<'host.callApi'>['route']) => this.request('host.callApi', { route }, 30_000),
    openFile: (path: string) => this.request('host.openFile', { path }),
    showNotification: (message: string, severity: 'info' | 'warning' | 'error' = 'info') =>
      this.request('host.showNotification', { message, severity }),
  };

  /** For tests: post anything to the parent, as a hostile component could. */
  postRaw(message: unknown): void {
    this.parent.postMessage(message, '*');
  }

  private post(message: unknown): void {
    // The parent's origin is the webview's (unknown to us in advance): "*" as Streamlit's lib does.
    this.parent.postMessage(message, '*');
  }
}

/** Streamlit's theme as CSS variables (the names streamlit-component-lib uses). */
export function applyTheme(theme: StreamlitTheme | undefined): void {
  if (!theme) return;
  const style = document.documentElement.style;
  style.setProperty('--primary-color', theme.primaryColor);
  style.setProperty('--background-color', theme.backgroundColor);
  style.setProperty('--secondary-background-color', theme.secondaryBackgroundColor);
  style.setProperty('--text-color', theme.textColor);
  style.setProperty('--font', theme.font);
  document.documentElement.dataset.theme = theme.base;
}

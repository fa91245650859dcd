import type * as vscode from 'vscode';
import {
  assertNever,
  PROTOCOL_VERSION,
  parseWebviewMessage,
  webviewRequests,
  type ErrorInfo,
  type HostToWebview,
  type WebviewRequestMethod,
  type WebviewRequestParams,
  type WebviewRequestResult,
  type WidgetEvent,
  type WebviewToHost,
} from '../../protocol';

export type RequestHandlers = {
  [M in WebviewRequestMethod]: (params: WebviewRequestParams<M>) => Promise<WebviewRequestResult<M>> | WebviewRequestResult<M>;
};

/**
 * One webview's end of the protocol. Messages to the webview wait in a queue until it says `ready`
 * (a hidden or reloading webview drops what it is sent); every incoming message is validated, and a
 * bad one gets a typed error reply instead of an exception.
 */
export class WebviewChannel implements vscode.Disposable {
  private ready = false;
  private readonly queue: HostToWebview[] = [];
  private readonly subscription: vscode.Disposable;
  rejected = 0;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly handlers: RequestHandlers,
    private readonly log: vscode.LogOutputChannel,
    private readonly onReady: (message: Extract<WebviewToHost, { type: 'ready' }>) => void,
    private readonly onEvent: (event: WidgetEvent) => void,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
  }

  /**
   * A hidden webview view without retained context loses its document and reloads it when shown;
   * messages posted meanwhile would be dropped, so queue them until the new document says ready.
   */
  markNotReady(): void {
    this.ready = false;
  }

  /** Send now if the webview is ready, else queue (in order) until it is. */
  post(message: HostToWebview): void {
    if (!this.ready) {
      // Renders are not queued: a document that becomes ready gets a snapshot of the latest state.
      // The acks a render carries are, as acks of their own.
      if (message.type !== 'render') this.queue.push(message);
      else for (const ack of message.acks ?? []) this.queue.push({ type: 'ack', ...ack });
      return;
    }
    void this.webview.postMessage(message).then(undefined, (err: unknown) => this.log.warn(`postMessage failed: ${String(err)}`));
  }

  get isReady(): boolean {
    return this.ready;
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.reject(parsed.error, parsed.type);
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'ready': {
        if (message.protocolVersion !== PROTOCOL_VERSION) {
          this.log.warn(`webview speaks protocol ${message.protocolVersion}, host ${PROTOCOL_VERSION}`);
        }
        this.ready = true;
        this.onReady(message);
        for (const queued of this.queue.splice(0)) this.post(queued);
        return;
      }
      case 'request':
        await this.answer(message.id, message.method, message.params);
        return;
      case 'event':
        this.onEvent(message);
        return;
      default:
        assertNever(message, 'message type');
    }
  }

  private async answer(id: number, method: string, params: unknown): Promise<void> {
    if (!Object.hasOwn(webviewRequests, method)) {
      this.reply(id, { code: 'unknown-method', message: `unknown method "${method.slice(0, 100)}"` });
      return;
    }
    await this.dispatch(id, method as WebviewRequestMethod, params);
  }

  /** Generic over the method so params, handler and result stay correlated for the type checker. */
  private async dispatch<M extends WebviewRequestMethod>(id: number, name: M, params: unknown): Promise<void> {
    const checked = webviewRequests[name].params.safeParse(params);
    if (!checked.success) {
      this.reply(id, { code: 'invalid-message', message: `bad params for ${name}: ${checked.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    const handler: RequestHandlers[M] = this.handlers[name];
    try {
      const result = await handler(checked.data as WebviewRequestParams<M>);
      this.post({ type: 'response', id, ok: true, result });
    } catch (err) {
      const info = toErrorInfo(err);
      this.log.error(`request ${name} failed: ${info.code}: ${info.message}`);
      this.reply(id, info);
    }
  }

  private reply(id: number, error: ErrorInfo): void {
    this.rejected++;
    this.log.warn(`rejected request ${id}: ${error.code}: ${error.message}`);
    this.post({ type: 'response', id, ok: false, error });
  }

  private reject(error: ErrorInfo, type?: string): void {
    this.rejected++;
    this.log.warn(`rejected webview message${type ? ` of type "${type}"` : ''}: ${error.code}: ${error.message}`);
    this.post({ type: 'error', error, ...(type ? { inReplyTo: type } : {}) });
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.length = 0;
  }
}

/** Errors that carry a protocol code keep it; anything else is `internal`. Never the stack. */
function toErrorInfo(err: unknown): ErrorInfo {
  const message = err instanceof Error ? err.message : 'request failed';
  const kind = (err as { kind?: unknown } | null)?.kind;
  if (kind === 'cancelled') return { code: 'not-allowed', message: 'cancelled' };
  if (kind === 'timeout') return { code: 'timeout', message };
  if (kind === 'provider-unavailable') return { code: 'unavailable', message };
  return { code: 'internal', message: message.slice(0, 4000) };
}

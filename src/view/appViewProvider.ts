import * as vscode from 'vscode';
import type { ApiCallResult, ApiRoute, HostInfo, HostToWebview, SessionInfo } from '../../protocol';
import { AppController } from '../app/appController';
import { openSource } from '../authoring/openSource';
import { createComponentApi } from '../components/componentApiHost';
import type { ComponentApi } from '../components/componentApi';
import { WebviewChannel } from './webviewChannel';
import { renderWebviewHtml } from './webviewHtml';

/** What the view needs from the rest of the host: session info (never a token) and brokered calls. */
export interface ViewServices {
  getSessionInfo(): SessionInfo;
  readonly onDidChangeSessionInfo: vscode.Event<SessionInfo>;
  signIn(): Promise<SessionInfo>;
  signOut(): Promise<SessionInfo>;
  callApi(route: ApiRoute): Promise<ApiCallResult>;
}

/** The side-panel view: owns the webview, its channel, and what the host shows in it. */
export class AppViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'componentHost.appView';

  private view: vscode.WebviewView | undefined;
  private channel: WebviewChannel | undefined;
  private activationMs = 0;
  private noticeSeq = 0;
  private lastNotice: HostToWebview | undefined;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time a webview document completes the ready handshake (first show, reload). */
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly services: ViewServices,
  ) {
    this.app = new AppController(context, log, (message) => this.channel?.post(message), services);
    this.componentApi = createComponentApi(context, log, {
      ...services,
      onEvent: (component, event, payload) => this.app.componentEvent(component, event, payload),
    });
    context.subscriptions.push(
      this.app,
      services.onDidChangeSessionInfo((info) => this.channel?.post({ type: 'session', info })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('componentHost.components')) return;
        // New component sources: new frame origins for the CSP, so the document is rebuilt.
        this.app.components.reset();
        void this.reloadDocument();
      }),
    );
  }

  /** The app host of this view (runs, session state, events). */
  readonly app: AppController;
  /** Component requests: notifier, storage, host APIs. */
  readonly componentApi: ComponentApi;

  setActivationMs(ms: number): void {
    this.activationMs = ms;
  }

  async resolveWebviewView(webviewView: vscode.WebviewView): Promise<void> {
    this.channel?.dispose();
    this.view = webviewView;
    const webview = webviewView.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist'), vscode.Uri.joinPath(this.context.extensionUri, 'media')],
    };
    const channel = new WebviewChannel(
      webview,
      {
        echo: ({ text }) => ({ text, receivedAt: Date.now() }),
        callApi: ({ route }) => this.services.callApi(route),
        signIn: () => this.services.signIn(),
        signOut: () => this.services.signOut(),
        component: (call) => this.componentApi.handle(call),
        openSource: (location) => openSource(location),
        reportIsolation: ({ component, what, count }) => {
          const text = {
            'foreign-message': 'messages posted outside its channel (to the view, its parent or top) were ignored',
            'invalid-message': 'invalid messages were refused',
            flood: 'changes beyond the rate limit were merged',
          }[what];
          this.log.warn(`component "${component}": ${count} ${text}`);
          return { logged: true as const };
        },
      },
      this.log,
      () => {
        // Each new document (first show, shown again after hiding, reload) starts empty: replay state.
        channel.post({ type: 'hello', host: this.hostInfo() });
        channel.post({ type: 'session', info: this.services.getSessionInfo() });
        if (this.lastNotice) channel.post(this.lastNotice);
        this.app.onReady();
        this.readyEmitter.fire();
      },
      (event) => this.app.receive(event),
    );
    this.channel = channel;
    await this.app.components
      .ready()
      .catch((err: unknown) => this.log.error(`component server: ${err instanceof Error ? err.message : String(err)}`));
    webview.html = renderWebviewHtml(webview, this.context.extensionUri, this.app.components.frameOrigins);
    webviewView.onDidChangeVisibility(() => {
      if (!webviewView.visible) channel.markNotReady();
    });
    webviewView.onDidDispose(() => {
      if (this.channel === channel) {
        channel.dispose();
        this.channel = undefined;
        this.view = undefined;
      }
    });
    this.log.debug('app view resolved');
  }

  private async reloadDocument(): Promise<void> {
    const view = this.view;
    if (!view) return;
    await this.app.components.ready();
    this.channel?.markNotReady();
    view.webview.html = renderWebviewHtml(view.webview, this.context.extensionUri, this.app.components.frameOrigins);
    this.app.rerun('component sources changed');
  }

  /** Show the view, creating it if needed. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${AppViewProvider.viewId}.focus`);
  }

  rerun(): void {
    this.app.rerun('Rerun App command');
  }

  /** Send a notice; it is remembered so a re-created webview shows it again. */
  notify(text: string): void {
    const message: HostToWebview = { type: 'notice', seq: ++this.noticeSeq, text };
    this.lastNotice = message;
    this.channel?.post(message);
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  get isReady(): boolean {
    return this.channel?.isReady ?? false;
  }

  get rejectedMessages(): number {
    return this.channel?.rejected ?? 0;
  }

  private hostInfo(): HostInfo {
    return {
      extensionVersion: String(this.context.extension.packageJSON.version ?? '0.0.0'),
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
      remoteName: vscode.env.remoteName ?? null,
      activationMs: this.activationMs,
    };
  }

  dispose(): void {
    this.channel?.dispose();
    this.readyEmitter.dispose();
  }
}

import * as vscode from 'vscode';
import type { HostInfo, HostToWebview } from '../../protocol';
import type { AppController } from '../app/appController';
import { openSource } from '../authoring/openSource';
import type { ComponentApi } from '../components/componentApi';
import type { ComponentHosting } from '../components/componentHosting';
import type { HostServices } from '../hostServices';
import { errorMessage } from '../util/errors';
import { WebviewChannel } from './webviewChannel';
import { renderWebviewHtml } from './webviewHtml';

/** What the view shows and relays: built once by the composition root (extension.ts). */
export interface ViewParts {
  services: HostServices;
  app: AppController;
  componentApi: ComponentApi;
  components: ComponentHosting;
}

const ISOLATION_TEXT = {
  'foreign-message': 'messages posted outside its channel (to the view, its parent or top) were ignored',
  'invalid-message': 'invalid messages were refused',
  flood: 'changes beyond the rate limit were merged',
} as const;

/** The side-panel view: owns the webview and its channel, and relays between them and the host's parts. */
export class AppViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'componentHost.appView';

  private view: vscode.WebviewView | undefined;
  private channel: WebviewChannel | undefined;
  private activationMs = 0;
  private noticeSeq = 0;
  private lastNotice: HostToWebview | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly parts: ViewParts,
  ) {
    this.disposables = [
      parts.app.onDidPost((message) => this.channel?.post(message)),
      parts.services.onDidChangeSessionInfo((info) => this.channel?.post({ type: 'session', info })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('componentHost.components')) return;
        // New component sources: new frame origins for the CSP, so the document is rebuilt.
        parts.components.reset();
        void this.reloadDocument();
      }),
    ];
  }

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
    const { services, app, componentApi, components } = this.parts;
    const channel = new WebviewChannel(
      webview,
      {
        echo: ({ text }) => ({ text, receivedAt: Date.now() }),
        callApi: ({ route }) => services.callApi(route),
        signIn: () => services.signIn(),
        signOut: () => services.signOut(),
        component: (call) => componentApi.handle(call),
        openSource: (location) => openSource(location),
        renderSnapshot: () => ({ sent: app.resync() }),
        pickFormFiles: ({ widgetId }) => app.pickFormFiles(widgetId),
        reportIsolation: ({ component, what, count }) => {
          this.log.warn(`component "${component}": ${count} ${ISOLATION_TEXT[what]}`);
          return { logged: true as const };
        },
      },
      this.log,
      (ready) => {
        // Each new document (first show, shown again after hiding, reload) starts empty: replay state.
        channel.post({ type: 'hello', host: this.hostInfo() });
        channel.post({ type: 'session', info: services.sessionInfo() });
        if (this.lastNotice) channel.post(this.lastNotice);
        app.onReady(ready.previousHistories);
      },
      (event) => app.receive(event),
    );
    this.channel = channel;
    await components.ready().catch((err: unknown) => this.log.error(`component server: ${errorMessage(err)}`));
    webview.html = renderWebviewHtml(webview, this.context.extensionUri, components.frameOrigins);
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
    await this.parts.components.ready();
    this.channel?.markNotReady();
    view.webview.html = renderWebviewHtml(view.webview, this.context.extensionUri, this.parts.components.frameOrigins);
    this.parts.app.rerun('component sources changed');
  }

  /** Show the view, creating it if needed. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${AppViewProvider.viewId}.focus`);
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
    for (const d of this.disposables) d.dispose();
  }
}

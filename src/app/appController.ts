/**
 * Glue between the app runtime and VS Code: which app runs (built-in or from the workspace, trusted
 * only), Memento-backed session state, reruns on save and on editor changes, and the commands.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type {
  AckMessage,
  ApiCallResult,
  ApiRoute,
  ErrorInfo,
  NotifierEventName,
  RenderMessage,
  SessionInfo,
  WidgetEvent,
} from '../../protocol';
import { ComponentHosting } from '../components/componentHosting';
import { AppSession } from './appSession';
import { EventLedger } from './eventLedger';
import { ComponentEventLog, type AppHostServices } from './hostServices';
import { builtinApps } from './builtinApps';
import { sameEditorContext, type EditorContext } from './editorContext';
import { FileStore } from '../storage/fileStore';
import { SessionState } from './sessionState';
import type { App } from './st';
import { AppAuthoring } from '../authoring/appAuthoring';
import { pickApp } from '../authoring/appDiscovery';

export type AppOutput = RenderMessage | AckMessage | { type: 'error'; error: ErrorInfo; inReplyTo?: string };

const DEFAULT_APP = 'demo';

/** What the app host needs from the rest of the extension. */
export interface AppControllerServices {
  getSessionInfo(): SessionInfo;
  readonly onDidChangeSessionInfo: vscode.Event<SessionInfo>;
  callApi(route: ApiRoute): Promise<ApiCallResult>;
}

export class AppController implements vscode.Disposable {
  private session: AppSession | undefined;
  private lastRender: RenderMessage | undefined;
  private editor: EditorContext | undefined;
  private editorTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ledger: EventLedger;
  /** Session state and the event ledger, per workspace. */
  private readonly store: Pick<vscode.Memento, 'get' | 'update'>;
  readonly components: ComponentHosting;

  /** Notifier events from components, for st.componentEvents. */
  private readonly componentEvents = new ComponentEventLog();
  private expiryTimer: NodeJS.Timeout | undefined;
  private readonly host: AppHostServices;
  /** Loading workspace apps with their imports, mapped errors and diagnostics, New App. */
  private readonly authoring: AppAuthoring;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly post: (message: AppOutput) => void,
    services: AppControllerServices,
  ) {
    this.host = {
      session: () => services.getSessionInfo(),
      // Through the commands, which report failures and cancellations to the user.
      signIn: () => void vscode.commands.executeCommand('componentHost.signIn'),
      signOut: () => void vscode.commands.executeCommand('componentHost.signOut'),
      callApi: (route) => services.callApi(route),
      componentEvents: () => this.componentEvents.list(),
    };
    this.editor = readEditor();
    this.components = new ComponentHosting(context.extensionUri);
    this.authoring = new AppAuthoring(context.extensionUri);
    this.disposables.push(this.components, this.authoring);
    const key = 'componentHost.view.lastEventSeq';
    this.store = sessionStore(context);
    this.ledger = new EventLedger(this.store.get<number>(key, 0) ?? 0, (last) => void this.store.update(key, last));
    this.disposables.push(
      vscode.commands.registerCommand('componentHost.resetSessionState', () => this.resetState()),
      vscode.commands.registerCommand('componentHost.selectApp', () => this.pickApp()),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.authoring.affects(doc.uri.fsPath, this.workspaceFile())) this.rerun('saved');
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.restart()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('componentHost.app') && this.restart()),
      vscode.window.onDidChangeActiveTextEditor(() => this.editorChanged()),
      vscode.window.onDidChangeTextEditorSelection(() => this.editorChanged()),
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.editorChanged()),
      vscode.languages.onDidChangeDiagnostics(() => this.editorChanged()),
      services.onDidChangeSessionInfo((info) => this.sessionChanged(info)),
    );
    this.sessionChanged(services.getSessionInfo());
  }

  /** A notifier event from a component: kept for st.componentEvents, and the app reruns if it reads them. */
  componentEvent(component: string, event: NotifierEventName, payload: unknown): void {
    this.componentEvents.add(component, event, payload);
    if (this.session?.runner.readsComponentEvents) this.rerun(`component event ${event}`);
  }

  /** Sign-in, sign-out, refresh; and once more when the access token expires (pages that need a valid login lock). */
  private sessionChanged(info: SessionInfo): void {
    clearTimeout(this.expiryTimer);
    if (info.signedIn && info.expiresAt !== undefined) {
      const wait = info.expiresAt - Date.now() + 500;
      // setTimeout's limit is about 24.8 days; a token never lives that long.
      if (wait > 0 && wait < 2 ** 31 - 1) {
        this.expiryTimer = setTimeout(() => this.session?.runner.readsAuth && this.rerun('login expired'), wait);
      }
    }
    if (this.session?.runner.readsAuth) this.rerun('sign-in changed');
  }

  get appName(): string {
    return vscode.workspace.getConfiguration('componentHost').get<string>('app', DEFAULT_APP) || DEFAULT_APP;
  }

  /** Counters for tests and benchmarks. */
  get stats() {
    const r = this.session?.runner;
    return {
      runs: r?.runs ?? 0,
      coalesced: r?.coalesced ?? 0,
      eventsHandled: r?.eventsHandled ?? 0,
      discarded: r?.discarded ?? 0,
      lastSeq: this.session?.lastHandled ?? 0,
      status: this.lastRender?.status ?? 'none',
    };
  }

  /** A webview document said ready: give it the last render (or run the app for the first time). */
  onReady(): void {
    const session = this.ensureSession();
    this.post({ type: 'ack', upTo: session.lastHandled });
    if (this.lastRender) this.post(this.lastRender);
    else void session.runner.request();
  }

  receive(event: WidgetEvent): void {
    this.ensureSession().receive(event);
  }

  rerun(reason: string): void {
    this.log.debug(`rerun (${reason})`);
    void this.ensureSession().runner.request();
  }

  private ensureSession(): AppSession {
    if (this.session) return this.session;
    const name = this.appName;
    const state = new SessionState(this.store, `componentHost.session.${name}`, (m) => this.log.warn(m));
    this.session = new AppSession({
      appName: name,
      state,
      ledger: this.ledger,
      app: async () => {
        await this.components.ready();
        return this.resolveApp(name);
      },
      componentUrl: (component, source) => this.components.url(component, source),
      readComponentSource: (component, ref) => this.components.readSource(component, ref),
      v2RuntimeUrl: () => this.components.v2RuntimeUrl(),
      host: this.host,
      componentReadyTimeoutMs: 1000 * vscode.workspace.getConfiguration('componentHost.components').get<number>('readyTimeoutSeconds', 15),
      editor: () => this.editor,
      render: (run) => {
        const output = this.authoring.afterRun(run);
        const message: RenderMessage = { type: 'render', ...output };
        if (output.status !== 'slow') this.lastRender = message;
        if (output.error) this.log.error(`app ${name} failed: ${output.error.message}`);
        if (output.status === 'slow') this.log.warn(`app ${name} is still running after a few seconds`);
        this.post(message);
      },
      onSaveError: (message) => {
        this.log.error(message);
        this.post({ type: 'error', error: { code: 'too-large', message } });
      },
      ack: (message) => this.post(message),
      reject: (error, seq) => {
        this.log.warn(`event ${seq} rejected: ${error.code}: ${error.message}`);
        this.post({ type: 'error', error, inReplyTo: 'event' });
      },
    });
    return this.session;
  }

  private resolveApp(name: string): App {
    const builtin = builtinApps[name];
    if (builtin) return builtin.app;
    const file = this.workspaceFile();
    if (!file) return notFound(name);
    if (!vscode.workspace.isTrusted) return untrusted(name);
    return this.authoring.load(file, vscode.workspace.workspaceFolders![0]!.uri.fsPath);
  }

  private workspaceFile(): string | undefined {
    const name = this.appName;
    if (builtinApps[name]) return undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const file = path.resolve(folder.uri.fsPath, name);
    // Only files inside the workspace folder.
    return file.startsWith(folder.uri.fsPath + path.sep) ? file : undefined;
  }

  private restart(): void {
    this.session = undefined;
    this.lastRender = undefined;
    this.ensureSession();
    this.rerun('app changed');
  }

  private async resetState(): Promise<void> {
    const session = this.ensureSession();
    await session.runner.idle();
    await session.state.reset();
    this.log.info('session state reset');
    this.rerun('state reset');
  }

  private async pickApp(): Promise<void> {
    const app = await pickApp();
    if (app) await vscode.workspace.getConfiguration('componentHost').update('app', app, vscode.ConfigurationTarget.Workspace);
  }

  private editorChanged(): void {
    clearTimeout(this.editorTimer);
    this.editorTimer = setTimeout(() => {
      const next = readEditor();
      if (sameEditorContext(next, this.editor)) return;
      this.editor = next;
      if (this.session?.runner.readsEditor) this.rerun('editor changed');
    }, 250);
  }

  dispose(): void {
    clearTimeout(this.editorTimer);
    clearTimeout(this.expiryTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * A file in the workspace's storage folder on the extension host (see FileStore for why not
 * workspaceState); workspaceState only where there is no local folder.
 */
function sessionStore(context: vscode.ExtensionContext): Pick<vscode.Memento, 'get' | 'update'> {
  const folder = context.storageUri ?? context.globalStorageUri;
  return folder.scheme === 'file' ? new FileStore(folder.fsPath, 'session-state.json') : context.workspaceState;
}

function readEditor(): EditorContext | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { selection, document } = editor;
  const visible = editor.visibleRanges[0];
  const diagnostics = vscode.languages.getDiagnostics(document.uri);
  return {
    file: vscode.workspace.asRelativePath(document.uri),
    language: document.languageId,
    selection: {
      startLine: selection.start.line,
      startCharacter: selection.start.character,
      endLine: selection.end.line,
      endCharacter: selection.end.character,
      text: document.getText(selection).slice(0, 10_000),
    },
    visibleRange: { startLine: visible?.start.line ?? 0, endLine: visible?.end.line ?? 0 },
    diagnostics: {
      errors: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
      warnings: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
    },
  };
}

const notFound =
  (name: string): App =>
  (st) => {
    st.warning(`No app "${name}": it is neither a built-in app nor a file in this workspace.`);
    st.caption('Run "Component Host: Select App" to pick one.');
  };

const untrusted =
  (name: string): App =>
  (st) => {
    st.warning(`"${name}" is an app from this workspace, and this workspace is not trusted, so it was not run.`);
    st.caption('Trust the workspace (Manage Workspace Trust) to run it; built-in apps work either way.');
  };

/**
 * Glue between the app runtime and VS Code: which app runs (built-in or from the workspace, trusted
 * only), session state in a file of workspace storage, reruns on save, on editor and sign-in changes
 * and on component events, and the app commands. What it renders goes out through `onDidPost`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AckMessage, ErrorInfo, FormFilePick, NotifierEventName, RenderMessage, SessionInfo, WidgetEvent } from '../../protocol';
import type { ComponentHosting } from '../components/componentHosting';
import type { HostServices } from '../hostServices';
import { ComponentEventLog } from './componentEventLog';
import { FileStore } from '../storage/fileStore';
import { takeOverNewest } from '../storage/storageHandoff';
import { isInside } from '../util/paths';
import { EventHandler } from './eventHandler';
import { PendingAcks } from './pendingAcks';
import { RenderStream } from './renderStream';
import { builtinApps } from './builtinApps';
import { sameEditorContext, type EditorContext } from './editorContext';
import { EventLedger, type LedgerRecord } from './eventLedger';
import type { RunServices } from './run';
import { readWorkspaceFile } from './workspaceFiles';
import { AppCache } from './appCache';
import { vscodeDialogs } from './hostDialogs';
import { AppState } from './appState';
import type { App } from './st';
import { AppAuthoring } from '../authoring/appAuthoring';
import { pickApp } from '../authoring/appDiscovery';

export type AppOutput = RenderMessage | AckMessage | { type: 'error'; error: ErrorInfo; inReplyTo?: string };

const DEFAULT_APP = 'demo';
/** Per view history, the last event applied (see eventLedger.ts); beside the session state. */
const LEDGER_KEY = 'componentHost.view.eventHistories';

export class AppController implements vscode.Disposable {
  private handler: EventHandler | undefined;
  /** What the view was sent: each run's output goes out as the changes since (see renderStream.ts). */
  private readonly renders = new RenderStream();
  private lastStatus: RenderMessage['status'] | 'none' = 'none';
  /** How long the last diff took and what it found (benchmarks read it). */
  private lastDiff = { ms: 0, set: 0, splice: 0, runMs: 0, sinceEventMs: 0 };
  /** When the last widget event arrived (the benchmark's breakdown: event in → render out on the host). */
  private lastEventAt = 0;
  private editor: EditorContext | undefined;
  private editorTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ledger: EventLedger;
  /** Session state and the event ledger, per workspace. */
  private readonly store: FileStore | vscode.Memento;
  private readonly output = new vscode.EventEmitter<AppOutput>();
  /** Renders, acks and errors for the view. */
  readonly onDidPost = this.output.event;
  /** Acks that wait for the next render to carry them (see pendingAcks.ts). */
  private readonly acks = new PendingAcks((ack) => this.post(ack));

  /** Notifier events from components, for st.componentEvents; kept in the session store. */
  private readonly componentEvents: ComponentEventLog;
  private expiryTimer: NodeJS.Timeout | undefined;
  /** st.cacheData / st.cacheResource values of the app now running (a new one per app or restart). */
  private cache = new AppCache();
  /** Loading workspace apps with their imports, mapped errors and diagnostics, New App. */
  private readonly authoring: AppAuthoring;

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly services: HostServices,
    private readonly components: ComponentHosting,
  ) {
    this.editor = readEditor();
    this.authoring = new AppAuthoring(
      context.extensionUri,
      (file) => this.authoring.affects(file, this.workspaceFile()) && this.rerun('changed on disk'),
      (m) => this.log.warn(m),
    );
    this.disposables.push(this.authoring);
    this.store = sessionStore(context);
    this.componentEvents = new ComponentEventLog(this.store, (m) => this.log.warn(m));
    const store = this.store;
    const write = (record: LedgerRecord) => store.update(LEDGER_KEY, record);
    // In the file store the record rides on the next state write (one atomic commit); a Memento writes it at once.
    const stage = store instanceof FileStore ? (record: LedgerRecord) => store.stage(LEDGER_KEY, record) : write;
    this.ledger = new EventLedger(store.get<LedgerRecord>(LEDGER_KEY) ?? {}, stage, write);
    this.disposables.push(
      this.output,
      vscode.commands.registerCommand('componentHost.resetSessionState', () => this.resetState()),
      vscode.commands.registerCommand('componentHost.selectApp', () => this.pickApp()),
      vscode.commands.registerCommand('componentHost.clearCache', () => this.clearCache()),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.authoring.affects(doc.uri.fsPath, this.workspaceFile(), doc.getText())) this.rerun('saved');
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.restart()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('componentHost.app') && this.restart()),
      vscode.window.onDidChangeActiveTextEditor(() => this.editorChanged()),
      vscode.window.onDidChangeTextEditorSelection(() => this.editorChanged()),
      vscode.window.onDidChangeTextEditorVisibleRanges(() => this.editorChanged()),
      vscode.languages.onDidChangeDiagnostics(() => this.editorChanged()),
      services.onDidChangeSessionInfo((info) => this.sessionChanged(info)),
    );
    this.sessionChanged(services.sessionInfo());
  }

  private post(message: AppOutput): void {
    if (message.type === 'render') {
      const acks = this.acks.take();
      if (acks.length) message = { ...message, acks };
    }
    this.output.fire(message);
  }

  /** A notifier event from a component: kept for st.componentEvents, and the app reruns if it reads them. */
  componentEvent(component: string, event: NotifierEventName, payload: unknown): void {
    this.componentEvents.add(component, event, payload);
    if (this.handler?.runner.dependsOn('componentEvents')) this.rerun(`component event ${event}`);
  }

  /** Sign-in, sign-out, refresh; and once more when the access token expires (pages that need a valid login lock). */
  private sessionChanged(info: SessionInfo): void {
    clearTimeout(this.expiryTimer);
    if (info.signedIn && info.expiresAt !== undefined) {
      const wait = info.expiresAt - Date.now() + 500;
      // setTimeout's limit is about 24.8 days; a token never lives that long.
      if (wait > 0 && wait < 2 ** 31 - 1) {
        this.expiryTimer = setTimeout(() => this.handler?.runner.dependsOn('auth') && this.rerun('login expired'), wait);
      }
    }
    if (this.handler?.runner.dependsOn('auth')) this.rerun('sign-in changed');
  }

  get appName(): string {
    return vscode.workspace.getConfiguration('componentHost').get<string>('app', DEFAULT_APP) || DEFAULT_APP;
  }

  /** Stamps of the last save → rerun → render on the host (the authoring benchmark's breakdown). */
  get loopTrace() {
    return this.authoring.trace.snapshot();
  }

  /** Counters for tests and benchmarks. */
  get stats() {
    const r = this.handler?.runner;
    return {
      runs: r?.runs ?? 0,
      fragmentRuns: r?.fragmentRuns ?? 0,
      coalesced: r?.coalesced ?? 0,
      eventsHandled: r?.eventsHandled ?? 0,
      discarded: r?.discarded ?? 0,
      status: this.lastStatus,
      busy: r?.busy ?? false,
      lastRender: this.lastDiff,
      /** Per webview history, the last event applied (tests sum the growth: exactly once across reloads). */
      histories: this.ledger.snapshot(),
    };
  }

  /**
   * A webview document said ready: tell it what was applied of the histories it still holds events
   * of, then give it the last render (or run the app for the first time).
   */
  onReady(previousHistories: readonly string[] = []): void {
    const handler = this.ensureHandler();
    for (const history of previousHistories) this.post(handler.ackFor(history));
    if (!this.resync()) void handler.runner.request();
  }

  /** A file uploader's Browse in a form (see AppRunner.pickFormFiles). */
  pickFormFiles(widgetId: string): Promise<FormFilePick> {
    const runner = this.handler?.runner;
    if (!runner) return Promise.reject(new RangeError('no app is running'));
    return runner.pickFormFiles(widgetId);
  }

  /** Send the view everything it shows (a view that lost track asks); false before the first run. */
  resync(): boolean {
    const snapshot = this.renders.snapshot();
    if (snapshot) this.post(snapshot);
    return snapshot !== undefined;
  }

  receive(event: WidgetEvent): void {
    this.lastEventAt = performance.now();
    this.ensureHandler().receive(event);
  }

  rerun(reason: string): void {
    this.log.debug(`rerun (${reason})`);
    void this.ensureHandler().runner.request();
  }

  private ensureHandler(): EventHandler {
    if (this.handler) return this.handler;
    const name = this.appName;
    // The stored key keeps its first name, so existing state survives.
    const state = new AppState(this.store, `componentHost.session.${name}`, (m) => this.log.warn(m));
    this.cache = new AppCache();
    this.handler = new EventHandler({
      appName: name,
      state,
      ledger: this.ledger,
      app: async () => {
        this.authoring.trace.mark('runStart');
        await this.components.ready();
        const app = this.resolveApp(name);
        this.authoring.trace.mark('loaded');
        return app;
      },
      services: this.runServices(),
      render: (run) => {
        this.authoring.trace.mark('rendered');
        const output = this.authoring.afterRun(run);
        if (output.error) this.log.error(`app ${name} failed: ${output.error.message}`);
        if (output.status === 'slow' && this.lastStatus !== 'slow') this.log.warn(`app ${name} is still running after a few seconds`);
        this.lastStatus = output.status;
        const started = performance.now();
        const message = this.renders.next(output);
        this.lastDiff = {
          ms: performance.now() - started,
          set: message.set.length,
          splice: message.splice.length,
          runMs: output.stats.durationMs,
          sinceEventMs: 0,
        };
        this.post(message);
        this.lastDiff.sinceEventMs = performance.now() - this.lastEventAt;
        this.authoring.trace.mark('posted');
      },
      onSaveError: (message) => {
        this.log.error(message);
        this.post({ type: 'error', error: { code: 'too-large', message } });
      },
      // A resync (sent once its write landed) renumbers the view: at once. The rest ride on the next render.
      ack: (message) => (message.resync ? this.post(message) : this.acks.add(message)),
      reject: (error, seq) => {
        this.log.warn(`event ${seq} rejected: ${error.code}: ${error.message}`);
        this.post({ type: 'error', error, inReplyTo: 'event' });
      },
    });
    return this.handler;
  }

  /** Without `images`: each runner fetches (and keeps) its own. */
  private runServices(): Omit<RunServices, 'images'> {
    const readyTimeoutSeconds = vscode.workspace.getConfiguration('componentHost.components').get<number>('readyTimeoutSeconds', 15);
    return {
      host: this.services,
      componentEvents: () => this.componentEvents.list(),
      editor: () => this.editor,
      componentUrl: (component, source) => this.components.url(component, source),
      readComponentSource: (component, ref) => this.components.readSource(component, ref),
      readWorkspaceFile: (relative, maxBytes) =>
        readWorkspaceFile(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, vscode.workspace.isTrusted, relative, maxBytes),
      v2RuntimeUrl: () => this.components.v2RuntimeUrl(),
      componentReadyTimeoutMs: 1000 * readyTimeoutSeconds,
      cache: this.cache,
      dialogs: vscodeDialogs(this.log),
    };
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
    return isInside(folder.uri.fsPath, file) ? file : undefined;
  }

  private restart(): void {
    this.handler = undefined;
    this.ensureHandler();
    this.rerun('app changed');
  }

  private async resetState(): Promise<void> {
    const handler = this.ensureHandler();
    await handler.runner.idle();
    await handler.state.reset();
    this.componentEvents.clear();
    this.log.info('session state reset');
    this.rerun('state reset');
  }

  /** Clear Cache (Streamlit's "Clear cache"): forget every st.cacheData / st.cacheResource value, then rerun. */
  private clearCache(): void {
    const entries = this.cache.size;
    this.cache.clear();
    this.log.info(`cache cleared (${entries} entries)`);
    this.rerun('cache cleared');
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
      if (this.handler?.runner.dependsOn('editor')) this.rerun('editor changed');
    }, 250);
  }

  dispose(): void {
    clearTimeout(this.editorTimer);
    clearTimeout(this.expiryTimer);
    this.acks.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * A file in the workspace's storage folder on the extension host (see FileStore for why not
 * workspaceState); workspaceState only where there is no local folder.
 */
function sessionStore(context: vscode.ExtensionContext): FileStore | vscode.Memento {
  const folder = context.storageUri ?? context.globalStorageUri;
  // Written synchronously, in the timer after the render's (AppRunner.save): an asynchronous write was
  // still in flight when a reloaded window's host went (the reload-mid-burst e2e saw 0 of 10 000 kept).
  if (folder.scheme !== 'file') return context.workspaceState;
  // Another host of this workspace may hold the usual folder (a reload while the old host is busy): start from the newest state.
  if (context.storageUri) takeOverNewest(folder.fsPath, 'session-state.json');
  return new FileStore(folder.fsPath, 'session-state.json');
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
    st.warning(vscode.l10n.t('No app "{0}": it is neither a built-in app nor a file in this workspace.', name));
    st.caption(vscode.l10n.t('Run "Component Host: Select App" to pick one.'));
  };

const untrusted =
  (name: string): App =>
  (st) => {
    st.warning(vscode.l10n.t('"{0}" is an app from this workspace, and this workspace is not trusted, so it was not run.', name));
    st.caption(vscode.l10n.t('Trust the workspace (Manage Workspace Trust) to run it; built-in apps work either way.'));
  };

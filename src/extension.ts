/**
 * The composition root: builds each part of the extension host once and hands them to each other.
 * Sign-in and the API server come first; the host services the rest use are made from them; then the
 * component hosting, the app host, the component API and, last, the view that shows and relays.
 */
import * as vscode from 'vscode';
import type { ApiCallResult, ApiRoute } from '../protocol';
import { AppController } from './app/appController';
import { registerAuth, type AuthService } from './auth/registerAuth';
import type { ComponentApi } from './components/componentApi';
import { registerComponentApi } from './components/registerComponentApi';
import { ComponentHosting } from './components/componentHosting';
import type { HostServices } from './hostServices';
import { registerApiServer, type ApiServerService } from './server/registerServer';
import { AppViewProvider } from './view/appViewProvider';

/** What `activate` returns: a small API the in-host tests (and other extensions) can use. */
export interface ComponentHostApi {
  readonly activationMs: number;
  readonly view: AppViewProvider;
  readonly app: AppController;
  readonly componentApi: ComponentApi;
  readonly auth: AuthService;
  readonly server: ApiServerService;
  /** Only in extension-test mode: lets the end-to-end suite inspect what the extension stored. */
  readonly testing?: {
    readSecret(key: string): Thenable<string | undefined>;
    /**
     * A webview panel of this extension's own (the benchmarks' raw baselines): VS Code carries typed
     * arrays as buffers only for an extension whose engine allows it, and the test runner's is not ours.
     */
    createWebviewPanel: typeof vscode.window.createWebviewPanel;
  };
}

export function activate(context: vscode.ExtensionContext): ComponentHostApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel(vscode.l10n.t('Component Host'), { log: true });
  context.subscriptions.push(log);

  const auth = registerAuth(context, log);
  const server = registerApiServer(context, log, auth);
  const services: HostServices = {
    sessionInfo: () => auth.sessionInfo(),
    onDidChangeSessionInfo: auth.onDidChangeSessionInfo,
    signIn: () => auth.signIn(),
    signOut: () => auth.signOut(),
    callApi: (route) => server.call(route),
  };
  const components = new ComponentHosting(context.extensionUri, log);
  const app = new AppController(context, log, services, components);
  const componentApi = registerComponentApi(context, log, services, (component, event, payload) =>
    app.componentEvent(component, event, payload),
  );
  const view = new AppViewProvider(context, log, { services, app, componentApi, components });

  context.subscriptions.push(
    components,
    app,
    view,
    vscode.window.registerWebviewViewProvider(AppViewProvider.viewId, view),
    vscode.commands.registerCommand('componentHost.open', () => view.reveal()),
    vscode.commands.registerCommand('componentHost.rerunApp', () => app.rerun('Rerun App command')),
    vscode.commands.registerCommand('componentHost.showLog', () => log.show(true)),
    vscode.commands.registerCommand('componentHost.callPublicRoute', () => callAndShow(server, 'ping')),
    vscode.commands.registerCommand('componentHost.callProtectedRoute', () => callAndShow(server, 'pong')),
    vscode.commands.registerCommand('componentHost.openDocs', () =>
      vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'README.md')),
    ),
  );

  const activationMs = performance.now() - started;
  view.setActivationMs(activationMs);
  const uiKind = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  log.info(`activated in ${activationMs.toFixed(1)} ms (${uiKind} UI, remote: ${vscode.env.remoteName ?? 'none'})`);
  const testing =
    context.extensionMode === vscode.ExtensionMode.Test
      ? {
          readSecret: (key: string) => context.secrets.get(key),
          createWebviewPanel: (...args: Parameters<typeof vscode.window.createWebviewPanel>) => vscode.window.createWebviewPanel(...args),
        }
      : undefined;
  return { activationMs, view, app, componentApi, auth, server, testing };
}

/** The palette's API calls: the host calls the route (adding the token when signed in) and says what came back. */
async function callAndShow(server: ApiServerService, route: ApiRoute): Promise<ApiCallResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Calling GET /api/{0}…', route) },
    () => server.call(route),
  );
  const status = result.status === 0 ? vscode.l10n.t('no answer') : String(result.status);
  const outcome = result.ok ? ' OK' : result.error ? ` — ${result.error}` : '';
  const token = result.usedToken ? vscode.l10n.t('yes') : vscode.l10n.t('no');
  const line = vscode.l10n.t('GET {0} · token: {1} · {2}{3}', result.path, token, status, outcome);
  const show = result.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(vscode.l10n.t('Component Host: {0}', line));
  return result;
}

export function deactivate(): void {
  // Disposables registered on the context are disposed by VS Code.
}

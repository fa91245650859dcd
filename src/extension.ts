import * as vscode from 'vscode';
import type { ApiCallResult, ApiRoute } from '../protocol';
import { registerAuth, type AuthService } from './auth/registerAuth';
import { registerApiServer, type ApiServerService } from './server/registerServer';
import { AppViewProvider } from './view/appViewProvider';

/** What `activate` returns: a small API the in-host tests (and other extensions) can use. */
export interface ComponentHostApi {
  readonly activationMs: number;
  readonly view: AppViewProvider;
  readonly auth: AuthService;
  readonly server: ApiServerService;
  /** Only in extension-test mode: lets the end-to-end suite inspect what the extension stored. */
  readonly testing?: { readSecret(key: string): Thenable<string | undefined> };
}

export function activate(context: vscode.ExtensionContext): ComponentHostApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Component Host', { log: true });
  context.subscriptions.push(log);

  const auth = registerAuth(context, log);
  const server = registerApiServer(context, log, auth);
  const view = new AppViewProvider(context, log, {
    getSessionInfo: () => auth.getSessionInfo(),
    onDidChangeSessionInfo: auth.onDidChangeSessionInfo,
    signIn: () => auth.signIn(),
    signOut: async () => {
      await auth.signOut();
      return auth.getSessionInfo();
    },
    callApi: (route) => server.call(route),
  });
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(AppViewProvider.viewId, view),
    vscode.commands.registerCommand('componentHost.open', () => view.reveal()),
    vscode.commands.registerCommand('componentHost.rerunApp', () => view.rerun()),
    vscode.commands.registerCommand('componentHost.showLog', () => log.show(true)),
    vscode.commands.registerCommand('componentHost.callPublicRoute', () => callAndShow(server, 'ping')),
    vscode.commands.registerCommand('componentHost.callProtectedRoute', () => callAndShow(server, 'pong')),
    vscode.commands.registerCommand('componentHost.openDocs', () =>
      vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'README.md')),
    ),
  );

  const activationMs = performance.now() - started;
  view.setActivationMs(activationMs);
  log.info(
    `activated in ${activationMs.toFixed(1)} ms (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} ` +
      `UI, remote: ${vscode.env.remoteName ?? 'none'})`,
  );
  const testing =
    context.extensionMode === vscode.ExtensionMode.Test ? { readSecret: (key: string) => context.secrets.get(key) } : undefined;
  return { activationMs, view, auth, server, testing };
}

/** The palette's API calls: the host calls the route (adding the token when signed in) and says what came back. */
async function callAndShow(server: ApiServerService, route: ApiRoute): Promise<ApiCallResult> {
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Calling GET /api/${route}…` }, () =>
    server.call(route),
  );
  const status = result.status === 0 ? 'no answer' : String(result.status);
  const outcome = result.ok ? ' OK' : result.error ? ` — ${result.error}` : '';
  const line = `GET ${result.path} · token: ${result.usedToken ? 'yes' : 'no'} · ${status}${outcome}`;
  const show = result.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(`Component Host: ${line}`);
  return result;
}

export function deactivate(): void {
  // Disposables registered on the context are disposed by VS Code.
}

/**
 * The API server in VS Code: settings, commands, a status-bar item, its own log channel, and the
 * service the rest of the host uses to call it. Nothing starts at activation unless
 * `componentHost.server.autoStart` says so.
 */
import * as vscode from 'vscode';
import type { ApiCallResult, ApiRoute } from '../../protocol';
import type { AuthService } from '../auth/registerAuth';
import { callApi } from './apiClient';
import { ServerSupervisor, type ServerState } from './supervisor';

export interface ApiServerService extends vscode.Disposable {
  readonly state: ServerState;
  readonly onDidChangeState: vscode.Event<ServerState>;
  /** Call a route through the host; protected routes carry the signed-in user's access token. */
  call(route: ApiRoute): Promise<ApiCallResult>;
  ensureRunning(): Promise<string>;
}

/** What the server needs of sign-in: the issuer and audience to verify against, and the token to send. */
export type ServerAuth = Pick<AuthService, 'issuer' | 'audience' | 'getAccessToken'>;

function settings() {
  const c = vscode.workspace.getConfiguration('componentHost.server');
  return {
    autoStart: c.get<boolean>('autoStart', false),
    url: c.get<string>('url', '').trim(),
    port: c.get<number>('port', 0),
    requiredScope: c.get<string>('requiredScope', 'read:pong'),
  };
}

export function registerApiServer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, auth: ServerAuth): ApiServerService {
  const output = vscode.window.createOutputChannel('Component Host: API Server', { log: true });
  const stateEmitter = new vscode.EventEmitter<ServerState>();
  const status = vscode.window.createStatusBarItem('componentHost.server', vscode.StatusBarAlignment.Right, 99);
  status.name = 'Component Host API Server';
  status.command = 'componentHost.showServerLog';

  const create = (): ServerSupervisor => {
    const s = settings();
    const supervisor = new ServerSupervisor({
      script: vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath,
      port: s.port,
      ...(s.url ? { externalUrl: s.url } : {}),
      env: async () => ({
        COMPONENT_HOST_ISSUER: await auth.issuer(),
        COMPONENT_HOST_AUDIENCE: auth.audience,
        COMPONENT_HOST_REQUIRED_SCOPE: s.requiredScope,
      }),
      log: (level, message) => log[level](`server: ${message}`),
      output: (line) => output.info(line),
    });
    supervisor.onDidChangeState((state) => {
      if (state.kind === 'failed') log.error(`server: ${state.reason}`);
      showState(state);
      stateEmitter.fire(state);
    });
    return supervisor;
  };
  let supervisor = create();

  function showState(state: ServerState): void {
    const icon = {
      stopped: '$(circle-slash)',
      starting: '$(loading~spin)',
      running: '$(server)',
      restarting: '$(sync~spin)',
      failed: '$(error)',
    }[state.kind];
    status.text = `${icon} API`;
    status.tooltip =
      state.kind === 'running'
        ? `Component Host API server: running at ${state.baseUrl}${state.external ? ' (external)' : ''}`
        : state.kind === 'failed'
          ? `Component Host API server failed: ${state.reason}`
          : state.kind === 'restarting'
            ? `Component Host API server: restarting in ${state.inMs} ms (${state.reason})`
            : `Component Host API server: ${state.kind}`;
    status.backgroundColor = state.kind === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  }
  showState(supervisor.state);

  const withProgress = (title: string, work: () => Promise<unknown>) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, async () => {
      try {
        await work();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error(`server: ${message}`);
        void vscode.window.showErrorMessage(`Component Host: ${message}`, 'Show Log').then((pick) => pick && output.show(true));
      }
    });

  const service: ApiServerService = {
    get state() {
      return supervisor.state;
    },
    onDidChangeState: stateEmitter.event,
    call: (route) => callApi(route, { ensureRunning: () => supervisor.ensureRunning(), getAccessToken: () => auth.getAccessToken() }),
    ensureRunning: () => supervisor.ensureRunning(),
    dispose: () => void supervisor.stop(),
  };

  context.subscriptions.push(
    service,
    output,
    status,
    stateEmitter,
    vscode.commands.registerCommand('componentHost.startServer', () => withProgress('Starting the API server…', () => supervisor.start())),
    vscode.commands.registerCommand('componentHost.stopServer', () => withProgress('Stopping the API server…', () => supervisor.stop())),
    vscode.commands.registerCommand('componentHost.restartServer', () =>
      withProgress('Restarting the API server…', () => supervisor.restart()),
    ),
    vscode.commands.registerCommand('componentHost.showServerLog', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('componentHost.server')) return;
      const wasRunning = supervisor.state.kind === 'running';
      void supervisor.stop().then(() => {
        supervisor = create();
        showState(supervisor.state);
        if (wasRunning || settings().autoStart) void withProgress('Restarting the API server…', () => supervisor.start());
      });
    }),
  );
  if (settings().autoStart) void withProgress('Starting the API server…', () => supervisor.start());
  return service;
}

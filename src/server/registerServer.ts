/**
 * The API server in VS Code: settings, commands, a status-bar item, its own log channel, and the
 * service the rest of the host uses to call it. Nothing starts at activation unless
 * `componentHost.server.autoStart` says so.
 */
import * as vscode from 'vscode';
import type { ApiCallResult, ApiRoute } from '../../protocol';
import type { AuthService } from '../auth/registerAuth';
import { readGuardedSetting, tellIfWorkspaceSets } from '../config/guardedSettings';
import { callApi } from './apiClient';
import { ServerSupervisor, type ServerState } from './supervisor';
import { errorMessage } from '../util/errors';
import { TokenGate } from './tokenPolicy';

export interface ApiServerService extends vscode.Disposable {
  readonly state: ServerState;
  readonly onDidChangeState: vscode.Event<ServerState>;
  /** Call a route through the host; protected routes carry the signed-in user's access token. */
  call(route: ApiRoute): Promise<ApiCallResult>;
  ensureRunning(): Promise<string>;
}

/** What the server needs of sign-in: the issuer and audience to verify against, and the token to send. */
export type ServerAuth = Pick<AuthService, 'issuer' | 'audience' | 'getAccessToken'>;

/** Settings that decide where the token goes (url) or what it must carry (requiredScope) are guarded. */
const GUARDED = { url: '', port: 0, requiredScope: 'read:pong' } as const;

function settings() {
  const guarded = (key: keyof typeof GUARDED) => readGuardedSetting<string | number>('componentHost.server', key, GUARDED[key]);
  return {
    autoStart: vscode.workspace.getConfiguration('componentHost.server').get<boolean>('autoStart', false),
    url: String(guarded('url')).trim(),
    port: Number(guarded('port')),
    requiredScope: String(guarded('requiredScope')),
  };
}

/** Origins of remote API servers the user allowed to receive the access token (global state). */
const ALLOWED_ORIGINS_KEY = 'componentHost.server.allowedTokenOrigins';

function tokenGate(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): TokenGate {
  const allowed = () => context.globalState.get<string[]>(ALLOWED_ORIGINS_KEY, []);
  return new TokenGate({
    allowed,
    remember: async (origin) => {
      await context.globalState.update(ALLOWED_ORIGINS_KEY, [...new Set([...allowed(), origin])]);
      log.info(`server: the access token may now go to ${origin} (Component Host: Forget Allowed API Servers revokes it)`);
    },
    confirm: async (origin) =>
      (await vscode.window.showWarningMessage(
        `Send your access token to the API server at ${origin}?`,
        {
          modal: true,
          detail:
            'The setting componentHost.server.url points at a server on another machine. Allow it only if you run or trust that server; ' +
            'Component Host: Forget Allowed API Servers takes this back.',
        },
        'Allow',
      )) === 'Allow',
  });
}

export function registerApiServer(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, auth: ServerAuth): ApiServerService {
  const output = vscode.window.createOutputChannel(vscode.l10n.t('Component Host: API Server'), { log: true });
  const stateEmitter = new vscode.EventEmitter<ServerState>();
  const status = vscode.window.createStatusBarItem('componentHost.server', vscode.StatusBarAlignment.Right, 99);
  status.name = vscode.l10n.t('Component Host API Server');
  status.command = 'componentHost.showServerLog';

  const gate = tokenGate(context, log);
  const create = (): ServerSupervisor => {
    const s = settings();
    void tellIfWorkspaceSets(
      Object.keys(GUARDED).map((key) => `componentHost.server.${key}`),
      log,
    );
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
    status.text = vscode.l10n.t('{0} API', icon);
    status.tooltip =
      state.kind === 'running'
        ? state.external
          ? vscode.l10n.t('Component Host API server: running at {0} (external)', state.baseUrl)
          : vscode.l10n.t('Component Host API server: running at {0}', state.baseUrl)
        : state.kind === 'failed'
          ? vscode.l10n.t('Component Host API server failed: {0}', state.reason)
          : state.kind === 'restarting'
            ? vscode.l10n.t('Component Host API server: restarting in {0} ms ({1})', state.inMs, state.reason)
            : state.kind === 'starting'
              ? vscode.l10n.t('Component Host API server: starting')
              : vscode.l10n.t('Component Host API server: stopped');
    status.backgroundColor = state.kind === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  }
  showState(supervisor.state);

  const withProgress = (title: string, work: () => Promise<unknown>) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, async () => {
      try {
        await work();
      } catch (err) {
        const message = errorMessage(err);
        log.error(`server: ${message}`);
        const showLog = vscode.l10n.t('Show Log');
        void vscode.window
          .showErrorMessage(vscode.l10n.t('Component Host: {0}', message), showLog)
          .then((pick) => pick === showLog && output.show(true));
      }
    });

  const service: ApiServerService = {
    get state() {
      return supervisor.state;
    },
    onDidChangeState: stateEmitter.event,
    call: (route) =>
      callApi(route, {
        ensureRunning: () => supervisor.ensureRunning(),
        getAccessToken: async (baseUrl) => {
          const decision = await gate.decide(baseUrl);
          if (decision.send) return auth.getAccessToken();
          log.warn(`server: ${decision.reason}`);
          throw new Error(decision.reason);
        },
      }),
    ensureRunning: () => supervisor.ensureRunning(),
    dispose: () => void supervisor.stop(),
  };

  context.subscriptions.push(
    service,
    output,
    status,
    stateEmitter,
    vscode.commands.registerCommand('componentHost.startServer', () =>
      withProgress(vscode.l10n.t('Starting the API server…'), () => supervisor.start()),
    ),
    vscode.commands.registerCommand('componentHost.stopServer', () =>
      withProgress(vscode.l10n.t('Stopping the API server…'), () => supervisor.stop()),
    ),
    vscode.commands.registerCommand('componentHost.restartServer', () =>
      withProgress(vscode.l10n.t('Restarting the API server…'), () => supervisor.restart()),
    ),
    vscode.commands.registerCommand('componentHost.showServerLog', () => output.show(true)),
    vscode.commands.registerCommand('componentHost.forgetAllowedServers', async () => {
      const origins = context.globalState.get<string[]>(ALLOWED_ORIGINS_KEY, []);
      await context.globalState.update(ALLOWED_ORIGINS_KEY, undefined);
      log.info(`server: forgot the allowed API servers (${origins.join(', ') || 'none'})`);
      void vscode.window.showInformationMessage(
        origins.length
          ? `Component Host: the access token no longer goes to ${origins.join(', ')} without asking.`
          : 'Component Host: no API server on another machine was allowed.',
      );
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => recreate()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('componentHost.server')) recreate();
    }),
  );
  function recreate(): void {
    const wasRunning = supervisor.state.kind === 'running';
    void supervisor.stop().then(() => {
      supervisor = create();
      showState(supervisor.state);
      if (wasRunning || settings().autoStart) void withProgress(vscode.l10n.t('Restarting the API server…'), () => supervisor.start());
    });
  }
  if (settings().autoStart) void withProgress(vscode.l10n.t('Starting the API server…'), () => supervisor.start());
  return service;
}

/**
 * Wires sign-in into VS Code: the `auth0` authentication provider, Sign In / Sign Out commands, the
 * account status-bar item, settings, and the AuthService the rest of the host uses. Token material
 * stays here: webview and component get SessionInfo only. Activation starts nothing slow; the
 * development identity provider starts on the first sign-in or issuer() call.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SessionInfo } from '../../protocol';
import { Auth0AuthenticationProvider, AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from './auth0Provider';
import { errorMessage } from '../util/errors';
import { externalUrl } from '../util/externalUrl';
import { AuthError } from './oidcClient';
import { SessionManager, type AuthLog } from './sessionManager';
import { runSignIn } from './signInFlow';
import { TenantSource, type AuthSettings } from './tenantSource';
import { TokenStore, type StoredSession } from './tokenStore';

export interface AuthService extends vscode.Disposable {
  /** The API audience access tokens are issued for (what the API server checks). */
  readonly audience: string;
  /** Silent: a valid access token (refreshed if needed) or undefined when signed out. Never log it. */
  getAccessToken(scopes?: readonly string[]): Promise<string | undefined>;
  sessionInfo(): SessionInfo;
  readonly onDidChangeSessionInfo: vscode.Event<SessionInfo>;
  /**
   * Interactive; tells the user when it fails (not when they cancel), then rejects with AuthError
   * (kind 'cancelled' when the user cancels).
   */
  signIn(): Promise<SessionInfo>;
  signOut(): Promise<SessionInfo>;
  /** The issuer the API server must verify against; starts the development provider if needed. */
  issuer(): Promise<string>;
  /** Test hook for the e2e "forced expiry": marks the access tokens expired so the next use refreshes. */
  expireAccessTokensForTesting(): Promise<void>;
  /** The sessions the `auth0` provider serves to VS Code (Accounts menu, other extensions). */
  getProviderSessions(): Promise<readonly vscode.AuthenticationSession[]>;
}

function readSettings(): AuthSettings {
  const c = vscode.workspace.getConfiguration('componentHost.auth0');
  return {
    domain: c.get<string>('domain', ''),
    clientId: c.get<string>('clientId', ''),
    audience: c.get<string>('audience', ''),
    scopes: c.get<string[]>('scopes', ['read:pong']).filter((s) => typeof s === 'string' && s.length > 0),
    callbackPort: c.get<number>('callbackPort', 0),
  };
}

const isLocal = (): boolean => vscode.env.remoteName === undefined && vscode.env.uiKind === vscode.UIKind.Desktop;

export function registerAuth(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): AuthService {
  // On disk where the extension host runs, so a window reload keeps the development sign-in.
  const devState =
    context.globalStorageUri.scheme === 'file' ? path.join(context.globalStorageUri.fsPath, 'dev-identity-provider.json') : undefined;
  const tenants = new TenantSource(readSettings(), devState);
  const authLog: AuthLog = (level, message) => log[level](`auth: ${message}`);
  const store = new TokenStore(context.secrets, (m) => authLog('warn', m));
  const infoEmitter = new vscode.EventEmitter<SessionInfo>();
  let lastInfo = '';

  const sessionInfo = (): SessionInfo => {
    const session = manager.sessions[0];
    if (!session) return SessionInfo.parse({ signedIn: false, development: tenants.development });
    const { name, email } = session.tokens.account;
    return SessionInfo.parse({
      signedIn: true,
      account: { name, email },
      expiresAt: session.tokens.expiresAt,
      development: session.development,
    });
  };
  const publish = (): void => {
    const info = sessionInfo();
    updateStatus(info);
    if (JSON.stringify(info) !== lastInfo) {
      lastInfo = JSON.stringify(info);
      infoEmitter.fire(info);
    }
  };

  const manager: SessionManager = new SessionManager(store, tenants, authLog, (changes) => {
    provider.fire(changes);
    publish();
  });

  const interactiveSignIn = async (scopes: readonly string[]): Promise<StoredSession> =>
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: tenants.development
          ? vscode.l10n.t('Development sign-in: continue in the browser…')
          : vscode.l10n.t('Signing in with Auth0: continue in the browser…'),
        cancellable: true,
      },
      async (_progress, cancel) => {
        const controller = new AbortController();
        const subscription = cancel.onCancellationRequested(() => controller.abort());
        try {
          const runtime = await tenants.ensure();
          const dev = runtime.dev;
          const local = isLocal();
          // The browser may not reach the host's loopback: give it the forwarded/proxied URLs.
          dev?.setExternalBase(local ? undefined : await externalUrl(runtime.tenant.issuer));
          authLog(
            'info',
            `sign-in started (${dev ? 'development sign-in' : runtime.tenant.issuer}, ${local ? 'loopback' : 'forwarded loopback'} callback)`,
          );
          const tokens = await runSignIn({
            tenant: runtime.tenant,
            config: runtime.config,
            extraScopes: scopes,
            callbackPort: dev ? 0 : tenants.callbackPort,
            timeoutMs:
              1000 * Math.max(5, vscode.workspace.getConfiguration('componentHost.auth0').get<number>('signInTimeoutSeconds', 300)),
            signal: controller.signal,
            externalCallbackUri: local ? undefined : externalUrl,
            allowRedirectUri: dev && ((uri) => dev.allowRedirectUri(uri)),
            browserUrl: dev && ((url) => dev.browserUrl(url)),
            openBrowser: async (url) => {
              if (!(await vscode.env.openExternal(vscode.Uri.parse(url.href)))) {
                throw new AuthError('cancelled', vscode.l10n.t('The browser was not opened.'));
              }
            },
            note: (message) => authLog('info', message),
          });
          const session = await manager.add(runtime, tokens);
          authLog('info', `signed in as ${tokens.account.name}${dev ? ' (development sign-in)' : ''}`);
          return session;
        } finally {
          subscription.dispose();
        }
      },
    );

  const provider = new Auth0AuthenticationProvider(manager, interactiveSignIn);

  const service: AuthService = {
    get audience() {
      return tenants.audience;
    },
    async getAccessToken(scopes) {
      return (await manager.getSessions(scopes))[0]?.tokens.accessToken;
    },
    sessionInfo,
    onDidChangeSessionInfo: infoEmitter.event,
    async signIn() {
      try {
        if (manager.sessions.length === 0) await interactiveSignIn([]);
        return sessionInfo();
      } catch (err) {
        reportFailure('sign-in')(err);
        throw err;
      }
    },
    async signOut() {
      try {
        for (const session of [...manager.sessions]) await manager.remove(session.id);
        authLog('info', 'signed out');
        return sessionInfo();
      } catch (err) {
        reportFailure('sign-out')(err);
        throw err;
      }
    },
    async issuer() {
      return (await tenants.ensure()).tenant.issuer;
    },
    expireAccessTokensForTesting: () => manager.expireAccessTokens(),
    getProviderSessions: () => provider.getSessions(),
    dispose() {
      manager.dispose();
      void tenants.dispose();
    },
  };

  const reportFailure =
    (action: FailedAction) =>
    (error: unknown): void => {
      if (error instanceof AuthError && error.kind === 'cancelled') return void authLog('info', `${action} cancelled`);
      const message = errorMessage(error);
      authLog('error', `${action} failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Component Host: {0} failed. {1}', failedActionLabel(action), message));
    };

  const status = vscode.window.createStatusBarItem('componentHost.account', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('Component Host Account');
  function updateStatus(info: SessionInfo): void {
    const name = info.account?.name ?? '';
    const email = info.account?.email ?? '';
    if (info.signedIn) {
      status.text = info.development ? vscode.l10n.t('$(account) {0} · development sign-in', name) : `$(account) ${name}`;
      status.tooltip = info.development
        ? vscode.l10n.t(
            'Component Host: signed in as {0} <{1}> with the development identity provider (not a production identity). Click for account actions.',
            name,
            email,
          )
        : vscode.l10n.t('Component Host: signed in as {0} <{1}>. Click for account actions.', name, email);
    } else {
      status.text = info.development ? vscode.l10n.t('$(sign-in) Sign in · development sign-in') : vscode.l10n.t('$(sign-in) Sign in');
      status.tooltip = vscode.l10n.t('Component Host: sign in');
    }
    status.command = info.signedIn ? 'componentHost.accountActions' : 'componentHost.signIn';
    status.show();
  }

  context.subscriptions.push(
    service,
    provider,
    infoEmitter,
    status,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, {
      supportsMultipleAccounts: false,
    }),
    // The service has told the user about a failure already.
    vscode.commands.registerCommand('componentHost.signIn', () => service.signIn().catch(() => undefined)),
    vscode.commands.registerCommand('componentHost.signOut', () => service.signOut().catch(() => undefined)),
    vscode.commands.registerCommand('componentHost.accountActions', async () => {
      const info = sessionInfo();
      const name = info.account?.name ?? '?';
      const signOut = vscode.l10n.t('Sign Out');
      const pick = await vscode.window.showInformationMessage(
        info.development ? vscode.l10n.t('Signed in as {0} (development sign-in).', name) : vscode.l10n.t('Signed in as {0}.', name),
        signOut,
      );
      if (pick === signOut) await service.signOut().catch(() => undefined);
    }),
    store.onDidChange(() => void manager.sync().catch(reportFailure('session sync'))),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('componentHost.auth0')) return;
      void tenants
        .update(readSettings())
        .then(() => manager.sync())
        .then(publish)
        .catch(reportFailure('settings change'));
    }),
  );
  updateStatus(sessionInfo());
  void manager.sync().then(publish, reportFailure('loading sessions'));
  return service;
}

/** What can fail, as the log names it (English) and as the user reads it (localized). */
type FailedAction = 'sign-in' | 'sign-out' | 'session sync' | 'settings change' | 'loading sessions';

function failedActionLabel(action: FailedAction): string {
  switch (action) {
    case 'sign-in':
      return vscode.l10n.t('sign-in');
    case 'sign-out':
      return vscode.l10n.t('sign-out');
    case 'session sync':
      return vscode.l10n.t('session sync');
    case 'settings change':
      return vscode.l10n.t('settings change');
    case 'loading sessions':
      return vscode.l10n.t('loading sessions');
  }
}

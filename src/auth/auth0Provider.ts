/**
 * The `auth0` authentication provider VS Code shows in the Accounts menu and serves to
 * vscode.authentication.getSession for this and other extensions. Session logic lives in
 * SessionManager; this class only translates to VS Code's types and events.
 */
import * as vscode from 'vscode';
import type { SessionChanges, SessionManager } from './sessionManager';
import type { StoredSession } from './tokenStore';

export const AUTH_PROVIDER_ID = 'auth0';
export const AUTH_PROVIDER_LABEL = 'Auth0 (Component Host)';

export function accountLabel(session: StoredSession): string {
  const { name } = session.tokens.account;
  return session.development ? vscode.l10n.t('{0} (development sign-in)', name) : name;
}

function toVscodeSession(session: StoredSession): vscode.AuthenticationSession {
  return {
    id: session.id,
    accessToken: session.tokens.accessToken,
    account: { id: session.tokens.account.id, label: accountLabel(session) },
    scopes: session.tokens.scopes,
  };
}

export class Auth0AuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;

  constructor(
    private readonly manager: SessionManager,
    /** Runs the interactive sign-in (browser, progress, cancel) and stores its session. */
    private readonly signIn: (scopes: readonly string[]) => Promise<StoredSession>,
  ) {}

  /** Forwarded from SessionManager, so the Accounts menu follows other windows too. */
  fire(changes: SessionChanges): void {
    this.emitter.fire({
      added: changes.added.map(toVscodeSession),
      removed: changes.removed.map(toVscodeSession),
      changed: changes.changed.map(toVscodeSession),
    });
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    return (await this.manager.getSessions(scopes)).map(toVscodeSession);
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    return toVscodeSession(await this.signIn(scopes));
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.manager.remove(sessionId);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

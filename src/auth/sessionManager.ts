/**
 * Session life cycle without `vscode`: which stored sessions belong to the current tenant, refresh
 * before expiry (one refresh per session at a time: rotation makes a second one fatal), sign-out
 * with revocation, and change detection when another window rewrites the secret.
 */
import { AuthError, refresh, revoke, type TokenSet } from './oidcClient';
import type { TenantRuntime, TenantSource } from './tenantSource';
import { errorMessage } from '../util/errors';
import { newSession, type StoredSession, type TokenStore } from './tokenStore';

/** Refresh this long before the access token expires. */
export const REFRESH_SKEW_MS = 60_000;
const RETRY_MS = 30_000;
const TIMER_JITTER_MS = 20_000;

export interface SessionChanges {
  added: StoredSession[];
  removed: StoredSession[];
  changed: StoredSession[];
}
export type AuthLog = (level: 'info' | 'warn' | 'error', message: string) => void;

const hasScopes = (session: StoredSession, scopes: readonly string[] | undefined): boolean =>
  !scopes || scopes.every((scope) => session.tokens.scopes.includes(scope));

export class SessionManager {
  private snapshot: StoredSession[] = [];
  private readonly refreshing = new Map<string, Promise<StoredSession | undefined>>();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** After a failed refresh (provider down), no timer fires before this time. */
  private retryAt = 0;

  constructor(
    private readonly store: TokenStore,
    private readonly tenants: TenantSource,
    private readonly log: AuthLog,
    private readonly onChange: (changes: SessionChanges) => void,
  ) {}

  /** The current tenant's sessions as last seen (synchronous, for status bar and session info). */
  get sessions(): readonly StoredSession[] {
    return this.snapshot;
  }

  async getSessions(scopes?: readonly string[]): Promise<StoredSession[]> {
    await this.sync();
    const matching = this.snapshot.filter((s) => hasScopes(s, scopes));
    const fresh = await Promise.all(matching.map((s) => this.ensureFresh(s)));
    return fresh.filter((s): s is StoredSession => s !== undefined);
  }

  /** Stores the result of an interactive sign-in, replacing the account's previous session. */
  async add(runtime: TenantRuntime, tokens: TokenSet): Promise<StoredSession> {
    const session = newSession(runtime.key, runtime.tenant.development, tokens);
    const replaced = this.snapshot.filter((s) => s.tokens.account.id === tokens.account.id);
    await this.store.update((all) => [...all.filter((s) => !replaced.some((r) => r.id === s.id)), session]);
    for (const old of replaced) void this.revokeQuietly(runtime, old);
    await this.sync();
    return session;
  }

  /** Sign-out: revoke the refresh token at the provider, then forget the session everywhere. */
  async remove(id: string): Promise<void> {
    const session = (await this.store.read()).find((s) => s.id === id);
    if (!session) return;
    await this.store.update((all) => all.filter((s) => s.id !== id));
    await this.sync();
    const runtime = await this.tenants.ensure().catch(() => undefined);
    if (runtime?.key === session.tenant) await this.revokeQuietly(runtime, session);
    else this.log('warn', 'signed out locally; the identity provider could not be reached to revoke the refresh token');
  }

  /** Test hook for "forced expiry": marks every access token as expired (no token leaves). */
  async expireAccessTokens(): Promise<void> {
    const key = this.tenants.currentKey();
    await this.store.update((all) =>
      all.map((s) => (s.tenant === key ? { ...s, tokens: { ...s.tokens, expiresAt: Date.now() - 1000 } } : s)),
    );
    await this.sync();
  }

  /** Re-reads the secret (another window may have changed it) and reports differences. */
  async sync(): Promise<void> {
    const stored = await this.store.read();
    let key = this.tenants.currentKey();
    // A development session from before a restart (window reload): its tenant key is known only once
    // the development provider runs again (on its remembered port), so start it now, in the background.
    if (key === undefined && this.tenants.development && stored.some((s) => s.development)) {
      key = (await this.tenants.ensure().catch(() => undefined))?.key;
    }
    const next = key ? stored.filter((s) => s.tenant === key) : [];
    const before = new Map(this.snapshot.map((s) => [s.id, s]));
    const after = new Map(next.map((s) => [s.id, s]));
    const changes: SessionChanges = {
      added: next.filter((s) => !before.has(s.id)),
      removed: this.snapshot.filter((s) => !after.has(s.id)),
      changed: next.filter((s) => before.has(s.id) && before.get(s.id)?.tokens.accessToken !== s.tokens.accessToken),
    };
    this.snapshot = next;
    this.schedule();
    if (changes.added.length || changes.removed.length || changes.changed.length) this.onChange(changes);
  }

  /** Returns the session with a usable access token, refreshing it if it is about to expire. */
  ensureFresh(session: StoredSession): Promise<StoredSession | undefined> {
    if (session.tokens.expiresAt - Date.now() > REFRESH_SKEW_MS) return Promise.resolve(session);
    let running = this.refreshing.get(session.id);
    if (!running) {
      running = this.refreshNow(session.id).finally(() => this.refreshing.delete(session.id));
      this.refreshing.set(session.id, running);
    }
    return running;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private async refreshNow(id: string): Promise<StoredSession | undefined> {
    const stored = (await this.store.read()).find((s) => s.id === id);
    if (!stored) return undefined;
    // Another window may have refreshed (and rotated) it already.
    if (stored.tokens.expiresAt - Date.now() > REFRESH_SKEW_MS) {
      await this.sync();
      return stored;
    }
    try {
      const runtime = await this.tenants.ensure();
      if (runtime.key !== stored.tenant) return undefined;
      const tokens = await refresh(runtime.config, stored.tokens);
      const updated: StoredSession = { ...stored, tokens };
      this.retryAt = 0;
      await this.store.update((all) => all.map((s) => (s.id === id ? updated : s)));
      this.log(
        'info',
        `access token refreshed for ${stored.tokens.account.name}; it expires at ${new Date(tokens.expiresAt).toISOString()}`,
      );
      await this.sync();
      return updated;
    } catch (error) {
      if (error instanceof AuthError && (error.kind === 'session-expired' || error.kind === 'client-rejected')) {
        this.log('warn', `session of ${stored.tokens.account.name} ended: ${error.message}`);
        await this.store.update((all) => all.filter((s) => s.id !== id));
        await this.sync();
        return undefined;
      }
      this.log('warn', `refresh failed, will retry: ${errorMessage(error)}`);
      this.retryAt = Date.now() + RETRY_MS;
      this.schedule();
      return stored.tokens.expiresAt > Date.now() ? stored : undefined;
    }
  }

  private async revokeQuietly(runtime: TenantRuntime, session: StoredSession): Promise<void> {
    if (!session.tokens.refreshToken) return;
    try {
      await revoke(runtime.config, session.tokens.refreshToken);
      this.log('info', 'refresh token revoked at the identity provider');
    } catch (error) {
      this.log('warn', `could not revoke the refresh token: ${errorMessage(error)}`);
    }
  }

  /**
   * One timer for the earliest expiry, so tokens handed to other extensions stay fresh. Jittered:
   * every window runs one, and two windows refreshing the same rotating token at once would trip
   * the provider's reuse detection (the later window re-reads the secret and finds it fresh).
   */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || this.snapshot.length === 0) return;
    const earliest = Math.min(...this.snapshot.map((s) => s.tokens.expiresAt));
    const wait = Math.max(1000, earliest - REFRESH_SKEW_MS - Date.now(), this.retryAt - Date.now()) + Math.random() * TIMER_JITTER_MS;
    this.timer = setTimeout(() => void Promise.all(this.snapshot.map((s) => this.ensureFresh(s))), Math.min(wait, 2 ** 31 - 1));
    this.timer.unref();
  }
}

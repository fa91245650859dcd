/**
 * Which tenant sign-in talks to: the Auth0 tenant from the settings, or, with none configured, the
 * embedded development identity provider (started on first need, then kept for the window).
 */
import type * as oidc from 'openid-client';
import { startDevIdentityProvider, DEFAULT_AUDIENCE, type DevIdentityProvider } from './devIdentityProvider';
import { AuthError, discover, type Tenant } from './oidcClient';
import { tenantKey } from './tokenStore';

export interface AuthSettings {
  readonly domain: string;
  readonly clientId: string;
  readonly audience: string;
  readonly scopes: readonly string[];
  readonly callbackPort: number;
}

export interface TenantRuntime {
  /** Sessions are stored under this key; another key's sessions are never offered. */
  readonly key: string;
  readonly tenant: Tenant;
  readonly config: oidc.Configuration;
  readonly dev?: DevIdentityProvider;
}

/** `tenant.eu.auth0.com`, `https://tenant.eu.auth0.com` or a custom domain → Auth0's issuer. */
export function issuerFromDomain(domain: string): string {
  const trimmed = domain.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    throw new AuthError('misconfigured', `"${trimmed}" is not a valid Auth0 domain.`);
  }
  if (url.protocol !== 'https:') throw new AuthError('misconfigured', 'The Auth0 domain must use https.');
  return `${url.origin}${url.pathname.replace(/\/?$/, '/')}`;
}

export class TenantSource {
  private settings: AuthSettings;
  private runtime: Promise<TenantRuntime> | undefined;
  private dev: Promise<DevIdentityProvider> | undefined;
  private devKey: string | undefined;

  /** `devStateFile`: where the development provider keeps its port, key and grants (see DevProviderState). */
  constructor(
    settings: AuthSettings,
    private readonly devStateFile?: string,
  ) {
    this.settings = settings;
  }

  get development(): boolean {
    return !this.settings.domain.trim() && !this.settings.clientId.trim();
  }

  get audience(): string {
    return this.settings.audience.trim() || DEFAULT_AUDIENCE;
  }

  get callbackPort(): number {
    return this.settings.callbackPort;
  }

  /** The key sessions must carry, known without network or start-up (undefined before the dev provider runs). */
  currentKey(): string | undefined {
    if (this.development) return this.devKey;
    try {
      return tenantKey(issuerFromDomain(this.settings.domain), this.settings.clientId.trim());
    } catch {
      return undefined;
    }
  }

  /** Resolves the tenant, starting the development provider and running discovery as needed. */
  ensure(): Promise<TenantRuntime> {
    this.runtime ??= this.resolve().catch((error: unknown) => {
      this.runtime = undefined; // retry on next use (the provider may come back)
      throw error;
    });
    return this.runtime;
  }

  /** New settings: forget the resolved tenant; the development provider survives while still needed. */
  async update(settings: AuthSettings): Promise<void> {
    const sameDev =
      this.development && !settings.domain.trim() && !settings.clientId.trim() && settings.audience === this.settings.audience;
    this.settings = settings;
    this.runtime = undefined;
    if (!sameDev) await this.dispose();
  }

  async dispose(): Promise<void> {
    const dev = this.dev;
    this.dev = undefined;
    this.devKey = undefined;
    this.runtime = undefined;
    await (await dev?.catch(() => undefined))?.close();
  }

  private async resolve(): Promise<TenantRuntime> {
    const scopes = this.settings.scopes;
    if (this.development) {
      this.dev ??= startDevIdentityProvider({
        audience: this.audience,
        apiScopes: scopes.length ? scopes : undefined,
        ...(this.devStateFile ? { stateFile: this.devStateFile } : {}),
      });
      const dev = await this.dev;
      const tenant: Tenant = { issuer: dev.issuer, clientId: dev.clientId, audience: dev.audience, scopes, development: true };
      this.devKey = tenantKey(dev.issuer, dev.clientId);
      return { key: this.devKey, tenant, config: await discover(tenant), dev };
    }
    const clientId = this.settings.clientId.trim();
    if (!this.settings.domain.trim() || !clientId) {
      throw new AuthError(
        'misconfigured',
        'Set both componentHost.auth0.domain and componentHost.auth0.clientId (or clear both for the development sign-in).',
      );
    }
    const tenant: Tenant = {
      issuer: issuerFromDomain(this.settings.domain),
      clientId,
      audience: this.audience,
      scopes,
      development: false,
    };
    return { key: tenantKey(tenant.issuer, clientId), tenant, config: await discover(tenant) };
  }
}

/** Shared set-up for the sign-in tests: a development tenant and a discovered client for it. */
import type * as oidc from 'openid-client';
import { startDevIdentityProvider, type DevIdentityProvider, type DevIdentityProviderOptions } from '../../src/auth/devIdentityProvider';
import { discover, type Tenant } from '../../src/auth/oidcClient';

export interface DevTenant {
  dev: DevIdentityProvider;
  tenant: Tenant;
  config: oidc.Configuration;
}

export async function startDevTenant(options: DevIdentityProviderOptions = {}): Promise<DevTenant> {
  const dev = await startDevIdentityProvider(options);
  const tenant: Tenant = { issuer: dev.issuer, clientId: dev.clientId, audience: dev.audience, scopes: ['read:pong'], development: true };
  return { dev, tenant, config: await discover(tenant) };
}

/** Resolves to the connection error code, or 'open' when something answered. */
export async function probe(url: string): Promise<string> {
  try {
    await fetch(url);
    return 'open';
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? 'error';
  }
}

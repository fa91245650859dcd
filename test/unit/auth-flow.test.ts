import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { runSignIn } from '../../src/auth/signInFlow';
import { AuthError, refresh, revoke, type TokenSet } from '../../src/auth/oidcClient';
import { DEV_ACCOUNT } from '../../src/auth/devIdentityProvider';
import { loginOverHttp } from '../support/loginDriver';
import { startDevTenant, type DevTenant } from '../support/authFixture';

/** Opens the authorization URL like a browser would and delivers the callback. */
const httpBrowser =
  (decision: 'login' | 'cancel' = 'login') =>
  async (url: URL): Promise<void> => {
    const { callbackUrl } = await loginOverHttp(url, url.searchParams.get('redirect_uri') ?? '', decision);
    await fetch(callbackUrl);
  };

describe('sign-in against the development identity provider', () => {
  let t: DevTenant;
  let tokens: TokenSet;
  before(async () => {
    t = await startDevTenant();
  });
  after(() => t.dev.close());

  test('code flow with PKCE yields a JWT access token for the audience and the account from the ID token', async () => {
    tokens = await runSignIn({ tenant: t.tenant, config: t.config, openBrowser: httpBrowser() });
    const jwks = createRemoteJWKSet(new URL('.well-known/jwks.json', t.dev.issuer));
    const { payload, protectedHeader } = await jwtVerify(tokens.accessToken, jwks, {
      issuer: t.dev.issuer,
      audience: t.dev.audience,
      typ: 'at+jwt',
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(payload.sub, DEV_ACCOUNT.sub);
    assert.match(String(payload.scope), /\bread:pong\b/);
    assert.deepEqual(tokens.account, { id: DEV_ACCOUNT.sub, name: DEV_ACCOUNT.name, email: DEV_ACCOUNT.email });
    assert.ok(tokens.refreshToken, 'offline_access yields a refresh token');
    assert.ok(tokens.expiresAt > Date.now() && tokens.expiresAt <= Date.now() + 300_000);
    assert.ok(tokens.scopes.includes('offline_access') && tokens.scopes.includes('read:pong'));
  });

  test('the authorization request carries S256 PKCE, state, nonce and the audience', async () => {
    let seen: URL | undefined;
    await runSignIn({
      tenant: t.tenant,
      config: t.config,
      openBrowser: async (url) => {
        seen = url;
        await httpBrowser()(url);
      },
    });
    assert.ok(seen);
    const p = seen.searchParams;
    assert.equal(p.get('code_challenge_method'), 'S256');
    for (const name of ['code_challenge', 'state', 'nonce']) assert.ok((p.get(name) ?? '').length >= 32, name);
    assert.equal(p.get('audience'), t.dev.audience);
    assert.deepEqual(p.get('scope')?.split(' ').sort(), ['email', 'offline_access', 'openid', 'profile', 'read:pong']);
    assert.match(p.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/cb$/);
  });

  test('refresh rotates the refresh token and the old one then fails with invalid_grant', async () => {
    const refreshed = await refresh(t.config, tokens);
    assert.notEqual(refreshed.refreshToken, tokens.refreshToken);
    assert.notEqual(refreshed.accessToken, tokens.accessToken);
    assert.deepEqual(refreshed.account, tokens.account);
    await assert.rejects(refresh(t.config, tokens), (e: unknown) => e instanceof AuthError && e.kind === 'session-expired');
    // Reuse detection revokes the whole grant, as Auth0's does: the rotated token is dead too.
    await assert.rejects(refresh(t.config, refreshed), (e: unknown) => e instanceof AuthError && e.kind === 'session-expired');
  });

  test('revocation makes the refresh token fail', async () => {
    const fresh = await runSignIn({ tenant: t.tenant, config: t.config, openBrowser: httpBrowser() });
    assert.ok(fresh.refreshToken);
    await revoke(t.config, fresh.refreshToken);
    await assert.rejects(refresh(t.config, fresh), (e: unknown) => e instanceof AuthError && e.kind === 'session-expired');
  });

  test('a token endpoint that does not know the client is reported as client rejected', async () => {
    const { discover } = await import('../../src/auth/oidcClient');
    const wrong = await discover({ ...t.tenant, clientId: 'no-such-client' });
    const fresh = await runSignIn({ tenant: t.tenant, config: t.config, openBrowser: httpBrowser() });
    await assert.rejects(
      refresh(wrong, fresh),
      (e: unknown) => e instanceof AuthError && e.kind === 'client-rejected' && /client/i.test(e.message),
    );
  });

  test('an unknown audience is reported as a misconfiguration', async () => {
    await assert.rejects(
      runSignIn({
        tenant: { ...t.tenant, audience: 'https://wrong.example/api' },
        config: t.config,
        openBrowser: async (url) => {
          const { callbackUrl } = await loginOverHttp(url, url.searchParams.get('redirect_uri') ?? '');
          await fetch(callbackUrl);
        },
        timeoutMs: 10_000,
      }),
      (e: unknown) => e instanceof AuthError && e.kind === 'misconfigured' && /audience/.test(e.message),
    );
  });
});

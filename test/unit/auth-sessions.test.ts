import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSignIn } from '../../src/auth/signInFlow';
import { AuthError, refresh } from '../../src/auth/oidcClient';
import { SessionManager, type SessionChanges } from '../../src/auth/sessionManager';
import { TenantSource, issuerFromDomain } from '../../src/auth/tenantSource';
import { SESSIONS_SECRET_KEY, TokenStore } from '../../src/auth/tokenStore';
import { loginOverHttp } from '../support/loginDriver';
import { FakeSecrets } from '../support/fakeSecrets';

const settings = { domain: '', clientId: '', audience: '', scopes: ['read:pong'], callbackPort: 0 };

describe('sessions: storage, refresh, sign-out and sync between windows', () => {
  const secrets = new FakeSecrets();
  const tenants = new TenantSource(settings);
  const changes: { a: SessionChanges[]; b: SessionChanges[] } = { a: [], b: [] };
  const logs: string[] = [];
  const log = (_level: string, message: string): void => void logs.push(message);
  const storeA = new TokenStore(secrets);
  const storeB = new TokenStore(secrets);
  const a = new SessionManager(storeA, tenants, log, (c) => changes.a.push(c));
  const b = new SessionManager(storeB, tenants, log, (c) => changes.b.push(c));
  const subscription = storeB.onDidChange(() => void b.sync());

  async function signIn(): Promise<void> {
    const runtime = await tenants.ensure();
    const tokens = await runSignIn({
      tenant: runtime.tenant,
      config: runtime.config,
      timeoutMs: 10_000,
      openBrowser: async (url) => void (await fetch((await loginOverHttp(url, url.searchParams.get('redirect_uri') ?? '')).callbackUrl)),
    });
    await a.add(runtime, tokens);
  }

  before(signIn);
  after(async () => {
    subscription.dispose();
    a.dispose();
    b.dispose();
    await tenants.dispose();
  });

  test('the session is stored in the secret only, and the other window sees it', async () => {
    assert.equal(a.sessions.length, 1);
    assert.ok(secrets.values.get(SESSIONS_SECRET_KEY)?.includes(a.sessions[0]?.tokens.accessToken ?? '\0'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(b.sessions[0]?.id, a.sessions[0]?.id);
    assert.equal(changes.b.at(-1)?.added.length, 1);
    for (const line of logs) assert.doesNotMatch(line, /eyJ|refresh_token|code=/);
  });

  test('getSessions filters by scopes', async () => {
    assert.equal((await a.getSessions(['read:pong', 'email'])).length, 1);
    assert.equal((await a.getSessions(['write:everything'])).length, 0);
  });

  test('after a forced expiry the next use refreshes once (rotating the refresh token), even when asked twice at once', async () => {
    const before = a.sessions[0];
    assert.ok(before);
    await a.expireAccessTokens();
    const [one, again] = await Promise.all([a.getSessions(), a.getSessions()]);
    const two = await b.getSessions();
    const after = one[0];
    assert.ok(after && two[0]);
    assert.equal(again[0]?.tokens.accessToken, after.tokens.accessToken, 'one refresh for concurrent callers');
    assert.notEqual(after.tokens.accessToken, before.tokens.accessToken);
    assert.notEqual(after.tokens.refreshToken, before.tokens.refreshToken);
    assert.equal(two[0].tokens.refreshToken, after.tokens.refreshToken, 'the other window reuses the rotated token');
    assert.ok(after.tokens.expiresAt > Date.now() + 60_000);
    const runtime = await tenants.ensure();
    // Using the old refresh token now is reuse: the provider refuses it.
    await assert.rejects(refresh(runtime.config, before.tokens), (e: unknown) => e instanceof AuthError && e.kind === 'session-expired');
  });

  test('sign-out revokes the refresh token and removes the session everywhere', async () => {
    await signIn(); // a fresh grant (the reuse above revoked the previous one)
    const session = a.sessions[0];
    assert.ok(session?.tokens.refreshToken);
    await a.remove(session.id);
    assert.equal(a.sessions.length, 0);
    assert.equal(secrets.values.has(SESSIONS_SECRET_KEY), false);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(b.sessions.length, 0);
    const runtime = await tenants.ensure();
    await assert.rejects(refresh(runtime.config, session.tokens), (e: unknown) => e instanceof AuthError && e.kind === 'session-expired');
  });

  test('a session whose refresh token was revoked elsewhere disappears on its next refresh', async () => {
    await signIn();
    const session = a.sessions[0];
    assert.ok(session?.tokens.refreshToken);
    const { revoke } = await import('../../src/auth/oidcClient');
    await revoke((await tenants.ensure()).config, session.tokens.refreshToken);
    await a.expireAccessTokens();
    assert.deepEqual(await a.getSessions(), []);
    assert.equal(changes.a.at(-1)?.removed[0]?.id, session.id);
  });
});

describe('token store and tenant settings', () => {
  test('an unreadable secret is ignored, not thrown', async () => {
    const secrets = new FakeSecrets();
    await secrets.store(SESSIONS_SECRET_KEY, '{not json');
    const problems: string[] = [];
    assert.deepEqual(await new TokenStore(secrets, (m) => problems.push(m)).read(), []);
    assert.equal(problems.length, 1);
  });

  test('sessions of another tenant are not offered', async () => {
    const secrets = new FakeSecrets();
    const tokens = {
      accessToken: 'x',
      refreshToken: 'y',
      expiresAt: Date.now() + 3_600_000,
      scopes: ['openid'],
      account: { id: 's', name: 'n', email: 'e' },
    };
    await secrets.store(
      SESSIONS_SECRET_KEY,
      JSON.stringify({
        version: 1,
        sessions: [{ id: '1', tenant: 'https://other.example/ abc', development: false, createdAt: Date.now(), tokens }],
      }),
    );
    const tenants = new TenantSource({ ...settings, domain: 'mine.eu.auth0.com', clientId: 'abc' });
    const manager = new SessionManager(
      new TokenStore(secrets),
      tenants,
      () => {},
      () => {},
    );
    assert.deepEqual(await manager.getSessions(), []);
    manager.dispose();
  });

  test('Auth0 domains normalise to the issuer with a trailing slash; http is refused', () => {
    assert.equal(issuerFromDomain('tenant.eu.auth0.com'), 'https://tenant.eu.auth0.com/');
    assert.equal(issuerFromDomain(' https://login.example.com/ '), 'https://login.example.com/');
    assert.throws(
      () => issuerFromDomain('http://tenant.auth0.com'),
      (e: unknown) => e instanceof AuthError && e.kind === 'misconfigured',
    );
  });

  test('half a configuration is an error, not a silent fallback to the development sign-in', async () => {
    const tenants = new TenantSource({ ...settings, domain: 'tenant.eu.auth0.com' });
    assert.equal(tenants.development, false);
    await assert.rejects(
      tenants.ensure(),
      (e: unknown) => e instanceof AuthError && e.kind === 'misconfigured' && /clientId/.test(e.message),
    );
  });
});

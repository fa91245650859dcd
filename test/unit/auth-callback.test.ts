import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSignIn } from '../../src/auth/signInFlow';
import { startLoopbackCallback } from '../../src/auth/loopbackCallback';
import { AuthError, createAuthorization, exchangeCode, refresh, type AuthErrorKind } from '../../src/auth/oidcClient';
import { loginOverHttp } from '../support/loginDriver';
import { probe, startDevTenant, type DevTenant } from '../support/authFixture';

const isAuthError =
  (kind: AuthErrorKind, pattern?: RegExp) =>
  (e: unknown): boolean =>
    e instanceof AuthError && e.kind === kind && (!pattern || pattern.test(e.message));

describe('bad input on the sign-in callback', () => {
  let t: DevTenant;
  before(async () => {
    t = await startDevTenant();
  });
  after(() => t.dev.close());

  /** Logs in, lets `tamper` change the callback URL, delivers it; records what the browser saw. */
  async function signInWith(tamper: (callback: URL) => URL, decision: 'login' | 'cancel' = 'login') {
    const seen: { status?: number; body?: string; redirectUri?: string } = {};
    const result = runSignIn({
      tenant: t.tenant,
      config: t.config,
      timeoutMs: 10_000,
      openBrowser: async (url) => {
        seen.redirectUri = url.searchParams.get('redirect_uri') ?? '';
        const { callbackUrl } = await loginOverHttp(url, seen.redirectUri, decision);
        const response = await fetch(tamper(callbackUrl));
        seen.status = response.status;
        seen.body = await response.text();
      },
    });
    return { result, seen };
  }

  test('a request without the expected state gets a 400 and does not end the sign-in; the real callback then completes it', async () => {
    const strays: { status: number; body: string }[] = [];
    const tokens = await runSignIn({
      tenant: t.tenant,
      config: t.config,
      timeoutMs: 10_000,
      openBrowser: async (url) => {
        const redirectUri = url.searchParams.get('redirect_uri') ?? '';
        // A hostile page races the identity provider to the loopback callback.
        const state = url.searchParams.get('state') ?? '';
        for (const query of ['', '?code=x', '?code=x&state=not-the-state', `?code=x&state=${state}&state=${state}`, `?state=${state}x`]) {
          const response = await fetch(`${redirectUri}${query}`);
          strays.push({ status: response.status, body: await response.text() });
        }
        const { callbackUrl } = await loginOverHttp(url, redirectUri, 'login');
        assert.equal((await fetch(callbackUrl)).status, 200);
      },
    });
    assert.ok(tokens.accessToken, 'signed in despite the stray requests');
    assert.deepEqual(
      strays.map((s) => s.status),
      [400, 400, 400, 400, 400],
    );
    for (const s of strays) assert.match(s.body, /does not belong to the sign-in in progress/);
  });

  test('missing code: clear error', async () => {
    const { result, seen } = await signInWith((u) => {
      u.searchParams.delete('code');
      return u;
    });
    await assert.rejects(result, isAuthError('callback-invalid', /no authorization code/));
    assert.equal(seen.status, 400);
  });

  test('a repeated parameter is refused', async () => {
    const { result } = await signInWith((u) => {
      u.searchParams.append('code', 'second');
      return u;
    });
    await assert.rejects(result, isAuthError('callback-invalid', /repeats/));
  });

  test('an error from the provider (user cancels on its page) is reported, no session', async () => {
    const { result, seen } = await signInWith((u) => u, 'cancel');
    await assert.rejects(result, isAuthError('access-denied', /access_denied: The development sign-in was cancelled/));
    assert.equal(seen.status, 400);
  });

  test('any other provider error is reported with its code', async () => {
    const { result } = await signInWith((u) => {
      u.searchParams.delete('code');
      u.searchParams.set('error', 'server_error');
      u.searchParams.set('error_description', 'boom');
      return u;
    });
    await assert.rejects(result, isAuthError('callback-invalid', /server_error: boom/));
  });

  test('a replayed code is refused, and the replay revokes what the code issued', async () => {
    const listener = await startLoopbackCallback({ timeoutMs: 10_000 });
    const { url, pending } = await createAuthorization(t.config, t.tenant, listener.loopbackRedirectUri);
    const waiting = listener.waitFor(pending.state);
    const { callbackUrl } = await loginOverHttp(url, pending.redirectUri);
    await fetch(callbackUrl);
    const params = await waiting;
    const first = await exchangeCode(t.config, pending, params);
    await assert.rejects(exchangeCode(t.config, pending, params), isAuthError('callback-invalid', /already used/));
    await assert.rejects(refresh(t.config, first), isAuthError('session-expired'));
    assert.ok(listener.closed);
  });

  test('a callback after the timeout finds nobody listening; the sign-in failed as timed out', async () => {
    let callback: URL | undefined;
    const result = runSignIn({
      tenant: t.tenant,
      config: t.config,
      timeoutMs: 300,
      openBrowser: async (url) => {
        callback = (await loginOverHttp(url, url.searchParams.get('redirect_uri') ?? '')).callbackUrl;
      },
    });
    await assert.rejects(result, isAuthError('timeout', /timed out/));
    assert.ok(callback);
    assert.equal(await probe(callback.href), 'ECONNREFUSED');
  });

  test('cancelling while waiting closes the listener and reports cancelled', async () => {
    const controller = new AbortController();
    let redirectUri = '';
    const result = runSignIn({
      tenant: t.tenant,
      config: t.config,
      signal: controller.signal,
      openBrowser: (url) => {
        redirectUri = url.searchParams.get('redirect_uri') ?? '';
        setTimeout(() => controller.abort(), 50);
      },
    });
    await assert.rejects(result, isAuthError('cancelled'));
    assert.equal(await probe(redirectUri), 'ECONNREFUSED');
  });

  test('a request to another path does not end the sign-in', async () => {
    const listener = await startLoopbackCallback({ timeoutMs: 10_000 });
    const status = (await fetch(`http://127.0.0.1:${listener.port}/favicon.ico`)).status;
    assert.equal(status, 404);
    assert.equal(listener.closed, false);
    await listener.close();
    assert.equal(await probe(listener.loopbackRedirectUri), 'ECONNREFUSED');
  });
});

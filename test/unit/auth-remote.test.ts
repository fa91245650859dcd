import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runSignIn } from '../../src/auth/signInFlow';
import { AuthError, discover, type Tenant } from '../../src/auth/oidcClient';
import { loginOverHttp } from '../support/loginDriver';
import { startPathProxy, type PathProxy } from '../support/pathProxy';
import { startDevTenant, type DevTenant } from '../support/authFixture';

describe('sign-in from a browser that reaches the host only through a path proxy (code-server)', () => {
  let t: DevTenant;
  let proxy: PathProxy;
  before(async () => {
    t = await startDevTenant();
    proxy = await startPathProxy('localhost'); // not a loopback IP: the dev client becomes a web client
    t.dev.setExternalBase(proxy.external(t.dev.issuer));
  });
  after(async () => {
    await proxy.close();
    await t.dev.close();
  });

  test('the browser only uses proxied URLs, cookies carry the prefix, and the iss check passes', async () => {
    const visited: string[] = [];
    const tokens = await runSignIn({
      tenant: t.tenant,
      config: t.config,
      timeoutMs: 10_000,
      externalCallbackUri: async (loopback) => proxy.external(loopback),
      allowRedirectUri: (uri) => t.dev.allowRedirectUri(uri),
      browserUrl: (url) => t.dev.browserUrl(url),
      openBrowser: async (url) => {
        visited.push(url.href);
        const redirectUri = url.searchParams.get('redirect_uri') ?? '';
        assert.match(redirectUri, new RegExp(`^http://localhost:${proxy.port}/proxy/\\d+/cb$`));
        const { callbackUrl, pages } = await loginOverHttp(url, redirectUri);
        assert.match(pages[0] ?? '', /development sign-in/);
        assert.equal(callbackUrl.searchParams.get('iss'), t.dev.issuer);
        const response = await fetch(callbackUrl);
        assert.equal(response.status, 200);
      },
    });
    assert.ok(visited[0]?.startsWith(`http://localhost:${proxy.port}/proxy/${t.dev.port}/authorize?`));
    assert.equal(tokens.account.email, 'developer@component-host.local');
  });

  test('direct loopback requests are unaffected by the external base', async () => {
    const metadata = (await (await fetch(new URL('.well-known/openid-configuration', t.dev.issuer))).json()) as {
      issuer: string;
      authorization_endpoint: string;
    };
    assert.equal(metadata.issuer, t.dev.issuer);
    assert.equal(metadata.authorization_endpoint, `${t.dev.issuer}authorize`);
  });
});

describe('identity provider failures are reported clearly', () => {
  const tenant = (issuer: string): Tenant => ({ issuer, clientId: 'x', audience: 'https://api', scopes: [], development: true });

  test('provider down', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    await assert.rejects(
      discover(tenant(`http://127.0.0.1:${port}/`)),
      (e: unknown) => e instanceof AuthError && e.kind === 'provider-unavailable' && /cannot be reached \(ECONNREFUSED\)/.test(e.message),
    );
  });

  for (const [name, status, kind] of [
    ['not an identity provider (404)', 404, 'misconfigured'],
    ['provider failing (503)', 503, 'provider-unavailable'],
  ] as const) {
    test(name, async () => {
      const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end('no'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        await assert.rejects(discover(tenant(`http://127.0.0.1:${port}/`)), (e: unknown) => e instanceof AuthError && e.kind === kind);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }

  test('a configured tenant over plain http is refused (insecure requests only for the development tenant)', async () => {
    await assert.rejects(
      discover({ ...tenant('http://127.0.0.1:9/'), development: false }),
      (e: unknown) => e instanceof AuthError && e.kind === 'misconfigured',
    );
  });
});

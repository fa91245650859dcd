/**
 * The development identity provider against web pages in the user's browser (over real HTTP): a
 * DNS-rebinding page (foreign Host), a cross-site form post, a CORS call to the token endpoint and a
 * form_post response mode are all refused; the extension's own requests still work.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createAuthorization } from '../../src/auth/oidcClient';
import { startDevTenant, type DevTenant } from '../support/authFixture';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(port: number, path: string, headers: Record<string, string>, method = 'GET', body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('development identity provider: Host, Origin, CORS and response modes', () => {
  let t: DevTenant;
  let port: number;
  before(async () => {
    t = await startDevTenant();
    port = t.dev.port;
  });
  after(() => t.dev.close());

  test('answers only its own Host names (a DNS-rebinding page sends its own)', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      assert.equal((await raw(port, '/.well-known/openid-configuration', { host })).status, 200, host);
    }
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      const answer = await raw(port, '/.well-known/openid-configuration', { host });
      assert.equal(answer.status, 403, host);
      assert.match(answer.body, /unexpected Host/);
    }
    const authorize = new URL((await createAuthorization(t.config, t.tenant, 'http://127.0.0.1:1/cb')).url);
    const rebound = await raw(port, authorize.pathname + authorize.search, { host: `rebind.evil.example:${port}` });
    assert.equal(rebound.status, 403, 'the login cannot even start on a rebound name');
  });

  test('with an external base, its host is answered too, and nothing else', async () => {
    t.dev.setExternalBase('http://10.9.9.9:8080/proxy/1234/');
    try {
      assert.equal((await raw(port, '/.well-known/openid-configuration', { host: '10.9.9.9:8080' })).status, 200);
      assert.equal((await raw(port, '/.well-known/openid-configuration', { host: 'evil.example:8080' })).status, 403);
    } finally {
      t.dev.setExternalBase(undefined);
    }
  });

  test('no origin gets CORS on the token endpoint; a cross-site post is refused', async () => {
    const host = `127.0.0.1:${port}`;
    for (const origin of ['http://127.0.0.1', `http://127.0.0.1:${port + 1}`, 'http://evil.example', 'null']) {
      const preflight = await raw(
        port,
        '/oauth/token',
        {
          host,
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
        'OPTIONS',
      );
      const post = await raw(
        port,
        '/oauth/token',
        { host, origin, 'content-type': 'application/x-www-form-urlencoded' },
        'POST',
        'grant_type=authorization_code&code=x',
      );
      for (const [what, answer] of [
        ['preflight', preflight],
        ['post', post],
      ] as const) {
        const allowed = answer.headers['access-control-allow-origin'];
        assert.equal(allowed, undefined, `${what} from ${origin} allowed: ${String(allowed)}`);
        assert.equal(answer.status, 403, `${what} from ${origin}`);
      }
    }
    const foreign = await raw(
      port,
      '/oauth/token',
      { host, origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      'POST',
      'grant_type=refresh_token&refresh_token=x',
    );
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /other sites are refused/);
  });

  test('only the query response mode is offered: form_post and fragment are refused', async () => {
    const host = `127.0.0.1:${port}`;
    for (const mode of ['form_post', 'fragment', 'query.jwt']) {
      const authorize = new URL((await createAuthorization(t.config, t.tenant, 'http://127.0.0.1:1/cb')).url);
      authorize.searchParams.set('response_mode', mode);
      const answer = await raw(port, authorize.pathname + authorize.search, { host });
      assert.ok(!/<form[^>]*method="post"/i.test(answer.body), `${mode}: no auto-posting form`);
      const location = String(answer.headers.location ?? '');
      assert.ok(answer.status >= 400 || /error=/.test(location), `${mode} refused (${answer.status} ${location})`);
      assert.ok(!/\/interaction\//.test(location), `${mode}: no login started`);
    }
    const query = new URL((await createAuthorization(t.config, t.tenant, 'http://127.0.0.1:1/cb')).url);
    const ok = await raw(port, query.pathname + query.search, { host });
    assert.equal(ok.status, 303);
    assert.match(String(ok.headers.location), /\/interaction\//, 'the normal request starts a login');
  });
});

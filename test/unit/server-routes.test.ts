/** The API server over real HTTP: routes, guards, headers, limits. */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { HealthResponse, PingResponse, ServerErrorBody } from '../../protocol';
import { startApiServer } from '../support/apiServer';

/** fetch() cannot set Host or Origin freely; raw node:http can, as an attacker's client would. */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...length, ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('API server routes', () => {
  let server: Awaited<ReturnType<typeof startApiServer>>;
  before(async () => {
    server = await startApiServer();
  });
  after(() => server.close());

  test('health answers, and says whether token verification is configured', async () => {
    const r = await fetch(`${server.base}/api/health`);
    assert.equal(r.status, 200);
    const body = HealthResponse.parse(await r.json());
    assert.equal(body.authConfigured, false);
  });

  test('the public route works signed out and returns the server time', async () => {
    const r = await fetch(`${server.base}/api/ping`);
    assert.equal(r.status, 200);
    const body = PingResponse.parse(await r.json());
    assert.ok(Math.abs(Date.parse(body.serverTime) - Date.now()) < 5000);
  });

  test('security headers on every answer, no x-powered-by, no CORS headers', async () => {
    const r = await fetch(`${server.base}/api/ping`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('x-frame-options'), 'DENY');
    assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(r.headers.get('x-powered-by'), null);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
  });

  test('the public routes answer alike from the fast path (plain GET) and from express (anything else)', async () => {
    for (const path of ['/api/ping', '/api/health']) {
      const before = server.fastAnswers();
      const fast = await rawGet(server.port, path);
      const viaExpress = await rawGet(server.port, `${path}?via=express`);
      assert.equal(server.fastAnswers(), before + 1, 'only the plain GET took the fast path');
      assert.equal(fast.status, 200);
      assert.equal(viaExpress.status, 200);
      const names = (h: Record<string, unknown>) =>
        Object.keys(h)
          .filter((k) => !['date', 'connection', 'keep-alive', 'content-length'].includes(k))
          .sort();
      assert.deepEqual(names(fast.headers), names(viaExpress.headers), path);
      for (const name of names(fast.headers)) assert.equal(fast.headers[name], viaExpress.headers[name], `${path}: ${name}`);
      assert.deepEqual(Object.keys(JSON.parse(fast.body) as object), Object.keys(JSON.parse(viaExpress.body) as object));
    }
    const head = await rawGet(server.port, '/api/ping', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(
      (await rawGet(server.port, '/api/ping?access_token=abc')).status,
      400,
      'a token in the query of a public route is refused too',
    );
    const before = server.fastAnswers();
    assert.equal((await rawGet(server.port, '/api/ping', { host: 'evil.example' })).status, 403);
    assert.equal((await rawGet(server.port, '/api/ping', { origin: 'https://evil.example' })).status, 403);
    assert.equal(server.fastAnswers(), before, 'refusals come from express');
  });

  test('protected routes answer 503 with a clear error when no issuer is configured', async () => {
    const r = await fetch(`${server.base}/api/pong`, { headers: { authorization: 'Bearer x.y.z' } });
    assert.equal(r.status, 503);
    assert.equal(ServerErrorBody.parse(await r.json()).error, 'auth_not_configured');
  });

  test('unknown routes: JSON 404', async () => {
    const r = await fetch(`${server.base}/api/nope`);
    assert.equal(r.status, 404);
    assert.equal(ServerErrorBody.parse(await r.json()).error, 'not_found');
  });

  test('a foreign Host header is refused (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1:1', `localhost.evil.example:${server.port}`]) {
      const r = await rawGet(server.port, '/api/ping', { host });
      assert.equal(r.status, 403, host);
      assert.equal(JSON.parse(r.body).error, 'forbidden_host');
    }
    assert.equal((await rawGet(server.port, '/api/ping', { host: `localhost:${server.port}` })).status, 200);
  });

  test('a request from a web page (Origin or Sec-Fetch-Site) is refused and gets no CORS headers', async () => {
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: `http://127.0.0.1:${server.port}` },
    ];
    for (const headers of attempts) {
      const r = await rawGet(server.port, '/api/ping', headers);
      assert.equal(r.status, 403, JSON.stringify(headers));
      assert.equal(r.headers['access-control-allow-origin'], undefined);
    }
    const preflight = await rawGet(
      server.port,
      '/api/ping',
      { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      'OPTIONS',
    );
    assert.equal(preflight.status, 403);
    const post = await rawGet(server.port, '/api/ping', { origin: 'https://evil.example', 'content-type': 'text/plain' }, 'POST', 'x');
    assert.equal(post.status, 403, 'a simple cross-site POST never reaches a route');
  });

  test('tokens in the query string or a form body are refused', async () => {
    const q = await rawGet(server.port, '/api/pong?access_token=abc');
    assert.equal(q.status, 400);
    const b = await rawGet(server.port, '/api/pong', { 'content-type': 'application/x-www-form-urlencoded' }, 'GET', 'access_token=abc');
    assert.equal(b.status, 400);
  });

  test('oversized and malformed bodies get a JSON 4xx without a stack trace', async () => {
    const big = await rawGet(
      server.port,
      '/api/ping',
      { 'content-type': 'application/json' },
      'POST',
      JSON.stringify({ x: 'y'.repeat(64 * 1024) }),
    );
    assert.equal(big.status, 413);
    assert.doesNotMatch(big.body, /at .*\.js|node_modules/);
    const bad = await rawGet(server.port, '/api/ping', { 'content-type': 'application/json' }, 'POST', '{not json');
    assert.equal(bad.status, 400);
    assert.doesNotMatch(bad.body, /at .*\.js|node_modules|SyntaxError/);
  });
});

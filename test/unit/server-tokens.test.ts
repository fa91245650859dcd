/**
 * Protected routes over real HTTP against a real issuer (discovery + JWKS on loopback): a valid
 * token passes, and every attack in the matrix is refused with the right status and header.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { exportSPKI, generateKeyPair, importJWK, type CryptoKey as KeyObjectOrCryptoKey } from 'jose';
import { MeResponse, PongResponse, ServerErrorBody } from '../../protocol';
import { startApiServer } from '../support/apiServer';
import { startTestIssuer, type TestIssuer } from '../support/testIssuer';

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

describe('protected routes verify Auth0 access tokens', () => {
  let issuer: TestIssuer;
  let server: Awaited<ReturnType<typeof startApiServer>>;
  const now = () => Math.floor(Date.now() / 1000);

  before(async () => {
    issuer = await startTestIssuer();
    server = await startApiServer({ issuerBaseUrl: issuer.issuer, audience: issuer.audience });
  });
  after(async () => {
    await server.close();
    await issuer.close();
  });

  const call = (path: string, authorization?: string) =>
    fetch(`${server.base}${path}`, { headers: authorization ? { authorization } : {} });

  async function expectRejected(token: string, status = 401, code?: string): Promise<void> {
    const r = await call('/api/pong', `Bearer ${token}`);
    assert.equal(r.status, status);
    if (status === 401) assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer\b/);
    const body = ServerErrorBody.parse(await r.json());
    if (code) assert.equal(body.error, code);
    assert.doesNotMatch(JSON.stringify(body), /node_modules|\bat \w+ \(/);
  }

  test('a valid token for the audience with the scope: 200', async () => {
    const r = await call('/api/pong', `Bearer ${await issuer.mint()}`);
    assert.equal(r.status, 200);
    assert.equal(PongResponse.parse(await r.json()).subject, 'auth0|test-user');
  });

  test('/api/me gives subject and scopes, never the token', async () => {
    const token = await issuer.mint();
    const r = await call('/api/me', `Bearer ${token}`);
    const text = await r.text();
    assert.equal(r.status, 200);
    const me = MeResponse.parse(JSON.parse(text));
    assert.deepEqual(me.scopes, ['openid', 'read:pong']);
    assert.ok(!text.includes(token.split('.')[2]!));
  });

  test('a valid token in the query or a form body is refused however its name is encoded', async () => {
    const token = await issuer.mint();
    const names = [
      'access_token',
      '%61ccess_token',
      'access%5Ftoken',
      '%61%63%63%65%73%73%5F%74%6F%6B%65%6E',
      'access_token[]',
      'access_token[0]',
      '%41ccess_token',
      'access_token%20',
    ];
    for (const name of names) {
      const query = await fetch(`${server.base}/api/pong?${name}=${token}`);
      assert.equal(query.status, 400, `query ${name}`);
      const form = await fetch(`${server.base}/api/pong`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `${name}=${token}`,
      });
      assert.equal(form.status, 400, `form ${name}`);
    }
    const json = await fetch(`${server.base}/api/pong`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"\\u0061ccess_token":"${token}"}`,
    });
    assert.equal(json.status, 400, 'json with an escaped name');
    // Also with a header token that works on its own: the query token still makes it a 400.
    const both = await call(`/api/pong?%61ccess_token=${token}`, `Bearer ${token}`);
    assert.equal(both.status, 400);
  });

  test('no token: 401 with WWW-Authenticate: Bearer', async () => {
    const r = await call('/api/pong');
    assert.equal(r.status, 401);
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
  });

  test('alg none: 401', async () => {
    const header = b64url(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    const payload = b64url(
      JSON.stringify({ iss: issuer.issuer, aud: issuer.audience, sub: 'x', scope: 'read:pong', iat: now(), exp: now() + 300 }),
    );
    await expectRejected(`${header}.${payload}.`, 401, 'invalid_token');
  });

  test('HS256 signed with the public key as the secret: 401', async () => {
    const pem = await exportSPKI((await importJWK(issuer.publicJwk, 'RS256')) as KeyObjectOrCryptoKey);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'at+jwt', kid: 'test-key-1' }));
    const payload = b64url(
      JSON.stringify({ iss: issuer.issuer, aud: issuer.audience, sub: 'x', scope: 'read:pong', iat: now(), exp: now() + 300 }),
    );
    const signature = createHmac('sha256', pem).update(`${header}.${payload}`).digest('base64url');
    await expectRejected(`${header}.${payload}.${signature}`, 401, 'invalid_token');
  });

  test('expired: 401', async () => {
    await expectRejected(await issuer.mint({ iat: now() - 600, exp: now() - 60 }), 401, 'invalid_token');
  });

  test('not yet valid (nbf in the future): 401', async () => {
    await expectRejected(await issuer.mint({ nbf: now() + 600 }), 401, 'invalid_token');
  });

  test('wrong issuer: 401', async () => {
    await expectRejected(await issuer.mint({ iss: 'https://evil.example/' }), 401, 'invalid_token');
  });

  test('wrong audience: 401', async () => {
    await expectRejected(await issuer.mint({ aud: 'https://another-api.example' }), 401, 'invalid_token');
  });

  test('unknown kid: 401', async () => {
    await expectRejected(await issuer.mint({}, { kid: 'no-such-key' }), 401);
  });

  test('bad signature (payload tampered after signing): 401', async () => {
    const [h, , s] = (await issuer.mint()).split('.');
    const forged = b64url(
      JSON.stringify({ iss: issuer.issuer, aud: issuer.audience, sub: 'admin', scope: 'read:pong', iat: now(), exp: now() + 300 }),
    );
    await expectRejected(`${h}.${forged}.${s}`, 401, 'invalid_token');
  });

  test("another key under the issuer's kid: 401", async () => {
    const { privateKey } = await generateKeyPair('RS256');
    await expectRejected(await issuer.mint({}, {}, privateKey), 401, 'invalid_token');
  });

  test('an ID token or any non-access token (typ JWT): 401', async () => {
    await expectRejected(await issuer.mint({}, { typ: 'JWT' }), 401, 'invalid_token');
  });

  test("a token from Auth0's default profile (typ JWT): the refusal says to switch the API to RFC 9068, in the app's result and the server log", async () => {
    const token = await issuer.mint({}, { typ: 'JWT' });
    // The server process's stderr is its log (the extension shows it in "API Server Log").
    const logged: string[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    let r: Response;
    try {
      r = await call('/api/pong', `Bearer ${token}`);
    } finally {
      console.error = consoleError;
    }
    const body = ServerErrorBody.parse(await r.json());
    assert.equal(r.status, 401);
    assert.match(body.error_description ?? '', /Unexpected 'typ' value: this server accepts only RFC 9068 access tokens/);
    assert.match(body.error_description ?? '', /docs\/auth0\.md/);
    assert.match(logged.join('\n'), /refused an access token: Unexpected 'typ' value: .*RFC 9068.*docs\/auth0\.md/);
    const { callApi } = await import('../../src/server/apiClient');
    const result = await callApi('pong', { ensureRunning: async () => server.base, getAccessToken: async () => token });
    assert.match(result.error ?? '', /^not authorised \(invalid_token\): Unexpected 'typ' value: .*RFC 9068.*docs\/auth0\.md/);
    assert.ok(!(result.error ?? '').includes(token.split('.')[2]!), 'no token in the message');
  });

  test('missing scope: 403 insufficient_scope', async () => {
    const r = await call('/api/pong', `Bearer ${await issuer.mint({ scope: 'openid profile' })}`);
    assert.equal(r.status, 403);
    assert.match(r.headers.get('www-authenticate') ?? '', /insufficient_scope/);
    assert.equal(ServerErrorBody.parse(await r.json()).error, 'insufficient_scope');
  });

  test('a remembered token still gets its scope checked on every request', async () => {
    const token = await issuer.mint({ scope: 'openid profile' });
    assert.equal((await call('/api/me', `Bearer ${token}`)).status, 200); // verified and remembered
    assert.equal((await call('/api/pong', `Bearer ${token}`)).status, 403);
  });

  test('a remembered token answers alike from the fast path (plain GET) and from express (with a query)', async () => {
    const token = await issuer.mint();
    for (const path of ['/api/pong', '/api/me']) {
      assert.equal((await call(path, `Bearer ${token}`)).status, 200); // remembered from here on
      const before = server.fastAnswers();
      const fast = await call(path, `Bearer ${token}`);
      assert.equal(server.fastAnswers(), before + 1, 'the plain request took the fast path');
      const viaExpress = await call(`${path}?via=express`, `Bearer ${token}`);
      assert.equal(server.fastAnswers(), before + 1, 'the one with a query did not');
      assert.equal(fast.status, 200);
      assert.equal(viaExpress.status, 200);
      const headers = (r: Response) => [...r.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(k));
      assert.deepEqual(headers(fast), headers(viaExpress), path);
      const [a, b] = [(await fast.json()) as Record<string, unknown>, (await viaExpress.json()) as Record<string, unknown>];
      delete a.serverTime;
      delete b.serverTime;
      assert.deepEqual(a, b, path);
    }
    // Without the token, with a token the server has not verified, or without the scope, it does not answer.
    const before = server.fastAnswers();
    assert.equal((await call('/api/pong')).status, 401);
    await expectRejected(`${token}x`, 401, 'invalid_token');
    const unscoped = await issuer.mint({ scope: 'openid' });
    assert.equal((await call('/api/me', `Bearer ${unscoped}`)).status, 200);
    assert.equal((await call('/api/pong', `Bearer ${unscoped}`)).status, 403);
    assert.equal(server.fastAnswers(), before, 'none of these took the fast path');
  });

  test('a remembered token with another signature is verified again, and refused', async () => {
    const token = await issuer.mint();
    assert.equal((await call('/api/pong', `Bearer ${token}`)).status, 200);
    const [h, p, sig] = token.split('.');
    const flipped = sig!.slice(0, -2) + (sig!.endsWith('AA') ? 'BB' : 'AA');
    await expectRejected(`${h}.${p}.${flipped}`, 401, 'invalid_token');
  });

  test('garbage and the DPoP scheme are refused, never 200', async () => {
    for (const authorization of ['Bearer not-a-jwt', 'Basic dXNlcjpwYXNz', `DPoP ${await issuer.mint()}`, 'Bearer a.b.c']) {
      const r = await call('/api/pong', authorization);
      assert.ok(r.status === 400 || r.status === 401, `${authorization.slice(0, 12)} → ${r.status}`);
    }
  });
});

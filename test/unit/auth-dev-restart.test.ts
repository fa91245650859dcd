/**
 * The development identity provider across a restart (a window reload restarts the extension host):
 * with its state file it comes back on the same issuer with the same key and grants, so a session
 * survives; the file holds no usable token.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { runSignIn } from '../../src/auth/signInFlow';
import { refresh } from '../../src/auth/oidcClient';
import { loginOverHttp } from '../support/loginDriver';
import { startDevTenant } from '../support/authFixture';

const httpBrowser = async (url: URL): Promise<void> => {
  const { callbackUrl } = await loginOverHttp(url, url.searchParams.get('redirect_uri') ?? '');
  await fetch(callbackUrl);
};

test('restarted with its state file, the provider keeps its issuer, key and refresh tokens; the file holds no token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dev-idp-'));
  const stateFile = join(dir, 'state.json');
  try {
    const first = await startDevTenant({ stateFile });
    const tokens = await runSignIn({ tenant: first.tenant, config: first.config, openBrowser: httpBrowser });
    await first.dev.close();

    const second = await startDevTenant({ stateFile });
    try {
      assert.equal(second.dev.issuer, first.dev.issuer, 'same port, same issuer');
      const jwks = createRemoteJWKSet(new URL('.well-known/jwks.json', second.dev.issuer));
      await jwtVerify(tokens.accessToken, jwks, { issuer: second.dev.issuer, audience: second.dev.audience });
      const refreshed = await refresh(second.config, tokens);
      assert.ok(refreshed.accessToken && refreshed.refreshToken && refreshed.refreshToken !== tokens.refreshToken);
      const file = readFileSync(stateFile, 'utf8');
      for (const secret of [tokens.refreshToken!, refreshed.refreshToken!, tokens.accessToken, refreshed.accessToken]) {
        assert.ok(!file.includes(secret), 'no token in the state file');
      }
    } finally {
      await second.dev.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

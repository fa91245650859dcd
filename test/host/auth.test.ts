import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SESSIONS_SECRET_KEY } from '../../src/auth/tokenStore';
import { hostProbe, hostTest } from './harness';
import { extensionApi } from './extensionApi';

interface StoredShape {
  sessions: { tenant: string; tokens: { accessToken: string; refreshToken?: string } }[];
}

async function stored(): Promise<StoredShape['sessions']> {
  const api = await extensionApi();
  const raw = await api.testing?.readSecret(SESSIONS_SECRET_KEY);
  return raw ? (JSON.parse(raw) as StoredShape).sessions : [];
}

hostTest('the auth0 provider is registered and nothing is signed in at first', async () => {
  await extensionApi();
  const session = await vscode.authentication.getSession('auth0', [], { silent: true });
  assert.equal(session, undefined);
});

hostProbe('auth.info', async () => (await extensionApi()).auth.sessionInfo());

/** The sessions our provider serves to VS Code (what the Accounts menu and getSession see). */
hostProbe('auth.providerSessions', async () => {
  const sessions = await (await extensionApi()).auth.getProviderSessions();
  return sessions.map((s) => ({ account: s.account.label, scopes: s.scopes, hasToken: s.accessToken.length > 20 }));
});

/** Test-only: the secrets the end-to-end suite looks for elsewhere (DOM, logs, state). */
hostProbe('auth.secrets', async () => {
  const api = await extensionApi();
  // Ask for the access token first: it refreshes an expired one, which rotates the refresh token.
  const accessToken = await api.auth.getAccessToken();
  const sessions = await stored();
  return { accessToken, refreshTokens: sessions.map((s) => s.tokens.refreshToken ?? '') };
});

hostProbe('auth.expire', async () => {
  await (await extensionApi()).auth.expireAccessTokensForTesting();
  return true;
});

/** Try a refresh grant with a given refresh token directly at the provider: does it still work? */
hostProbe('auth.tryRefresh', async (refreshToken) => {
  const api = await extensionApi();
  const issuer = await api.auth.issuer();
  const discovery = (await (
    await fetch(new URL('.well-known/openid-configuration', issuer.endsWith('/') ? issuer : `${issuer}/`))
  ).json()) as { token_endpoint: string };
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: String(refreshToken),
      client_id: 'component-host-development',
    }),
  });
  const body = (await response.json()) as { error?: string };
  return { status: response.status, error: body.error ?? null };
});

hostProbe('auth.signOut', async () => {
  await (await extensionApi()).auth.signOut();
  return true;
});

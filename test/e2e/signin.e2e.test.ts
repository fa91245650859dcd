/**
 * Sign-in end to end: the palette command, the embedded development identity provider's page in the
 * real browser, the callback back into the extension host (through code-server's /proxy route, as in
 * any browser-hosted VS Code), refresh with rotation, sign-out with revocation, cancellation.
 */
import { describe, test } from 'node:test';
import { useTestBed } from '../support/suite';
import { addComponentDemo } from '../support/componentDemo';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { filesUnder } from '../support/files';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitFor } from '../support/processes';

interface Secrets {
  accessToken?: string;
  refreshTokens: string[];
}

describe('sign-in in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed({ prepareWorkspace: addComponentDemo });
  let firstSecrets: Secrets;

  /**
   * Run a command that opens the identity provider's page. VS Code opens same-host links at once and
   * asks first for other sites; either way a new tab appears, as it would for a user.
   */
  async function commandOpeningBrowser(title: string): Promise<Page> {
    const popup = bed().page.context().waitForEvent('page', { timeout: 30_000 });
    await bed().runCommand(title);
    const open = bed().page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
    const page = await Promise.race([popup, open.click({ timeout: 30_000 }).then(() => popup)]);
    await page.waitForLoadState();
    return page;
  }

  test('host: the auth0 provider is registered and nothing is signed in at first', () =>
    bed().host!.runTest('the auth0 provider is registered and nothing is signed in at first'));

  test('Sign In from the palette → the provider page in the browser → signed in', async () => {
    const login = await commandOpeningBrowser('Component Host: Sign In');
    assert.match((await login.textContent('h1')) ?? '', /development sign-in/i);
    await login.click('#continue');
    await login.waitForURL(/\/cb\?/, { timeout: 15_000 });
    assert.match((await login.textContent('body')) ?? '', /You can close this tab/);
    const info = await waitFor('signed in', async () => {
      const i = await bed().host!.probe<{ signedIn: boolean; account?: { email: string }; development: boolean }>('auth.info');
      return i.signedIn ? i : undefined;
    });
    assert.equal(info.account?.email, 'developer@component-host.local');
    assert.equal(info.development, true);
    await login.close();
    await bed().page.locator('.statusbar-item', { hasText: 'development sign-in' }).first().waitFor({ timeout: 10_000 });
  });

  test('the auth0 provider serves the session, and the Accounts menu lists it', async () => {
    const sessions = await bed().host!.probe<{ account: string; hasToken: boolean }[]>('auth.providerSessions');
    assert.equal(sessions.length, 1);
    assert.match(sessions[0]!.account, /Development User \(development sign-in\)/);
    assert.equal(sessions[0]!.hasToken, true);
    await bed().page.locator('.activitybar .action-label.codicon-accounts-view-bar-icon').click();
    await bed()
      .page.locator('.monaco-menu .action-label', { hasText: 'Development User (development sign-in)' })
      .first()
      .waitFor({ timeout: 10_000 });
    await bed().page.keyboard.press('Escape');
    firstSecrets = await bed().host!.probe<Secrets>('auth.secrets');
    assert.ok(firstSecrets.accessToken && firstSecrets.refreshTokens[0]);
  });

  test('signed in, the view shows who (never a token) and the protected route answers 200 through the host', async () => {
    await bed().runCommand('Component Host: Open');
    const view = await bed().webviewFrame();
    // The demo app says who is signed in (the view has no panel of its own any more).
    await view
      .getByTestId('el-key:signInOut')
      .filter({ hasText: 'Sign out | host (current login valid till' })
      .waitFor({ timeout: 10_000 });
    await view.getByText('Development User (developer@component-host.local)').first().waitFor({ timeout: 10_000 });
    await bed().runCommand('Component Host: Call Public API Route');
    await (
      await bed().notifications()
    )
      .locator('.notification-list-item', { hasText: 'GET /api/ping · token: no · 200 OK' })
      .first()
      .waitFor({ timeout: 20_000 });
    await bed().runCommand('Component Host: Call Protected API Route');
    await (
      await bed().notifications()
    )
      .locator('.notification-list-item', { hasText: 'GET /api/pong · token: yes · 200 OK' })
      .first()
      .waitFor({ timeout: 20_000 });
  });

  test('after a forced expiry the access token is refreshed and the refresh token rotated', async () => {
    await bed().host!.probe('auth.expire');
    const next = await bed().host!.probe<Secrets>('auth.secrets');
    assert.ok(next.accessToken && next.accessToken !== firstSecrets.accessToken, 'a new access token');
    assert.ok(next.refreshTokens[0] && next.refreshTokens[0] !== firstSecrets.refreshTokens[0], 'a new refresh token');
    firstSecrets = next;
  });

  test('no token material in the webview, its state, a component frame, the logs or workspace storage', async () => {
    await bed().runCommand('Component Host: Open');
    const view = await bed().webviewFrame();
    await view.getByTestId('app').waitFor();
    // A component frame is on the page too: it must not see a token either.
    await bed().host!.probe('app.select', 'apps/component-demo.js');
    const component = await bed().webviewFrame('#greeting');
    await component.locator('#greeting', { hasText: 'hello from the app' }).waitFor({ timeout: 20_000 });
    const needles = [firstSecrets.accessToken!, ...firstSecrets.refreshTokens].filter(Boolean);
    // (A sandboxed frame has no storage of its own; its document and URL are what it could hold.)
    const componentText = await component.evaluate(() => document.documentElement.outerHTML + location.href);
    for (const needle of needles) assert.ok(!componentText.includes(needle), 'token found in the component frame');
    for (const frame of bed().page.frames()) {
      const html = await frame.content().catch(() => '');
      for (const needle of needles) assert.ok(!html.includes(needle), `token found in frame ${frame.url()}`);
    }
    const state = await view.evaluate(() =>
      JSON.stringify((window as unknown as { __componentHost: { getState(): unknown } }).__componentHost.getState() ?? null),
    );
    for (const needle of needles) assert.ok(!state.includes(needle), 'token found in webview state');
    // Logs and workspace/global state live under code-server's user-data-dir.
    const userDir = join(bed().workspace, '..', 'user');
    const files = filesUnder(userDir).filter((f) => /\.(log|vscdb|json)$/.test(f));
    assert.ok(
      files.some((f) => f.endsWith('.log')),
      'some logs were searched',
    );
    for (const file of files) {
      const text = readFileSync(file).toString('latin1');
      for (const needle of needles) assert.ok(!text.includes(needle), `token found in ${file}`);
    }
  });

  test('Sign Out revokes: the old refresh token no longer works and no session is left', async () => {
    const before = await bed().host!.probe<{ status: number }>('auth.tryRefresh', 'not-a-token');
    assert.equal(before.status, 400, 'a bogus refresh token is refused (the probe itself works)');
    await bed().runCommand('Component Host: Sign Out');
    await waitFor('signed out', async () => ((await bed().host!.probe<{ signedIn: boolean }>('auth.info')).signedIn ? undefined : true));
    const tried = await bed().host!.probe<{ status: number; error: string | null }>('auth.tryRefresh', firstSecrets.refreshTokens[0]);
    assert.equal(tried.status, 400);
    assert.equal(tried.error, 'invalid_grant');
    assert.deepEqual(await bed().host!.probe('auth.providerSessions'), []);
    const left = await bed().host!.probe<Secrets>('auth.secrets');
    assert.deepEqual(left.refreshTokens, []);
    await bed().host!.probe('app.select', 'demo');
    const view = await bed().webviewFrame();
    await view
      .getByTestId('el-key:signInOut')
      .filter({ hasText: /^\s*Sign in \| host\s*$/ })
      .waitFor({ timeout: 10_000 });
    await bed().runCommand('Component Host: Call Protected API Route');
    await (
      await bed().notifications()
    )
      .locator('.notification-list-item', { hasText: /GET \/api\/pong · token: no · 401/ })
      .first()
      .waitFor({ timeout: 20_000 });
  });

  test('a cancelled sign-in leaves clean state', async () => {
    const login = await commandOpeningBrowser('Component Host: Sign In');
    await login.close();
    // Cancel from the progress notification, as a user would.
    const cancel = (await bed().notifications()).locator('.monaco-button', { hasText: 'Cancel' }).first();
    await cancel.click({ timeout: 15_000 });
    await waitFor('progress gone', async () => ((await cancel.isVisible().catch(() => false)) ? undefined : true), 10_000);
    const info = await bed().host!.probe<{ signedIn: boolean }>('auth.info');
    assert.equal(info.signedIn, false);
    assert.deepEqual(await bed().host!.probe('auth.providerSessions'), []);
  });
});

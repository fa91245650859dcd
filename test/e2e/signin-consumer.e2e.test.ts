/**
 * Another extension asks VS Code for the `auth0` session (getSession with createIfNone): VS Code asks
 * the user, our provider serves the session. Runs without the in-host runner, because VS Code
 * refuses modal dialogs while an extension test runs; everything is checked through the UI.
 */
import { describe, test } from 'node:test';
import { useTestBed } from '../support/suite';
import { join } from 'node:path';
import { repoRoot } from '../support/testBed';

describe('other extensions get the session through vscode.authentication', { timeout: 240_000 }, () => {
  const bed = useTestBed({ hostTests: false, extraExtensions: [join(repoRoot, 'test', 'fixtures', 'auth-consumer')] });

  test('a consumer extension asks, the user allows and signs in, the consumer gets a JWT session', async () => {
    const popup = bed().page.context().waitForEvent('page', { timeout: 30_000 });
    await bed().runCommand('Auth Consumer: Get Auth0 Session');
    // VS Code's own consent dialog, naming the consumer and our provider.
    const dialog = bed().page.locator('.monaco-dialog-box', { hasText: 'Auth0 (Component Host)' });
    await dialog.waitFor({ timeout: 15_000 });
    await dialog.locator('.monaco-button', { hasText: 'Allow' }).click();
    const login = await popup;
    await login.waitForLoadState();
    await login.click('#continue');
    await login.waitForURL(/\/cb\?/, { timeout: 15_000 });
    await login.close();
    await (
      await bed().notifications()
    )
      .locator('.notification-list-item', {
        hasText: /Auth consumer got a session for Development User \(development sign-in\); scopes: [^;]*\bread:pong\b[^;]*; JWT: true/,
      })
      .waitFor({ timeout: 15_000 });
  });
});

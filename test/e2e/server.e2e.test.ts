/**
 * The API server as a user meets it in VS Code: the status bar, the palette commands, and a clear
 * error (not a hang) when the configured server never becomes healthy.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { logsMatch } from '../support/files';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

describe('API server in code-server', { timeout: 240_000 }, () => {
  const bed = useTestBed();
  const state = () => bed().host!.probe<{ kind: string; reason?: string }>('server.state');

  test('Start, Stop and Restart from the palette, with the state in the status bar', async () => {
    await bed().runCommand('Component Host: Start API Server');
    await waitFor('running', async () => ((await state()).kind === 'running' ? true : undefined), 20_000);
    await bed().page.locator('.statusbar-item[aria-label*="API"], .statusbar-item:has-text("API")').first().waitFor({ timeout: 10_000 });
    await bed().runCommand('Component Host: Restart API Server');
    await waitFor('running again', async () => ((await state()).kind === 'running' ? true : undefined), 20_000);
    await bed().runCommand('Component Host: Stop API Server');
    await waitFor('stopped', async () => ((await state()).kind === 'stopped' ? true : undefined), 20_000);
  });

  test('the palette calls routes through the host and says what came back (public 200; protected 401 signed out)', async () => {
    await bed().runCommand('Component Host: Call Public API Route');
    await (
      await bed().notifications()
    )
      .locator('.notification-list-item', { hasText: 'GET /api/ping · token: no · 200 OK' })
      .first()
      .waitFor({ timeout: 30_000 });
    await bed().runCommand('Component Host: Call Protected API Route');
    await (
      await bed().notifications()
    )
      .locator('.notification-list-item', { hasText: /GET \/api\/pong · token: no · 401/ })
      .first()
      .waitFor({ timeout: 30_000 });
  });

  test('a configured server that never becomes healthy: a clear error in the view and the log, no hang', async () => {
    await bed().host!.probe('setSetting', ['componentHost.server.url', 'http://127.0.0.1:9']);
    await bed().runCommand('Component Host: Open');
    const view = await bed().webviewFrame();
    // The demo app's own button: the app calls the route through the host and shows what came back.
    await view.getByTestId('el-key:appPublic').click();
    const started = Date.now();
    const result = view.locator('.alert-error', { hasText: 'app: GET /api/ping · token: no · no answer' });
    await result.waitFor({ timeout: 30_000 });
    assert.match(await result.innerText(), /API server unavailable: .*did not become healthy/);
    assert.ok(Date.now() - started < 25_000, 'answered within the health timeout, no hang');
    assert.equal((await state()).kind, 'failed');
    await waitFor(
      'the failure in the extension log',
      () => (logsMatch(bed(), /server: .*did not become healthy/) ? true : undefined),
      10_000,
    );
    await bed().host!.probe('setSetting', ['componentHost.server.url', '']);
  });
});

/**
 * The remote topology (see test/support/topology.ts): the browser cannot reach the extension host's
 * loopback, and the product must work anyway. Skipped visibly where namespaces cannot be made.
 */
import { describe, test } from 'node:test';
import { useTestBed } from '../support/suite';
import { addComponentDemo } from '../support/componentDemo';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { remoteTopologyUnavailable } from '../support/topology';
import { waitFor } from '../support/processes';

const unavailable = remoteTopologyUnavailable();
if (unavailable) console.log(`SKIPPING the remote topology: ${unavailable}`);

describe('remote topology: browser and extension host on different machines', { timeout: 300_000, skip: unavailable ? `remote topology unavailable: ${unavailable}` : false }, () => {
  const bed = useTestBed({ topology: 'remote', prepareWorkspace: addComponentDemo });
  let view: Frame;

  test('the extension host runs on the far side', () => bed().host!.runTest('runs in the remote extension host of a web UI (code-server)'));

  const loopbackRequests: string[] = [];

  test('the view renders and talks to the host', async () => {
    // Every request of the workbench, the webview and its frames, from here on.
    bed().page.on('request', (request) => {
      if (/^[a-z]+:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/)/i.test(request.url())) loopbackRequests.push(request.url());
    });
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('echo-input').locator('input').fill('across the veth');
    await view.getByTestId('echo-button').click();
    await view.getByTestId('echo-reply').filter({ hasText: 'across the veth' }).waitFor({ timeout: 10_000 });
  });

  test('sign-in completes through the forwarded identity provider (the browser cannot reach the host loopback), API calls and the app work', async () => {
    const popup = bed().page.context().waitForEvent('page', { timeout: 30_000 });
    await bed().runCommand('Component Host: Sign In');
    const login = await popup;
    await login.waitForLoadState();
    // The provider's page came through code-server's /proxy route on the veth address…
    assert.ok(login.url().startsWith(`${bed().url}/proxy/`), login.url());
    const idpPort = Number(/\/proxy\/(\d+)\//.exec(login.url())?.[1]);
    // …while the same port on loopback, as seen from the browser, is not the extension host's.
    const direct = await login.evaluate(async (port) => {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/.well-known/openid-configuration`, { mode: 'no-cors' });
        return `reached (${r.type})`;
      } catch {
        return 'unreachable';
      }
    }, idpPort);
    assert.equal(direct, 'unreachable');
    await login.click('#continue');
    await login.waitForURL(/\/cb\?/, { timeout: 15_000 });
    await login.close();
    await waitFor('signed in', async () => ((await bed().host!.probe<{ signedIn: boolean }>('auth.info')).signedIn ? true : undefined));
    // The API server is on the far side's loopback too: calls go through the host.
    view = await bed().webviewFrame();
    await view.getByTestId('call-public').click();
    await view.locator('[data-testid="api-call-ping"][data-status="200"]').waitFor({ timeout: 20_000 });
    await view.getByTestId('call-protected').click();
    await view.locator('[data-testid="api-call-pong"][data-status="200"]').filter({ hasText: 'token: yes' }).waitFor({ timeout: 20_000 });
    // The app host works there as well.
    await bed().host!.probe('app.select', 'gallery');
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: 'Button clicked 1 times' }).waitFor({ timeout: 10_000 });
    await bed().runCommand('Component Host: Sign Out');
    // A component frame loads from the extension host's component server, through /proxy/<port>/.
    await bed().host!.probe('app.select', 'apps/component-demo.js');
    const component = await bed().webviewFrame('#greeting');
    await component.locator('#greeting', { hasText: 'hello from the app' }).waitFor({ timeout: 20_000 });
    assert.ok(component.url().startsWith(`${bed().url}/proxy/`), component.url());
    await component.locator('#click').click();
    await view.getByText('component value: {"clicks":1}').waitFor({ timeout: 10_000 });
    await waitFor('signed out', async () => ((await bed().host!.probe<{ signedIn: boolean }>('auth.info')).signedIn ? undefined : true));
  });

  test("no request from the workbench, the webview or its frames went to the host's loopback", () => {
    assert.deepEqual(loopbackRequests, []);
  });
});

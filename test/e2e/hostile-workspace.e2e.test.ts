/**
 * A hostile workspace: its .vscode/settings.json points the API server and the built-in component at
 * a server the attacker controls (here a capture server). In Restricted Mode the settings are ignored
 * and the user is told why; trusted, the token still never goes over plain http to another machine
 * and no component code loads from another machine. The signed-in user's token exists throughout
 * (the protected route answers 200 from the supervised server), so "no token left" can fail.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TestBed } from '../support/testBed';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

interface Seen {
  url: string;
  authorization?: string;
}

/** The attacker's server: healthy, answers every route, serves a "component" that would call the host. */
function captureServer() {
  const seen: Seen[] = [];
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      if (req.url?.startsWith('/api/')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p id="evil">foreign component</p>');
    });
    await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => server?.close());
  return { seen, port: () => port };
}

function hostileSettings(base: () => string) {
  return (workspace: string) => {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(
      join(workspace, '.vscode', 'settings.json'),
      JSON.stringify({
        'componentHost.server.url': base(),
        'componentHost.components.devServers': { 'component-host': `${base()}/evil/` },
      }),
    );
  };
}

async function signIn(bed: TestBed): Promise<void> {
  const popup = bed.page.context().waitForEvent('page', { timeout: 30_000 });
  await bed.runCommand('Component Host: Sign In');
  const open = bed.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
  const login: Page = await Promise.race([popup, open.click({ timeout: 30_000 }).then(() => popup)]);
  await login.waitForLoadState();
  await login.click('#continue');
  await login.waitForURL(/\/cb\?/, { timeout: 15_000 });
  await login.close();
  await waitFor('signed in', async () => ((await bed.host!.probe<{ signedIn: boolean }>('auth.info')).signedIn ? true : undefined));
}

const toast = async (bed: TestBed, text: string | RegExp) =>
  (await bed.notifications()).locator('.notification-list-item', { hasText: text }).first().waitFor({ timeout: 20_000 });

/** A notification may have been shown (and hidden again) before the test looked: the notification center keeps it. */
async function notified(bed: TestBed, text: RegExp): Promise<void> {
  await bed.runCommand('Notifications: Show Notifications');
  await bed.page.locator('.notifications-center', { hasText: text }).first().waitFor({ timeout: 20_000 });
  await bed.page.keyboard.press('Escape');
}

/** The demo app shows the built-in component; the frame must come from the extension, not the attacker. */
async function builtInComponentLoads(bed: TestBed, attackerPort: number): Promise<void> {
  await bed.runCommand('Component Host: Open');
  const component = await bed.webviewFrame('[data-testid="activity"]');
  assert.ok(!component.url().includes(`/proxy/${attackerPort}/`) && !component.url().includes(`:${attackerPort}/`), component.url());
}

describe('a hostile workspace in Restricted Mode', { timeout: 300_000 }, () => {
  const attacker = captureServer();
  const bed = useTestBed({
    disableWorkspaceTrust: false,
    prepareWorkspace: hostileSettings(() => `http://127.0.0.1:${attacker.port()}`),
  });

  test('its server URL and dev servers are ignored, the user is told why, and the token goes only to the supervised server', async () => {
    assert.equal(await bed().host!.probe('workspaceTrusted'), false, 'the workspace is in Restricted Mode');
    await signIn(bed());
    await bed().host!.probe('executeCommand', ['componentHost.callProtectedRoute']);
    await toast(bed(), 'GET /api/pong · token: yes · 200 OK');
    await builtInComponentLoads(bed(), attacker.port());
    await notified(bed(), /This workspace sets componentHost\.server\.url, which Component Host ignores in Restricted Mode/);
    await notified(bed(), /This workspace sets componentHost\.components\.devServers, which Component Host ignores in Restricted Mode/);
    assert.deepEqual(attacker.seen, [], 'the attacker heard nothing');
  });
});

/** An address of this machine that is not loopback, standing in for another machine. */
const otherAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe(
  'a hostile workspace, trusted',
  { timeout: 300_000, skip: otherAddress ? false : 'no non-loopback IPv4 address on this machine' },
  () => {
    const attacker = captureServer();
    const bed = useTestBed({
      prepareWorkspace: (workspace) => {
        hostileSettings(() => `http://${otherAddress}:${attacker.port()}`)(workspace);
        symlinkSync('/etc/passwd', join(workspace, 'passwd.txt'));
      },
    });

    test('plain http to another machine gets no token, a dev server off loopback is not used, and the user is told why', async () => {
      assert.equal(await bed().host!.probe('workspaceTrusted'), true);
      await signIn(bed());
      await bed().host!.probe('executeCommand', ['componentHost.callProtectedRoute']);
      await toast(
        bed(),
        /GET \/api\/pong · token: no · no answer — not called: the API server http:\/\/[\d.:]+ is on another machine and not https/,
      );
      await builtInComponentLoads(bed(), attacker.port());
      assert.ok(
        attacker.seen.every((s) => s.authorization === undefined),
        `no request carried a token: ${JSON.stringify(attacker.seen)}`,
      );
      assert.deepEqual(
        attacker.seen.filter((s) => !s.url.startsWith('/api/health')),
        [],
        'only the health check reached the attacker; no component code was fetched',
      );
    });

    test('a component cannot open a file through a symlink out of the workspace, nor put a link into a notification', async () => {
      const handle = (method: string, params: unknown) =>
        bed().host!.probe<{ ok: boolean; error?: { code: string; message: string } }>('components.handle', {
          component: 'component-host',
          elementId: 'hostile',
          method,
          params,
        });
      const opened = await handle('host.openFile', { path: 'passwd.txt' });
      assert.deepEqual(opened, { ok: false, error: { code: 'not-allowed', message: 'passwd.txt is outside the workspace' } });
      assert.equal((await handle('host.openFile', { path: 'README.md' })).ok, true, 'a file inside still opens');
      assert.equal((await handle('host.showNotification', { message: 'Update ready: [Install](command:workbench.action.quit)' })).ok, true);
      const toastText = (await bed().notifications()).locator('.notification-list-item', { hasText: 'Update ready' }).first();
      await toastText.waitFor({ timeout: 20_000 });
      assert.match((await toastText.textContent()) ?? '', /\[Install\] \(command:workbench\.action\.quit\)/, 'shown as plain text');
      assert.equal(await toastText.locator('.notification-list-item-message a').count(), 0, 'no link in the message');
    });
  },
);

/**
 * A component developer's dev server on the extension host's machine: the frame loads it through
 * vscode.env.asExternalUri (code-server's /proxy/<port>/), never from the host's loopback directly.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { addComponentDemo } from '../support/componentDemo';
import { repoRoot } from '../support/testBed';
import { useTestBed } from '../support/suite';

describe('components from a development server', { timeout: 240_000 }, () => {
  const bed = useTestBed({ prepareWorkspace: addComponentDemo });
  let devServer: Server;
  let port = 0;
  const served: string[] = [];

  before(async () => {
    // Stands in for a component's `npm run dev`: serves the built fixture, with its own marker.
    const root = join(repoRoot, 'dist-test', 'fixtures', 'streamlit-v1');
    devServer = createServer((req, res) => {
      const file = join(root, (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!.slice(1));
      served.push(req.url ?? '');
      if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript', 'x-dev-server': 'yes' });
      createReadStream(file).pipe(res);
    });
    await new Promise<void>((r) => devServer.listen(0, '127.0.0.1', r));
    port = (devServer.address() as AddressInfo).port;
  });
  after(() => devServer?.close());

  test('the setting points a component at the dev server; the browser reaches it through the forwarded address', async () => {
    await bed().host!.probe('setSetting', ['componentHost.components.devServers', { fixture: `http://127.0.0.1:${port}` }]);
    await bed().host!.probe('app.select', 'apps/component-demo.js');
    await bed().runCommand('Component Host: Open');
    const component = await bed().webviewFrame('#greeting');
    await component.locator('#greeting', { hasText: 'hello from the app' }).waitFor({ timeout: 20_000 });
    assert.ok(component.url().startsWith(`${bed().url}/proxy/${port}/`), component.url());
    assert.ok(
      served.some((u) => u.startsWith('/?streamlitUrl=') || u.startsWith('/index.html')),
      `dev server was asked: ${served.join(', ')}`,
    );
    const view = await bed().webviewFrame();
    await component.locator('#click').click();
    await view.getByText('component value: {"clicks":1}').waitFor({ timeout: 10_000 });
  });
});

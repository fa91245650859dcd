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
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { spawnTracked, waitFor } from '../support/processes';
import { repoRoot } from '../support/testBed';
import { openingBrowser, walkTheDemo } from '../support/demoWalk';
import { loginOverHttp } from '../support/loginDriver';

const unavailable = remoteTopologyUnavailable();
if (unavailable) console.log(`SKIPPING the remote topology: ${unavailable}`);

describe(
  'remote topology: browser and extension host on different machines',
  { timeout: 600_000, skip: unavailable ? `remote topology unavailable: ${unavailable}` : false },
  () => {
    const bed = useTestBed({ topology: 'remote', prepareWorkspace: addComponentDemo });
    let view: Frame;

    test('the extension host runs on the far side', () =>
      bed().host!.runTest('runs in the remote extension host of a web UI (code-server)'));

    const loopbackRequests: string[] = [];

    test('the view renders and talks to the host', async () => {
      // Every request of the workbench, the webview and its frames, from here on.
      bed().page.on('request', (request) => {
        if (/^[a-z]+:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/)/i.test(request.url())) loopbackRequests.push(request.url());
      });
      await bed().runCommand('Component Host: Open');
      view = await bed().webviewFrame();
      // A click across the veth reaches the host, and its rerun comes back.
      await bed().host!.probe('app.select', 'gallery');
      await view.getByTestId('el-key:click').click();
      await view.locator('p', { hasText: 'Button clicked 1 times' }).waitFor({ timeout: 10_000 });
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
      // The demo app's own buttons: the app asks the host, which calls the server and adds the token.
      await bed().host!.probe('app.select', 'demo');
      view = await bed().webviewFrame();
      await view.getByTestId('el-key:appPublic').click();
      await view.locator('.alert-success', { hasText: 'app: GET /api/ping · token: no · 200 OK' }).waitFor({ timeout: 20_000 });
      await view.getByTestId('el-key:appProtected').click();
      await view.locator('.alert-success', { hasText: 'app: GET /api/pong · token: yes · 200 OK' }).waitFor({ timeout: 20_000 });
      // The app host works there as well (its session state was kept while another app ran).
      await bed().host!.probe('app.select', 'gallery');
      await view.getByTestId('el-key:click').click();
      await view.locator('p', { hasText: 'Button clicked 2 times' }).waitFor({ timeout: 10_000 });
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

    test('a Streamlit v2 component (its runtime frame through /proxy/) and our own component (host-delegated API call) work there', async () => {
      await bed().host!.probe('app.select', 'gallery');
      const rating = await bed().webviewFrame('.rating .star');
      assert.ok(rating.url().startsWith(`${bed().url}/proxy/`), rating.url());
      await rating.locator('.star').nth(4).click();
      await waitFor('five stars on', async () => ((await rating.locator('.star.on').count()) === 5 ? true : undefined), 15_000);
      await bed().host!.probe('app.select', 'demo');
      const own = await bed().webviewFrame('[data-testid="call-api"]');
      assert.ok(own.url().startsWith(`${bed().url}/proxy/`), own.url());
      await own.getByTestId('call-api').click();
      await view.getByText('component: GET /api/ping · token: no · 200 OK').waitFor({ timeout: 30_000 });
    });

    test('bad sign-in callbacks: a wrong address, a second arrival, and one after the timeout get clear answers and leave no half-made session', async () => {
      const info = () => bed().host!.probe<{ signedIn: boolean }>('auth.info');
      const sessions = async () => (await bed().host!.probe<unknown[]>('auth.providerSessions')).length;
      assert.equal((await info()).signedIn, false);
      /**
       * Starts a sign-in from the palette, takes the authorization URL the browser was sent to, and logs
       * in over HTTP from here (through code-server's /proxy/, as the browser would) up to the redirect
       * to the callback, which is returned undelivered: the test decides where and when it arrives.
       */
      const callbackWithheld = async () => {
        let authorize: string | undefined;
        const context = bed().page.context();
        const onRequest = (request: { url(): string }) => {
          if (/\/authorize\?/.test(request.url())) authorize ??= request.url();
        };
        context.on('request', onRequest);
        // Forget the provider's single sign-on cookie, so the browser stops at the login page.
        await context.clearCookies();
        const popup = await openingBrowser(bed(), () => bed().runCommand('Component Host: Sign In'));
        const url = new URL(await waitFor('the authorization URL', async () => authorize, 15_000));
        context.off('request', onRequest);
        await popup.close();
        const { callbackUrl } = await loginOverHttp(url, url.searchParams.get('redirect_uri') ?? '');
        return callbackUrl.href;
      };
      const deliver = async (href: string) => (await fetch(href).catch(() => undefined))?.status ?? 0;

      // A wrong address (another path on the callback's port): 404, and the sign-in keeps waiting.
      const callback = await callbackWithheld();
      assert.ok(callback.startsWith(`${bed().url}/proxy/`), callback);
      assert.equal(await deliver(callback.replace('/cb?', '/not-the-callback?')), 404);
      assert.equal((await info()).signedIn, false);
      // The real one completes it…
      assert.equal(await deliver(callback), 200);
      await waitFor('signed in', async () => ((await info()).signedIn ? true : undefined), 15_000);
      // …and the same callback again finds nobody listening: refused, still exactly one session.
      assert.notEqual(await deliver(callback), 200);
      assert.equal(await sessions(), 1);
      await bed().runCommand('Component Host: Sign Out');
      await waitFor('signed out', async () => ((await info()).signedIn ? undefined : true), 15_000);

      // After the timeout: the sign-in reports it timed out, the late callback is refused, no session.
      await bed().host!.probe('setSetting', ['componentHost.auth0.signInTimeoutSeconds', 5]);
      try {
        const late = await callbackWithheld();
        await (
          await bed().notifications()
        )
          .locator('.notification-list-item', { hasText: /timed out/i })
          .first()
          .waitFor({ timeout: 20_000 });
        assert.notEqual(await deliver(late), 200);
        assert.equal((await info()).signedIn, false);
        assert.equal(await sessions(), 0);
      } finally {
        await bed().host!.probe('setSetting', ['componentHost.auth0.signInTimeoutSeconds', 300]);
      }
    });

    test('the demo, walked as a user would, works there too (including a window reload that keeps the sign-in)', async () => {
      await bed().host!.probe('app.select', 'demo');
      await walkTheDemo(bed());
    });

    test("a component's development server on the host's loopback loads through the forwarded address", async () => {
      // Stands in for `npm run dev` on the host's machine: inside its network namespace, on its loopback.
      const root = join(repoRoot, 'dist-test', 'fixtures', 'streamlit-v1');
      const code =
        `const fs=require('fs'),p=require('path'),root=${JSON.stringify(root)};const s=require('http').createServer((q,r)=>{const ` +
        `u=(q.url||'/').split('?')[0];const f=p.join(root,u==='/'?'index.html':u.slice(1));if(!f.startsWith(root)||!fs.existsSync(f))return ` +
        `r.writeHead(404).end();r.writeHead(200,{'content-type':f.endsWith('.html')?'text/html':'text/javascript'});` +
        `fs.createReadStream(f).pipe(r)}).listen(0,'127.0.0.1',()=>console.log(s.address().port))`;
      const dev = spawnTracked(...bed().topology.wrap(process.execPath, ['-e', code]), { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const port = await new Promise<string>((resolve) => createInterface({ input: dev.stdout! }).once('line', resolve));
        await bed().host!.probe('setSetting', ['componentHost.components.devServers', { fixture: `http://127.0.0.1:${port}` }]);
        await bed().host!.probe('app.select', 'apps/component-demo.js');
        const component = await waitFor(
          'the dev-server frame',
          async () => {
            for (const frame of bed().page.frames()) {
              if (frame.url().startsWith(`${bed().url}/proxy/${port}/`) && (await frame.$('#greeting').catch(() => null))) return frame;
            }
            return undefined;
          },
          30_000,
        );
        await component.locator('#greeting', { hasText: 'hello from the app' }).waitFor({ timeout: 20_000 });
        view = await bed().webviewFrame();
        await component.locator('#click').click();
        await view.getByText(/component value: \{"clicks":\d+\}/).waitFor({ timeout: 10_000 });
      } finally {
        await bed().host!.probe('setSetting', ['componentHost.components.devServers', {}]);
        dev.kill();
      }
    });

    test("no request from the workbench, the webview or its frames went to the host's loopback", () => {
      assert.deepEqual(loopbackRequests, []);
    });
  },
);

/**
 * Webviews on a site of their own, as vscode.dev (https://<hash>.vscode-cdn.net) and desktop VS Code
 * (vscode-webview://) serve them, not on the workbench's origin as code-server does: the view runs in
 * a renderer process of its own, its service worker is a third party's, and component frames nest in
 * a cross-site webview. See test/support/webviewSite.ts.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { useTestBed } from '../support/suite';
import { addComponentDemo } from '../support/componentDemo';
import { waitFor } from '../support/processes';

describe('webviews on a site of their own (as vscode.dev and desktop VS Code)', { timeout: 300_000 }, () => {
  const bed = useTestBed({ webviewsOnOwnSite: true, prepareWorkspace: addComponentDemo });

  test('the view loads from its own site, in a process of its own, and a click reruns the app', async () => {
    await bed().runCommand('Component Host: Open');
    const view = await bed().webviewFrame();
    assert.match(new URL(view.url()).hostname, /^[0-9a-v]{52}\.vscode-cdn\.net$/);
    // An out-of-process frame is a target of its own in Chromium.
    const cdp = await bed().page.context().newCDPSession(bed().page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    await cdp.detach();
    assert.ok(
      targetInfos.some((t) => t.type === 'iframe' && t.url.includes('.vscode-cdn.net/')),
      targetInfos.map((t) => `${t.type} ${t.url}`).join('\n'),
    );
    await bed().host!.probe('app.select', 'gallery');
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: 'Button clicked 1 times' }).waitFor({ timeout: 10_000 });
  });

  test('a Streamlit v2 component and a v1 component frame nest in the cross-site view and talk to the app', async () => {
    const rating = await bed().webviewFrame('.rating .star');
    await rating.locator('.star').nth(3).click();
    await waitFor('four stars on', async () => ((await rating.locator('.star.on').count()) === 4 ? true : undefined), 15_000);
    await bed().host!.probe('app.select', 'apps/component-demo.js');
    const component = await bed().webviewFrame('#greeting');
    await component.locator('#greeting', { hasText: 'hello from the app' }).waitFor({ timeout: 20_000 });
    await component.locator('#click').click();
    const view = await bed().webviewFrame();
    await view.getByText('component value: {"clicks":1}').waitFor({ timeout: 10_000 });
  });
});

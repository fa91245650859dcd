/**
 * Components, end to end: an unmodified streamlit-component-lib component in a sandboxed frame gets
 * the app's args (with its key and default) and VS Code's theme (Streamlit 1.64's 18 keys), sends
 * values that rerun the app, sizes its frame, and is re-rendered (not reloaded) when args change.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { join } from 'node:path';
import { addComponentDemo } from '../support/componentDemo';
import { repoRoot } from '../support/testBed';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

/** The theme keys the real Streamlit 1.64 sends a v1 component (seen there, side by side). */
const STREAMLIT_164_THEME_KEYS = [
  'base',
  'primaryColor',
  'backgroundColor',
  'secondaryBackgroundColor',
  'textColor',
  'font',
  'bodyFont',
  'fadedText05',
  'fadedText10',
  'fadedText20',
  'fadedText40',
  'fadedText60',
  'bgMix',
  'darkenedBgMix100',
  'darkenedBgMix40',
  'darkenedBgMix25',
  'darkenedBgMix15',
  'lightenedBg05',
];

describe('Streamlit v1 components in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed({ prepareWorkspace: addComponentDemo });
  let view: Frame;
  let component: Frame;

  test('the unmodified fixture renders with the args the app gave', async () => {
    await bed().host!.probe('app.select', 'apps/component-demo.js');
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByText('component value: {"clicks":0}').waitFor({ timeout: 20_000 });
    component = await bed().webviewFrame('#greeting');
    await component.locator('#greeting', { hasText: 'hello from the app' }).waitFor({ timeout: 15_000 });
  });

  test("its args carry the component's key and default, as Streamlit's do", async () => {
    const args = JSON.parse((await component.locator('#args').textContent()) ?? 'null') as Record<string, unknown>;
    assert.deepEqual(args, { greeting: 'hello from the app', default: { clicks: 0 }, key: 'fx' });
  });

  test('the frame is sandboxed: an opaque origin, no access to the webview', async () => {
    const sandbox = await view.locator('iframe.component-frame').getAttribute('sandbox');
    assert.ok(sandbox && !sandbox.includes('allow-same-origin'), sandbox ?? '');
    const probe = await component.evaluate(() => {
      let parentDom = 'blocked';
      try {
        parentDom = String(window.parent.document.title);
      } catch {
        // cross-origin: expected
      }
      return { origin: window.origin, parentDom, vscodeApi: typeof (window as unknown as { acquireVsCodeApi?: unknown }).acquireVsCodeApi };
    });
    assert.deepEqual(probe, { origin: 'null', parentDom: 'blocked', vscodeApi: 'undefined' });
  });

  test('its theme matches VS Code, and its height is applied', async () => {
    const theme = JSON.parse((await component.locator('#theme').textContent()) ?? 'null') as {
      base: string;
      primaryColor: string;
      textColor: string;
    };
    const vscode = await view.evaluate(() => ({
      primary: getComputedStyle(document.body).getPropertyValue('--vscode-button-background').trim(),
      text: getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim(),
      dark: document.body.classList.contains('vscode-dark'),
    }));
    assert.equal(theme.primaryColor, vscode.primary);
    assert.equal(theme.textColor, vscode.text);
    assert.equal(theme.base, vscode.dark ? 'dark' : 'light');
    // Streamlit 1.64's 18 keys, every one a non-empty string.
    assert.deepEqual(Object.keys(theme).sort(), [...STREAMLIT_164_THEME_KEYS].sort());
    for (const [key, value] of Object.entries(theme)) assert.ok(typeof value === 'string' && value.length > 0, `${key}: ${String(value)}`);
    const full = theme as unknown as Record<string, string>;
    assert.equal(full.bodyFont, full.font);
    assert.match(full.fadedText60!, /^rgba\(/, 'faded text is the text colour, transparent');
    await waitFor('frame height 180', async () =>
      (await view.locator('iframe.component-frame').getAttribute('height')) === '180' ? true : undefined,
    );
  });

  test('a value from the component reaches the app and reruns it', async () => {
    await component.locator('#click').click();
    await view.getByText('component value: {"clicks":1}').waitFor({ timeout: 10_000 });
    await component.locator('#click').click();
    await view.getByText('component value: {"clicks":2}').waitFor({ timeout: 10_000 });
  });

  test('new args re-render the component without reloading its frame', async () => {
    const loadedAt = await component.evaluate(() => (window as unknown as { loadedAt: number }).loadedAt);
    const input = view.getByTestId('el-key:greeting').locator('input');
    await input.fill('changed args');
    await input.press('Enter');
    await component.locator('#greeting', { hasText: 'changed args' }).waitFor({ timeout: 10_000 });
    assert.equal(await component.evaluate(() => (window as unknown as { loadedAt: number }).loadedAt), loadedAt, 'same document');
  });

  test('a theme switch is re-sent to the component; screenshots of the view in light and dark', async () => {
    const faded = new Set<string>();
    for (const [theme, base, file] of [
      ['Default Dark Modern', 'dark', 'view-dark.png'],
      ['Default Light Modern', 'light', 'view-light.png'],
    ] as const) {
      await bed().host!.probe('setSetting', ['workbench.colorTheme', theme]);
      await waitFor(
        `component theme ${base}`,
        async () => {
          const sent = JSON.parse((await component.locator('#theme').textContent()) ?? 'null') as { base?: string } | null;
          return sent?.base === base ? true : undefined;
        },
        15_000,
      );
      const primary = await view.evaluate(() => getComputedStyle(document.body).getPropertyValue('--vscode-button-background').trim());
      const sent = JSON.parse((await component.locator('#theme').textContent()) ?? 'null') as { primaryColor: string; fadedText60: string };
      assert.equal(sent.primaryColor, primary);
      faded.add(sent.fadedText60);
      await bed().page.waitForTimeout(300);
      await bed().screenshotOf('.part.sidebar', join(repoRoot, 'docs', 'images', file));
    }
    assert.equal(faded.size, 2, 'the derived colours follow the theme');
  });

  test('hostile messages from the frame are refused and counted; the view keeps working', async () => {
    const before = await view.evaluate(() => ({ ...(window as unknown as { __componentStats: Record<string, number> }).__componentStats }));
    await component.evaluate(() => {
      for (let i = 0; i < 1000; i++) {
        window.parent.postMessage(
          i % 2 ? { isStreamlitMessage: true, type: 'streamlit:setFrameHeight', height: -5 } : { type: 'ready', protocolVersion: 1 },
          '*',
        );
      }
    });
    await waitFor('invalid counted', async () => {
      const after = await view.evaluate(() => (window as unknown as { __componentStats: Record<string, number> }).__componentStats);
      return after.invalid! - before.invalid! >= 1000 ? true : undefined;
    });
    await component.locator('#click').click();
    await view.getByText('component value: {"clicks":3}').waitFor({ timeout: 10_000 });
  });
});

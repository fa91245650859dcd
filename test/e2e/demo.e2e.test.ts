/**
 * The whole demo, walked as a user would, from the installed .vsix (the package a user gets), in
 * code-server + Chromium: see test/support/demoWalk.ts for the steps.
 */
import { describe, test } from 'node:test';
import { join } from 'node:path';
import { repoRoot } from '../support/testBed';
import { useInstalledVsix } from '../support/suite';
import { walkTheDemo } from '../support/demoWalk';
import { waitFor } from '../support/processes';
import { extensionLog } from '../support/files';

describe('the demo, from the installed .vsix', { timeout: 400_000 }, () => {
  const installed = useInstalledVsix();

  test('open, locked, sign in, unlocked, protected 200, events in order, slider kept across a reload, sign out, 401', async () => {
    const bed = installed();
    try {
      await walkTheDemo(bed, {
        // The README's screenshots: the signed-in demo with the component's events, dark and light.
        onStep: async (name, view) => {
          if (name !== 'events') return;
          for (const [theme, file] of [
            ['Light Modern', 'demo-light.png'],
            ['Dark Modern', 'demo-dark.png'],
          ] as const) {
            await bed.pickColorTheme(theme);
            await waitFor(
              `the view in ${theme}`,
              async () =>
                (await view.evaluate(() => document.body.classList.contains('vscode-light'))) === theme.includes('Light')
                  ? true
                  : undefined,
              20_000,
            );
            await bed.page.locator('.part.editor').click(); // focus away from the status bar: no hover in the picture
            await bed.page.waitForTimeout(1000);
            await bed.screenshotOf('.part.sidebar', join(repoRoot, 'docs', 'images', file));
          }
        },
      });
    } catch (err) {
      console.log(`extension log:\n${extensionLog(bed).slice(-4000)}`);
      throw err;
    }
  });
});

/**
 * The newcomer's path, as the README tells it: `npm start`, open the last URL it prints, answer the
 * trust dialog, click the Component Host icon. Everything the test starts, it stops.
 */
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { Browser, Frame, Page } from 'playwright-core';
import { freePort, spawnTracked, stopTracked, waitFor } from '../support/processes';
import { launchChromium, repoRoot } from '../support/testBed';

describe('npm start, as the README says', { timeout: 300_000 }, () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'component-host-start-'));
  let start: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let port: number;
  let output = '';

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (start) await stopTracked(start);
    rmSync(stateDir, { recursive: true, force: true });
  });

  test('it prints one URL worth opening, last, and none of the first-start noise', async () => {
    port = await freePort();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    start = spawnTracked(npm, ['start'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), COMPONENT_HOST_START_DIR: stateDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    start.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(
      'npm start to print its URL',
      () => {
        if (start?.exitCode !== null) throw new Error(`npm start exited (${start?.exitCode}):\n${output}`);
        return /Open this URL[\s\S]*http:\/\/\S+\s*$/.test(output) ? true : undefined;
      },
      180_000,
      200,
    );
    // Anything code-server prints later must not end up on the console either.
    await new Promise((r) => setTimeout(r, 3000));
    const urls = output.match(/https?:\/\/\S+/g) ?? [];
    assert.equal(urls.length, 1, `one URL only, got:\n${urls.join('\n')}`);
    assert.match(urls[0]!, new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?folder=.*&payload=`));
    assert.doesNotMatch(output, /HTTP server listening|unsafe-perm|allowScripts|npm warn/i);
  });

  test('the last URL opens the workbench; after the trust answer the README names, the extension shows its view', async () => {
    const urls = output.match(/https?:\/\/\S+/g) ?? [];
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(urls.at(-1)!);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Yes, I trust the authors' }).click({ timeout: 60_000 });
    const icon = page.locator('.activitybar .action-label[aria-label^="Component Host"]');
    await icon.click({ timeout: 60_000 });
    const view = await waitFor<Frame>(
      'the Component Host view',
      async () => {
        for (const frame of page.frames()) {
          if (!frame.isDetached() && (await frame.$('#root[data-nonce]').catch(() => null))) return frame;
        }
        return undefined;
      },
      60_000,
      200,
    );
    await view.locator('h1', { hasText: 'Component Host demo' }).waitFor({ timeout: 30_000 });
  });

  test('the sample workspace raises no "git repository in the parent folders" prompt', async () => {
    // The sample lives inside this repository; once trusted, the git extension would ask within seconds.
    await new Promise((r) => setTimeout(r, 8000));
    const toasts = (await page.locator('.notifications-toasts').allInnerTexts()).join('\n');
    assert.doesNotMatch(toasts, /repositor(y was|ies were) found in the parent folders/i);
  });

  test('Ctrl-C stops everything it started', async () => {
    await browser?.close();
    browser = undefined;
    // A terminal's Ctrl-C signals the whole foreground process group.
    process.kill(-start!.pid!, 'SIGINT');
    await waitFor('npm start to exit', () => (start!.exitCode !== null || start!.signalCode !== null ? true : undefined), 15_000);
    await waitFor(
      'code-server to be gone',
      async () =>
        (await fetch(`http://127.0.0.1:${port}/healthz`).then(
          () => true,
          () => false,
        ))
          ? undefined
          : true,
      15_000,
    );
  });
});

/**
 * Foundation, end to end: the extension in a real VS Code (code-server), a real Chromium clicking.
 */
import { describe, test } from 'node:test';
import { useTestBed } from '../support/suite';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { waitFor } from '../support/processes';

describe('foundation in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed();
  let view: Frame;

  test('host: in-host tests pass', async (t) => {
    const { tests } = await bed().host!.list();
    assert.ok(tests.length > 0, 'in-host tests were bundled');
    for (const name of tests.filter((n) => !n.includes('['))) {
      await t.test(`host: ${name}`, () => bed().host!.runTest(name));
    }
  });

  test('activation is fast, and its time is reported', async () => {
    const { activationMs } = await bed().host!.probe<{ activationMs: number }>('activation');
    console.log(`activate() took ${activationMs.toFixed(1)} ms`);
    assert.ok(activationMs < 500, `activate() took ${activationMs} ms`);
  });

  test('the view opens from the command palette', async () => {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app').waitFor();
    assert.equal(await view.getByTestId('app').getAttribute('data-ui-kind'), 'web');
  });

  test('the view is the app alone: no panel of ours under it, no echo box, no host line', async () => {
    await view.locator('h1', { hasText: 'Component Host demo' }).waitFor({ timeout: 20_000 });
    const text = await view.getByTestId('app').innerText();
    assert.doesNotMatch(text, /Send to host|hello from the webview|Host v\d|web UI|Signed in as|Checking sign-in/);
    for (const id of ['echo-input', 'echo-button', 'session', 'sign-in', 'sign-out', 'call-public', 'call-protected', 'host-info']) {
      assert.equal(await view.getByTestId(id).count(), 0, `no ${id} in the view`);
    }
  });

  test('the webview has a strict CSP with a nonce', async () => {
    const csp = await view.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]+'/);
    assert.match(csp, /connect-src 'none'/);
    // VS Code injects its own `acquireVsCodeApi` script; every script of ours must carry the nonce.
    const scripts = await view
      .locator('script:not(#_vscodeApiScript)')
      .evaluateAll((els) => els.map((e) => ({ nonce: (e as HTMLScriptElement).nonce, src: (e as HTMLScriptElement).src })));
    assert.ok(scripts.length > 0 && scripts.every((s) => s.nonce.length > 0), 'every script carries the nonce');
  });

  test('the host sends a message and the webview renders it', async () => {
    await bed().host!.probe('notify', 'hello from the host');
    await view.getByTestId('notice').filter({ hasText: 'hello from the host' }).waitFor({ timeout: 10_000 });
  });

  test('a click in the webview reaches the host and the reply is rendered', async () => {
    await bed().host!.probe('app.select', 'gallery');
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: 'Button clicked 1 times' }).waitFor({ timeout: 10_000 });
  });

  test('a malformed or unknown message gets a typed error reply and the view keeps working', async () => {
    const before = (await bed().host!.probe<{ rejected: number }>('viewState')).rejected;
    await view.evaluate(() => {
      const channel = (window as unknown as { __componentHost: { sendRaw(m: unknown): void } }).__componentHost;
      channel.sendRaw({ type: 'no-such-type' });
    });
    await view.getByTestId('last-error').filter({ hasText: 'unknown-type' }).waitFor({ timeout: 10_000 });
    await view.evaluate(() => {
      const channel = (window as unknown as { __componentHost: { sendRaw(m: unknown): void } }).__componentHost;
      channel.sendRaw({ type: 'request', id: 'x', method: 42 });
    });
    await view.getByTestId('last-error').filter({ hasText: 'invalid-message' }).waitFor({ timeout: 10_000 });
    const after = (await bed().host!.probe<{ rejected: number }>('viewState')).rejected;
    assert.equal(after - before, 2);
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: 'Button clicked 2 times' }).waitFor({ timeout: 10_000 });
    await view.evaluate(() => {
      const channel = (window as unknown as { __componentHost: { patchState(p: Record<string, unknown>): void } }).__componentHost;
      channel.patchState({ probe: 'still alive' });
    });
  });

  test('messages sent while the view is hidden are queued, and the view survives hide/show', async () => {
    await bed().host!.probe('executeCommand', ['workbench.view.explorer']);
    await waitFor('view hidden', async () => ((await bed().host!.probe<{ visible: boolean }>('viewState')).visible ? undefined : true));
    await bed().host!.probe('notify', 'sent while hidden');
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('notice').filter({ hasText: 'sent while hidden' }).waitFor({ timeout: 10_000 });
    // webview state (getState/setState) survives too, and so does the app's session state
    const state = await view.evaluate(() =>
      (window as unknown as { __componentHost: { getState(): { probe?: string } } }).__componentHost.getState(),
    );
    assert.equal(state?.probe, 'still alive');
    await view.locator('p', { hasText: 'Button clicked 2 times' }).waitFor({ timeout: 10_000 });
  });
});

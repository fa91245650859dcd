/**
 * The project's own component, end to end in code-server: the notifier (allow-listed events, an
 * unknown one refused by name), host-backed storage (across a window reload, cleared by the
 * command), host API calls (session info, an API route, a file, a notification), typed errors for
 * hostile messages, and the view still working afterwards.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

const APP = `module.exports = (st) => {
  const title = st.textInput('Title', { value: 'Hello component', key: 'title' });
  const value = st.component('component-host', { title, file: 'notes.md' }, { key: 'own', default: null });
  st.text('own value: ' + JSON.stringify(value));
};
`;

function prepare(workspace: string): void {
  mkdirSync(join(workspace, 'apps'), { recursive: true });
  writeFileSync(join(workspace, 'apps', 'own-component.js'), APP);
  writeFileSync(join(workspace, 'notes.md'), '# Notes\n');
}

describe('Component Host component in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed({ prepareWorkspace: prepare });
  let view: Frame;
  let component: Frame;
  const activity = (text: string) =>
    component.getByTestId('activity').getByText(text, { exact: false }).first().waitFor({ timeout: 30_000 });

  async function open(): Promise<void> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    component = await bed().webviewFrame('[data-testid="activity"]');
  }

  test('host: component API probes', () =>
    bed().host!.runTest('component API: an unknown notifier event is refused by name; storage round-trips through the host store'));

  test('renders with the app args; its value reaches the app and reruns it', async () => {
    await bed().host!.probe('app.select', 'apps/own-component.js');
    await open();
    await component.getByTestId('title').getByText('Hello component').waitFor({ timeout: 20_000 });
    await view.getByText('own value: null').waitFor({ timeout: 10_000 });
    await component.getByTestId('send-value').click();
    await view.getByText('own value: {"clicks":1}').waitFor({ timeout: 10_000 });
  });

  test('notifier: allowed events are accepted, an unknown one gets "event X is not allowed"', async () => {
    const before = (await bed().host!.probe('components.stats')) as { handled: number; refused: number };
    await component.getByTestId('notify-status').click();
    await activity('status: {"accepted":true}');
    await component.getByTestId('notify-report').click();
    await activity('report: {"accepted":true}');
    await component.getByTestId('notify-unknown').click();
    await activity('unknown: not-allowed: event selfDestruct is not allowed');
    const after = (await bed().host!.probe('components.stats')) as { handled: number; refused: number };
    assert.ok(after.handled >= before.handled + 2 && after.refused >= before.refused + 1, JSON.stringify({ before, after }));
  });

  test('host APIs: session info without a token, an API route through the host, a file, a notification', async () => {
    await component.getByTestId('session-info').click();
    await activity('session: {"signedIn":false');
    const text = (await component.getByTestId('activity').textContent()) ?? '';
    assert.ok(!/token/i.test(text), text);
    await component.getByTestId('call-api').click();
    await activity('api ping: {"status":200,"usedToken":false}');
    await component.getByTestId('open-file').click();
    await activity('open: {"opened":"notes.md"}');
    await bed().page.locator('.tab', { hasText: 'notes.md' }).first().waitFor({ timeout: 10_000 });
    await component.getByTestId('notification').click();
    await activity('notification: {"shown":true}');
    await (
      await bed().notifications()
    )
      .locator('.notification-list-item', { hasText: 'hello from the component' })
      .first()
      .waitFor({ timeout: 10_000 });
  });

  test('storage survives a window reload and is cleared by the command', async () => {
    await component.getByTestId('note').fill('kept across reloads');
    await component.getByTestId('save-note').click();
    await activity('storage.set note: {"bytesUsed"');
    assert.deepEqual(await bed().host!.probe('components.storage', 'component-host'), { keys: ['note'] });
    await bed().reload();
    await open();
    await waitFor(
      'restored note',
      async () => ((await component.getByTestId('note').inputValue()) === 'kept across reloads' ? true : undefined),
      30_000,
    );
    assert.deepEqual(await bed().host!.probe('components.storage', 'component-host'), { keys: ['note'] });
    assert.equal(await bed().host!.probe('components.clear'), 1);
    assert.deepEqual(await bed().host!.probe('components.storage', 'component-host'), { keys: [] });
  });

  test('hostile messages: from the component each answered with a typed error, from a foreign source ignored; the view still works', async () => {
    const answers = await component.evaluate(async () => {
      const replies: unknown[] = [];
      // (No named function here: the test's compiler would wrap it in a helper the page lacks.)
      window.addEventListener('message', (e: MessageEvent) => void (e.source === window.parent && replies.push(e.data)));
      const junk: unknown[] = [
        null,
        7,
        'x',
        [],
        {},
        { isStreamlitMessage: true, type: 'streamlit:setFrameHeight', height: 'tall' },
        { isComponentHostMessage: true, type: 'componentHost:request', id: 77, method: 'storage.set' },
      ];
      for (let i = 0; i < 700; i++) window.parent.postMessage(junk[i % junk.length], '*');
      for (let i = 0; i < 100; i++) {
        window.parent.postMessage(
          { isComponentHostMessage: true, type: 'componentHost:request', id: 1000 + i, method: 'host.exec', params: {} },
          '*',
        );
      }
      await new Promise((r) => setTimeout(r, 3000));
      return replies as Array<{ type: string; id?: number; ok?: boolean; error?: { code: string } }>;
    });
    const errors = answers.filter((a) => a.type === 'componentHost:error');
    const refused = answers.filter((a) => a.type === 'componentHost:response' && a.ok === false);
    assert.equal(errors.length, 600, `typed errors for the 600 anonymous invalid messages (got ${errors.length})`);
    assert.equal(refused.filter((a) => a.id === 77 && a.error?.code === 'invalid-message').length, 100);
    assert.equal(refused.filter((a) => (a.id ?? 0) >= 1000 && a.error?.code === 'unknown-method').length, 100);
    // 50 000 more from the component, 50 000 from a foreign source (the webview window itself, not
    // our frame) shaped like valid component messages: the first all answered, the second ignored.
    type Stats = { ignored: number; invalid: number; accepted: number };
    const stats = () => view.evaluate(() => ({ ...(window as unknown as { __componentStats: Stats }).__componentStats }));
    const before = await stats();
    const bulk = await component.evaluate(async () => {
      let answered = 0;
      window.addEventListener(
        'message',
        (e: MessageEvent) =>
          void (e.source === window.parent && (e.data as { type?: string })?.type === 'componentHost:error' && answered++),
      );
      for (let i = 0; i < 50_000; i++) {
        window.parent.postMessage(
          i % 3 ? { isStreamlitMessage: true, type: 'streamlit:setComponentValue', value: 1, dataType: 'evil' } : { junk: i },
          '*',
        );
      }
      // Correctness, not speed (the benchmark measures that): a loaded machine gets a minute.
      for (let t = 0; t < 600 && answered < 50_000; t++) await new Promise((r) => setTimeout(r, 100));
      return answered;
    });
    assert.equal(bulk, 50_000, 'each invalid message from the component is answered with a typed error');
    await bed().page.waitForTimeout(500); // let the component's own (valid) height updates settle
    const mid = await stats();
    assert.equal(mid.invalid - before.invalid, 50_000);
    await view.evaluate(() => {
      for (let i = 0; i < 50_000; i++) {
        window.postMessage(
          i % 2
            ? { isStreamlitMessage: true, type: 'streamlit:setComponentValue', value: { forged: i }, dataType: 'json' }
            : {
                isComponentHostMessage: true,
                type: 'componentHost:request',
                id: i,
                method: 'storage.set',
                params: { key: 'forged', value: i },
              },
          '*',
        );
      }
    });
    await bed().page.waitForTimeout(1000);
    const after = await stats();
    assert.deepEqual(
      { invalid: after.invalid, accepted: after.accepted },
      { invalid: mid.invalid, accepted: mid.accepted },
      'the foreign source was neither handled nor answered',
    );
    assert.equal(after.ignored - mid.ignored, 50_000, 'each foreign message counted as ignored');
    assert.deepEqual(await bed().host!.probe('components.storage', 'component-host'), { keys: [] }, 'no forged storage write');
    assert.equal(await view.getByText('forged').count(), 0, 'no forged value reached the app');
    const input = view.getByTestId('el-key:title').locator('input');
    await input.fill('still working');
    await input.press('Enter');
    await component.getByTestId('title').getByText('still working').waitFor({ timeout: 10_000 });
    await component.getByTestId('notify-action').click();
    await activity('action: {"accepted":true}');
  });

  test('hidden and shown again, the view restores the component with its last args and value', async () => {
    const value = await view.getByText(/^own value: /).textContent();
    await bed().runCommand('View: Show Explorer');
    await waitFor(
      'the component frame to go',
      async () =>
        bed()
          .page.frames()
          .some((f) => f === component)
          ? undefined
          : true,
      15_000,
    );
    await open();
    await component.getByTestId('title').getByText('still working').waitFor({ timeout: 20_000 });
    assert.equal(await view.getByText(/^own value: /).textContent(), value);
    // A bare round trip through the restored frame (what the benchmark measures).
    const pong = await component.evaluate(() =>
      (window as unknown as { __componentClient: { ping(): Promise<{ hostAt: number }> } }).__componentClient.ping(),
    );
    assert.ok(pong.hostAt > 0);
  });
});

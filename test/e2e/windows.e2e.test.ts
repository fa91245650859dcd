/**
 * Two browser tabs on one workspace, a tab closed and the other reloaded, a reload in the middle of a
 * 10 000-event burst: whatever the windows and their storage folders remember, every click reaches
 * the app, nothing is applied twice, and the view never goes dead (docs/architecture.md, "Windows").
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';
import type { TestBed } from '../support/testBed';

const clicks = async (view: Frame): Promise<number> => {
  const text = await view
    .locator('p', { hasText: /Button clicked \d+ times/ })
    .first()
    .textContent({ timeout: 20_000 });
  return Number(/clicked (\d+) times/.exec(text ?? '')?.[1] ?? NaN);
};

async function openView(bed: TestBed, page: Page): Promise<Frame> {
  await bed.runCommand('Component Host: Open', 45_000, page);
  const view = await bed.webviewFrame('#root[data-nonce]', 30_000, page);
  await view.getByTestId('el-key:click').waitFor({ timeout: 30_000 });
  return view;
}

/** Click and see the count grow by one in this tab: the click reached this tab's app and came back. */
async function clickOnce(view: Frame): Promise<number> {
  const before = await clicks(view);
  await view.getByTestId('el-key:click').click();
  await view.locator('p', { hasText: `Button clicked ${before + 1} times` }).waitFor({ timeout: 20_000 });
  assert.equal(await view.getByTestId('last-error').count(), 0, 'no event was refused');
  return before + 1;
}

describe('two tabs on one workspace', { timeout: 300_000 }, () => {
  const bed = useTestBed({
    hostTests: false,
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, '.vscode'), { recursive: true });
      writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'componentHost.app': 'gallery' }));
    },
  });
  let a: Page;
  let b: Page;

  test('both tabs at once: a click in either reaches its app', async () => {
    a = bed().page;
    const viewA = await openView(bed(), a);
    await clickOnce(viewA);
    b = await bed().newTab();
    const viewB = await openView(bed(), b);
    await clickOnce(viewB);
    await clickOnce(viewA);
    await clickOnce(viewB);
  });

  test('close one tab, reload the other: the view comes back and its buttons work', async () => {
    await a.close();
    await b.reload();
    await b.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const view = await openView(bed(), b);
    await clickOnce(view);
    await clickOnce(view);
    await bed().runCommand('Component Host: Rerun App', 45_000, b);
    await clickOnce(view);
  });
});

interface Stats {
  eventsHandled: number;
  status: string;
  histories: Record<string, number>;
}

describe('a reload in the middle of a 10 000-event burst', { timeout: 300_000 }, () => {
  const bed = useTestBed();
  const stats = () => bed().host!.probe<Stats>('app.stats');
  const applied = (s: Stats) => Object.values(s.histories).reduce((n, last) => n + last, 0);

  // The browser may not have stored the webview's last state when the tab reloads (VS Code keeps it
  // lazily), so events the old host never applied can be gone with it: what must hold is that none is
  // applied twice, the ones applied are the first ones in order, the view shows exactly their result,
  // and the view works afterwards.
  test('no event is applied twice, the view shows what was applied, and it keeps working', async () => {
    await bed().host!.probe('app.select', 'gallery');
    await bed().runCommand('Component Host: Open');
    let view = await bed().webviewFrame();
    await view.getByTestId('el-key:amount').waitFor({ timeout: 30_000 });
    const start = await stats();
    const before = applied(start);
    const handledBefore = start.eventsHandled;
    const N = 10_000;
    const valueOf = (event: number) => ((event - 1) % 19) + 1;
    await view.evaluate((n) => {
      const outbox = (window as unknown as { __componentHostOutbox: { send(widgetId: string, value: unknown): void } })
        .__componentHostOutbox;
      for (let i = 1; i <= n; i++) outbox.send('key:amount', ((i - 1) % 19) + 1);
    }, N);
    // Reload once the host has acknowledged part of the burst (an ack goes out only once what it covers
    // is on disk, so these must survive), while it is still working through the rest. Before its first
    // write lands, a reload would test nothing: the host would have kept nothing yet.
    const acked = await waitFor(
      'the host to acknowledge part of the burst',
      async () => {
        const pending = await view.evaluate(
          () => (window as unknown as { __componentHostOutbox: { pending: number } }).__componentHostOutbox.pending,
        );
        return pending < N ? N - pending : undefined;
      },
      30_000,
      5,
    );
    const handled = (await stats()).eventsHandled - handledBefore;
    await bed().reload();
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    let last = -1;
    let seen: Stats | undefined;
    const total = await waitFor(
      'the host to settle after the burst',
      async () => {
        const s = (seen = await stats());
        const now = applied(s) - before;
        const settled = now === last && s.status === 'done';
        last = now;
        return settled ? now : undefined;
      },
      120_000,
      2000,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}; the host's last stats: ${JSON.stringify(seen)}`);
    });
    console.log(
      `reload during a ${N}-event burst: ${acked} acknowledged and ${handled} handled before it; ${total} applied in all, ${N - total} never reached a host`,
    );
    assert.ok(total >= acked, `every acknowledged event is kept (${total} applied, ${acked} acknowledged before the reload)`);
    assert.ok(total <= N, `each event applied at most once (${total} of ${N})`);
    await view.locator('p.text', { hasText: `Amount: ${valueOf(total)}` }).waitFor({ timeout: 20_000 });
    assert.equal(await view.getByTestId('last-error').count(), 0, 'no event was refused');
    const count = await clicks(view);
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: `Button clicked ${count + 1} times` }).waitFor({ timeout: 20_000 });
  });
});

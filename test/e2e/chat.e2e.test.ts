/**
 * Chat and layout in code-server. The built-in chat app (src/app/chatApp.ts): a message typed and sent
 * with Enter (Shift+Enter a new line) appears once, the reply streams into an assistant message and
 * ends, the input stays pinned to the bottom of the view, and the history survives a window reload.
 * A workspace app: a popover and a dialog opened and closed by keyboard (and a click outside), focus
 * kept in the dialog, columns that stack in a narrow side bar, a subheader, and st.image of a URL
 * served by a local http server here, fetched by the extension host (other schemes: an error element).
 */
import { before, after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { screenshotDir } from '../support/testBed';
import { waitFor } from '../support/processes';

/** An 8×8 PNG, one colour. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGMwnvkfK2IYWhIAo1xywXQDudgAAAAASUVORK5CYII=', 'base64');

const layoutApp = (imageUrl: string) => `
/** @param {import('component-host').St} st */
export default function layout(st) {
  st.title('Layout');
  st.subheader('A subheader');
  const pop = st.popover('Settings');
  const name = pop.textInput('Name', { key: 'popname' });
  pop.text('In the popover: ' + name);
  const vote = st.dialog('Cast your vote', (box, item) => {
    box.text('Voting for ' + item);
    const reason = box.textInput('Because', { key: 'reason' });
    if (box.button('Submit', { key: 'submit' })) {
      st.sessionState.vote = { item, reason };
      box.close();
    }
  });
  if (st.button('Vote for A', { key: 'voteA' })) vote('A');
  st.text('Vote: ' + JSON.stringify(st.sessionState.vote ?? null));
  st.columns(3).forEach((column, i) => column.text('Column ' + (i + 1)));
  st.image(${JSON.stringify(imageUrl)}, { caption: 'From the test server', width: 64 });
  st.image('ftp://example.com/x.png');
}
`;

describe('chat and layout in code-server', { timeout: 400_000 }, () => {
  let server: Server | undefined;
  let imageUrl = '';
  const served: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === '/dot.png') res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    imageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dot.png`;
  });
  after(() => server?.close());
  const bed = useTestBed({
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, 'apps'), { recursive: true });
      writeFileSync(join(workspace, 'apps', 'layout.js'), layoutApp(imageUrl));
    },
  });
  let view: Frame;

  async function openView(): Promise<Frame> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 20_000 });
    await view.evaluate('window.__name = (f) => f'); // tsx's helper for function names, absent in the page
    return view;
  }
  const settled = () =>
    waitFor(
      'the run done',
      async () => {
        const s = await bed().host!.probe<{ status: string; busy: boolean }>('app.stats');
        return s.status === 'done' && !s.busy ? s : undefined;
      },
      60_000,
    );
  const messages = () => view.locator('.chat-message');
  // Whitespace folded: a soft line break reads as a space or a newline depending on whether the Markdown
  // chunk has drawn the message yet (after a reload it may not have).
  const texts = async () => (await messages().allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

  /** Drags the sash between the side bar and the editor to `width` px. */
  async function sideBarWidth(width: number): Promise<number> {
    const page = bed().page;
    const box = (await page.locator('.part.sidebar').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, y, { steps: 8 });
    await page.mouse.up();
    return (await page.locator('.part.sidebar').boundingBox())!.width;
  }

  test('a chat round: Shift+Enter a new line, Enter sends; the message appears once, the reply streams and ends', async () => {
    await bed().host!.probe('app.select', 'chat');
    await openView();
    const input = view.getByTestId('el-key:prompt').locator('textarea');
    await input.waitFor({ timeout: 20_000 });
    // Record the reply's lengths as it streams.
    await view.evaluate(() => {
      const lengths: number[] = [];
      (window as unknown as { __lengths: number[] }).__lengths = lengths;
      new MutationObserver(() => {
        const reply = document.querySelector('.chat-message.chat-assistant');
        const n = reply?.textContent?.length ?? 0;
        if (n && lengths.at(-1) !== n) lengths.push(n);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await input.click();
    await bed().page.keyboard.type('hello world');
    await bed().page.keyboard.press('Shift+Enter');
    await bed().page.keyboard.type('second line');
    assert.equal(await input.inputValue(), 'hello world\nsecond line', 'Shift+Enter is a new line, nothing sent');
    assert.equal(await messages().count(), 0);
    await bed().page.keyboard.press('Enter');
    await view.locator('.chat-message.chat-assistant', { hasText: 'token by token.' }).waitFor({ timeout: 30_000 });
    await settled();
    assert.equal(await input.inputValue(), '', 'the field empties once sent');
    const shown = await texts();
    assert.equal(shown.length, 2, `one message and its reply: ${JSON.stringify(shown)}`);
    assert.match(shown[0]!, /hello world\s+second line/);
    assert.match(shown[1]!, /^Echo 1: "hello world\s+second line" \(4 words\)/);
    const lengths = await view.evaluate(() => (window as unknown as { __lengths: number[] }).__lengths);
    assert.ok(lengths.length >= 5, `the reply grew in steps: ${lengths.join(' ')}`);
    // Pinned: the input's bottom edge at the view's.
    const gap = await input.evaluate((el) => window.innerHeight - el.closest('form')!.getBoundingClientRect().bottom);
    assert.ok(gap >= 0 && gap < 24, `the chat input sits at the bottom of the view (${gap} px above it)`);
    assert.ok(await input.evaluate((el) => document.activeElement === el), 'focus stays in the field');
  });

  test('a second message; the history survives a window reload, each message once', async () => {
    const input = view.getByTestId('el-key:prompt').locator('textarea');
    await input.fill('again');
    await input.press('Enter');
    await view.locator('.chat-message.chat-assistant', { hasText: 'Echo 2: "again"' }).waitFor({ timeout: 30_000 });
    await view.locator('.chat-message.chat-assistant', { hasText: /Echo 2.*token by token\./ }).waitFor({ timeout: 30_000 });
    await settled();
    const before = await texts();
    assert.equal(before.length, 4);
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'chat.png'));
    await bed().reload();
    await openView();
    await view.locator('.chat-message').nth(3).waitFor({ timeout: 30_000 });
    await settled();
    assert.deepEqual(await texts(), before, 'the same four messages, none sent again');
  });

  test('popover: Enter opens it, Escape closes it (focus back on its button), a click outside closes it; its widgets work', async () => {
    served.length = 0;
    await bed().host!.probe('app.select', 'apps/layout.js');
    await view.getByRole('heading', { name: 'A subheader', level: 3 }).waitFor({ timeout: 30_000 });
    const button = view.getByRole('button', { name: 'Settings' });
    const panel = view.locator('.popover-panel');
    const isOpen = () => panel.evaluate((el) => el.matches(':popover-open'));
    await button.focus();
    await button.press('Enter');
    await waitFor('the popover open', async () => ((await isOpen()) ? true : undefined), 10_000);
    assert.ok(await panel.evaluate((el) => el.contains(document.activeElement) || el === document.activeElement), 'focus moved into it');
    await bed().page.keyboard.press('Escape');
    await waitFor('the popover closed', async () => (!(await isOpen()) ? true : undefined), 10_000);
    assert.ok(await button.evaluate((el) => document.activeElement === el), 'focus is back on the button');
    // Its widgets rerun the app, and it stays open meanwhile.
    await button.click();
    const name = view.getByTestId('el-key:popname').locator('input');
    await name.fill('Ada');
    await name.press('Enter');
    await view.getByText('In the popover: Ada').waitFor({ timeout: 15_000 });
    assert.ok(await isOpen(), 'still open after the rerun');
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'chat-popover.png'));
    await view.getByRole('heading', { name: 'Layout' }).click();
    await waitFor('closed by a click outside', async () => (!(await isOpen()) ? true : undefined), 10_000);
  });

  test('dialog: opened from the keyboard, focus kept inside on Tab and Shift+Tab, Escape closes it; Submit closes it too', async () => {
    const opener = view.getByTestId('el-key:voteA');
    const dialog = view.locator('dialog.dialog');
    await opener.focus();
    await opener.press('Enter');
    await view.locator('dialog.dialog[open]').waitFor({ timeout: 15_000 });
    await view.getByText('Voting for A').waitFor();
    const inside = () =>
      dialog.evaluate((el) => el.contains(document.activeElement) && !document.activeElement!.classList.contains('focus-guard'));
    assert.ok(await inside(), 'focus moved into the dialog');
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await bed().page.keyboard.press(key);
      assert.ok(await inside(), `focus stays in the dialog after ${key}`);
    }
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'chat-dialog.png'));
    await bed().page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 15_000 }); // the host closed it: the next run declares none
    await settled();
    assert.equal(await dialog.count(), 0, 'and it stays closed');

    await opener.focus();
    await opener.press('Enter');
    await view.locator('dialog.dialog[open]').waitFor({ timeout: 15_000 });
    const reason = view.getByTestId('el-key:reason').locator('input');
    await reason.fill('the best');
    await reason.press('Enter');
    await settled();
    await view.getByTestId('el-key:submit').press('Enter');
    await view.getByText('Vote: {"item":"A","reason":"the best"}').waitFor({ timeout: 15_000 });
    assert.equal(await dialog.count(), 0, 'Submit closed it');
  });

  test('columns side by side in a wide side bar, stacked in a narrow one', async () => {
    const columns = view.locator('.columns .column');
    const tops = async () => (await columns.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))) as number[];
    await sideBarWidth(800);
    await waitFor('side by side', async () => (new Set(await tops()).size === 1 ? true : undefined), 10_000);
    assert.equal(await view.locator('.columns[data-stacked]').count(), 0);
    const width = await sideBarWidth(250);
    assert.ok(Math.abs(width - 250) <= 2, `side bar is ${width} px`);
    await waitFor(
      'stacked',
      async () => {
        const t = await tops();
        return t[0]! < t[1]! && t[1]! < t[2]! ? true : undefined;
      },
      10_000,
    );
    const sizes = await view.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(sizes.scroll <= sizes.client, `the view scrolls sideways (${sizes.scroll} > ${sizes.client})`);
    await view.locator('.columns').scrollIntoViewIfNeeded();
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'chat-layout-250.png'));
  });

  test('st.image(url): the host fetched it from the local server, the view shows its bytes; ftp: is a clear error', async () => {
    const image = view.locator('img[alt="From the test server"]');
    await image.waitFor({ timeout: 15_000 });
    assert.match((await image.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
    assert.ok(await image.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth === 8), 'the PNG decoded');
    assert.ok(served.includes('/dot.png'), 'the test server was asked for it');
    await view.getByRole('alert').filter({ hasText: 'only http and https URLs are fetched, not ftp:' }).waitFor({ timeout: 10_000 });
  });
});

/**
 * The app host end to end: widget → host rerun → repaint; state across hide/show and a window
 * reload; triggers fire once; errors show and the app recovers; workspace apps rerun on save.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

interface Stats {
  runs: number;
  eventsHandled: number;
  coalesced: number;
  status: string;
}

describe('app host in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed();
  let view: Frame;
  const stats = () => bed().host!.probe<Stats>('app.stats');

  async function openView(): Promise<Frame> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 20_000 });
    return view;
  }

  test('the built-in gallery renders with VS Code elements', async () => {
    await bed().host!.probe('app.select', 'gallery');
    await openView();
    await view.getByTestId('el-0').filter({ hasText: 'Component Host' }).waitFor();
    assert.ok((await view.locator('vscode-button').count()) >= 1);
    assert.ok((await view.locator('[data-testid^="el-"]').count()) >= 30, 'about fifty elements');
  });

  test('markdown and highlighted code load on first use, as chunks the CSP lets in', async () => {
    // The renderers are in their own files (dist/webview/chunks/), fetched by import() under the document's CSP.
    const md = view.locator('.markdown', { hasText: 'Markdown: bold' });
    await md.locator('table.table th', { hasText: 'step' }).waitFor({ timeout: 10_000 });
    assert.equal(await md.locator('del').innerText(), 'struck');
    assert.equal(await md.locator('.st-color-blue').innerText(), 'coloured');
    assert.equal(await md.locator('a').getAttribute('href'), 'https://code.visualstudio.com/');
    assert.deepEqual(await md.locator('input[type=checkbox]').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).checked)), [
      true,
      false,
    ]);
    // Raw HTML is text, never an element.
    await md.getByText('<b>raw HTML shows as text</b>').waitFor();
    assert.equal(await md.locator('b').count(), 0);
    const code = view.locator('pre.code', { hasText: 'My app' });
    await code.locator('.hljs-keyword', { hasText: 'export' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await code.locator('.hljs-string').first().innerText(), '"My app"');
    // In the theme's colours: a keyword is not drawn in the plain foreground.
    const colours = await code.evaluate((pre) => ({
      keyword: getComputedStyle(pre.querySelector('.hljs-keyword')!).color,
      plain: getComputedStyle(pre).color,
    }));
    assert.notEqual(colours.keyword, colours.plain);
    // The copy button says so once the clipboard took the text.
    const block = view.locator('.code-block', { has: code });
    await code.hover();
    await block.getByRole('button', { name: 'Copy code' }).click();
    await block.getByRole('button', { name: 'Copied' }).waitFor({ timeout: 5000 });
    const chunks = await view.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.includes('/dist/webview/chunks/'))
        .map((n) => n.replace(/.*\/chunks\//, '').replace(/-\w+\.js$/, '')),
    );
    assert.ok(chunks.includes('markdownView') && chunks.includes('CodeBlock'), `chunks loaded: ${chunks.join(', ')}`);
  });

  test('metric, badge, st.write and st.exception', async () => {
    const level = view.getByRole('group', { name: 'Level' });
    assert.equal(await level.locator('.metric-value').innerText(), '3');
    assert.equal(await level.locator('.metric-delta').innerText(), '0');
    const latency = view.getByRole('group', { name: 'Latency' });
    // A negative delta with deltaColor "inverse": down, and green (good news), as in Streamlit.
    assert.match((await latency.locator('.metric-delta').getAttribute('class')) ?? '', /st-color-green/);
    await latency.getByRole('img', { name: 'down' }).waitFor();
    await view.locator('.badge.st-color-green', { hasText: 'Status: green' }).waitFor();
    const written = view.locator('.markdown', { hasText: 'st.write shows each value by its type:' });
    await written.locator('strong', { hasText: 'st.write' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await written.locator('code').allInnerTexts(), ['3', 'false']);
    await view.locator('pre.json', { hasText: /^\{\s*"level": 3,\s*"flavour": "vanilla"\s*\}$/ }).waitFor();
    const image = view.locator('figure.image', { hasText: 'An image from bytes' }).locator('img');
    await image.waitFor();
    // Loaded (a data: URL, which the CSP allows), drawn at its width.
    await waitFor('image decoded', () => image.evaluate((img) => ((img as HTMLImageElement).naturalWidth > 0 ? true : undefined)));
    assert.equal((await image.boundingBox())?.width, 120);
    assert.equal(await image.getAttribute('alt'), 'An image from bytes the app made (a workspace file works too)');
    const exception = view.locator('details.expander', { hasText: 'An exception' });
    await exception.locator('summary').click();
    await exception.getByRole('alert').filter({ hasText: 'RangeError: level 3 is only an example' }).waitFor();
    assert.match(await exception.locator('pre.stack').innerText(), /at /);
  });

  test('a toast shows once per st.toast call, not again when its render is shown again', async () => {
    await view.getByTestId('el-key:toast').click();
    const toast = view.getByTestId('toast');
    await toast.filter({ hasText: 'Toast number 1: shown once' }).waitFor({ timeout: 10_000 });
    assert.equal(await toast.count(), 1);
    await view.getByRole('status').filter({ has: toast }).waitFor(); // announced politely to screen readers
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await toast.waitFor({ state: 'detached' });
    // The same render again (the view hidden and shown makes a new document that gets the last render): no toast.
    await bed().host!.probe('executeCommand', ['workbench.view.explorer']);
    await waitFor('view hidden', async () => ((await bed().host!.probe<{ visible: boolean }>('viewState')).visible ? undefined : true));
    await openView();
    await view.getByRole('group', { name: 'Latency' }).waitFor({ timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await view.getByTestId('toast').count(), 0);
    // A second call is a second toast; it goes away by itself after Streamlit's "short" 4 s.
    await view.getByTestId('el-key:toast').click();
    await view.getByTestId('toast').filter({ hasText: 'Toast number 2' }).waitFor({ timeout: 10_000 });
    await view.getByTestId('toast').waitFor({ state: 'detached', timeout: 8000 });
  });

  test('a click reruns the app in the host and repaints; the trigger fires once', async () => {
    const before = await stats();
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: 'Button clicked 1 times' }).waitFor({ timeout: 10_000 });
    const after = await stats();
    assert.equal(after.eventsHandled - before.eventsHandled, 1);
    // Another rerun (not caused by the click) must not replay the trigger.
    await bed().runCommand('Component Host: Rerun App');
    await waitFor('rerun done', async () => ((await stats()).runs > after.runs ? true : undefined));
    await view.locator('p', { hasText: 'Button clicked 1 times' }).waitFor({ timeout: 10_000 });
  });

  test('a burst of 10 000 events from the webview: each handled once, in order, reruns coalesced', async () => {
    const before = await stats();
    const N = 10_000;
    await view.evaluate(
      ({ n }) => {
        const outbox = (window as unknown as { __componentHostOutbox: { send(widgetId: string, value: unknown): void } })
          .__componentHostOutbox;
        for (let i = 0; i < n; i++) outbox.send('key:amount', (i % 19) + 1);
      },
      { n: N },
    );
    const after = await waitFor(
      'all events handled',
      async () => {
        const s = await stats();
        return s.eventsHandled - before.eventsHandled >= N && s.status === 'done' ? s : undefined;
      },
      60_000,
    );
    await new Promise((r) => setTimeout(r, 500)); // nothing more may arrive: each event once
    assert.equal((await stats()).eventsHandled - before.eventsHandled, N, 'each event handled exactly once');
    const runs = after.runs - before.runs;
    console.log(`10 000 webview events → ${runs} reruns (${after.coalesced - before.coalesced} requests coalesced)`);
    assert.ok(runs >= 1 && runs < N / 10, `reruns coalesced: ${runs}`);
    const last = ((N - 1) % 19) + 1;
    await view
      .locator('p.text', { hasText: `Amount: ${last}` })
      .first()
      .waitFor({ timeout: 10_000 });
    assert.equal(await view.getByTestId('el-key:amount').inputValue(), String(last));
    // The webview's own outbox keeps numbering after the burst (the host's ack moved it on).
    await view.getByTestId('el-key:click').click();
    await view.locator('p', { hasText: 'Button clicked 2 times' }).waitFor({ timeout: 10_000 });
  });

  test('a text input and a checkbox change values through the host', async () => {
    const input = view.getByTestId('el-key:name').locator('input');
    await input.fill('Ada');
    await input.press('Enter');
    await view.getByText('Hello, Ada!').waitFor({ timeout: 10_000 });
    await view.getByTestId('el-key:details').click();
    await view.getByText('Details are shown because the checkbox is ticked.').waitFor({ timeout: 10_000 });
  });

  test('arrow keys on a slider: every step reaches the host', async () => {
    const slider = view.getByTestId('el-key:level');
    await slider.focus();
    // Each key held for 80 ms, so the render of one step arrives while the next key is down.
    for (let i = 0; i < 3; i++) await slider.press('ArrowRight', { delay: 80 });
    await view.getByText('level 6 of 10').waitFor({ timeout: 10_000 });
    assert.equal(await slider.inputValue(), '6');
  });

  test('state survives hiding and showing the view', async () => {
    await bed().host!.probe('executeCommand', ['workbench.view.explorer']);
    await waitFor('view hidden', async () => ((await bed().host!.probe<{ visible: boolean }>('viewState')).visible ? undefined : true));
    await openView();
    await view.getByText('Hello, Ada!').waitFor({ timeout: 10_000 });
    await view.locator('p', { hasText: 'Button clicked 2 times' }).waitFor({ timeout: 10_000 });
  });

  test('the app reacts to the editor: file, language and selection', async () => {
    await bed().host!.probe('app.openFile', 'hello.ts');
    await bed().host!.probe('app.select.text', [1, 16, 21]);
    await openView();
    await view.getByTestId('el-key:name').waitFor();
    await view.getByText('hello.ts (typescript)').waitFor({ timeout: 10_000 });
    await view.locator('pre.code', { hasText: 'greet' }).waitFor({ timeout: 10_000 });
  });

  test('a workspace app runs (trusted), an error shows with its stack, and the next run recovers', async () => {
    await bed().host!.probe('app.select', 'apps/counter.js');
    await view.getByText('Counter (workspace app)').waitFor({ timeout: 15_000 });
    await view.getByTestId('el-key:add').click();
    await view.getByText('Count: 1').waitFor({ timeout: 10_000 });
    await view.getByTestId('el-key:fail').click();
    await view.getByTestId('app-error').filter({ hasText: 'Error: boom from the counter app' }).waitFor({ timeout: 10_000 });
    assert.match(await view.getByTestId('app-error').innerText(), /counter\.js/);
    // As Streamlit: the exception where the run stopped, after what it declared; what came after is gone.
    await view.getByText('Count: 1').waitFor();
    assert.equal(await view.getByText('version 1').count(), 0, 'the caption after the failing line is gone');
    const errorAfterButton = await view
      .getByTestId('el-key:fail')
      .evaluate((button) => Boolean(button.compareDocumentPosition(document.querySelector('[data-testid="app-error"]')!) & 4));
    assert.ok(errorAfterButton, 'the error shows below the button that threw, not above the app');
    await view.getByTestId('el-key:add').click();
    await view.getByText('Count: 2').waitFor({ timeout: 10_000 });
    assert.equal(await view.getByTestId('app-error').count(), 0);
  });

  test('saving a workspace app reruns it with the new code', async () => {
    const code =
      `module.exports = (st) => { st.title('Counter (workspace app)'); st.text('Count: ' + (st.sessionState.count ` +
      `?? 0)); st.caption('version 2'); };\n`;
    await bed().host!.probe('app.editAndSave', ['apps/counter.js', code]);
    await view.getByText('version 2').waitFor({ timeout: 15_000 });
    await view.getByText('Count: 2').waitFor();
  });

  test('state survives a window reload', async () => {
    await bed().reload();
    await openView();
    await view.getByText('Count: 2').waitFor({ timeout: 20_000 });
    await bed().host!.probe('app.select', 'gallery');
    await view.getByText('Hello, Ada!').waitFor({ timeout: 15_000 });
  });
});

/**
 * The inputs beyond the basics in code-server, in the gallery app: each value reaches the app (the
 * gallery shows them as JSON), survives a window reload, and the file uploader, the download and the
 * link buttons go through VS Code on the host: its simple file dialog (a quick input: type a path,
 * Enter) and its confirmation before an outside link opens.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { dialogPath } from '../support/fileDialog';
import { screenshotDir } from '../support/testBed';
import { waitFor } from '../support/processes';

describe('more inputs in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed({
    prepareWorkspace: (workspace) => {
      writeFileSync(join(workspace, 'upload-me.txt'), 'one\ntwo\nthree');
      writeFileSync(join(workspace, 'too-big.txt'), 'x'.repeat(300 * 1024));
    },
  });
  let view: Frame;

  async function openView(): Promise<Frame> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 20_000 });
    return view;
  }
  /** The gallery's JSON of every input's value. */
  const summary = () => view.locator('pre.json', { hasText: '"tags"' });
  const shows = (text: string) => summary().filter({ hasText: text }).waitFor({ timeout: 10_000 });
  test('the gallery shows the new inputs with their defaults', async () => {
    await bed().host!.probe('app.select', 'gallery');
    await openView();
    await shows('"due": "2026-12-24"');
    const text = await summary().innerText();
    for (const part of ['"at": "09:30"', '"colour": "#1e90ff"', '"effort": "M"', '"layout": "list"']) assert.ok(text.includes(part), part);
    assert.equal(await view.locator('vscode-multi-select').count(), 1);
    assert.equal(await view.locator('vscode-textarea').count(), 1);
  });

  test('at 250 px: nothing scrolls the view sideways, and every new control has an accessible name', async () => {
    const page = bed().page;
    const box = (await page.locator('.part.sidebar').boundingBox())!;
    await page.mouse.move(box.x + box.width, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 250, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(500);
    const sizes = await view.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(sizes.scroll <= sizes.client, `the view scrolls sideways (${sizes.scroll} > ${sizes.client})`);
    await view.getByTestId('el-key:tags').scrollIntoViewIfNeeded();
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'inputs-250.png'));
    await view.getByTestId('el-key:upload').scrollIntoViewIfNeeded();
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'inputs-250-files.png'));
    const snapshot = await view.locator('main').ariaSnapshot();
    const unnamed = snapshot
      .split('\n')
      .filter((line) => /^\s*- (button|textbox|checkbox|combobox|slider|spinbutton|radio|switch)\s*(\[|:|$)/.test(line));
    assert.deepEqual(unnamed, [], `controls without an accessible name:\n${snapshot}`);
    // The names a screen reader reads: each control by its label.
    for (const [role, name] of [
      ['slider', 'Effort'],
      ['slider', 'Priority from'],
      ['slider', 'Priority to'],
      ['button', '4 stars'],
      ['button', 'board'],
      ['group', 'A text file to count'],
      ['group', 'Tags'],
    ] as const) {
      assert.equal(await view.getByRole(role, { name, exact: true }).count(), 1, `${role} "${name}"`);
    }
    for (const label of ['Due date', 'Time', 'Accent colour']) {
      assert.equal(await view.getByLabel(label, { exact: true }).count(), 1, label);
    }
  });

  test('multiselect: picking an option in vscode-multi-select reaches the app', async () => {
    await view.getByTestId('el-key:tags').click();
    await view.getByTestId('el-key:tags').locator('li.option', { hasText: 'docs' }).click();
    await shows('"docs"');
    await view.getByTestId('el-key:tags').press('Escape');
    assert.match(await summary().innerText(), /"tags": \[\s*"bug",\s*"docs"\s*\]/);
  });

  test('textArea: several lines, sent when the field loses focus', async () => {
    const area = view.getByTestId('el-key:notes').locator('textarea');
    await area.fill('first line\nsecond line');
    await area.press('Tab');
    await shows('"notes": "first line\\nsecond line"');
  });

  test('dateInput, timeInput and colorPicker: native inputs, ISO strings and #rrggbb', async () => {
    await view.getByTestId('el-key:due').fill('2026-12-31');
    await shows('"due": "2026-12-31"');
    await view.getByTestId('el-key:at').fill('17:05');
    await shows('"at": "17:05"');
    await view.getByTestId('el-key:colour').fill('#ff8800');
    await shows('"colour": "#ff8800"');
  });

  test('selectSlider: arrow keys move over the options, a range has a from and a to slider', async () => {
    await view.getByTestId('el-key:effort').focus();
    await view.getByTestId('el-key:effort').press('ArrowRight');
    await shows('"effort": "L"');
    await view.getByTestId('el-key:priority-to').focus();
    await view.getByTestId('el-key:priority-to').press('ArrowRight');
    assert.equal(await view.getByTestId('el-key:priority-to').getAttribute('aria-valuetext'), 'urgent');
    await waitFor('range sent', async () =>
      /"priority": \[\s*"medium",\s*"urgent"\s*\]/.test(await summary().innerText()) ? true : undefined,
    );
  });

  test('pills, segmentedControl and feedback: toggle buttons with aria-pressed', async () => {
    await view.getByTestId('el-key:layout').getByRole('button', { name: 'board' }).click();
    await shows('"layout": "board"');
    assert.equal(await view.getByTestId('el-key:layout').getByRole('button', { name: 'board' }).getAttribute('aria-pressed'), 'true');
    // Keyboard: Space presses the focused toggle.
    await view.getByTestId('el-key:show').getByRole('button', { name: 'drafts' }).focus();
    await view.getByTestId('el-key:show').getByRole('button', { name: 'drafts' }).press('Space');
    await waitFor('multi sent', async () => (/"show": \[\s*"open",\s*"drafts"\s*\]/.test(await summary().innerText()) ? true : undefined));
    await view.getByTestId('el-key:stars').getByRole('button', { name: '4 stars' }).click();
    await shows('"stars": 3');
  });

  test('fileUploader: VS Code open dialog on the host, the app gets name, type and bytes; too big is a clear error', async () => {
    await view.getByTestId('el-key:upload-pick').click();
    await dialogPath(bed(), join(bed().workspace, 'upload-me.txt'));
    await view.getByText('upload-me.txt (text/plain): 13 bytes, 3 lines').waitFor({ timeout: 15_000 });
    await view.getByTestId('el-key:upload-pick').click();
    await dialogPath(bed(), join(bed().workspace, 'too-big.txt'));
    await view
      .getByTestId('el-key:upload')
      .getByRole('alert')
      .filter({ hasText: "too-big.txt: 300 KiB, over this uploader's limit of 200 KiB." })
      .waitFor({ timeout: 15_000 });
    await view.getByText('upload-me.txt (text/plain): 13 bytes, 3 lines').waitFor(); // the previous file stays
  });

  test('downloadButton: VS Code save dialog on the host writes the data; the click is a trigger', async () => {
    await view.getByTestId('el-key:download').click();
    await view.getByText('The save dialog is open on the host').waitFor({ timeout: 10_000 });
    const target = join(bed().workspace, 'summary.json');
    await dialogPath(bed(), target);
    await waitFor('file saved', async () => (existsSync(target) ? true : undefined), 15_000);
    const saved = JSON.parse(readFileSync(target, 'utf8')) as { due: string; tags: string[] };
    assert.equal(saved.due, '2026-12-31');
    assert.deepEqual(saved.tags, ['bug', 'docs']);
  });

  test('linkButton: the host opens it through openExternal, and VS Code asks first for a domain not trusted', async () => {
    await view.getByTestId('el-key:docs').click();
    // VS Code's link protection asks "Do you want code-server to open the external website?". A test
    // window refuses to show dialogs ("refused to show dialog in tests. Contents: …"), and that refusal
    // comes back to the host's openExternal, which reports it: so the question was asked, for this URL.
    const notice = (await bed().notifications()).locator('.notification-list-item', { hasText: 'https://docs.streamlit.io/' });
    await notice.filter({ hasText: 'open the external website?' }).first().waitFor({ timeout: 20_000 });
  });

  test('every value and the uploaded file survive a window reload', async () => {
    await bed().reload();
    await openView();
    await shows('"due": "2026-12-31"');
    const text = await summary().innerText();
    for (const part of ['"at": "17:05"', '"colour": "#ff8800"', '"effort": "L"', '"layout": "board"', '"stars": 3', 'second line']) {
      assert.ok(text.includes(part), part);
    }
    await view.getByText('upload-me.txt (text/plain): 13 bytes, 3 lines').waitFor({ timeout: 10_000 });
    assert.equal(await view.getByTestId('el-key:due').inputValue(), '2026-12-31');
  });
});

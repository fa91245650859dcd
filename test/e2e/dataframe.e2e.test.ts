/**
 * st.dataframe and st.dataEditor in code-server, in the built-in "data" app (src/app/dataApp.ts): a
 * 100 000 × 10 table arrives (as binary columns beside its element), scrolls to its last row, sorts,
 * and its selection reaches the app; the editor's edited, added and deleted rows reach the app and
 * survive a rerun and a window reload. Prints the time to the first painted row and scroll frame times.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { screenshotDir } from '../support/testBed';

describe('dataframe and data editor in code-server', { timeout: 400_000 }, () => {
  const bed = useTestBed();
  let view: Frame;
  const big = () => view.getByTestId('el-key:big');
  const tasks = () => view.getByTestId('el-key:tasks');
  const row = (grid: ReturnType<typeof big>, r: number) => grid.locator(`.grid-row[data-row="${r}"]`);
  const appText = (text: string) => view.getByText(text, { exact: false }).first().waitFor({ timeout: 30_000 });

  async function openView(): Promise<Frame> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 30_000 });
    return view;
  }

  test('a 100 000-row dataframe arrives and shows its first rows', async () => {
    const started = Date.now();
    await bed().host!.probe('app.select', 'data');
    await openView();
    await big().locator('.grid-scroll').waitFor({ timeout: 60_000 });
    await row(big(), 0).getByText('item 0', { exact: true }).waitFor({ timeout: 60_000 });
    console.log(`# 100 000 × 10 dataframe: app selected to first row painted in ${Date.now() - started} ms`);
    assert.equal(await big().getAttribute('data-rows'), '100000');
    // Virtualised: a few dozen rows in the DOM, not 100 000.
    const inDom = await big().locator('.grid-row[data-row]').count();
    assert.ok(inDom > 0 && inDom < 100, `${inDom} rows in the DOM`);
    await row(big(), 0).getByText('$0.00').waitFor();
    await row(big(), 1).getByText('$79.19').waitFor();
  });

  test('it scrolls to its last row, by the scroll bar and by Ctrl+End (frame times printed)', async () => {
    // Time 120 frames, each scrolled by `step` (of the table's height, or pixels): a wheel's pace, and jumps across it all.
    const sweep = (step: number, fraction: boolean) =>
      big()
        .locator('.grid-scroll')
        .evaluate(
          async (el, [by, whole]) => {
            const times: number[] = [];
            let last = performance.now();
            for (let i = 1; i <= 120; i++) {
              el.scrollTop = whole ? el.scrollHeight * by * i : el.scrollTop + by;
              await new Promise((r) => requestAnimationFrame(r));
              const now = performance.now();
              times.push(now - last);
              last = now;
            }
            return times.sort((a, b) => a - b);
          },
          [step, fraction] as const,
        );
    const p = (frames: number[], q: number) => frames[Math.min(frames.length - 1, Math.floor(frames.length * q))]!.toFixed(1);
    const wheel = await sweep(100, false);
    console.log(`# scroll frame times, 100 px a frame: p50 ${p(wheel, 0.5)} ms, p99 ${p(wheel, 0.99)} ms`);
    const jumps = await sweep(1 / 120, true);
    console.log(`# scroll frame times, 1/120 of 100 000 rows a frame: p50 ${p(jumps, 0.5)} ms, p99 ${p(jumps, 0.99)} ms`);
    await row(big(), 99_999).getByText('item 99999', { exact: true }).waitFor({ timeout: 15_000 });
    await big()
      .locator('.grid-scroll')
      .evaluate((el) => (el.scrollTop = 0));
    await row(big(), 0).waitFor();
    await big().locator('.grid-scroll').focus();
    await view.page().keyboard.press('Control+End');
    await row(big(), 99_999).waitFor({ timeout: 15_000 });
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'dataframe-end.png'));
  });

  test('a header sorts the rows: text descending, then numbers ascending', async () => {
    const name = big().locator('.grid-head-label[data-column="name"]');
    await name.click();
    await name.click();
    await big().locator('.grid-head[aria-sort="descending"]').waitFor({ timeout: 15_000 });
    await big()
      .locator('.grid-scroll')
      .evaluate((el) => (el.scrollTop = 0));
    const first = () => big().locator('.grid-row[data-row]').first();
    await first().getByText('item 99999', { exact: true }).waitFor({ timeout: 15_000 });
    await big().locator('.grid-head-label[data-column="price"]').click();
    await big().locator('.grid-head[aria-sort="ascending"]').waitFor();
    await first().getByText('$0.00').waitFor({ timeout: 15_000 });
    assert.equal(await first().getAttribute('data-row'), '0');
    await big().locator('.grid-head-label[data-column="price"]').click();
    await big().locator('.grid-head-label[data-column="price"]').click(); // back to the data's order
    await big().locator('.grid-head[aria-sort="ascending"], .grid-head[aria-sort="descending"]').waitFor({ state: 'detached' });
  });

  test('search filters the rows; a column can be hidden and shown; a pinned column stays as the grid scrolls sideways', async () => {
    const started = Date.now();
    await big().getByRole('button', { name: 'Search' }).click();
    await big().getByRole('searchbox', { name: 'Search the table' }).fill('item 99998');
    await view.locator('[data-testid="el-key:big"][data-rows="1"]').waitFor({ timeout: 30_000 });
    console.log(`# search over 100 000 rows × 10 columns: ${Date.now() - started} ms from typing to the one row shown`);
    await row(big(), 99_998).waitFor();
    await big().getByRole('searchbox', { name: 'Search the table' }).press('Escape');
    await view.locator('[data-testid="el-key:big"][data-rows="100000"]').waitFor({ timeout: 30_000 });
    await big().getByRole('button', { name: 'Show or hide columns' }).click();
    await big().getByRole('checkbox', { name: 'Price' }).uncheck();
    await big().locator('.grid-head-label[data-column="price"]').waitFor({ state: 'detached' });
    await big().getByRole('checkbox', { name: 'Price' }).check();
    await big().locator('.grid-head-label[data-column="price"]').waitFor();
    await big().getByRole('button', { name: 'Show or hide columns' }).click();
    const scroller = big().locator('.grid-scroll');
    const nameLeft = () =>
      row(big(), 0)
        .locator('.grid-pinned[data-type="text"]')
        .evaluate((el) => el.getBoundingClientRect().left);
    const before = await nameLeft();
    await scroller.evaluate((el) => (el.scrollLeft = 400));
    assert.ok(Math.abs((await nameLeft()) - before) < 2, 'the pinned name column stays put');
    await scroller.evaluate((el) => (el.scrollLeft = 0));
  });

  test('a row selection reaches the app, in Streamlit shape, and stays after the rerun it causes', async () => {
    await row(big(), 2).getByRole('checkbox').check();
    await appText('Selected rows: [2]');
    await row(big(), 5).getByRole('checkbox').check();
    await appText('Selected rows: [2,5]');
    assert.ok(await row(big(), 2).getByRole('checkbox').isChecked());
    assert.equal(await row(big(), 5).getAttribute('aria-selected'), 'true');
  });

  test("a cell and columns selection reaches the app as Streamlit's { rows, columns, cells }", async () => {
    const grid = view.getByTestId('el-key:cells');
    await row(grid, 1).locator('.grid-cell[data-type="number"]').click();
    await appText('Cell selection: {"rows":[],"columns":[],"cells":[[1,"kg"]]}');
    await row(grid, 2).locator('.grid-cell[data-type="text"]').click(); // single-cell: replaces
    await appText('Cell selection: {"rows":[],"columns":[],"cells":[[2,"fruit"]]}');
    const kgWidth = () => grid.locator('.grid-head:has([data-column="kg"])').evaluate((el) => el.getBoundingClientRect().width);
    const before = await kgWidth();
    await grid.locator('.grid-head-label[data-column="kg"]').focus();
    await view.page().keyboard.press('Alt+ArrowRight');
    assert.equal(Math.round((await kgWidth()) - before), 16, 'Alt+→ widens the column');
    await grid.locator('.grid-head-label[data-column="kg"]').click();
    await grid.locator('.grid-head-label[data-column="fruit"]').click();
    await appText('Cell selection: {"rows":[],"columns":["kg","fruit"],"cells":[[2,"fruit"]]}');
    // The keyboard: to the first cell, Space selects it.
    await grid.locator('.grid-scroll').focus();
    await view.page().keyboard.press('Control+Home');
    await view.page().keyboard.press('Home');
    await view.page().keyboard.press(' ');
    await appText('"cells":[[0,"fruit"]]');
  });

  test('the data editor: an edited cell, a ticked checkbox, an added and a deleted row become state and the returned data', async () => {
    const cell = (r: number, column: string) =>
      row(tasks(), r).locator('.grid-cell[data-type]').nth(['task', 'hours', 'done'].indexOf(column));
    await cell(1, 'task').dblclick();
    await tasks().locator('.grid-input').fill('review');
    await tasks().locator('.grid-input').press('Enter');
    await appText('"editedRows":{"1":{"task":"review"}}');
    await cell(0, 'done').click();
    await tasks().locator('.grid-scroll').press(' ');
    await appText('"0":{"done":true}');
    await tasks().getByRole('button', { name: 'Add row' }).click();
    await row(tasks(), 3).waitFor();
    await cell(3, 'hours').dblclick();
    await tasks().locator('.grid-input').fill('5');
    await tasks().locator('.grid-input').press('Enter');
    await appText('"addedRows":[{"hours":5}]');
    await row(tasks(), 2).getByRole('checkbox').check();
    await tasks().getByRole('button', { name: 'Delete selected rows' }).click();
    await appText('"deletedRows":[2]');
    await appText(
      'Edited: [{"task":"write","hours":2,"done":true},{"task":"review","hours":3,"done":false},{"task":null,"hours":5,"done":null}]',
    );
  });

  const EDITED =
    'Edited: [{"task":"write","hours":2,"done":true},{"task":"review","hours":3,"done":false},{"task":null,"hours":5,"done":null}]';

  test('the edits and the selection survive a rerun', async () => {
    const runs = await view.getByTestId('app-root').getAttribute('data-runs');
    await bed().runCommand('Component Host: Rerun App');
    await view.locator(`[data-testid="app-root"]:not([data-runs="${runs}"])`).waitFor({ timeout: 30_000 });
    await appText(EDITED);
    await appText('Selected rows: [2,5]');
    await row(tasks(), 1).getByText('review').waitFor();
    assert.equal(await row(tasks(), 2).count(), 0, 'the deleted row stays deleted');
  });

  test('the edits and the selection survive a window reload', async () => {
    await bed().reload();
    await openView();
    await appText(EDITED);
    await appText('Selected rows: [2,5]');
    await row(tasks(), 1).getByText('review').waitFor({ timeout: 30_000 });
    await row(tasks(), 3).getByText('5').waitFor();
    assert.equal(await row(tasks(), 2).count(), 0, 'the deleted row stays deleted');
    await row(big(), 5).waitFor({ timeout: 60_000 });
    assert.ok(await row(big(), 5).getByRole('checkbox').isChecked());
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'data-editor.png'));
  });
});

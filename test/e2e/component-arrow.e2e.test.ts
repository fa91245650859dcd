/**
 * Arrow tables to and from components, end to end in code-server + Chromium, as Streamlit 1.64 does
 * it: an unmodified streamlit-component-lib component gets an app's table as an ArrowTable (from
 * `dfs`), with int64 cells as BigInt and a bytes argument as a Uint8Array, and sends a table back that
 * the app gets as an apache-arrow Table; a v2 component gets a whole table as IPC bytes and a table
 * inside an object as a Table of its own apache-arrow. Both survive a window reload.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { addComponentArrowDemo } from '../support/componentArrowDemo';
import { useTestBed } from '../support/suite';

describe('Arrow to and from components in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed({ prepareWorkspace: addComponentArrowDemo });
  let view: Frame;
  const cells = (frame: Frame) =>
    frame.locator('#cells tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));

  test('a v1 component gets the table as an ArrowTable (index, column names, BigInt ids) and bytes as a Uint8Array', async () => {
    await bed().host!.probe('app.select', 'apps/arrow-demo.js');
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    const v1 = await bed().webviewFrame('#shape');
    await v1.getByText('3 rows × 3 columns; header rows 1, index columns 1').waitFor({ timeout: 20_000 });
    assert.deepEqual(await cells(v1), [
      ['', 'name', 'score', 'id'],
      ['0', 'Ada', '1.5', '1'],
      ['1', 'Grace', '2.5', '2'],
      ['2', 'Edsger', '3', '3'],
    ]);
    assert.equal(await v1.locator('#types').textContent(), 'id cell is a bigint');
    assert.equal(await v1.locator('#bytes').textContent(), 'bytes argument: Uint8Array [1, 2, 255]');
  });

  test('the table it sends back (built with apache-arrow, under the frame CSP) reaches the app as a Table', async () => {
    const v1 = await bed().webviewFrame('#shape');
    await v1.locator('#send').click();
    await view
      .getByText('v1 returned: [{"name":"Ada","score":3},{"name":"Grace","score":5},{"name":"Edsger","score":6}]')
      .waitFor({ timeout: 15_000 });
    assert.equal(await v1.locator('#error').textContent(), '');
  });

  test('a v2 component gets a whole table as IPC bytes and a table inside an object as a Table', async () => {
    const whole = await bed().webviewFrame('#arrow-out:text-matches("^bytes")');
    const mixed = await bed().webviewFrame('#arrow-out:text-matches("^df is a Table")');
    assert.match((await whole.locator('#arrow-out').textContent()) ?? '', /^bytes \(\d+\) → 3 rows$/);
    assert.equal(await mixed.locator('#arrow-out').textContent(), 'df is a Table: true; 3 rows, first name Ada; label scores');
    await whole.locator('#arrow-send').click();
    await view.getByText('v2 rows: [3,null]').waitFor({ timeout: 15_000 });
    await mixed.locator('#arrow-send').click();
    await view.getByText('v2 rows: [3,3]').waitFor({ timeout: 15_000 });
  });

  test('after a window reload the returned table is still the app’s, and the components get their tables again', async () => {
    await bed().reload();
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByText('v1 returned: [{"name":"Ada","score":3},{"name":"Grace","score":5},{"name":"Edsger","score":6}]').waitFor({
      timeout: 30_000,
    });
    await view.getByText('v2 rows: [3,3]').waitFor({ timeout: 15_000 });
    const v1 = await bed().webviewFrame('#shape');
    await v1.getByText('3 rows × 3 columns; header rows 1, index columns 1').waitFor({ timeout: 20_000 });
    const mixed = await bed().webviewFrame('#arrow-out:text-matches("^df is a Table")');
    assert.equal(await mixed.locator('#arrow-out').textContent(), 'df is a Table: true; 3 rows, first name Ada; label scores');
  });
});

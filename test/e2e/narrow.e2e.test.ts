/**
 * The demo in a narrow side panel (250 px) and in both high-contrast themes: tables keep their words
 * whole (and scroll sideways when they must), expander titles keep their case and are not cut, the
 * view never scrolls sideways; every control of the gallery is reached by Tab and has an accessible
 * name. Pictures: test-results/screenshots/narrow-*.png and the README's
 * high-contrast gallery (docs/images/demo-hc-*.png).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { repoRoot, screenshotDir } from '../support/testBed';
import { openingBrowser, signInOnPage } from '../support/demoWalk';
import { waitFor } from '../support/processes';

/** Words (runs of non-space) of the elements matching `selector` that the layout broke across lines. */
function brokenWords(view: Frame, selector: string): Promise<string[]> {
  return view.evaluate((sel) => {
    const broken: string[] = [];
    for (const el of Array.from(document.querySelectorAll(sel))) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(m[0]);
        }
      }
    }
    return broken;
  }, selector);
}

describe('narrow panels and high contrast', { timeout: 400_000 }, () => {
  const bed = useTestBed();
  let view: Frame;
  let wideWidth = 0;

  /** Drags the sash between the side bar and the editor, as a user would, to `width` px. */
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

  test('the demo, signed in, with events in its Report log', async () => {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByText('Component Host demo').waitFor({ timeout: 30_000 });
    wideWidth = (await bed().page.locator('.part.sidebar').boundingBox())!.width;
    const login = await openingBrowser(bed(), () => view.getByTestId('el-key:signInOut').click());
    await signInOnPage(login);
    await login.waitForURL(/\/cb\?/, { timeout: 20_000 });
    await login.close();
    await view.getByText('Development User (developer@component-host.local)').first().waitFor({ timeout: 20_000 });
    const component = await bed().webviewFrame('[data-testid="force-status"]');
    for (const id of ['notify-status', 'notify-report', 'force-status']) await component.getByTestId(id).click();
    await view.getByText('Forced status updates: 1').waitFor({ timeout: 15_000 });
    await waitFor('three rows in the report log', async () => ((await view.locator('table tbody tr').count()) >= 3 ? true : undefined));
  });

  test('at 250 px: table words whole, the expander title in its own case and whole, no sideways scroll of the view', async () => {
    const width = await sideBarWidth(250);
    assert.ok(Math.abs(width - 250) <= 2, `side bar is ${width} px`);
    await bed().page.waitForTimeout(500);
    assert.deepEqual(await brokenWords(view, 'table th, table td'), [], 'no word of the Report log is broken across lines');
    const summary = view.locator('details.expander > summary').first();
    assert.equal(await summary.evaluate((el) => getComputedStyle(el).textTransform), 'none');
    assert.match(await summary.innerText(), /Development User \(developer@component-host\.local\)/);
    assert.ok(await summary.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the expander title is not cut');
    const page = await view.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(page.scroll <= page.client, `the view scrolls sideways (${page.scroll} > ${page.client})`);
    // A wide table scrolls inside its own box, reachable by keyboard.
    assert.equal(await view.locator('.table-scroll').first().getAttribute('tabindex'), '0');
    await bed().page.locator('.part.editor').click();
    await bed().page.waitForTimeout(300);
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'narrow-250.png'));
    await view.locator('.table-scroll').first().scrollIntoViewIfNeeded();
    await bed().screenshotOf('.part.sidebar', join(screenshotDir, 'narrow-250-report-log.png'));
  });

  test('keyboard and screen readers: Tab reaches every control of the gallery, and each has an accessible name', async () => {
    await bed().host!.probe('app.select', 'gallery');
    await view.getByTestId('el-key:click').waitFor({ timeout: 20_000 });
    // One tab stop per control; a radio group and a tab list are one stop each (arrows move inside). A disabled
    // input (a Markdown task list's box) is not a stop.
    const controls = await view.evaluate(() => {
      const selector =
        'vscode-button, vscode-textfield, vscode-checkbox, vscode-single-select, input:not(:disabled), summary, .table-scroll, vscode-radio-group, vscode-tabs';
      const all = Array.from(document.querySelectorAll<HTMLElement>(selector)).filter((el) => el.offsetParent !== null);
      all.forEach((el, i) => (el.dataset.a11y = String(i)));
      return all.map((el) => el.tagName.toLowerCase() + (el.dataset.testid ? `#${el.dataset.testid}` : ''));
    });
    assert.ok(controls.length >= 10, `controls: ${controls.join(', ')}`);
    const reached = new Set<string>();
    await view.locator('h1').first().click();
    for (let i = 0; i < controls.length * 2 + 10; i++) {
      await bed().page.keyboard.press('Tab');
      const index = await view.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        return active?.closest<HTMLElement>('[data-a11y]')?.dataset.a11y ?? null;
      });
      if (index !== null) reached.add(index);
    }
    const missed = controls.filter((_, i) => !reached.has(String(i)));
    assert.deepEqual(missed, [], 'every control is reached with Tab');
    const snapshot = await view.locator('main').ariaSnapshot();
    const unnamed = snapshot
      .split('\n')
      .filter((line) => /^\s*- (button|textbox|checkbox|combobox|slider|spinbutton|radio|switch)\s*(\[|:|$)/.test(line));
    assert.deepEqual(unnamed, [], `controls without an accessible name:\n${snapshot}`);
  });

  test('both high-contrast themes: the README gallery pictures', async () => {
    await bed().host!.probe('app.select', 'demo');
    await view.getByText('Component Host demo').waitFor({ timeout: 20_000 });
    await sideBarWidth(wideWidth);
    await view.locator('h1').first().scrollIntoViewIfNeeded();
    for (const [theme, bodyClass, file] of [
      ['Dark High Contrast', 'vscode-high-contrast', 'demo-hc-dark.png'],
      ['Light High Contrast', 'vscode-high-contrast-light', 'demo-hc-light.png'],
    ] as const) {
      await bed().pickColorTheme(theme);
      await waitFor(
        `the view in ${theme}`,
        async () => ((await view.evaluate((c) => document.body.classList.contains(c), bodyClass)) ? true : undefined),
        20_000,
      );
      await bed().page.locator('.part.editor').click();
      await bed().page.waitForTimeout(1000);
      await bed().screenshotOf('.part.sidebar', join(repoRoot, 'docs', 'images', file));
    }
  });
});

/**
 * Charts end to end (the built-in "charts" app, src/app/chartsApp.ts): each simple chart draws its
 * marks from rows and from columns, a Vega-Lite spec draws and a bad one says why, all under the
 * view's CSP (no eval, no injected styles: no violation), in the theme's colours and again in the
 * next theme's, and a chart follows the panel's width.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';
import { screenshotDir } from '../support/testBed';

/** The charts in the app's order, with the mark each must draw (Vega's SVG class for it). */
const CHARTS = [
  { chart: 'line', from: 'rows', mark: 'mark-line' },
  { chart: 'line', from: 'columns', mark: 'mark-line' },
  { chart: 'bar', from: 'rows', mark: 'mark-rect' },
  { chart: 'bar', from: 'columns', mark: 'mark-rect' },
  { chart: 'area', from: 'rows', mark: 'mark-area' },
  { chart: 'area', from: 'columns', mark: 'mark-area' },
  { chart: 'scatter', from: 'rows', mark: 'mark-symbol' },
  { chart: 'scatter', from: 'columns', mark: 'mark-symbol' },
  { chart: 'vega_lite', from: 'spec', mark: 'mark-arc' },
] as const;

/** The four charts at the end, drawn from one apache-arrow Table. */
const ARROW_CHARTS = [
  { chart: 'line', mark: 'mark-line' },
  { chart: 'bar', mark: 'mark-rect' },
  { chart: 'area', mark: 'mark-area' },
  { chart: 'scatter', mark: 'mark-symbol' },
] as const;

describe('charts in code-server', { timeout: 400_000 }, () => {
  const bed = useTestBed();
  let view: Frame;
  const consoleErrors: string[] = [];
  const charts = () => view.locator('figure.chart');

  /** What the theme is now: its body class, its chart blue and foreground, as the chart should draw them. */
  const themeColours = () =>
    view.evaluate(() => {
      const css = (n: string) => getComputedStyle(document.documentElement).getPropertyValue(n).trim();
      return {
        light: document.body.classList.contains('vscode-light'),
        blue: css('--vscode-charts-blue'),
        fg: css('--vscode-charts-foreground'),
      };
    });
  /** What a chart draws: its marks' colours (one per series) and its first axis label's. */
  const drawnColours = (chart: Locator, mark: string) =>
    chart.evaluate((fig, markClass) => {
      const paths = [...fig.querySelectorAll(`g.role-mark.${markClass} path`)];
      const label = fig.querySelector('g.role-axis-label text');
      const paint = markClass === 'mark-line' ? 'stroke' : 'fill';
      return {
        marks: [...new Set(paths.map((p) => getComputedStyle(p).getPropertyValue(paint)))].sort(),
        label: label ? getComputedStyle(label).fill : '',
      };
    }, mark);
  /** CSS colour text (hex or rgb()) as rgb(), to compare what the theme says with what the SVG computed. */
  const rgb = (colour: string) =>
    view.evaluate((c) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      document.body.append(probe);
      const out = getComputedStyle(probe).color;
      probe.remove();
      return out;
    }, colour);

  test('the chart app opens; the charts load as a chunk, with no CSP violation', async () => {
    bed().page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|unsafe-eval/i.test(m.text())) consoleErrors.push(m.text());
    });
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 20_000 });
    // tsx keeps function names with an `__name` helper that does not exist in the page.
    await view.evaluate('window.__name = (f) => f');
    // Record violations in the view's document from before the chart code arrives.
    await view.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    });
    await bed().host!.probe('app.select', 'charts');
    await view.getByRole('heading', { name: 'Charts' }).waitFor({ timeout: 20_000 });
    await waitFor(
      'every chart drawn',
      async () =>
        (await charts().evaluateAll((figs) =>
          figs.every((f) => Number((f as HTMLElement).dataset.drawn) > 0 || f.querySelector('[role=alert]')),
        )) && (await charts().count()) === CHARTS.length + 1 + ARROW_CHARTS.length
          ? true
          : undefined,
      90_000,
    );
    const chunks = await view.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.includes('/dist/webview/chunks/'))
        .map((n) => n.replace(/.*\/chunks\//, '').replace(/-\w+\.js$/, '')),
    );
    assert.ok(chunks.includes('ChartView'), `chunks loaded: ${chunks.join(', ')}`);
    assert.deepEqual(await view.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
  });

  test('each chart kind draws its marks, from rows and from columns', async () => {
    for (const [i, expected] of CHARTS.entries()) {
      const chart = charts().nth(i);
      assert.equal(await chart.getAttribute('data-chart'), expected.chart, `chart ${i}`);
      const marks = await chart.locator(`svg g.role-mark.${expected.mark} path`).count();
      assert.ok(marks > 0, `the ${expected.chart} chart from ${expected.from} draws ${expected.mark} marks (found ${marks})`);
    }
    // Several y columns are one series each, with a legend naming them (rows: visits and signups).
    const legend = await charts().nth(0).locator('g.role-legend-label text').allTextContents();
    assert.deepEqual(legend, ['signups', 'visits']);
    // A bar per row and region colour: 24 bars.
    assert.equal(await charts().nth(2).locator('svg g.role-mark.mark-rect path').count(), 24);
    // Axis titles from xLabel and yLabel.
    assert.deepEqual(await charts().nth(0).locator('g.role-axis-title text').allTextContents(), ['Day', 'People']);
    // The Vega-Lite spec's title, and its description as the chart's name.
    await view
      .getByRole('group', { name: 'Visits by region, a Vega-Lite spec' })
      .locator('text', { hasText: 'Visits by region' })
      .waitFor();
  });

  const arrowChart = (i: number) => charts().nth(-ARROW_CHARTS.length + i);

  test('each chart kind draws from an apache-arrow Table, its timestamps on a time axis', async () => {
    for (const [i, expected] of ARROW_CHARTS.entries()) {
      const chart = arrowChart(i);
      await chart.scrollIntoViewIfNeeded();
      await waitFor(
        `the Arrow ${expected.chart} chart drawn`,
        async () => (Number(await chart.getAttribute('data-drawn')) > 0 ? true : undefined),
        30_000,
      );
      assert.equal(await chart.getAttribute('data-chart'), expected.chart);
      assert.ok(
        (await chart.locator(`svg g.role-mark.${expected.mark} path`).count()) > 0,
        `the Arrow ${expected.chart} chart draws ${expected.mark} marks`,
      );
    }
    const arrow = arrowChart(0);
    const labels = await arrow.locator('g.role-axis-label text').allTextContents();
    assert.ok(
      labels.some((l) => /Jan|\b(0?[1-9]|[12]\d)\b/.test(l)),
      `dates on the x axis: ${labels.join(', ')}`,
    );
    assert.deepEqual(await arrow.locator('g.role-axis-title text').allTextContents(), ['when', 'visits']);
  });

  test('a tooltip in the theme’s hover colours names the values; the wheel zooms a scatter chart', async () => {
    const bars = charts().nth(2);
    await bars.scrollIntoViewIfNeeded();
    await bars.locator('g.role-mark.mark-rect path').first().hover();
    const tooltip = view.locator('#vg-tooltip-element.visible');
    await tooltip.waitFor({ timeout: 10_000 });
    assert.match(await tooltip.innerText(), /day\s*1[\s\S]*visits\s*\d+[\s\S]*region\s*north/);
    const [background, hover] = await tooltip.evaluate((el) => [
      getComputedStyle(el).backgroundColor,
      getComputedStyle(document.documentElement).getPropertyValue('--vscode-editorHoverWidget-background').trim(),
    ]);
    assert.equal(background, await rgb(hover));
    const scatter = charts().nth(6);
    await scatter.scrollIntoViewIfNeeded();
    const labels = () => scatter.locator('g.role-axis-label').first().locator('text').allTextContents();
    const before = await labels();
    const box = (await scatter.locator('svg').first().boundingBox())!;
    await bed().page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    await bed().page.mouse.wheel(0, -400);
    await waitFor('the scatter chart zoomed', async () => ((await labels()).join() !== before.join() ? true : undefined), 10_000);
  });

  test('a spec Vega-Lite rejects shows why, in its place; the other charts stay', async () => {
    const bad = view.getByRole('group', { name: 'A spec Vega-Lite rejects' });
    const alert = bad.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.innerText(), /could not be drawn: Invalid specification/);
    assert.equal(await bad.locator('svg').count(), 0);
  });

  test('ten thousand points draw, on their own; the time is measured', async () => {
    const times = await charts().evaluateAll((figs) => figs.map((f) => Number((f as HTMLElement).dataset.drawMs)));
    const drawnCounts = () => charts().evaluateAll((figs) => figs.slice(0, 10).map((f) => (f as HTMLElement).dataset.drawn));
    const before = await drawnCounts();
    await view.getByTestId('el-key:big').click();
    // Declared after the rejected spec, before the Arrow charts.
    const big = charts().nth(CHARTS.length + 1);
    await waitFor(
      'the big chart drawn',
      async () =>
        (await charts().count()) === CHARTS.length + 2 + ARROW_CHARTS.length && Number(await big.getAttribute('data-drawn')) > 0
          ? true
          : undefined,
      60_000,
    );
    // Drawn on a canvas (past 5 000 rows): painted, in more than one colour (the four groups).
    assert.equal(await big.getAttribute('data-renderer'), 'canvas');
    const painted = await big.locator('canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<string>();
      let opaque = 0;
      for (let i = 0; i < pixels.length; i += 4 * 7) {
        if (pixels[i + 3]! < 200) continue;
        opaque++;
        colours.add(`${pixels[i]! >> 4},${pixels[i + 1]! >> 4},${pixels[i + 2]! >> 4}`);
      }
      return { opaque, colours: colours.size, width: canvas.width };
    });
    assert.ok(painted.width > 100 && painted.opaque > 1000 && painted.colours >= 4, JSON.stringify(painted));
    // The other charts were not drawn again.
    assert.deepEqual(await drawnCounts(), before);
    const ms = await big.getAttribute('data-draw-ms');
    console.log(
      `drawn in (compile + parse + render): ${times.length} charts at once ${Math.max(...times)} ms; then a 10 000-point scatter chart alone ${ms} ms (canvas)`,
    );
  });

  test('in the theme’s colours, and in the next theme’s after a switch (screenshots)', async () => {
    const line = charts().nth(0);
    const scatter = charts().nth(7); // columns, color 'red': Streamlit's red is the theme's
    const check = async (name: string) => {
      const theme = await themeColours();
      let last = {};
      await waitFor(
        `the charts in ${name}'s colours`,
        async () => {
          const drawn = await drawnColours(line, 'mark-line');
          const want = { label: await rgb(theme.fg), mark: await rgb(theme.blue) };
          last = { drawn, want };
          return drawn.label === want.label && drawn.marks.includes(want.mark) ? drawn : undefined;
        },
        30_000,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}: ${JSON.stringify(last)}`);
      });
      // The chart from an Arrow table too.
      const blue = await rgb(theme.blue);
      await waitFor(
        `the Arrow line chart in ${name}'s blue`,
        async () => ((await drawnColours(arrowChart(0), 'mark-line')).marks.includes(blue) ? true : undefined),
        20_000,
      );
      const red = await view.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-charts-red').trim());
      assert.deepEqual((await drawnColours(scatter, 'mark-symbol')).marks, [await rgb(red)]);
      await line.scrollIntoViewIfNeeded();
      await bed().page.locator('.part.editor').click(); // focus away from the palette: no hover in the picture
      await bed().screenshotOf('.part.sidebar', join(screenshotDir, `${bed().build.name}-charts-${name}.png`));
      return drawnColours(line, 'mark-line');
    };
    const before = await themeColours();
    const first = await check(before.light ? 'light' : 'dark');
    const next = before.light ? 'Dark Modern' : 'Light Modern';
    await bed().pickColorTheme(next);
    await waitFor('the view in the new theme', async () => ((await themeColours()).light !== before.light ? true : undefined), 20_000);
    const second = await check(before.light ? 'dark' : 'light');
    assert.notEqual(second.label, first.label, 'the axis labels changed colour with the theme');
    assert.notDeepEqual(second.marks, first.marks, 'the lines changed colour with the theme');
    assert.deepEqual(await view.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
  });

  test('a chart follows the panel’s width', async () => {
    const page = bed().page;
    const chart = charts().nth(0);
    const svgWidth = () =>
      chart
        .locator('svg')
        .first()
        .evaluate((svg) => svg.getBoundingClientRect().width);
    const sideBarWidth = async (width: number) => {
      const box = (await page.locator('.part.sidebar').boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width, y);
      await page.mouse.down();
      await page.mouse.move(box.x + width, y, { steps: 8 });
      await page.mouse.up();
    };
    const fits = async () => {
      const [figure, svg] = [await chart.evaluate((f) => f.clientWidth), await svgWidth()];
      return Math.abs(figure - svg) <= 2 ? svg : undefined;
    };
    const start = await waitFor('the chart as wide as its place', fits, 20_000);
    await sideBarWidth(start + 250);
    const wider = await waitFor(
      'the chart wider with the panel',
      async () => {
        const w = await fits();
        return w !== undefined && w > start + 100 ? w : undefined;
      },
      20_000,
    );
    await sideBarWidth(300);
    await waitFor(
      'the chart narrower with the panel',
      async () => {
        const w = await fits();
        return w !== undefined && w < wider - 100 ? w : undefined;
      },
      20_000,
    );
    const scroll = await view.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    assert.ok(scroll, 'no sideways scroll of the view in a narrow panel');
  });

  test('no CSP violation and no error in the console', async () => {
    assert.deepEqual(await view.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), []);
    const relevant = consoleErrors.filter((e) => /Content Security Policy|unsafe-eval|vega|chart/i.test(e));
    assert.deepEqual(relevant, []);
  });
});

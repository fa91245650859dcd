/**
 * st.dataframe of 100 000 rows × 10 columns in the real thing (code-server + Chromium): from the click
 * that makes the app build a new table to its first row painted (host run, conversion to binary
 * columns, postMessage, validation, grid render), and the view's frame times while the grid scrolls,
 * at a wheel's pace (100 px a frame) and in jumps across the whole table (1/240 of it a frame).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestBed } from '../test/support/testBed';
import { runBenchmark, writeResult } from './results-io';
import { summarize, type ResultRow } from './stats';

const ROUNDS = Math.min(20, Number(process.env.BENCH_ROUNDS ?? 8));
const FRAME_MS = 1000 / 60;

/** A new table of 100 000 × 10 on each click: its first cell names the click. */
const tableApp = `module.exports = (st) => {
  if (st.button('New table', { key: 'again' })) st.sessionState.seed = (st.sessionState.seed ?? 0) + 1;
  const seed = st.sessionState.seed ?? 0;
  const ids = Array.from({ length: 100000 }, (_, i) => i);
  st.dataframe({
    id: ids,
    name: ids.map((i) => 'seed ' + seed + ' item ' + i),
    city: ids.map((i) => ['Lisbon', 'Oslo', 'Lima', 'Osaka'][i % 4]),
    price: ids.map((i) => ((i * 7919 + seed) % 100000) / 100),
    quantity: ids.map((i) => (i * 31) % 1000),
    inStock: ids.map((i) => i % 3 !== 0),
    since: ids.map((i) => new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86400000)),
    site: ids.map((i) => 'https://example.com/items/' + i),
    done: ids.map((i) => (i % 101) / 100),
    note: ids.map((i) => 'note ' + (i % 977)),
  }, { key: 'big', columnConfig: { price: st.columnConfig.NumberColumn('Price', { format: '$%.2f' }) } });
};
`;

async function main(): Promise<void> {
  const bed = await TestBed.start({
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, 'apps'), { recursive: true });
      writeFileSync(join(workspace, 'apps', 'table.js'), tableApp);
    },
  });
  try {
    await bed.runCommand('Component Host: Open');
    const view = await bed.webviewFrame();
    await view.getByTestId('app').waitFor();
    await view.evaluate('window.__name = (f) => f');
    await bed.host!.probe('app.select', 'apps/table.js');
    await view.locator('.grid-row[data-row="0"]').getByText('seed 0 item 0', { exact: true }).waitFor({ timeout: 120_000 });

    const paints: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      paints.push(
        await view.evaluate(async (seed) => {
          const started = performance.now();
          (document.querySelector('[data-testid="el-key:again"]') as HTMLElement).click();
          const painted = () => document.querySelector('.grid-row[data-row="0"]')?.textContent?.includes(`seed ${seed} item 0`);
          await new Promise<void>((resolve) => {
            const observer = new MutationObserver(() => {
              if (!painted()) return;
              observer.disconnect();
              resolve();
            });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          });
          // Painted: the frame after the DOM change.
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          return performance.now() - started;
        }, round),
      );
    }
    const sweep = (by: number, whole: boolean) =>
      view.locator('.grid-scroll').evaluate(
        async (el, [step, fraction]) => {
          const times: number[] = [];
          el.scrollTop = 0;
          await new Promise((r) => requestAnimationFrame(r));
          let last = performance.now();
          for (let i = 1; i <= 240; i++) {
            el.scrollTop = fraction ? el.scrollHeight * step * i : el.scrollTop + step;
            await new Promise((r) => requestAnimationFrame(r));
            const now = performance.now();
            times.push(now - last);
            last = now;
          }
          return times;
        },
        [by, whole] as const,
      );
    const wheel = summarize(await sweep(100, false));
    const jumps = summarize(await sweep(1 / 240, true));
    const paint = summarize(paints);
    const target = `${FRAME_MS.toFixed(1)} ms a frame (60 Hz)`;
    const rows: ResultRow[] = [
      { metric: 'new 100 000 × 10 table: click → first row painted, p50', value: paint.p50, unit: 'ms' },
      { metric: 'new 100 000 × 10 table: click → first row painted, p99', value: paint.p99, unit: 'ms' },
      { metric: 'scroll 100 px a frame: frame time p50', value: wheel.p50, unit: 'ms', target },
      { metric: 'scroll 100 px a frame: frame time p99', value: wheel.p99, unit: 'ms' },
      { metric: 'scroll 1/240 of the table a frame: frame time p50', value: jumps.p50, unit: 'ms' },
      { metric: 'scroll 1/240 of the table a frame: frame time p99', value: jumps.p99, unit: 'ms' },
    ];
    writeResult('dataframe', 'st.dataframe: 100 000 rows from the app to the first paint, and scrolling', rows, [
      `${ROUNDS} new tables, 240 frames per scroll; the app builds its 100 000 rows in each run (part of the first figure).`,
    ]);
  } finally {
    await bed.stop();
  }
}

runBenchmark(main);

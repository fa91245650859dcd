/**
 * A 1 MB Arrow table from the app to a Streamlit v1 component, in the real thing (code-server +
 * Chromium): a click makes the app build a new 65 536 × 2 float64 table, which reaches an unmodified
 * streamlit-component-lib component as an ArrowTable (host run, IPC, postMessage to the view, the
 * relay into the frame, the lib's parse). Baseline in the same run: the host posting the same number of
 * bytes to a bare webview that relays them into a nested sandboxed frame, asked for from that frame.
 */
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { TestBed, repoRoot } from '../test/support/testBed';
import { waitFor } from '../test/support/processes';
import { runBenchmark, writeResult } from './results-io';
import { summarize, type ResultRow } from './stats';

const ROUNDS = Math.min(100, Number(process.env.BENCH_ROUNDS ?? 40));
const BLOCKS = 5;
const ROWS = 65_536;

const app = `const arrow = require('apache-arrow');
module.exports = (st) => {
  if (st.button('Again', { key: 'again' })) st.sessionState.seed = (st.sessionState.seed ?? 0) + 1;
  const seed = st.sessionState.seed ?? 0;
  const a = new Float64Array(${ROWS});
  const b = new Float64Array(${ROWS});
  for (let i = 0; i < ${ROWS}; i++) { a[i] = i + seed; b[i] = 2 * i + seed; }
  st.component('arrow', { table: arrow.tableFromArrays({ a, b }), seed }, { path: 'components/arrow', key: 'arrow' });
};
`;

/** The data stream's size: what the baseline posts. */
const streamBytes = tableToIPC(tableFromArrays({ a: new Float64Array(ROWS), b: new Float64Array(ROWS) }), 'stream').byteLength;

async function main(): Promise<void> {
  const bed = await TestBed.start({
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, 'apps'), { recursive: true });
      mkdirSync(join(workspace, 'node_modules'), { recursive: true });
      cpSync(join(repoRoot, 'dist-test', 'fixtures', 'streamlit-v1-arrow'), join(workspace, 'components', 'arrow'), { recursive: true });
      symlinkSync(join(repoRoot, 'node_modules', 'apache-arrow'), join(workspace, 'node_modules', 'apache-arrow'), 'dir');
      writeFileSync(join(workspace, 'apps', 'arrow.js'), app);
    },
  });
  try {
    await bed.host!.probe('bench.openRawPanel');
    const rawFrame = await waitFor(
      'the raw relay frame',
      async () => {
        for (const frame of bed.page.frames()) {
          if (await frame.evaluate(() => '__rawBytesRoundTrips' in window).catch(() => false)) return frame;
        }
        return undefined;
      },
      60_000,
    );
    await bed.host!.probe('app.select', 'apps/arrow.js');
    await bed.runCommand('Component Host: Open');
    const view = await bed.webviewFrame();
    const component = await bed.webviewFrame('#shape');
    await component.getByText(`${ROWS} rows × 2 columns`, { exact: false }).waitFor({ timeout: 60_000 });

    const ours: number[] = [];
    const raw: number[] = [];
    let seed = 0;
    const oursRound = async () => {
      seed++;
      const t0 = await view.evaluate(() => {
        const t = performance.timeOrigin + performance.now();
        (document.querySelector('[data-testid="el-key:again"]') as HTMLElement).click();
        return t;
      });
      const at = await component.waitForFunction(
        (s) => (window as unknown as { received: { at: number; seed: number }[] }).received.find((r) => r.seed === s)?.at,
        seed,
        { timeout: 30_000, polling: 5 },
      );
      ours.push(((await at.jsonValue()) ?? NaN) - t0);
      // Where the time went: in the view's clock (performance.now), and the host's run.
      const view_ = await view.evaluate(() => {
        const w = window as unknown as {
          __componentHost: { lastEventSentAt: number; lastRenderArrivedAt: number };
          __componentHostRenders: { timings: { appliedAt: number; committedAt: number } };
        };
        return {
          sent: w.__componentHost.lastEventSentAt,
          arrived: w.__componentHost.lastRenderArrivedAt,
          ...w.__componentHostRenders.timings,
          origin: performance.timeOrigin,
        };
      });
      const host = (await bed.host!.probe<{ lastRender?: { runMs: number; sinceEventMs: number; ms: number } }>('app.stats')).lastRender;
      const got = ((await at.jsonValue()) ?? NaN) - view_.origin;
      breakdown.push({
        eventToRender: view_.arrived - view_.sent,
        hostRun: host?.runMs ?? NaN,
        hostEventToRender: host?.sinceEventMs ?? NaN,
        apply: view_.appliedAt - view_.arrived,
        commit: view_.committedAt - view_.appliedAt,
        toComponent: got - view_.committedAt,
      });
    };
    const breakdown: Record<string, number>[] = [];
    for (let i = 0; i < 3; i++) await oursRound(); // warm-up
    ours.length = 0;
    await rawFrame.evaluate(
      ([size]) =>
        (window as unknown as { __rawBytesRoundTrips: (n: number, s: number) => Promise<number[]> }).__rawBytesRoundTrips(3, size!),
      [streamBytes],
    );
    for (let block = 0; block < BLOCKS; block++) {
      for (let i = 0; i < ROUNDS / BLOCKS; i++) await oursRound();
      raw.push(
        ...(await rawFrame.evaluate(
          ([n, size]) =>
            (window as unknown as { __rawBytesRoundTrips: (n: number, s: number) => Promise<number[]> }).__rawBytesRoundTrips(n!, size!),
          [ROUNDS / BLOCKS, streamBytes],
        )),
      );
    }
    const parts = Object.keys(breakdown[0] ?? {}).map((k) => `${k} p50 ${summarize(breakdown.map((b) => b[k]!)).p50.toFixed(1)} ms`);
    const o = summarize(ours);
    const r = summarize(raw);
    const baseline = (metric: string, value: number) => ({ baseline: { metric, value }, ratio: 0 });
    const rows: ResultRow[] = [
      { metric: `raw: ${(streamBytes / 1024).toFixed(0)} KiB host → bare webview → nested frame, p50`, value: r.p50, unit: 'ms' },
      { metric: `raw: ${(streamBytes / 1024).toFixed(0)} KiB host → bare webview → nested frame, p99`, value: r.p99, unit: 'ms' },
      {
        metric: 'new 1 MB Arrow table: click → ArrowTable in the v1 component, p50',
        value: o.p50,
        unit: 'ms',
        ...baseline('raw p50', r.p50),
      },
      {
        metric: 'new 1 MB Arrow table: click → ArrowTable in the v1 component, p99',
        value: o.p99,
        unit: 'ms',
        ...baseline('raw p99', r.p99),
      },
    ];
    for (const row of rows) if (row.baseline) row.ratio = row.value / row.baseline.value;
    writeResult('component-arrow', 'A 1 MB Arrow table to a Streamlit v1 component, against a raw postMessage of the same bytes', rows, [
      `${ROUNDS} rounds each, in ${BLOCKS} alternating blocks. Ours includes the app's run (it builds the 65 536 × 2 table each time), ` +
        'Arrow IPC on the host, the render patch (the unchanged index and column-name streams are not sent again), ' +
        "the relay into the frame and streamlit-component-lib's parse; the raw baseline is a small request from the frame and the bytes back.",
      `Where the time goes (p50s): event sent → render arrived in the view (VS Code both ways, the host's part inside it) · the host's run · ` +
        `the host's event in → render out · the view's apply · React's commit · commit → ArrowTable in the component: ${parts.join(' · ')}.`,
    ]);
  } finally {
    await bed.stop();
  }
}

runBenchmark(main);

/**
 * Streamed, incremental rendering in the real thing (code-server + Chromium), twice: with webviews in
 * a process of their own (as desktop VS Code and vscode.dev run them) and in the workbench's process
 * (as code-server does). Each against a bare webview
 * postMessage round trip measured in the same run, in turns: click → rerun → repaint for the gallery
 * (~50 elements) and for apps of 1 000 and 5 000 elements where one text changes; the bytes posted
 * per click; where the time of a click goes (host run, host diff, validation in the view, apply,
 * React commit); how soon the first element of a 2-second run shows; and frame times while
 * `st.writeStream` streams 100 tokens a second.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { TestBed } from '../test/support/testBed';
import { waitFor } from '../test/support/processes';
import { clickSamples, ourGallery } from './clickLoop';
import { runBenchmark, writeResult } from './results-io';
import { summarize, type ResultRow, type Summary } from './stats';

const CLICKS = Math.min(400, Number(process.env.BENCH_ROUNDS ?? 200));
const BLOCKS = 5;
const FRAME_MS = 1000 / 60;

/** A workspace app of `n` elements where a click changes one text (the counter). */
const largeApp = (n: number) =>
  `module.exports = (st) => {
  const clicked = st.button('Click me', { key: 'click' });
  st.sessionState.clicks = (st.sessionState.clicks ?? 0) + (clicked ? 1 : 0);
  st.text('Button clicked ' + st.sessionState.clicks + ' times');
  for (let i = 0; i < ${n - 2}; i++) st.caption('Row ' + i + ': the rest of a large app, unchanged by the click');
};
`;

const slowApp = `module.exports = async (st) => {
  const go = st.button('Start', { key: 'start' });
  st.text('first ' + Date.now());
  await new Promise((r) => setTimeout(r, go ? 2000 : 0));
  st.text('rest ' + (st.sessionState.n = (st.sessionState.n ?? 0) + 1));
};
`;

const streamApp = `module.exports = async (st) => {
  const go = st.button('Stream', { key: 'stream' });
  if (!go) return;
  const start = Date.now();
  async function* tokens() {
    for (let i = 0; i < 300; i++) {
      const wait = start + i * 10 - Date.now(); // 100 tokens a second, without drift
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      yield 'tok' + i + ' ';
    }
  }
  await st.writeStream(tokens);
  st.text('stream done ' + Date.now());
};
`;

const clickLoop = (view: Frame, n: number) => clickSamples(view, ourGallery, n, 0);

const rawTrips = (raw: Frame, n: number) =>
  raw.evaluate((count) => (window as unknown as { __rawRoundTrips(n: number): Promise<number[]> }).__rawRoundTrips(count), n);

interface Breakdown {
  hostRunMs: number;
  hostDiffMs: number;
  parseMs: number;
  applyMs: number;
  commitMs: number;
  /** On the host: the event in → its render posted (run and diff included). */
  hostInMs: number;
  /** View → host → view, less the host's part: what VS Code's relays take both ways. */
  transitMs: number;
}

/** Where Chromium runs the webviews: the bars hold for both. */
const processModels = [
  {
    result: 'render-own-process',
    title: 'Streamed, incremental rendering: webviews in a process of their own (desktop VS Code, vscode.dev)',
    ownSite: true,
    note:
      'Each webview is served from https://<hash>.vscode-cdn.net as vscode.dev serves it (test/support/webviewSite.ts), so Chromium ' +
      "runs the webviews in a renderer process of their own, apart from the workbench's, as desktop VS Code and vscode.dev do.",
  },
  {
    result: 'render-workbench-process',
    title: "Streamed, incremental rendering: webviews in the workbench's process (code-server)",
    ownSite: false,
    note:
      "code-server serves webviews from the workbench's own origin, so Chromium runs them in the workbench's renderer process: the " +
      "workbench, VS Code's webview frames and the view share one main thread, and the frame a click paints delays the next click's relays.",
  },
];

async function main(): Promise<void> {
  for (const model of processModels) await measure(model);
}

async function measure(model: (typeof processModels)[number]): Promise<void> {
  console.log(`\n${model.title}`);
  const bed = await TestBed.start({
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, 'apps'), { recursive: true });
      writeFileSync(join(workspace, 'apps', 'large-1000.js'), largeApp(1000));
      writeFileSync(join(workspace, 'apps', 'large-5000.js'), largeApp(5000));
      writeFileSync(join(workspace, 'apps', 'slow-2s.js'), slowApp);
      writeFileSync(join(workspace, 'apps', 'stream.js'), streamApp);
    },
    webviewsOnOwnSite: model.ownSite,
  });
  const loads: number[] = [];
  try {
    await bed.host!.probe('bench.openRawPanel');
    const raw = await bed.webviewFrame('#raw-baseline', 60_000);
    await bed.runCommand('Component Host: Open');
    const view = await bed.webviewFrame();
    await view.getByTestId('app').waitFor();
    // tsx keeps function names with an `__name` helper that does not exist in the page.
    await view.evaluate('window.__name = (f) => f');
    await rawTrips(raw, 50);

    const rawSamples: number[] = [];
    const apps = [
      { name: 'gallery (~50 elements)', app: 'gallery', ready: 'Edit the name: the app reruns' },
      { name: '1 000 elements', app: 'apps/large-1000.js', ready: 'Row 997:' },
      { name: '5 000 elements', app: 'apps/large-5000.js', ready: 'Row 4997:' },
    ];
    const measured = new Map<string, { clicks: Summary; bytes: Summary; breakdown: Breakdown }>();
    for (const app of apps) {
      console.log(`clicks: ${app.name}`);
      await bed.host!.probe('app.select', app.app);
      await view.getByText(app.ready).first().waitFor({ timeout: 60_000 });
      await waitFor('the app ran', async () =>
        (await bed.host!.probe<{ status: string }>('app.stats')).status === 'done' ? true : undefined,
      );
      await clickLoop(view, 10);
      const samples: number[] = [];
      await bed.host!.probe('render.recordSizes');
      for (let b = 0; b < BLOCKS; b++) {
        rawSamples.push(...(await rawTrips(raw, Math.ceil(CLICKS / BLOCKS))));
        samples.push(...(await clickLoop(view, Math.ceil(CLICKS / BLOCKS))));
        loads.push(loadavg()[0]!);
      }
      const sizes = await bed.host!.probe<number[]>('render.stopRecording');
      // Where the time of one click goes: 30 clicks, each read out after it landed.
      const parts: Breakdown[] = [];
      for (let i = 0; i < 30; i++) {
        await clickLoop(view, 1);
        await new Promise((r) => setTimeout(r, 30));
        // Read tolerantly: the same bench runs against builds from before these timers existed.
        const host = await bed.host!.probe<{ lastRender?: { ms: number; runMs: number; sinceEventMs: number } }>('app.stats');
        const page = await view.evaluate(() => {
          const w = window as unknown as {
            __componentHost: { lastParseMs?: number; lastEventSentAt: number; lastRenderArrivedAt: number };
            __componentHostRenders?: { timings: { applyMs: number; appliedAt: number; committedAt: number } };
          };
          const t = w.__componentHostRenders?.timings;
          return {
            parseMs: w.__componentHost.lastParseMs ?? Number.NaN,
            applyMs: t ? t.applyMs : Number.NaN,
            commitMs: t ? Math.max(0, t.committedAt - t.appliedAt) : Number.NaN,
            roundTripMs: w.__componentHost.lastRenderArrivedAt - w.__componentHost.lastEventSentAt,
          };
        });
        const hostInMs = host.lastRender?.sinceEventMs ?? Number.NaN;
        parts.push({
          hostRunMs: host.lastRender?.runMs ?? Number.NaN,
          hostDiffMs: host.lastRender?.ms ?? Number.NaN,
          parseMs: page.parseMs,
          applyMs: page.applyMs,
          commitMs: page.commitMs,
          hostInMs,
          transitMs: page.roundTripMs - hostInMs,
        });
      }
      const median = (k: keyof Breakdown) => summarize(parts.map((p) => p[k])).p50;
      measured.set(app.name, {
        clicks: summarize(samples),
        bytes: summarize(sizes),
        breakdown: {
          hostRunMs: median('hostRunMs'),
          hostDiffMs: median('hostDiffMs'),
          parseMs: median('parseMs'),
          applyMs: median('applyMs'),
          commitMs: median('commitMs'),
          hostInMs: median('hostInMs'),
          transitMs: median('transitMs'),
        },
      });
    }
    const r = summarize(rawSamples);

    console.log('first element of a 2-s run');
    // The first element of a 2-second run: declared (host clock) → in the DOM (page clock, same machine).
    await bed.host!.probe('app.select', 'apps/slow-2s.js');
    await view.getByTestId('el-key:start').waitFor({ timeout: 30_000 });
    const firsts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const seen = await view.evaluate(async () => {
        const clickedAt = performance.timeOrigin + performance.now();
        const first = () => {
          const text = [...document.querySelectorAll('p.text')].find((p) => p.textContent?.startsWith('first '))?.textContent ?? '';
          const declared = Number(text.slice('first '.length));
          return declared > clickedAt - 5 ? declared : undefined;
        };
        (document.querySelector('[data-testid="el-key:start"]') as HTMLElement).click();
        return new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            const declared = first();
            if (declared !== undefined) {
              observer.disconnect();
              resolve(performance.timeOrigin + performance.now() - declared);
            }
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      });
      firsts.push(seen);
      await waitFor(
        '2-s run done',
        async () => ((await bed.host!.probe<{ status: string }>('app.stats')).status === 'done' ? true : undefined),
        20_000,
      );
    }
    const first = summarize(firsts);

    console.log('writeStream frames');
    // writeStream at 100 tokens a second: frame times in the view while it streams.
    await bed.host!.probe('app.select', 'apps/stream.js');
    await view.getByTestId('el-key:stream').waitFor({ timeout: 30_000 });
    const stream = await view.evaluate(async () => {
      const frames: number[] = [];
      let changedFrames = 0;
      let changed = false;
      let last = performance.now();
      let running = true;
      const observer = new MutationObserver(() => (changed = true));
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      const tick = (now: number) => {
        frames.push(now - last);
        last = now;
        if (changed) changedFrames++;
        changed = false;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      (document.querySelector('[data-testid="el-key:stream"]') as HTMLElement).click();
      await new Promise<void>((resolve) => {
        const done = new MutationObserver(() => {
          if ([...document.querySelectorAll('p.text')].some((p) => p.textContent?.startsWith('stream done'))) {
            done.disconnect();
            resolve();
          }
        });
        done.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      running = false;
      observer.disconnect();
      frames.sort((a, b) => a - b);
      return { frames: frames.length, changedFrames, max: frames.at(-1) ?? 0, p99: frames[Math.floor(frames.length * 0.99)] ?? 0 };
    });

    const rows: ResultRow[] = [
      { metric: 'raw webview postMessage round trip p50', value: r.p50, unit: 'ms' },
      { metric: 'raw webview postMessage round trip p99', value: r.p99, unit: 'ms' },
    ];
    const targets: Record<string, { p50: string; p99: string }> = {
      'gallery (~50 elements)': { p50: '≤ 2× raw', p99: '≤ 4× raw p99' },
      '1 000 elements': { p50: '≤ 3× raw', p99: '≤ 4× raw p99' },
      '5 000 elements': { p50: 'measured', p99: 'measured' },
    };
    for (const [name, m] of measured) {
      rows.push(
        {
          metric: `click → rerun → repaint p50, ${name}`,
          value: m.clicks.p50,
          unit: 'ms',
          baseline: { metric: 'raw p50', value: r.p50 },
          ratio: m.clicks.p50 / r.p50,
          target: targets[name]!.p50,
        },
        {
          metric: `click → rerun → repaint p99, ${name}`,
          value: m.clicks.p99,
          unit: 'ms',
          baseline: { metric: 'raw p99', value: r.p99 },
          ratio: m.clicks.p99 / r.p99,
          target: targets[name]!.p99,
        },
        {
          metric: `bytes posted per click (median), ${name}`,
          value: m.bytes.p50,
          unit: 'B',
          ...(name.startsWith('5 000') ? { target: '≤ 2 KB' } : {}),
        },
        {
          metric: `one click, ${name}: VS Code's relays both ways · the host, event in → render out (medians)`,
          value: m.breakdown.transitMs + m.breakdown.hostInMs,
          unit: `ms (${m.breakdown.transitMs.toFixed(2)} · ${m.breakdown.hostInMs.toFixed(2)} ms)`,
          baseline: { metric: 'raw p50', value: r.p50 },
          ratio: m.breakdown.transitMs / r.p50,
        },
        {
          metric: `one click, ${name}: host run · host diff · validate in view · apply · React commit (medians)`,
          value: m.breakdown.hostRunMs + m.breakdown.hostDiffMs + m.breakdown.parseMs + m.breakdown.applyMs + m.breakdown.commitMs,
          unit: `ms (${[m.breakdown.hostRunMs, m.breakdown.hostDiffMs, m.breakdown.parseMs, m.breakdown.applyMs, m.breakdown.commitMs]
            .map((v) => v.toFixed(2))
            .join(' · ')} ms)`,
        },
      );
    }
    rows.push(
      {
        metric: "a 2-s run's first element: declared → in the DOM, p50",
        value: first.p50,
        unit: 'ms',
        baseline: { metric: 'one frame + raw p50', value: FRAME_MS + r.p50 },
        ratio: first.p50 / (FRAME_MS + r.p50),
        target: '≤ one frame + raw round trip',
      },
      { metric: "a 2-s run's first element: declared → in the DOM, worst of 8", value: first.p99, unit: 'ms' },
      { metric: 'writeStream at 100 tokens/s: longest frame in the view', value: stream.max, unit: 'ms', target: '≤ 50 ms' },
      { metric: 'writeStream at 100 tokens/s: frame p99', value: stream.p99, unit: 'ms' },
      {
        metric: 'writeStream at 100 tokens/s: tokens per frame that changed',
        value: 300 / Math.max(1, stream.changedFrames),
        unit: 'tokens',
      },
    );
    const load = loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : loadavg()[0]!;
    writeResult(model.result, model.title, rows, [
      model.note,
      `${CLICKS} clicks per app after 10 warm-up clicks, in ${BLOCKS} blocks taking turns with blocks of raw round trips in a bare ` +
        `panel open beside the side panel; each click timed until React has committed the new count to the DOM. Bytes: JSON characters ` +
        `of the render messages the host posted. The breakdown reads the host's and the view's own timers after each of 30 more clicks ` +
        `(postMessage and scheduling are the rest of the click). Load average during the run: ${load.toFixed(1)} on 2 cores.`,
    ]);
  } finally {
    await bed.stop();
  }
}

runBenchmark(main);

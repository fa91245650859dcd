/**
 * Webview benchmarks in the real thing (code-server + Chromium): activation time; the typed request
 * round trip and throughput (webview → host → webview, validated both ways) against a bare VS Code
 * webview postMessage and against vscode-messenger, measured in the same run; click → rerun → repaint;
 * the component → host round trip against a bare relay along the same route; the Streamlit v2 loop.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { TestBed, repoRoot } from '../test/support/testBed';
import { waitFor } from '../test/support/processes';
import { clickSamples, ourGallery } from './clickLoop';
import { addV2BenchApp, measureV2 } from './componentV2Bench';
import { writeResult } from './results-io';
import { summarize, type ResultRow, type Summary } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1000);
/** Requests per throughput run (after one warm-up run of the same size), and how many are in flight. */
const BURST = Math.max(200, ROUNDS * 2);
const IN_FLIGHT = 16;
const WARM_UP = 50;

const BLOCKS = 10;

/**
 * A contender: a frame whose window has `roundTrips(n)` → samples in ms and, optionally,
 * `burst(total, inFlight)` → requests per second.
 */
interface Contender {
  name: string;
  frame: Frame;
  roundTrips: string;
  burst?: string;
}

interface Measured {
  roundTrips: Summary;
  /** Median of three runs, requests per second with IN_FLIGHT in flight. */
  burst: number;
}

/**
 * Every contender is measured in turns — BLOCKS blocks of ROUNDS / BLOCKS round trips each, then
 * three throughput runs each, round-robin — so that a slow moment of this noisy machine falls on all
 * of them alike rather than on whichever happened to run then.
 */
async function measureInTurns(contenders: Contender[]): Promise<Map<string, Measured>> {
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (const c of contenders) {
    await c.frame.evaluate(([name, warm]) => (window as unknown as Record<string, (n: number) => Promise<number[]>>)[name]!(warm), [
      c.roundTrips,
      WARM_UP,
    ] as const);
  }
  for (let block = 0; block < BLOCKS; block++) {
    for (const c of contenders) {
      const got = await c.frame.evaluate(([name, n]) => (window as unknown as Record<string, (n: number) => Promise<number[]>>)[name]!(n), [
        c.roundTrips,
        Math.ceil(ROUNDS / BLOCKS),
      ] as const);
      samples.get(c.name)!.push(...got);
    }
  }
  for (let run = 0; run < 4; run++) {
    for (const c of contenders) {
      if (!c.burst) continue;
      const rate = await c.frame.evaluate(
        ([name, total, inFlight]) =>
          (window as unknown as Record<string, (t: number, f: number) => Promise<number>>)[name]!(total, inFlight),
        [c.burst, BURST, IN_FLIGHT] as const,
      );
      if (run > 0) rates.get(c.name)!.push(rate); // the first run warms up
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return new Map(contenders.map((c) => [c.name, { roundTrips: summarize(samples.get(c.name)!), burst: median(rates.get(c.name)!) }]));
}

/** Opens a baseline panel (test/host/bench.test.ts) and waits until its page is there. */
async function openBaseline(bed: TestBed, probe: string, marker: string): Promise<Frame> {
  await bed.host!.probe(probe);
  return bed.webviewFrame(marker, 60_000);
}

/**
 * Defines `<prefix>RoundTrips` (and `<prefix>Burst`) in a page the benchmark does not write, with the
 * same loops as the baseline pages (test/fixtures/bench-baselines/loops.ts, bundled as `__benchLoops`).
 * `send` is the source of a function that sends one request and resolves with its answer.
 */
async function defineLoopsIn(frame: Frame, prefix: string, send: string, withBurst: boolean): Promise<void> {
  // One evaluation: the bundle's `var __benchLoops` is local to it.
  const bundle = readFileSync(join(repoRoot, 'dist-test', 'host', 'bench-loops.js'), 'utf8');
  await frame.evaluate(`${bundle}\n__benchLoops.defineLoops(${JSON.stringify(prefix)}, ${send}, ${String(withBurst)});`);
}

async function main(): Promise<void> {
  const bed = await TestBed.start({
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, 'apps'), { recursive: true });
      writeFileSync(
        join(workspace, 'apps', 'own-component.js'),
        `module.exports = (st) => { st.component('component-host', { title: 'bench' }, { key: 'own' }); };\n`,
      );
      addV2BenchApp(workspace);
    },
  });
  try {
    const { activationMs } = await bed.host!.probe<{ activationMs: number }>('activation');

    // Everything that is compared at once: three bare panels (one per editor column) and the side
    // panel with our component in it, all visible, measured in turns.
    const rawFrame = await openBaseline(bed, 'bench.openRawPanel', '#raw-baseline');
    const messengerFrame = await openBaseline(bed, 'bench.openMessengerPanel', '#messenger-baseline');
    const typedFrame = await openBaseline(bed, 'bench.openTypedPanel', '#typed-baseline');
    await bed.host!.probe('app.select', 'apps/own-component.js');
    await bed.runCommand('Component Host: Open');
    const view = await bed.webviewFrame();
    await view.getByTestId('app').waitFor();
    await defineLoopsIn(view, '__view', `() => window.__componentHost.request('echo', { text: 'ping' })`, true);
    const component = await frameWith(bed, '__componentClient');
    await defineLoopsIn(component, '__component', '() => window.__componentClient.ping()', false);
    const measured = await measureInTurns([
      { name: 'raw', frame: rawFrame, roundTrips: '__rawRoundTrips', burst: '__rawBurst' },
      { name: 'typedBare', frame: typedFrame, roundTrips: '__typedRoundTrips', burst: '__typedBurst' },
      { name: 'messenger', frame: messengerFrame, roundTrips: '__messengerRoundTrips', burst: '__messengerBurst' },
      { name: 'typed', frame: view, roundTrips: '__viewRoundTrips', burst: '__viewBurst' },
      { name: 'relay', frame: await frameWith(bed, '__rawRelayRoundTrips'), roundTrips: '__rawRelayRoundTrips' },
      { name: 'typedRelay', frame: await frameWith(bed, '__typedRelayRoundTrips'), roundTrips: '__typedRelayRoundTrips' },
      { name: 'component', frame: component, roundTrips: '__componentRoundTrips' },
    ]);
    await bed.host!.probe('bench.closeBaselines');
    const [raw, typedBare, messenger, typed, relayLoops, typedRelayLoops, componentLoops] = [
      'raw',
      'typedBare',
      'messenger',
      'typed',
      'relay',
      'typedRelay',
      'component',
    ].map((n) => measured.get(n)!);
    const relay = relayLoops!.roundTrips;
    const typedRelay = typedRelayLoops!.roundTrips;
    const componentTrips = componentLoops!.roundTrips;

    await bed.host!.probe('app.select', 'gallery');
    await view.getByTestId('el-key:click').waitFor({ timeout: 20_000 });
    // Click → host rerun → repaint, in the built-in gallery (~50 elements): from the click to the
    // frame in which the new count is in the DOM.
    const clicks = Math.min(ROUNDS, 300);
    const repaint = summarize(await clickSamples(view, ourGallery, clicks));

    // Streamlit v2: setStateValue → rerun → the renderer called with the new data.
    const v2 = await measureV2(bed, ROUNDS);

    const r = raw!.roundTrips;
    const rows: ResultRow[] = [
      { metric: 'activate() time', value: activationMs, unit: 'ms', target: 'no slow work' },
      { metric: 'raw webview postMessage round trip p50', value: r.p50, unit: 'ms' },
      { metric: 'raw webview postMessage round trip p99', value: r.p99, unit: 'ms' },
      {
        metric: 'typed request round trip p50, bare panel (protocol cost only)',
        value: typedBare!.roundTrips.p50,
        unit: 'ms',
        baseline: { metric: 'raw p50', value: r.p50 },
        ratio: typedBare!.roundTrips.p50 / r.p50,
        target: '≤ 1.1× raw',
      },
      {
        metric: 'typed request round trip p99, bare panel',
        value: typedBare!.roundTrips.p99,
        unit: 'ms',
        baseline: { metric: 'raw p99', value: r.p99 },
        ratio: typedBare!.roundTrips.p99 / r.p99,
      },
      {
        metric: 'typed request round trip p50, in the side panel',
        value: typed!.roundTrips.p50,
        unit: 'ms',
        baseline: { metric: 'raw p50', value: r.p50 },
        ratio: typed!.roundTrips.p50 / r.p50,
      },
      {
        metric: 'typed request round trip p99, in the side panel',
        value: typed!.roundTrips.p99,
        unit: 'ms',
        baseline: { metric: 'raw p99', value: r.p99 },
        ratio: typed!.roundTrips.p99 / r.p99,
      },
      {
        metric: 'vscode-messenger request round trip p50, bare panel',
        value: messenger!.roundTrips.p50,
        unit: 'ms',
        baseline: { metric: 'raw p50', value: r.p50 },
        ratio: messenger!.roundTrips.p50 / r.p50,
      },
      { metric: 'raw throughput, sequential', value: 1000 / r.mean, unit: 'msg/s' },
      {
        metric: 'typed request throughput, sequential, bare panel',
        value: 1000 / typedBare!.roundTrips.mean,
        unit: 'req/s',
        baseline: { metric: 'raw', value: 1000 / r.mean },
        ratio: r.mean / typedBare!.roundTrips.mean,
      },
      {
        metric: 'vscode-messenger throughput, sequential, bare panel',
        value: 1000 / messenger!.roundTrips.mean,
        unit: 'req/s',
        baseline: { metric: 'raw', value: 1000 / r.mean },
        ratio: r.mean / messenger!.roundTrips.mean,
      },
      { metric: `raw throughput, ${IN_FLIGHT} in flight`, value: raw!.burst, unit: 'msg/s' },
      {
        metric: `typed request throughput, ${IN_FLIGHT} in flight, bare panel`,
        value: typedBare!.burst,
        unit: 'req/s',
        baseline: { metric: 'raw', value: raw!.burst },
        ratio: typedBare!.burst / raw!.burst,
      },
      {
        metric: `typed request throughput, ${IN_FLIGHT} in flight, bare panel, vs vscode-messenger`,
        value: typedBare!.burst,
        unit: 'req/s',
        baseline: { metric: 'vscode-messenger', value: messenger!.burst },
        ratio: typedBare!.burst / messenger!.burst,
        target: '≥ 0.9× vscode-messenger',
      },
      {
        metric: `vscode-messenger throughput, ${IN_FLIGHT} in flight, bare panel`,
        value: messenger!.burst,
        unit: 'req/s',
        baseline: { metric: 'raw', value: raw!.burst },
        ratio: messenger!.burst / raw!.burst,
      },
      {
        metric: `typed request throughput, ${IN_FLIGHT} in flight, in the side panel`,
        value: typed!.burst,
        unit: 'req/s',
        baseline: { metric: 'raw', value: raw!.burst },
        ratio: typed!.burst / raw!.burst,
      },
      {
        metric: 'click → rerun → repaint p50 (gallery app)',
        value: repaint.p50,
        unit: 'ms',
        baseline: { metric: 'raw p50', value: r.p50 },
        ratio: repaint.p50 / r.p50,
        target: '≤ 16 ms',
      },
      {
        metric: 'click → rerun → repaint p99 (gallery app)',
        value: repaint.p99,
        unit: 'ms',
        baseline: { metric: 'raw p99', value: r.p99 },
        ratio: repaint.p99 / r.p99,
        target: '≤ 50 ms',
      },
      {
        metric: 'raw relay round trip p50 (nested frame → bare panel → host, no protocol)',
        value: relay.p50,
        unit: 'ms',
        baseline: { metric: 'raw p50', value: r.p50 },
        ratio: relay.p50 / r.p50,
      },
      {
        metric: 'component → host round trip p50, bare panel (our client, relay and host API: protocol cost only)',
        value: typedRelay.p50,
        unit: 'ms',
        baseline: { metric: 'raw relay p50', value: relay.p50 },
        ratio: typedRelay.p50 / relay.p50,
        target: '≤ 1.1× raw relay',
      },
      {
        metric: 'component → host round trip p99, bare panel',
        value: typedRelay.p99,
        unit: 'ms',
        baseline: { metric: 'raw relay p99', value: relay.p99 },
        ratio: typedRelay.p99 / relay.p99,
        target: '≤ 1.1× raw relay',
      },
      {
        metric: 'component → host round trip p50, our component in the side panel',
        value: componentTrips.p50,
        unit: 'ms',
        baseline: { metric: 'raw relay p50', value: relay.p50 },
        ratio: componentTrips.p50 / relay.p50,
      },
      {
        metric: 'component → host round trip p99, our component in the side panel',
        value: componentTrips.p99,
        unit: 'ms',
        baseline: { metric: 'raw relay p99', value: relay.p99 },
        ratio: componentTrips.p99 / relay.p99,
      },
      {
        metric: 'v2 setStateValue → rerun → new data p50',
        value: v2.loop.p50,
        unit: 'ms',
        baseline: { metric: 'raw p50', value: r.p50 },
        ratio: v2.loop.p50 / r.p50,
      },
      {
        metric: 'v2 setStateValue → rerun → new data p99',
        value: v2.loop.p99,
        unit: 'ms',
        baseline: { metric: 'raw p99', value: r.p99 },
        ratio: v2.loop.p99 / r.p99,
      },
      { metric: 'v2 runtime frame: navigation → first renderer call, p50 (11 instances at once)', value: v2.mount.p50, unit: 'ms' },
    ];
    writeResult('webview', 'Webview ⇄ host messaging (code-server + Chromium)', rows, [
      `${ROUNDS} sequential round trips each, after ${WARM_UP} warm-up rounds (30 for the v2 loop, a full app ` +
        `rerun each); ${clicks} clicks after 10 warm-up clicks, each timed from the click until React has committed ` +
        `the new count to the DOM (the paint follows in the next frame).`,
      `All contenders measured in turns (${BLOCKS} blocks of ${Math.ceil(ROUNDS / BLOCKS)} round trips each, ` +
        `round-robin), so that a slow moment of the machine falls on all alike. Throughput: ${BURST} echo requests ` +
        `with ${IN_FLIGHT} in flight, median of three runs after a warm-up run, round-robin. "Bare panel": a ` +
        `webview panel holding only the measuring script (raw postMessage; our webview/hostChannel.ts against ` +
        `the host's src/view/webviewChannel.ts; vscode-messenger ${messengerVersion()}), so that the three compare ` +
        `like with like; "side panel": the product's view, with our component in it.`,
    ]);
  } finally {
    await bed.stop();
  }
}

function messengerVersion(): string {
  return (
    JSON.parse(readFileSync(join(__dirname, '..', 'node_modules', 'vscode-messenger', 'package.json'), 'utf8')) as { version: string }
  ).version;
}

/** The (nested) frame whose window has the given global. */
function frameWith(bed: TestBed, global: string): Promise<Frame> {
  return waitFor(
    `the frame with ${global}`,
    async () => {
      for (const frame of bed.page.frames()) {
        if (await frame.evaluate((name) => name in window, global).catch(() => false)) return frame;
      }
      return undefined;
    },
    30_000,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

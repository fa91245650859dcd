/**
 * Streamlit v2 components in the webview benchmark: setStateValue → host rerun → the renderer called
 * with the new data (the whole loop a v2 component sees), and how long a runtime frame takes from its
 * navigation to the first renderer call. Used by webview.bench.ts, beside its raw baseline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { TestBed } from '../test/support/testBed';
import { waitFor } from '../test/support/processes';
import { summarize, type Summary } from './stats';

const INSTANCES = 10;

/** A v2 component that times its own loop: from setStateValue until it is called with the data that value produced. */
const BENCH_JS = `
let current = 0;
export default ({ data, setStateValue }) => {
  current = data.n;
  const b = (globalThis.__bench ??= { samples: [], waiting: null, firstRenderAt: performance.now() });
  if (b.waiting && data.n >= b.waiting.n) {
    b.samples.push(performance.now() - b.waiting.t0);
    const done = b.waiting.resolve;
    b.waiting = null;
    done();
  }
  if (data.instance === undefined) globalThis.__step = () => new Promise((resolve) => {
    b.waiting = { n: current + 1, t0: performance.now(), resolve };
    setStateValue('n', current + 1);
  });
};
`;

const APP = `module.exports = (st) => {
  const bench = st.components.v2.component('bench', { html: '<span></span>', js: ${JSON.stringify(BENCH_JS)} });
  const n = st.sessionState.loop?.n ?? 0;
  bench({ key: 'loop', data: { n }, default: { n: 0 } });
  for (let i = 0; i < ${INSTANCES}; i++) bench({ data: { n: 0, instance: i } });
};
`;

export function addV2BenchApp(workspace: string): void {
  writeFileSync(join(workspace, 'apps', 'v2-bench.js'), APP);
}

/** Runs in the bed's open view; the app must have been added with addV2BenchApp. */
export async function measureV2(bed: TestBed, rounds: number): Promise<{ loop: Summary; mount: Summary }> {
  await bed.host!.probe('app.select', 'apps/v2-bench.js');
  const frames = await waitFor(
    `${INSTANCES + 1} v2 runtime frames`,
    async () => {
      const found: Frame[] = [];
      for (const frame of bed.page.frames()) {
        if (await frame.evaluate(() => typeof (globalThis as { __bench?: unknown }).__bench === 'object').catch(() => false)) {
          found.push(frame);
        }
      }
      return found.length >= INSTANCES + 1 ? found : undefined;
    },
    60_000,
  );
  const mountTimes = await Promise.all(
    frames.map((f) => f.evaluate(() => (globalThis as unknown as { __bench: { firstRenderAt: number } }).__bench.firstRenderAt)),
  );
  const loopFrame = await waitFor('the keyed bench instance', async () => {
    for (const frame of frames) {
      if (await frame.evaluate(() => typeof (globalThis as { __step?: unknown }).__step === 'function').catch(() => false)) return frame;
    }
    return undefined;
  });
  const samples = await loopFrame.evaluate(async (n) => {
    const g = globalThis as unknown as { __step(): Promise<void>; __bench: { samples: number[] } };
    for (let i = 0; i < 30; i++) await g.__step();
    g.__bench.samples.length = 0;
    for (let i = 0; i < n; i++) await g.__step();
    return g.__bench.samples;
  }, rounds);
  return { loop: summarize(samples), mount: summarize(mountTimes) };
}

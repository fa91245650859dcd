/**
 * Where the page's main thread goes during back-to-back clicks. The workbench, VS Code's webview
 * frames, our view and its component frames share one renderer process, so a frame our view paints
 * delays the relays of the next click. Not part of `npm run bench` (no baseline): run it to look.
 *
 *   node --import tsx bench/profileClick.ts trace   [app] [clicks]  main-thread time per click, by task
 *   node --import tsx bench/profileClick.ts profile [app] [clicks]  JS self time per click, by function
 *   node --import tsx bench/profileClick.ts ab      [app] [clicks] '<css>'  clicks with and without a rule, in turns
 *
 * `app` is a built-in app or `apps/large-1000.js` (written into the workspace); the trace and profile
 * are kept in test-results/profiles/ for Chromium's DevTools. COMPONENT_HOST_WEBVIEW_SITE=own serves
 * the webviews from a site of their own (test/support/webviewSite.ts): they then run in a process of
 * their own, as in desktop VS Code, and the trace shows that process's main thread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { TestBed, repoRoot } from '../test/support/testBed';
import { waitFor } from '../test/support/processes';
import { clickSamples, ourGallery } from './clickLoop';
import { summarize } from './stats';

const [mode = 'trace', app = 'gallery', clicksArg = '150', css = ''] = process.argv.slice(2);
const clicks = Number(clicksArg);
const out = join(repoRoot, 'test-results', 'profiles');
const ownSite = process.env.COMPONENT_HOST_WEBVIEW_SITE === 'own';
const largeApp = `module.exports = (st) => {
  const clicked = st.button('Click me', { key: 'click' });
  st.sessionState.clicks = (st.sessionState.clicks ?? 0) + (clicked ? 1 : 0);
  st.text('Button clicked ' + st.sessionState.clicks + ' times');
  for (let i = 0; i < 998; i++) st.caption('Row ' + i + ': the rest of a large app, unchanged by the click');
};
`;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Top-level tasks of the busiest renderer main thread, by what they first do, in ms per click. */
function mainThreadByTask(events: TraceEvent[]): Map<string, number> {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined && mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const busiest = [...mains].sort(
    (a, b) => spans.filter((e) => `${e.pid}:${e.tid}` === b).length - spans.filter((e) => `${e.pid}:${e.tid}` === a).length,
  )[0];
  const kinds = ['BeginMainFrame', 'HandlePostMessage', 'MessagePort::Accept', 'Receive mojo message', 'TimerFire', 'EventDispatch'];
  const byTask = new Map<string, number>();
  const own = spans.filter((e) => `${e.pid}:${e.tid}` === busiest);
  for (let i = 0; i < own.length;) {
    const task = own[i]!;
    const end = task.ts + task.dur!;
    let kind: string | undefined;
    let script = '';
    let j = i + 1;
    for (; j < own.length && own[j]!.ts < end; j++) {
      const e = own[j]!;
      kind ??= kinds.find((k) => e.name.includes(k));
      if (!script && e.name === 'FunctionCall') script = (e.args?.data?.url ?? '').split('/').pop()!.split('?')[0]!;
    }
    const key = kind === 'BeginMainFrame' ? 'a frame: style, layout, paint' : `${kind ?? 'other'}${script ? ` (${script})` : ''}`;
    byTask.set(key, (byTask.get(key) ?? 0) + task.dur! / 1000 / clicks);
    i = j;
  }
  return byTask;
}

async function measure(bed: TestBed, view: Frame): Promise<void> {
  mkdirSync(out, { recursive: true });
  const name = app.replace(/\W/g, '_');
  const report = (samples: number[]) => {
    const s = summarize(samples);
    console.log(`${samples.length} clicks: p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`);
  };
  if (mode === 'ab') {
    // The same view with and without a rule, in alternating blocks, so that both see the same machine.
    const without: number[] = [];
    const withRule: number[] = [];
    for (let block = 0; block < 12; block++) {
      const on = block % 2 === 1;
      await view.evaluate(
        ({ rule, enable }) => {
          // A constructed sheet: the view's CSP admits no inline style without its nonce.
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(enable ? rule : '');
          document.adoptedStyleSheets = [sheet];
        },
        { rule: css, enable: on },
      );
      (on ? withRule : without).push(...(await clickSamples(view, ourGallery, clicks, 5)));
    }
    process.stdout.write('without the rule: ');
    report(without);
    process.stdout.write('with the rule:    ');
    report(withRule);
  } else if (mode === 'trace') {
    const browser = bed.page.context().browser()!;
    await browser.startTracing(bed.page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink'],
    });
    const samples = await clickSamples(view, ourGallery, clicks, 0);
    const trace = await browser.stopTracing();
    writeFileSync(join(out, `click-${name}.trace.json`), trace);
    report(samples);
    const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
    console.log('main thread, ms per click (tracing slows it down):');
    for (const [task, ms] of [...mainThreadByTask(traceEvents)].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      console.log(`  ${ms.toFixed(2)}  ${task}`);
    }
  } else {
    // With webviews on their own site, profile their process: attach to the webview's outermost frame.
    const onSite = (frame: Frame | null) => frame !== null && new URL(frame.url()).hostname.endsWith('.vscode-cdn.net');
    let webview: Frame = view;
    while (onSite(webview.parentFrame())) webview = webview.parentFrame()!;
    const session = await bed.page.context().newCDPSession(ownSite ? webview : bed.page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 50 });
    await session.send('Profiler.start');
    const samples = await clickSamples(view, ourGallery, clicks, 0);
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(join(out, `click-${name}.cpuprofile`), JSON.stringify(profile));
    report(samples);
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const self = new Map<string, number>();
    profile.samples!.forEach((id, i) => {
      const frame = byId.get(id)!;
      const where = frame.url.split('/').pop()!.split('?')[0] || '(native)';
      const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + profile.timeDeltas![i]! / 1000 / clicks);
    });
    console.log('self time, ms per click:');
    for (const [fn, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${ms.toFixed(3)}  ${fn}`);
  }
}

async function main(): Promise<void> {
  if (!['trace', 'profile', 'ab'].includes(mode)) throw new Error(`unknown mode "${mode}": trace, profile or ab`);
  const bed = await TestBed.start({
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, 'apps'), { recursive: true });
      writeFileSync(join(workspace, 'apps', 'large-1000.js'), largeApp);
    },
    webviewsOnOwnSite: ownSite,
  });
  try {
    await bed.runCommand('Component Host: Open');
    const view = await bed.webviewFrame();
    await view.getByTestId('app').waitFor();
    await bed.host!.probe('app.select', app);
    await view.locator(ourGallery.button).waitFor({ timeout: 60_000 });
    await waitFor('the app ran', async () =>
      (await bed.host!.probe<{ status: string }>('app.stats')).status === 'done' ? true : undefined,
    );
    await clickSamples(view, ourGallery, 30);
    await measure(bed, view);
  } finally {
    await bed.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

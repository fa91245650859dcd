/**
 * The peer: real Streamlit running the gallery app rebuilt in Python (bench/streamlit/gallery.py)
 * against ours (the built-in gallery in code-server), click → rerun → new count in the DOM, with the
 * same loop (bench/clickLoop.ts), in the same run and the same Chromium, in turns.
 *
 * Python Streamlit comes from a project-local venv, `.bench-venv/` (gitignored; docs/contributing.md
 * says how to make it). Without it this benchmark prints how to make it, records that it was
 * skipped and why, and exits 0: it never fails a bench run, and `npm test` never runs it.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { TestBed, repoRoot } from '../test/support/testBed';
import { freePort, spawnTracked, stopTracked, waitFor } from '../test/support/processes';
import { clickSamples, ourGallery, type ClickSelectors } from './clickLoop';
import { writeResult, writeSkipped } from './results-io';
import { summarize, type ResultRow } from './stats';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1000);
/** Timed clicks per contender, in BLOCKS blocks, round-robin, after WARM_UP untimed clicks each. */
const CLICKS = Math.max(10, Math.min(ROUNDS, 200));
const BLOCKS = 10;
const WARM_UP = 10;
/** The version the issue compares against; another one found in the venv is measured and named. */
const WANTED = '1.64';
const TITLE = 'The peer: real Streamlit, click → rerun → new count (same run, same Chromium)';
const VENV = '.bench-venv';
const INSTALL = `python3 -m venv ${VENV} && ${VENV}/bin/pip install 'streamlit==${WANTED}.*'`;

const ours = ourGallery;
const streamlit: ClickSelectors = { button: '[data-testid="stButton"] button', counter: '[data-testid="stText"]' };

interface Found {
  python: string;
  version: string;
  pythonVersion: string;
}

/** The venv's Python with Streamlit importable, or why not. */
function findStreamlit(): Found | { missing: string } {
  const python = join(repoRoot, VENV, 'bin', 'python');
  if (!existsSync(python)) return { missing: `there is no ${VENV}/ in the repository` };
  const probe = spawnSync(python, ['-c', 'import sys, streamlit; print(streamlit.__version__); print(sys.version.split()[0])'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (probe.status !== 0) return { missing: `${VENV}/bin/python cannot import streamlit (${probe.stderr.trim().split('\n').pop() ?? ''})` };
  const [version = '?', pythonVersion = '?'] = probe.stdout.trim().split('\n');
  return { python, version, pythonVersion };
}

/** Starts `streamlit run bench/streamlit/gallery.py` headless on a free loopback port; resolves when it is healthy. */
async function startStreamlit(found: Found): Promise<{ child: ChildProcess; url: string; log: string[] }> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawnTracked(
    found.python,
    [
      '-m',
      'streamlit',
      'run',
      join(repoRoot, 'bench', 'streamlit', 'gallery.py'),
      '--server.headless',
      'true',
      '--server.address',
      '127.0.0.1',
      '--server.port',
      String(port),
      '--browser.gatherUsageStats',
      'false',
      // The app's file does not change during the run: nothing to watch.
      '--server.fileWatcherType',
      'none',
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'Streamlit to answer /_stcore/health',
      async () => {
        if (child.exitCode !== null) throw new Error(`streamlit exited (${child.exitCode}):\n${log.join('')}`);
        const r = await fetch(`${url}/_stcore/health`).catch(() => undefined);
        return r?.ok ? true : undefined;
      },
      60_000,
      200,
    );
  } catch (err) {
    await stopTracked(child);
    throw err;
  }
  return { child, url, log };
}

/** Our view with the built-in gallery, ready to be clicked. */
async function openOurs(bed: TestBed): Promise<Frame> {
  await bed.host!.probe('app.select', 'gallery');
  await bed.runCommand('Component Host: Open');
  const view = await bed.webviewFrame();
  await view.locator(ours.button).waitFor({ timeout: 20_000 });
  await view.locator(ours.counter, { hasText: 'Button clicked' }).waitFor({ timeout: 20_000 });
  return view;
}

/** A normal page on the Streamlit app, once its first run is over and its button is there. */
async function openStreamlit(browser: Browser, url: string): Promise<{ page: Page; elements: number }> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(url);
  await page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').waitFor({ timeout: 60_000 });
  await page.locator(streamlit.button).waitFor({ timeout: 30_000 });
  await page.locator(streamlit.counter, { hasText: 'Button clicked' }).waitFor({ timeout: 30_000 });
  return { page, elements: await page.locator('[data-testid="stElementContainer"]').count() };
}

const visibility = (frame: Frame) => frame.evaluate(() => document.visibilityState);
const load = () => loadavg().map((l) => l.toFixed(2));

async function main(): Promise<void> {
  const found = findStreamlit();
  if ('missing' in found) {
    const why = `Python Streamlit is not installed for the benchmarks: ${found.missing}.`;
    console.log(`\nSkipping the Streamlit peer. ${why}\nTo install it, in the repository: ${INSTALL}\n`);
    writeSkipped('streamlit', TITLE, `${why} Install it with \`${INSTALL}\` (docs/contributing.md, "Benchmarks: the Streamlit peer").`);
    return;
  }
  console.log(`Streamlit ${found.version} (Python ${found.pythonVersion}) from ${VENV}/`);
  const loadBefore = load();
  const server = await startStreamlit(found);
  let bed: TestBed | undefined;
  try {
    // Each contender in a renderer process of its own: ours with its webviews on their own site, as
    // desktop VS Code and vscode.dev run them (render-workbench-process.json has code-server's model).
    bed = await TestBed.start({ webviewsOnOwnSite: true });
    const browser = bed.page.context().browser();
    if (!browser) throw new Error('the test bed has no browser');
    const view = await openOurs(bed);
    const peer = await openStreamlit(browser, server.url);
    const contenders = [
      { name: 'ours', frame: view, selectors: ours, samples: [] as number[] },
      { name: 'streamlit', frame: peer.page.mainFrame(), selectors: streamlit, samples: [] as number[] },
    ];
    const visibleBefore = await Promise.all(contenders.map((c) => visibility(c.frame)));
    for (const c of contenders) await clickSamples(c.frame, c.selectors, 0, WARM_UP);
    // In turns, as bench/webview.bench.ts measures: a slow moment of the machine falls on both.
    const perBlock = Math.ceil(CLICKS / BLOCKS);
    for (let block = 0; block < BLOCKS; block++) {
      for (const c of contenders) c.samples.push(...(await clickSamples(c.frame, c.selectors, perBlock, 0)));
    }
    const visibleAfter = await Promise.all(contenders.map((c) => visibility(c.frame)));
    const loadAfter = load();
    const [o, s] = contenders.map((c) => summarize(c.samples)) as [ReturnType<typeof summarize>, ReturnType<typeof summarize>];
    const rows: ResultRow[] = [
      { metric: 'Component Host: click → rerun → new count p50 (gallery app)', value: o.p50, unit: 'ms' },
      { metric: 'Component Host: click → rerun → new count p99', value: o.p99, unit: 'ms' },
      {
        metric: `Streamlit ${found.version}: click → rerun → new count p50 (the same app in Python)`,
        value: s.p50,
        unit: 'ms',
        baseline: { metric: 'ours p50', value: o.p50 },
        ratio: s.p50 / o.p50,
        target: '≥ 8× ours (ours ≥ 8× faster)',
      },
      {
        metric: `Streamlit ${found.version}: click → rerun → new count p99`,
        value: s.p99,
        unit: 'ms',
        baseline: { metric: 'ours p99', value: o.p99 },
        ratio: s.p99 / o.p99,
      },
    ];
    const notes = [
      `${perBlock * BLOCKS} timed clicks each, after ${WARM_UP} untimed ones, in ${BLOCKS} blocks of ${perBlock}, ` +
        `round-robin; each timed from the click until the new "Button clicked N times" count is in the DOM ` +
        `(bench/clickLoop.ts, the loop bench/webview.bench.ts uses; the paint follows in the next frame).`,
      `Ours: the built-in gallery app (src/app/builtinApps.ts) in the side panel of code-server ` +
        `${bed.build.codeServer} (VS Code ${bed.build.vscode}), its webviews served from a site of their own and so run in a ` +
        `process of their own, as desktop VS Code and vscode.dev run them (test/support/webviewSite.ts). ` +
        `The peer: Streamlit ${found.version} (Python ${found.pythonVersion}) running ` +
        `bench/streamlit/gallery.py, the same app element for element (${peer.elements} leaf elements; the ` +
        `star rating is the same v2 component bundle), headless on loopback, in a normal page of the same ` +
        `Chromium ${browser.version()}.` +
        (found.version.startsWith(`${WANTED}.`) ? '' : ` The issue's figure is for Streamlit ${WANTED}.`),
      `Load average (1, 5, 15 min) before: ${loadBefore.join(', ')}; after: ${loadAfter.join(', ')} ` +
        `(2 cores). Page visibility (ours, Streamlit) before: ${visibleBefore.join(', ')}; after: ${visibleAfter.join(', ')}.`,
    ];
    writeResult('streamlit', TITLE, rows, notes);
    for (const note of notes) console.log(note);
    await peer.page.context().close();
  } catch (err) {
    console.error(`Streamlit's log:\n${server.log.join('').slice(-4000)}`);
    throw err;
  } finally {
    await bed?.stop();
    await stopTracked(server.child);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

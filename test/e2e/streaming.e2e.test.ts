/**
 * Streamed runs end to end (the built-in "streaming" app, src/app/streamingApp.ts): elements appear
 * while the run goes on, the previous run's are stale until reached and removed at the end, a
 * placeholder shows each value, text streams token by token, a click stops a streaming run, and hide,
 * reload and an event burst in the middle of a stream lose nothing.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

interface Stats {
  runs: number;
  eventsHandled: number;
  discarded: number;
  status: string;
  busy: boolean;
}

/** What the page saw, sampled on every DOM change (installed in the view). */
interface Seen {
  countdown: string[];
  answerLengths: number[];
  captionWhileRunning: string[];
  oddLineStale: boolean;
  statuses: string[];
}

describe('streamed runs in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed();
  let view: Frame;
  const stats = () => bed().host!.probe<Stats>('app.stats');
  const done = async (after: number) => {
    let last: Stats | undefined;
    try {
      return await waitFor(
        'run done',
        async () => {
          const s = (last = await stats());
          // `busy`: a run asked for but not begun shows nothing yet, and `status` is still the last run's.
          return s.runs > after && s.status === 'done' && !s.busy ? s : undefined;
        },
        60_000,
      );
    } catch (err) {
      throw new Error(`${String(err)}: after run ${after}, last seen ${JSON.stringify(last)}`, { cause: err });
    }
  };

  async function openView(): Promise<Frame> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 20_000 });
    // tsx keeps function names with an `__name` helper that does not exist in the page.
    await view.evaluate('window.__name = (f) => f');
    return view;
  }

  /** Record what the view shows over time, from now on. */
  async function watch(): Promise<void> {
    await view.evaluate(() => {
      const seen: Seen = { countdown: [], answerLengths: [], captionWhileRunning: [], oddLineStale: false, statuses: [] };
      (window as unknown as { __seen: Seen }).__seen = seen;
      const sample = () => {
        const root = document.querySelector('[data-testid="app-root"]');
        const status = root?.getAttribute('data-status') ?? '';
        if (seen.statuses.at(-1) !== status) seen.statuses.push(status);
        const countdown = document.querySelector('[data-testid="el-4/0"]')?.textContent ?? '';
        if (countdown && seen.countdown.at(-1) !== countdown) seen.countdown.push(countdown);
        const answer = document.querySelector('[data-testid="el-6/1"]')?.textContent?.length ?? 0;
        if (answer && seen.answerLengths.at(-1) !== answer) seen.answerLengths.push(answer);
        if (status === 'running') {
          const caption = document.querySelector('[data-testid="el-1"]')?.textContent ?? '';
          if (seen.captionWhileRunning.at(-1) !== caption) seen.captionWhileRunning.push(caption);
          if (document.querySelector('[data-testid="el-8"]')?.closest('.node[data-stale]')) seen.oddLineStale = true;
        }
      };
      new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  }
  const seen = () => view.evaluate(() => (window as unknown as { __seen: Seen }).__seen);

  test('a slow run shows elements before it ends, stale ones marked then removed, each placeholder value, text streaming', async () => {
    await bed().host!.probe('app.select', 'streaming');
    await openView();
    await view.getByText('Odd runs end with this line').waitFor({ timeout: 20_000 }); // run 1 ran to the end
    const before = await stats();
    await watch();
    await view.getByTestId('el-key:slow').click(); // run 2, four times slower
    await done(before.runs);
    const got = await seen();
    assert.ok(
      got.captionWhileRunning.some((c) => c.startsWith('Run 2;')),
      `run 2's caption showed while it ran: ${got.captionWhileRunning}`,
    );
    assert.ok(got.oddLineStale, "run 1's last line was shown stale while run 2 had not reached it");
    assert.equal(await view.getByTestId('el-8').count(), 0, 'and removed when run 2 ended');
    assert.equal(await view.locator('.node[data-stale]').count(), 0);
    for (const value of ['Countdown 3', 'Countdown 2', 'Countdown 1', 'Liftoff']) {
      assert.ok(got.countdown.includes(value), `the placeholder showed "${value}": ${got.countdown.join(', ')}`);
    }
    // Run 1's whole answer shows (stale) until run 2 starts its own.
    const grown = got.answerLengths.slice(got.answerLengths.indexOf(Math.min(...got.answerLengths)));
    assert.ok(grown.length >= 5, `the answer grew in steps: ${got.answerLengths.join(' ')}`);
    assert.deepEqual(
      grown,
      [...grown].sort((a, b) => a - b),
      'and only grew',
    );
    await view.getByText(/^The answer has \d+ characters\.$/).waitFor();
    assert.equal(await view.getByTestId('el-6').getAttribute('data-state'), 'complete');
  });

  test('a click during a streaming run stops it at once and starts another', async () => {
    const before = await stats();
    await view.getByTestId('el-button:Run again').click();
    await view.getByTestId('el-4/0').filter({ hasText: 'Countdown 2' }).waitFor({ timeout: 20_000 });
    await view.getByTestId('el-button:Run again').click();
    const after = await done(before.runs + 1);
    assert.ok(after.discarded > before.discarded, 'the first run was let go');
    assert.equal(after.runs - before.runs, 2);
    await view.getByText(/^The answer has \d+ characters\.$/).waitFor();
  });

  test('hiding the view and reloading the window in the middle of a stream: the view comes back with the run and it ends', async () => {
    const before = await stats();
    await view.getByTestId('el-button:Run again').click();
    await view.getByTestId('el-6').waitFor({ timeout: 20_000 });
    await bed().host!.probe('executeCommand', ['workbench.view.explorer']);
    await new Promise((r) => setTimeout(r, 500));
    await openView();
    await done(before.runs);
    await view.getByText(/^The answer has \d+ characters\.$/).waitFor({ timeout: 20_000 });
    assert.equal(await view.locator('.node[data-stale]').count(), 0);

    await view.getByTestId('el-button:Run again').click();
    await view.getByTestId('el-4/0').filter({ hasText: 'Countdown 2' }).waitFor({ timeout: 20_000 });
    await bed().reload();
    await openView();
    await done(0); // a new extension host: the run it was streaming is gone, the app runs again from its state
    await view.getByText(/^The answer has \d+ characters\.$/).waitFor({ timeout: 20_000 });
    assert.equal(await view.locator('.node[data-stale]').count(), 0);
    assert.equal(await view.getByTestId('app-root').getAttribute('data-status'), 'done');
  });

  test('a burst of 10 000 events during a streaming run: each handled once, the last run ends', async () => {
    await view.getByTestId('el-button:Run again').click();
    await view.getByTestId('el-4/0').filter({ hasText: 'Countdown' }).waitFor({ timeout: 20_000 });
    const before = await stats();
    const N = 10_000;
    await view.evaluate((n) => {
      const outbox = (window as unknown as { __componentHostOutbox: { send(widgetId: string, value: unknown): void } })
        .__componentHostOutbox;
      for (let i = 0; i < n; i++) outbox.send('key:slow', i % 2 === 1); // ends on true: slow stays on
    }, N);
    await waitFor(
      'all events handled',
      async () => {
        const s = await stats();
        return s.eventsHandled - before.eventsHandled >= N && s.status === 'done' ? s : undefined;
      },
      90_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await stats()).eventsHandled - before.eventsHandled, N, 'each event handled exactly once');
    await view.getByText(/^The answer has \d+ characters\.$/).waitFor({ timeout: 20_000 });
    assert.equal(await view.locator('.node[data-stale]').count(), 0);
  });
});

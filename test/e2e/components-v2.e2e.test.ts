/**
 * Streamlit v2 (frameless) components, end to end in code-server + Chromium: unmodified components
 * written against @streamlit/component-v2-lib mount with their data, keep state across reruns and
 * reloads, see each trigger in exactly one run, get the --st-* theme, lose their DOM and then clean up
 * once on unmount, start from default when mounted again, work with isolateStyles: false, fail
 * visibly, and cannot reach anything outside their own frame.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { addComponentV2Demo } from '../support/componentV2Demo';
import { logsMatch } from '../support/files';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

interface Stats {
  runs: number;
}
type V2Stats = Record<'frames' | 'foreign' | 'invalid' | 'events' | 'unmounted' | 'cleanedUp' | 'dropped', number>;

describe('Streamlit v2 components in code-server', { timeout: 400_000 }, () => {
  const bed = useTestBed({ prepareWorkspace: addComponentV2Demo });
  let view: Frame;
  let counter: Frame;
  const summary = async () => (await view.getByText(/^runs: /).textContent()) ?? '';
  const result = async () =>
    JSON.parse(((await view.getByText(/^result: /).textContent()) ?? 'result: null').slice('result: '.length)) as Record<
      string,
      unknown
    > | null;
  const v2Stats = () => view.evaluate(() => ({ ...(window as unknown as { __v2Stats: V2Stats }).__v2Stats }));
  const openCounter = async () => {
    view = await bed().webviewFrame();
    counter = await bed().webviewFrame('#counter #count');
  };

  test('an unmodified component mounts with its data; default costs no extra run', async () => {
    await bed().host!.probe('app.select', 'apps/v2-demo.js');
    await bed().runCommand('Component Host: Open');
    await openCounter();
    await counter.locator('#label', { hasText: 'clicks' }).waitFor({ timeout: 20_000 });
    assert.equal(await counter.locator('#count').textContent(), '5');
    assert.deepEqual(await result(), { count: 5, clicked: null });
    // The counter set no state yet and the app saw count 5 from `default` in its first run.
    const runs = (await bed().host!.probe<Stats>('app.stats')).runs;
    assert.equal(runs, 1, `runs after mounting: ${runs}`);
    assert.match((await counter.locator('#identity').textContent()) ?? '', /^counter generated-key$/);
    // No frame height to set: the frame follows its content.
    await waitFor(
      'the frame sized to its content',
      async () => {
        const content = await counter.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
        const frame = await view
          .getByTestId('el-key:counter')
          .locator('.component-v2-slot')
          .evaluate((e) => e.getBoundingClientRect().height);
        return content > 20 && Math.abs(frame - content) <= 1 ? true : undefined;
      },
      10_000,
    );
  });

  test('a state value reruns the app, reaches the same DOM as new data, and survives a rerun', async () => {
    const mountedAt = await counter.locator('#counter').getAttribute('data-mounted-at');
    await counter.locator('#increment').click();
    await counter.locator('#count', { hasText: '6' }).waitFor({ timeout: 10_000 });
    assert.equal((await result())?.count, 6);
    assert.equal(
      await counter.locator('#counter').getAttribute('data-mounted-at'),
      mountedAt,
      'the renderer was called again on the same DOM',
    );
    assert.match(await summary(), /state callbacks: 1;/);
    await view.getByTestId('el-key:rerun').click();
    await view.getByText(/^runs: 3;/).waitFor({ timeout: 10_000 });
    assert.equal((await result())?.count, 6);
    // The same value again: no callback (the value did not change).
    await counter.locator('#same').click();
    await view.getByText(/^runs: 4;/).waitFor({ timeout: 10_000 });
    assert.match(await summary(), /state callbacks: 1;/);
  });

  test('a trigger is seen by exactly one run and is null afterwards; its callback runs every time', async () => {
    await counter.locator('#fire').click();
    await view.getByText(/trigger callbacks: 1;/).waitFor({ timeout: 10_000 });
    const seenIn = JSON.parse(/trigger seen in runs: (.*)$/.exec(await summary())![1]!) as number[];
    assert.equal(seenIn.length, 1);
    assert.equal(typeof (await result())?.clicked, 'number');
    await view.getByTestId('el-key:rerun').click();
    await waitFor('the rerun after the trigger', async () => ((await result())?.clicked === null ? true : undefined));
    assert.equal((JSON.parse(/trigger seen in runs: (.*)$/.exec(await summary())![1]!) as number[]).length, 1);
  });

  test('five triggers fired at once are all seen, each by one run', async () => {
    await counter.locator('#burst').click();
    await view.getByText(/trigger callbacks: 6;/).waitFor({ timeout: 15_000 });
    await waitFor(
      'five more runs saw a trigger',
      async () => {
        const seen = JSON.parse(/trigger seen in runs: (.*)$/.exec(await summary())![1]!) as number[];
        return seen.length === 6 && new Set(seen).size === 6 ? seen : undefined;
      },
      15_000,
    );
  });

  test('the --st-* properties match the VS Code theme and follow a theme switch', async () => {
    for (const theme of ['Default Light Modern', 'Default Dark Modern']) {
      await bed().host!.probe('setSetting', ['workbench.colorTheme', theme]);
      await waitFor(
        `--st-primary-color for ${theme}`,
        async () => {
          const vscode = await view.evaluate(() => ({
            primary: getComputedStyle(document.body).getPropertyValue('--vscode-button-background').trim(),
            text: getComputedStyle(document.body).getPropertyValue('--vscode-foreground').trim(),
          }));
          const seen = await counter.evaluate(() => {
            const style = getComputedStyle(document.documentElement);
            return {
              primary: style.getPropertyValue('--st-primary-color').trim(),
              text: style.getPropertyValue('--st-text-color').trim(),
              names: [...document.documentElement.style].filter((n) => n.startsWith('--st-')).length,
            };
          });
          return seen.primary === vscode.primary && seen.text === vscode.text && seen.names >= 60 ? true : undefined;
        },
        15_000,
      );
    }
  });

  test('isolateStyles: false mounts in the document, where document.getElementById finds its elements', async () => {
    const plain = await bed().webviewFrame('#plain-out');
    await plain.locator('#plain-out', { hasText: 'found by id' }).waitFor({ timeout: 10_000 });
    assert.equal(await plain.locator('#plain-out').getAttribute('data-parent-is-shadow-root'), 'false');
    assert.equal(await counter.evaluate(() => document.getElementById('count')), null, 'the isolated counter lives in a shadow root');
  });

  test('a renderer that throws, a module without a default export and a syntax error each show a clear error; the rest works', async () => {
    const errors = view.getByTestId('component-v2-error');
    await waitFor('three component errors', async () => ((await errors.count()) === 3 ? true : undefined), 15_000);
    const texts = await errors.allTextContents();
    assert.ok(
      texts.some((t) => t.includes('broken') && t.includes('this renderer always fails')),
      texts.join('\n'),
    );
    assert.ok(
      texts.some((t) => t.includes('nodefault') && t.includes('no default export')),
      texts.join('\n'),
    );
    assert.ok(
      texts.some((t) => t.includes('syntax') && t.includes('failed to load')),
      texts.join('\n'),
    );
    await counter.locator('#increment').click();
    await counter.locator('#count', { hasText: '7' }).waitFor({ timeout: 10_000 });
  });

  test('the state survives a window reload', async () => {
    await bed().reload();
    await bed().runCommand('Component Host: Open');
    await openCounter();
    await counter.locator('#count', { hasText: '7' }).waitFor({ timeout: 20_000 });
    assert.equal((await result())?.count, 7);
  });

  test('unmounting removes the DOM first, then runs the last cleanup once (as Streamlit 1.64)', async () => {
    const before = await v2Stats();
    const cleanups: string[] = [];
    const onConsole = (m: { text(): string }) => void (m.text().startsWith('counter cleanup') && cleanups.push(m.text()));
    bed().page.on('console', onConsole);
    try {
      await view.getByTestId('el-key:show').click();
      await waitFor(
        'the counter unmounted and cleaned up',
        async () => {
          const after = await v2Stats();
          return after.cleanedUp > before.cleanedUp && cleanups.length > 0 ? true : undefined;
        },
        10_000,
      );
      await bed().page.waitForTimeout(1000); // a second cleanup would have shown by now
    } finally {
      bed().page.off('console', onConsole);
    }
    assert.equal(cleanups.length, 1, cleanups.join('\n'));
    assert.deepEqual(JSON.parse(cleanups[0]!.replace(/^counter cleanup \d+ /, '')), { connected: false, children: 0 });
    assert.equal((await v2Stats()).cleanedUp - before.cleanedUp, 1);
    assert.equal(await result(), null);
  });

  test('a keyed instance that was not rendered in a run starts again from default, with a new front end (as Streamlit 1.64)', async () => {
    await view.getByTestId('el-key:show').click();
    await openCounter();
    await counter.locator('#count', { hasText: '5' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await result(), { count: 5, clicked: null });
    assert.equal(await counter.locator('#calls').textContent(), '1', 'a fresh instance: its renderer was called once');
  });

  test('a hostile component reaches nothing outside its frame; its attempts are counted; the view keeps working', async () => {
    const before = await v2Stats();
    await view.getByTestId('el-key:hostile').click();
    const text = view.getByText(/^hostile: /);
    await waitFor(
      'the hostile component reported',
      async () => {
        const t = (await text.textContent().catch(() => null)) ?? '';
        return t.includes('"attempts"') && t.includes('"fetchLoopback"') ? t : undefined;
      },
      20_000,
    );
    const hostile = JSON.parse(((await text.textContent()) ?? '').slice('hostile: '.length)) as {
      attempts: Record<string, string>;
      fetchLoopback: string;
      flood: number;
    };
    for (const [what, outcome] of Object.entries(hostile.attempts)) {
      if (what !== 'fetchLoopback') assert.equal(outcome, 'blocked', `${what}: ${outcome}`);
    }
    assert.equal(hostile.fetchLoopback, 'blocked');
    assert.equal(hostile.flood, 4999, 'the flood arrives as its latest value');
    const after = await v2Stats();
    assert.ok(after.foreign - before.foreign >= 2000, `foreign messages counted: ${after.foreign - before.foreign}`);
    const runs = (await bed().host!.probe<Stats>('app.stats')).runs;
    await counter.locator('#increment').click();
    await counter.locator('#count', { hasText: '6' }).waitFor({ timeout: 10_000 });
    assert.ok((await bed().host!.probe<Stats>('app.stats')).runs > runs);
    // …and logged by the host, once a second at most, not once per message.
    await waitFor(
      'the attempts in the extension log',
      () => (logsMatch(bed(), /component "hostile": \d+ messages posted outside its channel/) ? true : undefined),
      15_000,
    );
  });

  test("the built-in example (the gallery's star rating) keeps its rating and fires its trigger once", async () => {
    await bed().host!.probe('app.select', 'gallery');
    const rating = await bed().webviewFrame('.rating .star');
    await waitFor(
      'five stars, three on',
      async () => ((await rating.locator('.star').count()) === 5 && (await rating.locator('.star.on').count()) === 3 ? true : undefined),
      15_000,
    );
    await rating.locator('.star').nth(3).click();
    await waitFor('four stars on', async () => ((await rating.locator('.star.on').count()) === 4 ? true : undefined), 10_000);
    await rating.locator('.submit').click();
    await view.getByText('Thanks: 4 of 5 stars', { exact: false }).waitFor({ timeout: 10_000 });
    await view.getByTestId('el-key:click').click();
    await view.getByText('Button clicked 1 times', { exact: false }).waitFor({ timeout: 10_000 });
    assert.equal(await view.getByText('Thanks: 4 of 5 stars', { exact: false }).count(), 0, 'the trigger was seen by one run only');
  });
});

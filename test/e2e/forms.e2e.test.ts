/**
 * Forms and fragments end to end (the built-in "flow" app, src/app/flowApp.ts): a form's edits rerun
 * nothing and reach the app in one submit, one event and one run; a form that clears itself; a
 * fragment's button reruns the fragment alone (the app's run counter stays, nothing outside it is
 * sent again); a fragment on a timer ticks; a form without a submit button says so; edits survive
 * hiding the view, and a submit made just before a window reload lands exactly once.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTestBed } from '../support/suite';
import { dialogPath } from '../support/fileDialog';
import { waitFor } from '../support/processes';

interface Stats {
  runs: number;
  fragmentRuns: number;
  eventsHandled: number;
  status: string;
  busy: boolean;
}

describe('forms and fragments in code-server', { timeout: 300_000 }, () => {
  const bed = useTestBed();
  let view: Frame;
  const stats = () => bed().host!.probe<Stats>('app.stats');
  /** The host has run (at least `runs` runs in all) and is idle. */
  const settled = (runs: number) =>
    waitFor(
      `run ${runs} done`,
      async () => {
        const s = await stats();
        return s.runs >= runs && s.status === 'done' && !s.busy ? s : undefined;
      },
      60_000,
    );

  async function openView(): Promise<Frame> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 20_000 });
    await view.evaluate('window.__name = (f) => f'); // tsx's helper for function names, absent in the page
    return view;
  }
  const appRuns = async () => Number(/App runs: (\d+)/.exec(await view.getByText(/^App runs: \d+/).innerText())?.[1]);
  const saved = () => view.getByText(/^Saved: /);
  const fragmentText = () => view.getByText(/^Count: \d+; fragment runs: \d+$/);

  test('a form: edits rerun nothing, stay through another rerun, and reach the app in one submit and one run', async () => {
    await bed().host!.probe('app.select', 'flow');
    await openView();
    await saved().waitFor({ timeout: 20_000 });
    const start = await settled(1);
    const runsBefore = await appRuns();

    const name = view.getByTestId('el-key:name').locator('input');
    await name.fill('Ada');
    await name.press('Tab'); // committed as it loses focus (Enter would submit the form)
    const level = view.getByTestId('el-key:level');
    await level.focus();
    await level.press('ArrowRight');
    await level.press('ArrowRight');
    await view.getByTestId('el-key:subscribe').click();
    assert.equal(
      await view.evaluate(() => (window as unknown as { __componentHostDrafts: { pending: number } }).__componentHostDrafts.pending),
      3,
    );

    // A click outside the form: its event comes after any the edits could have sent, so once it is handled, nothing else was.
    const text = await fragmentText().innerText();
    await view.getByTestId('el-key:count').click();
    await fragmentText().filter({ hasNotText: text }).waitFor({ timeout: 20_000 });
    const between = await settled(start.runs + 1);
    assert.equal(between.eventsHandled - start.eventsHandled, 1, 'the edits sent no event');
    assert.equal(between.runs - start.runs, 1, 'and ran nothing');
    assert.equal(await appRuns(), runsBefore);
    assert.match(await saved().innerText(), /^Saved: null/);
    assert.equal(await level.inputValue(), '5', 'the edits are still shown');
    assert.equal(await name.inputValue(), 'Ada');

    await view.getByTestId('el-key:save').click();
    await saved().filter({ hasText: '{"name":"Ada","level":5,"subscribe":true} after 1 submits' }).waitFor({ timeout: 20_000 });
    const after = await settled(between.runs + 1);
    assert.equal(after.eventsHandled - between.eventsHandled, 1, 'one event for the submit');
    assert.equal(after.runs - between.runs, 1, 'one run with all the values');
    assert.equal(await appRuns(), runsBefore + 1);
    assert.equal(await level.inputValue(), '5');
    assert.equal(await view.getByTestId('el-key:subscribe').evaluate((box) => (box as HTMLInputElement).checked), true);
  });

  test("Enter in a text field of a form submits it, with the other fields' edits", async () => {
    const before = await stats();
    const level = view.getByTestId('el-key:level');
    await level.focus();
    await level.press('ArrowLeft');
    const name = view.getByTestId('el-key:name').locator('input');
    await name.fill('Linus');
    await name.press('Enter');
    await saved().filter({ hasText: '{"name":"Linus","level":4,"subscribe":true} after 2 submits' }).waitFor({ timeout: 20_000 });
    const after = await settled(before.runs + 1);
    assert.equal(after.eventsHandled - before.eventsHandled, 1, 'one event');
  });

  test("a form's width: `content` is as wide as its widgets, not the panel", async () => {
    const widths = await view.evaluate(() => {
      const form = (key: string) => document.querySelector(`[role="group"][aria-label="form ${key}"]`)!.getBoundingClientRect().width;
      return { profile: form('profile'), todo: form('todo') };
    });
    assert.ok(
      widths.todo < widths.profile,
      `the todo form (content: ${widths.todo} px) is narrower than the profile form (stretch: ${widths.profile} px)`,
    );
  });

  test('clearOnSubmit: the submit run sees the value, then the field is empty again', async () => {
    const task = view.getByTestId('el-key:task').locator('input');
    for (const [value, list] of [
      ['Write docs', 'Write docs'],
      ['Ship', 'Write docs, Ship'],
    ] as const) {
      await task.fill(value);
      await task.press('Tab');
      await view.getByTestId('el-key:add').click();
      await view.getByText(`To do: ${list}`, { exact: true }).waitFor({ timeout: 20_000 });
      await waitFor('the field cleared', async () => ((await task.inputValue()) === '' ? true : undefined), 10_000);
    }
  });

  test("a fragment's button reruns the fragment alone: the app's counter stays, nothing outside it is sent again", async () => {
    const before = await settled(1);
    const runsBefore = await appRuns();
    const fragment = await view.getByTestId('el-key:count').evaluate((button) => button.closest('.fragment')!.getAttribute('data-testid'));
    const fragmentId = fragment!.replace(/^el-/, '');
    // Every node id the host sets in a patch, from now on.
    await view.evaluate(() => {
      const w = window as unknown as { __componentHostRenders: { apply(m: { set: { id?: string }[] }): unknown }; __setIds: string[] };
      const store = w.__componentHostRenders;
      const apply = store.apply.bind(store);
      w.__setIds = [];
      store.apply = (message) => {
        w.__setIds.push(...message.set.map((n) => String(n.id)));
        return apply(message);
      };
    });
    const [, count, runs] = /Count: (\d+); fragment runs: (\d+)/.exec(await fragmentText().innerText())!.map(Number);
    await view.getByTestId('el-key:count').click();
    await view.getByText(`Count: ${count! + 1}; fragment runs: ${runs! + 1}`).waitFor({ timeout: 20_000 });
    const after = await settled(before.runs + 1);
    assert.equal(after.fragmentRuns - before.fragmentRuns, 1);
    assert.equal(after.runs - before.runs, 1);
    assert.equal(await appRuns(), runsBefore, "the app's own counter did not move");
    const setIds = await view.evaluate(() => (window as unknown as { __setIds: string[] }).__setIds);
    assert.ok(setIds.length > 0, 'the fragment was sent');
    assert.deepEqual(
      setIds.filter((id) => !id.startsWith(`${fragmentId}/`)),
      [],
      `only the fragment's children were sent again (${setIds.join(', ')})`,
    );
  });

  test("an exception in a fragment's rerun shows in the fragment's place; the rest stays, and the next rerun clears it", async () => {
    const runsBefore = await appRuns();
    const fragment = view.locator('.fragment', { has: view.getByTestId('el-key:break') });
    await view.getByTestId('el-key:break').click();
    await fragment.getByText('Error: the fragment broke on purpose').waitFor({ timeout: 20_000 });
    await fragmentText().waitFor(); // what the fragment declared before it threw is still there
    assert.equal(await view.getByTestId('app-error').count(), 1, 'the error shows once, in the fragment, not also above the app');
    assert.equal(await fragment.getByTestId('app-error').count(), 1);
    assert.equal(await appRuns(), runsBefore, 'the app itself did not rerun');
    await view.getByTestId('el-key:count').click();
    await waitFor(
      'the exception gone',
      async () => ((await fragment.getByText('Error: the fragment broke on purpose').count()) === 0 ? true : undefined),
      20_000,
    );
  });

  test("fragment keys: a button's onClick reruns the keyed fragment alone, st.rerun({ scope: 'clock' })", async () => {
    const clock = () => view.getByText(/^Clock: \d+ fragment runs, \d+ refreshes$/);
    await clock().waitFor({ timeout: 20_000 });
    const before = await settled(1);
    const runsBefore = await appRuns();
    const [runs, refreshes] = (/(\d+) fragment runs, (\d+)/.exec(await clock().innerText()) ?? []).slice(1).map(Number);
    await view.getByTestId('el-key:refreshClock').click();
    await view.getByText(`Clock: ${runs! + 1} fragment runs, ${refreshes! + 1} refreshes`).waitFor({ timeout: 20_000 });
    const after = await settled(before.runs + 1);
    assert.equal(after.fragmentRuns - before.fragmentRuns, 1, 'one fragment run');
    assert.equal(after.runs - before.runs, 1, 'and no other run');
    assert.equal(await appRuns(), runsBefore, 'the app itself did not rerun');
  });

  test('runEvery: a fragment on a timer reruns alone, tick after tick', async () => {
    await view.getByTestId('el-key:ticking').click();
    await view.getByText(/^Ticks: \d+$/).waitFor({ timeout: 20_000 });
    const runsBefore = await appRuns();
    const first = await stats();
    const ticks = Number(/\d+/.exec(await view.getByText(/^Ticks: \d+$/).innerText())![0]);
    await view.getByText(`Ticks: ${ticks + 3}`, { exact: true }).waitFor({ timeout: 30_000 });
    const later = await stats();
    assert.ok(later.fragmentRuns - first.fragmentRuns >= 3, 'each tick is a fragment run');
    assert.equal(await appRuns(), runsBefore, 'the app itself did not rerun');
    await view.getByTestId('el-key:ticking').click(); // off again: no more timer
    await waitFor('the timer gone', async () => ((await view.getByText(/^Ticks: \d+$/).count()) === 0 ? true : undefined), 20_000);
  });

  test('a file uploader in a form: the host holds the picked file until the submit, which clears the form', async () => {
    writeFileSync(join(bed().workspace, 'notes.txt'), 'held until Attach');
    const attached = () => view.getByText(/^Attached: /);
    await attached().waitFor({ timeout: 20_000 });
    const before = await settled(1);
    const runsBefore = await appRuns();
    await view.getByTestId('el-key:attachment-pick').click();
    await dialogPath(bed(), join(bed().workspace, 'notes.txt'));
    await view.getByTestId('el-key:attachment').getByText('notes.txt').waitFor({ timeout: 15_000 });
    const held = await stats();
    assert.equal(held.eventsHandled, before.eventsHandled, 'the pick is an edit of the form: no event');
    assert.equal(await appRuns(), runsBefore, 'and nothing reran');
    assert.match(await attached().innerText(), /^Attached: nothing yet$/);

    await view.getByTestId('el-key:attach').click();
    await attached().filter({ hasText: 'Attached: notes.txt, 17 bytes' }).waitFor({ timeout: 20_000 });
    assert.equal((await settled(before.runs + 1)).eventsHandled - before.eventsHandled, 1, 'one submit, one event');
    await waitFor(
      'the uploader cleared (clearOnSubmit)',
      async () => ((await view.getByTestId('el-key:attachment').getByText('notes.txt').count()) === 0 ? true : undefined),
      10_000,
    );
  });

  test("a v2 component in a form: its state waits for the submit and goes with it; its triggers don't", async () => {
    const rated = () => view.getByText(/^Rated: /);
    await rated().waitFor({ timeout: 20_000 });
    const before = await settled(1);
    const runsBefore = await appRuns();
    const rating = await bed().webviewFrame('.rating .star');
    const drafts = () =>
      view.evaluate(() => (window as unknown as { __componentHostDrafts: { pending: number } }).__componentHostDrafts.pending);
    const pendingBefore = await drafts();
    await rating.locator('.star').nth(3).click();
    await rating.locator('.submit').click(); // a trigger: dropped in a form, as Streamlit's component library drops it
    await waitFor('the rating held in the form', async () => ((await drafts()) === pendingBefore + 1 ? true : undefined), 10_000);
    await new Promise((r) => setTimeout(r, 500));
    const held = await stats();
    assert.equal(held.eventsHandled, before.eventsHandled, 'the component sent nothing to the host');
    assert.equal(await appRuns(), runsBefore, 'and nothing reran');
    assert.match(await rated().innerText(), /^Rated: not yet$/);

    await view.getByTestId('el-key:sendRating').click();
    await rated().filter({ hasText: 'Rated: 4' }).waitFor({ timeout: 20_000 });
    const after = await settled(before.runs + 1);
    assert.equal(after.eventsHandled - before.eventsHandled, 1, 'one submit, one event');
    assert.equal(after.runs - before.runs, 1, 'one run');
    await waitFor(
      'four stars drawn from the state the submit sent',
      async () => ((await rating.locator('.star.on').count()) === 4 ? true : undefined),
      10_000,
    );
  });

  test('a form without a submit button shows an error, as Streamlit does', async () => {
    await view.getByTestId('el-key:broken').click();
    const alert = view.locator('[data-testid^="form-missing-submit-"]');
    await alert.waitFor({ timeout: 20_000 });
    assert.match(await alert.innerText(), /Missing Submit Button/);
    assert.match(await alert.innerText(), /st\.formSubmitButton\(\)/);
    await view.getByTestId('el-key:broken').click();
    await alert.waitFor({ state: 'detached', timeout: 20_000 });
  });

  test('edits survive hiding the view; a submit made just before a window reload lands exactly once', async () => {
    const name = () => view.getByTestId('el-key:name').locator('input');
    await name().fill('Grace');
    await name().press('Tab');
    await waitFor('the edit held', () =>
      view.evaluate(() => {
        const drafts = (window as unknown as { __componentHostDrafts: { get(id: string, form: string): { value: unknown } | undefined } })
          .__componentHostDrafts;
        return drafts.get('key:name', 'profile')?.value === 'Grace' ? true : undefined;
      }),
    );
    // Hidden, the view's document is disposed (a browser tab never is): the edit comes back from the webview state.
    await bed().host!.probe('executeCommand', ['workbench.view.explorer']);
    await waitFor('view hidden', async () => ((await bed().host!.probe<{ visible: boolean }>('viewState')).visible ? undefined : true));
    await openView();
    await saved().waitFor({ timeout: 20_000 });
    await waitFor('the edit is back', async () => ((await name().inputValue()) === 'Grace' ? true : undefined), 20_000);
    assert.match(await saved().innerText(), /"name":"Linus"/, 'and still not submitted');

    const submits = Number(/after (\d+) submits$/.exec(await saved().innerText())![1]);
    const handled = (await stats()).eventsHandled;
    await view.getByTestId('el-key:save').click();
    // Reloaded as soon as the host has the submit, whether or not its ack has reached the view: the
    // view sends again what its saved outbox still holds, and the host applies it once. (A reload while
    // the event is still in VS Code's own pipes can lose it with the view state VS Code had not stored
    // yet: seen once in a clean-clone run; that is VS Code's to keep, not ours.)
    await waitFor('the host to have the submit', async () => ((await stats()).eventsHandled > handled ? true : undefined), 10_000, 5);
    await bed().reload();
    await openView();
    await saved().filter({ hasText: '"name":"Grace"' }).waitFor({ timeout: 30_000 });
    await settled(1);
    assert.ok((await saved().innerText()).endsWith(`after ${submits + 1} submits`), 'the submit was applied once');
  });
});

/**
 * The built-in demo, walked as a user would through the real UI: open the view, pages locked, sign
 * in through the identity provider's page, pages unlock, the rating thanks only after a submit, the
 * protected route answers 200 from the app and from the component, the report log lists the
 * component's events newest first, the slider value and the component's events survive a window
 * reload, and signing out locks the pages and the protected route answers 401. Shared by the local
 * (installed .vsix) and remote topology tests; it needs no in-host probes.
 */
import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import type { TestBed } from './testBed';
import { waitFor } from './processes';

/** Runs `action`, which makes VS Code open a URL in the browser (confirming its "Open" dialog), and returns that page. */
export async function openingBrowser(bed: TestBed, action: () => Promise<unknown>): Promise<Page> {
  const popup = bed.page.context().waitForEvent('page', { timeout: 30_000 });
  await action();
  const open = bed.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
  const page = await Promise.race([popup, open.click({ timeout: 30_000 }).then(() => popup)]);
  await page.waitForLoadState();
  return page;
}

/** Continues on the development provider's login page, unless it already went on (single sign-on). */
export async function signInOnPage(login: Page): Promise<void> {
  const done = () => /\/cb\?/.test(login.url());
  if (done()) return;
  await login
    .locator('#continue')
    .click({ timeout: 20_000 })
    .catch((err: unknown) => {
      if (!done()) throw err;
    });
}

export interface DemoWalkSteps {
  /** Called at each milestone, e.g. to take a screenshot. */
  onStep?: (name: string, view: Frame) => Promise<void>;
}

export async function walkTheDemo(bed: TestBed, steps: DemoWalkSteps = {}): Promise<void> {
  const step = async (name: string, view: Frame) => steps.onStep?.(name, view);
  await bed.runCommand('Component Host: Open');
  let view = await bed.webviewFrame();
  await view.getByText('Component Host demo').waitFor({ timeout: 30_000 });
  const tab = (label: string) => view.locator('vscode-tab-header', { hasText: label });

  // Signed out: both pages are locked.
  await tab('Page 1').click();
  await view.getByText('Page 1 is locked', { exact: false }).waitFor({ timeout: 10_000 });
  await tab('Page 2').click();
  await view.getByText('Page 2 is locked', { exact: false }).waitFor({ timeout: 10_000 });
  await view.getByText('Authenticate', { exact: true }).first().waitFor();
  await step('signed-out', view);

  // Sign in from the app's button, through the provider's login page.
  const login = await openingBrowser(bed, () => view.getByTestId('el-key:signInOut').click());
  await signInOnPage(login);
  await login.waitForURL(/\/cb\?/, { timeout: 20_000 });
  await login.close();
  await view
    .getByTestId('el-key:signInOut')
    .filter({ hasText: /Sign out \| host \(current login valid till .+\)/ })
    .waitFor({ timeout: 20_000 });
  await view.getByText('Development User (developer@component-host.local)').first().waitFor({ timeout: 10_000 });
  await tab('Page 1').click();
  await view.getByText('Welcome, Development User.', { exact: false }).waitFor({ timeout: 10_000 });
  await step('signed-in', view);

  // The rating (a Streamlit v2 component) thanks only in the run its submit caused.
  const rating = await bed.webviewFrame('.rating .submit');
  await rating.locator('.star').nth(4).waitFor({ timeout: 15_000 });
  assert.equal(await view.getByText(/^Thanks/).count(), 0, 'no thanks before a submit');
  await rating.locator('.star').nth(3).click();
  await waitFor('four stars on', async () => ((await rating.locator('.star.on').count()) === 4 ? true : undefined), 10_000);
  assert.equal(await view.getByText(/^Thanks/).count(), 0, 'a rating is not a submit');
  await rating.locator('.submit').click();
  await view.getByText('Thanks: 4 of 5 (a Streamlit v2 component).').waitFor({ timeout: 10_000 });

  // The protected route from the app and from the component (host-delegated): 200 with a token.
  // The same text may be on screen from an earlier call: wait for the run this click causes to finish.
  const runsBefore = Number(await view.getByTestId('app-root').getAttribute('data-runs'));
  await view.getByTestId('el-key:appProtected').click();
  await view.getByText('app: GET /api/pong · token: yes · 200 OK').waitFor({ timeout: 30_000 });
  await waitFor(
    'the run of the click',
    async () => {
      const root = view.getByTestId('app-root');
      const runs = Number(await root.getAttribute('data-runs'));
      return runs > runsBefore && (await root.getAttribute('data-status')) === 'done' ? true : undefined;
    },
    30_000,
  );
  assert.equal(await view.getByText(/^Thanks/).count(), 0, 'a later run does not thank again');
  const component = await bed.webviewFrame('[data-testid="call-api-protected"]');
  await component.getByTestId('call-api-protected').click();
  await view.getByText('component: GET /api/pong · token: yes · 200 OK').waitFor({ timeout: 30_000 });

  // The component's events, newest first; the forced-status counter.
  for (const id of ['notify-status', 'notify-action', 'notify-report', 'notify-error', 'force-status', 'force-status']) {
    await component.getByTestId(id).click();
  }
  await view.getByText('Forced status updates: 2').waitFor({ timeout: 15_000 });
  await view.getByText('Status: busy — forced update #2').waitFor();
  const events = await waitFor(
    'the report log',
    async () => {
      const cells = await view.locator('table tbody tr td:nth-child(3)').allTextContents();
      return cells.length >= 7 ? cells : undefined;
    },
    15_000,
  );
  assert.deepEqual(events.slice(0, 6), ['status', 'status', 'error', 'report', 'action', 'status'], `report log: ${events.join(', ')}`);
  await step('events', view);

  // Page 2's slider keeps its value across a window reload.
  await tab('Page 2').click();
  const slider = view.locator('input.slider').first();
  await slider.focus();
  await slider.press('ArrowRight');
  await slider.press('ArrowRight');
  await view.getByText('Level 3: expert.').waitFor({ timeout: 10_000 });
  await bed.reload();
  await bed.runCommand('Component Host: Open');
  view = await bed.webviewFrame();
  await view.getByText('Component Host demo').waitFor({ timeout: 30_000 });
  await tab('Page 2').click();
  await view.getByText('Level 3: expert.').waitFor({ timeout: 20_000 });
  assert.equal(await view.locator('input.slider').first().inputValue(), '3');
  // The component's events are part of the session too: the log, the status, the count and the last call survive.
  await view.getByText('Forced status updates: 2').waitFor({ timeout: 10_000 });
  await view.getByText('Status: busy — forced update #2').waitFor();
  await view.getByText('component: GET /api/pong · token: yes · 200 OK').waitFor();
  const eventsAfterReload = await view.locator('table tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(eventsAfterReload, events, 'the report log after the reload');

  // Sign out: the pages lock, and the protected route answers 401 (no token to send).
  await view.getByTestId('el-key:signInOut').click();
  await view.getByTestId('el-key:signInOut').filter({ hasText: 'Sign in | host' }).waitFor({ timeout: 20_000 });
  await view.getByText('Page 2 is locked', { exact: false }).waitFor({ timeout: 10_000 });
  await view.getByTestId('el-key:appProtected').click();
  await view.getByText(/^app: GET \/api\/pong · token: no · 401/).waitFor({ timeout: 30_000 });
  await step('signed-out-again', view);
}

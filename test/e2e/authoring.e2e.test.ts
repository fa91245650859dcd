/**
 * Writing apps like a developer, in real code-server: New App scaffolds a TypeScript app; with two
 * local imports it runs, and saving an imported module reruns it; the editor's suggest widget lists
 * `st.` commands with their docs (TypeScript and JavaScript); a thrown error becomes a Problems
 * diagnostic and a link in the view that opens the right line; Select App lists apps only; a file
 * changed on disk by another tool reruns; st.cacheData hits, expires and is emptied by Clear Cache.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { useTestBed } from '../support/suite';
import { waitFor } from '../support/processes';

const appWithImports = `import type { St } from 'component-host';
import { greeting } from './lib/greeting.ts';
import { total } from './lib/numbers';

export default function app(st: St): void {
  st.title('Report');
  st.text(greeting('Ada'));
  st.text(\`Total: \${total([1, 2, 3])}\`);
}
`;

/** A sample across the API (the unit test st-declarations checks that every member is declared). */
const everyCommand = [
  'title',
  'markdown',
  'table',
  'button',
  'textInput',
  'selectbox',
  'component',
  'components',
  'columns',
  'sessionState',
  'rerun',
];

describe('authoring apps in code-server', { timeout: 420_000 }, () => {
  const bed = useTestBed({
    // A component bundle, as the component tests have: Select App must not offer it as an app.
    prepareWorkspace: (workspace) => {
      mkdirSync(join(workspace, 'components', 'stlib'), { recursive: true });
      writeFileSync(join(workspace, 'components', 'stlib', 'main.js'), 'window.bundle = true;\n');
    },
  });
  let view: Frame;
  const probe = <T>(name: string, args?: unknown) => bed().host!.probe<T>(name, args);
  const page = (): Page => bed().page;

  /** The view's document, found again: a test must not depend on the frame of an earlier one. */
  async function openView(): Promise<Frame> {
    await bed().runCommand('Component Host: Open');
    view = await bed().webviewFrame();
    await view.getByTestId('app-root').waitFor({ timeout: 30_000 });
    return view;
  }

  async function quickPick(text: string): Promise<void> {
    const input = page().locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(text);
    await page().locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 10_000 });
    await page().keyboard.press('Enter');
  }

  test('New App scaffolds a TypeScript app; with two local imports it runs in the view', async () => {
    await bed().runCommand('Component Host: New App');
    await quickPick('TypeScript');
    const input = page().locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('report');
    await page().keyboard.press('Enter');
    await waitFor('the new app is open', async () =>
      (await probe<{ file: string } | null>('authoring.activeEditor'))?.file === 'apps/report.ts' ? true : undefined,
    );
    await openView();
    await view.locator('h1', { hasText: 'report' }).waitFor({ timeout: 20_000 });

    // New files (no save event: nothing imports them yet), then the app that imports them is saved.
    await probe('authoring.writeFile', [
      'apps/lib/greeting.ts',
      `export const greeting = (name: string): string => \`Hello, \${name}!\`;\n`,
    ]);
    await probe('authoring.writeFile', [
      'apps/lib/numbers.ts',
      `export function total(values: number[]): number {\n  return values.reduce((a, b) => a + b, 0);\n}\n`,
    ]);
    await probe('app.editAndSave', ['apps/report.ts', appWithImports]);
    await view.getByText('Hello, Ada!').waitFor({ timeout: 15_000 });
    await view.getByText('Total: 6').waitFor();
  });

  test('saving an imported module reruns the app', async () => {
    await probe('app.editAndSave', [
      'apps/lib/greeting.ts',
      `export const greeting = (name: string): string => \`Welcome back, \${name}.\`;\n`,
    ]);
    await view.getByText('Welcome back, Ada.').waitFor({ timeout: 15_000 });
  });

  test('an imported module changed on disk by another tool (no save in the editor) reruns the app', async () => {
    await probe('authoring.writeFile', [
      'apps/lib/greeting.ts',
      `export const greeting = (name: string): string => \`Written outside, \${name}.\`;\n`,
    ]);
    await view.getByText('Written outside, Ada.').waitFor({ timeout: 15_000 });
  });

  async function suggestionsAfterSt(file: string, line: number): Promise<{ labels: string[]; completions: string[]; details: string }> {
    const before = readFileSync(join(bed().workspace, file), 'utf8');
    try {
      return await suggest(file, line);
    } finally {
      // Never leave the typed text behind for the next test.
      await page().keyboard.press('Escape');
      await probe('app.editAndSave', [file, before]);
      await probe('executeCommand', ['workbench.action.closeActiveEditor']);
    }
  }

  async function suggest(file: string, line: number): Promise<{ labels: string[]; completions: string[]; details: string }> {
    await probe('app.openFile', file);
    await probe('authoring.cursorAtEndOf', line);
    await page().keyboard.type('\nst.');
    await waitFor(
      'the typed text reaches the document',
      async () => {
        const at = await probe<{ file: string; line: number; text: string }>('authoring.activeEditor');
        return at?.file === file && at.line === line + 1 && at.text.trim() === 'st.' ? true : undefined;
      },
      10_000,
    );
    // The TypeScript server may still be starting: wait until it answers with st's members.
    await waitFor(
      'the language server completes st.',
      async () => ((await probe<string[]>('authoring.completions')).includes('textInput') ? true : undefined),
      120_000,
    );
    await probe('authoring.focusEditor');
    const widget = page().locator('.editor-widget.suggest-widget');
    const rows = widget.locator('.monaco-list-row');
    await page().keyboard.press('Escape');
    await page().keyboard.press('Control+Space');
    // The list is virtual: only the first rows exist in the DOM.
    await rows.filter({ hasText: 'caption' }).first().waitFor({ timeout: 15_000 });
    const completions = await probe<string[]>('authoring.completions');
    await page().keyboard.type('tit');
    await rows.filter({ hasText: 'title' }).first().waitFor({ timeout: 10_000 });
    const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    // Ctrl+Space on an open suggest widget toggles the selected item's documentation.
    const details = page().locator('.suggest-details').filter({ hasText: 'largest heading' });
    await waitFor(
      'the documentation of st.title',
      async () => {
        if (await details.isVisible()) return true;
        await page().keyboard.press('Control+Space');
        return details.waitFor({ timeout: 3_000 }).then(
          () => true,
          () => undefined,
        );
      },
      20_000,
    );
    return { labels, completions, details: await details.innerText() };
  }

  test("typing st. in the scaffolded TypeScript app lists st's commands with their docs", async () => {
    // Line 5 of the app above: `export default function app(st: St): void {`
    const { labels, completions, details } = await suggestionsAfterSt('apps/report.ts', 5);
    assert.ok(labels.includes('title'), `suggested: ${labels.join(', ')}`);
    for (const command of everyCommand) assert.ok(completions.includes(command), `st.${command} is suggested`);
    assert.match(details, /A title: the largest heading\./);
  });

  test('and in a scaffolded JavaScript app (JSDoc type)', async () => {
    await probe('executeCommand', ['componentHost.newApp', { language: 'javascript', name: 'plain' }]);
    await openView();
    await view.locator('h1', { hasText: 'plain' }).waitFor({ timeout: 20_000 });
    // Line 3 of the JavaScript template: `export default function app(st) {`
    const { labels, completions, details } = await suggestionsAfterSt('apps/plain.js', 3);
    assert.ok(labels.includes('title'), `suggested: ${labels.join(', ')}`);
    for (const command of everyCommand) assert.ok(completions.includes(command), `st.${command} is suggested`);
    assert.match(details, /A title: the largest heading\./);
  });

  test('a thrown error: a Problems diagnostic and a link in the view that opens the line; the next good run clears it', async () => {
    await probe('app.select', 'apps/report.ts');
    await openView();
    await view.getByText('Written outside, Ada.').waitFor({ timeout: 15_000 });
    const failing = `export function total(values: number[]): number {\n  if (values.length > 2) throw new RangeError('too many values');\n  return 0;\n}\n`;
    await probe('app.editAndSave', ['apps/lib/numbers.ts', failing]);
    const error = view.getByTestId('app-error');
    await error.filter({ hasText: 'RangeError: too many values' }).waitFor({ timeout: 15_000 });
    const links = view.getByTestId('app-error-location');
    assert.match(await links.first().innerText(), /^apps\/lib\/numbers\.ts:2:\d+$/);
    assert.match(await links.nth(1).innerText(), /^apps\/report\.ts:8:\d+$/);
    assert.deepEqual(await probe('authoring.diagnostics', 'apps/lib/numbers.ts'), [
      { message: 'RangeError: too many values', line: 2, source: 'Component Host' },
    ]);
    await probe('executeCommand', ['workbench.actions.view.problems']);
    await page().locator('.markers-panel .monaco-list-row', { hasText: 'too many values' }).first().waitFor({ timeout: 15_000 });

    await probe('executeCommand', ['workbench.action.closeAllEditors']);
    await links.first().click();
    await waitFor('the editor opened at the throw', async () => {
      const at = await probe<{ file: string; line: number } | null>('authoring.activeEditor');
      return at?.file === 'apps/lib/numbers.ts' && at.line === 2 ? true : undefined;
    });

    await probe('app.editAndSave', [
      'apps/lib/numbers.ts',
      `export function total(values: number[]): number {\n  return values.length;\n}\n`,
    ]);
    await view.getByText('Total: 3').waitFor({ timeout: 15_000 });
    assert.equal(await error.count(), 0);
    assert.deepEqual(await probe('authoring.diagnostics', 'apps/lib/numbers.ts'), []);
  });

  test('a syntax error in an imported module points at its line', async () => {
    await openView();
    await probe('app.editAndSave', ['apps/lib/greeting.ts', `export const greeting = (name: string): string =>;\n`]);
    await view.getByTestId('app-error').filter({ hasText: 'SyntaxError' }).waitFor({ timeout: 15_000 });
    assert.match(await view.getByTestId('app-error-location').first().innerText(), /^apps\/lib\/greeting\.ts:1:\d+$/);
    assert.equal((await probe<unknown[]>('authoring.diagnostics', 'apps/lib/greeting.ts')).length, 1);
    await probe('app.editAndSave', ['apps/lib/greeting.ts', `export const greeting = (name: string): string => \`Hi \${name}\`;\n`]);
    await view.getByText('Hi Ada').waitFor({ timeout: 15_000 });
  });

  test('Select App lists apps only: no component bundles, no imported modules, no declarations', async () => {
    await bed().runCommand('Component Host: Select App');
    const rows = page().locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'apps/report.ts' }).first().waitFor({ timeout: 15_000 });
    const listed = await rows.allInnerTexts();
    await page().keyboard.press('Escape');
    const text = listed.join('\n');
    for (const app of ['apps/report.ts', 'apps/plain.js', 'apps/counter.js', 'apps/tasks.ts', 'Browse…']) {
      assert.ok(text.includes(app), `${app} in:\n${text}`);
    }
    for (const notApp of ['components/', 'lib/', '.d.ts', 'hello.ts']) assert.ok(!text.includes(notApp), `${notApp} not in:\n${text}`);
  });
  test('st.cacheData in the view: a hit on Rerun App, a new value after its ttl, and Clear Cache; st.stop() ends the run quietly', async () => {
    const cachedApp = [
      `import type { St } from 'component-host';`,
      'let computed = 0;',
      'export default function app(st: St): void {',
      '  const greet = st.cacheData((name: string) => `computed ${++computed} for ${name}`, { ttl: 5 });',
      `  st.text(greet('ada'));`,
      '  st.stop();',
      `  st.text('after the stop');`,
      '}',
      '',
    ].join('\n');
    await probe('authoring.writeFile', ['apps/cached.ts', cachedApp]);
    await probe('app.select', 'apps/cached.ts');
    await openView();
    await view.getByText('computed 1 for ada').waitFor({ timeout: 20_000 });
    const computedAt = Date.now();
    const root = view.getByTestId('app-root');
    const rerun = async () => {
      const runs = Number(await root.getAttribute('data-runs'));
      await probe('executeCommand', ['componentHost.rerunApp']);
      await waitFor('the rerun', async () => (Number(await root.getAttribute('data-runs')) > runs ? true : undefined));
    };
    await rerun();
    assert.ok(Date.now() - computedAt < 5000, 'the rerun came within the ttl (else this proves nothing)');
    assert.equal(await view.getByText('computed 1 for ada').count(), 1, 'a cache hit: the value of the first run');
    assert.equal(await root.getAttribute('data-status'), 'done', 'st.stop() is no error');
    assert.equal(await view.getByText('after the stop').count(), 0);

    await new Promise((r) => setTimeout(r, Math.max(0, computedAt + 5500 - Date.now())));
    await rerun();
    await view.getByText('computed 2 for ada').waitFor({ timeout: 15_000 });

    await bed().runCommand('Component Host: Clear Cache');
    await view.getByText('computed 3 for ada').waitFor({ timeout: 15_000 });
  });
});

/**
 * Workspace apps as developers write them: TypeScript and ES modules with local imports and
 * packages, loaded from real files; the import graph decides which saves rerun; syntax and runtime
 * errors point at the user's file and line.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphWatcher } from '../../src/authoring/graphWatcher';
import { AppModuleLoader, contentHash } from '../../src/authoring/moduleLoader';
import { mapStack } from '../../src/authoring/stackMap';
import { AppSourceError } from '../../src/authoring/transpile';
import type { Element } from '../../protocol';
import type { App } from '../../src/app/st';
import { appHarness } from '../support/appHarness';

/** One run through the real runner: its elements, or its error as the runner reports it. */
async function runApp(app: App): Promise<Element[]> {
  const h = appHarness(app);
  await h.runner.request();
  await h.runner.idle();
  const render = h.last()!;
  if (render.error) throw Object.assign(new Error(render.error.message), { stack: render.error.stack });
  return render.elements;
}

function workspace(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'ch-authoring-')));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const app = `import type { St } from 'component-host';
import { shout } from './lib/format.ts';
import data from './lib/data';
import pad from 'left-pad-fake';

export default function app(st: St): void {
  const rows: number[] = data.rows;
  st.title(shout('report'));
  st.text(pad(String(rows.length), 3));
}
`;

describe('AppModuleLoader', () => {
  test('a TypeScript app with two local imports and a package from node_modules runs', async () => {
    const root = workspace({
      'apps/report.ts': app,
      'apps/lib/format.ts': `export const shout = (s: string): string => s.toUpperCase() + '!';\n`,
      'apps/lib/data.mjs': `export default { rows: [1, 2, 3] };\n`,
      'node_modules/left-pad-fake/index.js': `module.exports = (s, n) => s.padStart(n, '0');\n`,
    });
    const loader = new AppModuleLoader(root);
    const elements = await runApp(loader.load(join(root, 'apps/report.ts')));
    assert.deepEqual(
      elements.map((e) => ('text' in e ? e.text : e.kind)),
      ['REPORT!', '003'],
    );
    assert.deepEqual([...loader.files].map((f) => loader.relative(f)).sort(), [
      'apps/lib/data.mjs',
      'apps/lib/format.ts',
      'apps/report.ts',
    ]);
  });

  test('the graph is cached until one of its files changes; saving an import invalidates it', async () => {
    const root = workspace({
      'apps/a.ts': `import { label } from './lib/label';\nexport default (st: { text(t: string): void }) => st.text(label);\n`,
      'apps/lib/label.ts': `export const label = 'one';\n`,
      'apps/other.ts': `export default () => {};\n`,
    });
    const loader = new AppModuleLoader(root);
    const entry = join(root, 'apps/a.ts');
    const first = loader.load(entry);
    assert.equal(loader.load(entry), first, 'unchanged graph: the same app function');
    assert.equal(loader.invalidate(join(root, 'apps/other.ts')), false, 'a file outside the graph');
    writeFileSync(join(root, 'apps/lib/label.ts'), `export const label = 'two';\n`);
    assert.equal(loader.invalidate(join(root, 'apps/lib/label.ts')), true, 'an imported module is in the graph');
    const second = loader.load(entry);
    assert.notEqual(second, first);
    assert.deepEqual(
      (await runApp(second)).map((e) => ('text' in e ? e.text : '')),
      ['two'],
    );
  });

  test('a syntax error names the file and line, and that file stays in the graph', () => {
    const root = workspace({
      'apps/a.ts': `import { f } from './lib/broken';\nexport default () => f();\n`,
      'apps/lib/broken.ts': `export const f = () => 1;\nexport const g = (: number) => 2;\n`,
    });
    const loader = new AppModuleLoader(root);
    assert.throws(
      () => loader.load(join(root, 'apps/a.ts')),
      (err: unknown) => err instanceof AppSourceError && err.file === join(root, 'apps/lib/broken.ts') && err.line === 2,
    );
    assert.ok(loader.files.has(join(root, 'apps/lib/broken.ts')), 'saving the broken module reruns the app');
    const { locations } = mapStack(
      (() => {
        try {
          loader.load(join(root, 'apps/a.ts'));
        } catch (err) {
          return (err as Error).stack!;
        }
        return '';
      })(),
      loader.positions(),
    );
    // `(: number)`: the colon is column 19.
    assert.deepEqual(locations[0], { file: 'apps/lib/broken.ts', line: 2, column: 19 });
  });

  test('a runtime error in an imported module maps to its line; extension frames are dropped', async () => {
    const root = workspace({
      'apps/a.ts': `import { check } from './lib/check';\n\nexport default function app(st: unknown): void {\n  check(st as object);\n}\n`,
      'apps/lib/check.ts': [
        'interface Shape {',
        '  size: number;',
        '}',
        'export function check(value: object): void {',
        '  const shape = value as Shape;',
        "  const limit: number = 1; if (shape.size > limit || shape) throw new RangeError('too big');",
        '}',
        '',
      ].join('\n'),
    });
    const loader = new AppModuleLoader(root);
    const err = await runApp(loader.load(join(root, 'apps/a.ts'))).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    assert.ok(err);
    assert.match(err.message, /^RangeError: too big/);
    const { stack, locations } = mapStack(err.stack!, loader.positions());
    assert.deepEqual(
      locations.map((l) => `${l.file}:${l.line}`),
      ['apps/lib/check.ts:6', 'apps/a.ts:4'],
    );
    // V8 points at `new`: column 67 in the TypeScript source (sucrase removed `: number` before it).
    assert.equal(locations[0]!.column, 67, 'the column in the TypeScript source');
    assert.ok(!stack.includes(root), 'paths are workspace-relative');
    assert.match(stack, /^RangeError: too big\n {4}at check \(apps\/lib\/check\.ts:6:67\)/);
  });

  test('a module that breaks after a good load is located by its new error, not by its old source map', () => {
    const root = workspace({ 'apps/a.ts': `const n: number = 1;\nexport default () => n;\n` });
    const loader = new AppModuleLoader(root);
    const entry = join(root, 'apps/a.ts');
    loader.load(entry);
    writeFileSync(entry, `const n: number = 1;\nexport default () => n +;\n`);
    loader.invalidate(entry);
    const err = (() => {
      try {
        loader.load(entry);
      } catch (e) {
        return e as AppSourceError;
      }
      throw new Error('expected a syntax error');
    })();
    assert.ok(err instanceof AppSourceError);
    assert.deepEqual(mapStack(err.stack!, loader.positions()).locations, [{ file: 'apps/a.ts', line: 2, column: err.column }]);
  });

  test('CommonJS apps (module.exports) still load', async () => {
    const root = workspace({ 'apps/c.js': `module.exports = (st) => st.text('cjs');\n` });
    const loader = new AppModuleLoader(root);
    assert.deepEqual(
      (await runApp(loader.load(join(root, 'apps/c.js')))).map((e) => ('text' in e ? e.text : '')),
      ['cjs'],
    );
  });
});

describe('AppModuleLoader transform cache', () => {
  test('a file saved or touched without a change is not transformed again; a change is', () => {
    const root = workspace({
      'apps/a.ts': `import { label } from './lib/label';\nexport default (st: { text(t: string): void }) => st.text(label);\n`,
      'apps/lib/label.ts': `export const label: string = 'one';\n`,
    });
    const loader = new AppModuleLoader(root);
    const entry = join(root, 'apps/a.ts');
    const label = join(root, 'apps/lib/label.ts');
    loader.load(entry);
    assert.deepEqual({ ...loader.lastLoad, transformMs: 0 }, { reloaded: true, transformed: 2, transformMs: 0, evaluated: 2 });
    writeFileSync(label, `export const label: string = 'one';\n`); // the same text again
    loader.invalidate(label);
    loader.load(entry);
    assert.equal(loader.lastLoad.transformed, 0, 'same text: both transforms from the cache');
    assert.equal(loader.lastLoad.evaluated, 2, 'the graph is still evaluated again');
    writeFileSync(label, `export const label: string = 'two';\n`);
    loader.invalidate(label);
    loader.load(entry);
    assert.equal(loader.lastLoad.transformed, 1, 'only the changed module');
    assert.equal(loader.load(entry), loader.load(entry));
    assert.equal(loader.lastLoad.reloaded, false);
  });
});

describe('GraphWatcher', () => {
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await settle(10);
    assert.ok(check(), what);
  }

  test('a write equal to the open document reruns at once, and its save event is then skipped', async () => {
    const root = workspace({ 'apps/a.ts': 'export default () => 1;\n', 'apps/lib/b.ts': 'export const b = 1;\n' });
    const b = join(root, 'apps/lib/b.ts');
    const open = new Map<string, string>();
    const changed: string[] = [];
    const watcher = new GraphWatcher({
      openDocument: (f) => (open.has(f) ? { text: open.get(f)!, dirty: true } : undefined),
      changed: (f) => changed.push(f),
      warn: assert.fail,
    });
    try {
      watcher.track(
        new Map([
          [join(root, 'apps/a.ts'), contentHash('export default () => 1;\n')],
          [b, contentHash('export const b = 1;\n')],
        ]),
      );
      open.set(b, 'export const b = 2;\n'); // the editor holds the new text; the save writes it
      writeFileSync(b, 'export const b = 2;\n');
      await until(() => changed.length === 1, 'one rerun for the write');
      assert.deepEqual(changed, [b]);
      assert.equal(watcher.alreadyRan(b, 'export const b = 2;\n'), true, 'the save event of that text is skipped');
      assert.equal(watcher.alreadyRan(b, 'export const b = 2;\n'), false, 'only once');
      open.set(b, 'export const b = 3; // unsaved\n');
      writeFileSync(b, 'export const b = 3;\n'); // disk differs from the editor: left to the save event
      await settle(150);
      assert.deepEqual(changed, [b]);
      assert.equal(watcher.alreadyRan(b, 'export const b = 3;\n'), false, 'the save event reruns');
      writeFileSync(join(root, 'apps/lib/c.ts'), 'not in the graph\n');
      await settle(150);
      assert.deepEqual(changed, [b], 'a file outside the graph');
    } finally {
      watcher.dispose();
    }
  });

  test('a file written by another tool reruns once it is quiet; writing the loaded text again does not', async () => {
    const root = workspace({ 'apps/a.ts': 'export default () => 1;\n' });
    const a = join(root, 'apps/a.ts');
    const changed: string[] = [];
    const watcher = new GraphWatcher({ openDocument: () => undefined, changed: (f) => changed.push(f), warn: assert.fail, quietMs: 50 });
    try {
      watcher.track(new Map([[a, contentHash('export default () => 1;\n')]]));
      writeFileSync(a, 'export default () => 1;\n');
      await settle(150);
      assert.deepEqual(changed, [], 'the text it was loaded from');
      writeFileSync(a, 'export default () =>');
      await settle(10);
      writeFileSync(a, 'export default () => 2;\n');
      await until(() => changed.length > 0, 'a rerun after the writes');
      await settle(100);
      assert.deepEqual(changed, [a], 'one rerun for a burst of writes');
      assert.equal(watcher.alreadyRan(a, 'export default () => 2;\n'), false, 'no save event is expected for it');
    } finally {
      watcher.dispose();
    }
  });
});

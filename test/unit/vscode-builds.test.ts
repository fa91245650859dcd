/**
 * The end-to-end matrix stays true to the manifest: its oldest build is the oldest VS Code that
 * engines.vscode allows, the newest is newer, every listed suite exists, and the test bed and the
 * provisioning script agree on where each build lives.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { vscodeBuild } from '../support/vscodeBuild';

const root = resolve(__dirname, '..', '..');
const table = JSON.parse(readFileSync(join(root, 'scripts', 'vscode-builds.json'), 'utf8')) as {
  builds: Record<string, { vscode: string; e2e: 'all' | string[] }>;
  default: string;
};
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { vscode: string } };
const minor = (version: string) => Number(/^\^?1\.(\d+)\./.exec(version)?.[1]);

test('the oldest build is the oldest VS Code engines.vscode allows; the newest is newer', () => {
  assert.equal(minor(table.builds.oldest!.vscode), minor(manifest.engines.vscode));
  assert.ok(minor(table.builds.newest!.vscode) > minor(table.builds.oldest!.vscode));
  assert.equal(table.builds.newest!.e2e, 'all', 'the newest build runs every end-to-end suite');
  assert.equal(table.default, 'newest');
});

test('every suite listed for a build exists', () => {
  for (const [name, build] of Object.entries(table.builds)) {
    if (build.e2e === 'all') continue;
    for (const suite of build.e2e) assert.ok(existsSync(join(root, 'test', 'e2e', `${suite}.e2e.test.ts`)), `${name}: ${suite}`);
  }
});

test('the test bed finds each build where scripts/provision.mjs installs it', async () => {
  const scripts = (await import(join(root, 'scripts', 'vscodeBuilds.mjs'))) as {
    vscodeBuild(name: string): { entry: string; nodeBin: string };
  };
  for (const name of Object.keys(table.builds)) {
    const installed = scripts.vscodeBuild(name);
    const used = vscodeBuild(name);
    assert.deepEqual([used.entry, used.nodeBin], [installed.entry, installed.nodeBin], name);
  }
  assert.throws(() => vscodeBuild('no-such-build'), /no such VS Code build/);
});

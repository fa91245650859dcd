/**
 * The component file server over real HTTP: only registered folders under the secret prefix, only
 * front-end file types, no dotfiles (directly or through a symlink), and a file that cannot be opened
 * is a 404 while the server keeps serving (checked in a child process running as an unprivileged
 * user, since root can open a mode-000 file).
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ComponentServer } from '../../src/components/componentServer';

let dir: string;
let server: ComponentServer;

function makeComponentFolder(root: string): void {
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(join(root, '.git'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<p>component</p>');
  writeFileSync(join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(root, '.git', 'config'), '[core]');
  writeFileSync(join(root, 'key.pem'), 'PRIVATE');
  writeFileSync(join(root, 'locked.js'), 'locked');
  symlinkSync(join(root, '.env'), join(root, 'env.js'));
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'component-host-serve-'));
  makeComponentFolder(join(dir, 'comp'));
  writeFileSync(join(dir, 'outside.js'), 'outside');
  symlinkSync(join(dir, 'outside.js'), join(dir, 'comp', 'out.js'));
  server = new ComponentServer();
  await server.start();
  server.register('comp', join(dir, 'comp'));
});
after(() => {
  server.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string) => fetch(url).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.text() }));

test('a registered folder is served under the secret prefix, with the frame headers', async () => {
  const index = await get(server.urlFor('comp'));
  assert.equal(index.status, 200);
  assert.equal(index.body, '<p>component</p>');
  assert.equal(index.headers.get('cross-origin-resource-policy'), 'cross-origin');
  assert.match(index.headers.get('content-security-policy') ?? '', /script-src http:\/\/127\.0\.0\.1:\d+\/c\/[\w-]{24}\/comp\//);
  assert.equal((await get(server.urlFor('comp', 'assets/main.js'))).status, 200);
  const secret = new URL(server.urlFor('comp')).pathname.split('/')[2]!;
  assert.ok(secret.length >= 24);
  const guessed = `http://127.0.0.1:${server.port}/c/comp/index.html`;
  assert.equal((await get(guessed)).status, 404, 'without the secret prefix: not found');
  assert.equal((await get(`http://127.0.0.1:${server.port}/c/${secret.slice(0, -1)}x/comp/index.html`)).status, 404);
});

test('dotfiles, other file types, symlinks to either or out of the folder: 404', async () => {
  for (const path of [
    '.env',
    '.git/config',
    'assets/../.env',
    '%2eenv',
    'key.pem',
    'env.js',
    'out.js',
    '../outside.js',
    '%2e%2e/outside.js',
    'assets',
  ]) {
    const answer = await get(server.urlFor('comp', path));
    assert.equal(answer.status, 404, path);
    assert.doesNotMatch(answer.body, /SECRET|PRIVATE|outside|core/);
  }
});

test('a file that cannot be opened is a 404, and the server keeps serving', { skip: process.platform === 'win32' }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'component-host-locked-'));
  try {
    chmodSync(folder, 0o755);
    makeComponentFolder(join(folder, 'comp'));
    chmodSync(join(folder, 'comp', 'locked.js'), 0o000);
    const script = `
      const { ComponentServer } = require(${JSON.stringify(resolve(__dirname, '../../src/components/componentServer.ts'))});
      const s = new ComponentServer();
      s.start().then(() => {
        s.register('comp', process.argv[1]);
        console.log(JSON.stringify({ locked: s.urlFor('comp', 'locked.js'), index: s.urlFor('comp') }));
      });
      process.on('uncaughtException', (e) => { console.error('uncaught', e.code); process.exit(3); });`;
    const root = resolve(__dirname, '../..');
    const asUser = typeof process.getuid === 'function' && process.getuid() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, join(folder, 'comp')], {
      cwd: root,
      ...asUser,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const line = await new Promise<string>((ok, fail) => {
        createInterface({ input: child.stdout! }).once('line', ok);
        child.once('exit', (code) => fail(new Error(`child exited ${code}`)));
      });
      const urls = JSON.parse(line) as { locked: string; index: string };
      assert.equal((await get(urls.locked)).status, 404);
      assert.equal((await get(urls.index)).status, 200, 'still serving');
      assert.equal(child.exitCode, null, 'the server process is alive');
    } finally {
      child.kill();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

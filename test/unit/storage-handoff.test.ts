/** A host given `<id>-1` (another host of the workspace holds `<id>`) starts from the newest session state; the store writes only what changed. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from '../../src/storage/fileStore';
import { takeOverNewest } from '../../src/storage/storageHandoff';

const EXT = 'component-host.component-host';

function layout() {
  const root = mkdtempSync(join(tmpdir(), 'handoff-'));
  const folder = (name: string) => join(root, name, EXT);
  const write = (name: string, content: string, secondsAgo: number) => {
    mkdirSync(folder(name), { recursive: true });
    const file = join(folder(name), 'state.json');
    writeFileSync(file, content);
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(file, t, t);
  };
  return { folder, write, read: (name: string) => readFileSync(join(folder(name), 'state.json'), 'utf8') };
}

test('a host in <id>-1 starts from the state the busy host of <id> wrote last', () => {
  const { folder, write, read } = layout();
  write('abc', 'old host', 1);
  write('other', 'another workspace', 0);
  takeOverNewest(folder('abc-1'), 'state.json');
  assert.equal(read('abc-1'), 'old host');
});

test('back in <id> after that, the host starts from what <id>-1 wrote since; its own newer file is kept', () => {
  const { folder, write, read } = layout();
  write('abc', 'before', 10);
  write('abc-1', 'after the handoff', 5);
  write('abc-12', 'not a sibling name? it is one', 20);
  takeOverNewest(folder('abc'), 'state.json');
  assert.equal(read('abc'), 'after the handoff');
  write('abc', 'newest', 0);
  takeOverNewest(folder('abc'), 'state.json');
  assert.equal(read('abc'), 'newest');
  write('abcd', 'a different id', -5);
  takeOverNewest(folder('abc'), 'state.json');
  assert.equal(read('abc'), 'newest', '"abcd" is not a folder of workspace "abc"');
});

test('a session store update that changes nothing is not written again; a change is', () => {
  const folder = mkdtempSync(join(tmpdir(), 'store-'));
  const store = new FileStore(folder, 'state.json');
  void store.update('a', { n: 1 });
  void store.update('a', { n: 1 });
  assert.equal(store.writes, 1);
  void store.update('a', { n: 2 });
  assert.equal(store.writes, 2);
  assert.deepEqual(JSON.parse(readFileSync(join(folder, 'state.json'), 'utf8')), { a: { n: 2 } });
});

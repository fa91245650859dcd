/** Component notifier events are part of the session: stored, read back after a reload, bounded, validated. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { COMPONENT_EVENT_MAX_CHARS, COMPONENT_EVENTS_KEY, ComponentEventLog } from '../../src/app/componentEventLog';
import { COMPONENT_EVENT_LIMIT } from '../../src/app/componentEvents';
import { FileStore } from '../../src/storage/fileStore';

function withFolder(fn: (folder: string) => void): void {
  const folder = mkdtempSync(join(tmpdir(), 'event-log-'));
  try {
    fn(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test('events survive a new log on the same file (a window reload), newest first, numbering going on', () =>
  withFolder((folder) => {
    const first = new ComponentEventLog(new FileStore(folder, 'session-state.json'));
    first.add('c', 'status', { state: 'busy', detail: 'forced update #1' }, 1);
    first.add('c', 'action', { action: 'open' }, 2);
    const reloaded = new ComponentEventLog(new FileStore(folder, 'session-state.json'));
    assert.deepEqual(
      reloaded.list().map((e) => [e.seq, e.event]),
      [
        [2, 'action'],
        [1, 'status'],
      ],
    );
    reloaded.add('c', 'error', { message: 'x' });
    assert.equal(reloaded.list()[0]!.seq, 3);
    reloaded.clear();
    assert.deepEqual(new ComponentEventLog(new FileStore(folder, 'session-state.json')).list(), []);
  }));

test('bounded by count and by size, oldest dropped first', () => {
  const store = new Map<string, unknown>();
  const storage = { get: (k: string) => store.get(k), update: async (k: string, v: unknown) => void store.set(k, v) };
  const log = new ComponentEventLog(storage);
  for (let i = 0; i < COMPONENT_EVENT_LIMIT + 10; i++) log.add('c', 'action', { action: `a${i}` });
  assert.equal(log.list().length, COMPONENT_EVENT_LIMIT);
  assert.equal((log.list().at(-1)!.payload as { action: string }).action, 'a10');
  log.add('c', 'report', { title: 'big', data: 'x'.repeat(COMPONENT_EVENT_MAX_CHARS - 1000) });
  assert.ok(JSON.stringify(store.get(COMPONENT_EVENTS_KEY)).length <= COMPONENT_EVENT_MAX_CHARS);
  assert.equal(log.list()[0]!.event, 'report', 'the newest is kept');
  assert.ok(log.list().length < COMPONENT_EVENT_LIMIT);
});

test('a damaged or forged stored log is dropped with a warning, not trusted', () =>
  withFolder((folder) => {
    for (const bad of [
      'not a list',
      [{ seq: 1, at: 1, component: 'c', event: 'steal', payload: {} }],
      [{ seq: 1, at: 1, component: 'c', event: 'status', payload: { state: 'hacked' } }],
    ]) {
      writeFileSync(join(folder, 'session-state.json'), JSON.stringify({ [COMPONENT_EVENTS_KEY]: bad }));
      const warnings: string[] = [];
      const log = new ComponentEventLog(new FileStore(folder, 'session-state.json'), (m) => warnings.push(m));
      assert.deepEqual(log.list(), []);
      assert.equal(warnings.length, 1);
    }
    assert.match(readFileSync(join(folder, 'session-state.json'), 'utf8'), /hacked/, 'reading never rewrites the file');
  }));

test('a failing store is reported, and the event is still listed', () => {
  const warnings: string[] = [];
  const log = new ComponentEventLog(
    {
      get: () => undefined,
      update: () => {
        throw new Error('disk full');
      },
    },
    (m) => warnings.push(m),
  );
  log.add('c', 'action', { action: 'x' });
  assert.equal(log.list().length, 1);
  assert.match(warnings[0] ?? '', /disk full/);
});

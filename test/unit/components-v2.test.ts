/** Streamlit v2 components on the host: identity, default, state vs triggers, callbacks, batching. */
import { beforeEach, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { appHarness, HISTORY } from '../support/appHarness';
import type { St } from '../../src/app/st';
import type { ComponentV2Element } from '../../protocol';

const JS = 'export default () => {}';
/** Each harness has its own event ledger, so each test numbers its events from 1. */
let seq = 0;
const v2Event = (widgetId: string, ...changes: { kind: 'state' | 'trigger'; name: string; value: unknown }[]) => ({
  type: 'event' as const,
  history: HISTORY,
  seq: ++seq,
  widgetId,
  value: { changes },
});
beforeEach(() => {
  seq = 0;
});

function counterApp(log: { results: Record<string, unknown>[]; calls: string[] }, options: { key?: string } = { key: 'c' }) {
  return (st: St) => {
    const counter = st.components.v2.component<{ count: number; clicked: number }>('counter', { js: JS, html: '<b></b>' });
    const result = counter({
      ...options,
      data: { n: 1 },
      default: { count: 5 },
      onChange: { count: (v) => void log.calls.push(`count=${String(v)}`), clicked: (v) => void log.calls.push(`clicked=${String(v)}`) },
    });
    log.results.push({ ...result });
  };
}

test('a mount returns its default in the first run (no extra run) and is in session state under its key', async () => {
  const log = { results: [] as Record<string, unknown>[], calls: [] as string[] };
  const h = appHarness(counterApp(log));
  await h.runner.request();
  assert.equal(h.runner.runs, 1);
  assert.deepEqual(log.results, [{ count: 5, clicked: null }]);
  assert.deepEqual(h.state.user.c, { count: 5, clicked: null });
  const element = h.last()!.elements[0] as ComponentV2Element;
  assert.equal(element.kind, 'component_v2');
  assert.equal(element.id, 'key:c');
  assert.deepEqual(element.data, { dataType: 'json', json: { n: 1 } });
  assert.equal(element.isolateStyles, true);
  assert.equal(element.height, 'content');
});

test('a state value persists across reruns and runs its callback only when it changed', async () => {
  const log = { results: [] as Record<string, unknown>[], calls: [] as string[] };
  const h = appHarness(counterApp(log));
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'state', name: 'count', value: 6 }));
  await h.runner.idle();
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'state', name: 'count', value: 6 })); // unchanged
  await h.runner.idle();
  assert.deepEqual(log.calls, ['count=6']);
  assert.deepEqual(
    log.results.map((r) => r.count),
    [5, 6, 6, 6],
  );
  assert.equal(h.rejected.length, 0);
});

test('session state under the key already holds the new value when the run starts', async () => {
  const before: unknown[] = [];
  const h = appHarness((st) => {
    before.push((st.sessionState.c as { count?: number } | undefined)?.count);
    st.components.v2.component('counter', { js: JS })({ key: 'c', default: { count: 0 } });
  });
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'state', name: 'count', value: 1 }));
  await h.runner.idle();
  assert.deepEqual(before, [undefined, 1]);
});

test('a trigger is seen by exactly one run, is null afterwards, and runs its callback every time', async () => {
  const log = { results: [] as Record<string, unknown>[], calls: [] as string[] };
  const h = appHarness(counterApp(log));
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'trigger', name: 'clicked', value: 1 }));
  await h.runner.idle();
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'trigger', name: 'clicked', value: 1 }));
  await h.runner.idle();
  assert.deepEqual(
    log.results.map((r) => r.clicked),
    [null, 1, null, 1],
  );
  assert.deepEqual(log.calls, ['clicked=1', 'clicked=1']);
});

test('calls in quick succession: state is batched (latest wins), no trigger is lost', async () => {
  const log = { results: [] as Record<string, unknown>[], calls: [] as string[] };
  const h = appHarness(counterApp(log));
  await h.runner.request();
  const runsBefore = h.runner.runs;
  h.handler.receive(
    v2Event(
      'key:c',
      { kind: 'state', name: 'count', value: 7 },
      { kind: 'trigger', name: 'clicked', value: 1 },
      { kind: 'state', name: 'count', value: 8 },
      { kind: 'trigger', name: 'clicked', value: 2 },
    ),
  );
  h.handler.receive(v2Event('key:c', { kind: 'trigger', name: 'clicked', value: 3 }));
  await h.runner.idle();
  const seen = log.results.slice(1);
  assert.deepEqual(
    seen.map((r) => r.clicked),
    [1, 2, 3],
    'each trigger seen by one run',
  );
  assert.ok(
    seen.every((r) => r.count === 8),
    'state: the latest value',
  );
  assert.equal(h.runner.runs - runsBefore, 3);
  assert.deepEqual(log.calls, ['count=7', 'clicked=1', 'count=8', 'clicked=2', 'clicked=3']);
});

test('a superseded run does not spend a trigger, and callbacks do not run twice', async () => {
  let release: (() => void) | undefined;
  let runs = 0;
  const seen: unknown[] = [];
  const calls: unknown[] = [];
  const h = appHarness(async (st) => {
    runs++;
    const r = st.components.v2.component('c', { js: JS })({ key: 'c', onChange: { go: (v) => void calls.push(v) } });
    seen.push(r.go);
    if (runs === 2) await new Promise<void>((resolve) => (release = resolve));
    st.text('after');
  });
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'trigger', name: 'go', value: 'x' }));
  while (!release) await new Promise((r) => setTimeout(r, 5));
  void h.runner.request(); // supersedes run 2
  release();
  await h.runner.idle();
  assert.equal(h.runner.discarded, 1);
  assert.deepEqual(seen, [null, 'x', 'x']);
  assert.deepEqual(calls, ['x']);
});

test('identity: keyed mounts keep their id when data changes; unkeyed ones get a new one; identical unkeyed mounts are a clear error', async () => {
  let data = 1;
  const ids: string[] = [];
  const h = appHarness((st) => {
    const c = st.components.v2.component('c', { js: JS });
    c({ key: 'k', data });
    c({ data });
    ids.push(...h.runner.lastElements.map((e) => e.id));
  });
  await h.runner.request();
  data = 2;
  await h.runner.request();
  const elements = (n: number) => h.renders.filter((r) => r.status === 'done')[n]!.elements.map((e) => e.id);
  assert.equal(elements(0)[0], 'key:k');
  assert.equal(elements(1)[0], 'key:k');
  assert.notEqual(elements(0)[1], elements(1)[1], 'an unkeyed mount with new data is a new instance');

  const dup = appHarness((st) => {
    const c = st.components.v2.component('twin', { js: JS });
    c({ data: 1 });
    c({ data: 1 });
  });
  await dup.runner.request();
  assert.equal(dup.last()?.status, 'error');
  assert.match(dup.last()?.error?.message ?? '', /Two identical mounts of component "twin".*key/);
});

test('bytes data travels beside the node, by digest; bad registrations and bad values get clear errors', async () => {
  const h = appHarness((st) => {
    st.components.v2.component('b', { js: JS })({ key: 'b', data: new Uint8Array([1, 2, 255]) });
  });
  await h.runner.request();
  const element = h.last()!.elements[0] as ComponentV2Element;
  assert.equal(element.data.dataType, 'bytes');
  const blob = (element.data as { blob: string }).blob;
  assert.match(blob, /^[0-9a-f]{32}$/);
  assert.deepEqual([...(element.payload?.[blob] ?? [])], [1, 2, 255]);
  h.handler.receive({
    type: 'event',
    history: HISTORY,
    seq: ++seq,
    widgetId: 'key:b',
    value: { changes: [{ kind: 'state', name: '', value: 1 }] },
  });
  h.handler.receive({ type: 'event', history: HISTORY, seq: ++seq, widgetId: 'key:b', value: { changes: [] } });
  h.handler.receive({ type: 'event', history: HISTORY, seq: ++seq, widgetId: 'key:b', value: 7 });
  await h.runner.idle();
  assert.equal(h.rejected.length, 3);
  assert.ok(h.rejected.every((r) => r.error.code === 'invalid-message'));

  for (const [name, definition, pattern] of [
    ['bad name!', { js: JS }, /component name/],
    ['nojs', { js: '' }, /give it a js module/],
    ['file', { js: { path: 'x.js' } }, /files can only be read in VS Code/],
  ] as const) {
    const bad = appHarness((st) => void st.components.v2.component(name, definition)());
    await bad.runner.request();
    assert.match(bad.last()?.error?.message ?? '', pattern);
  }
});

test('a keyed instance not mounted in a completed run loses its state; mounted again it starts from default (as Streamlit 1.64)', async () => {
  const seen: unknown[] = [];
  let show = true;
  const h = appHarness((st) => {
    if (show) seen.push({ ...st.components.v2.component('counter', { js: JS })({ key: 'c', default: { count: 5 } }) });
    else seen.push(st.sessionState.c);
  });
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'state', name: 'count', value: 9 }));
  await h.runner.idle();
  show = false;
  await h.runner.request();
  assert.equal(h.state.widgets['key:c'], undefined, 'the front-end state is gone');
  assert.equal(h.state.user.c, undefined, 'the keyed result is gone from session state');
  show = true;
  await h.runner.request();
  // As in Streamlit, the run that does not mount it still sees the value; the drop comes at its end.
  assert.deepEqual(seen, [{ count: 5 }, { count: 9 }, { count: 9 }, { count: 5 }]);
  assert.deepEqual((h.store.get('session') as { widgets: Record<string, unknown> }).widgets, {}, 'the drop was saved');
});

test('a run stopped by st.rerun() before a mount drops nothing; a trigger of a dropped instance is not replayed', async () => {
  const seen: unknown[] = [];
  let mode: 'show' | 'rerun-then-show' | 'hide' = 'show';
  const h = appHarness((st) => {
    if (mode === 'rerun-then-show') {
      mode = 'show';
      st.rerun();
    }
    if (mode === 'show') seen.push({ ...st.components.v2.component('counter', { js: JS })({ key: 'c', onChange: { go: () => {} } }) });
  });
  await h.runner.request();
  h.handler.receive(v2Event('key:c', { kind: 'state', name: 'count', value: 2 }));
  await h.runner.idle();
  mode = 'rerun-then-show';
  await h.runner.request();
  assert.deepEqual(seen.at(-1), { count: 2, go: null }, 'kept through the st.rerun() run');
  h.handler.receive(v2Event('key:c', { kind: 'trigger', name: 'go', value: 1 }, { kind: 'trigger', name: 'go', value: 2 }));
  mode = 'hide';
  await h.runner.idle();
  mode = 'show';
  await h.runner.request();
  assert.deepEqual(seen.at(-1), { go: null }, 'fresh, and the second trigger was not replayed into the new instance');
});

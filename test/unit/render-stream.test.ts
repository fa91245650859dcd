/**
 * Streamed, incremental rendering: the host's diff and the view's apply agree (every diff applied to
 * the view's state gives the host's target), changes cost what changed, stale tails follow Streamlit,
 * and the runner streams a run once per frame, stops a superseded one at once, and fills placeholders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyChanges,
  diffTrees,
  emptyTree,
  flatten,
  parseViewNode,
  RenderMessage,
  withStaleTail,
  type Element,
  type FlatTree,
  type ViewState,
} from '../../protocol';
import { RenderStream } from '../../src/app/renderStream';
import type { RenderOutput } from '../../src/app/appRunner';
import { appHarness } from '../support/appHarness';

const text = (id: string, t = id): Element => ({ kind: 'text', id, text: t });
const expander = (id: string, children: Element[]): Element => ({ kind: 'expander', id, label: id, expanded: false, slots: [children] });
const columns = (id: string, cols: Element[][]): Element => ({ kind: 'columns', id, count: cols.length, slots: cols });

function mirror(tree: FlatTree): {
  nodes: Record<string, unknown>;
  slots: Record<string, readonly string[]>;
  stale: Record<string, number>;
} {
  const slots = Object.fromEntries([...tree.slots].filter(([, ids]) => ids.length > 0));
  return { nodes: Object.fromEntries([...tree.nodes].map(([id, n]) => [id, n.node])), slots, stale: Object.fromEntries(tree.stale) };
}
function viewOf(state: ViewState) {
  const slots = Object.fromEntries([...state.slots].filter(([, ids]) => ids.length > 0));
  return { nodes: Object.fromEntries(state.nodes), slots, stale: Object.fromEntries(state.stale) };
}

/** A random tree: leaves and containers, ids positional (as st gives them) or keyed. */
function randomTree(seed: number): Element[] {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
  const build = (path: string, depth: number): Element[] =>
    Array.from({ length: rnd(6) }, (_, i): Element => {
      const id = rnd(5) === 0 ? `key:w${rnd(8)}-${path}` : `${path}${i}`;
      const kind = depth < 2 ? rnd(5) : 0;
      if (kind === 1) return expander(id, build(`${id}/`, depth + 1));
      if (kind === 2) return columns(id, [build(`${id}/0/`, depth + 1), build(`${id}/1/`, depth + 1)]);
      return text(id, `t${rnd(3)}`);
    });
  // Keyed ids must be unique in a run, as st enforces.
  const seen = new Set<string>();
  const dedupe = (list: Element[]): Element[] =>
    list.filter((e) => !seen.has(e.id) && seen.add(e.id)).map((e) => ('slots' in e ? { ...e, slots: e.slots.map(dedupe) } : e));
  return dedupe(build('', 0));
}

test('every diff applied to the view gives the host target, through 300 random steps with stale tails', () => {
  const view: ViewState = { nodes: new Map(), slots: new Map(), stale: new Map(), tables: new Map(), blobs: new Map() };
  let shown = emptyTree();
  for (let step = 0; step < 300; step++) {
    const current = flatten(randomTree(step * 7 + 1));
    const target = step % 3 === 0 ? withStaleTail(current, shown) : current;
    const changes = diffTrees(shown, target);
    // The changes survive the wire format (what the webview parses).
    const message = RenderMessage.parse({
      type: 'render',
      mode: 'patch',
      from: step,
      to: step + 1,
      runId: step,
      app: 't',
      status: 'running',
      stats: { runs: 1, eventsHandled: 0, coalesced: 0, durationMs: 1 },
      ...JSON.parse(JSON.stringify(changes)),
    });
    const applied = applyChanges(view, message, parseViewNode);
    assert.ok(applied.ok, `step ${step}`);
    assert.deepEqual(viewOf(view), mirror(target), `step ${step}`);
    shown = target;
  }
});

test('one changed text in a 5 000-element app is one node set, a few hundred bytes', () => {
  const app = (n: number) => Array.from({ length: 5000 }, (_, i) => text(String(i), i === 2500 ? `clicked ${n}` : `row ${i}`));
  const changes = diffTrees(flatten(app(1)), flatten(app(2)));
  assert.equal(changes.set.length, 1);
  assert.deepEqual([changes.splice, changes.drop, changes.dropSlots], [[], [], []]);
  assert.ok(JSON.stringify(changes).length < 300, JSON.stringify(changes));
});

test('a streaming run shows the previous run beyond what it reached, stale, as Streamlit does (position replaces position)', () => {
  const before = flatten([
    text('0'),
    { kind: 'slider', id: 'slider:x', label: 'x', value: 1, min: 0, max: 9, step: 1, disabled: false },
    text('2'),
    expander('3', [text('3/0'), text('3/1')]),
  ]);
  const partial = withStaleTail(flatten([text('0', 'new'), text('1')]), before);
  assert.deepEqual(partial.slots.get(''), ['0', '1', '2', '3']); // slider:x was at position 1: replaced
  assert.equal(partial.stale.get(''), 2);
  assert.deepEqual(partial.slots.get('3#0'), ['3/0', '3/1']); // a stale container keeps its subtree
  // Reaching the expander: its own children are fresh up to where the run is.
  const deeper = withStaleTail(flatten([text('0'), text('1'), text('2'), expander('3', [text('3/0', 'new')])]), before);
  assert.deepEqual(deeper.slots.get('3#0'), ['3/0', '3/1']);
  assert.equal(deeper.stale.get('3#0'), 1);
  assert.equal(deeper.stale.has(''), false);
  // A widget the new run declared elsewhere leaves its stale place.
  const moved = withStaleTail(
    flatten([{ kind: 'slider', id: 'slider:x', label: 'x', value: 2, min: 0, max: 9, step: 1, disabled: false }]),
    before,
  );
  assert.deepEqual(moved.slots.get(''), ['slider:x', '2', '3']);
});

test('an invalid node from the host becomes an error element in its place; changes that do not fit are refused', () => {
  const view: ViewState = { nodes: new Map(), slots: new Map(), stale: new Map(), tables: new Map(), blobs: new Map() };
  const ok = applyChanges(
    view,
    {
      set: [{ kind: 'text', id: 'a', text: 42 }],
      splice: [{ slot: '', at: 0, remove: 0, insert: ['a'] }],
      drop: [],
      dropSlots: [],
      stale: {},
    },
    parseViewNode,
  );
  assert.ok(ok.ok);
  assert.equal(view.nodes.get('a')?.kind, 'error');
  const bad = applyChanges(
    view,
    { set: [], splice: [{ slot: '', at: 0, remove: 5, insert: [] }], drop: [], dropSlots: [], stale: {} },
    parseViewNode,
  );
  assert.equal(bad.ok, false);
  assert.deepEqual(view.slots.get(''), ['a'], 'a refused change leaves the state as it was');
});

test('the render stream numbers its patches and gives a snapshot of what it last sent', () => {
  const stream = new RenderStream();
  const output = (runId: number, elements: Element[], partial?: true): RenderOutput => ({
    runId,
    app: 't',
    status: partial ? 'running' : 'done',
    elements,
    ...(partial ? { partial } : {}),
    stats: { runs: runId, eventsHandled: 0, coalesced: 0, durationMs: 0 },
  });
  const first = stream.next(output(1, [text('0'), text('1')]));
  assert.deepEqual([first.from, first.to, first.set.length], [0, 1, 2]);
  const partial = stream.next(output(2, [text('0', 'x')], true));
  assert.deepEqual([partial.from, partial.to, partial.stale], [1, 2, { '': 1 }]);
  const done = stream.next(output(2, [text('0', 'x')]));
  assert.deepEqual([done.drop, done.stale, done.set], [['1'], {}, []]);
  const snapshot = stream.snapshot()!;
  assert.equal(snapshot.mode, 'snapshot');
  assert.equal(snapshot.to, 3);
  assert.deepEqual(snapshot.splice, [{ slot: '', at: 0, remove: 0, insert: ['0'] }]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a slow run streams its elements as it goes, once per frame at most, then its final state', async () => {
  const h = appHarness(async (st) => {
    st.title('first');
    await sleep(60);
    for (let i = 0; i < 20; i++) st.text(`line ${i}`); // one frame, not twenty messages
    await sleep(60);
    st.text('last');
  });
  await h.runner.request();
  await h.runner.idle();
  const partials = h.renders.filter((r) => r.partial);
  assert.ok(partials.length >= 2 && partials.length <= 4, `${partials.length} partial renders`);
  assert.deepEqual(
    partials[0]!.elements.map((e) => e.id),
    ['0'],
  );
  assert.equal(h.last()!.elements.length, 22);
});

test('a run superseded while it waits is let go at once: the new run does not wait for it', async () => {
  let slowRuns = 0;
  const h = appHarness(async (st) => {
    const n = st.numberInput('n');
    st.text(`n=${n}`);
    if (n === 0) {
      slowRuns++;
      await sleep(3000);
      st.text('never shown');
    }
  });
  void h.runner.request();
  await sleep(30);
  const started = performance.now();
  h.handler.receive({ type: 'event', history: 'test-history-1', seq: 1, widgetId: 'number_input:n', value: 5 });
  await h.runner.idle();
  assert.ok(performance.now() - started < 1000, 'the new run did not wait for the sleeping one');
  assert.equal(slowRuns, 1);
  assert.deepEqual(
    h.last()!.elements.map((e) => (e.kind === 'text' ? e.text : e.kind)),
    ['number_input', 'n=5'],
  );
  assert.ok(!h.renders.some((r) => r.elements.some((e) => e.kind === 'text' && e.text === 'never shown')));
});

test('st.empty is overwritten in place; progress bars move; writeStream grows one element and returns the text', async () => {
  const seen: string[] = [];
  const h = appHarness(async (st) => {
    const place = st.empty();
    for (const v of ['a', 'b', 'c']) {
      place.text(v);
      await sleep(25);
    }
    const bar = st.progress(0, 'start');
    bar.progress(0.5, 'half');
    async function* tokens() {
      for (const t of ['Hel', 'lo', ' world']) {
        await sleep(20);
        yield t;
      }
    }
    const all = await st.writeStream(tokens);
    st.caption(String(all));
  });
  const off = setInterval(() => {
    const last = h.renders.at(-1);
    const place = last?.elements[0];
    if (place && 'slots' in place) seen.push(place.slots[0]!.map((e) => (e.kind === 'text' ? e.text : '')).join());
  }, 5);
  await h.runner.request();
  await h.runner.idle();
  clearInterval(off);
  const final = h.last()!.elements;
  assert.ok(seen.includes('a') && seen.includes('b'), `the placeholder showed each value: ${[...new Set(seen)].join(' ')}`);
  assert.deepEqual(final[0], { kind: 'container', id: '0', border: false, slots: [[{ kind: 'text', id: '0/0', text: 'c' }]] });
  assert.deepEqual(final[1], { kind: 'progress', id: '1', value: 0.5, text: 'half' });
  assert.deepEqual(final[2], { kind: 'markdown', id: '2', text: 'Hello world' });
  assert.deepEqual(final[3], { kind: 'caption', id: '3', text: 'Hello world' });
  const streamed = h.renders
    .filter((r) => r.partial)
    .map((r) => r.elements[2])
    .filter((e) => e?.kind === 'markdown');
  assert.ok(streamed.length >= 1, 'the text was shown before the stream ended');
});

test('st.status turns complete when its work returns and error when it throws; st.spinner goes away', async () => {
  const h = appHarness(async (st) => {
    const n = await st.status('Loading', async (box) => {
      box.text('step 1');
      return 7;
    });
    const spun = await st.spinner('Thinking', async () => n * 2);
    st.text(String(spun));
    const manual = st.status('Manual', { expanded: true });
    manual.update({ label: 'Done', state: 'complete' });
  });
  await h.runner.request();
  await h.runner.idle();
  const [box, spinner, value, manual] = h.last()!.elements;
  assert.deepEqual(box, {
    kind: 'status',
    id: '0',
    label: 'Loading',
    state: 'complete',
    expanded: false,
    slots: [[{ kind: 'text', id: '0/0', text: 'step 1' }]],
  });
  assert.deepEqual(spinner, { kind: 'container', id: '1', border: false, slots: [[]] });
  assert.deepEqual(value, { kind: 'text', id: '2', text: '14' });
  assert.deepEqual(manual, { kind: 'status', id: '3', label: 'Done', state: 'complete', expanded: true, slots: [[]] });

  const failing = appHarness(async (st) => {
    await st.status('Failing', async () => {
      throw new Error('boom');
    });
  });
  await failing.runner.request();
  await failing.runner.idle();
  assert.match(failing.last()!.error!.message, /boom/);
  const streamed = failing.renders.flatMap((r) => r.elements).find((e) => e.kind === 'status');
  assert.ok(!streamed || streamed.kind === 'status');
});

test('a widget streamed by a run still going accepts events (its record is the running one)', async () => {
  let release: () => void = () => undefined;
  const h = appHarness(async (st) => {
    st.checkbox('early');
    await new Promise<void>((r) => (release = r));
  });
  void h.runner.request();
  await sleep(40);
  h.handler.receive({ type: 'event', history: 'test-history-1', seq: 1, widgetId: 'checkbox:early', value: true });
  assert.deepEqual(h.rejected, []);
  await sleep(20); // the event superseded the waiting run; let the next one start, then let it end
  release();
  await h.runner.idle();
  assert.equal(h.state.widgets['checkbox:early'], true);
});

void emptyTree;

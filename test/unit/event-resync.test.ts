/**
 * Exactly-once events across reloads, windows and storage folders: the webview's Outbox against the
 * host's EventHandler, connected in memory. Whatever the two sides remember, every event is applied
 * once, none the host never applied is lost, and the view never wedges.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { HostToWebview, WidgetEvent } from '../../protocol';
import { Outbox, type OutboxChannel } from '../../webview/outbox';
import { appHarness } from '../support/appHarness';

/** A webview document: its state survives a reload (as VS Code's getState does); `deliver` decides what reaches the host. */
class FakeDocument implements OutboxChannel {
  sent: WidgetEvent[] = [];
  constructor(public state: Record<string, unknown> = {}) {}
  send(event: WidgetEvent): void {
    this.sent.push(event);
  }
  getState<T>(): T | undefined {
    return structuredClone(this.state) as T;
  }
  patchState(patch: Record<string, unknown>): void {
    this.state = { ...this.state, ...patch };
  }
}

function counterApp() {
  const h = appHarness((st) => {
    const n = st.numberInput('n', { key: 'n' });
    st.text(`n=${n}`);
  });
  return h;
}

/** Load a document: ready → the host's acks for earlier histories → the outbox re-sends what was never applied. */
async function load(h: ReturnType<typeof counterApp>, state: Record<string, unknown>) {
  await settled(); // the outbox saves its state once per task
  const doc = new FakeDocument(structuredClone(state));
  const outbox = new Outbox(doc);
  for (const history of outbox.previousHistories) outbox.ack(h.handler.ackFor(history));
  return { doc, outbox };
}

const settled = () => new Promise((r) => setImmediate(r));
const deliver = (h: ReturnType<typeof counterApp>, events: WidgetEvent[]) => events.splice(0).forEach((e) => h.handler.receive(e));
const acksTo = (outbox: Outbox, h: ReturnType<typeof counterApp>) =>
  h.acks.splice(0).forEach((a) => outbox.ack(a as Extract<HostToWebview, { type: 'ack' }>));

test('a reload in the middle of a burst: what the host applied is not sent again, the rest is', async () => {
  const h = counterApp();
  await h.runner.request();
  const first = await load(h, {});
  for (let i = 1; i <= 10; i++) first.outbox.send('key:n', i);
  deliver(h, first.doc.sent.splice(0, 6)); // six arrive, then the document reloads before any ack
  first.doc.sent.length = 0;
  await h.runner.idle();

  const second = await load(h, first.doc.state);
  deliver(h, second.doc.sent);
  await h.runner.idle();
  assert.equal(h.runner.eventsHandled, 10, 'each of the ten applied exactly once');
  assert.equal(h.state.widgets['key:n'], 10, 'the last value wins');
  await new Promise((r) => setImmediate(r));
  acksTo(second.outbox, h);
  assert.equal(second.outbox.pending, 0);
});

test('another storage folder (the host remembers nothing): the events are applied, and new ones work', async () => {
  const h = counterApp();
  await h.runner.request();
  // A document whose state holds events of a history this host never saw, numbered up to 7.
  const stale = new FakeDocument({
    outbox: {
      current: {
        history: 'h-from-another-window',
        next: 8,
        unacked: [5, 6, 7].map((seq) => ({ type: 'event', history: 'h-from-another-window', seq, widgetId: 'key:n', value: seq * 10 })),
      },
    },
  });
  const { doc, outbox } = await load(h, stale.state);
  deliver(h, doc.sent);
  await h.runner.idle();
  assert.deepEqual(h.rejected, [], 'no out-of-order refusals: nothing wedges');
  assert.equal(h.state.widgets['key:n'], 70);
  outbox.send('key:n', 3);
  deliver(h, doc.sent);
  await h.runner.idle();
  assert.equal(h.state.widgets['key:n'], 3, 'a click after the reload reaches the app');
});

test('the host applied more of a history than this copy of the document knows: nothing is applied twice', async () => {
  const h = counterApp();
  await h.runner.request();
  const a = await load(h, {});
  a.outbox.send('key:n', 1);
  a.outbox.send('key:n', 2);
  await settled();
  const copied = structuredClone(a.doc.state); // a second tab restored from this state, before any ack
  deliver(h, a.doc.sent);
  await h.runner.idle();
  const b = await load(h, copied);
  deliver(h, b.doc.sent);
  await h.runner.idle();
  assert.equal(h.runner.eventsHandled, 2, 'the copy re-sent nothing the host had applied');
  // Both documents go on in histories of their own: their numbers never collide.
  a.outbox.send('key:n', 5);
  b.outbox.send('key:n', 6);
  deliver(h, [...a.doc.sent, ...b.doc.sent]);
  await h.runner.idle();
  assert.equal(h.runner.eventsHandled, 4);
  assert.deepEqual(h.rejected, []);
});

test('a gap in a history: the host says what it applied, the outbox renumbers, the events arrive', async () => {
  const h = counterApp();
  await h.runner.request();
  const { doc, outbox } = await load(h, {});
  outbox.send('key:n', 1);
  outbox.send('key:n', 2);
  outbox.send('key:n', 3);
  doc.sent.shift(); // event 1 never reaches the host
  deliver(h, doc.sent);
  await new Promise((r) => setImmediate(r));
  assert.ok(h.rejected.length >= 1, 'the gap is reported');
  acksTo(outbox, h); // the resync ack: renumbered from 1
  deliver(h, doc.sent);
  await h.runner.idle();
  assert.equal(h.state.widgets['key:n'], 3);
  assert.equal(h.runner.eventsHandled, 3, 'all three applied once');
});

test('a 10 000-event burst across a reload: each applied once', async () => {
  const h = counterApp();
  await h.runner.request();
  const first = await load(h, {});
  for (let i = 1; i <= 10_000; i++) first.outbox.send('key:n', i);
  deliver(h, first.doc.sent.splice(0, 4_321));
  first.doc.sent.length = 0;
  await h.runner.idle();
  const second = await load(h, first.doc.state);
  deliver(h, second.doc.sent);
  await h.runner.idle();
  assert.equal(h.runner.eventsHandled, 10_000);
  assert.equal(h.state.widgets['key:n'], 10_000);
});

test('a click: its render goes out before the state write starts, and its ack only once the write has landed', async () => {
  const order: string[] = [];
  const writes: (() => void)[] = [];
  const h = appHarness(
    (st) => {
      st.text(`n=${st.numberInput('n', { key: 'n' })}`);
      order.push('render');
    },
    {
      write: () => {
        order.push('write');
        return new Promise<void>((resolve) => writes.push(resolve));
      },
    },
  );
  const run = h.runner.request();
  while (writes.length === 0) await settled();
  writes.shift()!();
  await run;
  order.length = 0;
  h.handler.receive({ type: 'event', history: 'h1', seq: 1, widgetId: 'key:n', value: 5 });
  while (writes.length === 0) await settled();
  assert.equal(order[0], 'render', 'the render first');
  assert.ok(order.length > 1 && order.slice(1).every((o) => o === 'write'), `then the writes: ${order.join(', ')}`);
  // Event 2 arrives while event 1's write is under way: the first ack covers only event 1.
  h.handler.receive({ type: 'event', history: 'h1', seq: 2, widgetId: 'key:n', value: 6 });
  await settled();
  assert.deepEqual(h.acks, [], 'no ack before the write has landed');
  writes.shift()!();
  while (h.acks.length === 0) await settled();
  assert.deepEqual(h.acks, [{ type: 'ack', history: 'h1', upTo: 1 }]);
  // Let every later write land: event 2 gets its own ack.
  while (h.acks.length < 2) {
    writes.splice(0).forEach((land) => land());
    await settled();
  }
  assert.deepEqual(h.acks.at(-1), { type: 'ack', history: 'h1', upTo: 2 });
  // Land every write until the runner is idle (its run waits for its own write).
  let idle = false;
  void h.runner.idle().then(() => (idle = true));
  while (!idle) {
    writes.splice(0).forEach((land) => land());
    await settled();
  }
  assert.deepEqual(h.last()?.elements.at(-1), { id: '1', kind: 'text', text: 'n=6' }, 'the last render shows the last event');
});

test('a resync ack, like every ack, goes only once what it names as applied is on disk', async () => {
  const writes: (() => void)[] = [];
  const h = appHarness((st) => void st.text(`n=${st.numberInput('n', { key: 'n' })}`), {
    write: () => new Promise<void>((resolve) => writes.push(resolve)),
  });
  const land = async () => {
    writes.splice(0).forEach((resolve) => resolve());
    await settled();
  };
  const run = h.runner.request();
  while (writes.length === 0) await settled();
  await land();
  await run;
  h.handler.receive({ type: 'event', history: 'h1', seq: 1, widgetId: 'key:n', value: 5 });
  // Event 3 comes before event 2, while event 1's write has not landed: the view is told to renumber…
  h.handler.receive({ type: 'event', history: 'h1', seq: 3, widgetId: 'key:n', value: 7 });
  await settled();
  assert.deepEqual(h.acks, [], 'no ack, not even a resync, before the write of event 1 has landed');
  while (!h.acks.some((a) => (a as { resync?: boolean }).resync)) await land();
  // …and what the resync names as applied (event 1) was in a write that landed.
  assert.deepEqual(
    h.acks.find((a) => (a as { resync?: boolean }).resync),
    { type: 'ack', history: 'h1', upTo: 1, resync: true },
  );
  let idle = false;
  void h.runner.idle().then(() => (idle = true));
  while (!idle) await land();
});

/** The webview's batching of a v2 component's setStateValue/setTriggerValue calls. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BURST, ChangeBatcher, MAX_PENDING, REFILL_MS } from '../../webview/components/changeBatcher';
import type { V2Change } from '../../protocol';

const state = (name: string, value: number): V2Change => ({ kind: 'state', name, value });
const trigger = (name: string, value: number): V2Change => ({ kind: 'trigger', name, value });

test('calls made together become one event: the latest state per name, every trigger in order', async () => {
  const events: V2Change[][] = [];
  const b = new ChangeBatcher(
    (c) => events.push(c),
    () => assert.fail('nothing dropped'),
  );
  b.add(state('a', 1));
  b.add(trigger('t', 1));
  b.add(state('a', 2));
  b.add(trigger('t', 2));
  b.add(state('b', 1));
  await Promise.resolve();
  assert.deepEqual(events, [[state('a', 2), state('b', 1), trigger('t', 1), trigger('t', 2)]]);
});

test('a flood is rate-limited (a burst, then one event per refill) and loses no trigger', async () => {
  const events: V2Change[][] = [];
  const b = new ChangeBatcher(
    (c) => events.push(c),
    () => assert.fail('nothing dropped'),
  );
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    b.add(trigger('t', i));
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 5 * REFILL_MS));
  const elapsed = performance.now() - started;
  assert.ok(events.length <= BURST + elapsed / REFILL_MS + 2, `${events.length} events in ${elapsed.toFixed(0)} ms`);
  assert.deepEqual(
    events.flat().map((c) => c.value),
    Array.from({ length: 200 }, (_, i) => i),
  );
});

test('past the pending limit, triggers are dropped and reported; disposed batchers send nothing', async () => {
  const events: V2Change[][] = [];
  let dropped = 0;
  const b = new ChangeBatcher(
    (c) => events.push(c),
    (n) => (dropped += n),
  );
  for (let i = 0; i < MAX_PENDING + 5; i++) b.add(trigger('t', i));
  await Promise.resolve();
  assert.equal(events[0]!.length, MAX_PENDING);
  assert.equal(dropped, 5);
  b.add(state('late', 1));
  b.dispose();
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(events.length, 1);
});
